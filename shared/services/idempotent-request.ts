import { createHash } from 'node:crypto';
import { UnprocessableError } from '../domain/errors.js';
import type { IdempotencyRepository } from '../store/idempotency-repository.js';
import { ConditionFailed, type LabelledItem } from '../store/transact.js';

const canonical = (value: unknown): string =>
  JSON.stringify(value, (_k, v) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b))) : v,
  );

/**
 * One creating request under an optional Idempotency-Key: the record is written in the same
 * transaction as what it creates, so a replay returns the first answer and writes nothing.
 */
export class IdempotentRequest {
  private readonly requestHash: string;

  constructor(
    private readonly repository: IdempotencyRepository,
    private readonly orgId: string,
    private readonly scope: string,
    private readonly key: string | undefined,
    input: unknown,
    /** An e-office call: its `webhook-id` is the key and the hash of its path and raw body is given. */
    private readonly webhook?: { readonly requestHash: string },
  ) {
    this.requestHash = webhook?.requestHash ?? createHash('sha256').update(canonical(input)).digest('hex');
  }

  /** The first answer when this key was used before with this body; 422 with another body. */
  async replay<T>(): Promise<{ status: number; body: T; replayed: true } | undefined> {
    if (this.key === undefined) return undefined;
    const record = await this.repository.get(this.orgId, this.scope, this.key);
    if (!record) return undefined;
    if (record.requestHash !== this.requestHash) {
      throw this.webhook
        ? new UnprocessableError('This webhook-id was already delivered with a different body or to another endpoint.', [{ path: 'header.webhook-id', message: 'reused with another body' }])
        : new UnprocessableError('This Idempotency-Key was already used with a different request body.', [{ path: 'header.idempotency-key', message: 'reused with another body' }]);
    }
    return { status: record.status, body: record.body as T, replayed: true };
  }

  /** The record to write with the change; none without a key. */
  items(status: number, body: unknown, now: Date): LabelledItem[] {
    if (this.key === undefined) return [];
    return [this.repository.put(this.orgId, this.scope, this.key, { requestHash: this.requestHash, status, body }, now)];
  }

  /** Another delivery of the same key won the race to write. */
  static lostRace(error: unknown): boolean {
    return error instanceof ConditionFailed && error.label === 'idempotency';
  }
}
