import { BatchGetCommand, BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { TableContext } from './client.js';
import { untilProcessed } from './retry.js';

type Item = Record<string, unknown>;

/** BatchGetItem of any number of keys (100 a call), retrying what DynamoDB leaves unprocessed; in no particular order. */
export async function getAll(table: TableContext, keys: readonly Item[], consistent = false): Promise<Item[]> {
  const items: Item[] = [];
  for (let i = 0; i < keys.length; i += 100) {
    await untilProcessed('keys of a BatchGetItem', keys.slice(i, i + 100), async (pending) => {
      const result = await table.doc.send(
        new BatchGetCommand({ RequestItems: { [table.tableName]: { Keys: [...pending], ConsistentRead: consistent } } }),
      );
      items.push(...(result.Responses?.[table.tableName] ?? []));
      return (result.UnprocessedKeys?.[table.tableName]?.Keys ?? []) as Item[];
    });
  }
  return items;
}

/**
 * BatchWriteItem puts of any number of items (25 a call), retrying what DynamoDB leaves
 * unprocessed. Unconditional and not atomic: for seeding and bulk loads only, never a change.
 * `written` hears of each call's items as DynamoDB takes them (a bulk load's progress).
 */
export async function putAll(table: TableContext, items: readonly Item[], written?: (count: number) => void): Promise<void> {
  for (let i = 0; i < items.length; i += 25) {
    const requests = items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } }));
    await untilProcessed('items of a BatchWriteItem', requests, async (pending) => {
      const result = await table.doc.send(new BatchWriteCommand({ RequestItems: { [table.tableName]: [...pending] } }));
      const left = (result.UnprocessedItems?.[table.tableName] ?? []) as typeof requests;
      written?.(pending.length - left.length);
      return left;
    });
  }
}
