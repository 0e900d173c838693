/**
 * Reporting periods (Điều 15: weekly, monthly, quarterly, 6-monthly, annual reports), as local
 * date ranges in the department's time zone.
 *
 * Ids: `2026-W48` (ISO 8601 week, Monday to Sunday, in the ISO week-numbering year, which can
 * differ from the calendar year around 1 January), `2026-11`, `2026-Q4`, `2026-H2`, `2026`.
 */
import {
  DEPARTMENT_TIME_ZONE,
  addDays,
  compareLocalDates,
  daysBetween,
  endOfLocalDay,
  formatLocalDate,
  isoWeekday,
  lastDayOfMonth,
  parseLocalDate,
  startOfLocalDay,
  toLocalDate,
  type LocalDate,
} from './local-time.js';

export type PeriodKind = 'week' | 'month' | 'quarter' | 'half' | 'year';
export type PeriodId = string;

export interface Period {
  id: PeriodId;
  kind: PeriodKind;
  /** First local day, inclusive. */
  start: LocalDate;
  /** Last local day, inclusive. */
  end: LocalDate;
}

export interface LocalDateRange {
  start: LocalDate;
  end: LocalDate;
}

/**
 * Go-live: whether a period (or an event's day), whose last local day is `lastDay`, counts under
 * the organisation's go-live date. A period that ended the day before go-live owes nothing; the
 * one containing it does. No date: everything counts.
 */
export function countsFromGoLive(lastDay: LocalDate, goLiveOn: LocalDate | undefined): boolean {
  return goLiveOn === undefined || compareLocalDates(lastDay, goLiveOn) >= 0;
}

/**
 * Go-live: whether a deadline falling on the local day `dueDay` is owed. Only deadlines after the
 * go-live day: a department that starts today cannot have met this morning's deadline, so a
 * fresh start shows nothing missing.
 */
export function deadlineCountsFromGoLive(dueDay: LocalDate, goLiveOn: LocalDate | undefined): boolean {
  return goLiveOn === undefined || compareLocalDates(dueDay, goLiveOn) > 0;
}

export const PERIOD_KINDS: readonly PeriodKind[] = ['week', 'month', 'quarter', 'half', 'year'];

/** Finest first; used to check that `subPeriods` goes from coarse to fine. */
const RANK: Record<PeriodKind, number> = { week: 0, month: 1, quarter: 2, half: 3, year: 4 };

/** Months per period for the month-aligned kinds. */
const MONTHS: Record<Exclude<PeriodKind, 'week'>, number> = { month: 1, quarter: 3, half: 6, year: 12 };

const pad2 = (n: number): string => String(n).padStart(2, '0');

/** Monday of ISO week 1 of an ISO week-numbering year (the week holding 4 January). */
function isoWeekOneMonday(isoYear: number): LocalDate {
  const jan4 = formatLocalDate(isoYear, 1, 4);
  return addDays(jan4, 1 - isoWeekday(jan4));
}

/** 52 or 53: a year has 53 ISO weeks when 28 December falls in week 53. */
export function isoWeeksInYear(isoYear: number): 52 | 53 {
  const dec28 = formatLocalDate(isoYear, 12, 28);
  return (Math.floor(daysBetween(isoWeekOneMonday(isoYear), dec28) / 7) + 1) as 52 | 53;
}

/** ISO week-numbering year and week of a date (the week belongs to the year of its Thursday). */
export function isoWeekOf(date: LocalDate): { isoYear: number; week: number } {
  const thursday = addDays(date, 4 - isoWeekday(date));
  const isoYear = parseLocalDate(thursday).year;
  return { isoYear, week: Math.floor(daysBetween(isoWeekOneMonday(isoYear), thursday) / 7) + 1 };
}

function monthAligned(kind: Exclude<PeriodKind, 'week'>, year: number, index: number): Period {
  const span = MONTHS[kind];
  const firstMonth = (index - 1) * span + 1;
  const lastMonth = firstMonth + span - 1;
  const id =
    kind === 'month' ? `${year}-${pad2(index)}`
    : kind === 'quarter' ? `${year}-Q${index}`
    : kind === 'half' ? `${year}-H${index}`
    : String(year);
  return {
    id,
    kind,
    start: formatLocalDate(year, firstMonth, 1),
    end: lastDayOfMonth(`${String(year).padStart(4, '0')}-${pad2(lastMonth)}`),
  };
}

function isoWeekPeriod(isoYear: number, week: number): Period {
  const start = addDays(isoWeekOneMonday(isoYear), (week - 1) * 7);
  return { id: `${String(isoYear).padStart(4, '0')}-W${pad2(week)}`, kind: 'week', start, end: addDays(start, 6) };
}

const PERIOD_RE = /^(\d{4})(?:-(?:W(\d{2})|(\d{2})|Q(\d)|H(\d)))?$/;

/** Parses a period id; undefined when malformed or nonexistent (e.g. `2027-W53`, `2026-13`). */
export function parsePeriod(id: unknown): Period | undefined {
  if (typeof id !== 'string') return undefined;
  const m = PERIOD_RE.exec(id);
  if (!m) return undefined;
  const year = Number(m[1]);
  // Keep clear of the ends of the supported range (0000–9999) so neighbours stay valid.
  if (year < 1 || year > 9998) return undefined;
  if (m[2] !== undefined) {
    const week = Number(m[2]);
    return week >= 1 && week <= isoWeeksInYear(year) ? isoWeekPeriod(year, week) : undefined;
  }
  if (m[3] !== undefined) {
    const month = Number(m[3]);
    return month >= 1 && month <= 12 ? monthAligned('month', year, month) : undefined;
  }
  if (m[4] !== undefined) {
    const q = Number(m[4]);
    return q >= 1 && q <= 4 ? monthAligned('quarter', year, q) : undefined;
  }
  if (m[5] !== undefined) {
    const h = Number(m[5]);
    return h === 1 || h === 2 ? monthAligned('half', year, h) : undefined;
  }
  return monthAligned('year', year, 1);
}

/** The period of the kind that contains the local date. */
export function periodContaining(kind: PeriodKind, date: LocalDate): Period {
  if (kind === 'week') {
    const { isoYear, week } = isoWeekOf(date);
    return isoWeekPeriod(isoYear, week);
  }
  const { year, month } = parseLocalDate(date);
  return monthAligned(kind, year, Math.floor((month - 1) / MONTHS[kind]) + 1);
}

/** The period of the kind that contains the instant's local date in the zone. */
export function periodOfInstant(kind: PeriodKind, instant: Date, timeZone: string = DEPARTMENT_TIME_ZONE): Period {
  return periodContaining(kind, toLocalDate(instant, timeZone));
}

export function nextPeriod(period: Period): Period {
  return periodContaining(period.kind, addDays(period.end, 1));
}

export function previousPeriod(period: Period): Period {
  return periodContaining(period.kind, addDays(period.start, -1));
}

/** First instant of the period (00:00 local on its first day). */
export function periodStartInstant(period: Period, timeZone: string = DEPARTMENT_TIME_ZONE): Date {
  return startOfLocalDay(period.start, timeZone);
}

/** Last millisecond of the period (23:59:59.999 local on its last day). */
export function periodEndInstant(period: Period, timeZone: string = DEPARTMENT_TIME_ZONE): Date {
  return endOfLocalDay(period.end, timeZone);
}

export function containsDate(period: Period | LocalDateRange, date: LocalDate): boolean {
  return compareLocalDates(period.start, date) <= 0 && compareLocalDates(date, period.end) <= 0;
}

const MAX_PERIODS = 10_000;

/** The periods of the kind that share at least one day with the inclusive range, in order. */
export function periodsOverlapping(kind: PeriodKind, range: LocalDateRange): Period[] {
  if (compareLocalDates(range.start, range.end) > 0) return [];
  const out: Period[] = [];
  for (let p = periodContaining(kind, range.start); compareLocalDates(p.start, range.end) <= 0; p = nextPeriod(p)) {
    if (out.length >= MAX_PERIODS) throw new RangeError(`periodsOverlapping: more than ${MAX_PERIODS} periods`);
    out.push(p);
  }
  return out;
}

/**
 * The periods of a finer kind that make up the period, in order (e.g. the 3 months of a quarter).
 * Weeks do not nest in months, so for `kind = 'week'` this returns the ISO weeks whose Thursday
 * falls in the period (ISO 8601's rule for assigning a week to a year, applied to any period):
 * each week then belongs to exactly one month, quarter, half and year, and the weeks of a year
 * are exactly its ISO weeks. Such weeks may start before or end after the period.
 * Asking for the period's own kind returns `[period]`; a coarser kind throws.
 */
export function subPeriods(period: Period, kind: PeriodKind): Period[] {
  if (RANK[kind] > RANK[period.kind]) {
    throw new RangeError(`subPeriods: a ${kind} is not part of a ${period.kind}`);
  }
  if (kind === period.kind) return [period];
  if (kind !== 'week') return periodsOverlapping(kind, period);
  // The first Thursday on or after the start, then every 7 days up to the end.
  const firstThursday = addDays(period.start, (4 - isoWeekday(period.start) + 7) % 7);
  const out: Period[] = [];
  for (let thu = firstThursday; compareLocalDates(thu, period.end) <= 0; thu = addDays(thu, 7)) {
    out.push(periodContaining('week', thu));
  }
  return out;
}
