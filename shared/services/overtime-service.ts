/**
 * Overtime and weekend work (W1, Điều 19.1): a person notifies the chief of office (the
 * rulebook's `workingTime.overtimeNotify`), who lists the notices by unit and month and
 * acknowledges them.
 */
import { ulid } from 'ulidx';
import type { AuditEvent } from '../domain/assignment.js';
import { ForbiddenError, NotFoundError, PreconditionFailedError, UnprocessableError, ValidationError } from '../domain/errors.js';
import { firstDayOfMonth, isValidYearMonth, lastDayOfMonth, toLocalDate, type LocalDate } from '../domain/local-time.js';
import { acknowledgeOvertime, createOvertime, type OvertimeNotice } from '../domain/overtime.js';
import type { IdempotencyRepository } from '../store/idempotency-repository.js';
import type { OvertimeIndex, OvertimeRepository } from '../store/overtime-repository.js';
import { auditVisibility } from './audit-service.js';
import { commit } from './commit.js';
import { IdempotentRequest } from './idempotent-request.js';
import type { OrgContext, OrgContextLoader } from './org-context.js';
import type { Actor } from './organisation-service.js';

export interface CreateOvertimeInput {
  date: LocalDate;
  hours: number;
  reason: string;
  weekend?: boolean;
}

export class OvertimeService {
  constructor(
    private readonly contexts: OrgContextLoader,
    private readonly overtime: OvertimeRepository,
    private readonly idempotency: IdempotencyRepository,
  ) {}

  /** Holds the role notices go to (the chief of office), or sees the whole department. */
  private seesAll(ctx: OrgContext, staffId: string): boolean {
    const me = ctx.authority.staff(staffId);
    if (!me?.active) return false;
    const notify = ctx.rulebook.workingTime?.overtimeNotify;
    return (notify !== undefined && me.roles.includes(notify)) || ctx.authority.viewScope(staffId).kind === 'all';
  }

  private canView(ctx: OrgContext, staffId: string, o: Pick<OvertimeNotice, 'staffId' | 'unitId' | 'notifiedTo'>): boolean {
    if (!ctx.authority.staff(staffId)?.active) return false;
    if (o.staffId === staffId || o.notifiedTo.includes(staffId) || this.seesAll(ctx, staffId)) return true;
    const scope = ctx.authority.viewScope(staffId);
    return scope.kind === 'units' && scope.unitIds.includes(o.unitId);
  }

  private event(ctx: OrgContext, actor: Actor, o: OvertimeNotice, action: string, data: Record<string, unknown>, now: Date): AuditEvent {
    return {
      id: ulid(now.getTime()),
      orgId: ctx.orgId,
      entityType: 'overtime',
      entityId: o.id,
      action,
      actorId: actor.staffId,
      at: now.toISOString(),
      version: o.version,
      data,
    };
  }

  async create(actor: Actor, input: CreateOvertimeInput, now: Date, idempotencyKey?: string): Promise<{ body: OvertimeNotice; replayed: boolean }> {
    const ctx = await this.contexts.load(actor);
    const { body, replayed } = await commit({
      idempotency: new IdempotentRequest({ repository: this.idempotency, orgId: ctx.orgId, scope: `overtime.create.${actor.staffId}`, key: idempotencyKey, input, now }),
      decide: () => {
        const rule = ctx.rulebook.workingTime;
        const notifiedTo = rule
          ? ctx.snapshot.staff.filter((s) => s.active && s.roles.includes(rule.overtimeNotify) && s.id !== actor.staffId).map((s) => s.id)
          : [];
        const notice = createOvertime(
          rule,
          { id: ulid(now.getTime()), orgId: ctx.orgId, staffId: actor.staffId, unitId: actor.unitId, date: input.date, hours: input.hours, reason: input.reason, ...(input.weekend !== undefined ? { weekend: input.weekend } : {}), notifiedTo },
          ctx.calendar,
          toLocalDate(now, ctx.dueRules.timeZone),
          now,
        );
        return {
          result: notice,
          status: 201,
          write: (extra) => this.overtime.write([...this.overtime.items(notice, this.event(ctx, actor, notice, 'notified', { notice }, now)), ...extra]),
        };
      },
    });
    return { body, replayed };
  }

  async get(actor: Actor, id: string): Promise<OvertimeNotice & { history: AuditEvent[] }> {
    const ctx = await this.contexts.load(actor);
    const o = await this.overtime.get(ctx.orgId, id);
    if (!o || !this.canView(ctx, actor.staffId, o)) throw new NotFoundError(`There is no overtime notice ${id}.`);
    return { ...o, history: await this.history(ctx, id) };
  }

  private history(ctx: OrgContext, id: string): Promise<AuditEvent[]> {
    return this.overtime.history(ctx.orgId, id);
  }

  /**
   * The notices of a month: one person's (`staffId`), one unit's (`unitId`), or, for the chief
   * of office and those who see the whole department, everyone's; otherwise the caller's own.
   */
  async list(actor: Actor, query: { unitId?: string; staffId?: string; month?: string; limit: number; cursor?: string }, now: Date) {
    const ctx = await this.contexts.load(actor);
    const month = query.month ?? toLocalDate(now, ctx.dueRules.timeZone).slice(0, 7);
    if (!isValidYearMonth(month)) throw new ValidationError('The month is not valid.', [{ path: 'query.month', message: 'must be YYYY-MM' }]);
    // A filter naming someone or a unit whose notices the caller may not see answers nothing, before any query.
    if (!this.seesAll(ctx, actor.staffId)) {
      const scope = ctx.authority.viewScope(actor.staffId);
      const inScope = (unitId: string | undefined) => scope.kind === 'units' && unitId !== undefined && scope.unitIds.includes(unitId);
      if (query.staffId && query.staffId !== actor.staffId && !inScope(ctx.authority.staff(query.staffId)?.unitId)) return { month, items: [], totalHours: 0 };
      if (query.unitId && ctx.authority.unit(query.unitId) && !inScope(query.unitId)) return { month, items: [], totalHours: 0 };
    }
    let index: OvertimeIndex;
    if (query.staffId) index = { kind: 'staff', staffId: query.staffId };
    else if (query.unitId) {
      if (!ctx.authority.unit(query.unitId)) throw new ValidationError('No such unit.', [{ path: 'query.unitId', message: `no unit ${query.unitId}` }]);
      index = { kind: 'unit', unitId: query.unitId };
    } else if (this.seesAll(ctx, actor.staffId)) index = { kind: 'month', month };
    else index = { kind: 'staff', staffId: actor.staffId };
    const page = await this.overtime.list(ctx.orgId, index, firstDayOfMonth(month), lastDayOfMonth(month), query.limit, query.cursor);
    const items = page.items.filter((o) => this.canView(ctx, actor.staffId, o));
    const totalHours = items.reduce((n, o) => n + o.hours, 0);
    return { month, items, totalHours, ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) };
  }

  /** The chief of office (the role notices go to) acknowledges a notice. */
  async acknowledge(actor: Actor, id: string, note: string | undefined, now: Date, ifMatch?: number): Promise<OvertimeNotice> {
    const ctx = await this.contexts.load(actor);
    const current = await this.overtime.get(ctx.orgId, id);
    if (!current || !this.canView(ctx, actor.staffId, current)) throw new NotFoundError(`There is no overtime notice ${id}.`);
    const notify = ctx.rulebook.workingTime?.overtimeNotify;
    if (!notify || !ctx.authority.staff(actor.staffId)?.roles.includes(notify)) {
      throw new ForbiddenError(`Overtime and weekend work are notified to the ${notify ?? 'chief-of-office'}, who acknowledges them (W1, Điều 19.1).`, 'W1');
    }
    const { body } = await commit({
      load: async () => current,
      ifMatch: { expected: ifMatch, current: (o) => o.version },
      // Read once, before the role check: a lost race is refused, not decided again.
      retry: false,
      stale: (o) =>
        o
          ? new PreconditionFailedError(`The overtime notice is at version ${o.version}, not ${ifMatch}.`, o.version)
          : new PreconditionFailedError('The overtime notice changed while this update was being made; read it again.'),
      decide: (o) => {
        const next = acknowledgeOvertime(o, { by: actor.staffId, ...(note ? { note } : {}) }, now);
        return { result: next, write: () => this.overtime.write(this.overtime.items(next, this.event(ctx, actor, next, 'acknowledged', note ? { note } : {}, now), o.version)) };
      },
    });
    return body;
  }

  readonly auditVisibility = auditVisibility(['overtime'], async (ctx, actor, entityId) => {
    const o = await this.overtime.get(ctx.orgId, entityId);
    return o ? this.canView(ctx, actor.staffId, o) : undefined;
  });
}
