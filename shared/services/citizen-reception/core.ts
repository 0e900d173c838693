/** What the parts of citizen reception share (C1, Điều 14): its stores, the month's rules and deadline, the one `mutate` of a schedule through commit(), its view and the audit event. */
import { changeEvent } from '../audit-event.js';
import type { Assignment, AuditEvent } from '../../domain/assignment.js';
import {
  scheduleIdOf,
  type ReceptionCase,
  type ReceptionRules,
  type ReceptionSchedule,
  type ScheduleTransition,
} from '../../domain/citizen-reception.js';
import { resolveDeadline } from '../../domain/deadlines.js';
import { NotFoundError, PreconditionFailedError, UnprocessableError, ValidationError } from '../../domain/errors.js';
import { formatInstant } from '../../domain/local-time.js';
import { parsePeriod } from '../../domain/periods.js';
import type { CitizenReceptionRepository } from '../../store/citizen-reception-repository.js';
import type { DelegationRepository } from '../../store/delegation-repository.js';
import type { IdempotencyRepository } from '../../store/idempotency-repository.js';
import type { LabelledItem } from '../../store/transact.js';
import type { AssignmentService } from '../assignment-service.js';
import { commit } from '../commit.js';
import { IdempotentRequest } from '../idempotent-request.js';
import type { OrgContext, OrgContextLoader } from '../org-context.js';
import type { Actor } from '../organisation-service.js';
import type { PreparedAssignmentStore, ScheduleView } from '../citizen-reception-service.js';

export function requireMonth(month: string, path = 'path.month') {
  const period = parsePeriod(month);
  if (!period || period.kind !== 'month') throw new ValidationError(`Unknown month '${month}'.`, [{ path, message: 'must be a month YYYY-MM' }]);
  return period;
}

export class ReceptionCore {
  constructor(
    readonly contexts: OrgContextLoader,
    readonly schedules: CitizenReceptionRepository,
    readonly assignments: AssignmentService,
    readonly prepared: PreparedAssignmentStore,
    readonly delegations: DelegationRepository,
    readonly idempotency: IdempotencyRepository,
    /** Re-checks C1's open findings once a change may have put them right (best effort: the schedule catches up). */
    readonly recheck: (orgId: string, rule: string, at: Date) => Promise<void> = async () => {},
  ) {}

  async recheckC1(orgId: string, now: Date): Promise<void> {
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

  event(ctx: OrgContext, actor: Actor, t: ScheduleTransition, now: Date, onBehalfOf?: string): AuditEvent {
    return changeEvent(ctx.orgId, 'reception-schedule', t, actor.staffId, now, onBehalfOf);
  }

  /** Loads, checks If-Match, applies the change; a lost race is retried on the fresh state (412 with If-Match). */
  async mutate<R = undefined>(
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
    const ctx = await this.contexts.load(actor, now);
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

  view(
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

  async detailOf(ctx: OrgContext, actor: Actor, month: string, now: Date): Promise<ScheduleView & { history: AuditEvent[] }> {
    const found = await this.schedules.getWithDetails(ctx.orgId, scheduleIdOf(month));
    if (!found) throw new NotFoundError(`There is no reception schedule for ${month}.`);
    const live = await this.prepared.assignments(ctx.orgId, found.cases.map((c) => c.assignmentId));
    return { ...this.view(ctx, found.schedule, found.cases, live, actor, now), history: found.history };
  }
}
