import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { AuditEvent } from '../domain/assignment.js';
import type { Visit, VisitPreparationRecord } from '../domain/delegation-visit.js';
import type { TableContext } from './client.js';
import { parseAuditEvent, parseVisit, parseVisitPreparation } from './parse-item.js';
import { entityPk, EVENT_SK_PREFIX, STATE_SK, VISIT_PREPARATION_SK_PREFIX, VisitItem, visitKeys, VisitPreparationItem, visitPreparationSk } from './keys.js';
import { queryAll } from './query.js';
import { auditEventPut, transactWrite, type LabelledItem } from './transact.js';

/** Delegation visits (Điều 17): the visit, its preparations and its history in one partition; GSI1 by first day. */
export class VisitRepository {
  constructor(private readonly table: TableContext) {}

  async create(visit: Visit, event: AuditEvent, preparations: readonly VisitPreparationRecord[], alsoWrite: readonly LabelledItem[] = []): Promise<void> {
    const tableName = this.table.tableName;
    await transactWrite(this.table, [
      {
        label: 'state',
        item: { Put: { TableName: tableName, Item: { ...visitKeys(visit), entity: 'Visit', ...visit }, ConditionExpression: 'attribute_not_exists(PK)' } },
      },
      auditEventPut(tableName, { ...event }),
      ...preparations.map((p) => ({
        label: 'preparation',
        item: {
          Put: {
            TableName: tableName,
            Item: { PK: entityPk(visit.orgId, visit.id), SK: visitPreparationSk(p.n), entity: 'VisitPreparation', ...p },
            ConditionExpression: 'attribute_not_exists(PK)',
          },
        },
      })),
      ...alsoWrite,
    ]);
  }

  async get(orgId: string, id: string): Promise<Visit | undefined> {
    const result = await this.table.doc.send(
      new GetCommand({ TableName: this.table.tableName, Key: { PK: entityPk(orgId, id), SK: STATE_SK }, ConsistentRead: true }),
    );
    return result.Item?.entity === 'Visit' ? parseVisit(result.Item) : undefined;
  }

  async getWithDetails(orgId: string, id: string): Promise<{ visit: Visit; preparations: VisitPreparationRecord[]; history: AuditEvent[] } | undefined> {
    const all = await queryAll(this.table, {
            ...VisitItem.patterns.primary.keyCondition({ orgId, id }),
      ConsistentRead: true,
    });
    let visit: Visit | undefined;
    const preparations: VisitPreparationRecord[] = [];
    const history: AuditEvent[] = [];
    for (const item of all) {
      const sk = String(item.SK);
      if (sk === STATE_SK && item.entity === 'Visit') visit = parseVisit(item);
      else if (sk.startsWith(VISIT_PREPARATION_SK_PREFIX)) preparations.push(parseVisitPreparation(item));
      else if (sk.startsWith(EVENT_SK_PREFIX)) history.push(parseAuditEvent(item));
    }
    return visit ? { visit, preparations: preparations.sort((a, b) => a.n - b.n), history } : undefined;
  }

  async preparations(orgId: string, id: string): Promise<VisitPreparationRecord[]> {
    const all = await queryAll(this.table, {
            ...VisitPreparationItem.patterns.primary.keyCondition({ orgId, id }, { beginsWith: VISIT_PREPARATION_SK_PREFIX }),
      ConsistentRead: true,
    });
    return all.map(parseVisitPreparation).sort((a, b) => a.n - b.n);
  }

  /** Visits whose first day is within [from, to] (inclusive local dates): one Query. */
  async startingBetween(orgId: string, from: string, to: string): Promise<Visit[]> {
    const items = await queryAll(this.table, {
            ...VisitItem.patterns.byFirstDay.keyCondition(
        { orgId },
        { between: [VisitItem.patterns.byFirstDay.sk.start({ from }), VisitItem.patterns.byFirstDay.sk.through({ from: to })] },
      ),
    });
    return items.map(parseVisit);
  }
}
