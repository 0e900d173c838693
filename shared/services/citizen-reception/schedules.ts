/** The month's reception schedule (C1, Điều 14.1): proposed, revised, approved or returned, sessions moved with a reason, announced to all. */
import {
  approveSchedule,
  canApprove,
  canPropose,
  hostIssues,
  proposeSchedule,
  rescheduleSession,
  returnSchedule,
  reviseSchedule,
  scheduleIdOf,
  type ReceptionRules,
  type SessionInput,
} from '../../domain/citizen-reception.js';
import { ConflictError, ForbiddenError, ValidationError } from '../../domain/errors.js';
import { toLocalDate } from '../../domain/local-time.js';
import { commit } from '../commit.js';
import { IdempotentRequest } from '../idempotent-request.js';
import type { OrgContext } from '../org-context.js';
import type { Actor } from '../organisation-service.js';
import type { RescheduleInput, ScheduleView } from '../citizen-reception-service.js';
import { ReceptionCore, requireMonth } from './core.js';


export class ReceptionSchedules {
  constructor(private readonly core: ReceptionCore) {}

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
    const ctx = await this.core.contexts.load(actor, now);
    return commit({
      idempotency: new IdempotentRequest({ repository: this.core.idempotency, orgId: ctx.orgId, scope: `reception.propose.${actor.staffId}`, key: idempotencyKey, input, now }),
      // The month's schedule exists already: a creation does not retry, it refuses.
      raced: [],
      conflict: (part) => (part === 'state' ? new ConflictError(`The schedule of ${input.month} was already proposed: revise it (PUT) instead.`) : undefined),
      decide: () => {
        requireMonth(input.month, 'body.month');
        const rules = this.core.rulesOf(ctx, input.month);
        const decision = canPropose(ctx.authority, actor.staffId, rules);
        if (!decision.allowed) throw new ForbiddenError(decision.reason, 'C1');
        this.checkHosts(ctx, rules, input.sessions);
        const t = proposeSchedule(
          { id: scheduleIdOf(input.month), orgId: ctx.orgId, month: input.month, sessions: input.sessions, ...(input.note ? { note: input.note } : {}), proposedBy: actor.staffId },
          rules,
          now,
        );
        return {
          result: this.core.view(ctx, t.next, [], new Map(), actor, now),
          status: 201,
          write: (extra) => this.core.schedules.write({ next: t.next, event: this.core.event(ctx, actor, t, now), alsoWrite: extra }),
        };
      },
    });
  }

  private async approverDecision(ctx: OrgContext, actor: Actor, rules: ReceptionRules, now: Date) {
    const today = toLocalDate(now, ctx.dueRules.timeZone);
    return canApprove(ctx.authority, actor.staffId, rules, await this.core.delegations.currentFor(ctx.orgId, actor.staffId, today), today);
  }

  /** Whether the actor may approve or return this month's schedule now (the page shows the decision form only then). */
  async mayDecide(actor: Actor, month: string, now: Date): Promise<boolean> {
    const ctx = await this.core.contexts.load(actor, now);
    requireMonth(month);
    const s = await this.core.schedules.get(ctx.orgId, scheduleIdOf(month));
    return s?.status === 'proposed' && (await this.approverDecision(ctx, actor, this.core.rulesOf(ctx, month), now)).allowed;
  }

  async revise(actor: Actor, month: string, input: { sessions: SessionInput[]; note?: string }, now: Date, ifMatch?: number): Promise<ScheduleView> {
    const { ctx } = await this.core.mutate(actor, month, now, ifMatch, async (s, ctx, rules) => {
      const decision = canPropose(ctx.authority, actor.staffId, rules);
      if (!decision.allowed) throw new ForbiddenError(decision.reason, 'C1');
      this.checkHosts(ctx, rules, input.sessions);
      return { t: reviseSchedule(s, { ...input, by: actor.staffId }, rules, now) };
    });
    return this.core.detailOf(ctx, actor, month, now);
  }

  async approve(actor: Actor, month: string, now: Date, ifMatch?: number): Promise<ScheduleView> {
    const { ctx } = await this.core.mutate(actor, month, now, ifMatch, async (s, ctx, rules) => {
      const decision = await this.approverDecision(ctx, actor, rules, now);
      if (!decision.allowed) throw new ForbiddenError(decision.reason, 'C1');
      return { t: approveSchedule(s, { by: actor.staffId, ...(decision.onBehalfOf ? { onBehalfOf: decision.onBehalfOf } : {}) }, now), ...(decision.onBehalfOf ? { onBehalfOf: decision.onBehalfOf } : {}) };
    });
    await this.core.recheckC1(ctx.orgId, now);
    return this.core.detailOf(ctx, actor, month, now);
  }

  async returnForRevision(actor: Actor, month: string, input: { reason: string }, now: Date, ifMatch?: number): Promise<ScheduleView> {
    const { ctx } = await this.core.mutate(actor, month, now, ifMatch, async (s, ctx, rules) => {
      const decision = await this.approverDecision(ctx, actor, rules, now);
      if (!decision.allowed) throw new ForbiddenError(decision.reason, 'C1');
      return { t: returnSchedule(s, { by: actor.staffId, reason: input.reason }, now), ...(decision.onBehalfOf ? { onBehalfOf: decision.onBehalfOf } : {}) };
    });
    return this.core.detailOf(ctx, actor, month, now);
  }

  /** The proposer or the approver moves a session, with a reason (Điều 14.1: each session held or moved with a reason). */
  async reschedule(actor: Actor, month: string, n: number, input: RescheduleInput, now: Date, ifMatch?: number): Promise<ScheduleView> {
    const { ctx } = await this.core.mutate(actor, month, now, ifMatch, async (s, ctx, rules) => {
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
    await this.core.recheckC1(ctx.orgId, now);
    return this.core.detailOf(ctx, actor, month, now);
  }

  /** The schedule is announced to all (Điều 14.1.a): every current staff member sees it; case details only those who see the case. */
  async get(actor: Actor, month: string, now: Date) {
    const ctx = await this.core.contexts.load(actor, now);
    requireMonth(month);
    this.core.rulesOf(ctx, month);
    return this.core.detailOf(ctx, actor, month, now);
  }

  async list(actor: Actor, query: { from: string; to: string }, now: Date): Promise<{ items: ScheduleView[] }> {
    const ctx = await this.core.contexts.load(actor, now);
    requireMonth(query.from, 'query.from');
    requireMonth(query.to, 'query.to');
    if (query.from > query.to) throw new ValidationError('The range ends before it starts.', [{ path: 'query.to', message: 'must be on or after from' }]);
    const items = await this.core.schedules.list(ctx.orgId, query.from, query.to);
    return { items: items.map((s) => this.core.view(ctx, s, [], new Map(), actor, now)) };
  }
}
