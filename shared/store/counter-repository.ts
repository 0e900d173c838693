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
import { counterFigureOf, countersByFigure, splitWeekAttribute } from '../domain/counter-attributes.js';
import { counterKey, figuresInPeriod, type CounterDifference, type CounterTable } from '../domain/counter-rebuild.js';
import type { TableContext } from './client.js';
import type { BoundPattern } from './access-patterns/declare.js';
import { AssignmentItem, CounterItem, counterPk, counterSkPrefix, FindingItem, MeetingItem, MissionItem, ReportItem } from './keys.js';
import { sharedInRequest, type RequestScope } from './org-version.js';
import { queryAll } from './query.js';
import { failureOf, writeOne } from './transact.js';

/** Differences put right in one UpdateItem: its condition stays well within an expression's 4 KB. */
const CORRECTIONS_PER_UPDATE = 40;

export interface CounterItem {
  readonly periodId: string;
  readonly sk: string;
  /** By figure from `read`; by stored name from `readRaw`, which the rebuild compares. */
  readonly values: Record<string, number>;
  /** The attributes kept beside the figures (`rep_t@…`, `msn_end@…`: counter-rebuild.ts). */
  readonly exact?: Record<string, number>;
}

/** The counter attributes of a stored item, by their stored names. */
function storedCounters(item: Record<string, unknown>, periodId: string): Record<string, number> {
  return Object.fromEntries(Object.entries(item).filter((e): e is [string, number] => typeof e[1] === 'number' && counterFigureOf(e[0], periodId) !== undefined));
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
    return (await this.readRaw(orgId, periodIds, prefixes, scope)).map((item) => {
      const figures = countersByFigure(item.values, item.periodId);
      return {
        ...item,
        values: figuresInPeriod(figures, weekId),
        exact: Object.fromEntries(Object.entries(figures).filter(([figure]) => splitWeekAttribute(figure).weekId === undefined && figure.includes('@'))),
      };
    });
  }

  private async readRaw(orgId: string, periodIds: readonly string[], prefixes: readonly string[], scope?: RequestScope): Promise<CounterItem[]> {
    const pages = await Promise.all(
      periodIds.flatMap((periodId) =>
        prefixes.map((prefix) =>
          sharedInRequest(scope, `counters:${orgId}:${periodId}:${prefix}`, async () => {
            const items = await queryAll(this.table, CounterItem.patterns.primary.keyCondition({ orgId, periodId }, { beginsWith: prefix }));
            return items.map((i) => ({ periodId, sk: String(i.SK), values: storedCounters(i, periodId) }));
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
   * Sets one counter item's attributes to their recomputed values by adding the difference (one
   * that should be 0 is removed: a missing counter is 0, and a figure under its earlier name moves
   * to its short one), on condition that each still holds the value read, so a change committed
   * meanwhile is never overwritten: false when one was (run the rebuild again). The names of one
   * figure change in one update, so its sum is right after each; a long list is sent in parts (an
   * expression holds 4 KB).
   */
  async correct(orgId: string, differences: readonly CounterDifference[]): Promise<boolean> {
    const byFigure = new Map<string, CounterDifference[]>();
    for (const d of differences) byFigure.set(d.figure, [...(byFigure.get(d.figure) ?? []), d]);
    const parts: CounterDifference[][] = [];
    for (const group of byFigure.values()) {
      const last = parts.at(-1);
      if (last && last.length + group.length <= CORRECTIONS_PER_UPDATE) last.push(...group);
      else parts.push([...group]);
    }
    for (const part of parts) if (!(await this.correctPart(orgId, part))) return false;
    return true;
  }

  private async correctPart(orgId: string, differences: readonly CounterDifference[]): Promise<boolean> {
    const [first] = differences;
    if (!first) return true;
    const names: Record<string, string> = {};
    const values: Record<string, number> = {};
    const adds: string[] = [];
    const removes: string[] = [];
    const conditions: string[] = [];
    differences.forEach((d, i) => {
      names[`#a${i}`] = d.attribute;
      if (d.recomputed === 0) removes.push(`#a${i}`);
      else {
        values[`:d${i}`] = d.recomputed - d.stored;
        adds.push(`#a${i} :d${i}`);
      }
      if (d.stored === 0) {
        values[':zero'] = 0;
        conditions.push(`(attribute_not_exists(#a${i}) OR #a${i} = :zero)`);
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
            UpdateExpression: [adds.length ? `ADD ${adds.join(', ')}` : '', removes.length ? `REMOVE ${removes.join(', ')}` : ''].join(' ').trim(),
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

