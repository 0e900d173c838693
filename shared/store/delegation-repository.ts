import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { AuditEvent } from '../domain/assignment.js';
import type { Delegation } from '../domain/authority.js';
import type { TableContext } from './client.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import { stripKeys } from './item.js';
import { delegationKeys, entityPk, STATE_SK } from './keys.js';
import { auditEventPut, transactWrite } from './transact.js';

export interface StoredDelegation extends Delegation {
  readonly orgId: string;
  readonly note?: string;
  readonly createdAt: string;
  readonly createdBy: string;
  readonly version: number;
}

const strip = (item: Record<string, unknown>) => stripKeys<StoredDelegation>(item);

export class DelegationRepository {
  constructor(private readonly table: TableContext) {}

  async save(delegation: StoredDelegation, event: AuditEvent, expectedVersion?: number): Promise<void> {
    await transactWrite(this.table, [
      {
        label: 'state',
        item: {
          Put: {
            TableName: this.table.tableName,
            Item: { ...delegationKeys(delegation), entity: 'Delegation', ...delegation },
            ...(expectedVersion === undefined
              ? { ConditionExpression: 'attribute_not_exists(PK)' }
              : { ConditionExpression: 'version = :v', ExpressionAttributeValues: { ':v': expectedVersion } }),
          },
        },
      },
      auditEventPut(this.table.tableName, { ...event }),
    ]);
  }

  async get(orgId: string, id: string): Promise<StoredDelegation | undefined> {
    const result = await this.table.doc.send(
      new GetCommand({ TableName: this.table.tableName, Key: { PK: entityPk(orgId, id), SK: STATE_SK }, ConsistentRead: true }),
    );
    return result.Item?.entity === 'Delegation' ? strip(result.Item) : undefined;
  }

  /**
   * A delegate's delegations that have not ended before `today`: one Query, bounded by their
   * count. The index lags its table, so each one that looks live is re-read consistently: a
   * revocation takes effect at once.
   */
  async currentFor(orgId: string, delegateId: string, today: string): Promise<StoredDelegation[]> {
    const result = await this.table.doc.send(
      new QueryCommand({
        TableName: this.table.tableName,
        IndexName: 'GSI1',
        KeyConditionExpression: 'GSI1PK = :pk AND GSI1SK >= :today',
        ExpressionAttributeValues: { ':pk': `ORG#${orgId}#DELEGATE#${delegateId}`, ':today': today },
      }),
    );
    const candidates = (result.Items ?? []).map(strip);
    const fresh = await Promise.all(candidates.map((d) => (d.revokedAt ? d : this.get(orgId, d.id))));
    return fresh.filter((d): d is StoredDelegation => d !== undefined);
  }

  /** All delegations ending on or after `endingFrom`, by end date. */
  async list(orgId: string, endingFrom: string, limit: number, cursor?: string) {
    const pk = `ORG#${orgId}#DELEGATIONS`;
    const page = await this.table.doc.send(
      new QueryCommand({
        TableName: this.table.tableName,
        IndexName: 'GSI2',
        KeyConditionExpression: 'GSI2PK = :pk AND GSI2SK >= :from',
        ExpressionAttributeValues: { ':pk': pk, ':from': endingFrom },
        Limit: limit,
        ExclusiveStartKey: decodeCursor(cursor, { GSI2PK: pk }),
      }),
    );
    const items = (page.Items ?? []).map(strip);
    return page.LastEvaluatedKey ? { items, nextCursor: encodeCursor(page.LastEvaluatedKey) } : { items };
  }
}
