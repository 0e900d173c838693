import { GetCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Notification } from '../domain/notification.js';
import type { TableContext } from './client.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import { NotificationItem, notificationKeys } from './keys.js';
import { parseNotification } from './parse-item.js';
import { failureOf, writeOne, type LabelledItem } from './transact.js';


/**
 * A person's notifications. The key is the notification's id, which its cause determines, and
 * every write is "only if absent": a rerun or a double delivery stores nothing twice.
 */
export class NotificationRepository {
  constructor(private readonly table: TableContext) {}

  private key(n: { orgId: string; recipientId: string; id: string }) {
    return NotificationItem.patterns.primary.keys(n);
  }

  /** The put, for a transaction; `deliveryAttemptAt` claims the first delivery for whoever stores it. */
  putItem(n: Notification, deliveryAttemptAt: string): LabelledItem {
    return {
      label: 'notification',
      item: {
        Put: {
          TableName: this.table.tableName,
          Item: {
                        ...notificationKeys(n),
            entity: 'Notification',
            ...n,
            deliveryAttemptAt,
          },
          ConditionExpression: 'attribute_not_exists(PK)',
        },
      },
    };
  }

  /** False when it was stored already. */
  async create(n: Notification, deliveryAttemptAt: string): Promise<boolean> {
    try {
      await writeOne(this.table, this.putItem(n, deliveryAttemptAt));
      return true;
    } catch (error) {
      if (failureOf(error, [], ['notification'])?.outcome === 'duplicate') return false;
      throw error;
    }
  }

  async get(orgId: string, recipientId: string, id: string): Promise<Notification | undefined> {
    const result = await this.table.doc.send(
      new GetCommand({ TableName: this.table.tableName, Key: this.key({ orgId, recipientId, id }), ConsistentRead: true }),
    );
    return result.Item ? parseNotification(result.Item) : undefined;
  }

  /**
   * Takes over the delivery of a stored, undelivered notification whose last attempt began
   * before `staleBefore`: of two runs racing, only one sends it again.
   */
  async claimDelivery(n: Notification, at: string, staleBefore: string): Promise<boolean> {
    try {
      await writeOne(this.table, {
        label: 'claim',
        item: {
          Update: {
            TableName: this.table.tableName,
            Key: this.key(n),
            UpdateExpression: 'SET deliveryAttemptAt = :at',
            ConditionExpression: 'attribute_exists(PK) AND attribute_not_exists(deliveredAt) AND (attribute_not_exists(deliveryAttemptAt) OR deliveryAttemptAt < :stale)',
            ExpressionAttributeValues: { ':at': at, ':stale': staleBefore },
          },
        },
      });
      return true;
    } catch (error) {
      // Another run claimed it, or it was delivered meanwhile.
      if (failureOf(error, ['claim'])?.outcome === 'stale') return false;
      throw error;
    }
  }

  async markDelivered(n: Notification, delivery: { channel: string; outcome: string; at: string }): Promise<void> {
    await this.table.doc.send(
      new UpdateCommand({
        TableName: this.table.tableName,
        Key: this.key(n),
        UpdateExpression: 'SET deliveredAt = :at, channel = :channel, delivery = :outcome',
        ConditionExpression: 'attribute_exists(PK)',
        ExpressionAttributeValues: { ':at': delivery.at, ':channel': delivery.channel, ':outcome': delivery.outcome },
      }),
    );
  }

  /** Marks it read and drops it from the unread index; false when `version` is no longer current. */
  async markRead(n: Notification, at: string): Promise<boolean> {
    try {
      await writeOne(this.table, {
        label: 'state',
        item: {
          Update: {
            TableName: this.table.tableName,
            Key: this.key(n),
            UpdateExpression: 'SET readAt = :at, version = version + :one REMOVE GSI2PK, GSI2SK',
            ConditionExpression: 'version = :version',
            ExpressionAttributeValues: { ':at': at, ':one': 1, ':version': n.version },
          },
        },
      });
      return true;
    } catch (error) {
      if (failureOf(error)?.outcome === 'stale') return false;
      throw error;
    }
  }

  /** Newest first: all of a person's, or only the unread ones (a sparse index). */
  async list(orgId: string, recipientId: string, unreadOnly: boolean, limit: number, cursor?: string) {
    const { unread, byTime } = NotificationItem.patterns;
    const partition = (unreadOnly ? unread : byTime).bind({ orgId, recipientId });
    const page = await this.table.doc.send(
      new QueryCommand({
        TableName: this.table.tableName,
                ...partition.keyCondition(),
        ScanIndexForward: false,
        Limit: limit,
        ExclusiveStartKey: decodeCursor(cursor, partition.partition),
      }),
    );
    const items = (page.Items ?? []).map(parseNotification);
    return page.LastEvaluatedKey ? { items, nextCursor: encodeCursor(page.LastEvaluatedKey) } : { items };
  }
}
