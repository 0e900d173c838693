import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { TableContext } from './client.js';
import { idempotencyPk } from './keys.js';
import type { LabelledItem } from './transact.js';

/**
 * Idempotency-Key records. The record is written in the SAME transaction as the change it
 * guards, so a crash can never leave a change without its record or a record without its change.
 * Powertools' idempotency utility writes its record in separate calls around the handler, which
 * cannot give that guarantee; hence this small equivalent.
 */
export interface IdempotencyRecord {
  readonly requestHash: string;
  readonly status: number;
  readonly body: unknown;
}

const TTL_SECONDS = 7 * 24 * 3600;

export class IdempotencyRepository {
  constructor(private readonly table: TableContext) {}

  async get(orgId: string, scope: string, key: string): Promise<IdempotencyRecord | undefined> {
    const result = await this.table.doc.send(
      new GetCommand({ TableName: this.table.tableName, Key: { PK: idempotencyPk(orgId, scope, key), SK: '#' }, ConsistentRead: true }),
    );
    if (!result.Item) return undefined;
    return { requestHash: result.Item.requestHash, status: result.Item.status, body: result.Item.body };
  }

  put(orgId: string, scope: string, key: string, record: IdempotencyRecord, now: Date): LabelledItem {
    return {
      label: 'idempotency',
      item: {
        Put: {
          TableName: this.table.tableName,
          Item: {
            PK: idempotencyPk(orgId, scope, key),
            SK: '#',
            entity: 'IdempotencyRecord',
            ...record,
            createdAt: now.toISOString(),
            expiresAt: Math.floor(now.getTime() / 1000) + TTL_SECONDS,
          },
          ConditionExpression: 'attribute_not_exists(PK)',
        },
      },
    };
  }
}
