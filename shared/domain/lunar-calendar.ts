/**
 * The Vietnamese lunar calendar, computed: `date-chinese`'s CalendarVietnamese, which computes on
 * the UTC+7 meridian (Vietnam's since 1968). A computation takes ~10 ms and the library ~160 KB
 * of planetary tables, so the running code never loads this module: it reads the few dates it
 * needs from lunar-dates.ts, which scripts/lunar-table.ts generates from here and
 * test/unit/calendar-years.test.ts checks against here for every year.
 */
import { CalendarVietnamese } from 'date-chinese';
import { addDays, type LocalDate } from './local-time.js';

const pad = (v: number) => String(v).padStart(2, '0');

/** The Gregorian date of a lunar day of the lunar year that begins in Gregorian `year`. */
export function lunarToSolar(year: number, month: number, day: number): LocalDate {
  const cal = new CalendarVietnamese();
  cal.fromJDE(cal.newYear(year));
  const [cycle, cycleYear] = cal.get();
  const g = new CalendarVietnamese(cycle, cycleYear, month, 0, day).toGregorian(year);
  return `${g.year}-${pad(g.month)}-${pad(g.day)}`;
}

/** The lunar day of a Gregorian date. */
export function lunarDayOf(date: LocalDate): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new CalendarVietnamese().fromGregorian(y, m, d).get()[4];
}

/** What the holidays of a Gregorian year need from the lunar calendar. */
export interface LunarYearFacts {
  /** Tết: the 1st day of the 1st lunar month. */
  readonly newYear: LocalDate;
  /** Giỗ Tổ Hùng Vương: the 10th day of the 3rd lunar month. */
  readonly hungKings: LocalDate;
  /** Days of the 12th lunar month that ends the day before Tết (29 or 30). */
  readonly lastMonthDays: number;
}

export function lunarYearFacts(year: number): LunarYearFacts {
  const newYear = lunarToSolar(year, 1, 1);
  return { newYear, hungKings: lunarToSolar(year, 3, 10), lastMonthDays: lunarDayOf(addDays(newYear, -1)) };
}
