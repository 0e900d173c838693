import type { TableContext } from '../../shared/store/client.js';

const installed = new WeakMap<TableContext, { current?: string[] }>();

/**
 * Runs `operation` and returns each Query it sent, as `[index, key values, start key]` in JSON
 * (the table's own partitions as index `table`), in order: what a request read, and whether it
 * read anything twice.
 */
export async function recordQueries(table: TableContext, operation: () => Promise<unknown>): Promise<string[]> {
  let state = installed.get(table);
  if (!state) {
    const s: { current?: string[] } = {};
    state = s;
    installed.set(table, s);
    table.client.middlewareStack.add(
      (next, context) => async (args) => {
        if (s.current && context.commandName === 'QueryCommand') {
          const input = args.input as { IndexName?: string; ExpressionAttributeValues?: unknown; ExclusiveStartKey?: unknown };
          s.current.push(JSON.stringify([input.IndexName ?? 'table', input.ExpressionAttributeValues, input.ExclusiveStartKey ?? null]));
        }
        return next(args);
      },
      { step: 'initialize', name: 'recordQueries' },
    );
  }
  const queries: string[] = [];
  state.current = queries;
  try {
    await operation();
  } finally {
    state.current = undefined;
  }
  return queries;
}

/** The Queries sent more than once. */
export const repeated = (queries: readonly string[]) => [...new Set(queries.filter((q, i) => queries.indexOf(q) !== i))];
