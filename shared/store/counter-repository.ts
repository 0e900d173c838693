/**
 * The dashboard counters (`ORG#<org>#CNT#<YYYY-MM>` / `UNIT#<u>#STAFF#<s>`, layout in
 * shared/domain/counter-rebuild.ts) read
 * for the dashboard, and the record reads and counter corrections of `npm run counters:rebuild`.
 * Every read is a Query of one partition or index range; nothing scans the table.
 */
import { parseAssignment, parseFinding, parseMeeting, parseMission, parseReport } from './parse-item.js';
import type { Assignment } from '../domain/assignment.js';
import type { Finding } from '../domain/finding.js';
import type { Meeting } from '../domain/meeting.js';
import type { Mission } from '../domain/mission.js';
import type { Report } from '../domain/report.js';
import { counterKey, figuresInPeriod, isDashboardCounter, splitWeekAttribute, type CounterDifference, type CounterTable } from '../domain/counter-rebuild.js';
import type { TableContext } from './client.js';
import type { BoundPattern } from './access-patterns/declare.js';
import { AssignmentItem, CounterItem, counterPk, counterSkPrefix, FindingItem, MeetingItem, MissionItem, ReportItem } from './keys.js';
import { sharedInRequest, type RequestScope } from './org-version.js';
import { queryAll } from './query.js';
import { failureOf, writeOne } from './transact.js';

export interface CounterItem {
  readonly periodId: string;
  readonly sk: string;
  readonly values: Record<string, number>;
  /** The attributes kept beside the figures (`rep_t@…`, `msn_end@…`: counter-rebuild.ts), as stored. */
  readonly exact?: Record<string, number>;
}

function countersOf(item: Record<string, unknown>): Record<string, number> {
  return Object.fromEntries(Object.entries(item).filter((e): e is [string, number] => isDashboardCounter(e[0]) && typeof e[1] === 'number'));
}

export class CounterRepository {
  constructor(private readonly table: TableContext) {}

  /**
   * The counter items holding a period's figures (its months: counterPartitionsOf) whose sort key
   * begins with one of the prefixes (`UNIT#` for the whole department, `UNIT#<u>#STAFF#` for a
   * unit's people, `UNIT#<u>#STAFF#<s>` for one person): one Query per month and prefix, cost
   * following the items read. Each item's values are its figures in the month, or only in the week
   * when one is given (figuresInPeriod). Within one request (`scope`), a partition and prefix under
   * way is read once: a page's figures and its trend share the month they both show.
   */
  async read(orgId: string, periodIds: readonly string[], prefixes: readonly string[], weekId?: string, scope?: RequestScope): Promise<CounterItem[]> {
    return (await this.readRaw(orgId, periodIds, prefixes, scope)).map((item) => ({
      ...item,
      values: figuresInPeriod(item.values, weekId),
      exact: Object.fromEntries(Object.entries(item.values).filter(([attribute]) => splitWeekAttribute(attribute).weekId === undefined && attribute.includes('@'))),
    }));
  }

  private async readRaw(orgId: string, periodIds: readonly string[], prefixes: readonly string[], scope?: RequestScope): Promise<CounterItem[]> {
    const pages = await Promise.all(
      periodIds.flatMap((periodId) =>
        prefixes.map((prefix) =>
          sharedInRequest(scope, `counters:${orgId}:${periodId}:${prefix}`, async () => {
            const items = await queryAll(this.table, CounterItem.patterns.primary.keyCondition({ orgId, periodId }, { beginsWith: prefix }));
            return items.map((i) => ({ periodId, sk: String(i.SK), values: countersOf(i) }));
          }),
        ),
      ),
    );
    return pages.flat();
  }

  /** Every counter item of the partitions, attribute by attribute, as a table keyed like the recomputed one. */
  async readTable(orgId: string, periodIds: readonly string[]): Promise<CounterTable> {
    const table: CounterTable = new Map();
    for (let i = 0; i < periodIds.length; i += 16) {
      for (const item of await this.readRaw(orgId, periodIds.slice(i, i + 16), [counterSkPrefix({})])) {
        table.set(counterKey(item.periodId, item.sk), new Map(Object.entries(item.values)));
      }
    }
    return table;
  }

  // Records, for the rebuild: each kind from its org-wide index, every partition to its end.

  async allAssignments(orgId: string): Promise<Assignment[]> {
    const parts = await Promise.all(['open', 'closed'].map((state) => this.all(AssignmentItem.patterns.byState.bind({ orgId, state }))));
    return parts.flat().map(parseAssignment);
  }

  async allReports(orgId: string): Promise<Report[]> {
    const parts = await Promise.all((['REP', 'PLAN'] as const).map((family) => this.all(ReportItem.patterns.byFamily.bind({ orgId, family }))));
    return parts.flat().map(parseReport);
  }

  async allMeetings(orgId: string): Promise<Meeting[]> {
    return (await this.all(MeetingItem.patterns.byDate.bind({ orgId }))).map(parseMeeting);
  }

  async allMissions(orgId: string): Promise<Mission[]> {
    return (await this.all(MissionItem.patterns.byOrg.bind({ orgId }))).map(parseMission);
  }

  async allFindings(orgId: string): Promise<Finding[]> {
    const parts = await Promise.all(['open', 'resolved'].map((state) => this.all(FindingItem.patterns.byState.bind({ orgId, state }))));
    return parts.flat().map(parseFinding);
  }

    private all(partition: BoundPattern<string>) {
    return queryAll(this.table, partition.keyCondition());
  }

  /**
   * Sets one counter item's attributes to their recomputed values by adding the difference, on
   * condition that each still holds the value read, so a change committed meanwhile is never
   * overwritten: false when one was (run the rebuild again).
   */
  async correct(orgId: string, differences: readonly CounterDifference[]): Promise<boolean> {
    const [first] = differences;
    if (!first) return true;
    const names: Record<string, string> = {};
    const values: Record<string, number> = {};
    const adds: string[] = [];
    const conditions: string[] = [];
    differences.forEach((d, i) => {
      names[`#a${i}`] = d.attribute;
      values[`:d${i}`] = d.recomputed - d.stored;
      adds.push(`#a${i} :d${i}`);
      if (d.stored === 0) {
        values[`:z${i}`] = 0;
        conditions.push(`(attribute_not_exists(#a${i}) OR #a${i} = :z${i})`);
      } else {
        values[`:s${i}`] = d.stored;
        conditions.push(`#a${i} = :s${i}`);
      }
    });
    try {
      await writeOne(this.table, {
        label: 'state',
        item: {
          Update: {
            TableName: this.table.tableName,
            Key: { PK: counterPk(orgId, first.periodId), SK: first.sk },
            UpdateExpression: `ADD ${adds.join(', ')}`,
            ConditionExpression: conditions.join(' AND '),
            ExpressionAttributeNames: names,
            ExpressionAttributeValues: values,
          },
        },
      });
      return true;
    } catch (error) {
      // The item moved since it was read: the rebuild reads it again.
      if (failureOf(error)?.outcome === 'stale') return false;
      throw error;
    }
  }
}

