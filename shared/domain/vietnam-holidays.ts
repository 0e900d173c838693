/**
 * The national working calendar for state agencies in Việt Nam, for any year from 2021 (when
 * Bộ luật Lao động 2019 took effect) to 2199.
 *
 * Legal basis: Bộ luật Lao động 2019, Điều 112(1): Tết Dương lịch 1 day (1/1), Tết Âm lịch 5 days,
 * Ngày Chiến thắng 1 day (30/4), Quốc tế lao động 1 day (1/5), Quốc khánh 2 days (2/9 and one
 * adjacent day), Giỗ Tổ Hùng Vương 1 day (10/3 lunar). Điều 112(3): the Prime Minister fixes the
 * Tết days and the adjacent National Day each year. Điều 111(3): a holiday that falls on the
 * weekly rest day gives a compensatory day off on the next working day ("nghỉ bù").
 *
 * A year is either `announced` (the Prime Minister's decision, transcribed below or in the
 * rulebook's `calendar.years`) or `provisional` (computed here by the documented default rule, see
 * docs/features/calendar.md). The lunar dates come from `date-chinese`'s CalendarVietnamese, which
 * computes the lunar calendar on the UTC+7 meridian (Vietnam's since 1968); the tests check it
 * against known Vietnamese dates (Tết 1985, 2007, 2030 differ from China's). They are computed
 * ahead into lunar-dates.ts (lunar-calendar.ts, scripts/lunar-table.ts), not at a cold start.
 *
 * Weekend days inside a Tết break are listed too (from its first to its last day off), so
 * `holidayName` can name them.
 */
import { UnprocessableError } from './errors.js';
import { addDays, isoWeekday, type LocalDate } from './local-time.js';
import type { LocalizedName, NamedDate, WorkingCalendarData } from './calendar.js';
import { LUNAR_TABLE, LUNAR_TABLE_FIRST_YEAR } from './lunar-dates.js';

export type YearStatus = 'announced' | 'provisional';

/** One calendar year of days off and worked weekend days, with where it comes from. */
export interface CalendarYear {
  readonly year: number;
  readonly status: YearStatus;
  /** The decision it transcribes, or the rule it was computed by. */
  readonly basis: LocalizedName;
  readonly holidays: NamedDate[];
  readonly workingWeekendDays: (NamedDate & { replaces?: LocalDate })[];
}

/** Bộ luật Lao động 2019 is in force from 1 January 2021; before that the 2012 code's holidays differ. */
export const FIRST_CALENDAR_YEAR = 2021;
/** date-chinese is checked against the Hồ Ngọc Đức tables up to here. */
export const LAST_CALENDAR_YEAR = 2199;

/** A year the tracker cannot answer for: the caller sees it (422), never an all-working year. */
export class CalendarCoverageError extends UnprocessableError {
  constructor(readonly year: number) {
    super(
      `The working calendar has no data for ${year}: holidays are known from ${FIRST_CALENDAR_YEAR} to ${LAST_CALENDAR_YEAR} (Bộ luật Lao động 2019, Điều 112).`,
      [{ path: 'date', message: `year ${year} is outside the working calendar (${FIRST_CALENDAR_YEAR}–${LAST_CALENDAR_YEAR})` }],
    );
  }
}

const n = (vi: string, en: string): LocalizedName => ({ vi, en });

const NEW_YEAR = n('Tết Dương lịch', "New Year's Day");
const HUNG_KINGS = n('Giỗ Tổ Hùng Vương (10/3 âm lịch)', "Hùng Kings' Commemoration Day (10th day of the 3rd lunar month)");
const VICTORY = n('Ngày Chiến thắng (30/4)', 'Reunification Day (30 April)');
const LABOUR = n('Ngày Quốc tế lao động (1/5)', 'International Labour Day (1 May)');
const NATIONAL_DAY = n('Quốc khánh (2/9)', 'National Day (2 September)');
const NATIONAL_DAY_ADJ = n('Nghỉ lễ Quốc khánh (ngày liền kề)', 'National Day holiday (adjacent day)');
const compensatory = (of: LocalizedName): LocalizedName => n(`Nghỉ bù ${of.vi}`, `Compensatory day off for ${of.en}`);
const tet = (vi: string, en: string): LocalizedName => n(`Tết Nguyên Đán (${vi})`, `Lunar New Year (Tết), ${en}`);

// ---------------------------------------------------------------------------------------
// Announced years: the Prime Minister's decisions, as published.
// ---------------------------------------------------------------------------------------

const ANNOUNCED: Record<number, Omit<CalendarYear, 'year' | 'status'>> = {
  2026: {
    basis: n(
      'Tết và Quốc khánh: quyết định của Thủ tướng Chính phủ (tháng 10/2025, theo đề nghị của Bộ Nội vụ); Tết Dương lịch: Công văn 12729/VPCP-KGVX ngày 25/12/2025',
      "Tết and National Day: the Prime Minister's decision (October 2025, on the Ministry of Home Affairs' proposal); New Year: Government Office letter 12729/VPCP-KGVX of 25 Dec 2025",
    ),
    holidays: [
      { date: '2026-01-01', name: NEW_YEAR },
      { date: '2026-01-02', name: n('Nghỉ Tết Dương lịch (hoán đổi, làm bù thứ Bảy 10/01/2026)', 'New Year holiday (swapped; worked on Saturday 10 Jan 2026)') },
      // Tết Bính Ngọ: lunar New Year's day Tue 17/2/2026; break Sat 14/2 to Sun 22/2.
      { date: '2026-02-16', name: tet('29 tháng Chạp, giao thừa', "Lunar New Year's Eve (29th of the 12th month)") },
      { date: '2026-02-17', name: tet('mùng 1 tháng Giêng', 'day 1') },
      { date: '2026-02-18', name: tet('mùng 2 tháng Giêng', 'day 2') },
      { date: '2026-02-19', name: tet('mùng 3 tháng Giêng', 'day 3') },
      { date: '2026-02-20', name: tet('mùng 4 tháng Giêng', 'day 4') },
      // 10/3 lunar = Sunday 26/4/2026, so Monday 27/4 is the compensatory day (Điều 111(3)).
      { date: '2026-04-26', name: HUNG_KINGS },
      { date: '2026-04-27', name: compensatory(n('Giỗ Tổ Hùng Vương', "the Hùng Kings' Commemoration Day")) },
      { date: '2026-04-30', name: VICTORY },
      { date: '2026-05-01', name: LABOUR },
      { date: '2026-08-31', name: n('Nghỉ lễ Quốc khánh (hoán đổi, làm bù thứ Bảy 22/08/2026)', 'National Day holiday (swapped; worked on Saturday 22 Aug 2026)') },
      { date: '2026-09-01', name: NATIONAL_DAY_ADJ },
      { date: '2026-09-02', name: NATIONAL_DAY },
    ],
    workingWeekendDays: [
      { date: '2026-01-10', replaces: '2026-01-02', name: n('Làm bù cho thứ Sáu 02/01/2026 (Tết Dương lịch)', 'Working day in exchange for Friday 2 Jan 2026 (New Year)') },
      { date: '2026-08-22', replaces: '2026-08-31', name: n('Làm bù cho thứ Hai 31/08/2026 (Quốc khánh)', 'Working day in exchange for Monday 31 Aug 2026 (National Day)') },
    ],
  },
};

/** The years the built-in data transcribes a decision for. */
export const announcedNationalYears = (): number[] => Object.keys(ANNOUNCED).map(Number);

// ---------------------------------------------------------------------------------------
// Computed years: the statutory days and the default Tết and National Day patterns.
// ---------------------------------------------------------------------------------------

const COMPUTED_BASIS = n(
  'Tính theo Bộ luật Lao động 2019, Điều 111(3) và 112 (âm lịch Việt Nam, UTC+7); ngày nghỉ Tết và ngày liền kề Quốc khánh theo quy tắc mặc định, chờ quyết định của Thủ tướng Chính phủ',
  "Computed from Bộ luật Lao động 2019, Điều 111(3) and 112 (Vietnamese lunar calendar, UTC+7); the Tết days and the day next to National Day by the default rule, until the Prime Minister's decision",
);

const WEEKEND = new Set([6, 7]);
const isWeekday = (d: LocalDate) => !WEEKEND.has(isoWeekday(d));

/** Tết, the Hùng Kings' day and the length of the 12th lunar month before Tết, from the generated table. */
export function lunarYear(year: number): { newYear: LocalDate; hungKings: LocalDate; lastMonthDays: number } {
  const entry = LUNAR_TABLE.split(' ')[year - LUNAR_TABLE_FIRST_YEAR];
  if (!entry || year < LUNAR_TABLE_FIRST_YEAR) throw new CalendarCoverageError(year);
  return {
    newYear: `${year}-${entry.slice(0, 2)}-${entry.slice(2, 4)}`,
    hungKings: `${year}-${entry.slice(4, 6)}-${entry.slice(6, 8)}`,
    lastMonthDays: Number(entry.slice(8)),
  };
}

/**
 * The default Tết break (provisional until the Prime Minister decides): the five weekdays from
 * the first weekday on or after the 2nd day before the lunar New Year. It reproduces every
 * decision of 2017–2026 (and the 2027 default): New Year on Monday, Tuesday or Wednesday gives
 * that week's Monday to Friday; on Thursday, Tuesday to the next Monday; on Friday, Saturday or
 * Sunday, two (Sunday: one) weekdays before and the rest after. Weekends inside are listed too.
 */
export function defaultTetBreak(lunarNewYear: LocalDate): LocalDate[] {
  let start = addDays(lunarNewYear, -2);
  while (!isWeekday(start)) start = addDays(start, 1);
  const days: LocalDate[] = [];
  let weekdays = 0;
  for (let d = start; weekdays < 5; d = addDays(d, 1)) {
    days.push(d);
    if (isWeekday(d)) weekdays++;
  }
  return days;
}

/**
 * The default day next to National Day (Điều 112(1)(đ), "01 ngày liền kề trước hoặc sau"): the one
 * that joins the weekend, as decided 2021–2026: after when 2/9 is a Monday, Thursday or Sunday,
 * before otherwise (Wednesday: before, as in 2026).
 */
export function defaultNationalDayAdjacent(year: number): LocalDate {
  const nationalDay = `${year}-09-02`;
  return [1, 4, 7].includes(isoWeekday(nationalDay)) ? addDays(nationalDay, 1) : addDays(nationalDay, -1);
}

function tetName(date: LocalDate, lunarNewYear: LocalDate, lastMonthDays: number): LocalizedName {
  const k = Math.round((Date.parse(date) - Date.parse(lunarNewYear)) / 86_400_000);
  if (k >= 0) return tet(`mùng ${k + 1} tháng Giêng`, `day ${k + 1}`);
  // k days before Tết: the 12th month's last day is its 29th or 30th.
  const day = lastMonthDays + k + 1;
  return addDays(date, 1) === lunarNewYear
    ? tet(`${day} tháng Chạp, giao thừa`, `Lunar New Year's Eve (${day}th of the 12th month)`)
    : tet(`${day} tháng Chạp`, `${day}th of the 12th month`);
}

const computedCache = new Map<number, CalendarYear>();

/** The statutory days off of a year by the default rules, `provisional`. Cached per year. */
export function computedNationalYear(year: number): CalendarYear {
  if (!Number.isInteger(year) || year < FIRST_CALENDAR_YEAR || year > LAST_CALENDAR_YEAR) throw new CalendarCoverageError(year);
  const cached = computedCache.get(year);
  if (cached) return cached;
  const { newYear, hungKings, lastMonthDays } = lunarYear(year);
  const days = new Map<LocalDate, LocalizedName>();
  const single: NamedDate[] = [
    { date: `${year}-01-01`, name: NEW_YEAR },
    { date: hungKings, name: HUNG_KINGS },
    { date: `${year}-04-30`, name: VICTORY },
    { date: `${year}-05-01`, name: LABOUR },
    { date: `${year}-09-02`, name: NATIONAL_DAY },
    { date: defaultNationalDayAdjacent(year), name: NATIONAL_DAY_ADJ },
  ].sort((a, b) => (a.date < b.date ? -1 : 1));
  for (const d of defaultTetBreak(newYear)) days.set(d, tetName(d, newYear, lastMonthDays));
  for (const h of single) days.set(h.date, h.name);
  // Điều 111(3): a holiday on the weekly rest day gives the next working day off, in date order.
  for (const h of single) {
    if (isWeekday(h.date)) continue;
    let d = addDays(h.date, 1);
    while (!isWeekday(d) || days.has(d)) d = addDays(d, 1);
    days.set(d, compensatory(n(h.name.vi.replace(/ \(.*\)$/, ''), h.name.en.replace(/ \(.*\)$/, ''))));
  }
  const result: CalendarYear = {
    year,
    status: 'provisional',
    basis: COMPUTED_BASIS,
    holidays: [...days].map(([date, name]) => ({ date, name })).sort((a, b) => (a.date < b.date ? -1 : 1)),
    workingWeekendDays: [],
  };
  computedCache.set(year, result);
  return result;
}

/** The national year: the announced decision when the built-in data has one, else the computed default. */
export function nationalYear(year: number): CalendarYear {
  const announced = ANNOUNCED[year];
  if (announced) return { year, status: 'announced', ...announced };
  return computedNationalYear(year);
}

/** The national calendar of some years as plain data (tests, the demo). */
export function nationalCalendarData(years: readonly number[]): WorkingCalendarData {
  const parts = years.map(nationalYear);
  return {
    weekendDays: [6, 7],
    holidays: parts.flatMap((p) => p.holidays),
    workingWeekendDays: parts.flatMap((p) => p.workingWeekendDays),
  };
}
