/** Leave requests (L1, L2; Điều 18): asking for leave, deciding it, adding files, withdrawing it. */
import { day } from '../../domain/format.js';
import { createHash } from 'node:crypto';
import { ulid } from 'ulidx';
import type { AuditEvent } from '../../domain/assignment.js';
import type { Delegation } from '../../domain/authority.js';
import { ConflictError, ForbiddenError, NotFoundError, PreconditionFailedError, ValidationError, type FieldIssue } from '../../domain/errors.js';
import {
  addLeaveFiles,
  balanceOf,
  createLeave,
  decideLeave,
  insufficientBalance,
  isInEffect,
  isLive,
  leaveLength,
  noticeOf,
  shortNoticeRefusal,
  withdrawLeave,
  type HalfDay,
  type LeaveRequest,
  type LeaveTransition,
} from '../../domain/leave.js';
import { routeLeave } from '../../domain/leave-routing.js';
import { addDays, compareLocalDates, startOfLocalDay, type LocalDate } from '../../domain/local-time.js';
import type { Notification, NotificationKind } from '../../domain/notification.js';
import type { RequestToDelegate } from '../../store/leave-repository.js';
import type { LabelledItem } from '../../store/transact.js';
import { commit } from '../commit.js';
import { IdempotentRequest } from '../idempotent-request.js';
import { attachedElsewhere, type ClaimedFiles } from '../file-service.js';
import type { OrgContext } from '../org-context.js';
import type { Actor } from '../organisation-service.js';
import type { CreateLeaveInput, LeaveView } from '../leave-service.js';
import { LeaveCore } from './core.js';

const A2 = { rule: 'A2', article: 'Điều 3.3.3' } as const;

/** Orders half days: a morning before the afternoon of the same day. */
const slot = (date: LocalDate, half: HalfDay) => `${date}${half === 'morning' ? 'a' : 'p'}`;
const overlaps = (a: Pick<LeaveRequest, 'startDate' | 'endDate' | 'startHalf' | 'endHalf'>, b: typeof a) =>
  slot(a.startDate, a.startHalf) <= slot(b.endDate, b.endHalf) && slot(b.startDate, b.startHalf) <= slot(a.endDate, a.endHalf);

export class LeaveRequests {
  constructor(private readonly core: LeaveCore) {}

  async create(actor: Actor, input: CreateLeaveInput, now: Date, idempotencyKey?: string): Promise<{ body: LeaveView; replayed: boolean }> {
    const ctx = await this.core.contexts.load(actor);
    const { files: ids, ...fields } = input;
    const id = ulid(now.getTime());
    let claimed: ClaimedFiles | undefined;
    // Taken after every check of the request, once: a retry on a counter race reuses them.
    const takeFiles = async () => (claimed ??= await this.core.claimFiles(actor, ids, id, now));
    let notify: Notification[] = [];
    const { body, replayed } = await commit({
      idempotency: new IdempotentRequest({ repository: this.core.idempotency, orgId: ctx.orgId, scope: `leave.create.${actor.staffId}`, key: idempotencyKey, input, now }),
      // Another leave taking the same balance: recomputed on the fresh counters.
      raced: ['usage', 'balance'],
      conflict: (part) => (part === 'file' ? attachedElsewhere() : undefined),
      decide: async () => {
        const prepared = await this.prepare(ctx, actor, fields, now, id, takeFiles);
        notify = prepared.notify;
        return { result: await this.core.view(ctx, prepared.next), status: 201, write: (extra) => this.core.leave.write([...prepared.items, ...extra]) };
      },
    });
    if (!replayed && notify.length) await this.core.notifications?.deliverQuietly(ctx, notify, now);
    return { body, replayed };
  }

  private async prepare(
    ctx: OrgContext,
    actor: Actor,
    input: Omit<CreateLeaveInput, 'files'>,
    now: Date,
    id: string,
    takeFiles: () => Promise<ClaimedFiles>,
  ): Promise<{ next: LeaveRequest; items: LabelledItem[]; notify: Notification[] }> {
    const today = this.core.today(ctx, now);
    const rules = ctx.rulebook.leave;
    const span = {
      startDate: input.startDate,
      endDate: input.endDate ?? input.startDate,
      startHalf: input.startHalf ?? 'morning',
      endHalf: input.endHalf ?? 'afternoon',
    } as const;
    const issues: FieldIssue[] = [];
    const emergencyReason = input.emergencyReason?.trim();
    const emergency = input.emergency ?? emergencyReason !== undefined;
    if (emergency && !emergencyReason) issues.push({ path: 'body.emergencyReason', message: 'an emergency states its reason (L2)' });
    if (!emergency && input.emergencyReason !== undefined) issues.push({ path: 'body.emergency', message: 'an emergencyReason is given: send emergency: true' });
    if (!input.reason.trim()) issues.push({ path: 'body.reason', message: 'required: leave is asked by application (Điều 18.3)' });
    if (compareLocalDates(span.startDate, today) < 0 && input.kind !== 'sick' && !emergency) {
      issues.push({ path: 'body.startDate', message: `is before today (${today}); leave already begun is recorded as sick leave or as an emergency (L2)` });
    }
    let length: ReturnType<typeof leaveLength> | undefined;
    try {
      length = leaveLength(span, ctx.calendar);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      issues.push(...error.issues);
    }
    if (issues.length || !length) throw new ValidationError('The leave request is not valid.', issues);

    const notice = noticeOf(rules.notice, input.kind, today, span.startDate, ctx.calendar);
    if (notice?.short && !(emergency && rules.notice!.emergencyException)) {
      throw shortNoticeRefusal(input.kind, notice, rules.notice!, span.startDate, today);
    }

    const mine = await this.core.leave.all((cursor) =>
      this.core.leave.byApplicant(ctx.orgId, actor.staffId, addDays(span.startDate, -366), span.endDate, 100, cursor),
    );
    const clash = mine.find((l) => isLive(l) && overlaps(l, span));
    if (clash) {
      throw new ConflictError(`You already have leave from ${clash.startDate} to ${clash.endDate} (${clash.status}, ${clash.id}) overlapping these dates.`);
    }

    const route = routeLeave(rules.approval, ctx.authority, ctx.snapshot.staff, actor.staffId, length.days);
    if (input.kind === 'annual') {
      for (const [year, days] of Object.entries(length.daysByYear)) {
        const { settings, usage } = await this.core.leave.getBalance(ctx.orgId, actor.staffId, Number(year));
        const balance = balanceOf(settings, usage);
        if (days > balance.remainingDays) throw insufficientBalance(year, days, balance);
      }
    }

    const items: LabelledItem[] = [];
    const notify: Notification[] = [];
    let delegationRequestId: string | undefined;
    if (route.kind === 'report') {
      const cover = await this.core.cover(ctx, actor.staffId, span.startDate, span.endDate);
      if (!cover.covered) {
        const request: RequestToDelegate = {
          id: ulid(now.getTime()),
          orgId: ctx.orgId,
          directorId: actor.staffId,
          leaveRequestId: id,
          from: span.startDate,
          to: span.endDate,
          status: 'open',
          ...A2,
          createdAt: now.toISOString(),
          updatedAt: now.toISOString(),
          version: 1,
        };
        delegationRequestId = request.id;
        items.push(
          this.core.leave.requestToDelegatePut(request),
          this.core.auditItem(this.core.event(ctx, actor, 'request-to-delegate', request.id, 'requested', 1, { request, uncoveredDays: cover.uncoveredDays }, now)),
        );
        if (this.core.notifications) {
          const n = this.delegationNotification(ctx, request, now);
          notify.push(n);
          items.push(this.core.notifications.transactionItem(n));
        }
      }
    }
    const taken = await takeFiles();
    items.push(...taken.items);
    const created = createLeave(
      {
        id,
        orgId: ctx.orgId,
        applicantId: actor.staffId,
        unitId: actor.unitId,
        kind: input.kind,
        ...span,
        days: length.days,
        daysByYear: length.daysByYear,
        reason: input.reason,
        emergency,
        ...(emergency && emergencyReason ? { emergencyReason } : {}),
        ...(notice ? { notice } : {}),
        route,
        ...(delegationRequestId ? { delegationRequestId } : {}),
        createdBy: actor.staffId,
      },
      now,
    );
    const transition = taken.files.length ? { ...created, next: { ...created.next, files: taken.files }, data: { ...created.data, leave: { ...created.next, files: taken.files }, files: taken.files } } : created;
    items.unshift(...this.core.leave.leaveItems(transition.next, this.core.leaveEvent(ctx, actor, transition, now)));
    if (isInEffect(transition.next)) items.push(...(await this.core.effectItems(ctx, transition.next, 1)));
    return { next: transition.next, items, notify };
  }

  /** The director's notification (its id follows from the leave, so it is stored once). */
  private delegationNotification(ctx: OrgContext, r: RequestToDelegate, now: Date): Notification {
    const id = `ntf-${createHash('sha256').update(['delegation-required', `leave-request:${r.leaveRequestId}`, r.directorId].join('|')).digest('hex').slice(0, 32)}`;
    return {
      id,
      orgId: ctx.orgId,
      recipientId: r.directorId,
      // Not yet among the notification kinds of issue #4; the text is complete, so nothing renders it again.
      kind: 'delegation-required' as NotificationKind,
      subject: { vi: `Ủy quyền điều hành khi vắng mặt: ${day(r.from, 'vi')} – ${day(r.to, 'vi')}`, en: `Delegate while away: ${r.from} to ${r.to}` },
      body: {
        vi: `Giám đốc nghỉ từ ${day(r.from, 'vi')} đến ${day(r.to, 'vi')} nhưng chưa ủy quyền cho một Phó Giám đốc điều hành hoạt động của Sở (Điều 3.3.3). Đề nghị ủy quyền.`,
        en: `You are away from ${r.from} to ${r.to} and no deputy director holds your authority (${r.rule}, ${r.article}): delegate to a deputy director (POST /v1/delegations).`,
      },
      about: { key: `leave-request:${r.leaveRequestId}`, obligationId: r.rule, dueAt: startOfLocalDay(r.from, ctx.dueRules.timeZone).toISOString() },
      createdAt: now.toISOString(),
      version: 1,
    };
  }

  async get(actor: Actor, id: string, now: Date): Promise<LeaveView & { history: AuditEvent[] }> {
    const ctx = await this.core.contexts.load(actor);
    const l = await this.core.leave.getLeave(ctx.orgId, id);
    const held = l ? await this.core.heldAuthority(ctx, actor, this.core.today(ctx, now)) : [];
    if (!l || !this.core.canView(ctx, actor.staffId, l, held)) throw new NotFoundError(`There is no leave request ${id}.`);
    return { ...(await this.core.view(ctx, l)), history: await this.core.leave.history(ctx.orgId, id) };
  }

  /**
   * A change to one request with optimistic locking: with If-Match a stale version is 412;
   * without it, a lost race is recomputed on the fresh state and retried.
   */
  private async mutate(
    actor: Actor,
    id: string,
    now: Date,
    ifMatch: number | undefined,
    change: (l: LeaveRequest, ctx: OrgContext, held: Delegation[], today: LocalDate) => Promise<{ transition: LeaveTransition; onBehalfOf?: string; extra: LabelledItem[] }>,
  ): Promise<LeaveView> {
    const ctx = await this.core.contexts.load(actor);
    const today = this.core.today(ctx, now);
    const held = await this.core.heldAuthority(ctx, actor, today);
    const { body } = await commit({
      load: async () => {
        const current = await this.core.leave.getLeave(ctx.orgId, id);
        if (!current || !this.core.canView(ctx, actor.staffId, current, held)) throw new NotFoundError(`There is no leave request ${id}.`);
        return current;
      },
      ifMatch: { expected: ifMatch, current: (l) => l.version },
      stale: (l) =>
        l ? new PreconditionFailedError(`The leave request is at version ${l.version}, not ${ifMatch}.`, l.version) : new PreconditionFailedError('The leave request changed while this update was being made.'),
      raced: ['state', 'usage', 'balance'],
      conflict: (part) => (part === 'file' ? attachedElsewhere() : undefined),
      decide: async (current) => {
        const { transition, onBehalfOf, extra } = await change(current, ctx, held, today);
        return {
          result: transition.next,
          write: () => this.core.leave.write([...this.core.leave.leaveItems(transition.next, this.core.leaveEvent(ctx, actor, transition, now, onBehalfOf), current.version), ...extra]),
        };
      },
    });
    return this.core.view(ctx, body);
  }

  decide(actor: Actor, id: string, input: { approve: boolean; note?: string }, now: Date, ifMatch?: number): Promise<LeaveView> {
    return this.mutate(actor, id, now, ifMatch, async (l, ctx, held) => {
      const { onBehalfOf } = this.core.decider(ctx, actor, l, held);
      const transition = decideLeave(l, { ...input, decidedBy: actor.staffId, ...(onBehalfOf ? { onBehalfOf } : {}) }, now);
      const extra = transition.next.status === 'approved' ? await this.core.effectItems(ctx, transition.next, 1) : [];
      return { transition, ...(onBehalfOf ? { onBehalfOf } : {}), extra };
    });
  }

  /** Whether the actor may decide this request now (the page shows the decision form only then). */
  async mayDecide(actor: Actor, id: string, now: Date): Promise<boolean> {
    const ctx = await this.core.contexts.load(actor);
    const l = await this.core.leave.getLeave(ctx.orgId, id);
    if (!l || l.status !== 'pending') return false;
    const held = await this.core.heldAuthority(ctx, actor, this.core.today(ctx, now));
    try {
      this.core.decider(ctx, actor, l, held);
      return true;
    } catch {
      return false;
    }
  }

  /**
   * POST /v1/leave-requests/{id}/files: the applicant adds files (a medical certificate brought
   * after the fact). Uploads the request already keeps are skipped, so a repeat adds nothing.
   */
  async addFiles(actor: Actor, id: string, input: { files: string[] }, now: Date, ifMatch?: number): Promise<LeaveView> {
    const ctx = await this.core.contexts.load(actor);
    const held = await this.core.heldAuthority(ctx, actor, this.core.today(ctx, now));
    const current = await this.core.leave.getLeave(ctx.orgId, id);
    if (!current || !this.core.canView(ctx, actor.staffId, current, held)) throw new NotFoundError(`There is no leave request ${id}.`);
    if (actor.staffId !== current.applicantId) throw new ForbiddenError('Only the applicant adds files to a leave request (Điều 18.3).', current.route.rule);
    const kept = new Set((current.files ?? []).map((f) => f.id));
    const ids = input.files.filter((f) => !kept.has(f));
    if (ids.length === 0) return this.core.view(ctx, current);
    let claimed: ClaimedFiles | undefined;
    return this.mutate(actor, id, now, ifMatch, async (l) => {
      claimed ??= await this.core.claimFiles(actor, ids, id, now);
      return { transition: addLeaveFiles(l, claimed.files, now), extra: claimed.items };
    });
  }

  withdraw(actor: Actor, id: string, input: { note?: string }, now: Date, ifMatch?: number): Promise<LeaveView> {
    return this.mutate(actor, id, now, ifMatch, async (l, ctx, _held, today) => {
      if (actor.staffId !== l.applicantId) throw new ForbiddenError(`Only the applicant may withdraw a leave request (${l.route.rule}).`, l.route.rule);
      const transition = withdrawLeave(l, input, today, now);
      const extra: LabelledItem[] = [];
      if (l.status === 'reported') {
        extra.push(...(await this.core.effectItems(ctx, l, -1)));
        const request = l.delegationRequestId ? await this.core.leave.getRequestToDelegate(ctx.orgId, l.delegationRequestId) : undefined;
        if (request && request.status === 'open') {
          const next: RequestToDelegate = { ...request, status: 'cancelled', updatedAt: now.toISOString(), version: request.version + 1 };
          extra.push(
            this.core.leave.requestToDelegatePut(next, request.version),
            this.core.auditItem(this.core.event(ctx, actor, 'request-to-delegate', request.id, 'cancelled', next.version, { leaveRequestId: l.id }, now)),
          );
        }
      }
      return { transition, extra };
    });
  }
}
