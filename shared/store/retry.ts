import { failureOf, type Part } from './transact.js';

/**
 * The store's two retry policies, one each (docs/architecture.md, "Writing: one mechanism"):
 * - a write that lost a race (`stale`: a transaction conflict, a version another writer moved)
 *   is tried again after a short random pause, so writers that collided do not collide again;
 * - a batch call that DynamoDB left partly unprocessed (it throttled the table) is sent again
 *   for what is left, with an exponential pause, as AWS advises.
 */

/** Tries of a write that lost a race: enough for a hundred writers on one record at once (test/reliability). */
export const MAX_ATTEMPTS = 200;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The pause after the `attempt`-th lost race: random, up to 5 ms an attempt, at most 100 ms. */
export const pauseAfterLostRace = (attempt: number) => sleep(Math.random() * Math.min(100, 5 * attempt));

/** Calls again for unprocessed items after 50, 100, … ms: eight more calls at most (about 13 s in all). */
const BATCH_RETRIES = 8;
const pauseAfterUnprocessed = (retry: number) => sleep(25 * 2 ** retry);

/**
 * Runs a write again while it loses a race (`raced`: the parts whose failed condition means the
 * state moved; a transaction conflict always does), at most MAX_ATTEMPTS times; any other failure
 * is the caller's. For writes decided without a read (commit() reads and decides again itself).
 */
export async function retryLostRaces<T>(write: () => Promise<T>, raced: readonly Part[] = []): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await write();
    } catch (error) {
      if (failureOf(error, raced)?.outcome !== 'stale' || attempt >= MAX_ATTEMPTS) throw error;
    }
    await pauseAfterLostRace(attempt);
  }
}

/**
 * A batch call until nothing is left unprocessed: `send` makes one call for `pending` and returns
 * what DynamoDB left unprocessed. Every BatchGetItem and BatchWriteItem of the store goes through
 * here (batch.ts), so they all follow one policy.
 */
export async function untilProcessed<T>(what: string, first: readonly T[], send: (pending: readonly T[]) => Promise<readonly T[]>): Promise<void> {
  let pending = first;
  for (let retry = 0; pending.length > 0; retry++) {
    if (retry > BATCH_RETRIES) throw new Error(`DynamoDB kept ${pending.length} ${what} unprocessed`);
    if (retry > 0) await pauseAfterUnprocessed(retry);
    pending = await send(pending);
  }
}
