import { ConflictError } from '../domain/errors.js';
import { MAX_ATTEMPTS, pauseAfterLostRace } from '../store/retry.js';
import { failureOf, type LabelledItem, type Part, type WriteFailure } from '../store/transact.js';
import type { IdempotentRequest } from './idempotent-request.js';

/**
 * The one way a service writes a change (docs/architecture.md, "Writing: one mechanism"):
 * read the state, decide the change from it, write it in one transaction with the
 * Idempotency-Key's record, and sort a failed write into a typed outcome:
 * - `stale`: another writer changed what was read (a version, a counter, a sequence): read
 *   again and decide again, or, under If-Match, refuse with the caller's 412;
 * - `duplicate`: another delivery of the same key wrote first: answer as it did;
 * - `conflict`: a claim another record holds (a file, an external id): the caller's refusal.
 */
export interface Decision<T> {
  /** The answer; recorded under the idempotency key so that a replay answers the same. */
  readonly result: T;
  /** The status recorded with it (default 200). */
  readonly status?: number;
  /**
   * Writes the change in ONE transaction together with `extra` (the idempotency record).
   * Absent: nothing to write (the change was already made, say); no record is kept.
   */
  readonly write?: (extra: readonly LabelledItem[]) => Promise<void>;
}

export interface CommitSpec<S, T> {
  /** Reads the state the change is decided from; read again after a lost race. None: a creation. */
  readonly load?: () => Promise<S>;
  /** The change from that state; a domain error thrown here refuses it and writes nothing. */
  readonly decide: (state: S, attempt: number) => Decision<T> | Promise<Decision<T>>;
  /**
   * If-Match: the version the caller read. Another current version is `stale`: refused, never
   * decided again. A lost race is read again, so a race on a counter or a sequence still goes
   * through while a race on the record itself meets If-Match on the fresh read.
   */
  readonly ifMatch?: { readonly expected: number | undefined; readonly current: (state: S) => number | undefined };
  /** The request's Idempotency-Key (or webhook-id), written in the change's transaction. */
  readonly idempotency?: IdempotentRequest;
  /** False: a lost race is not tried again but refused with `stale` (a change decided from a cached snapshot). */
  readonly retry?: false;
  /** The parts whose failed condition means the state moved under us (default: `state`). */
  readonly raced?: readonly Part[];
  /** The caller's refusal of `stale`: `current` is the state read; undefined when a write with `retry: false` lost. */
  readonly stale?: (current: S | undefined) => Error;
  /** The caller's refusal of a `conflict` on a part; undefined lets the failure through. */
  readonly conflict?: (part: Part) => Error | undefined | Promise<Error | undefined>;
}

export interface Committed<T> {
  readonly status: number;
  readonly body: T;
  /** The answer of an earlier delivery of the same key; nothing was written now. */
  readonly replayed: boolean;
}

/** Retries of a lost race, and the pause between them: the store's one policy (shared/store/retry.ts). */
export { MAX_ATTEMPTS } from '../store/retry.js';

export async function commit<S, T>(spec: CommitSpec<S, T>): Promise<Committed<T>> {
  const request = spec.idempotency;
  const replay = async () => (request ? await request.replay<T>() : undefined);
  const first = request?.missed ? undefined : await replay();
  if (first) return first;
  const underIfMatch = spec.ifMatch !== undefined && spec.ifMatch.expected !== undefined;
  const stale = (current: S | undefined) => spec.stale?.(current) ?? new ConflictError('The record changed meanwhile; read it again.');
  for (let attempt = 1; ; attempt++) {
    const state = (await spec.load?.()) as S;
    if (underIfMatch && spec.ifMatch!.current(state) !== spec.ifMatch!.expected) {
      // The same form sent twice: the first delivery moved the version.
      const again = await replay();
      if (again) return again;
      throw stale(state);
    }
    const decision = await spec.decide(state, attempt);
    const status = decision.status ?? 200;
    if (!decision.write) return { status, body: decision.result, replayed: false };
    let failure: WriteFailure | undefined;
    try {
      await decision.write(request ? request.items(status, decision.result) : []);
      return { status, body: decision.result, replayed: false };
    } catch (error) {
      failure = failureOf(error, spec.raced);
      if (!failure) throw error;
      if (failure.outcome === 'duplicate' || failure.outcome === 'stale') {
        const again = await replay();
        if (again) return again;
      }
      if (failure.outcome === 'conflict') throw (await spec.conflict?.(failure.part)) ?? error;
      if (failure.outcome === 'duplicate') throw error;
      if (spec.retry === false) throw stale(undefined);
      if (attempt >= MAX_ATTEMPTS) throw new ConflictError('Too many changes to this record at once; try again.');
    }
    await pauseAfterLostRace(attempt);
  }
}
