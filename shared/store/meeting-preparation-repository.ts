import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { AuditEvent } from '../domain/assignment.js';
import type { MeetingPreparation } from '../domain/meeting-preparation.js';
import type { TableContext } from './client.js';
import { AuditEventItem, entityPk, EVENT_SK_PREFIX, STATE_SK } from './keys.js';
import { parseAuditEvent, parseMeetingPreparation } from './parse-item.js';
import { getAll, queryAll } from './query.js';
import { auditEventPut, statePut, transactWrite, type LabelledItem } from './transact.js';

/**
 * The Office's preparation of a meeting (M6): one state item per occurrence under its
 * deterministic id `mprep.<obligationId>.<occurrence>`, its audit events in the same partition.
 * Every read is a GetItem (the sweep knows the occurrences it judges); no index.
 */
export class MeetingPreparationRepository {
  constructor(private readonly table: TableContext) {}

  async get(orgId: string, id: string): Promise<MeetingPreparation | undefined> {
    const r = await this.table.doc.send(new GetCommand({ TableName: this.table.tableName, Key: { PK: entityPk(orgId, id), SK: STATE_SK }, ConsistentRead: true }));
    return r.Item?.entity === 'MeetingPreparation' ? parseMeetingPreparation(r.Item) : undefined;
  }

  /** Several by id (BatchGetItem, 100 at a time); missing ones are absent. */
  async getMany(orgId: string, ids: readonly string[]): Promise<Map<string, MeetingPreparation>> {
    const items = await getAll(this.table, [...new Set(ids)].map((id) => ({ PK: entityPk(orgId, id), SK: STATE_SK })), true);
    return new Map(items.filter((item) => item.entity === 'MeetingPreparation').map((item) => [String(item.id), parseMeetingPreparation(item)]));
  }

  async history(orgId: string, id: string): Promise<AuditEvent[]> {
    const items = await queryAll(this.table, {
            ...AuditEventItem.patterns.primary.keyCondition({ orgId, entityId: id }, { beginsWith: EVENT_SK_PREFIX }),
      ConsistentRead: true,
    });
    return items.map(parseAuditEvent);
  }

  /** Writes the new state and its audit event (and the files it keeps), conditional on the version it was computed from (none: absent). */
  async save(next: MeetingPreparation, event: AuditEvent, alsoWrite: readonly LabelledItem[] = []): Promise<void> {
    const expected = next.version - 1;
    await transactWrite(this.table, [
      statePut(this.table.tableName, { PK: entityPk(next.orgId, next.id), SK: STATE_SK, entity: 'MeetingPreparation', ...next }, expected === 0 ? undefined : expected),
      auditEventPut(this.table.tableName, { ...event }),
      ...alsoWrite,
    ]);
  }
}
