/**
 * The one place a rulebook's calendar becomes a WorkingCalendar. Each year is loaded when first
 * asked: the national days (when `useNationalHolidays`: the built-in announced decision, else the
 * computed default, vietnam-holidays.ts) or the rulebook's own list for a year it marks with
 * days in `calendar.years`, then the organisation's own holidays and swaps of that year on top
 * (mergeCalendars: a later part wins on a date). The year's status is the rulebook's mark, else
 * the national data's; a department that keeps its own calendar is provisional until it marks a year.
 */
import type { Rulebook } from '../rulebook/schema.js';
import { WorkingCalendar, mergeCalendars, type WorkingCalendarData, type YearLayer } from './calendar.js';
import { CalendarCoverageError, FIRST_CALENDAR_YEAR, LAST_CALENDAR_YEAR, nationalYear } from './vietnam-holidays.js';

const OWN_BASIS = { vi: 'Lịch riêng của cơ quan, chưa đánh dấu đã công bố', en: "The department's own calendar, not marked announced" };

export function calendarOf(rulebook: Pick<Rulebook, 'calendar'>): WorkingCalendar {
  const own = rulebook.calendar;
  const marks = new Map(own.years.map((y) => [y.year, y]));
  const inYear = <T extends { date: string }>(list: readonly T[], year: number) => list.filter((d) => d.date.startsWith(`${year}-`));
  const layer = (year: number): YearLayer => {
    if (!Number.isInteger(year) || year < FIRST_CALENDAR_YEAR || year > LAST_CALENDAR_YEAR) throw new CalendarCoverageError(year);
    const mark = marks.get(year);
    const national = own.useNationalHolidays ? nationalYear(year) : undefined;
    const parts: Partial<WorkingCalendarData>[] = [];
    if (mark && (mark.holidays || mark.workingWeekendDays)) {
      parts.push({ holidays: [...(mark.holidays ?? [])], workingWeekendDays: [...(mark.workingWeekendDays ?? [])] });
    } else if (national) {
      parts.push({ holidays: national.holidays, workingWeekendDays: national.workingWeekendDays });
    }
    parts.push({
      holidays: inYear(own.holidays, year).map((h) => ({ date: h.date, name: { ...h.name } })),
      workingWeekendDays: inYear(own.workingWeekendDays, year).map((w) => ({
        date: w.date,
        name: { ...w.name },
        ...(w.replaces === undefined ? {} : { replaces: w.replaces }),
      })),
    });
    const merged = mergeCalendars(...parts);
    return {
      status: mark?.status ?? national?.status ?? 'provisional',
      basis: mark?.basis ?? national?.basis ?? OWN_BASIS,
      holidays: merged.holidays,
      workingWeekendDays: merged.workingWeekendDays,
    };
  };
  return new WorkingCalendar({ weekendDays: [...own.weekendDays], holidays: [], workingWeekendDays: [] }, layer);
}
