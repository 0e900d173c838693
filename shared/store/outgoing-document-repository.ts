/** Outgoing documents (D4, D5) and the outgoing register's numbers; keys in keys.ts (`outgoingKeys`). */
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { AuditEvent } from '../domain/assignment.js';
import type { OutgoingDocument } from '../domain/outgoing-document.js';
import type { Register } from '../domain/document.js';
import type { TableContext } from './client.js';
import { parseAuditEvent, parseOutgoingDocument } from './parse-item.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import {
  AuditEventItem,
  entityPk,
  EVENT_SK_PREFIX,
  ExternalOutgoingIdItem,
  OutgoingDocumentItem,
  outgoingKeys,
  OutgoingRegisterEntryItem,
  OutgoingRegisterItem,
  STATE_SK,
} from './keys.js';
import { sharedInRequest, type RequestScope } from './org-version.js';
import { queryAll } from './query.js';
import { auditEventPut, transactWrite, statePut, type LabelledItem } from './transact.js';

export type Page<T> = { items: T[]; nextCursor?: string };

export class OutgoingDocumentRepository {
  constructor(private readonly table: TableContext) {}

  stateItem(doc: OutgoingDocument, expectedVersion?: number): LabelledItem {
    return statePut(this.table.tableName, { ...outgoingKeys(doc), entity: 'OutgoingDocument', ...doc }, expectedVersion);
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
    const registerYear = { orgId: doc.orgId, register: doc.register, year };
    const counter: LabelledItem = {
      label: 'sequence',
      item: {
        Update: {
          TableName: this.table.tableName,
                    Key: OutgoingRegisterItem.keys(registerYear),
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
            Item: { ...OutgoingRegisterEntryItem.keys({ ...registerYear, sequence }), entity: 'OutgoingRegisterEntry', documentId: doc.id, sequence, year },
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
          Item: { ...ExternalOutgoingIdItem.keys({ orgId: doc.orgId, externalId: doc.externalId }), entity: 'ExternalOutgoingId', documentId: doc.id },
          ConditionExpression: 'attribute_not_exists(PK)',
        },
      },
    };
  }

  async findByExternalId(orgId: string, externalId: string): Promise<OutgoingDocument | undefined> {
    const pointer = await this.table.doc.send(
      new GetCommand({ TableName: this.table.tableName, Key: ExternalOutgoingIdItem.keys({ orgId, externalId }), ConsistentRead: true }),
    );
    const id = pointer.Item?.documentId;
    return typeof id === 'string' ? this.get(orgId, id) : undefined;
  }

  async lastNumber(orgId: string, register: Register, year: number): Promise<number> {
    const result = await this.table.doc.send(
      new GetCommand({ TableName: this.table.tableName, Key: OutgoingRegisterItem.keys({ orgId, register, year }), ConsistentRead: true }),
    );
    return typeof result.Item?.last === 'number' ? result.Item.last : 0;
  }

  /** The numbers given in a year, in order (the register's entries). */
  async numbers(orgId: string, register: Register, year: number): Promise<{ sequence: number; documentId: string }[]> {
    const entries = OutgoingRegisterEntryItem.patterns.primary;
    const items = await queryAll(this.table, entries.keyCondition({ orgId, register, year }, { beginsWith: entries.sk.prefix({}) }));
    return items.map((i) => ({ sequence: Number(i.sequence), documentId: String(i.documentId) }));
  }

  async write(items: readonly LabelledItem[]): Promise<void> {
    await transactWrite(this.table, items);
  }

  async get(orgId: string, id: string): Promise<OutgoingDocument | undefined> {
    const result = await this.table.doc.send(
      new GetCommand({ TableName: this.table.tableName, Key: { PK: entityPk(orgId, id), SK: STATE_SK }, ConsistentRead: true }),
    );
    return result.Item?.entity === 'OutgoingDocument' ? parseOutgoingDocument(result.Item) : undefined;
  }

  async history(orgId: string, id: string): Promise<AuditEvent[]> {
    const items = await queryAll(this.table, {
            ...AuditEventItem.patterns.primary.keyCondition({ orgId, entityId: id }, { beginsWith: EVENT_SK_PREFIX }),
      ConsistentRead: true,
    });
    return items.map(parseAuditEvent);
  }

  /**
   * A register (GSI1, newest first) or the documents whose step a person takes (GSI2, soonest due
   * first), one page; within one request (`request`), a read under way is shared.
   */
  async list(orgId: string, by: { register: Register } | { ownerId: string }, limit: number, cursor?: string, request?: RequestScope): Promise<Page<OutgoingDocument>> {
    const { byRegister, byOwner } = OutgoingDocumentItem.patterns;
    const [partition, forward] =
      'register' in by ? [byRegister.bind({ orgId, register: by.register }), false] : [byOwner.bind({ orgId, ownerId: by.ownerId }), true];
    return sharedInRequest(request, `outgoing:${JSON.stringify(partition.partition)}:${limit}:${cursor ?? ''}`, async () => {
      const page = await this.table.doc.send(
        new QueryCommand({
          TableName: this.table.tableName,
          ...partition.keyCondition(),
          ScanIndexForward: forward,
          Limit: limit,
          ExclusiveStartKey: decodeCursor(cursor, partition.partition),
        }),
      );
      const items = (page.Items ?? []).map(parseOutgoingDocument);
      return page.LastEvaluatedKey ? { items, nextCursor: encodeCursor(page.LastEvaluatedKey) } : { items };
    });
  }

  /** D5 sweep: open documents whose current step was due by `until` (GSI3). */
  async openDueBy(orgId: string, until: Date): Promise<OutgoingDocument[]> {
    const open = OutgoingDocumentItem.patterns.open;
    const items = await queryAll(this.table, open.keyCondition({ orgId }, { lte: open.sk.through({ stepDueAt: until.toISOString() }) }));
    return items.map(parseOutgoingDocument);
  }
}
