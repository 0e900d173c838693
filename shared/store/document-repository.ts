import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { AuditEvent } from '../domain/assignment.js';
import type { Flag, IncomingDocument, Register } from '../domain/document.js';
import type { TableContext } from './client.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import {
    documentAccessKeys,
  documentAccessPartition,
  documentKeys,
  entityPk,
  EVENT_SK_PREFIX,
  ExternalDocumentIdItem,
  FlagItem,
  IncomingDocumentItem,
  STATE_SK,
} from './keys.js';
import { parseAuditEvent, parseFlag, parseIncomingDocument } from './parse-item.js';
import { getAll } from './query.js';
import { auditEventPut, statePut, type LabelledItem } from './transact.js';


export interface RegisterRange {
  /** Inclusive bounds on receivedAt (UTC ISO instants). */
  readonly from?: string;
  readonly to?: string;
  readonly limit: number;
  readonly cursor?: string;
}

/** DynamoDB refuses a BETWEEN whose bounds are reversed (receivedFrom after receivedTo): nothing was received in it. */
const isReversed = (range: RegisterRange) => range.from !== undefined && range.to !== undefined && range.from > IncomingDocumentItem.patterns.byRegister.sk.through({ receivedAt: range.to });

export type Page<T> = { items: T[]; nextCursor?: string };

/**
 * Incoming documents (issue #7): the document's state and history in its entity partition, a
 * pointer from the e-office id, access entries for those who answer for its work, D3 flags.
 * Keys and access patterns: shared/store/keys.ts.
 */
export class DocumentRepository {
  constructor(private readonly table: TableContext) {}

  get tableName(): string {
    return this.table.tableName;
  }

  /** The document's state: new (absent) or conditional on the version it was computed from. */
  stateItem(doc: IncomingDocument, expectedVersion?: number): LabelledItem {
    return statePut(this.table.tableName, { ...documentKeys(doc), entity: 'IncomingDocument', ...doc }, expectedVersion);
  }

  eventItem(event: AuditEvent): LabelledItem {
    return auditEventPut(this.table.tableName, { ...event });
  }

  /** One document per e-office id: the pointer is written only if absent. */
  externalIdItem(doc: IncomingDocument): LabelledItem {
    return {
      label: 'external-id',
      item: {
        Put: {
          TableName: this.table.tableName,
          Item: { ...ExternalDocumentIdItem.keys({ orgId: doc.orgId, externalId: doc.externalId }), entity: 'ExternalDocumentId', documentId: doc.id },
          ConditionExpression: 'attribute_not_exists(PK)',
        },
      },
    };
  }

  /** Access entries: a person's (or a unit's) list of the documents they answer for work from. */
  accessItems(doc: IncomingDocument, principals: readonly ({ staffId: string } | { unitId: string })[]): LabelledItem[] {
    return principals.map((principal) => ({
      label: 'access',
      item: {
        Put: {
          TableName: this.table.tableName,
          Item: {
                                    ...documentAccessKeys(doc.orgId, principal, { register: doc.register, receivedAt: doc.receivedAt, documentId: doc.id }),
            entity: 'DocumentAccess',
            documentId: doc.id,
            register: doc.register,
          },
        },
      },
    }));
  }

  flagItem(flag: Flag): LabelledItem {
    return {
      label: 'flag',
      item: {
        Put: {
          TableName: this.table.tableName,
          Item: { ...FlagItem.keys(flag), entity: 'Flag', ...flag },
          ConditionExpression: 'attribute_not_exists(PK)',
        },
      },
    };
  }

  async get(orgId: string, id: string): Promise<IncomingDocument | undefined> {
    const result = await this.table.doc.send(
      new GetCommand({ TableName: this.table.tableName, Key: { PK: entityPk(orgId, id), SK: STATE_SK }, ConsistentRead: true }),
    );
    return result.Item?.entity === 'IncomingDocument' ? parseIncomingDocument(result.Item) : undefined;
  }

  async findByExternalId(orgId: string, externalId: string): Promise<IncomingDocument | undefined> {
    const pointer = await this.table.doc.send(
      new GetCommand({ TableName: this.table.tableName, Key: ExternalDocumentIdItem.keys({ orgId, externalId }), ConsistentRead: true }),
    );
    const id = pointer.Item?.documentId;
    return typeof id === 'string' ? this.get(orgId, id) : undefined;
  }

  /** The document and its whole history: one Query on its partition. */
  async getWithHistory(orgId: string, id: string): Promise<{ document: IncomingDocument; history: AuditEvent[] } | undefined> {
    let document: IncomingDocument | undefined;
    const history: AuditEvent[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.table.doc.send(
        new QueryCommand({
          TableName: this.table.tableName,
                    ...IncomingDocumentItem.patterns.primary.keyCondition({ orgId, id }),
          ExclusiveStartKey: startKey,
          ConsistentRead: true,
        }),
      );
      for (const item of page.Items ?? []) {
        if (item.SK === STATE_SK && item.entity === 'IncomingDocument') document = parseIncomingDocument(item);
        else if (typeof item.SK === 'string' && item.SK.startsWith(EVENT_SK_PREFIX)) history.push(parseAuditEvent(item));
      }
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return document ? { document, history } : undefined;
  }

  /** A whole register, newest first (GSI1). */
  async listRegister(orgId: string, register: Register, range: RegisterRange): Promise<Page<IncomingDocument>> {
    const byRegister = IncomingDocumentItem.patterns.byRegister.bind({ orgId, register });
    if (isReversed(range)) return { items: [] };
    const page = await this.table.doc.send(
      new QueryCommand({
        TableName: this.table.tableName,
                ...byRegister.keyCondition({ between: [byRegister.sk.start({ receivedAt: range.from ?? '0' }), byRegister.sk.through({ receivedAt: range.to ?? '9' })] }),
        ScanIndexForward: false,
        Limit: range.limit,
        ExclusiveStartKey: decodeCursor(range.cursor, byRegister.partition),
      }),
    );
    const items = (page.Items ?? []).map(parseIncomingDocument);
    return page.LastEvaluatedKey ? { items, nextCursor: encodeCursor(page.LastEvaluatedKey) } : { items };
  }

  /** The documents of one person's (or unit's) access partition, newest first: a Query, then BatchGetItem of those ids. */
  async listAccessible(
    orgId: string,
    principal: { staffId: string } | { unitId: string },
    register: Register,
    range: RegisterRange,
  ): Promise<Page<IncomingDocument>> {
            const access = documentAccessPartition(orgId, principal);
    if (isReversed(range)) return { items: [] };
    const page = await this.table.doc.send(
      new QueryCommand({
        TableName: this.table.tableName,
                ...access.keyCondition({
          between: [access.sk.start({ register, receivedAt: range.from ?? '0' }), access.sk.through({ register, receivedAt: range.to ?? '9' })],
        }),
        ScanIndexForward: false,
        Limit: range.limit,
        ExclusiveStartKey: decodeCursor(range.cursor, access.partition),
      }),
    );
    const ids = (page.Items ?? []).map((i) => String(i.documentId));
    const docs = await this.getMany(orgId, ids);
    const items = ids.map((id) => docs.get(id)).filter((d): d is IncomingDocument => d !== undefined);
    return page.LastEvaluatedKey ? { items, nextCursor: encodeCursor(page.LastEvaluatedKey) } : { items };
  }

  private async getMany(orgId: string, ids: readonly string[]): Promise<Map<string, IncomingDocument>> {
    const items = await getAll(this.table, [...new Set(ids)].map((id) => ({ PK: entityPk(orgId, id), SK: STATE_SK })), true);
    return new Map(items.filter((item) => item.entity === 'IncomingDocument').map((item) => [String(item.id), parseIncomingDocument(item)]));
  }

  /** D1 sweep: documents not yet distributed whose distribution was due by `until` (sparse GSI3). */
  async undistributedDueBy(orgId: string, until: Date): Promise<IncomingDocument[]> {
    const out: IncomingDocument[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.table.doc.send(
        new QueryCommand({
          TableName: this.table.tableName,
                    ...IncomingDocumentItem.patterns.undistributed.keyCondition(
            { orgId },
            { lte: IncomingDocumentItem.patterns.undistributed.sk.through({ distributionDueAt: until.toISOString() }) },
          ),
          ExclusiveStartKey: startKey,
        }),
      );
      out.push(...(page.Items ?? []).map(parseIncomingDocument));
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return out;
  }

  /** Flags raised for a person, newest first. */
  async listFlags(orgId: string, recipientId: string, limit: number, cursor?: string): Promise<Page<Flag>> {
    const flags = FlagItem.patterns.primary.bind({ orgId, recipientId });
    const page = await this.table.doc.send(
      new QueryCommand({
        TableName: this.table.tableName,
        ...flags.keyCondition(),
        ScanIndexForward: false,
        Limit: limit,
        ExclusiveStartKey: decodeCursor(cursor, flags.partition),
      }),
    );
    const items = (page.Items ?? []).map(parseFlag);
    return page.LastEvaluatedKey ? { items, nextCursor: encodeCursor(page.LastEvaluatedKey) } : { items };
  }
}
