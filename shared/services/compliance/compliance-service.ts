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
 */
import { createHash } from 'node:crypto';
import { changeEvent } from '../audit-event.js';
import type { AuditEvent } from '../../domain/assignment.js';
import type { Observation, PutRight } from '../../domain/compliance/outcome.js';
import { toLocalDate } from '../../domain/local-time.js';
import { ForbiddenError, NotFoundError, PreconditionFailedError, UnprocessableError, ValidationError } from '../../domain/errors.js';
import {
  canResolveFinding,
  canSeeFinding,
  detectFinding,
  findingId,
  isOpenFinding,
  putRightFinding,
  resolveFinding,
  type Finding,
  type FindingChange,
} from '../../domain/finding.js';
import { countsFromGoLive, deadlineCountsFromGoLive, parsePeriod, type Period } from '../../domain/periods.js';
import type { TableContext } from '../../store/client.js';
import type { FindingIndex, FindingRepository, NoticeRecord } from '../../store/finding-repository.js';
import { commit } from '../commit.js';
import { auditVisibility } from '../audit-service.js';
import { findingTextNames } from './finding-notifications.js';
import type { OrgContext, OrgContextLoader } from '../org-context.js';
import type { Actor } from '../organisation-service.js';
import { complianceJobs, complianceRules, ruleById } from './registry.js';
import { isJob, type ComplianceJob, type ComplianceRule, type JobServices, type ScheduledCheck } from './rule.js';

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

/** Queries one page of GET /v1/findings may make while filling itself. */
const MAX_LIST_QUERIES = 8;

export function findingView(f: Finding): FindingView {
  const { orgId, periodStart, createdAt, updatedAt, ...view } = f;
  return view;
}

export class ComplianceService {
  readonly rules: readonly ComplianceRule[];
  readonly jobs: readonly ComplianceJob[];

  constructor(
    private readonly contexts: OrgContextLoader,
    private readonly table: TableContext,
    private readonly findings: FindingRepository,
    private readonly options: ComplianceOptions = {},
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

  private async runJob(ctx: OrgContext, job: ComplianceJob, at: Date): Promise<RunResult> {
    if (!job.appliesTo(ctx.rulebook)) throw new RuleNotApplicableError(job.id, ctx.orgId);
    if (!this.options.jobServices) throw new Error(`Job ${job.id} needs its services; this compliance service was built without them.`);
    const summary = await job.run({ org: ctx, services: this.options.jobServices }, at);
    return { orgId: ctx.orgId, rule: job.id, at: at.toISOString(), findings: [], created: [], resolved: [], notices: [], summary };
  }

  private runCheck(ctx: OrgContext, check: ScheduledCheck, at: Date): Promise<RunResult> {
    return isJob(check) ? this.runJob(ctx, check, at) : this.runWith(ctx, check, at);
  }

  private event(ctx: OrgContext, change: FindingChange, actorId: string, at: Date): AuditEvent {
    return changeEvent(ctx.orgId, 'finding', change, actorId, at);
  }


  private timeZone(ctx: OrgContext): string {
    return ctx.rulebook.organisation.timeZone;
  }

  /** Resolves an open finding as put right; retried on a lost race; a finding already resolved stays as it is. */
  private async applyPutRight(ctx: OrgContext, finding: Finding, putRight: PutRight, at: Date): Promise<{ finding: Finding; resolved: boolean }> {
    let first = true;
    const { body } = await commit({
      // The finding as the run read it first; after a lost race, as it is now.
      load: async () => (first ? ((first = false), finding) : ((await this.findings.get(ctx.orgId, finding.id)) ?? finding)),
      decide: (current) => {
        if (!isOpenFinding(current)) return { result: { finding: current, resolved: false } };
        const change = putRightFinding(current, putRight, at);
        return {
          result: { finding: change.next, resolved: true },
          write: () =>
            this.findings.write({
              next: change.next,
              event: this.event(ctx, change, COMPLIANCE_ACTOR, at),
              delta: change.delta,
              expectedVersion: current.version,
              timeZone: this.timeZone(ctx),
            }),
        };
      },
    });
    return body;
  }

  private async runWith(ctx: OrgContext, rule: ComplianceRule, at: Date, options: { resolveOnly?: boolean } = {}): Promise<RunResult> {
    if (!rule.appliesTo(ctx.rulebook)) throw new RuleNotApplicableError(rule.id, ctx.orgId);
    const article = rule.articleIn(ctx.rulebook);
    const timeZone = this.timeZone(ctx);
    const open = await this.findings.listOpenOfRule(ctx.orgId, rule.id);
    if (options.resolveOnly && open.length === 0) {
      return { orgId: ctx.orgId, rule: rule.id, article, at: at.toISOString(), findings: [], created: [], resolved: [], notices: [] };
    }
    const outcome = await rule.run({ org: ctx, table: this.table, openFindings: open }, at);
    const openById = new Map(open.map((f) => [f.id, f]));
    const touched = new Map<string, Finding>();
    const created: string[] = [];
    const resolved: string[] = [];

    const putRight = async (finding: Finding, fix: PutRight) => {
      const result = await this.applyPutRight(ctx, finding, fix, at);
      touched.set(result.finding.id, result.finding);
      if (result.resolved) resolved.push(result.finding.id);
    };

    // Go-live, for every rule at once: a breach in a period that ended before it, or of a deadline up to the go-live day, is not counted.
    const counted = (o: Observation) =>
      countsFromGoLive(parsePeriod(o.period)?.end ?? o.period, ctx.goLiveOn) && (o.dueAt === undefined || deadlineCountsFromGoLive(toLocalDate(o.dueAt, timeZone), ctx.goLiveOn));
    for (const observation of outcome.observations.filter(counted)) {
      const id = findingId(ctx.orgId, rule.id, observation.identity);
      let existing = openById.get(id) ?? (await this.findings.get(ctx.orgId, id));
      if (!existing && options.resolveOnly) continue;
      if (!existing) {
        let fresh = true;
        const { body } = await commit({
          // Another run (a retry, a double delivery) created it meanwhile: use theirs.
          load: async () => (fresh ? ((fresh = false), undefined) : await this.findings.get(ctx.orgId, id)),
          decide: (found) => {
            if (found) return { result: { finding: found, made: false } };
            const change = detectFinding({ id: rule.id, article }, ctx.orgId, observation, at, timeZone);
            return {
              result: { finding: change.next, made: true },
              write: () => this.findings.write({ next: change.next, event: this.event(ctx, change, COMPLIANCE_ACTOR, at), delta: change.delta, timeZone, names: findingTextNames(ctx) }),
            };
          },
        });
        if (body.made) {
          touched.set(id, body.finding);
          created.push(id);
          continue;
        }
        existing = body.finding;
      }
      if (!existing) continue;
      if (observation.putRight && isOpenFinding(existing)) await putRight(existing, observation.putRight);
      else touched.set(id, existing);
    }
    for (const clearance of outcome.clearances ?? []) {
      const existing = openById.get(findingId(ctx.orgId, rule.id, clearance.identity));
      if (existing) await putRight(existing, clearance.putRight);
    }
    if (created.length > 0 && this.options.afterCreated) {
      const createdFindings = created.map((id) => touched.get(id)).filter((f): f is Finding => f !== undefined);
      await this.options.afterCreated(ctx, createdFindings, at);
    }

    const notices: NoticeRecord[] = [];
    if (!options.resolveOnly) {
      for (const notice of outcome.notices ?? []) {
        for (const to of notice.to) {
          const key = notice.key.join('|');
          const record: NoticeRecord = {
            id: `${rule.id}-${createHash('sha256').update([ctx.orgId, rule.id, key, to].join('|')).digest('hex').slice(0, 24)}`,
            orgId: ctx.orgId,
            rule: rule.id,
            key,
            to,
            subjectId: notice.subjectId,
            message: notice.message,
            facts: notice.facts,
            at: at.toISOString(),
          };
          await this.findings.recordNotice(record);
          notices.push(record);
        }
      }
    }
    return {
      orgId: ctx.orgId,
      rule: rule.id,
      article,
      at: at.toISOString(),
      findings: [...touched.values()].sort((a, b) => a.id.localeCompare(b.id)).map(findingView),
      created,
      resolved,
      notices,
    };
  }

  /** Runs one rule (or job) for one organisation at `at` (the schedule's time, or the caller's). */
  async run(orgId: string, ruleId: string, at: Date): Promise<RunResult> {
    const check = this.requireCheck(ruleId);
    return this.runCheck(await this.contexts.load(orgId), check, at);
  }

  /**
   * Re-checks a rule's open findings after a record that may put them right was stored (a late
   * report): resolves what is put right, creates nothing. Best effort: the schedule catches up.
   */
  async recheck(orgId: string, ruleId: string, at: Date): Promise<void> {
    const rule = ruleById(ruleId, this.rules);
    if (!rule) return;
    const ctx = await this.contexts.load(orgId);
    if (rule.appliesTo(ctx.rulebook)) await this.runWith(ctx, rule, at, { resolveOnly: true });
  }

  /**
   * The scheduled run: the rule for every organisation of the province whose rulebook has it.
   * Every organisation is attempted; any failure is rethrown afterwards so EventBridge retries
   * (the organisations that succeeded create nothing twice).
   */
  async runForOrganisations(orgIds: readonly string[], ruleId: string, at: Date): Promise<RunResult[]> {
    const rule = this.requireCheck(ruleId);
    const results: RunResult[] = [];
    const failures: { orgId: string; error: unknown }[] = [];
    for (const orgId of orgIds) {
      try {
        const ctx = await this.contexts.load(orgId);
        if (!rule.appliesTo(ctx.rulebook)) continue;
        results.push(await this.runCheck(ctx, rule, at));
      } catch (error) {
        failures.push({ orgId, error });
      }
    }
    if (failures.length > 0) {
      const first = failures[0]!.error;
      if (failures.length === 1 && first instanceof Error) throw first;
      throw new AggregateError(
        failures.map((f) => f.error),
        `Rule ${ruleId} failed for ${failures.map((f) => f.orgId).join(', ')}`,
      );
    }
    return results;
  }

  /** POST /v1/checks/run: the director, the chief inspector and administrators; never in the future. */
  async runAs(actor: Actor, input: { rule: string; at?: Date }, now: Date): Promise<RunResult> {
    if (!actor.roles.some((r) => (CHECK_RUNNER_ROLES as readonly string[]).includes(r))) {
      throw new ForbiddenError('Only the director, the chief inspector or an administrator may run a compliance check.');
    }
    const check = this.requireCheck(input.rule);
    const at = input.at ?? now;
    if (at.getTime() > now.getTime()) {
      throw new ValidationError('A check cannot judge a time still to come.', [{ path: 'body.at', message: `must not be after ${now.toISOString()}` }]);
    }
    const ctx = await this.contexts.load(actor.orgId);
    const result = await this.runCheck(ctx, check, at);
    return {
      ...result,
      findings: result.findings.filter((f) => canSeeFinding(ctx.authority, actor.staffId, f)),
      notices: result.notices.filter((n) => n.to === actor.staffId || ctx.authority.viewScope(actor.staffId).kind === 'all'),
    };
  }

  private periodOf(value: string | undefined): Period | undefined {
    if (value === undefined) return undefined;
    const period = parsePeriod(value);
    if (!period) {
      throw new ValidationError('Unknown period.', [{ path: 'query.period', message: 'must be a period such as 2026-W48, 2026-11, 2026-Q4, 2026-H2 or 2026' }]);
    }
    return period;
  }

  /** GET /v1/findings: what the caller may see (the director and the chief inspector all; a head their unit's; anyone their own). */
  async list(actor: Actor, filters: FindingFilters): Promise<{ items: FindingView[]; nextCursor?: string }> {
    const ctx = await this.contexts.load(actor.orgId);
    const period = this.periodOf(filters.period);
    const scope = ctx.authority.viewScope(actor.staffId);
    // A filter naming someone or a unit outside the caller's scope answers nothing, before any query.
    const inScope = (unitId: string | undefined) => scope.kind === 'all' || (scope.kind === 'units' && unitId !== undefined && scope.unitIds.includes(unitId));
    if (filters.subjectId && filters.subjectId !== actor.staffId && !inScope(ctx.authority.staff(filters.subjectId)?.unitId)) return { items: [] };
    if (filters.unitId && !inScope(filters.unitId)) return { items: [] };
    let phases: FindingIndex[];
    if (filters.subjectId) phases = [{ kind: 'subject', staffId: filters.subjectId }];
    else if (filters.unitId) phases = [{ kind: 'unit', unitId: filters.unitId }];
    else if (scope.kind === 'all') phases = filters.open ? [{ kind: 'state', state: 'open' }] : [{ kind: 'state', state: 'open' }, { kind: 'state', state: 'resolved' }];
    else if (scope.kind === 'units') {
      phases = scope.unitIds.map((unitId) => ({ kind: 'unit' as const, unitId }));
      if (!scope.unitIds.includes(actor.unitId)) phases.push({ kind: 'subject', staffId: actor.staffId });
    } else phases = [{ kind: 'subject', staffId: actor.staffId }];
    // D4 (Điều 9.1.8): what was reported to the caller (the chief of office), last; a finding an earlier phase lists is not listed twice.
    const reportedPhase = !filters.subjectId && !filters.unitId && scope.kind !== 'all' ? phases.push({ kind: 'reported', staffId: actor.staffId }) - 1 : -1;
    const listedEarlier = (f: Finding) =>
      phases.some((p, i) => i < reportedPhase && (p.kind === 'unit' ? p.unitId === f.unitId : p.kind === 'subject' && p.staffId === f.subjectId));

    // The cursor carries which partition the list has reached: `<phase>.<cursor|start>`.
    let phase = 0;
    let inner: string | undefined;
    if (filters.cursor) {
      const dot = filters.cursor.indexOf('.');
      phase = Number(filters.cursor.slice(0, dot));
      inner = filters.cursor.slice(dot + 1);
      if (dot < 1 || !Number.isInteger(phase) || phase < 0 || phase >= phases.length || !inner) {
        throw new ValidationError('The cursor is not one this list gave out.', [{ path: 'query.cursor', message: 'invalid cursor' }]);
      }
    }
    const keep = (f: Finding) =>
      canSeeFinding(ctx.authority, actor.staffId, f) &&
      (!filters.rule || f.rule === filters.rule) &&
      (!filters.unitId || f.unitId === filters.unitId) &&
      (!filters.subjectId || f.subjectId === filters.subjectId) &&
      (!filters.open || isOpenFinding(f)) &&
      (!period || (f.periodStart >= period.start && f.periodStart <= period.end));
    // Fill the page across partitions (open, then resolved; unit by unit), a few Queries at most.
    const items: FindingView[] = [];
    let nextCursor: string | undefined;
    for (let queries = 0; ; queries++) {
      const page = await this.findings.list({
        orgId: ctx.orgId,
        index: phases[phase]!,
        ...(filters.rule ? { rule: filters.rule } : {}),
        ...(period ? { periodFrom: period.start, periodTo: period.end } : {}),
        limit: filters.limit - items.length,
        ...(inner && inner !== 'start' ? { cursor: inner } : {}),
      });
      const reported = phase === reportedPhase;
      items.push(...page.items.filter((f) => keep(f) && !(reported && listedEarlier(f))).map(findingView));
      if (page.nextCursor) {
        inner = page.nextCursor;
      } else {
        phase += 1;
        inner = 'start';
        if (phase >= phases.length) break;
      }
      if (items.length >= filters.limit || queries >= MAX_LIST_QUERIES) {
        nextCursor = `${phase}.${inner}`;
        break;
      }
    }
    return nextCursor ? { items, nextCursor } : { items };
  }

  private async loadVisible(ctx: OrgContext, actor: Actor, id: string): Promise<Finding> {
    const f = await this.findings.get(ctx.orgId, id);
    if (!f || !canSeeFinding(ctx.authority, actor.staffId, f)) throw new NotFoundError(`There is no finding ${id}.`);
    return f;
  }

  async get(actor: Actor, id: string): Promise<FindingView> {
    const ctx = await this.contexts.load(actor.orgId);
    return findingView(await this.loadVisible(ctx, actor, id));
  }

  /** The finding for its page, and whether the actor may resolve it (the page shows the form only then). */
  async getWithRight(actor: Actor, id: string): Promise<{ finding: FindingView; mayResolve: boolean }> {
    const ctx = await this.contexts.load(actor.orgId);
    const f = await this.loadVisible(ctx, actor, id);
    return { finding: findingView(f), mayResolve: isOpenFinding(f) && canResolveFinding(ctx.authority, actor.staffId, f) };
  }

  /** POST /v1/findings/{id}/resolve: the director, the chief inspector or the subject's superior, with a note. */
  async resolve(actor: Actor, id: string, input: { note: string }, now: Date, ifMatch?: number): Promise<FindingView> {
    const ctx = await this.contexts.load(actor.orgId);
    const { body } = await commit({
      load: async () => {
        const current = await this.loadVisible(ctx, actor, id);
        if (!canResolveFinding(ctx.authority, actor.staffId, current)) {
          throw new ForbiddenError('Only the director, the chief inspector or a superior of the person concerned may resolve a finding (A1).', 'A1');
        }
        return current;
      },
      ifMatch: { expected: ifMatch, current: (f) => f.version },
      stale: (f) =>
        f ? new PreconditionFailedError(`The finding is at version ${f.version}, not ${ifMatch}.`, f.version) : new PreconditionFailedError('The finding changed while it was being resolved.'),
      decide: (current) => {
        const change = resolveFinding(current, { note: input.note, by: actor.staffId }, now);
        return {
          result: findingView(change.next),
          write: () =>
            this.findings.write({ next: change.next, event: this.event(ctx, change, actor.staffId, now), delta: change.delta, expectedVersion: current.version, timeZone: this.timeZone(ctx) }),
        };
      },
    });
    return body;
  }

  /** GET /v1/audit for findings: whoever may see the finding. */
  readonly auditVisibility = auditVisibility(['finding'], async (ctx, actor, entityId) => {
    const f = await this.findings.get(ctx.orgId, entityId, false);
    return f ? canSeeFinding(ctx.authority, actor.staffId, f) : undefined;
  });
}
