import { changeEvent } from './audit-event.js';
import type { Assignment, AuditEvent, Timeliness } from '../domain/assignment.js';
import {
  approveSchedule,
  canApprove,
  canPropose,
  canRecordSession,
  caseAssignmentId,
  caseDueDate,
  hostIssues,
  proposeSchedule,
  receptionUnitOf,
  recordSessionOutcome,
  rescheduleSession,
  returnSchedule,
  reviseSchedule,
  scheduleIdOf,
  type CaseKind,
  type ReceptionCase,
  type ReceptionRules,
  type ReceptionSchedule,
  type ScheduleTransition,
  type SessionInput,
} from '../domain/citizen-reception.js';
import { resolveDeadline } from '../domain/deadlines.js';
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  PreconditionFailedError,
  UnprocessableError,
  ValidationError,
  type FieldIssue,
} from '../domain/errors.js';
import { compareLocalDates, formatInstant, toLocalDate, type LocalDate } from '../domain/local-time.js';
import { parsePeriod } from '../domain/periods.js';
import type { CitizenReceptionRepository } from '../store/citizen-reception-repository.js';
import type { DelegationRepository } from '../store/delegation-repository.js';
import type { IdempotencyRepository } from '../store/idempotency-repository.js';
import type { MeetingRepository } from '../store/meeting-repository.js';
import type { LabelledItem } from '../store/transact.js';
import type { AssignmentService } from './assignment-service.js';
import { auditVisibility } from './audit-service.js';
import { commit } from './commit.js';
import { IdempotentRequest } from './idempotent-request.js';
import type { OrgContext, OrgContextLoader } from './org-context.js';
import type { Actor } from './organisation-service.js';

/** Writes prepared assignments only if absent, and reads them back: the meetings' store does exactly this. */
export type PreparedAssignmentStore = Pick<MeetingRepository, 'createMissing' | 'assignments'>;

export interface CaseInput {
  kind: CaseKind;
  summary: string;
  citizenName?: string;
}

export interface OutcomeInput {
  receivedBy: string;
  otherStaffIds?: string[];
  citizenCount: number;
  note?: string;
  cases?: CaseInput[];
}

export interface RescheduleInput {
  date: LocalDate;
  start?: string;
  end?: string;
  hostId?: string;
  reason: string;
}

export interface CaseView {
  n: number;
  k: number;
  kind: CaseKind;
  receivedOn: LocalDate;
  /** The deadline by the rulebook (or the law) to take the case up. */
  dueDate: LocalDate;
  assignmentId: string;
  state: 'created' | 'pending';
  /** Only for those who may see the assignment (a denunciation is confidential). */
  summary?: string;
  citizenName?: string;
  status?: string;
  timeliness?: Timeliness;
}

export type ScheduleView = Omit<ReceptionSchedule, 'orgId'> & {
  /** When the month's approved schedule is due (C1). */
  dueAt: string;
  approvedOnTime?: boolean;
  cases: CaseView[];
};

const CASE_TITLE: Record<CaseKind, string> = { complaint: 'Thụ lý đơn khiếu nại', denunciation: 'Thụ lý đơn tố cáo' };

function requireMonth(month: string, path = 'path.month') {
  const period = parsePeriod(month);
  if (!period || period.kind !== 'month') throw new ValidationError(`Unknown month '${month}'.`, [{ path, message: 'must be a month YYYY-MM' }]);
  return period;
}

/**
 * Citizen reception (C1, Điều 14): the Inspectorate proposes each month's schedule, the director
 * approves it; a held session's complaints and denunciations become assignments of the
 * Inspectorate, due by the rulebook's deadlines. Cases are written like meeting conclusions: the
 * first transaction records the outcome and the prepared assignments, then each assignment is
 * written if absent under a deterministic id, so a retry completes and duplicates nothing.
 */
export class CitizenReceptionService {
  constructor(
    private readonly contexts: OrgContextLoader,
    private readonly schedules: CitizenReceptionRepository,
    private readonly assignments: AssignmentService,
    private readonly prepared: PreparedAssignmentStore,
    private readonly delegations: DelegationRepository,
    private readonly idempotency: IdempotencyRepository,
    /** Re-checks C1's open findings once a change may have put them right (best effort: the schedule catches up). */
    private readonly recheck: (orgId: string, rule: string, at: Date) => Promise<void> = async () => {},
  ) {}

  private async recheckC1(orgId: string, now: Date): Promise<void> {
    await this.recheck(orgId, 'C1', now).catch(() => undefined);
  }

  rulesOf(ctx: OrgContext, month?: string): ReceptionRules {
    const rulebook = month ? ctx.rulebookOn(`${month}-01`) : ctx.rulebook;
    const rules = rulebook.citizenReception;
    if (!rules) throw new UnprocessableError(`The rulebook of ${ctx.orgId} has no citizen reception (Điều 14).`);
    return rules;
  }

  /** The instant the month's approved schedule is due, by the rulebook in force that month. */
  dueAtOf(ctx: OrgContext, month: string): Date {
    const rulebook = ctx.rulebookOn(`${month}-01`);
    const rules = rulebook.citizenReception;
    if (!rules) throw new UnprocessableError(`The rulebook of ${ctx.orgId} has no citizen reception (Điều 14).`);
    return resolveDeadline(rules.scheduleDeadline, { period: requireMonth(month) }, ctx.calendarOn(`${month}-01`), rulebook.organisation.timeZone);
  }

  private event(ctx: OrgContext, actor: Actor, t: ScheduleTransition, now: Date, onBehalfOf?: string): AuditEvent {
    return changeEvent(ctx.orgId, 'reception-schedule', t, actor.staffId, now, onBehalfOf);
  }


  private checkHosts(ctx: OrgContext, rules: ReceptionRules, sessions: readonly SessionInput[]): void {
    const issues = hostIssues(ctx.authority, sessions.map((s, i) => ({ path: `body.sessions.${i}.hostId`, id: s.hostId })), rules);
    if (issues.length) throw new ValidationError('A session names a host who cannot receive citizens.', issues);
  }

  async propose(
    actor: Actor,
    input: { month: string; sessions: SessionInput[]; note?: string },
    now: Date,
    idempotencyKey?: string,
  ): Promise<{ status: number; body: ScheduleView; replayed: boolean }> {
    const ctx = await this.contexts.load(actor.orgId, now);
    return commit({
      idempotency: new IdempotentRequest({ repository: this.idempotency, orgId: ctx.orgId, scope: `reception.propose.${actor.staffId}`, key: idempotencyKey, input, now }),
      // The month's schedule exists already: a creation does not retry, it refuses.
      raced: [],
      conflict: (part) => (part === 'state' ? new ConflictError(`The schedule of ${input.month} was already proposed: revise it (PUT) instead.`) : undefined),
      decide: () => {
        requireMonth(input.month, 'body.month');
        const rules = this.rulesOf(ctx, input.month);
        const decision = canPropose(ctx.authority, actor.staffId, rules);
        if (!decision.allowed) throw new ForbiddenError(decision.reason, 'C1');
        this.checkHosts(ctx, rules, input.sessions);
        const t = proposeSchedule(
          { id: scheduleIdOf(input.month), orgId: ctx.orgId, month: input.month, sessions: input.sessions, ...(input.note ? { note: input.note } : {}), proposedBy: actor.staffId },
          rules,
          now,
        );
        return {
          result: this.view(ctx, t.next, [], new Map(), actor, now),
          status: 201,
          write: (extra) => this.schedules.write({ next: t.next, event: this.event(ctx, actor, t, now), alsoWrite: extra }),
        };
      },
    });
  }

  /** Loads, checks If-Match, applies the change; a lost race is retried on the fresh state (412 with If-Match). */
  private async mutate<R = undefined>(
    actor: Actor,
    month: string,
    now: Date,
    ifMatch: number | undefined,
    change: (
      s: ReceptionSchedule,
      ctx: OrgContext,
      rules: ReceptionRules,
    ) => Promise<{ t: ScheduleTransition; onBehalfOf?: string; cases?: ReceptionCase[]; alsoWrite?: LabelledItem[]; result?: R; status?: number }>,
    idempotency?: { scope: string; key: string | undefined; input: unknown },
  ): Promise<{ ctx: OrgContext; body: R; replayed: boolean }> {
    const ctx = await this.contexts.load(actor.orgId, now);
    requireMonth(month);
    const rules = this.rulesOf(ctx, month);
    const { body, replayed } = await commit({
      ...(idempotency ? { idempotency: new IdempotentRequest({ repository: this.idempotency, orgId: ctx.orgId, ...idempotency, now }) } : {}),
      load: async () => {
        const current = await this.schedules.get(ctx.orgId, scheduleIdOf(month), true);
        if (!current) throw new NotFoundError(`There is no reception schedule for ${month}.`);
        return current;
      },
      ifMatch: { expected: ifMatch, current: (s) => s.version },
      stale: (s) =>
        s ? new PreconditionFailedError(`The schedule is at version ${s.version}, not ${ifMatch}.`, s.version) : new PreconditionFailedError('The schedule changed while this change was being made.'),
      decide: async (current) => {
        const { t, onBehalfOf, cases, alsoWrite = [], result, status } = await change(current, ctx, rules);
        return {
          result: result as R,
          ...(status ? { status } : {}),
          write: (extra) =>
            this.schedules.write({
              next: t.next,
              event: this.event(ctx, actor, t, now, onBehalfOf),
              expectedVersion: current.version,
              ...(cases ? { cases } : {}),
              alsoWrite: [...alsoWrite, ...extra],
            }),
        };
      },
    });
    return { ctx, body, replayed };
  }

  private async approverDecision(ctx: OrgContext, actor: Actor, rules: ReceptionRules, now: Date) {
    const today = toLocalDate(now, ctx.dueRules.timeZone);
    return canApprove(ctx.authority, actor.staffId, rules, await this.delegations.currentFor(ctx.orgId, actor.staffId, today), today);
  }

  /** Whether the actor may approve or return this month's schedule now (the page shows the decision form only then). */
  async mayDecide(actor: Actor, month: string, now: Date): Promise<boolean> {
    const ctx = await this.contexts.load(actor.orgId, now);
    requireMonth(month);
    const s = await this.schedules.get(ctx.orgId, scheduleIdOf(month));
    return s?.status === 'proposed' && (await this.approverDecision(ctx, actor, this.rulesOf(ctx, month), now)).allowed;
  }

  async revise(actor: Actor, month: string, input: { sessions: SessionInput[]; note?: string }, now: Date, ifMatch?: number): Promise<ScheduleView> {
    const { ctx } = await this.mutate(actor, month, now, ifMatch, async (s, ctx, rules) => {
      const decision = canPropose(ctx.authority, actor.staffId, rules);
      if (!decision.allowed) throw new ForbiddenError(decision.reason, 'C1');
      this.checkHosts(ctx, rules, input.sessions);
      return { t: reviseSchedule(s, { ...input, by: actor.staffId }, rules, now) };
    });
    return this.detailOf(ctx, actor, month, now);
  }

  async approve(actor: Actor, month: string, now: Date, ifMatch?: number): Promise<ScheduleView> {
    const { ctx } = await this.mutate(actor, month, now, ifMatch, async (s, ctx, rules) => {
      const decision = await this.approverDecision(ctx, actor, rules, now);
      if (!decision.allowed) throw new ForbiddenError(decision.reason, 'C1');
      return { t: approveSchedule(s, { by: actor.staffId, ...(decision.onBehalfOf ? { onBehalfOf: decision.onBehalfOf } : {}) }, now), ...(decision.onBehalfOf ? { onBehalfOf: decision.onBehalfOf } : {}) };
    });
    await this.recheckC1(ctx.orgId, now);
    return this.detailOf(ctx, actor, month, now);
  }

  async returnForRevision(actor: Actor, month: string, input: { reason: string }, now: Date, ifMatch?: number): Promise<ScheduleView> {
    const { ctx } = await this.mutate(actor, month, now, ifMatch, async (s, ctx, rules) => {
      const decision = await this.approverDecision(ctx, actor, rules, now);
      if (!decision.allowed) throw new ForbiddenError(decision.reason, 'C1');
      return { t: returnSchedule(s, { by: actor.staffId, reason: input.reason }, now), ...(decision.onBehalfOf ? { onBehalfOf: decision.onBehalfOf } : {}) };
    });
    return this.detailOf(ctx, actor, month, now);
  }

  /** The proposer or the approver moves a session, with a reason (Điều 14.1: each session held or moved with a reason). */
  async reschedule(actor: Actor, month: string, n: number, input: RescheduleInput, now: Date, ifMatch?: number): Promise<ScheduleView> {
    const { ctx } = await this.mutate(actor, month, now, ifMatch, async (s, ctx, rules) => {
      const proposer = canPropose(ctx.authority, actor.staffId, rules);
      const approver = proposer.allowed ? proposer : await this.approverDecision(ctx, actor, rules, now);
      if (!approver.allowed) throw new ForbiddenError(`A session is moved by whoever proposes or approves the schedule (Điều 14.1).`, 'C1');
      if (input.hostId !== undefined) {
        const issues = hostIssues(ctx.authority, [{ path: 'body.hostId', id: input.hostId }], rules);
        if (issues.length) throw new ValidationError('The new host cannot receive citizens.', issues);
      }
      const today = toLocalDate(now, ctx.dueRules.timeZone);
      return {
        t: rescheduleSession(s, n, { ...input, by: actor.staffId }, today, now),
        ...(approver.onBehalfOf ? { onBehalfOf: approver.onBehalfOf } : {}),
      };
    });
    await this.recheckC1(ctx.orgId, now);
    return this.detailOf(ctx, actor, month, now);
  }

  /**
   * Records a session as held, with who received, the number of citizens and the cases taken:
   * each case becomes an assignment of the reception unit (the Inspectorate), assigned by the
   * recorder or, where their own authority does not reach, on behalf of the approver (Điều 14.1).
   */
  async recordOutcome(
    actor: Actor,
    month: string,
    n: number,
    input: OutcomeInput,
    now: Date,
    idempotencyKey?: string,
    ifMatch?: number,
  ): Promise<{ status: number; body: ScheduleView; replayed: boolean }> {
    const { ctx, body, replayed } = await this.mutate(
      actor,
      month,
      now,
      ifMatch,
      async (s, ctx, rules) => {
        const session = s.sessions.find((x) => x.n === n);
        if (!session) throw new NotFoundError(`The schedule of ${month} has no session ${n}.`);
        const receptionUnitId = receptionUnitOf(ctx.snapshot.staff, rules);
        if (!canRecordSession(ctx.authority, actor.staffId, session, input.receivedBy, receptionUnitId)) {
          throw new ForbiddenError('A session is recorded by its host, whoever received, or the Inspectorate (Điều 14.1.c).', 'C1');
        }
        const issues: FieldIssue[] = hostIssues(ctx.authority, [{ path: 'body.receivedBy', id: input.receivedBy }], rules);
        (input.otherStaffIds ?? []).forEach((id, i) => {
          if (ctx.authority.staff(id)?.active !== true) issues.push({ path: `body.otherStaffIds.${i}`, message: `no current staff member ${id}` });
        });
        (input.cases ?? []).forEach((c, i) => {
          if (!c.summary.trim()) issues.push({ path: `body.cases.${i}.summary`, message: 'a summary is required' });
        });
        if (issues.length) throw new ValidationError('The session’s record is not valid.', issues);
        if (!receptionUnitId && (input.cases ?? []).length > 0) {
          throw new UnprocessableError(`No current ${rules.scheduleProposedBy} heads a unit to take up the cases.`);
        }
        const today = toLocalDate(now, ctx.dueRules.timeZone);
        const t = recordSessionOutcome(
          s,
          n,
          {
            receivedBy: input.receivedBy,
            otherStaffIds: input.otherStaffIds ?? [],
            citizenCount: input.citizenCount,
            caseCount: (input.cases ?? []).length,
            ...(input.note ? { note: input.note } : {}),
            recordedBy: actor.staffId,
          },
          today,
          now,
        );
        const cases = await this.prepareCases(ctx, actor, rules, s, session.n, session.date, receptionUnitId, input.cases ?? [], now);
        return { t, cases, result: this.view(ctx, t.next, cases, new Map(), actor, now), status: 201 };
      },
      { scope: `reception.outcome.${actor.staffId}`, key: idempotencyKey, input: { month, n, input } },
    );
    // A replay puts right the case assignments a crash between the two writes left undone.
    await this.completeCases(ctx.orgId, scheduleIdOf(month));
    if (replayed) return { status: 201, body, replayed: true };
    await this.recheckC1(ctx.orgId, now);
    return { status: 201, body: await this.detailOf(ctx, actor, month, now), replayed: false };
  }

  private async prepareCases(
    ctx: OrgContext,
    actor: Actor,
    rules: ReceptionRules,
    s: ReceptionSchedule,
    n: number,
    receivedOn: LocalDate,
    unitId: string | undefined,
    inputs: readonly CaseInput[],
    now: Date,
  ): Promise<ReceptionCase[]> {
    if (inputs.length === 0 || !unitId) return [];
    const approver = ctx.snapshot.staff.find((x) => x.active && x.roles.includes(rules.scheduleApprovedBy ?? 'director'));
    const today = toLocalDate(now, ctx.dueRules.timeZone);
    const out: ReceptionCase[] = [];
    for (const [i, c] of inputs.entries()) {
      const k = i + 1;
      const due = caseDueDate(c.kind, receivedOn, rules, ctx.calendarOn(receivedOn));
      const id = caseAssignmentId(s.id, n, k);
      const p = await this.assignments.prepareCreate(
        ctx,
        actor,
        {
          title: `${CASE_TITLE[c.kind]}: ${c.summary.trim()}`,
          ...(c.citizenName ? { description: `Công dân: ${c.citizenName}` } : {}),
          unitId,
          // Recorded after the deadline passed: due today, so the lateness stays visible in the case.
          dueDate: compareLocalDates(due, today) < 0 ? today : due,
          priority: 'high',
          source: { kind: 'ad-hoc', ref: s.id, itemId: `${n}.${k}` },
          // The law protects a denunciator's identity (Luật Tố cáo 2018, Điều 47).
          confidentiality: c.kind === 'denunciation' ? 'confidential' : 'normal',
        },
        now,
        { id, ...(approver ? { standingFor: { staffId: approver.id, rule: 'C1' } } : {}) },
      );
      const next = { ...p.transition.next, id };
      const data = { ...p.transition.data, assignment: next };
      out.push({
        scheduleId: s.id,
        n,
        k,
        kind: c.kind,
        summary: c.summary.trim(),
        ...(c.citizenName ? { citizenName: c.citizenName } : {}),
        receivedOn,
        dueDate: due,
        assignmentId: id,
        prepared: { transition: { ...p.transition, next, data }, event: { ...p.event, entityId: id, data } },
      });
    }
    return out;
  }

  /** Writes the cases' assignments that do not exist yet (after a crash between transactions, or on a retry). */
  async completeCases(orgId: string, scheduleId: string): Promise<number> {
    const cases = await this.schedules.cases(orgId, scheduleId);
    return this.prepared.createMissing(orgId, cases.map((c) => ({ assignmentId: c.assignmentId, items: () => this.assignments.createItems(c.prepared) })));
  }

  private view(
    ctx: OrgContext,
    s: ReceptionSchedule,
    cases: readonly ReceptionCase[],
    live: ReadonlyMap<string, Assignment>,
    actor: Actor,
    now: Date,
  ): ScheduleView {
    const { orgId, ...rest } = s;
    const dueAt = this.dueAtOf(ctx, s.month);
    return {
      ...rest,
      dueAt: formatInstant(dueAt, ctx.dueRules.timeZone),
      ...(s.approvedAt ? { approvedOnTime: Math.floor(new Date(s.approvedAt).getTime() / 1000) <= Math.floor(dueAt.getTime() / 1000) } : {}),
      cases: [...cases]
        .sort((a, b) => a.n - b.n || a.k - b.k)
        .map((c) => {
          const current = live.get(c.assignmentId);
          const planned = c.prepared.transition.next;
          const visible = ctx.authority.canView(actor.staffId, current ?? planned);
          const v = current ? this.assignments.view(current, ctx, now) : undefined;
          return {
            n: c.n,
            k: c.k,
            kind: c.kind,
            receivedOn: c.receivedOn,
            dueDate: c.dueDate,
            assignmentId: c.assignmentId,
            state: current ? 'created' : 'pending',
            ...(visible ? { summary: c.summary, ...(c.citizenName ? { citizenName: c.citizenName } : {}) } : {}),
            ...(v && visible ? { status: v.status, timeliness: v.timeliness } : {}),
          };
        }),
    };
  }

  private async detailOf(ctx: OrgContext, actor: Actor, month: string, now: Date): Promise<ScheduleView & { history: AuditEvent[] }> {
    const found = await this.schedules.getWithDetails(ctx.orgId, scheduleIdOf(month));
    if (!found) throw new NotFoundError(`There is no reception schedule for ${month}.`);
    const live = await this.prepared.assignments(ctx.orgId, found.cases.map((c) => c.assignmentId));
    return { ...this.view(ctx, found.schedule, found.cases, live, actor, now), history: found.history };
  }

  /** The schedule is announced to all (Điều 14.1.a): every current staff member sees it; case details only those who see the case. */
  async get(actor: Actor, month: string, now: Date) {
    const ctx = await this.contexts.load(actor.orgId, now);
    requireMonth(month);
    this.rulesOf(ctx, month);
    return this.detailOf(ctx, actor, month, now);
  }

  async list(actor: Actor, query: { from: string; to: string }, now: Date): Promise<{ items: ScheduleView[] }> {
    const ctx = await this.contexts.load(actor.orgId, now);
    requireMonth(query.from, 'query.from');
    requireMonth(query.to, 'query.to');
    if (query.from > query.to) throw new ValidationError('The range ends before it starts.', [{ path: 'query.to', message: 'must be on or after from' }]);
    const items = await this.schedules.list(ctx.orgId, query.from, query.to);
    return { items: items.map((s) => this.view(ctx, s, [], new Map(), actor, now)) };
  }

  readonly auditVisibility = auditVisibility(['reception-schedule'], async (ctx, actor, entityId) => {
    if (!entityId.startsWith('reception-schedule.')) return undefined;
    const s = await this.schedules.get(ctx.orgId, entityId);
    return s ? ctx.authority.staff(actor.staffId)?.active === true : undefined;
  });
}
