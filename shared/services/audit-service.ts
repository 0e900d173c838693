import { NotFoundError } from '../domain/errors.js';
import type { AuditRepository } from '../store/audit-repository.js';
import type { OrgContext, OrgContextLoader } from './org-context.js';
import type { Actor } from './organisation-service.js';

/**
 * Whether `actor` may read the history of `entityId`: true or false when the entity is one this
 * resolver knows, undefined otherwise (it does not exist, or is of another kind).
 */
export type VisibilityCheck = (ctx: OrgContext, actor: Actor, entityId: string) => Promise<boolean | undefined>;

/**
 * One kind of record's audit visibility: the `entityType`s its audit events carry, and the check.
 * A service that writes audit events declares one, `auditVisibility = auditVisibility(['visit'], check)`,
 * and is registered with `audit.register(service.auditVisibility)`.
 */
export interface AuditVisibility {
  readonly entityTypes: readonly string[];
  readonly check: VisibilityCheck;
}

export const auditVisibility = (entityTypes: readonly string[], check: VisibilityCheck): AuditVisibility => ({ entityTypes, check });

/** What the visibility of a record is asked with: its id and, when known, the `entityType` of its events. */
export interface RecordOf {
  readonly id: string;
  /** A file's record `kind` is the entity type of the record's events ('assignment', 'report', …). */
  readonly kind?: string;
}

/**
 * GET /v1/audit: the history of any record the caller may see; anything else is 404. The history's
 * own events name their `entityType`, so a read is one Query and the one check registered for that
 * type (usually one GetItem of the record).
 */
export class AuditService {
  private readonly byType = new Map<string, VisibilityCheck>();
  private readonly all: AuditVisibility[] = [];

  constructor(
    private readonly contexts: OrgContextLoader,
    private readonly audit: AuditRepository,
    registrations: readonly AuditVisibility[] = [],
  ) {
    for (const r of registrations) this.register(r);
  }

  /** Every registration, in the order registered. */
  get registrations(): readonly AuditVisibility[] {
    return this.all;
  }

  register(registration: AuditVisibility): void {
    for (const type of registration.entityTypes) {
      if (this.byType.has(type)) throw new Error(`Audit visibility of '${type}' is registered twice`);
      this.byType.set(type, registration.check);
    }
    this.all.push(registration);
  }

  /** May `actor` read the record (and so its files)? The same answer as its history. */
  async mayRead(ctx: OrgContext, actor: Actor, record: RecordOf): Promise<boolean> {
    return this.visible(ctx, actor, record.id, record.kind);
  }

  async history(actor: Actor, entityId: string, limit: number, cursor?: string) {
    const ctx = await this.contexts.load(actor);
    const page = await this.audit.list(ctx.orgId, entityId, limit, cursor);
    // A page past the last event names no type: the first event does.
    const entityType = page.items[0]?.entityType ?? (cursor ? (await this.audit.list(ctx.orgId, entityId, 1)).items[0]?.entityType : undefined);
    if (await this.visible(ctx, actor, entityId, entityType)) return page;
    throw new NotFoundError(`There is no record ${entityId}.`);
  }

  /**
   * The check registered for the type; a record of no known type (an id with no history yet, such
   * as a seeded `staff.` id) is asked of every check in turn, the first that knows it answering.
   */
  private async visible(ctx: OrgContext, actor: Actor, entityId: string, entityType: string | undefined): Promise<boolean> {
    const check = entityType === undefined ? undefined : this.byType.get(entityType);
    if (check) return (await check(ctx, actor, entityId)) === true;
    for (const r of this.all) {
      const visible = await r.check(ctx, actor, entityId);
      if (visible !== undefined) return visible;
    }
    return false;
  }
}
