/**
 * Evidence files in S3 (issue #22): the one adapter over `@aws-sdk/client-s3` and its presigner,
 * the same code path in AWS and on a laptop (the local S3-compatible server of `npm start` and
 * the tests). The SDK is imported on first use, so only the requests that handle files load it.
 *
 * Keys: `pending/<orgId>/<fileId>` while an upload waits for its record (a lifecycle rule expires
 * them), `files/<orgId>/<fileId>` once a record keeps it. The app never writes a `files/` key
 * twice and never deletes anything.
 */
import type { S3Client } from '@aws-sdk/client-s3';
import { withoutDiacritics } from '../domain/text.js';

export interface FileStorageSettings {
  readonly bucket: string;
  /** Local S3-compatible server (path-style, fixed local key pair); absent in AWS. */
  readonly endpoint?: string;
  readonly credentials?: { readonly accessKeyId: string; readonly secretAccessKey: string };
  readonly region?: string;
  /** How long an upload URL lives (default 15 minutes: a 25 MB file on a slow line). */
  readonly uploadUrlSeconds?: number;
  /** How long a download URL lives (default 60 seconds: it is followed at once). */
  readonly downloadUrlSeconds?: number;
  /** GuardDuty Malware Protection for S3 tags each scanned object; serve only those found clean. */
  readonly malwareScan?: boolean;
}

export interface PresignedUpload {
  readonly url: string;
  readonly method: 'PUT';
  /** Headers the PUT must carry exactly as signed (content-length is set by the client from the body). */
  readonly headers: Readonly<Record<string, string>>;
  readonly expiresAt: string;
}

/** `unscannable`: GuardDuty answered UNSUPPORTED, ACCESS_DENIED or FAILED (e.g. an encrypted ZIP); not served either. */
export interface UploadSpec {
  readonly key: string;
  readonly contentType: string;
  readonly size: number;
  readonly sha256Base64: string;
  /** Kept as the object's Content-Disposition, so a download carries the person's file name. */
  readonly fileName: string;
}

export type ScanStatus = 'clean' | 'infected' | 'pending' | 'unscannable' | 'not-scanned';

export interface FileStorage {
  /** Signed at the real time (never a test's X-Clock): S3 checks expiry against its own clock. */
  presignUpload(input: UploadSpec): Promise<PresignedUpload>;
  /** Size and type of a stored object, or undefined when there is none. */
  head(key: string): Promise<{ size: number; contentType: string } | undefined>;
  /** A server-side copy: the bytes never pass through the app. */
  copy(from: string, to: string): Promise<void>;
  /** Stores bytes the server fetched itself (an e-office file URL); storage verifies the SHA-256. */
  put(input: UploadSpec, body: Uint8Array): Promise<void>;
  presignDownload(key: string): Promise<string>;
  /** The malware scan's verdict, or 'not-scanned' when scanning is off. */
  scanStatus(key: string): Promise<ScanStatus>;
}

export const pendingKey = (orgId: string, fileId: string) => `pending/${orgId}/${fileId}`;
export const fileKey = (orgId: string, fileId: string) => `files/${orgId}/${fileId}`;

/**
 * The origin a browser PUTs to (the Content-Security-Policy's connect-src for the pages' uploads):
 * the local server's, or the bucket's regional virtual-hosted endpoint, as the SDK signs URLs in
 * AWS. `override` (FILES_UPLOAD_ORIGIN) wins; it must be a bare origin such as https://host:port.
 */
export function uploadOrigin(settings: Pick<FileStorageSettings, 'bucket' | 'endpoint' | 'region'>, region?: string, override?: string): string | undefined {
  if (override !== undefined) {
    let origin: string | undefined;
    try {
      origin = new URL(override).origin;
    } catch {
      origin = undefined;
    }
    if (origin !== override || !/^https?:/.test(override)) throw new Error(`FILES_UPLOAD_ORIGIN must be an origin such as https://bucket.s3.ap-southeast-1.amazonaws.com (no path, no trailing slash), got ${override}`);
    return override;
  }
  if (settings.endpoint) return new URL(settings.endpoint).origin;
  const r = settings.region ?? region;
  return r ? `https://${settings.bucket}.s3.${r}.amazonaws.com` : undefined;
}

/** The tag GuardDuty Malware Protection for S3 puts on each object it scanned. */
const SCAN_TAG = 'GuardDutyMalwareScanStatus';

/** RFC 6266/5987 attachment header: ASCII fallback plus the UTF-8 name (Vietnamese file names). */
export function contentDisposition(name: string): string {
  const ascii = withoutDiacritics(name).replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

export class S3FileStorage implements FileStorage {
  private client?: Promise<S3Client>;

  constructor(private readonly settings: FileStorageSettings) {}

  private s3(): Promise<S3Client> {
    this.client ??= import('@aws-sdk/client-s3').then(
      ({ S3Client }) =>
        new S3Client({
          ...(this.settings.region ? { region: this.settings.region } : {}),
          ...(this.settings.endpoint ? { endpoint: this.settings.endpoint, forcePathStyle: true, region: this.settings.region ?? 'us-east-1' } : {}),
          ...(this.settings.credentials ? { credentials: this.settings.credentials } : {}),
          // The checksum is the one the uploader declared; the SDK must not add a CRC of its own to the signature.
          requestChecksumCalculation: 'WHEN_REQUIRED',
          responseChecksumValidation: 'WHEN_REQUIRED',
        }),
    );
    return this.client;
  }

  async presignUpload(input: UploadSpec): Promise<PresignedUpload> {
    const now = new Date();
    const [client, { PutObjectCommand }, { getSignedUrl }] = await Promise.all([
      this.s3(),
      import('@aws-sdk/client-s3'),
      import('@aws-sdk/s3-request-presigner'),
    ]);
    const expiresIn = this.settings.uploadUrlSeconds ?? 900;
    const command = new PutObjectCommand({
      Bucket: this.settings.bucket,
      Key: input.key,
      ContentType: input.contentType,
      ContentLength: input.size,
      ChecksumSHA256: input.sha256Base64,
      ContentDisposition: contentDisposition(input.fileName),
    });
    // Type, length and checksum are signed headers: S3 refuses a PUT whose body or headers differ.
    // The name goes in at upload, not as a download override: the object carries it wherever it is read.
    const url = await getSignedUrl(client, command, {
      expiresIn,
      signableHeaders: new Set(['content-type', 'content-length', 'x-amz-checksum-sha256', 'content-disposition']),
      unhoistableHeaders: new Set(['x-amz-checksum-sha256']),
    });
    return {
      url,
      method: 'PUT',
      headers: { 'content-type': input.contentType, 'x-amz-checksum-sha256': input.sha256Base64, 'content-disposition': contentDisposition(input.fileName) },
      expiresAt: new Date(now.getTime() + expiresIn * 1000).toISOString(),
    };
  }

  async head(key: string): Promise<{ size: number; contentType: string } | undefined> {
    const [client, { HeadObjectCommand }] = await Promise.all([this.s3(), import('@aws-sdk/client-s3')]);
    try {
      const head = await client.send(new HeadObjectCommand({ Bucket: this.settings.bucket, Key: key }));
      return { size: head.ContentLength ?? 0, contentType: head.ContentType ?? '' };
    } catch (error) {
      const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
      if (e.name === 'NotFound' || e.name === 'NoSuchKey' || e.$metadata?.httpStatusCode === 404) return undefined;
      throw error;
    }
  }

  async copy(from: string, to: string): Promise<void> {
    const [client, { CopyObjectCommand }] = await Promise.all([this.s3(), import('@aws-sdk/client-s3')]);
    await client.send(
      new CopyObjectCommand({
        Bucket: this.settings.bucket,
        Key: to,
        CopySource: `${this.settings.bucket}/${from.split('/').map(encodeURIComponent).join('/')}`,
        MetadataDirective: 'COPY',
      }),
    );
  }

  async put(input: UploadSpec, body: Uint8Array): Promise<void> {
    const [client, { PutObjectCommand }] = await Promise.all([this.s3(), import('@aws-sdk/client-s3')]);
    await client.send(
      new PutObjectCommand({
        Bucket: this.settings.bucket,
        Key: input.key,
        Body: body,
        ContentType: input.contentType,
        ContentLength: input.size,
        ChecksumSHA256: input.sha256Base64,
        ContentDisposition: contentDisposition(input.fileName),
      }),
    );
  }

  async presignDownload(key: string): Promise<string> {
    const [client, { GetObjectCommand }, { getSignedUrl }] = await Promise.all([
      this.s3(),
      import('@aws-sdk/client-s3'),
      import('@aws-sdk/s3-request-presigner'),
    ]);
    return getSignedUrl(
      client,
      new GetObjectCommand({ Bucket: this.settings.bucket, Key: key }),
      { expiresIn: this.settings.downloadUrlSeconds ?? 60 },
    );
  }

  async scanStatus(key: string): Promise<ScanStatus> {
    if (!this.settings.malwareScan) return 'not-scanned';
    const [client, { GetObjectTaggingCommand }] = await Promise.all([this.s3(), import('@aws-sdk/client-s3')]);
    const tags = await client.send(new GetObjectTaggingCommand({ Bucket: this.settings.bucket, Key: key }));
    const verdict = tags.TagSet?.find((t) => t.Key === SCAN_TAG)?.Value;
    if (verdict === 'NO_THREATS_FOUND') return 'clean';
    if (verdict === 'THREATS_FOUND') return 'infected';
    return verdict ? 'unscannable' : 'pending';
  }
}
