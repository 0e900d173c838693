/** What the parts of the incoming documents share (D1, D2): their stores, who may see a document, its view and deadlines, a webhook's delivery, the audit event. */
import { monotonicFactory } from 'ulidx';
import type { AuditEvent } from '../../domain/assignment.js';
import { resolveDeadline } from '../../domain/deadlines.js';
import { distributionTimeliness, DocumentAccess, type IncomingDocument } from '../../domain/document.js';
import { formatInstant, toLocalDate } from '../../domain/local-time.js';
import type { EventDeadlineRule } from '../../rulebook/schema.js';
import type { DocumentRepository } from '../../store/document-repository.js';
import type { IdempotencyRepository } from '../../store/idempotency-repository.js';
import { IdempotentRequest } from '../idempotent-request.js';
import type { AssignmentService } from '../assignment-service.js';
import type { OrgContext, OrgContextLoader } from '../org-context.js';
import type { TableContext } from '../../store/client.js';
import type { FileService } from '../file-service.js';
import type { WebhookCall, DocumentView } from '../document-service.js';

/** Events written together keep their order in the history. */
export const eventId = monotonicFactory();
/** One scope for every e-office event id: the same id sent to two endpoints is refused. */
export const WEBHOOK_SCOPE = 'eoffice.webhook';
/**
 * When the e-office sends no due date for the work, it is due this many working days after the
 * distribution. The regulation sets no default; this should become a rulebook setting.
 */
export const DEFAULT_HANDLING_WORKING_DAYS = 10;

/** The actor of what the e-office system records by itself (the clerk registered it there). */
export const EOFFICE_ACTOR = 'eoffice';

export class DocumentCore {
  constructor(
    readonly table: TableContext,
    readonly contexts: OrgContextLoader,
    readonly documents: DocumentRepository,
    readonly assignments: AssignmentService,
    readonly idempotency: IdempotencyRepository,
    /** Evidence files (issue #22): the e-office's uploads and URLs, kept in the registration's transaction. */
    readonly files?: Pick<FileService, 'claim' | 'fetchRemote'>,
  ) {}

  access(ctx: OrgContext): DocumentAccess {
    return new DocumentAccess(ctx.authority, ctx.snapshot.staff, ctx.rulebook.documents);
  }

  view(doc: IncomingDocument, ctx: OrgContext, now: Date): DocumentView {
    const tz = ctx.dueRules.timeZone;
    const { orgId, ...rest } = doc;
    const fmt = (iso: string) => formatInstant(new Date(iso), tz);
    return {
      ...rest,
      receivedAt: fmt(doc.receivedAt),
      distributionDueAt: fmt(doc.distributionDueAt),
      ...(doc.firstDistributedAt ? { firstDistributedAt: fmt(doc.firstDistributedAt) } : {}),
      distributions: doc.distributions.map((d) => ({ ...d, distributedAt: fmt(d.distributedAt) })),
      ...(doc.complaint ? { complaint: { ...doc.complaint, dueAt: fmt(doc.complaint.dueAt) } } : {}),
      registeredAt: fmt(doc.registeredAt),
      updatedAt: fmt(doc.updatedAt),
      distributionTimeliness: distributionTimeliness(doc, now),
    };
  }

  /** A deadline counted from an event (the receipt): the rulebook's rule, else the start of the next working day (D1). */
  deadlineAfter(ctx: OrgContext, rule: EventDeadlineRule | undefined, at: Date): Date {
    const tz = ctx.dueRules.timeZone;
    return rule
      ? resolveDeadline(rule, { eventDate: toLocalDate(at, tz) }, ctx.calendar, tz)
      : ctx.calendar.startOfNextWorkingDay(at, tz);
  }

  /** A webhook's delivery: its `webhook-id` is the idempotency key, its path and raw body the request. */
  delivery(orgId: string, call: WebhookCall, now: Date): IdempotentRequest {
    return new IdempotentRequest({ repository: this.idempotency, orgId, scope: WEBHOOK_SCOPE, key: call.webhookId, now, webhook: call });
  }

  event(orgId: string, entityId: string, action: string, actorId: string, version: number, at: Date, data: Record<string, unknown>, onBehalfOf?: string): AuditEvent {
    return {
      id: eventId(at.getTime()),
      orgId,
      entityType: 'document',
      entityId,
      action,
      actorId,
      ...(onBehalfOf ? { onBehalfOf } : {}),
      at: at.toISOString(),
      version,
      data,
    };
  }
}
