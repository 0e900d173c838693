/**
 * Local dates and instants in the department's time zone.
 *
 * A `LocalDate` is a calendar day (`YYYY-MM-DD`) with no time zone: calendar arithmetic on it
 * (weekday, adding days, differences) is pure proleptic-Gregorian arithmetic done in UTC so it
 * can never be shifted by the host's zone. Only the conversions between instants and local
 * days/times need a zone, and they go through @date-fns/tz so any IANA zone works; the
 * department's own zone, whose offset has not moved since 1975, is computed from that fixed
 * offset (ICU's time-zone data costs ~35 ms to load at a Lambda cold start).
 *
 * Pure: no clock reads. `new Date(x)` is only ever called with an argument.
 */
import { DataRuleError, DomainError } from './errors.js';
import { TZDate } from '@date-fns/tz';

export const DEPARTMENT_TIME_ZONE = 'Asia/Ho_Chi_Minh';

/** A calendar day, `YYYY-MM-DD`. */
export type LocalDate = string;
/** A calendar month, `YYYY-MM`. */
export type YearMonth = string;
/** ISO weekday: Monday = 1 … Sunday = 7. */
export type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

const MS_PER_DAY = 86_400_000;

/** A date that is not one: malformed input, a 400. */
export class InvalidLocalDateError extends DomainError {
  override name = 'InvalidLocalDateError';
  readonly status = 400;
  constructor(readonly value: unknown, what = 'local date (YYYY-MM-DD)') {
    super(`Invalid ${what}: ${JSON.stringify(value)}`);
  }
}

export class InvalidTimeZoneError extends DataRuleError {
  override name = 'InvalidTimeZoneError';
  constructor(readonly timeZone: string) {
    super(`Invalid IANA time zone: ${JSON.stringify(timeZone)}`);
  }
}

// ---------------------------------------------------------------------------------------------
// Pure calendar arithmetic

/** Epoch ms of 00:00 UTC on a proleptic Gregorian y-m-d; years 0–99 are not mapped to 19xx. */
function utcMs(y: number, m: number, d: number, h = 0, mi = 0, s = 0, ms = 0): number {
  const date = new Date(0);
  date.setUTCFullYear(y, m - 1, d);
  date.setUTCHours(h, mi, s, ms);
  return date.getTime();
}

function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

function daysInMonth(y: number, m: number): number {
  if (m === 2) return isLeapYear(y) ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** Builds a LocalDate from numeric parts (month 1–12); the parts must be valid. */
export function formatLocalDate(year: number, month: number, day: number): LocalDate {
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

const LOCAL_DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const YEAR_MONTH_RE = /^(\d{4})-(\d{2})$/;

export function isValidLocalDate(s: unknown): s is LocalDate {
  if (typeof s !== 'string') return false;
  const m = LOCAL_DATE_RE.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo);
}

export function isValidYearMonth(s: unknown): s is YearMonth {
  if (typeof s !== 'string') return false;
  const m = YEAR_MONTH_RE.exec(s);
  if (!m) return false;
  const mo = Number(m[2]);
  return mo >= 1 && mo <= 12;
}

/** Splits a LocalDate into numbers (month 1–12); throws InvalidLocalDateError if invalid. */
export function parseLocalDate(date: LocalDate): { year: number; month: number; day: number } {
  if (!isValidLocalDate(date)) throw new InvalidLocalDateError(date);
  return { year: Number(date.slice(0, 4)), month: Number(date.slice(5, 7)), day: Number(date.slice(8, 10)) };
}

function parseYearMonth(ym: YearMonth): { year: number; month: number } {
  if (!isValidYearMonth(ym)) throw new InvalidLocalDateError(ym, 'year-month (YYYY-MM)');
  return { year: Number(ym.slice(0, 4)), month: Number(ym.slice(5, 7)) };
}

/** Days since 1970-01-01 (may be negative). */
function toEpochDay(date: LocalDate): number {
  const { year, month, day } = parseLocalDate(date);
  return Math.round(utcMs(year, month, day) / MS_PER_DAY);
}

function fromEpochDay(epochDay: number): LocalDate {
  const d = new Date(epochDay * MS_PER_DAY);
  const year = d.getUTCFullYear();
  if (year < 0 || year > 9999) throw new RangeError(`Date out of range (years 0000–9999): epoch day ${epochDay}`);
  return formatLocalDate(year, d.getUTCMonth() + 1, d.getUTCDate());
}

export function isoWeekday(date: LocalDate): IsoWeekday {
  // 1970-01-01 was a Thursday (4).
  return ((((toEpochDay(date) + 3) % 7) + 7) % 7 + 1) as IsoWeekday;
}

export function addDays(date: LocalDate, n: number): LocalDate {
  if (!Number.isSafeInteger(n)) throw new RangeError(`addDays: n must be an integer, got ${n}`);
  return fromEpochDay(toEpochDay(date) + n);
}

/** -1, 0 or 1, for sorting. Validates both dates. */
export function compareLocalDates(a: LocalDate, b: LocalDate): -1 | 0 | 1 {
  parseLocalDate(a);
  parseLocalDate(b);
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Calendar days from a to b: `daysBetween('2026-01-01', '2026-01-02') === 1`; negative if b < a. */
export function daysBetween(a: LocalDate, b: LocalDate): number {
  return toEpochDay(b) - toEpochDay(a);
}

export function firstDayOfMonth(yearMonth: YearMonth): LocalDate {
  const { year, month } = parseYearMonth(yearMonth);
  return formatLocalDate(year, month, 1);
}

export function lastDayOfMonth(yearMonth: YearMonth): LocalDate {
  const { year, month } = parseYearMonth(yearMonth);
  return formatLocalDate(year, month, daysInMonth(year, month));
}

/** The `YYYY-MM` of a LocalDate. */
export function yearMonthOf(date: LocalDate): YearMonth {
  parseLocalDate(date);
  return date.slice(0, 7);
}

// ---------------------------------------------------------------------------------------------
// Instants <-> local days and times (zone-dependent)

/**
 * Zones whose UTC offset is fixed from some instant on (the IANA time-zone database):
 * Asia/Ho_Chi_Minh has been UTC+7 since 13 June 1975, counted here from 1976. An instant or
 * local date from then on is converted with the offset alone; anything earlier, and every
 * other zone, through @date-fns/tz. test/unit/local-time.test.ts compares the two.
 */
const FIXED_OFFSETS: Readonly<Record<string, { readonly minutes: number; readonly sinceMs: number }>> = {
  'Asia/Ho_Chi_Minh': { minutes: 7 * 60, sinceMs: Date.UTC(1976, 0, 1) },
  UTC: { minutes: 0, sinceMs: -8.64e15 },
};
/** The fixed offset (minutes east of UTC) of the zone at an instant, if it has one then. */
const fixedOffsetAt = (timeZone: string, ms: number) => {
  const fixed = FIXED_OFFSETS[timeZone];
  return fixed && ms >= fixed.sinceMs ? fixed.minutes : undefined;
};

const validZones = new Set<string>(Object.keys(FIXED_OFFSETS));

function assertTimeZone(timeZone: string): void {
  if (validZones.has(timeZone)) return;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
  } catch {
    throw new InvalidTimeZoneError(timeZone);
  }
  validZones.add(timeZone);
}

function assertInstant(instant: Date): void {
  if (!(instant instanceof Date) || Number.isNaN(instant.getTime())) {
    throw new RangeError(`Invalid instant: ${String(instant)}`);
  }
}

/** The local calendar day of an instant in the zone. */
export function toLocalDate(instant: Date, timeZone: string = DEPARTMENT_TIME_ZONE): LocalDate {
  assertInstant(instant);
  assertTimeZone(timeZone);
  const offset = fixedOffsetAt(timeZone, instant.getTime());
  if (offset !== undefined) {
    const local = new Date(instant.getTime() + offset * 60_000);
    return formatLocalDate(local.getUTCFullYear(), local.getUTCMonth() + 1, local.getUTCDate());
  }
  const local = new TZDate(instant.getTime(), timeZone);
  return formatLocalDate(local.getFullYear(), local.getMonth() + 1, local.getDate());
}

const LOCAL_TIME_RE = /^(\d{2}):(\d{2})(?::(\d{2}))?$/;

/**
 * The instant at which the zone's wall clock shows `date time` (`HH:mm` or `HH:mm:ss`).
 * In a DST gap the time is moved forward, as @date-fns/tz does (not relevant for UTC+7).
 */
export function localDateTimeToInstant(date: LocalDate, time: string, timeZone: string = DEPARTMENT_TIME_ZONE): Date {
  // A dashboard judges every open item's deadline this way, and a zone's rules do not change
  // while the process runs: each answer is kept (bounded), a new Date handed out each time.
  const key = `${date} ${time} ${timeZone}`;
  const known = instantsOfLocalTimes.get(key);
  if (known !== undefined) return new Date(known);
  const ms = localDateTimeToMs(date, time, timeZone);
  if (instantsOfLocalTimes.size >= MAX_KNOWN_INSTANTS) instantsOfLocalTimes.clear();
  instantsOfLocalTimes.set(key, ms);
  return new Date(ms);
}

const MAX_KNOWN_INSTANTS = 10_000;
const instantsOfLocalTimes = new Map<string, number>();

function localDateTimeToMs(date: LocalDate, time: string, timeZone: string): number {
  const { year, month, day } = parseLocalDate(date);
  const m = LOCAL_TIME_RE.exec(time);
  const [h, mi, s] = m ? [Number(m[1]), Number(m[2]), Number(m[3] ?? 0)] : [NaN, NaN, NaN];
  if (!m || h > 23 || mi > 59 || s > 59) {
    throw new RangeError(`Invalid local time (HH:mm or HH:mm:ss): ${JSON.stringify(time)}`);
  }
  assertTimeZone(timeZone);
  // A wall time a day after the zone's offset was fixed is surely after it, whatever the offset.
  const wall = utcMs(year, month, day, h, mi, s);
  const offset = fixedOffsetAt(timeZone, wall - MS_PER_DAY);
  if (offset !== undefined) return wall - offset * 60_000;
  return new TZDate(year, month - 1, day, h, mi, s, 0, timeZone).getTime();
}

/** The first instant of the local day (00:00:00.000 local). */
export function startOfLocalDay(date: LocalDate, timeZone: string = DEPARTMENT_TIME_ZONE): Date {
  return localDateTimeToInstant(date, '00:00', timeZone);
}

/** The last millisecond of the local day (23:59:59.999 local); right for 23- or 25-hour days too. */
export function endOfLocalDay(date: LocalDate, timeZone: string = DEPARTMENT_TIME_ZONE): Date {
  return new Date(startOfLocalDay(addDays(date, 1), timeZone).getTime() - 1);
}

/** ISO 8601 with the zone's offset, e.g. `2026-11-26T09:00:00.000+07:00` (UTC gives `+00:00`). */
export function formatInstant(instant: Date, timeZone: string = DEPARTMENT_TIME_ZONE): string {
  assertInstant(instant);
  assertTimeZone(timeZone);
  const fixed = fixedOffsetAt(timeZone, instant.getTime());
  // Minutes east of UTC: TZDate's getTimezoneOffset() is minutes west, as Date's.
  const offset = fixed ?? -new TZDate(instant.getTime(), timeZone).getTimezoneOffset();
  const l = new Date(instant.getTime() + offset * 60_000);
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return (
    `${formatLocalDate(l.getUTCFullYear(), l.getUTCMonth() + 1, l.getUTCDate())}T${pad(l.getUTCHours())}:${pad(l.getUTCMinutes())}:${pad(l.getUTCSeconds())}` +
    `.${pad(l.getUTCMilliseconds(), 3)}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`
  );
}

// Offset or Z is required: a timestamp without one is ambiguous, so it is rejected.
const INSTANT_RE =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(?:(Z)|([+-])(\d{2}):?(\d{2}))$/;

/**
 * Parses an ISO 8601 / RFC 3339 timestamp that carries `Z` or an offset (`+07:00`, `+0700`).
 * Seconds and fractions are optional; fractions beyond milliseconds are truncated.
 * Returns undefined for anything else (no offset, impossible dates or times, non-strings).
 */
export function parseInstant(s: unknown): Date | undefined {
  if (typeof s !== 'string') return undefined;
  const m = INSTANT_RE.exec(s);
  if (!m) return undefined;
  const [y, mo, d, h, mi, sec] = [1, 2, 3, 4, 5, 6].map((i) => Number(m[i] ?? 0)) as [
    number, number, number, number, number, number,
  ];
  if (!isValidLocalDate(`${m[1]}-${m[2]}-${m[3]}`) || h > 23 || mi > 59 || sec > 59) return undefined;
  const ms = Number((m[7] ?? '0').padEnd(3, '0').slice(0, 3));
  let offsetMinutes = 0;
  if (!m[8]) {
    const oh = Number(m[10]);
    const om = Number(m[11]);
    if (oh > 23 || om > 59) return undefined;
    offsetMinutes = (m[9] === '-' ? -1 : 1) * (oh * 60 + om);
  }
  return new Date(utcMs(y, mo, d, h, mi, sec, ms) - offsetMinutes * 60_000);
}
