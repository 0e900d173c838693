/** An incoming document registered by the e-office's signed push, with its files, its D1 deadline and its D3 flag, once per e-office id. */
import { ulid } from 'ulidx';
import { newDocument, sameRegistration, type ComplaintFlag, type Flag, type IncomingDocument } from '../../domain/document.js';
import { ConflictError, UnprocessableError } from '../../domain/errors.js';
import { transactWrite, type LabelledItem } from '../../store/transact.js';
import { commit } from '../commit.js';
import type { OrgContext } from '../org-context.js';
import type { FileRef } from '../../domain/files.js';
import { attachedElsewhere, eofficeOwner, type ClaimedFiles, type RemoteFileSettings, type RemoteFileSource } from '../file-service.js';
import type { DocumentFileInput, WebhookCall, RegisterDocumentInput, DocumentView, WebhookResult } from '../document-service.js';
import { DocumentCore, EOFFICE_ACTOR } from './core.js';


export class DocumentRegistration {
  constructor(private readonly core: DocumentCore) {}

  /**
   * The document's files in the order sent: uploads the e-office made (owned by its integration
   * principal) and URLs fetched under the integration's file settings. Refusals name
   * `body.files.<n>` as sent.
   */
  private async takeFiles(orgId: string, inputs: readonly DocumentFileInput[] | undefined, documentId: string, now: Date, remote: RemoteFileSettings | undefined): Promise<ClaimedFiles> {
    if (!inputs?.length) return { files: [], items: [] };
    if (!this.core.files) throw new UnprocessableError('Files are not configured on this server.', [{ path: 'body.files', message: 'no file storage' }]);
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
    const claimed = await renumber(uploads, () => this.core.files!.claim(owner, uploads.map((u) => u.id), record, now));
    const fetched = await renumber(urls, () => this.core.files!.fetchRemote(owner, urls.map((u) => u.source), record, now, remote));
    const byIndex = new Map<number, FileRef>();
    uploads.forEach((u, k) => byIndex.set(u.at, claimed.files[k]!));
    urls.forEach((u, k) => byIndex.set(u.at, fetched.files[k]!));
    return { files: inputs.map((_, at) => byIndex.get(at)!), items: [...claimed.items, ...fetched.items] };
  }

  /** A second registration of the same e-office document: the same answer when it is the same, 409 when it differs. */
  private async existing(ctx: OrgContext, call: WebhookCall, input: RegisterDocumentInput, now: Date): Promise<WebhookResult<DocumentView> | undefined> {
    const doc = await this.core.documents.findByExternalId(ctx.orgId, input.externalId);
    if (!doc) return undefined;
    // Registered by this very event (a concurrent redelivery won the race): its first answer.
    if (doc.webhookId === call.webhookId) {
      const first = await this.core.delivery(ctx.orgId, call, now).replay<DocumentView>();
      if (first) return first;
    }
    if (!sameRegistration(doc, input)) {
      throw new ConflictError(`Document ${input.externalId} is already registered with other details; the tracker does not change a registered document.`);
    }
    return { status: 200, body: this.core.view(doc, ctx, now), replayed: false };
  }

  /**
   * POST /v1/integrations/eoffice/documents: registers an incoming document. D1 sets the
   * distribution deadline from its receipt; D2 puts a confidential one in its own register; D3
   * flags a complaint or denunciation letter to the director at once, in the same transaction.
   */
  async register(orgId: string, call: WebhookCall, input: RegisterDocumentInput, now: Date, remoteFiles?: RemoteFileSettings): Promise<WebhookResult<DocumentView>> {
    const request = this.core.delivery(orgId, call, now);
    const first = await request.replay<DocumentView>();
    if (first) return first;
    const ctx = await this.core.contexts.load(orgId, input.receivedAt);
    const again = await this.existing(ctx, call, input, now);
    if (again) return again;

    const rules = ctx.rulebook.documents;
    const access = this.core.access(ctx);
    const id = ulid(now.getTime());
    const dueAt = this.core.deadlineAfter(ctx, rules.distribution?.deadline, input.receivedAt);
    let complaint: ComplaintFlag | undefined;
    const flags: Flag[] = [];
    if (input.kind !== 'normal') {
      const recipients = access.complaintRecipients();
      const flagDue = this.core.deadlineAfter(ctx, rules.complaint?.deadline, input.receivedAt).toISOString();
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
    const body = this.core.view(doc, ctx, now);
    const events = [
      this.core.event(orgId, id, 'registered', EOFFICE_ACTOR, 1, now, {
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
        ? [this.core.event(orgId, id, 'reported-to-director', EOFFICE_ACTOR, 1, now, { rule: 'D3', article: complaint.article, reportedTo: complaint.reportedTo, flagIds: complaint.flagIds, dueAt: complaint.dueAt })]
        : []),
    ];
    const items: LabelledItem[] = [
      this.core.documents.externalIdItem(doc),
      this.core.documents.stateItem(doc),
      ...events.map((e) => this.core.documents.eventItem(e)),
      ...flags.map((f) => this.core.documents.flagItem(f)),
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
        return { result: body, status: 201, write: (extra) => transactWrite(this.core.table, [...extra, ...items]) };
      },
    });
  }
}
