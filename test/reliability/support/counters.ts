/**
 * Rebuilds the assignment counters of a unit from its records and reads the stored ones, so a
 * test can prove the two agree (DESIGN.md: "each counter can be rebuilt from the records").
 */
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { TableContext } from '../../../shared/store/client.js';
import { counterPeriodsOf } from '../../../shared/store/assignment-repository.js';
import { countersByFigure, splitWeekAttribute } from '../../../shared/domain/counter-attributes.js';
import { counterCellOfPeriods } from '../../../shared/domain/counter-rebuild.js';
import { counterPartitionsOf } from '../../../shared/domain/dashboard.js';
import { parsePeriod } from '../../../shared/domain/periods.js';
import { counterPk, personCounterSk } from '../../../shared/store/keys.js';
import { queryAll } from '../../../shared/store/query.js';

export type Counts = Record<string, number>;
/** `<month> <counter item SK>` → counters (asg_* without the prefix, `<figure>@<week>`, zeros left out). */
export type CounterTable = Record<string, Counts>;

const COMPLETION: Record<string, string> = { 'on-time': 'completedOnTime', 'on-time-after-extension': 'completedAfterExtension', late: 'completedLate' };

interface AssignmentRecord {
  status: string;
  completion?: string;
  originalDueDate: string;
  unitId: string;
  responsibleId: string;
}

/** What one assignment contributes to its unit's and person's counters, in each period of its original due date. */
export function countsOf(a: AssignmentRecord): Counts {
  const open = a.status === 'assigned' || a.status === 'in-progress';
  return {
    assigned: 1,
    ...(open ? { open: 1 } : {}),
    ...(a.status === 'completed' && a.completion ? { [COMPLETION[a.completion]!]: 1 } : {}),
    ...(a.status === 'cancelled' ? { cancelled: 1 } : {}),
  };
}

const add = (into: Counts, more: Counts) => {
  for (const [k, v] of Object.entries(more)) into[k] = (into[k] ?? 0) + v;
};

/** The unit's assignments, open and closed (GSI2), recounted per period of the original due date. */
export async function recount(table: TableContext, orgId: string, unitId: string): Promise<{ counters: CounterTable; assignments: number }> {
  const items = (await queryAll(table, {
    IndexName: 'GSI2',
    KeyConditionExpression: 'GSI2PK = :pk',
    ExpressionAttributeValues: { ':pk': `ORG#${orgId}#UNIT#${unitId}#ASG` },
  })) as unknown as AssignmentRecord[];
  const counters: CounterTable = {};
  for (const a of items) {
    // One item per person and month, each figure by ISO week (shared/domain/counter-rebuild.ts).
    const { monthId, weekId } = counterCellOfPeriods(counterPeriodsOf(a.originalDueDate));
    const counts = Object.fromEntries(Object.entries(countsOf(a)).map(([k, v]) => [`${k}@${weekId}`, v]));
    add((counters[`${monthId} ${personCounterSk(a.unitId, a.responsibleId)}`] ??= {}), counts);
  }
  return { counters, assignments: items.length };
}

/** The stored counter items of the unit's people in the months of the given periods, by figure: asg_* only, zeros left out. */
export async function storedCounters(table: TableContext, orgId: string, unitId: string, periodIds: readonly string[]): Promise<CounterTable> {
  const out: CounterTable = {};
  const months = [...new Set(periodIds.flatMap((id) => counterPartitionsOf(parsePeriod(id)!)))];
  for (const monthId of months) {
    const page = await table.doc.send(
      new QueryCommand({
        TableName: table.tableName,
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :sk)',
        ExpressionAttributeValues: { ':pk': counterPk(orgId, monthId), ':sk': `UNIT#${unitId}#STAFF#` },
        ConsistentRead: true,
      }),
    );
    for (const item of page.Items ?? []) {
      const counts = Object.fromEntries(
        Object.entries(countersByFigure(item, monthId))
          .filter(([k, v]) => k.startsWith('asg_') && splitWeekAttribute(k).weekId !== undefined && v !== 0)
          .map(([k, v]) => [k.slice(4), Number(v)]),
      );
      if (Object.keys(counts).length) out[`${monthId} ${String(item.SK)}`] = counts;
    }
  }
  return out;
}
