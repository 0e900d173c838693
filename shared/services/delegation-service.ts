import { ulid } from 'ulidx';
// Not from schema.ts: that would build the rulebook's zod schema on the assignments feature's cold start.
import { unitDeputyRole, unitHeadRole } from '../rulebook/roles.js';
import { ConflictError, ForbiddenError, NotFoundError, PreconditionFailedError, ValidationError } from '../domain/errors.js';
import { isByDeadline } from '../domain/assignment.js';
import { reportBackDue, reportBackStatus, type ReportBackStatus } from '../domain/delegation-report.js';
import { day } from '../domain/format.js';
import { addDays, compareLocalDates, formatInstant, toLocalDate, type LocalDate } from '../domain/local-time.js';
import type { AuthorityHold, DelegationRepository, StoredDelegation } from '../store/delegation-repository.js';
import { failureOf } from '../store/transact.js';
import { commit } from './commit.js';
import type { OrgContext, OrgContextLoader } from './org-context.js';
import type { Actor } from './organisation-service.js';

/** How far back "Việc của tôi" looks for a report back still owed (by the delegation's last day). */
const REPORT_BACK_LOOKBACK_DAYS = 120;

/** A report back a deputy director owes the director (A3, Điều 4.1.2). */
export interface ReportBackOwed {
  readonly delegationId: string;
  readonly delegatorId: string;
  readonly from: LocalDate;
  readonly to: LocalDate;
  readonly endedOn: LocalDate;
  readonly dueOn: LocalDate;
  readonly dueAt: string;
  readonly status: ReportBackStatus;
  readonly rule: string;
  readonly article: string;
}

export interface CreateDelegationInput {
  delegateId: string;
  from: LocalDate;
  to: LocalDate;
  note?: string;
}



/**
 * Delegations of authority: the director to a deputy director who runs the department while the
 * director is away (A2), or a head to their deputy (A4). Acts under one record "on behalf of".
 */
export class DelegationService {
  constructor(
    private readonly contexts: OrgContextLoader,
    private readonly delegations: DelegationRepository,
  ) {}

  async create(actor: Actor, input: CreateDelegationInput, now: Date): Promise<StoredDelegation> {
    const ctx = await this.contexts.load(actor, now);
    const today = toLocalDate(now, ctx.dueRules.timeZone);
    const issues = [];
    if (compareLocalDates(input.from, input.to) > 0) issues.push({ path: 'body.to', message: 'must be on or after from' });
    if (compareLocalDates(input.from, today) < 0) issues.push({ path: 'body.from', message: 'cannot start in the past' });
    if (issues.length) throw new ValidationError('The delegation dates are not valid.', issues);

    const delegator = ctx.authority.staff(actor.staffId);
    const delegate = ctx.authority.staff(input.delegateId);
    if (!delegate) throw new ValidationError('No such staff member.', [{ path: 'body.delegateId', message: `no current staff member ${input.delegateId}` }]);
    let scope: StoredDelegation['scope'];
    if (delegator?.roles.includes('director')) {
      if (!delegate.roles.includes('deputy-director')) {
        throw new ForbiddenError('The director delegates the running of the department to a deputy director (A2).', 'A2');
      }
      scope = 'department';
    } else {
      const unit = delegator ? ctx.authority.unit(delegator.unitId) : undefined;
      const heads = unit && delegator?.roles.includes(unitHeadRole(unit.kind)) && unit.kind !== 'board';
      if (!unit || !heads) throw new ForbiddenError('Only the director (A2) or a unit’s head (A4) may delegate authority.', 'A4');
      if (delegate.unitId !== unit.id || !delegate.roles.includes(unitDeputyRole(unit.kind))) {
        throw new ForbiddenError('A head delegates only to a deputy of their own unit (A4).', 'A4');
      }
      scope = 'unit';
    }
    const delegation: StoredDelegation = {
      id: ulid(now.getTime()),
      orgId: ctx.orgId,
      delegatorId: actor.staffId,
      delegateId: delegate.id,
      scope,
      from: input.from,
      to: input.to,
      ...(input.note ? { note: input.note } : {}),
      createdAt: now.toISOString(),
      createdBy: actor.staffId,
      version: 1,
    };
    const event = {
      id: ulid(now.getTime()),
      orgId: ctx.orgId,
      entityType: 'delegation',
      entityId: delegation.id,
      action: 'delegated',
      actorId: actor.staffId,
      at: now.toISOString(),
      version: 1,
      data: { delegation },
    };
    if (scope === 'unit') {
      await this.delegations.save(delegation, event);
      return delegation;
    }
    // A2: the director's authority is held by one deputy director on any day; the check and the
    // write are one conditional transaction, retried only when another change won the race.
    await commit({
      load: () => this.authorityHolds(ctx, today),
      raced: ['director-authority'],
      decide: ({ holds, version }) => {
        const clash = holds.find((h) => compareLocalDates(h.from, delegation.to) <= 0 && compareLocalDates(delegation.from, h.to) <= 0);
        if (clash) throw this.overlap(ctx, clash);
        const hold: AuthorityHold = { delegationId: delegation.id, delegatorId: delegation.delegatorId, delegateId: delegation.delegateId, from: delegation.from, to: delegation.to };
        return { result: delegation, write: () => this.delegations.save(delegation, event, undefined, [this.delegations.directorAuthorityPut(ctx.orgId, [...holds, hold], version)]) };
      },
    });
    return delegation;
  }

  async revoke(actor: Actor, id: string, note: string | undefined, now: Date, ifMatch?: number): Promise<StoredDelegation> {
    const ctx = await this.contexts.load(actor, now);
    const current = await this.delegations.get(ctx.orgId, id);
    const isDirector = ctx.authority.staff(actor.staffId)?.roles.includes('director') ?? false;
    if (!current || (current.delegatorId !== actor.staffId && current.delegateId !== actor.staffId && !isDirector)) {
      throw new NotFoundError(`There is no delegation ${id}.`);
    }
    if (current.delegatorId !== actor.staffId && !isDirector) throw new ForbiddenError('Only who delegated, or the director, may revoke it.', 'A2');
    if (current.revokedAt) throw new ConflictError('The delegation was already revoked.');
    if (ifMatch !== undefined && ifMatch !== current.version) {
      throw new PreconditionFailedError(`The delegation is at version ${current.version}, not ${ifMatch}.`, current.version);
    }
    const next: StoredDelegation = { ...current, revokedAt: now.toISOString(), version: current.version + 1 };
    const event = {
      id: ulid(now.getTime()),
      orgId: ctx.orgId,
      entityType: 'delegation',
      entityId: id,
      action: 'revoked',
      actorId: actor.staffId,
      at: now.toISOString(),
      version: next.version,
      data: note ? { note } : {},
    };
    const today = toLocalDate(now, ctx.dueRules.timeZone);
    await commit({
      // Ending a department delegation early frees its days for another deputy director (A2).
      load: async () => (current.scope === 'department' ? await this.authorityHolds(ctx, today) : undefined),
      raced: ['director-authority'],
      conflict: (part) => (part === 'state' ? new PreconditionFailedError('The delegation changed meanwhile; read it again.') : undefined),
      decide: (authority) => ({
        result: next,
        write: () =>
          this.delegations.save(
            next,
            event,
            current.version,
            authority ? [this.delegations.directorAuthorityPut(ctx.orgId, authority.holds.filter((h) => h.delegationId !== id), authority.version)] : [],
          ),
      }),
    });
    return next;
  }

  /** The reports back the actor owes (A3): delegations to them that ended, not yet reported on. */
  async reportsBackOwed(actor: Actor, now: Date): Promise<ReportBackOwed[]> {
    const ctx = await this.contexts.load(actor, now);
    const setting = ctx.rulebook.delegationReportBack;
    if (!setting) return [];
    const today = toLocalDate(now, ctx.dueRules.timeZone);
    const mine = await this.delegations.ofDelegate(ctx.orgId, actor.staffId, addDays(today, -REPORT_BACK_LOOKBACK_DAYS));
    return mine.flatMap((d) => {
      const due = reportBackDue(d, setting.workingDays, ctx.calendarOn(d.to), ctx.dueRules);
      const status = reportBackStatus(due, d.reportBack, now, ctx.dueRules.timeZone);
      if (!due || (status !== 'pending' && status !== 'missing')) return [];
      return [{ delegationId: d.id, delegatorId: d.delegatorId, from: d.from, to: d.to, endedOn: due.endedOn, dueOn: due.dueOn, dueAt: formatInstant(due.dueAt, ctx.dueRules.timeZone), status, rule: setting.rule, article: setting.article }];
    });
  }

  /** The reports back the director received (A3) on delegations of the last 120 days: one Query of the delegations by end date. */
  async reportsBackReceived(actor: Actor, now: Date) {
    const ctx = await this.contexts.load(actor, now);
    if (!ctx.rulebook.delegationReportBack || ctx.authority.director()?.id !== actor.staffId) return [];
    const today = toLocalDate(now, ctx.dueRules.timeZone);
    const ended = await this.delegations.endingFrom(ctx.orgId, addDays(today, -REPORT_BACK_LOOKBACK_DAYS));
    return ended
      .filter((d) => d.delegatorId === actor.staffId && d.reportBack)
      .map((d) => ({ delegationId: d.id, delegateId: d.delegateId, from: d.from, to: d.to, reportBack: d.reportBack! }))
      .sort((a, b) => (a.reportBack.submittedAt < b.reportBack.submittedAt ? 1 : -1));
  }

  /**
   * The delegate reports back to the director on the work done under a delegation that has ended
   * (A3, Điều 4.1.2). Once: the same report again answers the stored one; another is 409.
   */
  async reportBack(actor: Actor, id: string, content: string, now: Date, ifMatch?: number): Promise<StoredDelegation> {
    const ctx = await this.contexts.load(actor, now);
    const current = await this.delegations.get(ctx.orgId, id);
    const isDirector = ctx.authority.staff(actor.staffId)?.roles.includes('director') ?? false;
    if (!current || (current.delegateId !== actor.staffId && current.delegatorId !== actor.staffId && !isDirector)) {
      throw new NotFoundError(`There is no delegation ${id}.`);
    }
    const setting = ctx.rulebook.delegationReportBack;
    if (current.delegateId !== actor.staffId) throw new ForbiddenError('Only the deputy director who held the delegation reports back on it (A3, Điều 4.1.2).', setting?.rule ?? 'A3');
    const due = setting ? reportBackDue(current, setting.workingDays, ctx.calendarOn(current.to), ctx.dueRules) : undefined;
    if (!setting || !due) throw new ConflictError('No report back is owed on this delegation: only a delegation of the director’s authority that was held owes one (A3, Điều 4.1.2).', [], 'Ủy quyền này không phải báo cáo kết quả: chỉ ủy quyền của Giám đốc Sở đã thực hiện mới phải báo cáo (A3, Điều 4.1.2).');
    if (current.reportBack) {
      if (current.reportBack.content === content) return current;
      throw new ConflictError('The report back on this delegation was already submitted.', [], 'Báo cáo kết quả của ủy quyền này đã được gửi.');
    }
    const today = toLocalDate(now, ctx.dueRules.timeZone);
    if (compareLocalDates(today, due.endedOn) < 0) {
      throw new ConflictError(`The delegation runs until ${due.endedOn}: report back from its last day on.`, [], `Ủy quyền còn hiệu lực đến ${day(due.endedOn, 'vi')}: báo cáo kết quả từ ngày cuối của ủy quyền.`);
    }
    if (ifMatch !== undefined && ifMatch !== current.version) {
      throw new PreconditionFailedError(`The delegation is at version ${current.version}, not ${ifMatch}.`, current.version);
    }
    const late = !isByDeadline(now, due.dueAt);
    const next: StoredDelegation = { ...current, reportBack: { content, submittedAt: now.toISOString(), late }, version: current.version + 1 };
    try {
      await this.delegations.save(
        next,
        {
          id: ulid(now.getTime()),
          orgId: ctx.orgId,
          entityType: 'delegation',
          entityId: id,
          action: 'reported-back',
          actorId: actor.staffId,
          at: now.toISOString(),
          version: next.version,
          data: { dueOn: due.dueOn, late },
        },
        current.version,
      );
    } catch (error) {
      if (failureOf(error)?.outcome !== 'stale') throw error;
      const again = await this.delegations.get(ctx.orgId, id);
      if (again?.reportBack?.content === content) return again;
      throw new PreconditionFailedError('The delegation changed meanwhile; read it again.');
    }
    return next;
  }

  /**
   * The delegations that hold the director's authority from `today` on, with the item's version
   * (undefined: not written yet, built from the delegations themselves). Ended ones, and those of
   * a former director (no longer in force, A2), are dropped as the item is rewritten.
   */
  private async authorityHolds(ctx: OrgContext, today: LocalDate): Promise<{ holds: AuthorityHold[]; version: number | undefined }> {
    const stored = await this.delegations.directorAuthority(ctx.orgId);
    const all: readonly AuthorityHold[] = stored
      ? stored.holds
      : (await this.delegations.departmentDelegationsEndingFrom(ctx.orgId, today)).map((d) => ({
          delegationId: d.id,
          delegatorId: d.delegatorId,
          delegateId: d.delegateId,
          from: d.from,
          to: d.to,
        }));
    const directorId = ctx.authority.director()?.id;
    return { holds: all.filter((h) => compareLocalDates(h.to, today) >= 0 && h.delegatorId === directorId), version: stored?.version };
  }

  /** 409: the dates clash with the delegation that already holds those days; names it and its period. */
  private overlap(ctx: OrgContext, clash: AuthorityHold): ConflictError {
    const name = ctx.authority.staff(clash.delegateId)?.name ?? clash.delegateId;
    const en = `The director's authority is already delegated to ${name} from ${day(clash.from, 'en')} to ${day(clash.to, 'en')} (delegation ${clash.delegationId}); only one deputy director holds it on any day (A2, Điều 3.3.3). Choose dates outside that period, or end that delegation first.`;
    const vi = `Quyền của Giám đốc Sở đã được ủy quyền cho ${name} từ ${day(clash.from, 'vi')} đến ${day(clash.to, 'vi')}; mỗi ngày chỉ 01 Phó Giám đốc Sở được ủy quyền (A2, Điều 3.3.3). Hãy chọn thời gian khác, hoặc chấm dứt ủy quyền đó trước.`;
    const period = `overlaps the delegation to ${name} from ${day(clash.from, 'vi')} to ${day(clash.to, 'vi')} (${clash.delegationId})`;
    return new ConflictError(en, [
      { path: 'body.from', message: period },
      { path: 'body.to', message: period },
    ], vi);
  }

  async list(actor: Actor, now: Date, limit: number, cursor?: string) {
    const ctx = await this.contexts.load(actor, now);
    const page = await this.delegations.list(ctx.orgId, toLocalDate(now, ctx.dueRules.timeZone), limit, cursor);
    const all = ctx.authority.viewScope(actor.staffId).kind === 'all';
    return { ...page, items: page.items.filter((d) => all || d.delegatorId === actor.staffId || d.delegateId === actor.staffId) };
  }
}
