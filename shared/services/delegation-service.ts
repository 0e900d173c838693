import { ulid } from 'ulidx';
import { unitDeputyRole, unitHeadRole } from '../rulebook/schema.js';
import { ConflictError, ForbiddenError, NotFoundError, PreconditionFailedError, ValidationError } from '../domain/errors.js';
import { compareLocalDates, toLocalDate, type LocalDate } from '../domain/local-time.js';
import type { DelegationRepository, StoredDelegation } from '../store/delegation-repository.js';
import { ConditionFailed } from '../store/transact.js';
import type { OrgContextLoader } from './org-context.js';
import type { Actor } from './organisation-service.js';

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
    const ctx = await this.contexts.load(actor.orgId, now);
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
    await this.delegations.save(delegation, {
      id: ulid(now.getTime()),
      orgId: ctx.orgId,
      entityType: 'delegation',
      entityId: delegation.id,
      action: 'delegated',
      actorId: actor.staffId,
      at: now.toISOString(),
      version: 1,
      data: { delegation },
    });
    return delegation;
  }

  async revoke(actor: Actor, id: string, note: string | undefined, now: Date, ifMatch?: number): Promise<StoredDelegation> {
    const ctx = await this.contexts.load(actor.orgId, now);
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
    try {
      await this.delegations.save(
        next,
        {
          id: ulid(now.getTime()),
          orgId: ctx.orgId,
          entityType: 'delegation',
          entityId: id,
          action: 'revoked',
          actorId: actor.staffId,
          at: now.toISOString(),
          version: next.version,
          data: note ? { note } : {},
        },
        current.version,
      );
    } catch (error) {
      if (error instanceof ConditionFailed) throw new PreconditionFailedError('The delegation changed meanwhile; read it again.');
      throw error;
    }
    return next;
  }

  async list(actor: Actor, now: Date, limit: number, cursor?: string) {
    const ctx = await this.contexts.load(actor.orgId, now);
    const page = await this.delegations.list(ctx.orgId, toLocalDate(now, ctx.dueRules.timeZone), limit, cursor);
    const all = ctx.authority.viewScope(actor.staffId).kind === 'all';
    return { ...page, items: page.items.filter((d) => all || d.delegatorId === actor.staffId || d.delegateId === actor.staffId) };
  }
}
