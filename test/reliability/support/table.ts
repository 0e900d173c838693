import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import type { TestApp } from '../../support/app.js';

/**
 * The table's item count from DescribeTable. DynamoDB Local keeps ItemCount exact (AWS refreshes it
 * every few hours), so it counts at a fraction of a Scan's cost; suites that count after every
 * request cross-check it against `t.countItems()` (a full Scan).
 */
export async function liveCount(t: TestApp): Promise<number> {
  const described = await t.table.client.send(new DescribeTableCommand({ TableName: t.table.tableName }));
  return described.Table!.ItemCount!;
}
