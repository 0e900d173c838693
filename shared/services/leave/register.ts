/** The leave register (Điều 18.3): lists of requests, the absence calendar of a unit, the requests to delegate (A2). */
import { NotFoundError, ValidationError } from '../../domain/errors.js';
import { isInEffect } from '../../domain/leave.js';
import { addDays, compareLocalDates, daysBetween, type LocalDate } from '../../domain/local-time.js';
import type { Actor } from '../organisation-service.js';
import { scopeOf } from '../../store/org-version.js';
import type { LeaveView, LeaveListFilters, AbsenceEntry } from '../leave-service.js';
import { LeaveCore } from './core.js';


export class LeaveRegister {
  constructor(private readonly core: LeaveCore) {}

  async list(actor: Actor, filters: LeaveListFilters, now: Date): Promise<{ items: LeaveView[]; nextCursor?: string }> {
    const ctx = await this.core.contexts.load(actor);
    const held = await this.core.heldAuthority(ctx, actor, this.core.today(ctx, now));
    const { from, to } = filters;
    if (from && to && compareLocalDates(from, to) > 0) {
      throw new ValidationError('The date range is empty.', [{ path: 'query.to', message: `must be on or after from ${from}` }]);
    }
    // A filter naming someone or a unit whose leave the caller may not see answers nothing, before
    // any query, so neither a page nor a cursor hints at others' leave.
    if (!this.core.mayFilter(ctx, actor.staffId, filters, held)) return { items: [] };
    let page;
    if (filters.approverId) {
      const state = filters.status === undefined ? undefined : filters.status === 'pending' ? 'pending' : 'closed';
      page = await this.core.leave.byApprover(ctx.orgId, filters.approverId, state, filters.limit, filters.cursor);
    } else if (filters.unitId) {
      page = await this.core.leave.byUnit(ctx.orgId, filters.unitId, from, undefined, filters.limit, filters.cursor);
    } else {
      const staffId = filters.staffId ?? actor.staffId;
      page = await this.core.leave.byApplicant(ctx.orgId, staffId, from ? addDays(from, -366) : undefined, to, filters.limit, filters.cursor);
    }
    const visible = page.items.filter(
      (l) =>
        this.core.canView(ctx, actor.staffId, l, held) &&
        (!filters.status || l.status === filters.status) &&
        (!filters.staffId || l.applicantId === filters.staffId) &&
        (!filters.unitId || l.unitId === filters.unitId) &&
        (!from || compareLocalDates(l.endDate, from) >= 0) &&
        (!to || compareLocalDates(l.startDate, to) <= 0),
    );
    const items = await Promise.all(visible.map((l) => this.core.view(ctx, l, scopeOf(actor))));
    return page.nextCursor ? { items, nextCursor: page.nextCursor } : { items };
  }

  // -------------------------------------------------------------------------------------
  // The absence calendar of a unit

  async absences(actor: Actor, query: { unitId: string; from?: LocalDate; to?: LocalDate }, now: Date) {
    const ctx = await this.core.contexts.load(actor);
    const today = this.core.today(ctx, now);
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
        this.core.seesAllLeave(ctx, actor.staffId) ||
        (scope.kind === 'units' && scope.unitIds.includes(unit.id)));
    if (!unit || !visible) throw new NotFoundError(`There is no absence calendar of unit ${query.unitId}.`);
    const held = await this.core.heldAuthority(ctx, actor, today);
    const leaves = await this.core.leave.all((cursor) => this.core.leave.byUnit(ctx.orgId, unit.id, from, undefined, 100, cursor));
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
        ...(this.core.canView(ctx, actor.staffId, l, held) ? { kind: l.kind, emergency: l.emergency } : {}),
      }));
    const members = new Set(ctx.snapshot.staff.filter((s) => s.unitId === unit.id).map((s) => s.id));
    const standIns: { delegationId: string; delegatorId: string; delegateId: string; scope: string; from: string; to: string }[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.core.delegations.list(ctx.orgId, from, 100, cursor, scopeOf(actor));
      for (const d of page.items) {
        if (!d.revokedAt && members.has(d.delegatorId) && compareLocalDates(d.from, to) <= 0) {
          standIns.push({ delegationId: d.id, delegatorId: d.delegatorId, delegateId: d.delegateId, scope: d.scope, from: d.from, to: d.to });
        }
      }
      cursor = page.nextCursor;
    } while (cursor);
    const missions = this.core.extras.missions
      ? (await this.core.extras.missions.listEnding(ctx.orgId, { kind: 'unit', unitId: unit.id }, from, '9999-12-31'))
          .filter((m) => compareLocalDates(m.from, to) <= 0)
          .sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0))
          .map((m) => ({ missionId: m.id, staffId: m.staffId, name: ctx.authority.staff(m.staffId)?.name ?? m.staffId, kind: m.kind, from: m.from, to: m.to }))
      : [];
    return { unitId: unit.id, from, to, items, missions, standIns };
  }

  // -------------------------------------------------------------------------------------
  // Requests to delegate (A2)

  async requestsToDelegate(actor: Actor, query: { open?: boolean; limit: number; cursor?: string }) {
    const ctx = await this.core.contexts.load(actor);
    const director = ctx.authority.director();
    const me = ctx.authority.staff(actor.staffId);
    // The director, and those the director's leave is reported to or who see the whole department.
    const entitled =
      me?.active === true &&
      (me.roles.includes('director') || me.roles.includes('deputy-director') || this.core.seesAllLeave(ctx, actor.staffId));
    if (!director || !entitled) return { items: [] };
    const page = await this.core.leave.requestsToDelegate(ctx.orgId, director.id, undefined, query.limit, query.cursor);
    const views = await Promise.all(page.items.map((r) => this.core.requestView(ctx, r, scopeOf(actor))));
    const items = views.filter((r) => !query.open || r.state === 'open');
    return page.nextCursor ? { items, nextCursor: page.nextCursor } : { items };
  }
}
