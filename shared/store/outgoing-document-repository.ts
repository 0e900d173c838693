/** Outgoing documents (D4, D5) and the outgoing register's numbers; keys in keys.ts (`outgoingKeys`). */
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { AuditEvent } from '../domain/assignment.js';
import type { OutgoingDocument } from '../domain/outgoing-document.js';
import type { Register } from '../domain/document.js';
import type { TableContext } from './client.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import { stripKeys } from './item.js';
import { entityPk, EVENT_SK_PREFIX, externalOutgoingPk, outgoingKeys, outgoingOpenPk, outgoingOwnerPk, outgoingRegisterIndexPk, outgoingRegisterPk, STATE_SK } from './keys.js';
import { queryAll } from './query.js';
import { auditEventPut, transactWrite, type LabelledItem } from './transact.js';

const strip = (item: Record<string, unknown>) => stripKeys<OutgoingDocument>(item);
export type Page<T> = { items: T[]; nextCursor?: string };

export class OutgoingDocumentRepository {
  constructor(private readonly table: TableContext) {}

  stateItem(doc: OutgoingDocument, expectedVersion?: number): LabelledItem {
    return {
      label: 'state',
      item: {
        Put: {
          TableName: this.table.tableName,
          Item: { ...outgoingKeys(doc), entity: 'OutgoingDocument', ...doc },
          ...(expectedVersion === undefined
            ? { ConditionExpression: 'attribute_not_exists(PK)' }
            : { ConditionExpression: 'version = :expected', ExpressionAttributeValues: { ':expected': expectedVersion } }),
        },
      },
    };
  }

  eventItem(event: AuditEvent): LabelledItem {
    return auditEventPut(this.table.tableName, { ...event });
  }

  /**
   * The register's number `sequence` for the year, the last number given being `last`: the counter
   * moves from `last` only (a concurrent numbering fails its condition and retries), and only
   * forward (a lower number the e-office gave leaves it); the entry is written only if absent.
   */
  numberItems(doc: OutgoingDocument, year: number, sequence: number, last = sequence - 1): LabelledItem[] {
    const pk = outgoingRegisterPk(doc.orgId, doc.register, year);
    const counter: LabelledItem = {
      label: 'sequence',
      item: {
        Update: {
          TableName: this.table.tableName,
          Key: { PK: pk, SK: '#' },
          UpdateExpression: 'SET #last = :n, entity = :entity',
          ConditionExpression: last === 0 ? 'attribute_not_exists(#last)' : '#last = :prev',
          ExpressionAttributeNames: { '#last': 'last' },
          ExpressionAttributeValues: { ':n': sequence, ':entity': 'OutgoingRegisterCounter', ...(last === 0 ? {} : { ':prev': last }) },
        },
      },
    };
    return [
      ...(sequence > last ? [counter] : []),
      {
        label: 'register-entry',
        item: {
          Put: {
            TableName: this.table.tableName,
            Item: { PK: pk, SK: `N#${String(sequence).padStart(6, '0')}`, entity: 'OutgoingRegisterEntry', documentId: doc.id, sequence, year },
            ConditionExpression: 'attribute_not_exists(PK)',
          },
        },
      },
    ];
  }

  /** The e-office's id of a document it registered: one document per id. */
  externalIdItem(doc: OutgoingDocument & { externalId: string }): LabelledItem {
    return {
      label: 'external-id',
      item: {
        Put: {
          TableName: this.table.tableName,
          Item: { PK: externalOutgoingPk(doc.orgId, doc.externalId), SK: '#', entity: 'ExternalOutgoingId', documentId: doc.id },
          ConditionExpression: 'attribute_not_exists(PK)',
        },
      },
    };
  }

  async findByExternalId(orgId: string, externalId: string): Promise<OutgoingDocument | undefined> {
    const pointer = await this.table.doc.send(
      new GetCommand({ TableName: this.table.tableName, Key: { PK: externalOutgoingPk(orgId, externalId), SK: '#' }, ConsistentRead: true }),
    );
    const id = pointer.Item?.documentId;
    return typeof id === 'string' ? this.get(orgId, id) : undefined;
  }

  async lastNumber(orgId: string, register: Register, year: number): Promise<number> {
    const result = await this.table.doc.send(
      new GetCommand({ TableName: this.table.tableName, Key: { PK: outgoingRegisterPk(orgId, register, year), SK: '#' }, ConsistentRead: true }),
    );
    return typeof result.Item?.last === 'number' ? result.Item.last : 0;
  }

  /** The numbers given in a year, in order (the register's entries). */
  async numbers(orgId: string, register: Register, year: number): Promise<{ sequence: number; documentId: string }[]> {
    const items = await queryAll(this.table, {
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :n)',
      ExpressionAttributeValues: { ':pk': outgoingRegisterPk(orgId, register, year), ':n': 'N#' },
    });
    return items.map((i) => ({ sequence: Number(i.sequence), documentId: String(i.documentId) }));
  }

  async write(items: readonly LabelledItem[]): Promise<void> {
    await transactWrite(this.table, items);
  }

  async get(orgId: string, id: string): Promise<OutgoingDocument | undefined> {
    const result = await this.table.doc.send(
      new GetCommand({ TableName: this.table.tableName, Key: { PK: entityPk(orgId, id), SK: STATE_SK }, ConsistentRead: true }),
    );
    return result.Item?.entity === 'OutgoingDocument' ? strip(result.Item) : undefined;
  }

  async history(orgId: string, id: string): Promise<AuditEvent[]> {
    const items = await queryAll(this.table, {
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :ev)',
      ExpressionAttributeValues: { ':pk': entityPk(orgId, id), ':ev': EVENT_SK_PREFIX },
      ConsistentRead: true,
    });
    return items.map((i) => stripKeys<AuditEvent>(i));
  }

  /** A register (GSI1, newest first) or the documents whose step a person takes (GSI2, soonest due first). */
  async list(orgId: string, by: { register: Register } | { ownerId: string }, limit: number, cursor?: string): Promise<Page<OutgoingDocument>> {
    const [index, pk, forward] = 'register' in by ? (['GSI1', outgoingRegisterIndexPk(orgId, by.register), false] as const) : (['GSI2', outgoingOwnerPk(orgId, by.ownerId), true] as const);
    const page = await this.table.doc.send(
      new QueryCommand({
        TableName: this.table.tableName,
        IndexName: index,
        KeyConditionExpression: `${index}PK = :pk`,
        ExpressionAttributeValues: { ':pk': pk },
        ScanIndexForward: forward,
        Limit: limit,
        ExclusiveStartKey: decodeCursor(cursor, { [`${index}PK`]: pk }),
      }),
    );
    const items = (page.Items ?? []).map(strip);
    return page.LastEvaluatedKey ? { items, nextCursor: encodeCursor(page.LastEvaluatedKey) } : { items };
  }

  /** D5 sweep: open documents whose current step was due by `until` (GSI3). */
  async openDueBy(orgId: string, until: Date): Promise<OutgoingDocument[]> {
    const items = await queryAll(this.table, {
      IndexName: 'GSI3',
      KeyConditionExpression: 'GSI3PK = :pk AND GSI3SK <= :until',
      ExpressionAttributeValues: { ':pk': outgoingOpenPk(orgId), ':until': `${until.toISOString()}#~` },
    });
    return items.map(strip);
  }
}
