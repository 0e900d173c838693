import { NotFoundError } from '../domain/errors.js';
import type { AuditRepository } from '../store/audit-repository.js';
import type { OrgContext, OrgContextLoader } from './org-context.js';
import type { Actor } from './organisation-service.js';

/**
 * Decides whether `actor` may read the history of `entityId`: true or false when the entity is
 * one this resolver knows, undefined otherwise. Each kind of record registers one.
 */
export type AuditVisibility = (ctx: OrgContext, actor: Actor, entityId: string) => Promise<boolean | undefined>;

/** GET /v1/audit: the history of any record the caller may see; anything else is 404. */
export class AuditService {
  constructor(
    private readonly contexts: OrgContextLoader,
    private readonly audit: AuditRepository,
    private readonly resolvers: AuditVisibility[],
  ) {}

  register(resolver: AuditVisibility): void {
    this.resolvers.push(resolver);
  }

  /** May `actor` read the record `entityId` (and so its files)? The same answer as its history. */
  async mayRead(ctx: OrgContext, actor: Actor, entityId: string): Promise<boolean> {
    for (const resolve of this.resolvers) {
      const visible = await resolve(ctx, actor, entityId);
      if (visible !== undefined) return visible;
    }
    return false;
  }

  async history(actor: Actor, entityId: string, limit: number, cursor?: string) {
    const ctx = await this.contexts.load(actor.orgId);
    for (const resolve of this.resolvers) {
      const visible = await resolve(ctx, actor, entityId);
      if (visible === true) return this.audit.list(ctx.orgId, entityId, limit, cursor);
      if (visible === false) break;
    }
    throw new NotFoundError(`There is no record ${entityId}.`);
  }
}
