/**
 * Evidence files (issue #22): request an upload (a presigned PUT with type, size and checksum in
 * its signature), hand uploads to a record in the record's own transaction, and download by a
 * short-lived presigned GET for whoever may see the record, each download audited.
 */
import { ulid } from 'ulidx';
import { ConflictError, NotFoundError, UnavailableError, UnprocessableError } from '../domain/errors.js';
import { ALLOWED_FILE_TYPES, checkUploadRequest, MAX_FILES_PER_CHANGE, sha256HexToBase64, type FileRef, type UploadRequest } from '../domain/files.js';
import { fileKey, pendingKey, type FileStorage, type PresignedUpload } from '../adapters/file-storage.js';
import { fetchRemoteFile, RemoteFileRefused, type RemoteFilePolicy, type RemoteFileSettings } from '../adapters/remote-file.js';
import type { FieldIssue } from '../domain/errors.js';
import type { FileRepository, RecordRef, StoredFile } from '../store/file-repository.js';
import type { IdempotencyRepository } from '../store/idempotency-repository.js';
import { confirmBeforeWriting } from '../store/org-version.js';
import { transactWrite, type LabelledItem } from '../store/transact.js';
import { auditVisibility } from './audit-service.js';
import { commit } from './commit.js';
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

/**
 * Who owns an upload: a person (an Actor is one), or an integration acting by itself, whose id
 * (`integration:<system>`) can never be a staff id (ids have no colon), so neither can use the
 * other's uploads.
 */
export interface FileOwner {
  readonly orgId: string;
  readonly staffId: string;
}

/** The e-office system as the owner of the uploads it requests and the files it sends by URL. */
export const EOFFICE_FILE_OWNER = 'integration:eoffice';
export const eofficeOwner = (orgId: string): FileOwner => ({ orgId, staffId: EOFFICE_FILE_OWNER });

/** A file the e-office names by URL: the server fetches it into the bucket. */
export interface RemoteFileSource {
  readonly url: string;
  readonly name: string;
  /** The type the sender says it is; the host must serve that type. */
  readonly type?: string;
  /** The hex SHA-256 the sender states; the bytes fetched must hash to it. */
  readonly sha256?: string;
}

export type { RemoteFileSettings };

export interface ClaimedFiles {
  readonly files: FileRef[];
  readonly items: LabelledItem[];
}

/** May `actor` see the record (for a report or plan, the revision) that keeps a file? The records' own visibility answers. */
export type RecordVisibility = (ctx: OrgContext, actor: Actor, record: RecordRef) => Promise<boolean>;

/** The record's transaction failed on a file: another record took the upload meanwhile. */
export const attachedElsewhere = () => new UnprocessableError('A file was attached elsewhere meanwhile.', [{ path: 'body.files', message: 'an upload serves one record once' }]);

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

  /** The largest file the caller's department accepts (the rulebook's files.maxBytes): the pages' file field shows it. */
  async maxBytes(actor: Actor, now: Date): Promise<number> {
    return (await this.contexts.load(actor, now)).rulebook.files.maxBytes;
  }

  /**
   * `webhook`: an integration's signed call, whose `webhook-id` (the key) shares the scope of every
   * e-office event and whose hash is that of its path and raw body.
   */
  async requestUpload(
    actor: FileOwner,
    input: UploadRequest,
    now: Date,
    idempotencyKey?: string,
    webhook?: { readonly scope: string; readonly requestHash: string },
  ): Promise<{ status: number; body: UploadTicket; replayed: boolean }> {
    const storage = this.storage;
    if (!storage) throw filesUnavailable();
    const ctx = await this.contexts.load(actor, now);
    const checked = checkUploadRequest(input, ctx.rulebook.files.maxBytes);
    const request = new IdempotentRequest({
      repository: this.idempotency,
      orgId: ctx.orgId,
      scope: webhook?.scope ?? `files.upload.${actor.staffId}`,
      key: idempotencyKey,
      input: checked,
      now,
      ...(webhook ? { webhook } : {}),
    });
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
    let made: StoredFile | undefined;
    const { body: recorded, replayed } = await commit({
      idempotency: request,
      decide: () => {
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
        made = file;
        return { result: { id: file.id }, status: 201, write: (extra) => transactWrite(this.files.table, [this.files.pendingItem(file), ...extra]) };
      },
    });
    if (!replayed) return { status: 201, body: await ticket(made!), replayed: false };
    // A replay signs a fresh URL for the same pending upload: a stored URL would have expired.
    const file = await this.files.get(ctx.orgId, recorded.id, true);
    if (file?.status === 'pending') return { status: 201, body: await ticket(file), replayed: true };
    throw new ConflictError('This upload was already used by a record; request a new one.');
  }

  /**
   * Takes the caller's pending uploads for a record: each must be theirs, still pending and its
   * bytes in storage with the declared size and type (storage already checked the SHA-256). The
   * bytes are copied to their lasting key; the returned items mark the uploads attached in the
   * record's own transaction. `path` names the field in refusals ('body.files'), each by its
   * index in `ids`. Ids in `kept` (the files the record already keeps) are skipped, so a form
   * that sends the record's whole list again (a PUT) claims nothing twice.
   */
  async claim(
    actor: FileOwner,
    ids: readonly string[] | undefined,
    record: RecordRef,
    now: Date,
    path = 'body.files',
    kept: readonly string[] = [],
  ): Promise<ClaimedFiles> {
    const skip = new Set(kept);
    const wanted = (ids ?? []).map((id, i) => ({ id, i })).filter(({ id, i }) => !skip.has(id) && ids!.indexOf(id) === i);
    if (wanted.length === 0) return { files: [], items: [] };
    const storage = this.storage;
    if (!storage) throw filesUnavailable();
    if (wanted.length > MAX_FILES_PER_CHANGE) {
      throw new UnprocessableError(`At most ${MAX_FILES_PER_CHANGE} files at a time.`, [{ path, message: `at most ${MAX_FILES_PER_CHANGE} files` }]);
    }
    const files: FileRef[] = [];
    const items: LabelledItem[] = [];
    const issues: { path: string; message: string }[] = [];
    for (const { id, i } of wanted) {
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

  /**
   * Fetches files named by URL into the bucket for a record (the e-office's second way): each URL
   * under `settings` (allow-listed host, https, public address, no redirect elsewhere), the type on
   * the allow-list and the rulebook's size limit enforced while streaming, the SHA-256 computed and
   * compared with the one stated. Like `claim`, it answers the files and the items that keep them in
   * the record's own transaction; a refusal names `<path>.<n>.<field>` and writes no item (bytes
   * already fetched stay under `pending/`, which the lifecycle rule empties).
   */
  async fetchRemote(owner: FileOwner, sources: readonly RemoteFileSource[], record: RecordRef, now: Date, settings: RemoteFileSettings | undefined, path = 'body.files'): Promise<ClaimedFiles> {
    if (sources.length === 0) return { files: [], items: [] };
    const storage = this.storage;
    if (!storage) throw filesUnavailable();
    if (!settings || settings.hosts.length === 0) {
      throw new UnprocessableError('No file hosts are configured for this integration; upload the file instead (POST …/uploads).', sources.map((_, i) => ({ path: `${path}.${i}.url`, message: 'no file hosts are configured' })));
    }
    const ctx = await this.contexts.load(owner, now);
    const policy: RemoteFilePolicy = { ...settings, maxBytes: ctx.rulebook.files.maxBytes, allowedTypes: Object.keys(ALLOWED_FILE_TYPES) };
    const issues: FieldIssue[] = [];
    const fetched: StoredFile[] = [];
    const unavailable: string[] = [];
    for (const [i, source] of sources.entries()) {
      const at = `${path}.${i}`;
      let file;
      try {
        file = await fetchRemoteFile(source.url, policy);
      } catch (error) {
        if (!(error instanceof RemoteFileRefused)) throw error;
        if (error.problem === 'unavailable') unavailable.push(error.message);
        issues.push({ path: `${at}.url`, message: error.message });
        continue;
      }
      if (source.type !== undefined && source.type !== file.contentType) {
        issues.push({ path: `${at}.type`, message: `the host serves ${file.contentType}, not ${source.type}` });
        continue;
      }
      if (source.sha256 !== undefined && source.sha256 !== file.sha256) {
        issues.push({ path: `${at}.sha256`, message: 'the file fetched does not have this SHA-256' });
        continue;
      }
      let checked: UploadRequest;
      try {
        checked = checkUploadRequest({ name: source.name, type: file.contentType, size: file.size, sha256: file.sha256 }, policy.maxBytes);
      } catch (error) {
        if (!(error instanceof UnprocessableError)) throw error;
        issues.push(...error.issues.map((e) => ({ ...e, path: e.path.replace(/^body\./, `${at}.`) })));
        continue;
      }
      const stored: StoredFile = {
        id: ulid(now.getTime()),
        orgId: owner.orgId,
        status: 'pending',
        ownerId: owner.staffId,
        ...checked,
        createdAt: now.toISOString(),
        version: 1,
      };
      // S3 verifies the checksum again on arrival.
      await storage.put({ key: pendingKey(stored.orgId, stored.id), contentType: stored.type, size: stored.size, sha256Base64: sha256HexToBase64(stored.sha256), fileName: stored.name }, file.body);
      fetched.push(stored);
    }
    // A host that could not be reached is worth a retry (the e-office redelivers on 5xx); anything else is not.
    if (issues.length && unavailable.length === issues.length) throw new UnavailableError(`A file could not be fetched: ${unavailable[0]}.`, 60);
    if (issues.length) throw new UnprocessableError('Some files cannot be fetched.', issues);
    for (const f of fetched) await storage.copy(pendingKey(f.orgId, f.id), fileKey(f.orgId, f.id));
    return {
      files: fetched.map((f) => ({ id: f.id, name: f.name, type: f.type, size: f.size, sha256: f.sha256, uploadedBy: f.ownerId, uploadedAt: f.createdAt })),
      items: fetched.map((f) => this.files.keptItem(f, record, now.toISOString())),
    };
  }

  /** A short-lived download URL for a file of a record the caller may see; 404 otherwise. Audited. */
  async download(actor: Actor, id: string, now: Date): Promise<string> {
    const storage = this.storage;
    if (!storage) throw filesUnavailable();
    const ctx = await this.contexts.load(actor, now);
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
    // A GET: the audit event is written only once the snapshot that allowed it is known current.
    await confirmBeforeWriting(actor);
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
