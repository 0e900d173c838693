/**
 * The compliance engine: runs a rule for an organisation at an instant and records what it
 * observed as findings, idempotently (deterministic ids, conditional puts: a rerun, a retry or a
 * double EventBridge delivery creates nothing twice), resolving as put right the open findings
 * whose fact has since been put right, never deleting any. Each creation and resolution writes
 * the finding, its audit event and the dashboard counters (`fnd_detected`, `fnd_resolved`, and
 * per rule `fnd_detected_F2`…) in one transaction. Also the findings' list and manual resolution.
 *
 * Jobs (`jobs.ts`) run through the same entry points and schedules; they record no findings and
 * answer with their service's summary.
 *
 * One face over the parts, which the compliance feature builds (shared/features/compliance.ts):
 * `core.ts` (stores, checks, errors, types), `running.ts` (running rules and jobs, recording
 * findings), `finding-reads.ts` (the findings' list, page and resolution).
 */
import type { TableContext } from '../../store/client.js';
import type { FindingRepository } from '../../store/finding-repository.js';
import type { OrgContextLoader } from '../org-context.js';
import { ComplianceCore, type ComplianceOptions } from './core.js';
import { ComplianceFindings } from './finding-reads.js';
import { ComplianceRunning } from './running.js';
export {
  CHECK_RUNNER_ROLES,
  COMPLIANCE_ACTOR,
  findingView,
  RuleNotApplicableError,
  UnknownRuleError,
  type ComplianceOptions,
  type FindingFilters,
  type FindingView,
  type RunResult,
} from './core.js';

export class ComplianceService {
  readonly rules: ComplianceCore['rules'];
  readonly jobs: ComplianceCore['jobs'];
  /** GET /v1/audit for findings: whoever may see the finding. */
  readonly auditVisibility: ComplianceFindings['auditVisibility'];
  private readonly running: ComplianceRunning;
  private readonly reading: ComplianceFindings;

  constructor(
    private readonly core: ComplianceCore,
    parts: { running: ComplianceRunning; reading: ComplianceFindings },
  ) {
    this.rules = core.rules;
    this.jobs = core.jobs;
    this.running = parts.running;
    this.reading = parts.reading;
    this.auditVisibility = parts.reading.auditVisibility;
  }

  // ComplianceCore (core.ts)
  requireCheck(...args: Parameters<ComplianceCore['requireCheck']>) {
    return this.core.requireCheck(...args);
  }

  // ComplianceRunning (running.ts)
  run(...args: Parameters<ComplianceRunning['run']>) {
    return this.running.run(...args);
  }
  recheck(...args: Parameters<ComplianceRunning['recheck']>) {
    return this.running.recheck(...args);
  }
  runForOrganisations(...args: Parameters<ComplianceRunning['runForOrganisations']>) {
    return this.running.runForOrganisations(...args);
  }
  runAs(...args: Parameters<ComplianceRunning['runAs']>) {
    return this.running.runAs(...args);
  }

  // ComplianceFindings (finding-reads.ts)
  list(...args: Parameters<ComplianceFindings['list']>) {
    return this.reading.list(...args);
  }
  get(...args: Parameters<ComplianceFindings['get']>) {
    return this.reading.get(...args);
  }
  getWithRight(...args: Parameters<ComplianceFindings['getWithRight']>) {
    return this.reading.getWithRight(...args);
  }
  resolve(...args: Parameters<ComplianceFindings['resolve']>) {
    return this.reading.resolve(...args);
  }
}

/** The engine with its parts, for callers outside the feature registry (tests, scripts). */
export function complianceService(contexts: OrgContextLoader, table: TableContext, findings: FindingRepository, options: ComplianceOptions = {}): ComplianceService {
  const core = new ComplianceCore(contexts, table, findings, options);
  return new ComplianceService(core, { running: new ComplianceRunning(core), reading: new ComplianceFindings(core) });
}
