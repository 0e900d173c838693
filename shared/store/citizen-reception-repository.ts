import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { AuditEvent } from '../domain/assignment.js';
import type { ReceptionCase, ReceptionSchedule } from '../domain/citizen-reception.js';
import type { TableContext } from './client.js';
import { parseAuditEvent, parseReceptionCase, parseReceptionSchedule } from './parse-item.js';
import {
  entityPk,
  EVENT_SK_PREFIX,
    RECEPTION_CASE_SK_PREFIX,
  ReceptionCaseItem,
  ReceptionScheduleItem,
  receptionCaseSk,
  receptionScheduleKeys,
  receptionSchedulesPk,
  STATE_SK,
} from './keys.js';
import { queryAll } from './query.js';
import { auditEventPut, transactWrite, statePut, type LabelledItem } from './transact.js';

export interface ScheduleWrite {
  readonly next: ReceptionSchedule;
  readonly event: AuditEvent;
  /** The version the change was computed from; absent when proposing. */
  readonly expectedVersion?: number;
  /** Cases taken at a session, written once each with the change. */
  readonly cases?: readonly ReceptionCase[];
  readonly alsoWrite?: readonly LabelledItem[];
}

/** Citizen reception schedules (C1): one item per month, its cases and its history in one partition. */
export class CitizenReceptionRepository {
  constructor(private readonly table: TableContext) {}

  writeItems(write: ScheduleWrite): LabelledItem[] {
    const { next } = write;
    const tableName = this.table.tableName;
    return [
      statePut(tableName, { ...receptionScheduleKeys(next), entity: 'ReceptionSchedule', ...next }, write.expectedVersion),
      auditEventPut(tableName, { ...write.event }),
      ...(write.cases ?? []).map((c) => ({
        label: 'case',
        item: {
          Put: {
            TableName: tableName,
            Item: { PK: entityPk(next.orgId, next.id), SK: receptionCaseSk(c.n, c.k), entity: 'ReceptionCase', ...c },
            ConditionExpression: 'attribute_not_exists(PK)',
          },
        },
      })),
      ...(write.alsoWrite ?? []),
    ];
  }

  async write(write: ScheduleWrite): Promise<void> {
    await transactWrite(this.table, this.writeItems(write));
  }

  async get(orgId: string, id: string, consistent = false): Promise<ReceptionSchedule | undefined> {
    const result = await this.table.doc.send(
      new GetCommand({ TableName: this.table.tableName, Key: { PK: entityPk(orgId, id), SK: STATE_SK }, ConsistentRead: consistent }),
    );
    return result.Item?.entity === 'ReceptionSchedule' ? parseReceptionSchedule(result.Item) : undefined;
  }

  /** The schedule, its cases and its history: one Query on its partition. */
  async getWithDetails(orgId: string, id: string): Promise<{ schedule: ReceptionSchedule; cases: ReceptionCase[]; history: AuditEvent[] } | undefined> {
    const all = await queryAll(this.table, {
            ...ReceptionScheduleItem.patterns.primary.keyCondition({ orgId, id }),
      ConsistentRead: true,
    });
    let schedule: ReceptionSchedule | undefined;
    const cases: ReceptionCase[] = [];
    const history: AuditEvent[] = [];
    for (const item of all) {
      const sk = String(item.SK);
      if (sk === STATE_SK && item.entity === 'ReceptionSchedule') schedule = parseReceptionSchedule(item);
      else if (sk.startsWith(RECEPTION_CASE_SK_PREFIX)) cases.push(parseReceptionCase(item));
      else if (sk.startsWith(EVENT_SK_PREFIX)) history.push(parseAuditEvent(item));
    }
    return schedule ? { schedule, cases, history } : undefined;
  }

  async cases(orgId: string, id: string): Promise<ReceptionCase[]> {
    const all = await queryAll(this.table, {
            ...ReceptionCaseItem.patterns.primary.keyCondition({ orgId, id }, { beginsWith: RECEPTION_CASE_SK_PREFIX }),
      ConsistentRead: true,
    });
    return all.map(parseReceptionCase);
  }

  /** The schedules of the months from..to (inclusive, YYYY-MM): one Query. */
  async list(orgId: string, fromMonth: string, toMonth: string): Promise<ReceptionSchedule[]> {
    const byMonth = ReceptionScheduleItem.patterns.byMonth;
    const items = await queryAll(this.table, byMonth.keyCondition({ orgId }, { between: [byMonth.sk.build({ month: fromMonth }), byMonth.sk.build({ month: toMonth })] }));
    return items.map(parseReceptionSchedule);
  }
}
