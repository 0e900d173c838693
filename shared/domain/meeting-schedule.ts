/**
 * The meetings the rulebook expects (M1 weekly briefing, M2 semi-annual and annual reviews, M4
 * monthly unit meetings), generated from `meetingObligations[].schedule`, never typed in. Pure:
 * the calendar, the units and the range are passed in, so the compliance engine (issue #6) and
 * the API get the same answer for the same question.
 *
 * - weekly: the given weekday of each ISO week; on a non-working day `previous-working-day` takes
 *   the last working day before it and `next-working-day` the first after it, both within the same
 *   week (none left, as in the Tết week: no meeting is expected that week). Listed when the
 *   expected day falls in the range; the whole ISO week counts as its window.
 * - monthly: one per unit of `unitKinds` in each calendar month, listed when the month overlaps the range.
 * - yearly-window: once between startMonth and endMonth (endMonth < startMonth runs into the next
 *   year; the occurrence is named by the year the window starts), listed when the window overlaps the range.
 * - ad-hoc: never expected; only the conclusions rule (M3) applies to them.
 *
 * Go-live: a window that closed by the organisation's go-live day expects nothing; one still open
 * after it does (a weekly meeting only when its day is not before go-live).
 */
import type { LocalizedText, MeetingKind, MeetingObligation } from '../rulebook/schema.js';
import type { LocalizedName, WorkingCalendar } from './calendar.js';
import { ValidationError } from './errors.js';
import { addDays, compareLocalDates, daysBetween, endOfLocalDay, formatLocalDate, lastDayOfMonth, parseLocalDate, type LocalDate } from './local-time.js';
import type { MeetingLevel } from './meeting.js';
import type { Unit } from './organisation.js';
import { countsFromGoLive, deadlineCountsFromGoLive, periodsOverlapping, type LocalDateRange } from './periods.js';

export interface ExpectedMeeting {
  /** Stable: `${obligationId}|${occurrence}|${unitId}`. */
  readonly key: string;
  readonly obligationId: string;
  readonly rule: string;
  readonly article: string;
  readonly kind: MeetingKind;
  readonly title: LocalizedText;
  readonly level: MeetingLevel;
  /** The unit that holds it; the board unit for department meetings. */
  readonly unitId: string;
  /** The period it belongs to: `2026-W18`, `2026-05`, or the year its window starts (`2026`). */
  readonly occurrence: string;
  /** The days on which holding it counts. */
  readonly window: LocalDateRange;
  /** Weekly meetings: the day it is expected. */
  readonly expectedOn?: LocalDate;
  /** When a day off moved it: the scheduled day and why. */
  readonly movedFrom?: LocalDate;
  readonly movedBecause?: LocalizedName;
  readonly conclusionWorkingDays: number;
}

/** Longest range one call may ask for: a year and a bit. */
export const MAX_SCHEDULE_DAYS = 400;

export interface ScheduleInput {
  readonly obligations: readonly MeetingObligation[];
  readonly units: readonly Unit[];
  readonly calendar: WorkingCalendar;
  readonly range: LocalDateRange;
  /** The organisation's go-live date (see `countsFromGoLive`). */
  readonly goLiveOn?: LocalDate | undefined;
}

export function checkScheduleRange(range: LocalDateRange): void {
  const span = daysBetween(range.start, range.end);
  if (span < 0) throw new ValidationError('The range ends before it starts.', [{ path: 'query.to', message: 'must be on or after from' }]);
  if (span >= MAX_SCHEDULE_DAYS) {
    throw new ValidationError(`Ask for at most ${MAX_SCHEDULE_DAYS} days at a time.`, [{ path: 'query.to', message: `must be within ${MAX_SCHEDULE_DAYS - 1} days of from` }]);
  }
}

const overlaps = (a: LocalDateRange, b: LocalDateRange) => compareLocalDates(a.start, b.end) <= 0 && compareLocalDates(b.start, a.end) <= 0;
const within = (d: LocalDate, r: LocalDateRange) => compareLocalDates(r.start, d) <= 0 && compareLocalDates(d, r.end) <= 0;

export function expectedMeetings(input: ScheduleInput): ExpectedMeeting[] {
  const { obligations, units, calendar, range } = input;
  checkScheduleRange(range);
  const board = units.find((u) => u.kind === 'board');
  const out: { sortOn: LocalDate; order: number; item: ExpectedMeeting }[] = [];
  obligations.forEach((o, index) => {
    if (o.schedule.kind === 'ad-hoc') return;
    const holders: { level: MeetingLevel; unit: Unit }[] =
      o.scope === 'unit'
        ? units.filter((u) => u.kind !== 'board' && (o.unitKinds ?? []).includes(u.kind)).map((unit) => ({ level: 'unit', unit }))
        : board
          ? [{ level: 'department', unit: board }]
          : [];
    const occurrences = occurrencesOf(o, calendar, range).filter(
      (occ) => deadlineCountsFromGoLive(occ.window.end, input.goLiveOn) && countsFromGoLive(occ.expectedOn ?? occ.window.end, input.goLiveOn),
    );
    holders.forEach(({ level, unit }, u) => {
      for (const occ of occurrences) {
        out.push({
          sortOn: occ.expectedOn ?? occ.window.start,
          order: index * 1000 + u,
          item: {
            key: `${o.id}|${occ.occurrence}|${unit.id}`,
            obligationId: o.id,
            rule: o.rule,
            article: o.article,
            kind: o.kind,
            title: o.title,
            level,
            unitId: unit.id,
            ...occ,
            conclusionWorkingDays: o.conclusionWorkingDays,
          },
        });
      }
    });
  });
  return out
    .sort((a, b) => compareLocalDates(a.sortOn, b.sortOn) || a.order - b.order)
    .map((x) => x.item);
}

type Occurrence = Pick<ExpectedMeeting, 'occurrence' | 'window' | 'expectedOn' | 'movedFrom' | 'movedBecause'>;

function occurrencesOf(o: MeetingObligation, calendar: WorkingCalendar, range: LocalDateRange): Occurrence[] {
  const schedule = o.schedule;
  switch (schedule.kind) {
    case 'weekly':
      return periodsOverlapping('week', range).flatMap((week) => {
        const scheduled = addDays(week.start, schedule.weekday - 1);
        const expectedOn =
          schedule.nonWorkingDay === 'keep'
            ? scheduled
            : schedule.nonWorkingDay === 'previous-working-day'
              ? calendar.lastWorkingDayIn({ start: week.start, end: scheduled })
              : calendar.firstWorkingDayIn({ start: scheduled, end: week.end });
        if (expectedOn === undefined || !within(expectedOn, range)) return [];
        const moved = expectedOn !== scheduled;
        const because = moved ? calendar.holidayName(scheduled) : undefined;
        return [
          {
            occurrence: week.id,
            window: { start: week.start, end: week.end },
            expectedOn,
            ...(moved ? { movedFrom: scheduled } : {}),
            ...(because ? { movedBecause: because } : {}),
          },
        ];
      });
    case 'monthly':
      return periodsOverlapping('month', range).map((month) => ({ occurrence: month.id, window: { start: month.start, end: month.end } }));
    case 'yearly-window': {
      const out: Occurrence[] = [];
      for (let year = parseLocalDate(range.start).year - 1; year <= parseLocalDate(range.end).year; year++) {
        const endYear = schedule.endMonth < schedule.startMonth ? year + 1 : year;
        const window = {
          start: formatLocalDate(year, schedule.startMonth, 1),
          end: lastDayOfMonth(`${String(endYear).padStart(4, '0')}-${String(schedule.endMonth).padStart(2, '0')}`),
        };
        if (overlaps(window, range)) out.push({ occurrence: String(year), window });
      }
      return out;
    }
    case 'ad-hoc':
      return [];
  }
}

/** What the schedule needs of a recorded meeting. */
export interface HeldMeeting {
  readonly id: string;
  readonly kind: MeetingKind;
  readonly unitId: string;
  readonly heldOn: LocalDate;
  readonly conclusions?: { readonly issuedAt: string; readonly onTime: boolean };
}

/** held; pending while its window is open; missed once the window's last day has ended. */
export type ExpectedStatus = 'held' | 'pending' | 'missed';

export interface ExpectedMeetingStatus extends ExpectedMeeting {
  readonly status: ExpectedStatus;
  /** The meetings of that kind and unit held within the window, earliest first. */
  readonly meetings: readonly HeldMeeting[];
  /**
   * Held, but none on its expected day (M1, Điều 11.1 "vào thứ 6 hàng tuần": the Friday, or the
   * working day the rulebook moved it to): held off schedule. Only schedules with a day have one.
   */
  readonly offSchedule?: true;
}

export function matchHeld(expected: readonly ExpectedMeeting[], held: readonly HeldMeeting[], now: Date, timeZone: string): ExpectedMeetingStatus[] {
  return expected.map((e) => {
    const meetings = held
      .filter((m) => m.kind === e.kind && m.unitId === e.unitId && within(m.heldOn, e.window))
      .sort((a, b) => compareLocalDates(a.heldOn, b.heldOn) || (a.id < b.id ? -1 : 1));
    const status: ExpectedStatus = meetings.length > 0 ? 'held' : now.getTime() > endOfLocalDay(e.window.end, timeZone).getTime() ? 'missed' : 'pending';
    const offSchedule = status === 'held' && e.expectedOn !== undefined && !meetings.some((m) => m.heldOn === e.expectedOn);
    return { ...e, status, meetings, ...(offSchedule ? { offSchedule: true as const } : {}) };
  });
}

/** The days a query must read to judge `expected`: from the earliest window start to the latest end. */
export function spanOf(expected: readonly ExpectedMeeting[], fallback: LocalDateRange): LocalDateRange {
  if (expected.length === 0) return fallback;
  let { start, end } = expected[0]!.window;
  for (const e of expected) {
    if (compareLocalDates(e.window.start, start) < 0) start = e.window.start;
    if (compareLocalDates(e.window.end, end) > 0) end = e.window.end;
  }
  return { start, end };
}
