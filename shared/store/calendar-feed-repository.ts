import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { AuditEvent } from '../domain/assignment.js';
import type { TableContext } from './client.js';
import { parseCalendarFeed } from './parse-item.js';
import { calendarFeedEntityId, CalendarFeedTokenItem, entityPk, STATE_SK } from './keys.js';
import { auditEventPut, statePut, transactWrite, type LabelledItem } from './transact.js';

/** A person's calendar subscription: which hashed token is current. The token itself is never stored. */
export interface CalendarFeedState {
  readonly staffId: string;
  readonly tokenHash?: string;
  readonly createdAt?: string;
  readonly revokedAt?: string;
  readonly version: number;
}

/**
 * Calendar subscription tokens: a lookup item per hashed token (GetItem when a calendar client
 * fetches the feed) and a per-person item naming the current one. Rotating or revoking deletes
 * the old lookup item in the same transaction, so an old URL stops working at once.
 */
export class CalendarFeedRepository {
  constructor(private readonly table: TableContext) {}

  async current(orgId: string, staffId: string): Promise<CalendarFeedState | undefined> {
    const result = await this.table.doc.send(
      new GetCommand({ TableName: this.table.tableName, Key: { PK: entityPk(orgId, calendarFeedEntityId(staffId)), SK: STATE_SK }, ConsistentRead: true }),
    );
    return result.Item?.entity === 'CalendarFeed' ? parseCalendarFeed(result.Item) : undefined;
  }

  /** The person a token hash belongs to, if it is current. */
  async lookup(orgId: string, tokenHash: string): Promise<{ staffId: string } | undefined> {
    const result = await this.table.doc.send(
      new GetCommand({ TableName: this.table.tableName, Key: CalendarFeedTokenItem.keys({ orgId, tokenHash }), ConsistentRead: true }),
    );
    return typeof result.Item?.staffId === 'string' ? { staffId: result.Item.staffId } : undefined;
  }

  /** Writes the new state (conditional on the previous version) and its audit event, swapping the lookup items. */
  async write(orgId: string, next: CalendarFeedState, previous: CalendarFeedState | undefined, event: AuditEvent): Promise<void> {
    const tableName = this.table.tableName;
    const items: LabelledItem[] = [
      statePut(tableName, { PK: entityPk(orgId, calendarFeedEntityId(next.staffId)), SK: STATE_SK, entity: 'CalendarFeed', ...next }, previous?.version),
      auditEventPut(tableName, { ...event }),
    ];
    if (previous?.tokenHash) {
      items.push({ label: 'old-token', item: { Delete: { TableName: tableName, Key: CalendarFeedTokenItem.keys({ orgId, tokenHash: previous.tokenHash }) } } });
    }
    if (next.tokenHash) {
      items.push({
        label: 'token',
        item: {
          Put: {
            TableName: tableName,
            Item: { ...CalendarFeedTokenItem.keys({ orgId, tokenHash: next.tokenHash }), entity: 'CalendarFeedToken', staffId: next.staffId, createdAt: next.createdAt },
            ConditionExpression: 'attribute_not_exists(PK)',
          },
        },
      });
    }
    await transactWrite(this.table, items);
  }
}
