/**
 * The accountability dashboard (issue #8), pure: a period's counters summed per unit and person,
 * open work split by where it stands now, and the reports due from the rulebook. Each figure is
 * a count of records that the records list shows one by one (E1, Điều 24).
 *
 * Counters (shared/store/transact.ts) are kept per week, month and year; a quarter or a half is
 * the sum of its months. Assignments count in the period of their ORIGINAL due date, reports in
 * that of their due date, meetings in that of heldOn, findings in that of their detection.
 */
import type { Rulebook } from '../rulebook/schema.js';
import { timelinessAt, type Assignment, type DueRules } from './assignment.js';
import type { Authority } from './authority.js';
import type { WorkingCalendar } from './calendar.js';
import { eventObligations, periodicObligations, type ObligationInstance, type OrgSnapshot } from './obligations.js';
import { addDays, toLocalDate, type LocalDate } from './local-time.js';
import { isOnTime } from './deadlines.js';
import { containsDate, parsePeriod, PERIOD_KINDS, periodContaining, periodsOverlapping, previousPeriod, subPeriods, type Period } from './periods.js';

export interface AssignmentFigures {
  assigned: number;
  open: number;
  withinDeadline: number;
  dueSoon: number;
  overdue: number;
  completedOnTime: number;
  completedAfterExtension: number;
  completedLate: number;
  cancelled: number;
  /** (on time + on time after extension) / (every completion + overdue); null when nothing is settled. */
  onTimeRate: number | null;
}

export interface ReportFigures {
  due: number;
  onTime: number;
  late: number;
  /** Due, past the deadline, and not submitted. */
  missing: number;
  /** Due, deadline still ahead, not submitted yet. */
  pending: number;
}

export interface MeetingFigures {
  held: number;
  withConclusions: number;
  conclusionsOnTime: number;
  conclusionsLate: number;
}

export interface RuleFindingFigures {
  detected: number;
  open: number;
  resolved: number;
}

export interface FindingFigures extends RuleFindingFigures {
  byRule: Record<string, RuleFindingFigures>;
}

export interface Figures {
  assignments: AssignmentFigures;
  reports: ReportFigures;
  meetings: MeetingFigures;
  findings: FindingFigures;
}

/**
 * The raw numbers of one unit or person: the stored counter attributes (`asg_open`, `rep_onTime`,
 * `fnd_detected_A6`…) plus what is worked out at read time (`now_overdue`, `now_dueSoon`,
 * `due_reports`, `due_reportsPast`, `due_submittedAhead`).
 */
export type Tally = Record<string, number>;

/** Every figure a records list can be asked for (`figure=` of the records route). */
export const FIGURES = [
  'assignments.assigned',
  'assignments.open',
  'assignments.withinDeadline',
  'assignments.dueSoon',
  'assignments.overdue',
  'assignments.completedOnTime',
  'assignments.completedAfterExtension',
  'assignments.completedLate',
  'assignments.cancelled',
  'reports.due',
  'reports.onTime',
  'reports.late',
  'reports.missing',
  'reports.pending',
  'meetings.held',
  'meetings.withConclusions',
  'meetings.conclusionsOnTime',
  'meetings.conclusionsLate',
  'findings.detected',
  'findings.open',
  'findings.resolved',
] as const;
export type FigureName = (typeof FIGURES)[number];

export function addTally(into: Tally, from: Readonly<Tally>): Tally {
  for (const [k, v] of Object.entries(from)) into[k] = (into[k] ?? 0) + v;
  return into;
}

const rate = (part: number, whole: number) => (whole === 0 ? null : Math.round((part / whole) * 10_000) / 10_000);

/** The parts of `onTimeRate`: on time (with or without an extension) over every completion plus the overdue; the evaluation compares them exactly. */
export function onTimeShareOf(a: Pick<AssignmentFigures, 'completedOnTime' | 'completedAfterExtension' | 'completedLate' | 'overdue'>): { onTime: number; settled: number } {
  const onTime = a.completedOnTime + a.completedAfterExtension;
  return { onTime, settled: onTime + a.completedLate + a.overdue };
}

export function figuresOf(t: Readonly<Tally>): Figures {
  const n = (k: string) => t[k] ?? 0;
  const open = n('asg_open');
  const overdue = n('now_overdue');
  const dueSoon = n('now_dueSoon');
  const submittedForPast = n('rep_submitted') - n('due_submittedAhead');
  const byRule: Record<string, RuleFindingFigures> = {};
  for (const key of Object.keys(t).sort()) {
    const m = /^fnd_detected_(.+)$/.exec(key);
    if (!m?.[1]) continue;
    const detected = n(key);
    const resolved = n(`fnd_resolved_${m[1]}`);
    if (detected === 0 && resolved === 0) continue;
    byRule[m[1]] = { detected, open: detected - resolved, resolved };
  }
  return {
    assignments: {
      assigned: n('asg_assigned'),
      open,
      withinDeadline: Math.max(0, open - overdue - dueSoon),
      dueSoon,
      overdue,
      completedOnTime: n('asg_completedOnTime'),
      completedAfterExtension: n('asg_completedAfterExtension'),
      completedLate: n('asg_completedLate'),
      cancelled: n('asg_cancelled'),
      onTimeRate: ((s) => rate(s.onTime, s.settled))(
        onTimeShareOf({ completedOnTime: n('asg_completedOnTime'), completedAfterExtension: n('asg_completedAfterExtension'), completedLate: n('asg_completedLate'), overdue }),
      ),
    },
    reports: {
      due: n('due_reports'),
      onTime: n('rep_onTime'),
      late: n('rep_late'),
      missing: Math.max(0, n('due_reportsPast') - submittedForPast),
      pending: Math.max(0, n('due_reports') - n('due_reportsPast') - n('due_submittedAhead')),
    },
    meetings: {
      held: n('mtg_held'),
      withConclusions: n('mtg_withConclusions'),
      conclusionsOnTime: n('mtg_conclusionsOnTime'),
      conclusionsLate: n('mtg_conclusionsLate'),
    },
    findings: { detected: n('fnd_detected'), open: n('fnd_detected') - n('fnd_resolved'), resolved: n('fnd_resolved'), byRule },
  };
}

/**
 * The counter partitions that hold a period's figures (one item per person and month, the weeks
 * as attributes: counter-rebuild.ts): the months of the period, or for a week the one or two
 * months its days fall in.
 */
export function counterPartitionsOf(period: Period): string[] {
  return period.kind === 'month' ? [period.id] : periodsOverlapping('month', period).map((p) => p.id);
}

/** `UNIT#<u>#STAFF#<s>` (shared/store/keys.ts); `UNIT#<u>` was the unit's item of the earlier layout. */
export function parseCounterSk(sk: string): { unitId: string; staffId?: string } | undefined {
  const m = /^UNIT#([^#]+)(?:#STAFF#([^#]+))?$/.exec(sk);
  if (!m?.[1]) return undefined;
  return m[2] ? { unitId: m[1], staffId: m[2] } : { unitId: m[1] };
}

/** The 12 months ending with the month that holds the period's last day, oldest first (none before year 1). */
export function trendMonths(period: Period, count = 12): Period[] {
  const months = [periodContaining('month', period.end)];
  while (months.length < count && months[0]!.start > '0001-01-01') months.unshift(previousPeriod(months[0]!));
  return months;
}

// ---------------------------------------------------------------------------------------
// Who sees what (the visibility rules of the assignments issue)
// ---------------------------------------------------------------------------------------

export type DashboardScope =
  | { kind: 'department' }
  | { kind: 'units'; unitIds: string[] }
  | { kind: 'person'; staffId: string; unitId: string };

/** The director and the chief inspector: the department; a deputy director: the units overseen; a head: their unit; anyone else: themselves. */
export function dashboardScopeOf(authority: Authority, actorId: string): DashboardScope {
  const scope = authority.viewScope(actorId);
  if (scope.kind === 'all') return { kind: 'department' };
  if (scope.kind === 'units' && scope.unitIds.length > 0) return { kind: 'units', unitIds: [...scope.unitIds] };
  return { kind: 'person', staffId: actorId, unitId: authority.staff(actorId)?.unitId ?? '' };
}

export function scopeCoversUnit(scope: DashboardScope, unitId: string): boolean {
  return scope.kind === 'department' || (scope.kind === 'units' && scope.unitIds.includes(unitId));
}

/** Oneself always; anyone else through their current unit. */
export function scopeCoversPerson(scope: DashboardScope, actorId: string, person: { id: string; unitId: string }): boolean {
  return person.id === actorId || scopeCoversUnit(scope, person.unitId);
}

// ---------------------------------------------------------------------------------------
// Open work at now
// ---------------------------------------------------------------------------------------

/** What the open-by-due index gives of an open assignment. */
export type OpenDueItem = Pick<Assignment, 'id' | 'unitId' | 'responsibleId' | 'dueDate' | 'originalDueDate' | 'status'>;

/**
 * The last due date that can still be "due soon" today: working days in (today, due] at most
 * `dueSoonWorkingDays`. Open work due after it is within its deadline, so only the open items
 * due up to it are read.
 */
export function dueSoonHorizon(today: LocalDate, rules: DueRules, calendar: WorkingCalendar): LocalDate {
  return addDays(calendar.addWorkingDays(today, rules.dueSoonWorkingDays + 1), -1);
}

/** overdue or due-soon at `now`, per open item; undefined for work within its deadline. */
export function openStanding(item: OpenDueItem, now: Date, rules: DueRules, calendar: WorkingCalendar): 'overdue' | 'dueSoon' | undefined {
  const t = timelinessAt(item as Assignment, now, rules, calendar);
  return t === 'overdue' ? 'overdue' : t === 'due-soon' ? 'dueSoon' : undefined;
}

// ---------------------------------------------------------------------------------------
// Reports due in a period
// ---------------------------------------------------------------------------------------

export interface RulebookAt {
  rulebookOn(date: LocalDate): Rulebook;
  calendarOn(date: LocalDate): WorkingCalendar;
}

export type ObligationFilter = { staffIds?: string[]; unitId?: string };

/**
 * How far before a period an obligation's own period may start and still fall due in it (and
 * how far after, for deadlines moved to the working day before): from the rulebook's longest
 * "n working days after" deadline, with room for weekends and Tết.
 */
export function obligationWindowDays(rulebook: Rulebook): { before: number; after: number } {
  let days = 0;
  for (const o of rulebook.reportObligations) {
    for (const c of Object.values(o.cadences ?? {})) if (c?.deadline.kind === 'working-days-after-period-end') days = Math.max(days, c.deadline.days);
    for (const e of o.events ?? []) days = Math.max(days, e.deadline.days);
  }
  return { before: 2 * days + 31, after: 31 };
}

/**
 * Every periodic obligation (reports and plans, each period judged by the rulebook in force when
 * it began) whose due instant falls on a local day of `period`, as the report counters count
 * them. Pure: zero reads.
 */
export function periodicObligationsDueIn(period: Period, rulebooks: RulebookAt, org: OrgSnapshot, filter: ObligationFilter): ObligationInstance[] {
  const current = rulebooks.rulebookOn(period.start);
  const timeZone = current.organisation.timeZone;
  const { before, after } = obligationWindowDays(current);
  // Within the years periods exist for (0001–9998): the window of the first and last months reaches past them.
  const clamp = (d: LocalDate) => (d < '0001-01-01' ? '0001-01-01' : d > '9998-12-31' ? '9998-12-31' : d);
  const range = { start: clamp(addDays(period.start, -before)), end: clamp(addDays(period.end, after)) };
  const out: ObligationInstance[] = [];
  for (const kind of PERIOD_KINDS) {
    for (const p of periodsOverlapping(kind, range)) {
      if (!parsePeriod(p.id)) continue; // the ISO week of 0001-01-01 belongs to year 0
      const instances = periodicObligations(rulebooks.rulebookOn(p.start), org, rulebooks.calendarOn(p.start), {
        periodId: p.id,
        ...(filter.staffIds ? { staffIds: filter.staffIds } : {}),
        ...(filter.unitId ? { unitId: filter.unitId } : {}),
      });
      for (const i of instances) if (containsDate(period, toLocalDate(i.dueAt, timeZone))) out.push(i);
    }
  }
  return out;
}

/** The R5 reports raised by missions (those ending within the window before the period) that fall due in it. */
export function missionObligationsDueIn(
  period: Period,
  rulebooks: RulebookAt,
  org: OrgSnapshot,
  missions: readonly { id: string; staffId: string; to: LocalDate }[],
): ObligationInstance[] {
  const timeZone = rulebooks.rulebookOn(period.start).organisation.timeZone;
  return missions.flatMap((m) =>
    eventObligations(rulebooks.rulebookOn(m.to), org, rulebooks.calendarOn(m.to), { kind: 'mission-ended', staffId: m.staffId, ref: m.id, date: m.to }).filter(
      (i) => containsDate(period, toLocalDate(i.dueAt, timeZone)),
    ),
  );
}

/** The first local day whose missions can raise a report due in the period. */
export function missionWindowStart(period: Period, rulebook: Rulebook): LocalDate {
  return addDays(period.start, -obligationWindowDays(rulebook).before);
}

/** Adds `due_reports` and `due_reportsPast` to the tallies of each obligation's unit and person. */
export function tallyObligations(instances: readonly ObligationInstance[], now: Date, add: (unitId: string, staffId: string, tally: Tally) => void): void {
  // Summed per person first: a department owes hundreds of reports a month, from a few dozen people.
  const byPerson = new Map<string, { unitId: string; staffId: string; tally: { due_reports: number; due_reportsPast: number } }>();
  for (const i of instances) {
    const key = `${i.unitId}|${i.staffId}`;
    let entry = byPerson.get(key);
    if (!entry) byPerson.set(key, (entry = { unitId: i.unitId, staffId: i.staffId, tally: { due_reports: 0, due_reportsPast: 0 } }));
    entry.tally.due_reports += 1;
    if (!isOnTime(now, i.dueAt)) entry.tally.due_reportsPast += 1;
  }
  for (const { unitId, staffId, tally } of byPerson.values()) add(unitId, staffId, tally);
}
