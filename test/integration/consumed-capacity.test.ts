import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { DeleteTableCommand } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { ulid } from 'ulidx';
import { CapacityMeter } from '../../shared/store/capacity.js';
import { createTableContext, type TableContext } from '../../shared/store/client.js';
import { ensureTable } from '../../shared/store/create-table.js';

// The capacity hook of createTableContext, on DynamoDB Local (which does return ConsumedCapacity).
describe('consumed capacity, recorded per call', () => {
  const meter = new CapacityMeter();
  const tableName = `capacity-${ulid()}`;
  let table: TableContext;

  beforeAll(async () => {
    table = createTableContext({ tableName, endpoint: inject('dynamoEndpoint'), capacity: meter.recorder });
    await ensureTable(table.client, tableName);
  });
  afterAll(async () => {
    await table.client.send(new DeleteTableCommand({ TableName: tableName }));
    table.client.destroy();
  });

  it('sums what each data-plane call consumed, reads and writes apart', async () => {
    const put = await meter.measure(() =>
      table.doc.send(new PutCommand({ TableName: tableName, Item: { PK: 'a', SK: '1', GSI1PK: 'g', GSI1SK: 'x', text: 'xin chào' } })),
    );
    // One unit for the table, one for GSI1, which the item enters.
    expect(put.units).toEqual({ read: 0, write: 2 });
    expect(put.calls).toEqual([{ command: 'PutItemCommand', read: 0, write: 2 }]);

    const reads = await meter.measure(async () => {
      await table.doc.send(new GetCommand({ TableName: tableName, Key: { PK: 'a', SK: '1' }, ConsistentRead: true }));
      await table.doc.send(new GetCommand({ TableName: tableName, Key: { PK: 'a', SK: '1' } }));
      await table.doc.send(
        new QueryCommand({ TableName: tableName, IndexName: 'GSI1', KeyConditionExpression: 'GSI1PK = :g', ExpressionAttributeValues: { ':g': 'g' } }),
      );
    });
    expect(reads.units).toEqual({ read: 2, write: 0 });
    expect(reads.calls.map((c) => [c.command, c.read])).toEqual([
      ['GetItemCommand', 1],
      ['GetItemCommand', 0.5],
      ['QueryCommand', 0.5],
    ]);
  });

  it('counts transactions, and keeps the caller’s own ReturnConsumedCapacity', async () => {
    const { result, units } = await meter.measure(() =>
      table.doc.send(
        new TransactWriteCommand({
          TransactItems: [{ Put: { TableName: tableName, Item: { PK: 'b', SK: '1' } } }],
          ReturnConsumedCapacity: 'INDEXES',
        }),
      ),
    );
    expect(units).toEqual({ read: 0, write: 2 });
    expect(result.ConsumedCapacity?.[0]?.Table).toEqual({ CapacityUnits: 2 });
  });

  it('leaves the request as the caller built it, and records no control-plane call', async () => {
    const input = { TableName: tableName, Key: { PK: 'a', SK: '1' } };
    const { calls } = await meter.measure(async () => {
      await table.doc.send(new GetCommand(input));
      await ensureTable(table.client, tableName);
    });
    expect(input).toEqual({ TableName: tableName, Key: { PK: 'a', SK: '1' } });
    expect(calls.map((c) => c.command)).toEqual(['GetItemCommand']);
  });
});
