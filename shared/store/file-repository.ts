/**
 * Evidence files (issue #22). One item per file, in its own partition, audit events (downloads)
 * beside it:
 *
 * | item         | PK                    | SK      | notes                                            |
 * |--------------|-----------------------|---------|--------------------------------------------------|
 * | file         | ORG#<org>#E#<fileId>  | #STATE  | `pending` with TTL `expiresAt`, then `attached`  |
 * | file event   | ORG#<org>#E#<fileId>  | EV#…    | every download                                   |
 *
 * A pending file is read only by its id, by whoever uploaded it: no list shows it. It becomes
 * `attached` in the same transaction as the record change that keeps it, on condition that it is
 * still pending and the caller's, so one upload serves one record once.
 */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { AuditEvent } from '../domain/assignment.js';
import type { TableContext } from './client.js';
import { parseFile } from './parse-item.js';
import { entityPk, STATE_SK } from './keys.js';
import { auditEventPut, transactWrite, type LabelledItem } from './transact.js';

export interface RecordRef {
  /** The kind of record: 'assignment', 'report', 'meeting', … */
  readonly kind: string;
  readonly id: string;
  /** The revision of a record that keeps revisions (a report's or plan's submission): its files follow that revision's visibility. */
  readonly revision?: number;
}

export interface StoredFile {
  readonly id: string;
  readonly orgId: string;
  readonly status: 'pending' | 'attached';
  readonly ownerId: string;
  readonly name: string;
  readonly type: string;
  readonly size: number;
  readonly sha256: string;
  readonly createdAt: string;
  /** While pending: DynamoDB TTL (epoch seconds), removed when attached. */
  readonly expiresAt?: number;
  readonly record?: RecordRef;
  readonly attachedAt?: string;
  readonly version: number;
}

export class FileRepository {
  constructor(readonly table: TableContext) {}

  pendingItem(file: StoredFile): LabelledItem {
    return {
      label: 'file',
      item: {
        Put: {
          TableName: this.table.tableName,
          Item: { PK: entityPk(file.orgId, file.id), SK: STATE_SK, entity: 'File', ...file },
          ConditionExpression: 'attribute_not_exists(PK)',
        },
      },
    };
  }

  async get(orgId: string, id: string, consistent = false): Promise<StoredFile | undefined> {
    const result = await this.table.doc.send(
      new GetCommand({ TableName: this.table.tableName, Key: { PK: entityPk(orgId, id), SK: STATE_SK }, ConsistentRead: consistent }),
    );
    return result.Item?.entity === 'File' ? parseFile(result.Item) : undefined;
  }

  /** The transaction item that hands a pending file to a record: fails (label 'file') if someone else used it first. */
  attachItem(file: StoredFile, record: RecordRef, at: string): LabelledItem {
    return {
      label: 'file',
      item: {
        Update: {
          TableName: this.table.tableName,
          Key: { PK: entityPk(file.orgId, file.id), SK: STATE_SK },
          UpdateExpression: 'SET #status = :attached, #record = :record, attachedAt = :at, version = version + :one REMOVE expiresAt',
          ConditionExpression: '#status = :pending AND ownerId = :owner',
          ExpressionAttributeNames: { '#status': 'status', '#record': 'record' },
          ExpressionAttributeValues: { ':attached': 'attached', ':pending': 'pending', ':record': record, ':at': at, ':one': 1, ':owner': file.ownerId },
        },
      },
    };
  }

  /** A file the server fetched itself (an e-office URL), kept by a record from the start: written only in the record's transaction. */
  keptItem(file: StoredFile, record: RecordRef, at: string): LabelledItem {
    const { expiresAt: _pending, ...rest } = file;
    return {
      label: 'file',
      item: {
        Put: {
          TableName: this.table.tableName,
          Item: { PK: entityPk(file.orgId, file.id), SK: STATE_SK, entity: 'File', ...rest, status: 'attached', record, attachedAt: at },
          ConditionExpression: 'attribute_not_exists(PK)',
        },
      },
    };
  }

  /** Appends an event (a download) to the file's history. */
  async appendEvent(event: AuditEvent): Promise<void> {
    await transactWrite(this.table, [auditEventPut(this.table.tableName, { ...event })]);
  }
}
