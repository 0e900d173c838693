/** Reading incoming documents (D2): the lists, one with its history, the D3 flags, and what the D1 check reads. */
import type { AuditEvent } from '../../domain/assignment.js';
import { distributionTimeliness, type Flag, type IncomingDocument } from '../../domain/document.js';
import { NotFoundError } from '../../domain/errors.js';
import { endOfLocalDay, startOfLocalDay } from '../../domain/local-time.js';
import type { Page } from '../../store/document-repository.js';
import type { Actor } from '../organisation-service.js';
import type { DocumentView, DocumentListFilters } from '../document-service.js';
import { DocumentCore } from './core.js';


export class DocumentReading {
  constructor(private readonly core: DocumentCore) {}

  async list(actor: Actor, filters: DocumentListFilters, now: Date): Promise<Page<DocumentView>> {
    const ctx = await this.core.contexts.load(actor, now);
    const access = this.core.access(ctx);
    const tz = ctx.dueRules.timeZone;
    const range = {
      ...(filters.receivedFrom ? { from: startOfLocalDay(filters.receivedFrom, tz).toISOString() } : {}),
      ...(filters.receivedTo ? { to: endOfLocalDay(filters.receivedTo, tz).toISOString() } : {}),
      limit: filters.limit,
      ...(filters.cursor ? { cursor: filters.cursor } : {}),
    };
    let page: Page<IncomingDocument>;
    if (access.readsRegister(actor.staffId, filters.register)) {
      page = await this.core.documents.listRegister(ctx.orgId, filters.register, range);
    } else {
      const headOf = ctx.snapshot.units.find((u) => ctx.authority.headOf(u.id)?.id === actor.staffId && u.kind !== 'board');
      const principal = filters.register === 'general' && headOf ? { unitId: headOf.id } : { staffId: actor.staffId };
      page = await this.core.documents.listAccessible(ctx.orgId, principal, filters.register, range);
    }
    const items = page.items.filter((d) => access.canView(actor.staffId, d)).map((d) => this.core.view(d, ctx, now));
    return page.nextCursor ? { items, nextCursor: page.nextCursor } : { items };
  }

  async get(actor: Actor, id: string, now: Date): Promise<DocumentView & { history: AuditEvent[] }> {
    const ctx = await this.core.contexts.load(actor, now);
    const found = await this.core.documents.getWithHistory(ctx.orgId, id);
    // Missing and not visible answer alike: nobody learns that a confidential document exists (D2).
    if (!found || !this.core.access(ctx).canView(actor.staffId, found.document)) throw new NotFoundError(`There is no document ${id}.`);
    return { ...this.core.view(found.document, ctx, now), history: found.history };
  }

  /** Flags raised for the caller (D3: complaint and denunciation letters to the director). */
  async flags(actor: Actor, limit: number, cursor?: string): Promise<Page<Flag>> {
    return this.core.documents.listFlags(actor.orgId, actor.staffId, limit, cursor);
  }

  /** For the D1 check (the compliance engine): documents still not distributed after their deadline. */
  async undistributedPastDue(orgId: string, now: Date): Promise<IncomingDocument[]> {
    const waiting = await this.core.documents.undistributedDueBy(orgId, now);
    return waiting.filter((d) => distributionTimeliness(d, now) === 'overdue');
  }
}
