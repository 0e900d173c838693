import { requireEnv } from '../../shared/env.js';
import { createServices } from '../../shared/features/container.js';
import { organisationIdsOfProvince } from '../../shared/rulebook/provinces.js';
import type { ComplianceService } from '../../shared/services/compliance/compliance-service.js';
import { createTableContext } from '../../shared/store/client.js';
import type { ComplianceRunner } from './handler.js';

/** Runs a rule for every organisation of the province; an unknown rule or any failure throws (EventBridge retries). */
export function complianceRunner(compliance: ComplianceService, orgIds: readonly string[]): ComplianceRunner {
  return {
    async run(rule, at) {
      const results = await compliance.runForOrganisations(orgIds, rule, at);
      return { findings: results.flatMap((r) => r.findings) };
    },
  };
}

/**
 * In AWS: the table and province from the environment, read once at cold start; the
 * organisations from the province's rulebooks. The compliance feature alone is built, on the
 * first event (a job loads the feature it drives when it runs).
 */
export function deployedComplianceRunner(env: NodeJS.ProcessEnv = process.env): ComplianceRunner {
  const provinceId = requireEnv('PROVINCE_ID', env);
  const orgIds = organisationIdsOfProvince(provinceId);
  if (orgIds.length === 0) throw new Error(`No rulebook for province ${provinceId}`);
  const services = createServices(createTableContext({ tableName: requireEnv('TABLE_NAME', env) }), orgIds[0]!);
  return {
    async run(rule, at) {
      await services.load(['compliance']);
      return complianceRunner(services.compliance, orgIds).run(rule, at);
    },
  };
}
