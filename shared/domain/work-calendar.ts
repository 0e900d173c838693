/**
 * The weekly work calendar (lịch công tác tuần): one shape for every dated duty of the
 * regulation (meetings, citizen reception sessions, missions, delegation visits, leave), so the
 * JSON, the printable page and the iCalendar feed show the same events. Pure.
 */
import type { LocalizedText } from '../rulebook/schema.js';
import type { WorkingCalendar } from './calendar.js';
import { addDays, compareLocalDates, isoWeekday, type LocalDate } from './local-time.js';
import type { Period } from './periods.js';

export type CalendarEventKind = 'meeting' | 'reception' | 'mission' | 'visit' | 'leave';

export interface CalendarEvent {
  /** Stable across requests and weeks: the iCalendar UID is built from it. */
  readonly uid: string;
  readonly kind: CalendarEventKind;
  readonly title: LocalizedText;
  readonly detail?: string;
  /** Inclusive local dates. */
  readonly start: LocalDate;
  readonly end: LocalDate;
  /** Local 'HH:mm' on the first day; absent for whole-day events. */
  readonly startTime?: string;
  readonly endTime?: string;
  readonly location?: string;
  /** Who it concerns: chair and participants, host, traveller, hosts of a visit, the person on leave. */
  readonly staffIds: readonly string[];
  /** The units it concerns (holding, receiving, preparing). */
  readonly unitIds: readonly string[];
  /** A department meeting (the board's briefing, the reviews): on every unit's calendar. */
  readonly departmentWide?: boolean;
  /** meeting: held, planned, missed; reception: scheduled, held; mission: training, conference, mission; visit: planned; leave: approved, reported. */
  readonly status: string;
  /** The record behind it. */
  readonly ref: { readonly type: string; readonly id: string };
}

export interface CalendarDay {
  readonly date: LocalDate;
  /** ISO weekday, 1 = Monday. */
  readonly weekday: number;
  readonly working: boolean;
  readonly holiday?: LocalizedText;
}

export function daysOf(week: Period, calendar: WorkingCalendar): CalendarDay[] {
  const days: CalendarDay[] = [];
  for (let date = week.start; compareLocalDates(date, week.end) <= 0; date = addDays(date, 1)) {
    const holiday = calendar.holidayName(date);
    days.push({ date, weekday: isoWeekday(date), working: calendar.isWorkingDay(date), ...(holiday ? { holiday } : {}) });
  }
  return days;
}

/** A year the days belong to: announced (the Prime Minister's decision) or provisional (the computed default). */
export interface CalendarYearStatus {
  readonly year: number;
  readonly status: 'announced' | 'provisional';
  readonly basis?: LocalizedText;
}

/** The status of each year the range touches (a week can span two). */
export function yearsOf(range: { start: LocalDate; end: LocalDate }, calendar: WorkingCalendar): CalendarYearStatus[] {
  const first = Number(range.start.slice(0, 4));
  const last = Number(range.end.slice(0, 4));
  const years: CalendarYearStatus[] = [];
  for (let year = first; year <= last; year++) {
    const basis = calendar.yearLayer(year)?.basis;
    years.push({ year, status: calendar.yearStatus(year), ...(basis ? { basis } : {}) });
  }
  return years;
}

export const overlaps = (e: Pick<CalendarEvent, 'start' | 'end'>, from: LocalDate, to: LocalDate) =>
  compareLocalDates(e.start, to) <= 0 && compareLocalDates(e.end, from) >= 0;

/** The events of one day: whole-day events first, then by time. */
export function eventsOn(events: readonly CalendarEvent[], date: LocalDate): CalendarEvent[] {
  return sortEvents(events.filter((e) => overlaps(e, date, date)));
}

export function sortEvents(events: readonly CalendarEvent[]): CalendarEvent[] {
  return [...events].sort(
    (a, b) =>
      compareLocalDates(a.start, b.start) ||
      (a.startTime ?? '').localeCompare(b.startTime ?? '') ||
      a.kind.localeCompare(b.kind) ||
      a.uid.localeCompare(b.uid),
  );
}

/** An event concerns a unit when it is department-wide, the unit holds, receives or prepares it, or one of its members takes part. */
export function concernsUnit(e: CalendarEvent, unitId: string, members: ReadonlySet<string>): boolean {
  return e.departmentWide === true || e.unitIds.includes(unitId) || e.staffIds.some((id) => members.has(id));
}
