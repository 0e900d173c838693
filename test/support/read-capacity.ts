import type { TableContext } from '../../shared/store/client.js';

/** What the calls made during one operation consumed, as DynamoDB (Local) reports it. */
export interface Consumed {
  reads: number;
  readUnits: number;
  writes: number;
}

/** What the one recorder of a table is collecting now: capacity, the Queries sent, or neither. */
interface Recording {
  consumed?: Consumed;
  queries?: string[];
}

const installed = new WeakMap<TableContext, Recording>();
const READS = new Set(['GetItemCommand', 'QueryCommand', 'BatchGetItemCommand', 'TransactGetItemsCommand', 'ScanCommand']);
const WRITES = new Set(['PutItemCommand', 'UpdateItemCommand', 'DeleteItemCommand', 'BatchWriteItemCommand', 'TransactWriteItemsCommand']);

/** The table's recorder: one client middleware, installed on first use. */
function recordingOf(table: TableContext): Recording {
  const existing = installed.get(table);
  if (existing) return existing;
  const s: Recording = {};
  installed.set(table, s);
  table.client.middlewareStack.add(
    (next, context) => async (args) => {
      const command = context.commandName ?? '';
      if (s.queries && command === 'QueryCommand') {
        const input = args.input as { IndexName?: string; ExpressionAttributeValues?: unknown; ExclusiveStartKey?: unknown };
        s.queries.push(JSON.stringify([input.IndexName ?? 'table', input.ExpressionAttributeValues, input.ExclusiveStartKey ?? null]));
      }
      const consumedNow = s.consumed;
      if (!consumedNow || !(READS.has(command) || WRITES.has(command))) return next(args);
      const result = await next({ ...args, input: { ...(args.input as object), ReturnConsumedCapacity: 'TOTAL' } });
      const consumed = (result.output as { ConsumedCapacity?: { CapacityUnits?: number } | { CapacityUnits?: number }[] }).ConsumedCapacity;
      const units = (Array.isArray(consumed) ? consumed : consumed ? [consumed] : []).reduce((n, c) => n + (c.CapacityUnits ?? 0), 0);
      if (READS.has(command)) {
        consumedNow.reads++;
        consumedNow.readUnits += units;
      } else consumedNow.writes++;
      return result;
    },
    { step: 'initialize', name: 'measureReadCapacity' },
  );
  return s;
}

/** Runs `operation` while `key` of the table's recording holds `value`. */
async function recording<K extends keyof Recording>(table: TableContext, key: K, value: NonNullable<Recording[K]>, operation: () => Promise<unknown>) {
  const r = recordingOf(table);
  r[key] = value;
  try {
    await operation();
  } finally {
    r[key] = undefined;
  }
  return value;
}

/** Runs `operation` and returns the read capacity it consumed (one operation at a time). */
export const measureCapacity = (table: TableContext, operation: () => Promise<unknown>): Promise<Consumed> =>
  recording(table, 'consumed', { reads: 0, readUnits: 0, writes: 0 }, operation);

/**
 * Runs `operation` and returns each Query it sent, as `[index, key values, start key]` in JSON
 * (the table's own partitions as index `table`), in order: what a request read, and whether it
 * read anything twice.
 */
export const recordQueries = (table: TableContext, operation: () => Promise<unknown>): Promise<string[]> =>
  recording(table, 'queries', [], operation);

/** The Queries sent more than once. */
export const repeated = (queries: readonly string[]) => [...new Set(queries.filter((q, i) => queries.indexOf(q) !== i))];
