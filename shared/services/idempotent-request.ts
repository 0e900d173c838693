import { createHash } from 'node:crypto';
import { UnprocessableError } from '../domain/errors.js';
import type { IdempotencyRepository } from '../store/idempotency-repository.js';
import type { LabelledItem } from '../store/transact.js';

/** The same input in any key order hashes alike. */
const canonical = (value: unknown): string =>
  JSON.stringify(value, (_k, v) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b))) : v,
  );

export interface IdempotentRequestSpec {
  readonly repository: IdempotencyRepository;
  readonly orgId: string;
  /** What the key is unique within: the operation, the record and the caller (e.g. `leave.create.<staff>`). */
  readonly scope: string;
  /** The request's Idempotency-Key (or a page form's `_idem`); none: nothing is recorded. */
  readonly key: string | undefined;
  /** The request body (or what stands for it); the same key with another input is a 422. */
  readonly input?: unknown;
  readonly now: Date;
  /** An e-office call: its `webhook-id` is the key and the hash of its path and raw body is given. */
  readonly webhook?: { readonly requestHash: string };
}

/**
 * One request under an optional Idempotency-Key: the record is written in the same transaction
 * as the change (commit() in commit.ts puts it there), so a replay returns the first answer and
 * writes nothing.
 */
export class IdempotentRequest {
  /** The hash of the input (or the webhook's); a record may keep it to know its request again. */
  readonly requestHash: string;
  /** A replay found no record: a service that looked before its checks spares commit() the same read. */
  missed = false;

  constructor(private readonly spec: IdempotentRequestSpec) {
    this.requestHash = spec.webhook?.requestHash ?? createHash('sha256').update(canonical(spec.input)).digest('hex');
  }

  /** The first answer when this key was used before with this body; 422 with another body. */
  async replay<T>(): Promise<{ status: number; body: T; replayed: true } | undefined> {
    const { repository, orgId, scope, key, webhook } = this.spec;
    if (key === undefined) return undefined;
    const record = await repository.get(orgId, scope, key);
    if (!record) {
      this.missed = true;
      return undefined;
    }
    if (record.requestHash !== this.requestHash) {
      throw webhook
        ? new UnprocessableError('This webhook-id was already delivered with a different body or to another endpoint.', [{ path: 'header.webhook-id', message: 'reused with another body' }])
        : new UnprocessableError('This Idempotency-Key was already used with a different request body.', [{ path: 'header.idempotency-key', message: 'reused with another body' }]);
    }
    return { status: record.status, body: record.body as T, replayed: true };
  }

  /** The record to write with the change; none without a key. */
  items(status: number, body: unknown): LabelledItem[] {
    const { repository, orgId, scope, key, now } = this.spec;
    if (key === undefined) return [];
    return [repository.put(orgId, scope, key, { requestHash: this.requestHash, status, body }, now)];
  }
}
