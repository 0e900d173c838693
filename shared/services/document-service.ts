import { monotonicFactory, ulid } from 'ulidx';
import type { AuditEvent, Confidentiality } from '../domain/assignment.js';
import { resolveDeadline } from '../domain/deadlines.js';
import {
  distributionTimeliness,
  DocumentAccess,
  newDocument,
  recordDistribution,
  sameRegistration,
  type ComplaintFlag,
  type DistributionTimeliness,
  type DocumentKind,
  type Flag,
  type IncomingDocument,
  type Register,
} from '../domain/document.js';
import { ConflictError, ForbiddenError, NotFoundError, UnprocessableError, ValidationError, type FieldIssue } from '../domain/errors.js';
import { endOfLocalDay, formatInstant, startOfLocalDay, toLocalDate, type LocalDate } from '../domain/local-time.js';
import type { EventDeadlineRule } from '../rulebook/schema.js';
import type { DocumentRepository, Page } from '../store/document-repository.js';
import type { IdempotencyRepository } from '../store/idempotency-repository.js';
import { mergeItems } from '../store/merge-updates.js';
import { transactWrite, type LabelledItem } from '../store/transact.js';
import { commit } from './commit.js';
import { IdempotentRequest } from './idempotent-request.js';
import type { AssignmentService, AssignmentView } from './assignment-service.js';
import { auditVisibility } from './audit-service.js';
import type { OrgContext, OrgContextLoader } from './org-context.js';
import type { Actor } from './organisation-service.js';
import type { TableContext } from '../store/client.js';
import type { FileRef } from '../domain/files.js';
import { attachedElsewhere, eofficeOwner, type ClaimedFiles, type FileService, type RemoteFileSettings, type RemoteFileSource } from './file-service.js';

/** A file of an incoming document: an upload the e-office made itself (POST …/eoffice/uploads), or a URL the server fetches. */
export type DocumentFileInput = { readonly uploadId: string } | RemoteFileSource;

/** An e-office call that passed its signature check: its `webhook-id` is the idempotency key. */
export interface WebhookCall {
  readonly webhookId: string;
  /** sha256 of the path and the raw body: the same id with another body is refused (422). */
  readonly requestHash: string;
}

export interface RegisterDocumentInput {
  externalId: string;
  number?: string;
  title: string;
  issuer: string;
  receivedAt: Date;
  confidentiality: Confidentiality;
  kind: DocumentKind;
  files?: readonly DocumentFileInput[];
}

export interface DistributeInput {
  /** Staff ids (a person answers) or unit ids (the unit's head answers). */
  assigneeIds: string[];
  distributedAt: Date;
  dueDate?: LocalDate;
}

export interface DocumentView extends Omit<IncomingDocument, 'orgId'> {
  /** D1 now: pending, overdue (not distributed in time), on-time, late. */
  distributionTimeliness: DistributionTimeliness;
}

export interface DocumentListFilters {
  register: Register;
  receivedFrom?: LocalDate;
  receivedTo?: LocalDate;
  limit: number;
  cursor?: string;
}

export interface WebhookResult<T> {
  status: number;
  body: T;
  replayed: boolean;
}

/** Events written together keep their order in the history. */
const eventId = monotonicFactory();
/** One scope for every e-office event id: the same id sent to two endpoints is refused. */
export const WEBHOOK_SCOPE = 'eoffice.webhook';
/**
 * When the e-office sends no due date for the work, it is due this many working days after the
 * distribution. The regulation sets no default; this should become a rulebook setting.
 */
export const DEFAULT_HANDLING_WORKING_DAYS = 10;
/** DynamoDB's limit on the items of one transaction. */
const MAX_TRANSACTION_ITEMS = 100;
/** The actor of what the e-office system records by itself (the clerk registered it there). */
export const EOFFICE_ACTOR = 'eoffice';

export class DocumentService {
  constructor(
    private readonly table: TableContext,
    private readonly contexts: OrgContextLoader,
    private readonly documents: DocumentRepository,
    private readonly assignments: AssignmentService,
    private readonly idempotency: IdempotencyRepository,
    /** Evidence files (issue #22): the e-office's uploads and URLs, kept in the registration's transaction. */
    private readonly files?: Pick<FileService, 'claim' | 'fetchRemote'>,
  ) {}

  /**
   * The document's files in the order sent: uploads the e-office made (owned by its integration
   * principal) and URLs fetched under the integration's file settings. Refusals name
   * `body.files.<n>` as sent.
   */
  private async takeFiles(orgId: string, inputs: readonly DocumentFileInput[] | undefined, documentId: string, now: Date, remote: RemoteFileSettings | undefined): Promise<ClaimedFiles> {
    if (!inputs?.length) return { files: [], items: [] };
    if (!this.files) throw new UnprocessableError('Files are not configured on this server.', [{ path: 'body.files', message: 'no file storage' }]);
    const owner = eofficeOwner(orgId);
    const record = { kind: 'document', id: documentId };
    const uploads: { at: number; id: string }[] = [];
    const urls: { at: number; source: RemoteFileSource }[] = [];
    inputs.forEach((f, at) => ('uploadId' in f ? uploads.push({ at, id: f.uploadId }) : urls.push({ at, source: f })));
    if (new Set(uploads.map((u) => u.id)).size !== uploads.length) {
      throw new UnprocessableError('An upload is named twice.', [{ path: 'body.files', message: 'each upload once' }]);
    }
    // Issues come back indexed within each group: name the index the e-office sent.
    const renumber = async <T>(group: { at: number }[], take: () => Promise<T>): Promise<T> => {
      try {
        return await take();
      } catch (error) {
        if (!(error instanceof UnprocessableError)) throw error;
        throw new UnprocessableError(
          error.message,
          error.issues.map((e) => ({ ...e, path: e.path.replace(/^body\.files\.(\d+)/, (_m, k: string) => `body.files.${group[Number(k)]?.at ?? k}`) })),
        );
      }
    };
    const claimed = await renumber(uploads, () => this.files!.claim(owner, uploads.map((u) => u.id), record, now));
    const fetched = await renumber(urls, () => this.files!.fetchRemote(owner, urls.map((u) => u.source), record, now, remote));
    const byIndex = new Map<number, FileRef>();
    uploads.forEach((u, k) => byIndex.set(u.at, claimed.files[k]!));
    urls.forEach((u, k) => byIndex.set(u.at, fetched.files[k]!));
    return { files: inputs.map((_, at) => byIndex.get(at)!), items: [...claimed.items, ...fetched.items] };
  }

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
  private deadlineAfter(ctx: OrgContext, rule: EventDeadlineRule | undefined, at: Date): Date {
    const tz = ctx.dueRules.timeZone;
    return rule
      ? resolveDeadline(rule, { eventDate: toLocalDate(at, tz) }, ctx.calendar, tz)
      : ctx.calendar.startOfNextWorkingDay(at, tz);
  }

  /** A webhook's delivery: its `webhook-id` is the idempotency key, its path and raw body the request. */
  private delivery(orgId: string, call: WebhookCall, now: Date): IdempotentRequest {
    return new IdempotentRequest({ repository: this.idempotency, orgId, scope: WEBHOOK_SCOPE, key: call.webhookId, now, webhook: call });
  }

  private event(orgId: string, entityId: string, action: string, actorId: string, version: number, at: Date, data: Record<string, unknown>, onBehalfOf?: string): AuditEvent {
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

  /** A second registration of the same e-office document: the same answer when it is the same, 409 when it differs. */
  private async existing(ctx: OrgContext, call: WebhookCall, input: RegisterDocumentInput, now: Date): Promise<WebhookResult<DocumentView> | undefined> {
    const doc = await this.documents.findByExternalId(ctx.orgId, input.externalId);
    if (!doc) return undefined;
    // Registered by this very event (a concurrent redelivery won the race): its first answer.
    if (doc.webhookId === call.webhookId) {
      const first = await this.delivery(ctx.orgId, call, now).replay<DocumentView>();
      if (first) return first;
    }
    if (!sameRegistration(doc, input)) {
      throw new ConflictError(`Document ${input.externalId} is already registered with other details; the tracker does not change a registered document.`);
    }
    return { status: 200, body: this.view(doc, ctx, now), replayed: false };
  }

  /**
   * POST /v1/integrations/eoffice/documents: registers an incoming document. D1 sets the
   * distribution deadline from its receipt; D2 puts a confidential one in its own register; D3
   * flags a complaint or denunciation letter to the director at once, in the same transaction.
   */
  async register(orgId: string, call: WebhookCall, input: RegisterDocumentInput, now: Date, remoteFiles?: RemoteFileSettings): Promise<WebhookResult<DocumentView>> {
    const request = this.delivery(orgId, call, now);
    const first = await request.replay<DocumentView>();
    if (first) return first;
    const ctx = await this.contexts.load(orgId, input.receivedAt);
    const again = await this.existing(ctx, call, input, now);
    if (again) return again;

    const rules = ctx.rulebook.documents;
    const access = this.access(ctx);
    const id = ulid(now.getTime());
    const dueAt = this.deadlineAfter(ctx, rules.distribution?.deadline, input.receivedAt);
    let complaint: ComplaintFlag | undefined;
    const flags: Flag[] = [];
    if (input.kind !== 'normal') {
      const recipients = access.complaintRecipients();
      const flagDue = this.deadlineAfter(ctx, rules.complaint?.deadline, input.receivedAt).toISOString();
      for (const r of recipients) {
        flags.push({
          id: ulid(now.getTime()),
          orgId,
          recipientId: r.id,
          rule: 'D3',
          article: rules.complaint?.article ?? 'Điều 9.1.6',
          kind: 'complaint-letter',
          documentId: id,
          title: input.title.trim(),
          createdAt: now.toISOString(),
          dueAt: flagDue,
        });
      }
      complaint = {
        rule: 'D3',
        article: rules.complaint?.article ?? 'Điều 9.1.6',
        flagIds: flags.map((f) => f.id),
        reportedTo: recipients.map((r) => r.id),
        dueAt: flagDue,
      };
    }
    // Only now, with the replay and the same registration ruled out: a redelivery fetches nothing.
    const taken = await this.takeFiles(orgId, input.files, id, now, remoteFiles);
    const registered = newDocument(
      {
        id,
        orgId,
        externalId: input.externalId,
        ...(input.number ? { number: input.number } : {}),
        title: input.title,
        issuer: input.issuer,
        receivedAt: input.receivedAt,
        confidentiality: input.confidentiality,
        kind: input.kind,
        webhookId: call.webhookId,
      },
      dueAt,
      now,
      complaint,
    );
    const doc: IncomingDocument = taken.files.length ? { ...registered, files: taken.files } : registered;
    const body = this.view(doc, ctx, now);
    const events = [
      this.event(orgId, id, 'registered', EOFFICE_ACTOR, 1, now, {
        externalId: doc.externalId,
        number: doc.number,
        register: doc.register,
        confidentiality: doc.confidentiality,
        kind: doc.kind,
        receivedAt: doc.receivedAt,
        distributionDueAt: doc.distributionDueAt,
        webhookId: call.webhookId,
        ...(taken.files.length ? { files: taken.files } : {}),
      }),
      ...(complaint
        ? [this.event(orgId, id, 'reported-to-director', EOFFICE_ACTOR, 1, now, { rule: 'D3', article: complaint.article, reportedTo: complaint.reportedTo, flagIds: complaint.flagIds, dueAt: complaint.dueAt })]
        : []),
    ];
    const items: LabelledItem[] = [
      this.documents.externalIdItem(doc),
      this.documents.stateItem(doc),
      ...events.map((e) => this.documents.eventItem(e)),
      ...flags.map((f) => this.documents.flagItem(f)),
      ...taken.items,
    ];
    return commit({
      idempotency: request,
      // The same e-office id registered meanwhile by another delivery: answered as a second registration.
      raced: ['state', 'external-id'],
      conflict: (part) => (part === 'file' ? attachedElsewhere() : undefined),
      decide: async (_: undefined, attempt) => {
        const other = attempt > 1 ? await this.existing(ctx, call, input, now) : undefined;
        if (other) return { result: other.body, status: other.status };
        return { result: body, status: 201, write: (extra) => transactWrite(this.table, [...extra, ...items]) };
      },
    });
  }

  /**
   * POST /v1/integrations/eoffice/documents/{externalId}/distribution: the deputy in charge of
   * distribution (D1, Điều 9.1.4) assigns the document to people or units. Each becomes an
   * assignment whose source is the document, made through AssignmentService.prepareCreate, so
   * the usual authority rules apply: one refusal and nothing at all is written.
   */
  async distribute(
    orgId: string,
    call: WebhookCall,
    externalId: string,
    input: DistributeInput,
    now: Date,
  ): Promise<WebhookResult<{ document: DocumentView; assignments: AssignmentView[] }>> {
    type Body = { document: DocumentView; assignments: AssignmentView[] };
    return commit({
      idempotency: this.delivery(orgId, call, now),
      load: async () => {
        const ctx = await this.contexts.load(orgId, input.distributedAt);
        const doc = await this.documents.findByExternalId(orgId, externalId);
        if (!doc) throw new NotFoundError(`No document ${externalId} has been registered.`);
        return { ctx, doc };
      },
      decide: async ({ ctx, doc }) => {
        const { items, body } = await this.prepareDistribution(ctx, call, doc, input, now);
        return { result: body as Body, status: 201, write: (extra) => transactWrite(this.table, [...extra, ...items]) };
      },
    });
  }

  private async prepareDistribution(ctx: OrgContext, call: WebhookCall, doc: IncomingDocument, input: DistributeInput, now: Date) {
    const tz = ctx.dueRules.timeZone;
    const at = input.distributedAt;
    if (at.getTime() < new Date(doc.receivedAt).getTime()) {
      throw new ValidationError('The document cannot be distributed before it was received.', [
        { path: 'body.distributedAt', message: `must not be before the receipt, ${formatInstant(new Date(doc.receivedAt), tz)}` },
      ]);
    }
    const access = this.access(ctx);
    const distributor = access.distributor();
    if (!distributor?.active) {
      throw new UnprocessableError('The rulebook names no current deputy in charge of distributing documents (D1, Điều 9.1.4).', [
        { path: 'rulebook.documents.distribution.distributorId', message: 'no current staff member' },
      ]);
    }
    const actor: Actor = { orgId: ctx.orgId, staffId: distributor.id, name: distributor.name, unitId: distributor.unitId, roles: distributor.roles };
    const director = ctx.authority.director();

    const issues: FieldIssue[] = [];
    const targets = input.assigneeIds.map((id, i) => {
      const person = ctx.authority.staff(id);
      if (person?.active) return { id, kind: 'staff' as const };
      if (!person && ctx.authority.unit(id)) return { id, kind: 'unit' as const };
      issues.push({ path: `body.assigneeIds.${i}`, message: `no current staff member or unit ${id}` });
      return { id, kind: 'staff' as const };
    });
    if (issues.length) throw new ValidationError('The distribution names people or units that do not exist.', issues);

    const dueDate = input.dueDate ?? ctx.calendar.addWorkingDays(toLocalDate(at, tz), DEFAULT_HANDLING_WORKING_DAYS);
    const distributionId = ulid(at.getTime());
    const title = (doc.number ? `${doc.number} — ${doc.title}` : doc.title).slice(0, 500);
    const description = `Văn bản đến của ${doc.issuer}, nhận lúc ${formatInstant(new Date(doc.receivedAt), tz)} (e-office ${doc.externalId}).`;
    const prepared = [];
    for (const [i, target] of targets.entries()) {
      try {
        prepared.push(
          await this.assignments.prepareCreate(
            ctx,
            actor,
            {
              title,
              description,
              ...(target.kind === 'staff' ? { assigneeId: target.id } : { unitId: target.id }),
              dueDate,
              source: { kind: 'document', ref: doc.id, itemId: distributionId },
              confidentiality: doc.confidentiality,
            },
            at,
            // D1 (Điều 9.1.4): the distributing deputy assigns incoming documents for the department.
            director ? { standingFor: { staffId: director.id, rule: 'D1' } } : {},
          ),
        );
      } catch (error) {
        const who = target.kind === 'staff' ? `${ctx.authority.staff(target.id)?.name ?? target.id} (${target.id})` : `unit ${target.id}`;
        if (error instanceof ForbiddenError) {
          throw new ForbiddenError(`${distributor.name}, in charge of distribution, may not assign this document to ${who}: ${error.message}`, error.rule);
        }
        if (error instanceof ValidationError || error instanceof UnprocessableError) {
          const remap = (issue: FieldIssue) =>
            issue.path === 'body.assigneeId' || issue.path === 'body.unitId' ? { ...issue, path: `body.assigneeIds.${i}` } : issue;
          const Ctor = error instanceof ValidationError ? ValidationError : UnprocessableError;
          throw new Ctor(`${error.message} (${who})`, error.issues.map(remap));
        }
        throw error;
      }
    }
    const created = prepared.map((p) => p.transition.next);
    const next = recordDistribution(
      doc,
      {
        id: distributionId,
        distributedAt: at.toISOString(),
        distributorId: distributor.id,
        ...(created[0]?.onBehalfOf ? { onBehalfOf: created[0].onBehalfOf } : {}),
        targets,
        assignmentIds: created.map((a) => a.id),
        dueDate,
        webhookId: call.webhookId,
      },
      { partyIds: created.map((a) => a.responsibleId), unitIds: created.map((a) => a.unitId) },
    );
    const principals = [
      ...created.map((a) => ({ staffId: a.responsibleId })),
      ...(next.register === 'general' ? created.map((a) => ({ unitId: a.unitId })) : []),
    ];
    const event = this.event(
      ctx.orgId,
      doc.id,
      'distributed',
      distributor.id,
      next.version,
      at,
      {
        distributionId,
        targets,
        assignmentIds: created.map((a) => a.id),
        dueDate,
        webhookId: call.webhookId,
        d1: { rule: 'D1', dueAt: doc.distributionDueAt, firstDistribution: doc.firstDistributedAt === undefined, onTime: next.distributedOnTime },
      },
      created[0]?.onBehalfOf,
    );
    const body = {
      document: this.view(next, ctx, now),
      assignments: created.map((a) => this.assignments.view(a, ctx, now)),
    };
    const items = mergeItems([
      this.documents.stateItem(next, doc.version),
      this.documents.eventItem(event),
      ...prepared.flatMap((p) => this.assignments.createItems(p)),
      ...this.documents.accessItems(next, principals),
    ]);
    // One more write: the webhook's idempotency record, in the same transaction (commit()).
    if (items.length + 1 > MAX_TRANSACTION_ITEMS) {
      throw new UnprocessableError(
        `Distributing to ${targets.length} people and units at once needs ${items.length + 1} writes, more than one transaction holds (${MAX_TRANSACTION_ITEMS}); send it as several distributions.`,
        [{ path: 'body.assigneeIds', message: 'too many for one distribution' }],
      );
    }
    return { items, body };
  }

  async list(actor: Actor, filters: DocumentListFilters, now: Date): Promise<Page<DocumentView>> {
    const ctx = await this.contexts.load(actor.orgId, now);
    const access = this.access(ctx);
    const tz = ctx.dueRules.timeZone;
    const range = {
      ...(filters.receivedFrom ? { from: startOfLocalDay(filters.receivedFrom, tz).toISOString() } : {}),
      ...(filters.receivedTo ? { to: endOfLocalDay(filters.receivedTo, tz).toISOString() } : {}),
      limit: filters.limit,
      ...(filters.cursor ? { cursor: filters.cursor } : {}),
    };
    let page: Page<IncomingDocument>;
    if (access.readsRegister(actor.staffId, filters.register)) {
      page = await this.documents.listRegister(ctx.orgId, filters.register, range);
    } else {
      const headOf = ctx.snapshot.units.find((u) => ctx.authority.headOf(u.id)?.id === actor.staffId && u.kind !== 'board');
      const principal = filters.register === 'general' && headOf ? { unitId: headOf.id } : { staffId: actor.staffId };
      page = await this.documents.listAccessible(ctx.orgId, principal, filters.register, range);
    }
    const items = page.items.filter((d) => access.canView(actor.staffId, d)).map((d) => this.view(d, ctx, now));
    return page.nextCursor ? { items, nextCursor: page.nextCursor } : { items };
  }

  async get(actor: Actor, id: string, now: Date): Promise<DocumentView & { history: AuditEvent[] }> {
    const ctx = await this.contexts.load(actor.orgId, now);
    const found = await this.documents.getWithHistory(ctx.orgId, id);
    // Missing and not visible answer alike: nobody learns that a confidential document exists (D2).
    if (!found || !this.access(ctx).canView(actor.staffId, found.document)) throw new NotFoundError(`There is no document ${id}.`);
    return { ...this.view(found.document, ctx, now), history: found.history };
  }

  /** Flags raised for the caller (D3: complaint and denunciation letters to the director). */
  async flags(actor: Actor, limit: number, cursor?: string): Promise<Page<Flag>> {
    return this.documents.listFlags(actor.orgId, actor.staffId, limit, cursor);
  }

  /** For the D1 check (the compliance engine): documents still not distributed after their deadline. */
  async undistributedPastDue(orgId: string, now: Date): Promise<IncomingDocument[]> {
    const waiting = await this.documents.undistributedDueBy(orgId, now);
    return waiting.filter((d) => distributionTimeliness(d, now) === 'overdue');
  }

  /** Audit visibility of documents: whoever may see the document (D2). */
  readonly auditVisibility = auditVisibility(['document'], async (ctx, actor, entityId) => {
    const doc = await this.documents.get(ctx.orgId, entityId);
    return doc ? this.access(ctx).canView(actor.staffId, doc) : undefined;
  });
}
