/**
 * The edges between features that are called on a rare path only, each resolved through the
 * container on first call (ctx.later): a record stored late re-checks its rule's open findings
 * (compliance), and a record's files are claimed in its transaction (files). Building a feature
 * never builds these, so no feature needs another that needs it back.
 */
import type { FileClaim } from '../services/assignment-service.js';
import type { FileService } from '../services/file-service.js';
import type { FeatureContext } from './feature.js';

/** A change that may put a finding right re-checks the rule's open findings (issue #6). */
export function complianceRecheck(ctx: FeatureContext) {
  const compliance = ctx.later('compliance');
  return async (orgId: string, rule: string, at: Date) => (await compliance()).compliance.recheck(orgId, rule, at);
}

/** An assignment's, meeting's or report's files, claimed from the uploads in the change's transaction (issue #22). */
export function fileClaim(ctx: FeatureContext): FileClaim {
  const files = ctx.later('files');
  return async (actor, ids, record, now, kept) => (await files()).files.claim(actor, ids, record, now, 'body.files', kept);
}

/** Finance, leave and e-office documents take files the same way, and e-office documents fetch theirs. */
export function recordFiles(ctx: FeatureContext): Pick<FileService, 'claim' | 'fetchRemote'> {
  const files = ctx.later('files');
  return {
    claim: async (...args) => (await files()).files.claim(...args),
    fetchRemote: async (...args) => (await files()).files.fetchRemote(...args),
  };
}
