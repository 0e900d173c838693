import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Assignment, AuditEvent } from '../domain/assignment.js';
import { deliveryForChange, sortInstantOf, type DeliveryState, type EofficeDelivery } from '../domain/eoffice-delivery.js';
import type { TableContext } from './client.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import { parseDelivery } from './parse-item.js';
import { deliveryKeys, EofficeDeliveryItem, entityPk, STATE_SK } from './keys.js';
import { auditEventPut, failureOf, statePut, transactWrite, writeOne, type LabelledItem } from './transact.js';


/** Delivered callbacks are kept 90 days (DynamoDB TTL), then removed; failed and pending ones stay. */
const DELIVERED_TTL_SECONDS = 90 * 24 * 3600;

function deliveryItem(d: EofficeDelivery): Record<string, unknown> {
  return {
    ...deliveryKeys({ orgId: d.orgId, id: d.id, state: d.state, sortAt: sortInstantOf(d) }),
    entity: 'EofficeDelivery',
    ...d,
    ...(d.state === 'delivered' && d.deliveredAt
      ? { expiresAt: Math.floor(new Date(d.deliveredAt).getTime() / 1000) + DELIVERED_TTL_SECONDS }
      : {}),
  };
}

/** A new delivery, only if absent: the id is deterministic, so a second enqueue of one change fails. */
function newDeliveryPut(tableName: string, d: EofficeDelivery): LabelledItem {
  return { label: 'outbox', item: { Put: { TableName: tableName, Item: deliveryItem(d), ConditionExpression: 'attribute_not_exists(PK)' } } };
}

/**
 * Written by AssignmentRepository.writeItems with every assignment change: an assignment from an
 * e-office document that is completed or returned for rework queues its callback in the same
 * transaction; any other change queues nothing.
 */
export function eofficeCallbackItems(tableName: string, next: Assignment, event: AuditEvent): LabelledItem[] {
  const delivery = deliveryForChange(next, event);
  return delivery ? [newDeliveryPut(tableName, delivery)] : [];
}

/**
 * The e-office outbox (issue #7): one item per callback to send, written in the same transaction
 * as the assignment change it reports (eofficeCallbackItems), read by the dispatcher from the pending
 * partition of GSI1 up to now, and listed for administrators from the failed one.
 */
export class OutboxRepository {
  constructor(private readonly table: TableContext) {}

  private item(d: EofficeDelivery): Record<string, unknown> {
    return deliveryItem(d);
  }

  /** A new delivery, only if absent: the id is deterministic, so a second enqueue of one change fails. */
  putNew(d: EofficeDelivery): LabelledItem {
    return newDeliveryPut(this.table.tableName, d);
  }

  /** Queues a delivery unless one with its id exists; false when it already did (idempotent sweeps). */
  async enqueue(d: EofficeDelivery): Promise<boolean> {
    try {
      await writeOne(this.table, this.putNew(d));
      return true;
    } catch (error) {
      if (failureOf(error, [], ['outbox'])?.outcome === 'duplicate') return false;
      throw error;
    }
  }

  async get(orgId: string, id: string): Promise<EofficeDelivery | undefined> {
    const result = await this.table.doc.send(
      new GetCommand({ TableName: this.table.tableName, Key: { PK: entityPk(orgId, id), SK: STATE_SK }, ConsistentRead: true }),
    );
    return result.Item?.entity === 'EofficeDelivery' ? parseDelivery(result.Item) : undefined;
  }

  /** Saves a new state of a delivery if it is still at `expectedVersion`; false when another writer got there first. */
  async save(d: EofficeDelivery, expectedVersion: number, event?: AuditEvent): Promise<boolean> {
    const state = statePut(this.table.tableName, this.item(d), expectedVersion);
    try {
      if (event) await transactWrite(this.table, [state, auditEventPut(this.table.tableName, { ...event })]);
      else await writeOne(this.table, state);
      return true;
    } catch (error) {
      if (failureOf(error)?.outcome === 'stale') return false;
      throw error;
    }
  }

  /** Pending deliveries due by `now`, oldest first. */
  async due(orgId: string, now: Date, limit: number): Promise<EofficeDelivery[]> {
    const page = await this.table.doc.send(
      new QueryCommand({
        TableName: this.table.tableName,
                ...EofficeDeliveryItem.patterns.byState.keyCondition(
          { orgId, state: 'pending' },
          { lte: EofficeDeliveryItem.patterns.byState.sk.through({ sortAt: now.toISOString() }) },
        ),
        Limit: limit,
      }),
    );
    return (page.Items ?? []).map(parseDelivery);
  }

  async list(orgId: string, state: DeliveryState, limit: number, cursor?: string): Promise<{ items: EofficeDelivery[]; nextCursor?: string }> {
    const partition = EofficeDeliveryItem.patterns.byState.bind({ orgId, state });
    const page = await this.table.doc.send(
      new QueryCommand({
        TableName: this.table.tableName,
        ...partition.keyCondition(),
        ScanIndexForward: state === 'pending',
        Limit: limit,
                ExclusiveStartKey: decodeCursor(cursor, partition.partition),
      }),
    );
    const items = (page.Items ?? []).map(parseDelivery);
    return page.LastEvaluatedKey ? { items, nextCursor: encodeCursor(page.LastEvaluatedKey) } : { items };
  }
}
