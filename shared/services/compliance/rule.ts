/**
 * A compliance rule: one module per DOMAIN.md rule, listed once in `registry.ts`. The module
 * says which organisations it applies to, when it runs (local-time schedules derived from the
 * rulebook; `schedules.ts` turns them into EventBridge crons and the `npm start` scheduler), and
 * how it runs: read the data it needs with Query/GetItem (never Scan), then call a pure
 * evaluation (shared/domain/compliance/) that returns observations. The compliance service
 * records the findings, idempotently, and resolves those put right.
 *
 * A job (`ComplianceJob`) runs on the same schedules and entry points but judges nothing: it drives
 * a service that keeps the regulation's deadlines in view (report reminders, e-office overdue
 * callbacks) and returns a summary instead of findings.
 */
import type { Finding } from '../../domain/finding.js';
import type { RuleOutcome } from '../../domain/compliance/outcome.js';
import type { LocalSchedule } from '../../domain/schedule-cron.js';
import type { LocalizedText, Rulebook } from '../../rulebook/schema.js';
import type { TableContext } from '../../store/client.js';
import type { OrgContext } from '../org-context.js';

export interface RuleSchedule {
  /** Names the schedule with the rule: `f2-check`, `f2-reminder`. Lower-case letters, digits, `-`. */
  readonly label: string;
  readonly schedule: LocalSchedule;
}

export interface RuleRunContext {
  /** The organisation's records and rulebook, its calendar and lines of authority. */
  readonly org: OrgContext;
  /** The table, for the rule to build the repositories it reads. */
  readonly table: TableContext;
  /** This rule's open findings in the organisation (one Query): rules re-check them to see what was put right. */
  readonly openFindings: readonly Finding[];
}

export interface ComplianceRule {
  /** The DOMAIN.md rule id: F1, F2, A6, … */
  readonly id: string;
  /** The DOMAIN.md article, used when the rulebook cites none. */
  readonly article: string;
  /** What it checks, for people (CLI, docs). */
  readonly title: string;
  /** Whether the organisation's rulebook has this obligation at all. */
  appliesTo(rulebook: Rulebook): boolean;
  /** The article as this organisation's rulebook cites it. */
  articleIn(rulebook: Rulebook): string;
  /** When it runs, in the organisation's local time. */
  schedules(rulebook: Rulebook): readonly RuleSchedule[];
  /** Its title in Vietnamese and English from the rulebook, for a rule the rulebook's `rules` texts do not list. */
  titleIn?(rulebook: Rulebook): LocalizedText;
  /** Reads what it needs and evaluates at `at`. Must not write: the service records the outcome. */
  run(ctx: RuleRunContext, at: Date): Promise<RuleOutcome>;
}

/** The services a job drives (wired by `buildServices`). */
export interface JobServices {
  readonly reportReminders: { run(orgId: string, at: Date): Promise<unknown> };
  readonly eoffice: { sweepOverdue(orgId: string, now: Date): Promise<unknown> };
}

export interface ComplianceJob {
  readonly kind: 'job';
  /** Upper-case, as a rule id: `REPORT-REMINDERS`. */
  readonly id: string;
  readonly title: string;
  appliesTo(rulebook: Rulebook): boolean;
  schedules(rulebook: Rulebook): readonly RuleSchedule[];
  /** Idempotent, as a rule: a rerun or a double delivery sends and queues nothing twice. */
  run(ctx: { readonly org: OrgContext; readonly services: JobServices }, at: Date): Promise<unknown>;
}

/** What the schedules, the compliance Lambda, `npm run check` and POST /v1/checks/run run. */
export type ScheduledCheck = ComplianceRule | ComplianceJob;

export const isJob = (check: ScheduledCheck): check is ComplianceJob => 'kind' in check && check.kind === 'job';
