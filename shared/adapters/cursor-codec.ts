/**
 * The one codec of every pagination cursor the tracker gives out (API lists and the dashboard's
 * pages). A cursor is sealed with AES-256-GCM: the position inside it (a store key, a partition
 * phase, an offset) is unreadable, and the cursor opens only for the caller, the list and the
 * filters it was given out for, and only until it expires. Anything else (tampered, foreign,
 * stale, malformed) is a 400 naming `query.cursor`. See docs/security/cursors.md.
 *
 * Token: base64url( version 0x01 | IV (12 bytes) | tag (16 bytes) | ciphertext ), where the
 * plaintext is JSON {p: position, e: expiry in epoch ms} and the additional authenticated data
 * is the SHA-256 of the binding (org, staff id, list, normalised filters).
 */
import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { ValidationError } from '../domain/errors.js';

/** How long a cursor opens after it was given out. */
export const CURSOR_TTL_MS = 60 * 60 * 1000;

const VERSION = 0x01;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const HEADER_BYTES = 1 + IV_BYTES + TAG_BYTES;
const KEY_INFO = 'quy-che-tracker/cursor/v1';

/** Whom and what a cursor is for: it opens only for the same binding. */
export interface CursorBinding {
  readonly orgId: string;
  readonly staffId: string;
  /** The list, e.g. `GET /v1/assignments`. */
  readonly list: string;
  /** The list's filters (the query without cursor and page size); normalised here. */
  readonly filters: Readonly<Record<string, unknown>>;
}

/** The key material: the current secret seals and opens; during a rotation the previous one still opens. */
export interface CursorSecrets {
  readonly current: string;
  readonly previous?: string;
}

export interface CursorKeySource {
  secrets(): Promise<CursorSecrets>;
}

/** One answer for every cursor that does not open, so a refusal tells nothing about why (only expiry is said). */
const invalid = (message: 'invalid cursor' | 'expired cursor') =>
  new ValidationError(
    message === 'expired cursor'
      ? 'The cursor has expired (cursors last one hour); start again from the first page.'
      : 'The cursor is not one this list gave you for these filters; start again from the first page.',
    [{ path: 'query.cursor', message }],
  );

/** Filters as one canonical string: keys sorted, absent and empty values dropped, values as strings. */
export function normaliseFilters(filters: Readonly<Record<string, unknown>>): string {
  const entries = Object.entries(filters)
    .filter(([, v]) => v !== undefined && v !== null && v !== '')
    .map(([k, v]) => [k, Array.isArray(v) ? v.map(String) : String(v)] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return JSON.stringify(entries);
}

function bindingDigest(b: CursorBinding): Buffer {
  return createHash('sha256')
    .update(JSON.stringify([b.orgId, b.staffId, b.list, normaliseFilters(b.filters)]))
    .digest();
}

/** A secret (any string of at least 32 characters) → the 32-byte AES key. */
function keyOf(secret: string): Buffer {
  return Buffer.from(hkdfSync('sha256', Buffer.from(secret, 'utf8'), Buffer.alloc(0), KEY_INFO, 32));
}

function checkSecrets(s: CursorSecrets, where: string): CursorSecrets {
  if (typeof s.current !== 'string' || s.current.length < 32) throw new Error(`${where}: "current" must be a string of at least 32 characters.`);
  if (s.previous !== undefined && (typeof s.previous !== 'string' || s.previous.length < 32)) {
    throw new Error(`${where}: "previous" must be a string of at least 32 characters.`);
  }
  return s.previous ? { current: s.current, previous: s.previous } : { current: s.current };
}

/** Parses the JSON document `{"current": "...", "previous"?: "..."}` a secret or the dev key file holds. */
export function parseCursorSecrets(text: string, where: string): CursorSecrets {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new Error(`${where} is not JSON {"current": "...", "previous"?: "..."}.`);
  }
  if (!parsed || typeof parsed !== 'object') throw new Error(`${where} is not JSON {"current": "...", "previous"?: "..."}.`);
  return checkSecrets(parsed as CursorSecrets, where);
}

export class CursorCodec {
  private keys?: { at: number; current: Buffer; all: Buffer[] };

  /** `cacheMs`: how long the key material is kept before it is read again (a rotation reaches every instance within it). */
  constructor(
    private readonly source: CursorKeySource,
    private readonly options: { ttlMs?: number; cacheMs?: number; now?: () => number } = {},
  ) {}

  private reading?: Promise<{ at: number; current: Buffer; all: Buffer[] }>;

  private async material() {
    const now = (this.options.now ?? Date.now)();
    if (this.keys && now - this.keys.at < (this.options.cacheMs ?? 5 * 60_000)) return this.keys;
    // One read at a time: prepare() and the seal that follows it share it.
    this.reading ??= this.source
      .secrets()
      .then((s) => {
        const current = keyOf(s.current);
        this.keys = { at: now, current, all: [current, ...(s.previous ? [keyOf(s.previous)] : [])] };
        return this.keys;
      })
      .finally(() => (this.reading = undefined));
    return this.reading;
  }

  /**
   * Starts reading the key material, if it is not at hand, while the caller does other work (a
   * list reads the key while its query runs; a cold start's first list waits for one, not both).
   * A failure here is left to the seal or open that follows, which reads again.
   */
  prepare(): void {
    this.material().catch(() => {});
  }

  /** Seals a position for one binding; `now` is the request's time, from which the cursor expires. */
  async seal(position: string, binding: CursorBinding, now: Date): Promise<string> {
    const { current } = await this.material();
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', current, iv);
    cipher.setAAD(bindingDigest(binding));
    const body = Buffer.concat([
      cipher.update(JSON.stringify({ p: position, e: now.getTime() + (this.options.ttlMs ?? CURSOR_TTL_MS) }), 'utf8'),
      cipher.final(),
    ]);
    return Buffer.concat([Buffer.from([VERSION]), iv, cipher.getAuthTag(), body]).toString('base64url');
  }

  /** The position inside a cursor, or a ValidationError naming `query.cursor`; never anything else. */
  async open(cursor: string, binding: CursorBinding, now: Date): Promise<string> {
    if (!/^[A-Za-z0-9_-]+$/.test(cursor) || cursor.length > 4096) throw invalid('invalid cursor');
    const raw = Buffer.from(cursor, 'base64url');
    if (raw.length <= HEADER_BYTES || raw[0] !== VERSION || raw.toString('base64url') !== cursor) throw invalid('invalid cursor');
    const iv = raw.subarray(1, 1 + IV_BYTES);
    const tag = raw.subarray(1 + IV_BYTES, HEADER_BYTES);
    const body = raw.subarray(HEADER_BYTES);
    const aad = bindingDigest(binding);
    let plain: Buffer | undefined;
    for (const key of (await this.material()).all) {
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
        decipher.setAAD(aad);
        decipher.setAuthTag(tag);
        plain = Buffer.concat([decipher.update(body), decipher.final()]);
        break;
      } catch {
        // Not sealed with this key for this binding: try the previous key, then refuse.
      }
    }
    if (!plain) throw invalid('invalid cursor');
    let payload: { p?: unknown; e?: unknown };
    try {
      payload = JSON.parse(plain.toString('utf8')) as typeof payload;
    } catch {
      throw invalid('invalid cursor');
    }
    if (typeof payload.p !== 'string' || typeof payload.e !== 'number') throw invalid('invalid cursor');
    if (now.getTime() >= payload.e) throw invalid('expired cursor');
    return payload.p;
  }
}

/** Fixed key material (tests). */
export function staticCursorKeys(secrets: CursorSecrets): CursorKeySource {
  const checked = checkSecrets(secrets, 'cursor key');
  return { secrets: async () => checked };
}

/**
 * Local mode: a random key kept in a file under the data directory (like the dev signing key), so
 * cursors survive a restart of `npm start`; in memory when no file is named (tests).
 */
export function devCursorKeys(keyFile?: string): CursorKeySource {
  let loaded: Promise<CursorSecrets> | undefined;
  const load = async (): Promise<CursorSecrets> => {
    if (keyFile && existsSync(keyFile)) return parseCursorSecrets(readFileSync(keyFile, 'utf8'), keyFile);
    const secrets = { current: randomBytes(32).toString('base64url') };
    if (keyFile) {
      mkdirSync(dirname(keyFile), { recursive: true });
      writeFileSync(keyFile, JSON.stringify(secrets), { mode: 0o600 });
    }
    return secrets;
  };
  return { secrets: () => (loaded ??= load()) };
}

/**
 * In AWS: the Secrets Manager secret CURSOR_SECRET_ID (created by the stack with a random
 * "current"), read on the first list request of an instance, not at cold start.
 */
export function secretsManagerCursorKeys(secretId: string, client?: SecretsManagerClient): CursorKeySource {
  return {
    async secrets() {
      // Loaded with the first list request, not at every cold start.
      const { GetSecretValueCommand, SecretsManagerClient } = await import('@aws-sdk/client-secrets-manager');
      const sm = (client ??= new SecretsManagerClient({}));
      const text = (await sm.send(new GetSecretValueCommand({ SecretId: secretId }))).SecretString;
      if (!text) throw new Error(`The cursor key secret ${secretId} has no value.`);
      return parseCursorSecrets(text, `The cursor key secret ${secretId}`);
    },
  };
}
