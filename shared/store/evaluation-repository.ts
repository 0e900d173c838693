/** Evaluations (issue #23, E1–E6); keys in keys.ts (`evaluationKeys`). */
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { AuditEvent } from '../domain/assignment.js';
import type { Evaluation } from '../domain/evaluation.js';
import type { TableContext } from './client.js';
import { EvaluationItem } from './access-patterns/work.js';
import { entityPk, EVENT_SK_PREFIX, evaluationKeys, STATE_SK } from './keys.js';
import { parseAuditEvent, parseEvaluation } from './parse-item.js';
import { auditEventPut, transactWrite, type LabelledItem } from './transact.js';

export class EvaluationRepository {
  constructor(private readonly table: TableContext) {}

  /** The state (new: only if absent; else only at `expectedVersion`) and its audit event. */
  items(next: Evaluation, event: AuditEvent, expectedVersion: number | undefined): LabelledItem[] {
    return [
      {
        label: 'state',
        item: {
          Put: {
            TableName: this.table.tableName,
            Item: { ...evaluationKeys(next), entity: 'Evaluation', ...next },
            ...(expectedVersion === undefined
              ? { ConditionExpression: 'attribute_not_exists(PK)' }
              : { ConditionExpression: 'version = :expected', ExpressionAttributeValues: { ':expected': expectedVersion } }),
          },
        },
      },
      auditEventPut(this.table.tableName, { ...event }),
    ];
  }

  async write(items: readonly LabelledItem[]): Promise<void> {
    await transactWrite(this.table, items);
  }

  async get(orgId: string, id: string): Promise<Evaluation | undefined> {
    const result = await this.table.doc.send(new GetCommand({ TableName: this.table.tableName, Key: { PK: entityPk(orgId, id), SK: STATE_SK }, ConsistentRead: true }));
    return result.Item?.entity === 'Evaluation' ? parseEvaluation(result.Item) : undefined;
  }

  async history(orgId: string, id: string): Promise<AuditEvent[]> {
    const result = await this.table.doc.send(
      new QueryCommand({
        TableName: this.table.tableName,
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :ev)',
        ExpressionAttributeValues: { ':pk': entityPk(orgId, id), ':ev': EVENT_SK_PREFIX },
        ConsistentRead: true,
      }),
    );
    return (result.Items ?? []).map(parseAuditEvent);
  }

  /** A period's evaluations: the department's, or one unit's (a prefix of the sort key). Every page: a department has a few dozen people. */
  async listPeriod(orgId: string, period: string, unitId?: string): Promise<Evaluation[]> {
    const out: Evaluation[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await this.table.doc.send(
        new QueryCommand({
          TableName: this.table.tableName,
          ...EvaluationItem.patterns.byPeriod.keyCondition({ orgId, period }, unitId ? { beginsWith: EvaluationItem.patterns.byPeriod.sk.prefix({ unitId }) } : undefined),
          ExclusiveStartKey: start,
        }),
      );
      out.push(...(page.Items ?? []).filter((i) => i.entity === 'Evaluation').map(parseEvaluation));
      start = page.LastEvaluatedKey;
    } while (start);
    return out;
  }
}
