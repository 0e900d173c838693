/** Overtime and weekend-work notices (W1); keys in keys.ts (`overtimeKeys`). */
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { AuditEvent } from '../domain/assignment.js';
import type { OvertimeNotice } from '../domain/overtime.js';
import type { TableContext } from './client.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import { parseAuditEvent, parseOvertimeNotice } from './parse-item.js';
import { AuditEventItem, entityPk, EVENT_SK_PREFIX, overtimeKeys, OvertimeItem, STATE_SK } from './keys.js';
import { auditEventPut, transactWrite, statePut, type LabelledItem } from './transact.js';

export type OvertimeIndex =
  | { kind: 'staff'; staffId: string }
  | { kind: 'unit'; unitId: string }
  | { kind: 'month'; month: string };

export class OvertimeRepository {
  constructor(private readonly table: TableContext) {}

  items(next: OvertimeNotice, event: AuditEvent, expectedVersion?: number): LabelledItem[] {
    return [
      statePut(this.table.tableName, { ...overtimeKeys(next), entity: 'OvertimeNotice', ...next }, expectedVersion),
      auditEventPut(this.table.tableName, { ...event }),
    ];
  }

  async write(items: readonly LabelledItem[]): Promise<void> {
    await transactWrite(this.table, items);
  }

  async get(orgId: string, id: string): Promise<OvertimeNotice | undefined> {
    const result = await this.table.doc.send(
      new GetCommand({ TableName: this.table.tableName, Key: { PK: entityPk(orgId, id), SK: STATE_SK }, ConsistentRead: true }),
    );
    return result.Item?.entity === 'OvertimeNotice' ? parseOvertimeNotice(result.Item) : undefined;
  }

  /** The notice's history, oldest first (a notice has a handful of events). */
  async history(orgId: string, id: string): Promise<AuditEvent[]> {
    const result = await this.table.doc.send(
      new QueryCommand({
        TableName: this.table.tableName,
        ...AuditEventItem.patterns.primary.keyCondition({ orgId, entityId: id }, { beginsWith: EVENT_SK_PREFIX }),
        ConsistentRead: true,
      }),
    );
    return (result.Items ?? []).map(parseAuditEvent);
  }

  /** Notices dated within [from, to] (inclusive) on one index partition, by date. */
  async list(orgId: string, index: OvertimeIndex, from: string, to: string, limit: number, cursor?: string) {
    const partition =
      index.kind === 'staff'
        ? OvertimeItem.patterns.byStaff.bind({ orgId, staffId: index.staffId })
        : index.kind === 'unit'
          ? OvertimeItem.patterns.byUnit.bind({ orgId, unitId: index.unitId })
          : OvertimeItem.patterns.byMonth.bind({ orgId, month: index.month });
    const page = await this.table.doc.send(
      new QueryCommand({
        TableName: this.table.tableName,
                ...partition.keyCondition({ between: [partition.sk.start({ date: from }), partition.sk.through({ date: to })] }),
        Limit: limit,
        ExclusiveStartKey: decodeCursor(cursor, partition.partition),
      }),
    );
    const items = (page.Items ?? []).filter((i) => i.entity === 'OvertimeNotice').map(parseOvertimeNotice);
    return page.LastEvaluatedKey ? { items, nextCursor: encodeCursor(page.LastEvaluatedKey) } : { items };
  }
}
