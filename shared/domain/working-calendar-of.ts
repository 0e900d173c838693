/**
 * The one place a rulebook's calendar becomes a WorkingCalendar: the national holidays and
 * swaps (when `useNationalHolidays`) first, then the organisation's own, which can correct them
 * (mergeCalendars: a later part wins on a date, and its weekend days replace the default).
 */
import type { Rulebook } from '../rulebook/schema.js';
import { WorkingCalendar, mergeCalendars, type WorkingCalendarData } from './calendar.js';
import { vietnamNationalCalendar } from './vietnam-holidays.js';

export function calendarOf(rulebook: Pick<Rulebook, 'calendar'>): WorkingCalendar {
  const own = rulebook.calendar;
  const parts: Partial<WorkingCalendarData>[] = own.useNationalHolidays ? [vietnamNationalCalendar] : [];
  parts.push({
    weekendDays: [...own.weekendDays],
    holidays: own.holidays.map((h) => ({ date: h.date, name: { ...h.name } })),
    workingWeekendDays: own.workingWeekendDays.map((w) => ({
      date: w.date,
      name: { ...w.name },
      ...(w.replaces === undefined ? {} : { replaces: w.replaces }),
    })),
  });
  return new WorkingCalendar(mergeCalendars(...parts));
}
