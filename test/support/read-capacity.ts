import type { TableContext } from '../../shared/store/client.js';

/** What the calls made during one operation consumed, as DynamoDB (Local) reports it. */
export interface Consumed {
  reads: number;
  readUnits: number;
  writes: number;
}

const installed = new WeakMap<TableContext, { current?: Consumed }>();
const READS = new Set(['GetItemCommand', 'QueryCommand', 'BatchGetItemCommand', 'TransactGetItemsCommand', 'ScanCommand']);
const WRITES = new Set(['PutItemCommand', 'UpdateItemCommand', 'DeleteItemCommand', 'BatchWriteItemCommand', 'TransactWriteItemsCommand']);

/** Runs `operation` and returns the read capacity it consumed (one operation at a time). */
export async function measureCapacity(table: TableContext, operation: () => Promise<unknown>): Promise<Consumed> {
  let state = installed.get(table);
  if (!state) {
    const s: { current?: Consumed } = {};
    state = s;
    installed.set(table, s);
    table.client.middlewareStack.add(
      (next, context) => async (args) => {
        const command = context.commandName ?? '';
        if (!s.current || !(READS.has(command) || WRITES.has(command))) return next(args);
        const result = await next({ ...args, input: { ...(args.input as object), ReturnConsumedCapacity: 'TOTAL' } });
        const consumed = (result.output as { ConsumedCapacity?: { CapacityUnits?: number } | { CapacityUnits?: number }[] }).ConsumedCapacity;
        const units = (Array.isArray(consumed) ? consumed : consumed ? [consumed] : []).reduce((n, c) => n + (c.CapacityUnits ?? 0), 0);
        if (READS.has(command)) {
          s.current.reads++;
          s.current.readUnits += units;
        } else s.current.writes++;
        return result;
      },
      { step: 'initialize', name: 'measureReadCapacity' },
    );
  }
  const consumed: Consumed = { reads: 0, readUnits: 0, writes: 0 };
  state.current = consumed;
  try {
    await operation();
  } finally {
    state.current = undefined;
  }
  return consumed;
}
