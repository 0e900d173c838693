import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** The key pair the local S3 server knows (s3rver's built-in account). It means nothing in AWS. */
export const LOCAL_S3_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } as const;

export interface S3Local {
  readonly endpoint: string;
  readonly port: number;
  readonly directory: string;
  stop(): Promise<void>;
}

export interface S3LocalOptions {
  /** Buckets to create at start (existing ones and their files are kept). */
  buckets: readonly string[];
  /** Folder for the objects; a fresh temporary folder, emptied on stop, when omitted. */
  dataDir?: string;
  port?: number;
  /** Origins the buckets' CORS rule allows (the API's own origin, as in AWS). */
  allowedOrigins?: readonly string[];
}

interface PutObjectArg {
  content: NodeJS.ReadableStream | Buffer;
}
interface S3rverInstance {
  store: { putObject(object: PutObjectArg): Promise<unknown> };
  middleware: Array<(ctx: { method: string; req: object; get(name: string): string }, next: () => Promise<void>) => Promise<void>>;
  run(): Promise<AddressInfo>;
  close(): Promise<void>;
}

function corsXml(origins: readonly string[]): string {
  const rules = origins
    .map(
      (origin) =>
        `<CORSRule><AllowedOrigin>${origin}</AllowedOrigin><AllowedMethod>PUT</AllowedMethod><AllowedMethod>GET</AllowedMethod><AllowedHeader>*</AllowedHeader><ExposeHeader>ETag</ExposeHeader><MaxAgeSeconds>600</MaxAgeSeconds></CORSRule>`,
    )
    .join('');
  return `<CORSConfiguration>${rules}</CORSConfiguration>`;
}

/**
 * Starts an S3-compatible server on 127.0.0.1: `@20minutes/s3rver` (a maintained fork of s3rver;
 * the original accepts any Signature V4). It checks the presigned URL's signature and expiry, so
 * a signed content type, length or checksum header that differs is refused (403). It does not
 * compare the body with `x-amz-checksum-sha256`, as S3 does (400 BadDigest): the store hook below
 * makes that one check, after the signature check, so a tampered body is refused here too.
 */
export async function startS3Local(options: S3LocalOptions): Promise<S3Local> {
  const require = createRequire(import.meta.url);
  const S3rver = require('@20minutes/s3rver') as new (options: Record<string, unknown>) => S3rverInstance;
  const S3Error = require('@20minutes/s3rver/lib/models/error') as new (code: string, message: string) => Error;
  const temporary = !options.dataDir;
  const directory = options.dataDir ? resolve(options.dataDir) : mkdtempSync(join(tmpdir(), 's3-local-'));
  mkdirSync(directory, { recursive: true });
  // Port 0 unless asked: the kernel picks it as the server binds, so no other program can take it between.
  const askedPort = options.port ?? 0;
  const configs = options.allowedOrigins?.length ? [corsXml(options.allowedOrigins)] : [];
  const server = new S3rver({
    address: '127.0.0.1',
    port: askedPort,
    directory,
    silent: true,
    resetOnClose: false,
    configureBuckets: options.buckets.map((name) => ({ name, configs })),
  });

  // The checksum each PUT claims, by its request stream (s3rver hands that stream to the store).
  const claimed = new WeakMap<object, string>();
  server.middleware.unshift(async (ctx, next) => {
    const checksum = ctx.get('x-amz-checksum-sha256');
    if (ctx.method === 'PUT' && checksum) claimed.set(ctx.req, checksum);
    return next();
  });
  const putObject = server.store.putObject.bind(server.store);
  server.store.putObject = async (object) => {
    const checksum = claimed.get(object.content as object);
    if (checksum === undefined) return putObject(object);
    const chunks: Buffer[] = [];
    for await (const chunk of object.content as AsyncIterable<Buffer>) chunks.push(chunk);
    const body = Buffer.concat(chunks);
    if (createHash('sha256').update(body).digest('base64') !== checksum) {
      throw new S3Error('BadDigest', 'The SHA256 you specified did not match the calculated checksum.');
    }
    object.content = body;
    return putObject(object);
  };

  const { port } = await server.run();
  return {
    endpoint: `http://127.0.0.1:${port}`,
    port,
    directory,
    async stop() {
      await server.close();
      if (temporary) rmSync(directory, { recursive: true, force: true });
    },
  };
}
