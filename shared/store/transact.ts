import { TransactWriteCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import type { TableContext } from './client.js';
import { counterPk, entityPk, eventSk, personCounterSk, unitCounterSk } from './keys.js';

export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** One item of a transaction, named so a failed condition can say which part failed. */
export interface LabelledItem {
  readonly label: string;
  readonly item: TransactItem;
}

/** A condition of the transaction failed: `label` names the item (e.g. 'state', 'idempotency'). */
export class ConditionFailed extends Error {
  constructor(readonly label: string) {
    super(`Condition failed on ${label}`);
    this.name = 'ConditionFailed';
  }
}

/** Another transaction touched the same items at the same time; safe to retry. */
export class TransactionConflict extends Error {
  constructor() {
    super('Transaction conflict');
    this.name = 'TransactionConflict';
  }
}

export async function transactWrite(table: TableContext, items: readonly LabelledItem[]): Promise<void> {
  try {
    await table.doc.send(
      new TransactWriteCommand({ TransactItems: items.map((i) => i.item), ReturnConsumedCapacity: 'TOTAL' }),
    );
  } catch (error) {
    const e = error as { name?: string; CancellationReasons?: { Code?: string }[] };
    if (e.name === 'TransactionCanceledException') {
      const reasons = e.CancellationReasons ?? [];
      const failed = reasons.findIndex((r) => r.Code === 'ConditionalCheckFailed');
      if (failed >= 0) throw new ConditionFailed(items[failed]?.label ?? 'unknown');
      if (reasons.some((r) => r.Code === 'TransactionConflict')) throw new TransactionConflict();
    }
    if (e.name === 'TransactionConflictException') throw new TransactionConflict();
    throw error;
  }
}

/** The audit event of a change. Written only if absent: nothing can overwrite history. */
export function auditEventPut(
  tableName: string,
  event: { orgId: string; entityId: string; version: number; id: string } & Record<string, unknown>,
): LabelledItem {
  return {
    label: 'audit',
    item: {
      Put: {
        TableName: tableName,
        Item: { PK: entityPk(event.orgId, event.entityId), SK: eventSk(event.version, event.id), entity: 'AuditEvent', ...event },
        ConditionExpression: 'attribute_not_exists(PK)',
      },
    },
  };
}

/** ADD the deltas to a unit's and a person's counters for each period (week, month, year). */
export function counterUpdates(
  tableName: string,
  scope: { orgId: string; unitId: string; staffId: string; periodIds: readonly string[] },
  deltas: Readonly<Record<string, number | undefined>>,
  prefix: string,
): LabelledItem[] {
  const entries = Object.entries(deltas).filter((e): e is [string, number] => typeof e[1] === 'number' && e[1] !== 0);
  if (entries.length === 0) return [];
  const names = Object.fromEntries(entries.map(([k], i) => [`#c${i}`, `${prefix}_${k}`]));
  const values = Object.fromEntries(entries.map(([, v], i) => [`:c${i}`, v]));
  const expression = `ADD ${entries.map((_, i) => `#c${i} :c${i}`).join(', ')}`;
  return scope.periodIds.flatMap((periodId) =>
    [unitCounterSk(scope.unitId), personCounterSk(scope.unitId, scope.staffId)].map((SK) => ({
      label: 'counter',
      item: {
        Update: {
          TableName: tableName,
          Key: { PK: counterPk(scope.orgId, periodId), SK },
          UpdateExpression: expression,
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
        },
      },
    })),
  );
}
