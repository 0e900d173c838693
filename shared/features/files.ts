/**
 * Evidence files (issue #22): a file is read by whoever may read its record. A report's or
 * plan's file follows the revision that keeps it (P1: a pending change's files stay with the
 * change); any other record's, the audit history's visibility of that record.
 */
import { FileService } from '../services/file-service.js';
import { FileRepository } from '../store/file-repository.js';
import { IdempotencyRepository } from '../store/idempotency-repository.js';
import { defineFeature } from './feature.js';

export const feature = defineFeature({
  name: 'files',
  needs: [],
  build: (ctx) => {
    const reports = ctx.later('reports');
    const audit = ctx.later('audit');
    return {
      files: new FileService(ctx.contexts, ctx.repository(FileRepository), ctx.repository(IdempotencyRepository), ctx.options.files, async (org, actor, record) =>
        record.revision !== undefined && (record.kind === 'report' || record.kind === 'plan')
          ? (await reports()).reports.mayReadRevision(org, actor, record.id, record.revision)
          : (await audit()).audit.mayRead(org, actor, record),
      ),
    };
  },
});
