/**
 * Leave, absence and the director's stand-in (Điều 18; L1, L2, L3, A2): asking for leave,
 * deciding it, withdrawing it, annual-leave balances and carry-over, the absence calendar of a
 * unit, and the request to delegate raised when the director is away with nobody holding the
 * director's authority.
 */
import { day } from '../domain/format.js';
import { createHash } from 'node:crypto';
import { ulid } from 'ulidx';
import type { AuditEvent } from '../domain/assignment.js';
import type { Delegation } from '../domain/authority.js';
import type { WorkingCalendar } from '../domain/calendar.js';
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  PreconditionFailedError,
  UnprocessableError,
  ValidationError,
  type FieldIssue,
} from '../domain/errors.js';
import {
  addLeaveFiles,
  annualAllowance,
  balanceOf,
  checkCarryOver,
  createLeave,
  decideLeave,
  insufficientBalance,
  isInEffect,
  isLive,
  leaveLength,
  noticeOf,
  shortNoticeRefusal,
  usageDeltas,
  withdrawLeave,
  type CarryOverRecord,
  type HalfDay,
  type LeaveBalance,
  type LeaveKind,
  type LeaveRequest,
  type LeaveStatus,
  type LeaveTransition,
} from '../domain/leave.js';
import { routeLeave } from '../domain/leave-routing.js';
import { addDays, compareLocalDates, daysBetween, parseLocalDate, startOfLocalDay, toLocalDate, type LocalDate } from '../domain/local-time.js';
import type { Notification, NotificationKind } from '../domain/notification.js';
import type { DelegationRepository, StoredDelegation } from '../store/delegation-repository.js';
import type { IdempotencyRepository } from '../store/idempotency-repository.js';
import { leaveBalanceEntityId } from '../store/keys.js';
import type { LeaveRepository, RequestToDelegate } from '../store/leave-repository.js';
import type { MissionRepository } from '../store/mission-repository.js';
import type { LabelledItem } from '../store/transact.js';
import { commit } from './commit.js';
import { IdempotentRequest } from './idempotent-request.js';
import { attachedElsewhere, type ClaimedFiles, type FileService } from './file-service.js';
import { auditVisibility } from './audit-service.js';
import type { NotificationService } from './notification-service.js';
import type { OrgContext, OrgContextLoader } from './org-context.js';
import type { Actor } from './organisation-service.js';

export interface CreateLeaveInput {
  kind: LeaveKind;
  startDate: LocalDate;
  endDate?: LocalDate;
  startHalf?: HalfDay;
  endHalf?: HalfDay;
  reason: string;
  emergency?: boolean;
  emergencyReason?: string;
  /** Upload ids (a medical certificate, issue #22). */
  files?: string[];
}

export interface DelegationCover {
  /** Every working day of the leave has a deputy director holding the director's authority (A2). */
  covered: boolean;
  requestId?: string;
  coveredBy: { id: string; delegateId: string; from: string; to: string }[];
  uncoveredDays: LocalDate[];
}

export interface LeaveView extends LeaveRequest {
  /** The director is away (or will be) and no delegation covers every working day (A2). */
  delegationRequired: boolean;
  /** For the director's leave: who holds the director's authority, and the days nobody does. */
  delegation?: DelegationCover;
}

export interface LeaveListFilters {
  staffId?: string;
  unitId?: string;
  approverId?: string;
  status?: LeaveStatus;
  from?: LocalDate;
  to?: LocalDate;
  limit: number;
  cursor?: string;
}

export interface AbsenceEntry {
  leaveRequestId: string;
  staffId: string;
  name: string;
  startDate: LocalDate;
  endDate: LocalDate;
  startHalf: HalfDay;
  endHalf: HalfDay;
  days: number;
  status: LeaveStatus;
  /** Only for callers who may see the request itself. */
  kind?: LeaveKind;
  emergency?: boolean;
}

export interface RequestToDelegateView extends RequestToDelegate {
  /** open: nobody holds the director's authority on some working day of the leave. */
  state: 'open' | 'resolved' | 'cancelled';
  coveredBy: DelegationCover['coveredBy'];
  uncoveredDays: LocalDate[];
  message: string;
}

const A2 = { rule: 'A2', article: 'Điều 3.3.3' } as const;
/** The Office keeps the leave register (Điều 18.3: "thông báo cho Văn phòng biết để vào sổ theo dõi"). */
const REGISTER_KEEPER_ROLE = 'chief-of-office';

/** Orders half days: a morning before the afternoon of the same day. */
const slot = (date: LocalDate, half: HalfDay) => `${date}${half === 'morning' ? 'a' : 'p'}`;
const overlaps = (a: Pick<LeaveRequest, 'startDate' | 'endDate' | 'startHalf' | 'endHalf'>, b: typeof a) =>
  slot(a.startDate, a.startHalf) <= slot(b.endDate, b.endHalf) && slot(b.startDate, b.startHalf) <= slot(a.endDate, a.endHalf);

function workingDaysIn(calendar: WorkingCalendar, from: LocalDate, to: LocalDate): LocalDate[] {
  const days: LocalDate[] = [];
  for (let d = from; compareLocalDates(d, to) <= 0; d = addDays(d, 1)) if (calendar.isWorkingDay(d)) days.push(d);
  return days;
}

export class LeaveService {
  constructor(
    private readonly contexts: OrgContextLoader,
    private readonly leave: LeaveRepository,
    private readonly delegations: DelegationRepository,
    private readonly idempotency: IdempotencyRepository,
    private readonly extras: {
      /** The notification store (issue #4): the director's request to delegate also lands in their notifications. */
      readonly notifications?: NotificationService;
      /** Missions (Điều 16, issue #4): shown on the absence calendar beside leave. */
      readonly missions?: Pick<MissionRepository, 'listEnding'>;
      /** Evidence files (issue #22): the applicant's uploads, taken in the request's transaction. */
      readonly files?: Pick<FileService, 'claim'>;
    } = {},
  ) {}

  private get notifications(): NotificationService | undefined {
    return this.extras.notifications;
  }

  private today(ctx: OrgContext, now: Date): LocalDate {
    return toLocalDate(now, ctx.dueRules.timeZone);
  }

  /** Whose authority the actor holds today under a delegation (A2, A4), checked against the chart. */
  private async heldAuthority(ctx: OrgContext, staffId: string, today: LocalDate): Promise<Delegation[]> {
    const current = await this.delegations.currentFor(ctx.orgId, staffId, today);
    return ctx.authority.activeDelegations(staffId, current, today);
  }

  // -------------------------------------------------------------------------------------
  // Visibility: the lines of authority (A1), the Office's register (Điều 18.3)

  private seesAllLeave(ctx: OrgContext, staffId: string): boolean {
    const actor = ctx.authority.staff(staffId);
    if (!actor?.active) return false;
    return actor.roles.includes(REGISTER_KEEPER_ROLE) || ctx.authority.viewScope(staffId).kind === 'all';
  }

  /** Whether the actor may see a person's leave and balance: themself, their superiors' scope, the register keeper. */
  private canSeePerson(ctx: OrgContext, actorId: string, staffId: string): boolean {
    const actor = ctx.authority.staff(actorId);
    const person = ctx.authority.staff(staffId);
    if (!actor?.active || !person) return false;
    if (actorId === staffId || this.seesAllLeave(ctx, actorId)) return true;
    const scope = ctx.authority.viewScope(actorId);
    return scope.kind === 'units' && scope.unitIds.includes(person.unitId) && !person.roles.includes('director');
  }

  /** Whether the caller may list by these filters: their own, a person or unit in their scope, an approver whose authority they hold or oversee. */
  private mayFilter(ctx: OrgContext, actorId: string, filters: Pick<LeaveListFilters, 'staffId' | 'unitId' | 'approverId'>, held: readonly Delegation[]): boolean {
    if (this.seesAllLeave(ctx, actorId)) return true;
    const scope = ctx.authority.viewScope(actorId);
    const inScope = (unitId: string | undefined) => scope.kind === 'units' && unitId !== undefined && scope.unitIds.includes(unitId);
    if (filters.staffId && !this.canSeePerson(ctx, actorId, filters.staffId) && !this.isReportedTo(ctx, actorId, filters.staffId)) return false;
    if (filters.unitId && !inScope(filters.unitId)) return false;
    if (
      filters.approverId &&
      filters.approverId !== actorId &&
      !held.some((d) => d.delegatorId === filters.approverId) &&
      !inScope(ctx.authority.staff(filters.approverId)?.unitId)
    ) {
      return false;
    }
    return true;
  }

  /** The director's leave is reported to the deputy directors (A2): they may list it. */
  private isReportedTo(ctx: OrgContext, actorId: string, staffId: string): boolean {
    const me = ctx.authority.staff(actorId);
    return ctx.authority.director()?.id === staffId && me?.active === true && me.roles.includes('deputy-director');
  }

  private canView(ctx: OrgContext, actorId: string, l: LeaveRequest, held: readonly Delegation[] = []): boolean {
    const actor = ctx.authority.staff(actorId);
    if (!actor?.active) return false;
    if ([l.applicantId, l.approverId, l.decidedBy].includes(actorId)) return true;
    if (l.route.kind === 'report' && l.route.recipientIds.includes(actorId)) return true;
    if (l.approverId && held.some((d) => d.delegatorId === l.approverId)) return true;
    if (this.seesAllLeave(ctx, actorId)) return true;
    const scope = ctx.authority.viewScope(actorId);
    return scope.kind === 'units' && scope.unitIds.includes(l.unitId);
  }

  /** Who may decide: the approver, whoever holds the approver's authority (A2, A4), the approver's superiors (A1); never the applicant. */
  private decider(ctx: OrgContext, actor: Actor, l: LeaveRequest, held: readonly Delegation[]): { onBehalfOf?: string } {
    if (actor.staffId === l.applicantId) throw new ForbiddenError(`Nobody decides their own leave (${l.route.rule}, ${l.route.article}).`, l.route.rule);
    if (l.route.kind !== 'approval' || !l.approverId) {
      throw new ConflictError(`The director's own leave is reported, not approved (${l.route.rule}, ${l.route.article}).`);
    }
    if (actor.staffId === l.approverId) return {};
    const delegation = held.find((d) => d.delegatorId === l.approverId);
    if (delegation) return { onBehalfOf: l.approverId };
    if (ctx.authority.isSuperiorOf(actor.staffId, l.approverId)) return {};
    const approver = ctx.authority.staff(l.approverId);
    throw new ForbiddenError(
      `${l.route.explanation.replace(/ \(.*\)\.$/, '')}: this request is for ${approver?.name ?? l.approverId} to decide, or their superior, or whoever holds their authority (${l.route.rule}, ${l.route.article}).`,
      l.route.rule,
    );
  }

  // -------------------------------------------------------------------------------------
  // The director's stand-in (A2)

  /** All department delegations from `directorId` that are still running on `from` or later, re-read so a revocation counts at once. */
  private async directorDelegations(ctx: OrgContext, directorId: string, from: LocalDate): Promise<StoredDelegation[]> {
    const found: StoredDelegation[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.delegations.list(ctx.orgId, from, 100, cursor);
      found.push(...page.items.filter((d) => d.scope === 'department' && d.delegatorId === directorId && !d.revokedAt));
      cursor = page.nextCursor;
    } while (cursor);
    const fresh = await Promise.all(found.map((d) => this.delegations.get(ctx.orgId, d.id)));
    return fresh.filter((d): d is StoredDelegation => d !== undefined && !d.revokedAt);
  }

  private async cover(ctx: OrgContext, directorId: string, from: LocalDate, to: LocalDate): Promise<DelegationCover> {
    const days = workingDaysIn(ctx.calendar, from, to);
    const delegations = await this.directorDelegations(ctx, directorId, from);
    const used = new Set<string>();
    const uncoveredDays = days.filter((day) => {
      const holder = delegations.find((d) => ctx.authority.activeDelegations(d.delegateId, [d], day).length > 0);
      if (holder) used.add(holder.id);
      return !holder;
    });
    const coveredBy = delegations.filter((d) => used.has(d.id)).map((d) => ({ id: d.id, delegateId: d.delegateId, from: d.from, to: d.to }));
    return { covered: uncoveredDays.length === 0, coveredBy, uncoveredDays };
  }

  private isDirectorLeave(l: LeaveRequest): boolean {
    return l.route.kind === 'report';
  }

  private async view(ctx: OrgContext, l: LeaveRequest): Promise<LeaveView> {
    if (!this.isDirectorLeave(l) || !isInEffect(l)) return { ...l, delegationRequired: false };
    const cover = await this.cover(ctx, l.applicantId, l.startDate, l.endDate);
    return {
      ...l,
      delegationRequired: !cover.covered,
      delegation: { ...cover, ...(l.delegationRequestId ? { requestId: l.delegationRequestId } : {}) },
    };
  }

  private async requestView(ctx: OrgContext, r: RequestToDelegate): Promise<RequestToDelegateView> {
    if (r.status === 'cancelled') {
      return { ...r, state: 'cancelled', coveredBy: [], uncoveredDays: [], message: 'The leave was withdrawn; no delegation is needed.' };
    }
    const cover = await this.cover(ctx, r.directorId, r.from, r.to);
    return {
      ...r,
      state: cover.covered ? 'resolved' : 'open',
      coveredBy: cover.coveredBy,
      uncoveredDays: cover.uncoveredDays,
      message: cover.covered
        ? 'A deputy director holds the director’s authority on every working day of the leave.'
        : `The director is away ${r.from} to ${r.to} and nobody holds the director's authority on ${cover.uncoveredDays.join(', ')}: delegate to a deputy director (POST /v1/delegations) (${r.rule}, ${r.article}).`,
    };
  }

  // -------------------------------------------------------------------------------------
  // Balances and the items a leave taking effect adds to the transaction

  /**
   * The counters a leave changes when it takes effect (sign 1) or is undone (-1). Annual leave
   * is checked against the balance, and the update is conditional so that two approvals racing
   * can never take more than the allowance.
   */
  private async effectItems(ctx: OrgContext, l: LeaveRequest, sign: 1 | -1): Promise<LabelledItem[]> {
    const items: LabelledItem[] = [];
    for (const [yearText, deltas] of Object.entries(usageDeltas(l, sign))) {
      const year = Number(yearText);
      if (l.kind === 'annual' && sign === 1) {
        const { settings, usage } = await this.leave.getBalance(ctx.orgId, l.applicantId, year);
        const days = l.daysByYear[yearText] ?? 0;
        const allowance = annualAllowance(settings);
        if (usage.usedDays + days > allowance) throw insufficientBalance(yearText, days, balanceOf(settings, usage));
        items.push(this.leave.balanceCheck(ctx.orgId, l.applicantId, year, settings.version));
        items.push(this.leave.usageUpdate(ctx.orgId, l.applicantId, year, deltas, { maxUsedBefore: allowance - days }));
      } else {
        items.push(this.leave.usageUpdate(ctx.orgId, l.applicantId, year, deltas));
      }
    }
    return items;
  }

  private event(ctx: OrgContext, actor: Actor, entityType: string, entityId: string, action: string, version: number, data: Record<string, unknown>, now: Date, onBehalfOf?: string): AuditEvent {
    return {
      id: ulid(now.getTime()),
      orgId: ctx.orgId,
      entityType,
      entityId,
      action,
      actorId: actor.staffId,
      ...(onBehalfOf ? { onBehalfOf } : {}),
      at: now.toISOString(),
      version,
      data,
    };
  }

  private leaveEvent(ctx: OrgContext, actor: Actor, t: LeaveTransition, now: Date, onBehalfOf?: string): AuditEvent {
    return this.event(ctx, actor, 'leave-request', t.next.id, t.action, t.next.version, t.data, now, onBehalfOf);
  }

  // -------------------------------------------------------------------------------------
  // Leave requests

  /** The applicant's uploads for their request, taken once whatever the retries (FileService.claim). */
  private async claimFiles(actor: Actor, ids: readonly string[] | undefined, id: string, now: Date): Promise<ClaimedFiles> {
    if (!ids?.length) return { files: [], items: [] };
    if (!this.extras.files) throw new UnprocessableError('Files are not configured on this server.', [{ path: 'body.files', message: 'no file storage' }]);
    return this.extras.files.claim(actor, ids, { kind: 'leave-request', id }, now);
  }

  async create(actor: Actor, input: CreateLeaveInput, now: Date, idempotencyKey?: string): Promise<{ body: LeaveView; replayed: boolean }> {
    const ctx = await this.contexts.load(actor.orgId);
    const { files: ids, ...fields } = input;
    const id = ulid(now.getTime());
    let claimed: ClaimedFiles | undefined;
    // Taken after every check of the request, once: a retry on a counter race reuses them.
    const takeFiles = async () => (claimed ??= await this.claimFiles(actor, ids, id, now));
    let notify: Notification[] = [];
    const { body, replayed } = await commit({
      idempotency: new IdempotentRequest({ repository: this.idempotency, orgId: ctx.orgId, scope: `leave.create.${actor.staffId}`, key: idempotencyKey, input, now }),
      // Another leave taking the same balance: recomputed on the fresh counters.
      raced: ['usage', 'balance'],
      conflict: (part) => (part === 'file' ? attachedElsewhere() : undefined),
      decide: async () => {
        const prepared = await this.prepare(ctx, actor, fields, now, id, takeFiles);
        notify = prepared.notify;
        return { result: await this.view(ctx, prepared.next), status: 201, write: (extra) => this.leave.write([...prepared.items, ...extra]) };
      },
    });
    if (!replayed && notify.length) await this.notifications?.deliverQuietly(ctx, notify, now);
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
    const today = this.today(ctx, now);
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

    const mine = await this.leave.all((cursor) =>
      this.leave.byApplicant(ctx.orgId, actor.staffId, addDays(span.startDate, -366), span.endDate, 100, cursor),
    );
    const clash = mine.find((l) => isLive(l) && overlaps(l, span));
    if (clash) {
      throw new ConflictError(`You already have leave from ${clash.startDate} to ${clash.endDate} (${clash.status}, ${clash.id}) overlapping these dates.`);
    }

    const route = routeLeave(rules.approval, ctx.authority, ctx.snapshot.staff, actor.staffId, length.days);
    if (input.kind === 'annual') {
      for (const [year, days] of Object.entries(length.daysByYear)) {
        const { settings, usage } = await this.leave.getBalance(ctx.orgId, actor.staffId, Number(year));
        const balance = balanceOf(settings, usage);
        if (days > balance.remainingDays) throw insufficientBalance(year, days, balance);
      }
    }

    const items: LabelledItem[] = [];
    const notify: Notification[] = [];
    let delegationRequestId: string | undefined;
    if (route.kind === 'report') {
      const cover = await this.cover(ctx, actor.staffId, span.startDate, span.endDate);
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
          this.leave.requestToDelegatePut(request),
          this.auditItem(this.event(ctx, actor, 'request-to-delegate', request.id, 'requested', 1, { request, uncoveredDays: cover.uncoveredDays }, now)),
        );
        if (this.notifications) {
          const n = this.delegationNotification(ctx, request, now);
          notify.push(n);
          items.push(this.notifications.transactionItem(n));
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
    items.unshift(...this.leave.leaveItems(transition.next, this.leaveEvent(ctx, actor, transition, now)));
    if (isInEffect(transition.next)) items.push(...(await this.effectItems(ctx, transition.next, 1)));
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

  /** The audit event of an entity other than the leave itself (a balance, a request to delegate). */
  private auditItem(event: AuditEvent): LabelledItem {
    return this.leave.auditPut(event);
  }

  async get(actor: Actor, id: string, now: Date): Promise<LeaveView & { history: AuditEvent[] }> {
    const ctx = await this.contexts.load(actor.orgId);
    const l = await this.leave.getLeave(ctx.orgId, id);
    const held = l ? await this.heldAuthority(ctx, actor.staffId, this.today(ctx, now)) : [];
    if (!l || !this.canView(ctx, actor.staffId, l, held)) throw new NotFoundError(`There is no leave request ${id}.`);
    return { ...(await this.view(ctx, l)), history: await this.leave.history(ctx.orgId, id) };
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
    const ctx = await this.contexts.load(actor.orgId);
    const today = this.today(ctx, now);
    const held = await this.heldAuthority(ctx, actor.staffId, today);
    const { body } = await commit({
      load: async () => {
        const current = await this.leave.getLeave(ctx.orgId, id);
        if (!current || !this.canView(ctx, actor.staffId, current, held)) throw new NotFoundError(`There is no leave request ${id}.`);
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
          write: () => this.leave.write([...this.leave.leaveItems(transition.next, this.leaveEvent(ctx, actor, transition, now, onBehalfOf), current.version), ...extra]),
        };
      },
    });
    return this.view(ctx, body);
  }

  decide(actor: Actor, id: string, input: { approve: boolean; note?: string }, now: Date, ifMatch?: number): Promise<LeaveView> {
    return this.mutate(actor, id, now, ifMatch, async (l, ctx, held) => {
      const { onBehalfOf } = this.decider(ctx, actor, l, held);
      const transition = decideLeave(l, { ...input, decidedBy: actor.staffId, ...(onBehalfOf ? { onBehalfOf } : {}) }, now);
      const extra = transition.next.status === 'approved' ? await this.effectItems(ctx, transition.next, 1) : [];
      return { transition, ...(onBehalfOf ? { onBehalfOf } : {}), extra };
    });
  }

  /** Whether the actor may decide this request now (the page shows the decision form only then). */
  async mayDecide(actor: Actor, id: string, now: Date): Promise<boolean> {
    const ctx = await this.contexts.load(actor.orgId);
    const l = await this.leave.getLeave(ctx.orgId, id);
    if (!l || l.status !== 'pending') return false;
    const held = await this.heldAuthority(ctx, actor.staffId, this.today(ctx, now));
    try {
      this.decider(ctx, actor, l, held);
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
    const ctx = await this.contexts.load(actor.orgId);
    const held = await this.heldAuthority(ctx, actor.staffId, this.today(ctx, now));
    const current = await this.leave.getLeave(ctx.orgId, id);
    if (!current || !this.canView(ctx, actor.staffId, current, held)) throw new NotFoundError(`There is no leave request ${id}.`);
    if (actor.staffId !== current.applicantId) throw new ForbiddenError('Only the applicant adds files to a leave request (Điều 18.3).', current.route.rule);
    const kept = new Set((current.files ?? []).map((f) => f.id));
    const ids = input.files.filter((f) => !kept.has(f));
    if (ids.length === 0) return this.view(ctx, current);
    let claimed: ClaimedFiles | undefined;
    return this.mutate(actor, id, now, ifMatch, async (l) => {
      claimed ??= await this.claimFiles(actor, ids, id, now);
      return { transition: addLeaveFiles(l, claimed.files, now), extra: claimed.items };
    });
  }

  withdraw(actor: Actor, id: string, input: { note?: string }, now: Date, ifMatch?: number): Promise<LeaveView> {
    return this.mutate(actor, id, now, ifMatch, async (l, ctx, _held, today) => {
      if (actor.staffId !== l.applicantId) throw new ForbiddenError(`Only the applicant may withdraw a leave request (${l.route.rule}).`, l.route.rule);
      const transition = withdrawLeave(l, input, today, now);
      const extra: LabelledItem[] = [];
      if (l.status === 'reported') {
        extra.push(...(await this.effectItems(ctx, l, -1)));
        const request = l.delegationRequestId ? await this.leave.getRequestToDelegate(ctx.orgId, l.delegationRequestId) : undefined;
        if (request && request.status === 'open') {
          const next: RequestToDelegate = { ...request, status: 'cancelled', updatedAt: now.toISOString(), version: request.version + 1 };
          extra.push(
            this.leave.requestToDelegatePut(next, request.version),
            this.auditItem(this.event(ctx, actor, 'request-to-delegate', request.id, 'cancelled', next.version, { leaveRequestId: l.id }, now)),
          );
        }
      }
      return { transition, extra };
    });
  }

  async list(actor: Actor, filters: LeaveListFilters, now: Date): Promise<{ items: LeaveView[]; nextCursor?: string }> {
    const ctx = await this.contexts.load(actor.orgId);
    const held = await this.heldAuthority(ctx, actor.staffId, this.today(ctx, now));
    const { from, to } = filters;
    if (from && to && compareLocalDates(from, to) > 0) {
      throw new ValidationError('The date range is empty.', [{ path: 'query.to', message: `must be on or after from ${from}` }]);
    }
    // A filter naming someone or a unit whose leave the caller may not see answers nothing, before
    // any query, so neither a page nor a cursor hints at others' leave.
    if (!this.mayFilter(ctx, actor.staffId, filters, held)) return { items: [] };
    let page;
    if (filters.approverId) {
      const state = filters.status === undefined ? undefined : filters.status === 'pending' ? 'pending' : 'closed';
      page = await this.leave.byApprover(ctx.orgId, filters.approverId, state, filters.limit, filters.cursor);
    } else if (filters.unitId) {
      page = await this.leave.byUnit(ctx.orgId, filters.unitId, from, undefined, filters.limit, filters.cursor);
    } else {
      const staffId = filters.staffId ?? actor.staffId;
      page = await this.leave.byApplicant(ctx.orgId, staffId, from ? addDays(from, -366) : undefined, to, filters.limit, filters.cursor);
    }
    const visible = page.items.filter(
      (l) =>
        this.canView(ctx, actor.staffId, l, held) &&
        (!filters.status || l.status === filters.status) &&
        (!filters.staffId || l.applicantId === filters.staffId) &&
        (!filters.unitId || l.unitId === filters.unitId) &&
        (!from || compareLocalDates(l.endDate, from) >= 0) &&
        (!to || compareLocalDates(l.startDate, to) <= 0),
    );
    const items = await Promise.all(visible.map((l) => this.view(ctx, l)));
    return page.nextCursor ? { items, nextCursor: page.nextCursor } : { items };
  }

  // -------------------------------------------------------------------------------------
  // The absence calendar of a unit

  async absences(actor: Actor, query: { unitId: string; from?: LocalDate; to?: LocalDate }, now: Date) {
    const ctx = await this.contexts.load(actor.orgId);
    const today = this.today(ctx, now);
    const from = query.from ?? today;
    const to = query.to ?? addDays(from, 30);
    if (compareLocalDates(from, to) > 0) throw new ValidationError('The date range is empty.', [{ path: 'query.to', message: `must be on or after from ${from}` }]);
    if (daysBetween(from, to) > 366) throw new ValidationError('The calendar shows at most a year.', [{ path: 'query.to', message: 'at most 366 days after from' }]);
    const unit = ctx.authority.unit(query.unitId);
    const actorMember = ctx.authority.staff(actor.staffId);
    const scope = ctx.authority.viewScope(actor.staffId);
    // Everyone sees when the leadership is away and who stands in (A2); a unit's calendar is
    // for its members and those above it, and for the Office's register (Điều 18.3).
    const visible =
      unit !== undefined &&
      (unit.kind === 'board' ||
        actorMember?.unitId === unit.id ||
        this.seesAllLeave(ctx, actor.staffId) ||
        (scope.kind === 'units' && scope.unitIds.includes(unit.id)));
    if (!unit || !visible) throw new NotFoundError(`There is no absence calendar of unit ${query.unitId}.`);
    const held = await this.heldAuthority(ctx, actor.staffId, today);
    const leaves = await this.leave.all((cursor) => this.leave.byUnit(ctx.orgId, unit.id, from, undefined, 100, cursor));
    const items: AbsenceEntry[] = leaves
      .filter((l) => isInEffect(l) && compareLocalDates(l.startDate, to) <= 0 && compareLocalDates(l.endDate, from) >= 0)
      .sort((a, b) => (a.startDate < b.startDate ? -1 : a.startDate > b.startDate ? 1 : 0))
      .map((l) => ({
        leaveRequestId: l.id,
        staffId: l.applicantId,
        name: ctx.authority.staff(l.applicantId)?.name ?? l.applicantId,
        startDate: l.startDate,
        endDate: l.endDate,
        startHalf: l.startHalf,
        endHalf: l.endHalf,
        days: l.days,
        status: l.status,
        ...(this.canView(ctx, actor.staffId, l, held) ? { kind: l.kind, emergency: l.emergency } : {}),
      }));
    const members = new Set(ctx.snapshot.staff.filter((s) => s.unitId === unit.id).map((s) => s.id));
    const standIns: { delegationId: string; delegatorId: string; delegateId: string; scope: string; from: string; to: string }[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.delegations.list(ctx.orgId, from, 100, cursor);
      for (const d of page.items) {
        if (!d.revokedAt && members.has(d.delegatorId) && compareLocalDates(d.from, to) <= 0) {
          standIns.push({ delegationId: d.id, delegatorId: d.delegatorId, delegateId: d.delegateId, scope: d.scope, from: d.from, to: d.to });
        }
      }
      cursor = page.nextCursor;
    } while (cursor);
    const missions = this.extras.missions
      ? (await this.extras.missions.listEnding(ctx.orgId, { kind: 'unit', unitId: unit.id }, from, '9999-12-31'))
          .filter((m) => compareLocalDates(m.from, to) <= 0)
          .sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0))
          .map((m) => ({ missionId: m.id, staffId: m.staffId, name: ctx.authority.staff(m.staffId)?.name ?? m.staffId, kind: m.kind, from: m.from, to: m.to }))
      : [];
    return { unitId: unit.id, from, to, items, missions, standIns };
  }

  // -------------------------------------------------------------------------------------
  // Requests to delegate (A2)

  async requestsToDelegate(actor: Actor, query: { open?: boolean; limit: number; cursor?: string }) {
    const ctx = await this.contexts.load(actor.orgId);
    const director = ctx.authority.director();
    const me = ctx.authority.staff(actor.staffId);
    // The director, and those the director's leave is reported to or who see the whole department.
    const entitled =
      me?.active === true &&
      (me.roles.includes('director') || me.roles.includes('deputy-director') || this.seesAllLeave(ctx, actor.staffId));
    if (!director || !entitled) return { items: [] };
    const page = await this.leave.requestsToDelegate(ctx.orgId, director.id, undefined, query.limit, query.cursor);
    const views = await Promise.all(page.items.map((r) => this.requestView(ctx, r)));
    const items = views.filter((r) => !query.open || r.state === 'open');
    return page.nextCursor ? { items, nextCursor: page.nextCursor } : { items };
  }

  // -------------------------------------------------------------------------------------
  // Balances (L3)

  private balanceOwner(ctx: OrgContext, actor: Actor, staffId: string) {
    const person = ctx.authority.staff(staffId);
    if (!person || !this.canSeePerson(ctx, actor.staffId, staffId)) throw new NotFoundError(`There is no leave balance of ${staffId}.`);
    return person;
  }

  async balance(actor: Actor, query: { staffId?: string; year?: number }, now: Date): Promise<LeaveBalance & { history: AuditEvent[] }> {
    const ctx = await this.contexts.load(actor.orgId);
    const staffId = query.staffId ?? actor.staffId;
    const year = query.year ?? parseLocalDate(this.today(ctx, now)).year;
    this.balanceOwner(ctx, actor, staffId);
    const { settings, usage } = await this.leave.getBalance(ctx.orgId, staffId, year);
    return { ...balanceOf(settings, usage), history: await this.leave.history(ctx.orgId, leaveBalanceEntityId(staffId, year)) };
  }

  /** The chief of office records a person's entitlement for a year (or their deputy under an A4 delegation). */
  async setEntitlement(actor: Actor, staffId: string, year: number, input: { days: number; note?: string }, now: Date, ifMatch?: number): Promise<LeaveBalance> {
    const ctx = await this.contexts.load(actor.orgId);
    this.balanceOwner(ctx, actor, staffId);
    const me = ctx.authority.staff(actor.staffId);
    const held = await this.heldAuthority(ctx, actor.staffId, this.today(ctx, now));
    const onBehalfOf = me?.roles.includes(REGISTER_KEEPER_ROLE)
      ? undefined
      : held.find((d) => ctx.authority.staff(d.delegatorId)?.roles.includes(REGISTER_KEEPER_ROLE))?.delegatorId;
    if (!me?.roles.includes(REGISTER_KEEPER_ROLE) && !onBehalfOf) {
      throw new ForbiddenError('The chief of office keeps the leave register and records annual-leave entitlements (Điều 18.3, L3).', 'L3');
    }
    const { settings, usage } = await this.leave.getBalance(ctx.orgId, staffId, year);
    if (ifMatch !== undefined && ifMatch !== settings.version) {
      throw new PreconditionFailedError(`The leave balance is at version ${settings.version}, not ${ifMatch}.`, settings.version);
    }
    const next = {
      ...settings,
      entitlementDays: input.days,
      ...(input.note?.trim() ? { entitlementNote: input.note.trim() } : {}),
      entitlementSetBy: actor.staffId,
      version: settings.version + 1,
    };
    if (annualAllowance(next) < usage.usedDays) {
      throw new UnprocessableError(`${staffId} has already taken ${usage.usedDays} days of annual leave in ${year}; the entitlement cannot be less (L3).`, [
        { path: 'body.days', message: `at least ${usage.usedDays - annualAllowance(next) + input.days}` },
      ]);
    }
    const entityId = leaveBalanceEntityId(staffId, year);
    await commit({
      retry: false,
      raced: ['balance', 'usage'],
      stale: () => new PreconditionFailedError('The leave balance changed while this update was being made; read it again.'),
      decide: () => ({
        result: next,
        write: () =>
          this.leave.write([
            this.leave.balancePut(next, settings.version),
            this.auditItem(
              this.event(ctx, actor, 'leave-balance', entityId, 'entitlement-set', next.version, { staffId, year, days: input.days, previous: settings.entitlementDays ?? null, ...(input.note ? { note: input.note } : {}) }, now, onBehalfOf),
            ),
            this.leave.usageUpdate(ctx.orgId, staffId, year, {}, { usedDaysIs: usage.usedDays }),
          ]),
      }),
    });
    return balanceOf(next, usage);
  }

  /** The director records the board's agreement to combine unused leave over 2 or 3 years (L3). */
  async carryOver(
    actor: Actor,
    staffId: string,
    year: number,
    input: { days: number; fromYear: number; decisionRef: string; note?: string },
    now: Date,
    ifMatch?: number,
    idempotencyKey?: string,
  ): Promise<{ body: LeaveBalance; replayed: boolean }> {
    const ctx = await this.contexts.load(actor.orgId);
    const rule = ctx.rulebook.leave.carryOver;
    const { body, replayed } = await commit({
      idempotency: new IdempotentRequest({ repository: this.idempotency, orgId: ctx.orgId, scope: `leave.carry-over.${actor.staffId}`, key: idempotencyKey, input: { staffId, year, ...input }, now }),
      retry: false,
      raced: ['balance', 'usage'],
      stale: () => new PreconditionFailedError('The leave balances changed while this carry-over was being recorded; read them again.'),
      decide: async () => {
      this.balanceOwner(ctx, actor, staffId);
      const me = ctx.authority.staff(actor.staffId);
      const held = await this.heldAuthority(ctx, actor.staffId, this.today(ctx, now));
      const onBehalfOf = me?.roles.includes('director') ? undefined : held.find((d) => d.scope === 'department')?.delegatorId;
      if (!me?.roles.includes('director') && !onBehalfOf) {
        throw new ForbiddenError(
          `Combining annual leave over several years needs the ${rule?.agreementWith ?? 'board'}'s agreement, recorded by the director (${rule?.rule ?? 'L3'}, ${rule?.article ?? 'Điều 18.3'}).`,
          rule?.rule ?? 'L3',
        );
      }
      const [to, from] = await Promise.all([this.leave.getBalance(ctx.orgId, staffId, year), this.leave.getBalance(ctx.orgId, staffId, input.fromYear)]);
      if (ifMatch !== undefined && ifMatch !== to.settings.version) {
        throw new PreconditionFailedError(`The leave balance of ${year} is at version ${to.settings.version}, not ${ifMatch}.`, to.settings.version);
      }
      checkCarryOver(rule, { days: input.days, fromYear: input.fromYear, toYear: year }, balanceOf(from.settings, from.usage));
      const carry: CarryOverRecord = {
        id: ulid(now.getTime()),
        days: input.days,
        fromYear: input.fromYear,
        toYear: year,
        decisionRef: input.decisionRef.trim(),
        ...(input.note?.trim() ? { note: input.note.trim() } : {}),
        ...(rule ? { paidOnce: rule.paidOnce } : {}),
        decidedBy: actor.staffId,
        ...(onBehalfOf ? { decidedOnBehalfOf: onBehalfOf } : {}),
        decidedAt: now.toISOString(),
      };
      const nextTo = { ...to.settings, carriedIn: [...to.settings.carriedIn, carry], version: to.settings.version + 1 };
      const nextFrom = { ...from.settings, carriedOut: [...from.settings.carriedOut, carry], version: from.settings.version + 1 };
      return {
        result: balanceOf(nextTo, to.usage),
        status: 201,
        write: (extra) =>
          this.leave.write([
            this.leave.balancePut(nextTo, to.settings.version),
            this.leave.balancePut(nextFrom, from.settings.version),
            this.auditItem(this.event(ctx, actor, 'leave-balance', leaveBalanceEntityId(staffId, year), 'carried-in', nextTo.version, { carry }, now, onBehalfOf)),
            this.auditItem(this.event(ctx, actor, 'leave-balance', leaveBalanceEntityId(staffId, input.fromYear), 'carried-out', nextFrom.version, { carry }, now, onBehalfOf)),
            this.leave.usageUpdate(ctx.orgId, staffId, input.fromYear, {}, { usedDaysIs: from.usage.usedDays }),
            ...extra,
          ]),
      };
      },
    });
    return { body, replayed };
  }

  // -------------------------------------------------------------------------------------
  // Who may read the history (GET /v1/audit)

  readonly auditVisibility = auditVisibility(['leave-request', 'request-to-delegate', 'leave-balance'], async (ctx, actor, entityId) => {
    const balance = /^leave-balance\.(.+)\.(\d{4})$/.exec(entityId);
    if (balance) return this.canSeePerson(ctx, actor.staffId, balance[1]!) ? true : undefined;
    const l = await this.leave.getLeave(ctx.orgId, entityId);
    if (l) return this.canView(ctx, actor.staffId, l);
    const r = await this.leave.getRequestToDelegate(ctx.orgId, entityId);
    if (r) {
      const me = ctx.authority.staff(actor.staffId);
      return actor.staffId === r.directorId || me?.roles.includes('deputy-director') === true || this.seesAllLeave(ctx, actor.staffId);
    }
    return undefined;
  });
}
