/**
 * The dashboard counters recomputed from the records (issue #8.5), pure. Each record counts
 * exactly as its writer counts it in the transaction that changes it (assignment-repository,
 * report-repository, meeting-repository, finding-repository), so a stored counter that differs
 * from this is a counter out of step with its records.
 */
import { counterFigureOf, splitWeekAttribute, storedCounterName, weekAttribute } from './counter-attributes.js';
import { isOpen, type Assignment, type AssignmentCounts } from './assignment.js';
import { findingCounterPeriods, type Finding } from './finding.js';
import { addDays, toLocalDate, type LocalDate } from './local-time.js';
import type { Meeting } from './meeting.js';
import type { Mission } from './mission.js';
import { periodContaining, periodsOverlapping } from './periods.js';
import type { Report } from './report.js';

export interface CounterRecords {
  readonly assignments: readonly Assignment[];
  readonly reports: readonly Pick<Report, 'staffId' | 'unitId' | 'dueAt' | 'onTime'>[];
  readonly meetings: readonly Pick<Meeting, 'unitId' | 'chairId' | 'heldOn' | 'conclusions'>[];
  readonly findings: readonly Pick<Finding, 'unitId' | 'subjectId' | 'rule' | 'detectedAt' | 'resolvedAt'>[];
  /** Missions mark the months of their R5 reports (missionMarkerMonths); absent: none. */
  readonly missions?: readonly Pick<Mission, 'unitId' | 'staffId' | 'to'>[];
}

/** `<periodId>|<SK>` → attribute → value. */
export type CounterTable = Map<string, Map<string, number>>;

export const counterKey = (periodId: string, sk: string) => `${periodId}|${sk}`;
export function splitCounterKey(key: string): { periodId: string; sk: string } {
  const bar = key.indexOf('|');
  return { periodId: key.slice(0, bar), sk: key.slice(bar + 1) };
}

// The layout (issue #20 item 5): one counter item per counted person and month, in the month's
// partition (`ORG#<org>#CNT#<YYYY-MM>` / `UNIT#<u>#STAFF#<s>`), so a change writes one counter
// item. Each figure is kept per ISO week, for the days of the week that fall in the month
// (`asg_assigned@2026-W49`): a month is the sum of its item's attributes, a week the sum of its
// attribute over the one or two months it touches, a quarter, half or year the sum of its months,
// and a unit or the department the sum of its people.

/** The item a change goes to, from the week, month and year ids a writer counts it in (periodsOf): its month, and the week for its attributes. */
export function counterCellOfPeriods(periodIds: readonly string[]): { monthId: string; weekId: string } {
  const monthId = periodIds.find((id) => /^\d{4}-\d{2}$/.test(id));
  const weekId = periodIds.find((id) => /^\d{4}-W\d{2}$/.test(id));
  if (!monthId || !weekId) throw new RangeError(`A counted change needs its week and month: ${periodIds.join(', ')}`);
  return { monthId, weekId };
}

// Beside the figures, two kinds of attribute carry what a view of a period still running needs
// without reading the records (issue #20, item 2); neither has a week, so figuresInPeriod leaves
// them out of the figures:
// - `rep_t@<due instant, seconds in base 36>`: reports and plans first submitted on time, by their
//   due instant, in the item of the due date (those "submitted ahead" of a deadline not passed yet;
//   one submitted late never is: it came after its deadline, so before no view's now);
// - `msn_end@<YYYY-MM-DD>`: missions by their last day, in the items of the months of
//   missionMarkerMonths (the R5 reports a mission raises, worked out from the rulebook when read).

/** A delta name written as it is (no week appended): it already names what it counts. */
export const isExactDelta = (name: string) => name.includes('@');

export const reportDueDelta = (dueAt: string | Date) => `t@${Math.floor(new Date(dueAt).getTime() / 1000).toString(36)}`;
export const missionEndDelta = (to: LocalDate) => `end@${to}`;

/** `rep_t@…` → the due instant, in whole seconds since the epoch; undefined for any other attribute. */
export function reportDueOf(attribute: string): number | undefined {
  if (!attribute.startsWith('rep_t@')) return undefined;
  const seconds = parseInt(attribute.slice(6), 36);
  return Number.isSafeInteger(seconds) ? seconds : undefined;
}

/** `msn_end@2026-11-20` → the mission's last day; undefined for any other attribute. */
export function missionEndOf(attribute: string): LocalDate | undefined {
  const m = /^msn_end@(\d{4}-\d{2}-\d{2})$/.exec(attribute);
  return m?.[1] as LocalDate | undefined;
}

/**
 * The months whose counter items carry a mission's marker: those of its last day and the 62 days
 * after it, where the R5 report it raises falls due (a few working days after the return). A
 * view finds the missions whose report can fall due in its period in its own months' items, as
 * the Query of missions ending in the period's window did.
 */
export function missionMarkerMonths(to: LocalDate): string[] {
  return periodsOverlapping('month', { start: to, end: addDays(to, 62) }).map((p) => p.id);
}

/**
 * One counter item's figures: all its weeks' shares (its month's figures, as part of a month,
 * quarter, half or year), or one week's share when a week is given.
 */
export function figuresInPeriod(values: Readonly<Record<string, number>>, weekId?: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [attribute, value] of Object.entries(values)) {
    const split = splitWeekAttribute(attribute);
    if (split.weekId === undefined || (weekId !== undefined && split.weekId !== weekId)) continue;
    out[split.figure] = (out[split.figure] ?? 0) + value;
  }
  return out;
}

const periodsOf = (date: string) => (['week', 'month', 'year'] as const).map((k) => periodContaining(k, date).id);

const COMPLETION: Record<NonNullable<Assignment['completion']>, keyof AssignmentCounts> = {
  'on-time': 'completedOnTime',
  'on-time-after-extension': 'completedAfterExtension',
  late: 'completedLate',
};

export function countersFromRecords(records: CounterRecords, timeZone: string): CounterTable {
  const table: CounterTable = new Map();
  const addTo = (monthId: string, weekId: string | undefined, unitId: string, staffId: string, prefix: string, deltas: Record<string, number>) => {
    const key = counterKey(monthId, `UNIT#${unitId}#STAFF#${staffId}`);
    const item = table.get(key) ?? new Map<string, number>();
    table.set(key, item);
    for (const [name, v] of Object.entries(deltas)) {
      const attribute = isExactDelta(name) ? `${prefix}_${name}` : weekAttribute(`${prefix}_${name}`, weekId!);
      item.set(attribute, (item.get(attribute) ?? 0) + v);
    }
  };
  const add = (periodIds: readonly string[], unitId: string, staffId: string, prefix: string, deltas: Record<string, number>) => {
    const { monthId, weekId } = counterCellOfPeriods(periodIds);
    addTo(monthId, weekId, unitId, staffId, prefix, deltas);
  };
  for (const a of records.assignments) {
    const deltas: Record<string, number> = { assigned: 1 };
    if (isOpen(a)) deltas.open = 1;
    else if (a.status === 'cancelled') deltas.cancelled = 1;
    else if (a.completion) deltas[COMPLETION[a.completion]] = 1;
    add(periodsOf(a.originalDueDate), a.unitId, a.responsibleId, 'asg', deltas);
  }
  for (const r of records.reports) {
    add(periodsOf(toLocalDate(new Date(r.dueAt), timeZone)), r.unitId, r.staffId, 'rep', {
      ...(r.onTime ? { submitted: 1, onTime: 1, [reportDueDelta(r.dueAt)]: 1 } : { submitted: 1, late: 1 }),
    });
  }
  for (const m of records.meetings) {
    const conclusions: Record<string, number> = m.conclusions ? { withConclusions: 1, [m.conclusions.onTime ? 'conclusionsOnTime' : 'conclusionsLate']: 1 } : {};
    add(periodsOf(m.heldOn), m.unitId, m.chairId, 'mtg', { held: 1, ...conclusions });
  }
  for (const f of records.findings) {
    const resolved: Record<string, number> = f.resolvedAt ? { resolved: 1, [`resolved_${f.rule}`]: 1 } : {};
    add(findingCounterPeriods(f.detectedAt, timeZone), f.unitId, f.subjectId, 'fnd', { detected: 1, [`detected_${f.rule}`]: 1, ...resolved });
  }
  for (const m of records.missions ?? []) {
    for (const monthId of missionMarkerMonths(m.to)) addTo(monthId, undefined, m.unitId, m.staffId, 'msn', { [missionEndDelta(m.to)]: 1 });
  }
  return table;
}

export interface CounterDifference {
  readonly periodId: string;
  readonly sk: string;
  /** The attribute as stored (counter-attributes.ts). */
  readonly attribute: string;
  /** The figure it holds (`asg_open@2026-W48`). */
  readonly figure: string;
  readonly stored: number;
  readonly recomputed: number;
}

/**
 * Every stored counter attribute whose value differs from the recomputed one (`recomputed` by
 * figure, `stored` by attribute as stored); a missing attribute or item counts as 0. A figure is
 * wanted under the name it is written under now, so one still under its earlier name differs (to
 * be moved). Other attributes of a counter item are not the dashboard's.
 */
export function counterDifferences(recomputed: CounterTable, stored: CounterTable): CounterDifference[] {
  const out: CounterDifference[] = [];
  for (const key of [...new Set([...recomputed.keys(), ...stored.keys()])].sort()) {
    const { periodId, sk } = splitCounterKey(key);
    const want = new Map([...(recomputed.get(key) ?? [])].map(([figure, value]) => [storedCounterName(figure, periodId), value]));
    const have = stored.get(key) ?? new Map<string, number>();
    for (const attribute of [...new Set([...want.keys(), ...have.keys()])].sort()) {
      const figure = counterFigureOf(attribute, periodId);
      const r = want.get(attribute) ?? 0;
      const s = have.get(attribute) ?? 0;
      if (figure && r !== s) out.push({ periodId, sk, attribute, figure, stored: s, recomputed: r });
    }
  }
  return out;
}

/** A figure of a counter item that differs from the records, over every name it is stored under. */
export interface FigureDifference {
  readonly periodId: string;
  readonly sk: string;
  readonly figure: string;
  /** Its value: the sum over the names it is stored under (counter-attributes.ts). */
  readonly stored: number;
  readonly recomputed: number;
  /** The names it holds a value under now. */
  readonly storedUnder: readonly string[];
  /** The name the rebuild leaves it under. */
  readonly writtenUnder: string;
}

/**
 * counterDifferences by figure, for a person to read: a figure still under its earlier name
 * differs under both names though its value may be right, and is one entry here, with `stored`
 * equal to `recomputed` when it only moves.
 */
export function figureDifferences(differences: readonly CounterDifference[], recomputed: CounterTable, stored: CounterTable): FigureDifference[] {
  const seen = new Set<string>();
  const out: FigureDifference[] = [];
  for (const d of differences) {
    const key = counterKey(d.periodId, d.sk);
    if (seen.has(`${key}|${d.figure}`)) continue;
    seen.add(`${key}|${d.figure}`);
    const names = [...(stored.get(key) ?? [])].filter(([attribute, value]) => value !== 0 && counterFigureOf(attribute, d.periodId) === d.figure);
    out.push({
      periodId: d.periodId,
      sk: d.sk,
      figure: d.figure,
      stored: names.reduce((sum, [, value]) => sum + value, 0),
      recomputed: recomputed.get(key)?.get(d.figure) ?? 0,
      storedUnder: names.map(([attribute]) => attribute),
      writtenUnder: storedCounterName(d.figure, d.periodId),
    });
  }
  return out;
}
