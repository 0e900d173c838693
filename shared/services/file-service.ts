/**
 * Evidence files (issue #22): request an upload (a presigned PUT with type, size and checksum in
 * its signature), hand uploads to a record in the record's own transaction, and download by a
 * short-lived presigned GET for whoever may see the record, each download audited.
 */
import { ulid } from 'ulidx';
import { ConflictError, NotFoundError, UnavailableError, UnprocessableError } from '../domain/errors.js';
import { checkUploadRequest, MAX_FILES_PER_CHANGE, sha256HexToBase64, type FileRef, type UploadRequest } from '../domain/files.js';
import { fileKey, pendingKey, type FileStorage, type PresignedUpload } from '../adapters/file-storage.js';
import type { FileRepository, RecordRef, StoredFile } from '../store/file-repository.js';
import type { IdempotencyRepository } from '../store/idempotency-repository.js';
import { transactWrite, type LabelledItem } from '../store/transact.js';
import { auditVisibility } from './audit-service.js';
import { IdempotentRequest } from './idempotent-request.js';
import type { OrgContext, OrgContextLoader } from './org-context.js';
import type { Actor } from './organisation-service.js';

/** A pending upload is forgotten after a day (DynamoDB TTL here, an S3 lifecycle rule for the bytes). */
export const PENDING_UPLOAD_SECONDS = 24 * 3600;

export interface UploadTicket {
  readonly id: string;
  readonly status: 'pending';
  readonly name: string;
  readonly type: string;
  readonly size: number;
  readonly sha256: string;
  readonly upload: PresignedUpload;
}

/** May `actor` see this record? The audit visibility registered for its kind answers. */
export type RecordVisibility = (ctx: OrgContext, actor: Actor, record: RecordRef) => Promise<boolean>;

const filesUnavailable = () => new UnavailableError('Files are not configured on this server (no bucket).');

export class FileService {
  constructor(
    private readonly contexts: OrgContextLoader,
    private readonly files: FileRepository,
    private readonly idempotency: IdempotencyRepository,
    private readonly storage: FileStorage | undefined,
    private readonly mayRead: RecordVisibility,
    /** Uploads expire on real time, as S3 and DynamoDB TTL do, whatever a test's X-Clock says. */
    private readonly wallClock: () => Date = () => new Date(),
  ) {}

  get configured(): boolean {
    return this.storage !== undefined;
  }

  async requestUpload(actor: Actor, input: UploadRequest, now: Date, idempotencyKey?: string): Promise<{ status: number; body: UploadTicket; replayed: boolean }> {
    const storage = this.storage;
    if (!storage) throw filesUnavailable();
    const ctx = await this.contexts.load(actor.orgId, now);
    const checked = checkUploadRequest(input, ctx.rulebook.files.maxBytes);
    const request = new IdempotentRequest(this.idempotency, ctx.orgId, `files.upload.${actor.staffId}`, idempotencyKey, checked);
    const ticket = async (file: StoredFile): Promise<UploadTicket> => ({
      id: file.id,
      status: 'pending',
      name: file.name,
      type: file.type,
      size: file.size,
      sha256: file.sha256,
      upload: await storage.presignUpload({
        key: pendingKey(file.orgId, file.id),
        contentType: file.type,
        size: file.size,
        sha256Base64: sha256HexToBase64(file.sha256),
        fileName: file.name,
      }),
    });
    // A replay signs a fresh URL for the same pending upload: a stored URL would have expired.
    const first = await request.replay<{ id: string }>();
    if (first) {
      const file = await this.files.get(ctx.orgId, first.body.id, true);
      if (file?.status === 'pending') return { status: 201, body: await ticket(file), replayed: true };
      throw new ConflictError('This upload was already used by a record; request a new one.');
    }
    const file: StoredFile = {
      id: ulid(now.getTime()),
      orgId: ctx.orgId,
      status: 'pending',
      ownerId: actor.staffId,
      ...checked,
      createdAt: now.toISOString(),
      expiresAt: Math.floor(this.wallClock().getTime() / 1000) + PENDING_UPLOAD_SECONDS,
      version: 1,
    };
    const body = await ticket(file);
    try {
      await transactWrite(this.files.table, [this.files.pendingItem(file), ...request.items(201, { id: file.id }, now)]);
    } catch (error) {
      if (!IdempotentRequest.lostRace(error)) throw error;
      const again = await this.requestUpload(actor, input, now, idempotencyKey);
      return again;
    }
    return { status: 201, body, replayed: false };
  }

  /**
   * Takes the caller's pending uploads for a record: each must be theirs, still pending and its
   * bytes in storage with the declared size and type (storage already checked the SHA-256). The
   * bytes are copied to their lasting key; the returned items mark the uploads attached in the
   * record's own transaction. `path` names the field in refusals ('body.files').
   */
  async claim(actor: Actor, ids: readonly string[] | undefined, record: RecordRef, now: Date, path = 'body.files'): Promise<{ files: FileRef[]; items: LabelledItem[] }> {
    if (!ids || ids.length === 0) return { files: [], items: [] };
    const storage = this.storage;
    if (!storage) throw filesUnavailable();
    const unique = [...new Set(ids)];
    if (unique.length > MAX_FILES_PER_CHANGE) {
      throw new UnprocessableError(`At most ${MAX_FILES_PER_CHANGE} files at a time.`, [{ path, message: `at most ${MAX_FILES_PER_CHANGE} files` }]);
    }
    const files: FileRef[] = [];
    const items: LabelledItem[] = [];
    const issues: { path: string; message: string }[] = [];
    for (const [i, id] of unique.entries()) {
      const file = await this.files.get(actor.orgId, id, true);
      // Someone else's upload, a used one and none at all answer alike.
      if (!file || file.status !== 'pending' || file.ownerId !== actor.staffId || (file.expiresAt ?? 0) * 1000 <= this.wallClock().getTime()) {
        issues.push({ path: `${path}.${i}`, message: 'no upload of yours with this id is waiting (request a new upload)' });
        continue;
      }
      const stored = await storage.head(pendingKey(file.orgId, file.id));
      if (!stored || stored.size !== file.size || stored.contentType !== file.type) {
        issues.push({ path: `${path}.${i}`, message: `the file ${file.name} has not been uploaded yet` });
        continue;
      }
      files.push({ id: file.id, name: file.name, type: file.type, size: file.size, sha256: file.sha256, uploadedBy: file.ownerId, uploadedAt: file.createdAt });
      items.push(this.files.attachItem(file, record, now.toISOString()));
    }
    if (issues.length) throw new UnprocessableError('Some files cannot be attached.', issues);
    // The lasting copy, server-side; a copy left by a record change that then fails is never referenced.
    for (const f of files) await storage.copy(pendingKey(actor.orgId, f.id), fileKey(actor.orgId, f.id));
    return { files, items };
  }

  /** A short-lived download URL for a file of a record the caller may see; 404 otherwise. Audited. */
  async download(actor: Actor, id: string, now: Date): Promise<string> {
    const storage = this.storage;
    if (!storage) throw filesUnavailable();
    const ctx = await this.contexts.load(actor.orgId, now);
    const file = await this.files.get(ctx.orgId, id);
    // A pending upload shows nowhere, not even to its owner: only a record's file is a file.
    if (!file || file.status !== 'attached' || !file.record || !(await this.mayRead(ctx, actor, file.record))) {
      throw new NotFoundError(`There is no file ${id}.`);
    }
    const key = fileKey(file.orgId, file.id);
    const scan = await storage.scanStatus(key);
    if (scan === 'infected') throw new ConflictError('This file was found infected by the malware scan; it is kept for investigation and never served.');
    if (scan === 'pending') throw new UnavailableError('This file is still being scanned for malware; try again in a minute.', 30);
    if (scan === 'unscannable') throw new ConflictError('The malware scan could not read this file (encrypted or unsupported); ask the IT team to check it.');
    const url = await storage.presignDownload(key);
    await this.files.appendEvent({
      id: ulid(now.getTime()),
      orgId: ctx.orgId,
      entityType: 'file',
      entityId: file.id,
      action: 'downloaded',
      actorId: actor.staffId,
      at: now.toISOString(),
      version: file.version,
      data: { record: file.record, name: file.name, sha256: file.sha256 },
    });
    return url;
  }

  /** A file's history (its downloads) is read by whoever may see its record. */
  readonly auditVisibility = auditVisibility(['file'], async (ctx, actor, entityId) => {
    const file = await this.files.get(ctx.orgId, entityId);
    if (!file) return undefined;
    return file.status === 'attached' && file.record !== undefined && (await this.mayRead(ctx, actor, file.record));
  });
}
