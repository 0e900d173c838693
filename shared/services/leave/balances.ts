/** Annual-leave balances (L3): a person's balance, the entitlement, leave combined over several years. */
import { ulid } from 'ulidx';
import type { AuditEvent } from '../../domain/assignment.js';
import { ForbiddenError, NotFoundError, PreconditionFailedError, UnprocessableError } from '../../domain/errors.js';
import { annualAllowance, balanceOf, checkCarryOver, type CarryOverRecord, type LeaveBalance } from '../../domain/leave.js';
import { parseLocalDate } from '../../domain/local-time.js';
import { leaveBalanceEntityId } from '../../store/keys.js';
import { commit } from '../commit.js';
import { IdempotentRequest } from '../idempotent-request.js';
import type { OrgContext } from '../org-context.js';
import type { Actor } from '../organisation-service.js';
import { LeaveCore, REGISTER_KEEPER_ROLE } from './core.js';


export class LeaveBalances {
  constructor(private readonly core: LeaveCore) {}

  // -------------------------------------------------------------------------------------
  // Balances (L3)

  private balanceOwner(ctx: OrgContext, actor: Actor, staffId: string) {
    const person = ctx.authority.staff(staffId);
    if (!person || !this.core.canSeePerson(ctx, actor.staffId, staffId)) throw new NotFoundError(`There is no leave balance of ${staffId}.`);
    return person;
  }

  async balance(actor: Actor, query: { staffId?: string; year?: number }, now: Date): Promise<LeaveBalance & { history: AuditEvent[] }> {
    const ctx = await this.core.contexts.load(actor);
    const staffId = query.staffId ?? actor.staffId;
    const year = query.year ?? parseLocalDate(this.core.today(ctx, now)).year;
    this.balanceOwner(ctx, actor, staffId);
    const { settings, usage } = await this.core.leave.getBalance(ctx.orgId, staffId, year);
    return { ...balanceOf(settings, usage), history: await this.core.leave.history(ctx.orgId, leaveBalanceEntityId(staffId, year)) };
  }

  /** The chief of office records a person's entitlement for a year (or their deputy under an A4 delegation). */
  async setEntitlement(actor: Actor, staffId: string, year: number, input: { days: number; note?: string }, now: Date, ifMatch?: number): Promise<LeaveBalance> {
    const ctx = await this.core.contexts.load(actor);
    this.balanceOwner(ctx, actor, staffId);
    const me = ctx.authority.staff(actor.staffId);
    const held = await this.core.heldAuthority(ctx, actor, this.core.today(ctx, now));
    const onBehalfOf = me?.roles.includes(REGISTER_KEEPER_ROLE)
      ? undefined
      : held.find((d) => ctx.authority.staff(d.delegatorId)?.roles.includes(REGISTER_KEEPER_ROLE))?.delegatorId;
    if (!me?.roles.includes(REGISTER_KEEPER_ROLE) && !onBehalfOf) {
      throw new ForbiddenError('The chief of office keeps the leave register and records annual-leave entitlements (Điều 18.3, L3).', 'L3');
    }
    const { settings, usage } = await this.core.leave.getBalance(ctx.orgId, staffId, year);
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
          this.core.leave.write([
            this.core.leave.balancePut(next, settings.version),
            this.core.auditItem(
              this.core.event(ctx, actor, 'leave-balance', entityId, 'entitlement-set', next.version, { staffId, year, days: input.days, previous: settings.entitlementDays ?? null, ...(input.note ? { note: input.note } : {}) }, now, onBehalfOf),
            ),
            this.core.leave.usageUpdate(ctx.orgId, staffId, year, {}, { usedDaysIs: usage.usedDays }),
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
    const ctx = await this.core.contexts.load(actor);
    const rule = ctx.rulebook.leave.carryOver;
    const { body, replayed } = await commit({
      idempotency: new IdempotentRequest({ repository: this.core.idempotency, orgId: ctx.orgId, scope: `leave.carry-over.${actor.staffId}`, key: idempotencyKey, input: { staffId, year, ...input }, now }),
      retry: false,
      raced: ['balance', 'usage'],
      stale: () => new PreconditionFailedError('The leave balances changed while this carry-over was being recorded; read them again.'),
      decide: async () => {
      this.balanceOwner(ctx, actor, staffId);
      const me = ctx.authority.staff(actor.staffId);
      const held = await this.core.heldAuthority(ctx, actor, this.core.today(ctx, now));
      const onBehalfOf = me?.roles.includes('director') ? undefined : held.find((d) => d.scope === 'department')?.delegatorId;
      if (!me?.roles.includes('director') && !onBehalfOf) {
        throw new ForbiddenError(
          `Combining annual leave over several years needs the ${rule?.agreementWith ?? 'board'}'s agreement, recorded by the director (${rule?.rule ?? 'L3'}, ${rule?.article ?? 'Điều 18.3'}).`,
          rule?.rule ?? 'L3',
        );
      }
      const [to, from] = await Promise.all([this.core.leave.getBalance(ctx.orgId, staffId, year), this.core.leave.getBalance(ctx.orgId, staffId, input.fromYear)]);
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
          this.core.leave.write([
            this.core.leave.balancePut(nextTo, to.settings.version),
            this.core.leave.balancePut(nextFrom, from.settings.version),
            this.core.auditItem(this.core.event(ctx, actor, 'leave-balance', leaveBalanceEntityId(staffId, year), 'carried-in', nextTo.version, { carry }, now, onBehalfOf)),
            this.core.auditItem(this.core.event(ctx, actor, 'leave-balance', leaveBalanceEntityId(staffId, input.fromYear), 'carried-out', nextFrom.version, { carry }, now, onBehalfOf)),
            this.core.leave.usageUpdate(ctx.orgId, staffId, input.fromYear, {}, { usedDaysIs: from.usage.usedDays }),
            ...extra,
          ]),
      };
      },
    });
    return { body, replayed };
  }
}
