/** What the parts of the compliance engine share (issue #6): its stores and checks, the errors, the result and view types, and the audit event of a finding. */
import { changeEvent } from '../audit-event.js';
import type { AuditEvent } from '../../domain/assignment.js';
import { UnprocessableError, ValidationError } from '../../domain/errors.js';
import type { Finding, FindingChange } from '../../domain/finding.js';
import type { TableContext } from '../../store/client.js';
import type { FindingRepository, NoticeRecord } from '../../store/finding-repository.js';
import type { OrgContext, OrgContextLoader } from '../org-context.js';
import { complianceJobs, complianceRules, ruleById } from './registry.js';
import type { ComplianceJob, ComplianceRule, JobServices, ScheduledCheck } from './rule.js';

/** The actor of the engine's own audit events. */
export const COMPLIANCE_ACTOR = 'compliance-engine';
/** Who may run a check by hand (POST /v1/checks/run). */
export const CHECK_RUNNER_ROLES = ['director', 'chief-inspector', 'admin'] as const;

export class UnknownRuleError extends ValidationError {
  constructor(
    readonly rule: string,
    known: readonly string[],
  ) {
    super(`There is no compliance rule ${rule}; the rules are ${known.join(', ')}.`, [
      { path: 'body.rule', message: `unknown rule; one of ${known.join(', ')}` },
    ]);
  }
}

export class RuleNotApplicableError extends UnprocessableError {
  constructor(rule: string, orgId: string) {
    super(`The rulebook of ${orgId} has no obligation for rule ${rule}.`, [{ path: 'body.rule', message: 'not in this organisation’s rulebook' }]);
  }
}

export type FindingView = Omit<Finding, 'orgId' | 'periodStart' | 'createdAt' | 'updatedAt'>;

export interface RunResult {
  readonly orgId: string;
  readonly rule: string;
  /** The rule's article; a job cites none. */
  readonly article?: string;
  readonly at: string;
  /** Every finding the run observed or resolved, as stored after the run. */
  readonly findings: FindingView[];
  /** Ids of the findings this run created. */
  readonly created: string[];
  /** Ids of the findings this run resolved as put right. */
  readonly resolved: string[];
  readonly notices: NoticeRecord[];
  /** A job's own account of its run (reminders sent, callbacks queued). */
  readonly summary?: unknown;
}

export interface ComplianceOptions {
  readonly rules?: readonly ComplianceRule[];
  readonly jobs?: readonly ComplianceJob[];
  /** What the jobs drive; a job cannot run without it. */
  readonly jobServices?: JobServices;
  /** After a run created findings (committed, each with its notification): deliver what they notify. */
  readonly afterCreated?: (ctx: OrgContext, findings: readonly Finding[], at: Date) => Promise<void>;
}

export interface FindingFilters {
  rule?: string;
  subjectId?: string;
  unitId?: string;
  period?: string;
  open?: boolean;
  limit: number;
  cursor?: string;
}

export function findingView(f: Finding): FindingView {
  const { orgId, periodStart, createdAt, updatedAt, ...view } = f;
  return view;
}
export class ComplianceCore {
  readonly rules: readonly ComplianceRule[];
  readonly jobs: readonly ComplianceJob[];

  constructor(
    readonly contexts: OrgContextLoader,
    readonly table: TableContext,
    readonly findings: FindingRepository,
    readonly options: ComplianceOptions = {},
  ) {
    this.rules = options.rules ?? complianceRules;
    this.jobs = options.jobs ?? complianceJobs;
  }

  /** A rule or a job, by id; an unknown id is a 400 naming every known one. */
  requireCheck(id: string): ScheduledCheck {
    const check = ruleById(id, this.rules) ?? this.jobs.find((j) => j.id === id);
    if (!check) throw new UnknownRuleError(id, [...this.rules, ...this.jobs].map((c) => c.id));
    return check;
  }

  event(ctx: OrgContext, change: FindingChange, actorId: string, at: Date): AuditEvent {
    return changeEvent(ctx.orgId, 'finding', change, actorId, at);
  }

  timeZone(ctx: OrgContext): string {
    return ctx.rulebook.organisation.timeZone;
  }
}
