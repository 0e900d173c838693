import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { AuditEvent } from '../domain/assignment.js';
import type { Mission } from '../domain/mission.js';
import type { TableContext } from './client.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import { entityPk, MissionItem, missionKeys, STATE_SK } from './keys.js';
import { parseMission } from './parse-item.js';
import { queryAll } from './query.js';
import { missionEndDelta, missionMarkerMonths } from '../domain/counter-rebuild.js';
import { auditEventPut, counterChanges, statePut, transactWrite, type LabelledItem } from './transact.js';

/** A mission's markers in the counter items (counter-rebuild.ts): +1 for `mission`, −1 for what it replaces. */
function markerChanges(tableName: string, mission: Mission, previous?: Mission): LabelledItem[] {
  const of = (m: Mission, sign: number) =>
    missionMarkerMonths(m.to).map((monthId) => ({
      scope: { orgId: m.orgId, unitId: m.unitId, staffId: m.staffId, periodIds: [monthId] },
      deltas: { [missionEndDelta(m.to)]: sign },
    }));
  return counterChanges(tableName, [...(previous ? of(previous, -1) : []), ...of(mission, 1)], 'msn');
}


export type MissionScope = { kind: 'staff'; staffId: string } | { kind: 'unit'; unitId: string } | { kind: 'org' };

const partitionOf = (orgId: string, scope: MissionScope) =>
  scope.kind === 'staff'
    ? MissionItem.patterns.byStaff.bind({ orgId, staffId: scope.staffId })
    : scope.kind === 'unit'
      ? MissionItem.patterns.byUnit.bind({ orgId, unitId: scope.unitId })
      : MissionItem.patterns.byOrg.bind({ orgId });

/** Missions (R5's events), found by who went, their unit, or the whole organisation, by end date. */
export class MissionRepository {
  constructor(private readonly table: TableContext) {}

  async create(mission: Mission, event: AuditEvent, alsoWrite: readonly LabelledItem[] = []): Promise<void> {
    await transactWrite(this.table, [
      statePut(this.table.tableName, { ...missionKeys(mission), entity: 'Mission', ...mission }, undefined),
      auditEventPut(this.table.tableName, { ...event }),
      ...markerChanges(this.table.tableName, mission),
      ...alsoWrite,
    ]);
  }

  /** A change (the return recorded), conditional on the version it was computed from; the keys follow the new last day. */
  async update(mission: Mission, previous: Mission, event: AuditEvent): Promise<void> {
    const expectedVersion = previous.version;
    await transactWrite(this.table, [
      statePut(this.table.tableName, { ...missionKeys(mission), entity: 'Mission', ...mission }, expectedVersion),
      auditEventPut(this.table.tableName, { ...event }),
      ...markerChanges(this.table.tableName, mission, previous),
    ]);
  }

  /** Missions of the scope under way at some point of [from, to]: those ending from `from` on (one Query), starting by `to`. */
  async listOverlapping(orgId: string, scope: MissionScope, from: string, to: string): Promise<Mission[]> {
    const ending = await this.listEnding(orgId, scope, from, '9999-12-31');
    return ending.filter((m) => m.from <= to);
  }

  async get(orgId: string, id: string): Promise<Mission | undefined> {
    const result = await this.table.doc.send(
      new GetCommand({ TableName: this.table.tableName, Key: { PK: entityPk(orgId, id), SK: STATE_SK }, ConsistentRead: true }),
    );
    return result.Item?.entity === 'Mission' ? parseMission(result.Item) : undefined;
  }

  /** Every mission of the scope ending within [from, to] (local dates): one Query. */
  async listEnding(orgId: string, scope: MissionScope, from: string, to: string): Promise<Mission[]> {
    const partition = partitionOf(orgId, scope);
    const items = await queryAll(this.table, partition.keyCondition({ between: [partition.sk.start({ to: from }), partition.sk.through({ to })] }));
    return items.map(parseMission);
  }

  async list(orgId: string, scope: MissionScope, range: { from?: string; to?: string }, limit: number, cursor?: string) {
    const partition = partitionOf(orgId, scope);
    // DynamoDB refuses a BETWEEN whose bounds are reversed: nothing ends in such a range.
    if (range.from && range.to && range.from > range.to) return { items: [] as Mission[] };
    const page = await this.table.doc.send(
      new QueryCommand({
        TableName: this.table.tableName,
                ...partition.keyCondition({
          between: [partition.sk.start({ to: range.from ?? '0000-00-00' }), partition.sk.through({ to: range.to ?? '9999-12-31' })],
        }),
        Limit: limit,
        ExclusiveStartKey: decodeCursor(cursor, partition.partition),
      }),
    );
    const items = (page.Items ?? []).map(parseMission);
    return page.LastEvaluatedKey ? { items, nextCursor: encodeCursor(page.LastEvaluatedKey) } : { items };
  }
}
