import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { AuditEvent } from '../domain/assignment.js';
import type { TableContext } from './client.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import { AuditEventItem, EVENT_SK_PREFIX } from './keys.js';
import { parseAuditEvent } from './parse-item.js';

/** Reads the append-only history of any entity: its events live in the entity's partition. */
export class AuditRepository {
  constructor(private readonly table: TableContext) {}

  async list(orgId: string, entityId: string, limit: number, cursor?: string): Promise<{ items: AuditEvent[]; nextCursor?: string }> {
    const events = AuditEventItem.patterns.primary.bind({ orgId, entityId });
    const page = await this.table.doc.send(
      new QueryCommand({
        TableName: this.table.tableName,
        ...events.keyCondition({ beginsWith: EVENT_SK_PREFIX }),
        Limit: limit,
        ExclusiveStartKey: decodeCursor(cursor, events.partition),
      }),
    );
    const items = (page.Items ?? []).map(parseAuditEvent);
    return page.LastEvaluatedKey ? { items, nextCursor: encodeCursor(page.LastEvaluatedKey) } : { items };
  }
}
