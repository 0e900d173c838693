/**
 * What the parts of the leave service share (Điều 18; L1, L2, L3, A2): its stores, who may see
 * and decide a request (A1, A2, A4), the director's stand-in, the counters a leave taking effect
 * changes, and the audit events.
 */
import { ulid } from 'ulidx';
import type { AuditEvent } from '../../domain/assignment.js';
import type { Delegation } from '../../domain/authority.js';
import type { WorkingCalendar } from '../../domain/calendar.js';
import { ConflictError, ForbiddenError, UnprocessableError } from '../../domain/errors.js';
import {
  annualAllowance,
  balanceOf,
  insufficientBalance,
  isInEffect,
  usageDeltas,
  type LeaveRequest,
  type LeaveTransition,
} from '../../domain/leave.js';
import { addDays, compareLocalDates, toLocalDate, type LocalDate } from '../../domain/local-time.js';
import type { DelegationRepository, StoredDelegation } from '../../store/delegation-repository.js';
import type { IdempotencyRepository } from '../../store/idempotency-repository.js';
import type { LeaveRepository, RequestToDelegate } from '../../store/leave-repository.js';
import type { MissionRepository } from '../../store/mission-repository.js';
import type { LabelledItem } from '../../store/transact.js';
import type { ClaimedFiles, FileService } from '../file-service.js';
import type { NotificationService } from '../notification-service.js';
import type { OrgContext, OrgContextLoader } from '../org-context.js';
import type { Actor } from '../organisation-service.js';
import { scopeOf, type RequestScope } from '../../store/org-version.js';
import type { DelegationCover, LeaveView, LeaveListFilters, RequestToDelegateView } from '../leave-service.js';

/** The Office keeps the leave register (Điều 18.3: "thông báo cho Văn phòng biết để vào sổ theo dõi"). */
export const REGISTER_KEEPER_ROLE = 'chief-of-office';

function workingDaysIn(calendar: WorkingCalendar, from: LocalDate, to: LocalDate): LocalDate[] {
  const days: LocalDate[] = [];
  for (let d = from; compareLocalDates(d, to) <= 0; d = addDays(d, 1)) if (calendar.isWorkingDay(d)) days.push(d);
  return days;
}

export class LeaveCore {
  constructor(
    readonly contexts: OrgContextLoader,
    readonly leave: LeaveRepository,
    readonly delegations: DelegationRepository,
    readonly idempotency: IdempotencyRepository,
    readonly extras: {
      /** The notification store (issue #4): the director's request to delegate also lands in their notifications. */
      readonly notifications?: NotificationService;
      /** Missions (Điều 16, issue #4): shown on the absence calendar beside leave. */
      readonly missions?: Pick<MissionRepository, 'listEnding'>;
      /** Evidence files (issue #22): the applicant's uploads, taken in the request's transaction. */
      readonly files?: Pick<FileService, 'claim'>;
    } = {},
  ) {}

  get notifications(): NotificationService | undefined {
    return this.extras.notifications;
  }

  today(ctx: OrgContext, now: Date): LocalDate {
    return toLocalDate(now, ctx.dueRules.timeZone);
  }

  /** Whose authority the actor holds today under a delegation (A2, A4), checked against the chart. */
  async heldAuthority(ctx: OrgContext, actor: Actor, today: LocalDate): Promise<Delegation[]> {
    const current = await this.delegations.currentFor(ctx.orgId, actor.staffId, today, scopeOf(actor));
    return ctx.authority.activeDelegations(actor.staffId, current, today);
  }

  // -------------------------------------------------------------------------------------
  // Visibility: the lines of authority (A1), the Office's register (Điều 18.3)

  seesAllLeave(ctx: OrgContext, staffId: string): boolean {
    const actor = ctx.authority.staff(staffId);
    if (!actor?.active) return false;
    return actor.roles.includes(REGISTER_KEEPER_ROLE) || ctx.authority.viewScope(staffId).kind === 'all';
  }

  /** Whether the actor may see a person's leave and balance: themself, their superiors' scope, the register keeper. */
  canSeePerson(ctx: OrgContext, actorId: string, staffId: string): boolean {
    const actor = ctx.authority.staff(actorId);
    const person = ctx.authority.staff(staffId);
    if (!actor?.active || !person) return false;
    if (actorId === staffId || this.seesAllLeave(ctx, actorId)) return true;
    const scope = ctx.authority.viewScope(actorId);
    return scope.kind === 'units' && scope.unitIds.includes(person.unitId) && !person.roles.includes('director');
  }

  /** Whether the caller may list by these filters: their own, a person or unit in their scope, an approver whose authority they hold or oversee. */
  mayFilter(ctx: OrgContext, actorId: string, filters: Pick<LeaveListFilters, 'staffId' | 'unitId' | 'approverId'>, held: readonly Delegation[]): boolean {
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
  isReportedTo(ctx: OrgContext, actorId: string, staffId: string): boolean {
    const me = ctx.authority.staff(actorId);
    return ctx.authority.director()?.id === staffId && me?.active === true && me.roles.includes('deputy-director');
  }

  canView(ctx: OrgContext, actorId: string, l: LeaveRequest, held: readonly Delegation[] = []): boolean {
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
  decider(ctx: OrgContext, actor: Actor, l: LeaveRequest, held: readonly Delegation[]): { onBehalfOf?: string } {
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
  async directorDelegations(ctx: OrgContext, directorId: string, from: LocalDate, request?: RequestScope): Promise<StoredDelegation[]> {
    const found: StoredDelegation[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.delegations.list(ctx.orgId, from, 100, cursor, request);
      found.push(...page.items.filter((d) => d.scope === 'department' && d.delegatorId === directorId && !d.revokedAt));
      cursor = page.nextCursor;
    } while (cursor);
    const fresh = await Promise.all(found.map((d) => this.delegations.get(ctx.orgId, d.id)));
    return fresh.filter((d): d is StoredDelegation => d !== undefined && !d.revokedAt);
  }

  async cover(ctx: OrgContext, directorId: string, from: LocalDate, to: LocalDate, request?: RequestScope): Promise<DelegationCover> {
    const days = workingDaysIn(ctx.calendar, from, to);
    const delegations = await this.directorDelegations(ctx, directorId, from, request);
    const used = new Set<string>();
    const uncoveredDays = days.filter((day) => {
      const holder = delegations.find((d) => ctx.authority.activeDelegations(d.delegateId, [d], day).length > 0);
      if (holder) used.add(holder.id);
      return !holder;
    });
    const coveredBy = delegations.filter((d) => used.has(d.id)).map((d) => ({ id: d.id, delegateId: d.delegateId, from: d.from, to: d.to }));
    return { covered: uncoveredDays.length === 0, coveredBy, uncoveredDays };
  }

  isDirectorLeave(l: LeaveRequest): boolean {
    return l.route.kind === 'report';
  }

  /** `request`: the reading request's scope, when several leaves are viewed in one (their covers share what they read). */
  async view(ctx: OrgContext, l: LeaveRequest, request?: RequestScope): Promise<LeaveView> {
    if (!this.isDirectorLeave(l) || !isInEffect(l)) return { ...l, delegationRequired: false };
    const cover = await this.cover(ctx, l.applicantId, l.startDate, l.endDate, request);
    return {
      ...l,
      delegationRequired: !cover.covered,
      delegation: { ...cover, ...(l.delegationRequestId ? { requestId: l.delegationRequestId } : {}) },
    };
  }

  async requestView(ctx: OrgContext, r: RequestToDelegate, request?: RequestScope): Promise<RequestToDelegateView> {
    if (r.status === 'cancelled') {
      return { ...r, state: 'cancelled', coveredBy: [], uncoveredDays: [], message: 'The leave was withdrawn; no delegation is needed.' };
    }
    const cover = await this.cover(ctx, r.directorId, r.from, r.to, request);
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
  async effectItems(ctx: OrgContext, l: LeaveRequest, sign: 1 | -1): Promise<LabelledItem[]> {
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

  event(ctx: OrgContext, actor: Actor, entityType: string, entityId: string, action: string, version: number, data: Record<string, unknown>, now: Date, onBehalfOf?: string): AuditEvent {
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

  leaveEvent(ctx: OrgContext, actor: Actor, t: LeaveTransition, now: Date, onBehalfOf?: string): AuditEvent {
    return this.event(ctx, actor, 'leave-request', t.next.id, t.action, t.next.version, t.data, now, onBehalfOf);
  }


  /** The applicant's uploads for their request, taken once whatever the retries (FileService.claim). */
  async claimFiles(actor: Actor, ids: readonly string[] | undefined, id: string, now: Date): Promise<ClaimedFiles> {
    if (!ids?.length) return { files: [], items: [] };
    if (!this.extras.files) throw new UnprocessableError('Files are not configured on this server.', [{ path: 'body.files', message: 'no file storage' }]);
    return this.extras.files.claim(actor, ids, { kind: 'leave-request', id }, now);
  }

  /** The audit event of an entity other than the leave itself (a balance, a request to delegate). */
  auditItem(event: AuditEvent): LabelledItem {
    return this.leave.auditPut(event);
  }
}
