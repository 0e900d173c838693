/**
 * The working-day calendar (DOMAIN.md "Working days"): weekends, public holidays and the
 * swapped working days the government announces each year. Calendars are data
 * (`WorkingCalendarData`, validated by the rulebook's zod schema); this class answers questions.
 *
 * A date is a working day when it is declared a working (weekend) day, or else when it is
 * neither a weekend day nor a holiday. The weekday a swap `replaces` is a day off too, even if
 * the data forgot to list it among the holidays.
 *
 * A calendar built with `years` (every rulebook's calendar, see working-calendar-of.ts) loads each
 * year's days when first asked and knows whether the year is announced or provisional; a year it
 * cannot answer for throws (CalendarCoverageError, a 422), never passes as all working days.
 * A calendar built from plain data alone (tests) treats dates outside it as weekdays/weekends.
 */
import { DataRuleError } from './errors.js';
import {
  DEPARTMENT_TIME_ZONE,
  addDays,
  daysBetween,
  firstDayOfMonth,
  isValidLocalDate,
  isoWeekday,
  lastDayOfMonth,
  parseLocalDate,
  startOfLocalDay,
  toLocalDate,
  type LocalDate,
  type YearMonth,
} from './local-time.js';
import { parsePeriod, type LocalDateRange } from './periods.js';

export interface LocalizedName {
  vi: string;
  en: string;
}

export interface NamedDate {
  date: LocalDate;
  name: LocalizedName;
}

export interface WorkingCalendarData {
  /** ISO weekdays that are not working days, normally [6, 7]. */
  weekendDays: number[];
  /** Public holidays and compensatory days off. */
  holidays: NamedDate[];
  /** Weekend days declared working days (swaps); `replaces` is the day off given in exchange. */
  workingWeekendDays: (NamedDate & { replaces?: LocalDate })[];
}

export const DEFAULT_WEEKEND_DAYS: readonly number[] = [6, 7];

/** Longest run of consecutive days off tolerated before a search gives up. */
export const MAX_DAYS_OFF_IN_A_ROW = 366;
/** Bound on `addWorkingDays` and `workingDaysBetween` (about 100 years). */
const MAX_SPAN_DAYS = 36_600;

export class CalendarDataError extends DataRuleError {
  override name = 'CalendarDataError';
}

export class NoWorkingDayError extends DataRuleError {
  override name = 'NoWorkingDayError';
}

/** One year's layer: its days and whether they are the announced decision or a provisional default. */
export interface YearLayer {
  readonly status: 'announced' | 'provisional';
  readonly basis: LocalizedName;
  readonly holidays: readonly NamedDate[];
  readonly workingWeekendDays: readonly (NamedDate & { replaces?: LocalDate })[];
}

export class WorkingCalendar {
  private readonly weekend: ReadonlySet<number>;
  /** Holidays plus days off given in exchange for a working weekend day. */
  private readonly daysOff = new Map<LocalDate, LocalizedName>();
  private readonly workingDays = new Map<LocalDate, LocalizedName>();
  private readonly years: readonly number[];
  private readonly layers = new Map<number, YearLayer>();

  constructor(
    readonly data: WorkingCalendarData,
    /** Each year's layer, loaded lazily on first use; throws for a year it cannot answer for. */
    private readonly yearSource?: (year: number) => YearLayer,
  ) {
    this.weekend = new Set(data.weekendDays);
    this.load(data, true);
    const years = new Set<number>();
    for (const d of [...this.daysOff.keys(), ...this.workingDays.keys()]) years.add(parseLocalDate(d).year);
    this.years = [...years].sort((a, b) => a - b);
  }

  /** Whether a year's days are the announced decision or a provisional default (the layer's basis says which). */
  yearStatus(year: number): YearLayer['status'] {
    return this.layer(year)?.status ?? 'provisional';
  }

  /** The year's layer (status, basis, days), or undefined for a plain-data calendar. */
  yearLayer(year: number): YearLayer | undefined {
    return this.layer(year);
  }

  private layer(year: number): YearLayer | undefined {
    if (!this.yearSource) return undefined;
    let layer = this.layers.get(year);
    if (!layer) {
      layer = this.yearSource(year);
      this.load({ weekendDays: this.data.weekendDays, holidays: [...layer.holidays], workingWeekendDays: [...layer.workingWeekendDays] }, false);
      this.layers.set(year, layer);
    }
    return layer;
  }

  private ensure(date: LocalDate): void {
    if (this.yearSource) this.layer(parseLocalDate(date).year);
  }

  private load(data: WorkingCalendarData, checkWeekend: boolean): void {
    const problems: string[] = [];
    if (checkWeekend) {
      for (const d of data.weekendDays) {
        if (!Number.isInteger(d) || d < 1 || d > 7) problems.push(`weekend day ${d} is not an ISO weekday 1..7`);
      }
    }

    const checkDate = (date: unknown, where: string): date is LocalDate => {
      if (isValidLocalDate(date)) return true;
      problems.push(`${where}: invalid date ${JSON.stringify(date)}`);
      return false;
    };

    for (const h of data.holidays) {
      if (!checkDate(h.date, 'holiday')) continue;
      if (this.daysOff.has(h.date)) problems.push(`holiday ${h.date} is listed twice`);
      this.daysOff.set(h.date, h.name);
    }
    for (const w of data.workingWeekendDays) {
      if (!checkDate(w.date, 'working day')) continue;
      if (this.workingDays.has(w.date)) problems.push(`working day ${w.date} is listed twice`);
      if (this.daysOff.has(w.date)) problems.push(`${w.date} is listed both as a holiday and as a working day`);
      this.workingDays.set(w.date, w.name);
    }
    for (const w of data.workingWeekendDays) {
      if (w.replaces === undefined || !checkDate(w.replaces, `working day ${w.date} replaces`)) continue;
      if (this.workingDays.has(w.replaces)) {
        problems.push(`${w.replaces}, replaced by ${w.date}, is itself listed as a working day`);
      }
      if (!this.daysOff.has(w.replaces)) this.daysOff.set(w.replaces, w.name);
    }
    if (problems.length > 0) throw new CalendarDataError(`Invalid working calendar: ${problems.join('; ')}`);
  }

  isWorkingDay(date: LocalDate): boolean {
    const weekday = isoWeekday(date); // validates
    this.ensure(date);
    if (this.workingDays.has(date)) return true;
    if (this.daysOff.has(date)) return false;
    return !this.weekend.has(weekday);
  }

  /** A declared day off (public holiday, compensatory or swapped day off), not a plain weekend. */
  isHoliday(date: LocalDate): boolean {
    parseLocalDate(date);
    this.ensure(date);
    return this.daysOff.has(date);
  }

  holidayName(date: LocalDate): LocalizedName | undefined {
    parseLocalDate(date);
    this.ensure(date);
    return this.daysOff.get(date);
  }

  /** The first working day strictly after the date. */
  nextWorkingDay(date: LocalDate): LocalDate {
    return this.search(date, 1, false);
  }

  /** The last working day strictly before the date. */
  previousWorkingDay(date: LocalDate): LocalDate {
    return this.search(date, -1, false);
  }

  /** The date itself when it is a working day, else the next one. */
  onOrAfter(date: LocalDate): LocalDate {
    return this.search(date, 1, true);
  }

  /** The date itself when it is a working day, else the previous one. */
  onOrBefore(date: LocalDate): LocalDate {
    return this.search(date, -1, true);
  }

  /**
   * Counts n working days strictly after (n > 0) or before (n < 0) the date; n = 0 returns it.
   * `addWorkingDays(friday, 1)` is the next working day, whether or not the date itself works.
   */
  addWorkingDays(date: LocalDate, n: number): LocalDate {
    if (!Number.isInteger(n) || Math.abs(n) > MAX_SPAN_DAYS) {
      throw new RangeError(`addWorkingDays: n must be an integer within ±${MAX_SPAN_DAYS}, got ${n}`);
    }
    parseLocalDate(date);
    let d = date;
    for (let i = 0; i < Math.abs(n); i++) d = n > 0 ? this.nextWorkingDay(d) : this.previousWorkingDay(d);
    return d;
  }

  /**
   * Working days in (a, b]: from Friday to the next Monday is 1 in a plain week.
   * Negative when b < a (minus the working days in (b, a]).
   */
  workingDaysBetween(a: LocalDate, b: LocalDate): number {
    const span = daysBetween(a, b);
    if (Math.abs(span) > MAX_SPAN_DAYS) throw new RangeError(`workingDaysBetween: span of ${span} days is too long`);
    const [from, count] = span >= 0 ? [a, span] : [b, -span];
    let n = 0;
    for (let i = 1; i <= count; i++) if (this.isWorkingDay(addDays(from, i))) n++;
    return span >= 0 ? n : -n;
  }

  /** The first working day in the inclusive range, or undefined when it has none. */
  firstWorkingDayIn(range: LocalDateRange): LocalDate | undefined {
    const len = daysBetween(range.start, range.end);
    for (let i = 0; i <= len; i++) {
      const d = addDays(range.start, i);
      if (this.isWorkingDay(d)) return d;
    }
    return undefined;
  }

  /** The last working day in the inclusive range, or undefined when it has none. */
  lastWorkingDayIn(range: LocalDateRange): LocalDate | undefined {
    const len = daysBetween(range.start, range.end);
    for (let i = 0; i <= len; i++) {
      const d = addDays(range.end, -i);
      if (this.isWorkingDay(d)) return d;
    }
    return undefined;
  }

  /** Throws NoWorkingDayError if the month has no working day (cannot happen with real data). */
  firstWorkingDayOfMonth(yearMonth: YearMonth): LocalDate {
    const range = { start: firstDayOfMonth(yearMonth), end: lastDayOfMonth(yearMonth) };
    const d = this.firstWorkingDayIn(range);
    if (d === undefined) throw new NoWorkingDayError(`No working day in ${yearMonth}`);
    return d;
  }

  /** Throws NoWorkingDayError if the month has no working day (cannot happen with real data). */
  lastWorkingDayOfMonth(yearMonth: YearMonth): LocalDate {
    const range = { start: firstDayOfMonth(yearMonth), end: lastDayOfMonth(yearMonth) };
    const d = this.lastWorkingDayIn(range);
    if (d === undefined) throw new NoWorkingDayError(`No working day in ${yearMonth}`);
    return d;
  }

  /** Last working day of an ISO week (`2026-W48`); undefined for a week entirely off (Tết 2026-W08). */
  lastWorkingDayOfWeek(isoWeekId: string): LocalDate | undefined {
    const week = parsePeriod(isoWeekId);
    if (week?.kind !== 'week') throw new RangeError(`Not an ISO week id (YYYY-Www): ${JSON.stringify(isoWeekId)}`);
    return this.lastWorkingDayIn(week);
  }

  /** Calendar years for which the plain data declares holidays or swaps, ascending (years loaded by `yearSource` are not listed). */
  coveredYears(): number[] {
    return [...this.years];
  }

  /** Whether the calendar knows the date's year's holidays: always for a calendar with years (or it throws), else when the data has it. */
  covers(date: LocalDate): boolean {
    if (this.yearSource) {
      this.ensure(date);
      return true;
    }
    return this.years.includes(parseLocalDate(date).year);
  }

  /**
   * The instant the next working day after the instant's local date begins (00:00 local).
   * For "assigned the same day, or at the latest at the start of the next working day" (D1):
   * received Friday afternoon before a holiday Monday, due at the start of Tuesday.
   */
  startOfNextWorkingDay(instant: Date, timeZone: string = DEPARTMENT_TIME_ZONE): Date {
    return startOfLocalDay(this.nextWorkingDay(toLocalDate(instant, timeZone)), timeZone);
  }

  private search(date: LocalDate, step: 1 | -1, includeSelf: boolean): LocalDate {
    parseLocalDate(date);
    for (let i = includeSelf ? 0 : 1; i <= MAX_DAYS_OFF_IN_A_ROW; i++) {
      const d = addDays(date, step * i);
      if (this.isWorkingDay(d)) return d;
    }
    throw new NoWorkingDayError(
      `No working day within ${MAX_DAYS_OFF_IN_A_ROW} days ${step > 0 ? 'after' : 'before'} ${date}: check the calendar data`,
    );
  }
}

/**
 * Combines calendars, later parts overriding earlier ones (national defaults first, then the
 * organisation's additions): the last `weekendDays` given wins (default [6, 7]); dates are merged,
 * and a later part that declares a date a working day removes an earlier holiday on that date
 * (and vice versa), so an organisation can correct a default. A date listed both ways within
 * one part is an error. The result is sorted by date.
 */
export function mergeCalendars(...parts: Partial<WorkingCalendarData>[]): WorkingCalendarData {
  let weekendDays: number[] = [...DEFAULT_WEEKEND_DAYS];
  const holidays = new Map<LocalDate, NamedDate>();
  const working = new Map<LocalDate, NamedDate & { replaces?: LocalDate }>();
  parts.forEach((part, index) => {
    if (part.weekendDays) weekendDays = [...part.weekendDays];
    const partWorking = new Set((part.workingWeekendDays ?? []).map((w) => w.date));
    for (const h of part.holidays ?? []) {
      if (partWorking.has(h.date)) {
        throw new CalendarDataError(`Calendar part ${index}: ${h.date} is both a holiday and a working day`);
      }
      working.delete(h.date);
      holidays.set(h.date, { date: h.date, name: { ...h.name } });
    }
    for (const w of part.workingWeekendDays ?? []) {
      holidays.delete(w.date);
      working.set(w.date, { ...w, name: { ...w.name } });
    }
  });
  const byDate = (x: { date: LocalDate }, y: { date: LocalDate }) => (x.date < y.date ? -1 : x.date > y.date ? 1 : 0);
  return {
    weekendDays,
    holidays: [...holidays.values()].sort(byDate),
    workingWeekendDays: [...working.values()].sort(byDate),
  };
}

