/**
 * M1 (Điều 11.1: the board's weekly briefing), M2 (Điều 3.4, 11.1: the semi-annual and annual
 * reviews) and M4 (Điều 11.4: each unit's monthly meeting). The rulebook's schedule
 * (`expectedMeetings`) is judged once a meeting's window has closed (`matchHeld`): not held in it
 * is a finding for whoever answers for holding it; a meeting held in the window but recorded after
 * the finding puts it right, at the time it was recorded. Pure.
 */
import type { MeetingSchedule } from '../../rulebook/schema.js';
import { endOfLocalDay, formatInstant, formatLocalDate, lastDayOfMonth, parseLocalDate, type LocalDate } from '../local-time.js';
import type { ExpectedMeeting, ExpectedMeetingStatus } from '../meeting-schedule.js';
import { periodContaining, previousPeriod, type LocalDateRange } from '../periods.js';
import type { LocalSchedule } from '../schedule-cron.js';
import type { Clearance, Observation } from './outcome.js';
import { DAILY_CHECK_TIME } from './periodic.js';

export interface Subject {
  readonly staffId: string;
  readonly unitId: string;
}

export interface ExpectedMeetingsCheck {
  /** The expected meetings of closed windows, matched with the meetings held in them. */
  readonly statuses: readonly ExpectedMeetingStatus[];
  /** When each held meeting was recorded, by meeting id. */
  readonly recordedAt: ReadonlyMap<string, Date>;
  /** Who answers for holding it: the director for the board's meetings, a unit's head for its own. */
  readonly subjectOf: (expected: ExpectedMeeting) => Subject | undefined;
  readonly timeZone: string;
}

/**
 * The window of the schedule's occurrence that most recently closed before `today`: the week or
 * month before, or the latest yearly window whose last day is past. None for ad-hoc meetings.
 */
export function latestClosedWindow(schedule: MeetingSchedule, today: LocalDate): LocalDateRange | undefined {
  switch (schedule.kind) {
    case 'weekly':
    case 'monthly': {
      const { start, end } = previousPeriod(periodContaining(schedule.kind === 'weekly' ? 'week' : 'month', today));
      return { start, end };
    }
    case 'yearly-window': {
      const { year } = parseLocalDate(today);
      for (let y = year; y >= year - 2; y--) {
        const endYear = schedule.endMonth < schedule.startMonth ? y + 1 : y;
        const end = lastDayOfMonth(`${String(endYear).padStart(4, '0')}-${String(schedule.endMonth).padStart(2, '0')}`);
        if (end < today) return { start: formatLocalDate(y, schedule.startMonth, 1), end };
      }
      return undefined;
    }
    case 'ad-hoc':
      return undefined;
  }
}

/**
 * When to judge a meeting schedule: just after each window closes, so a meeting held on its last
 * day counts: weekly on Monday, monthly on the 1st, a yearly window on the 1st of the month after.
 */
export function closedWindowCheckSchedule(schedule: MeetingSchedule): LocalSchedule | undefined {
  switch (schedule.kind) {
    case 'weekly':
      return { kind: 'weekly', weekday: 1, time: DAILY_CHECK_TIME };
    case 'monthly':
      return { kind: 'monthly', day: 1, time: DAILY_CHECK_TIME };
    case 'yearly-window':
      return { kind: 'yearly', month: (schedule.endMonth % 12) + 1, day: 1, time: DAILY_CHECK_TIME };
    case 'ad-hoc':
      return undefined;
  }
}

/**
 * The identity suffix (and `facts.held`) of "held off schedule" (M1, Điều 11.1 "vào thứ 6 hàng
 * tuần"): held in its week, but not on its day. A finding of its own, lighter than not held: the
 * meeting took place, so it never escalates and the sentence says only which day it was.
 */
export const OFF_SCHEDULE = 'off-schedule';

const whatOf = (e: ExpectedMeeting) => `The ${e.title.en.toLowerCase()}${e.level === 'unit' ? ` of unit ${e.unitId}` : ''}`;
const whenOf = (e: ExpectedMeeting) =>
  e.expectedOn
    ? `it was expected on ${e.expectedOn}${e.movedFrom ? ` (moved from ${e.movedFrom}${e.movedBecause ? `, ${e.movedBecause.en}` : ''})` : ''}`
    : `it was due between ${e.window.start} and ${e.window.end}`;
const factsOf = (e: ExpectedMeeting) => ({
  obligationId: e.obligationId,
  kind: e.kind,
  title: e.title,
  unitId: e.unitId,
  window: e.window,
  ...(e.expectedOn ? { expectedOn: e.expectedOn } : {}),
  ...(e.movedFrom ? { movedFrom: e.movedFrom } : {}),
  ...(e.movedBecause ? { movedBecause: e.movedBecause } : {}),
});

export function evaluateExpectedMeetings(check: ExpectedMeetingsCheck): { observations: Observation[]; clearances: Clearance[] } {
  const observations: Observation[] = [];
  const clearances: Clearance[] = [];
  const local = (d: Date) => formatInstant(d, check.timeZone);
  for (const e of check.statuses) {
    if (e.status === 'held') {
      const onDay = e.meetings.find((m) => m.heldOn === e.expectedOn);
      const first = onDay ?? e.meetings[0]!;
      const recordedAt = check.recordedAt.get(first.id) ?? endOfLocalDay(first.heldOn, check.timeZone);
      const putRight = { at: recordedAt, resolution: 'put-right' as const, note: `Held on ${first.heldOn} (meeting ${first.id}), recorded at ${local(recordedAt)}.` };
      clearances.push({ identity: [e.key], putRight });
      // Held on its day after all (recorded late): an off-schedule finding is put right too.
      if (!e.offSchedule) {
        if (e.expectedOn) clearances.push({ identity: [e.key, OFF_SCHEDULE], putRight });
        continue;
      }
      const subject = check.subjectOf(e);
      if (!subject || !e.expectedOn) continue;
      observations.push({
        identity: [e.key, OFF_SCHEDULE],
        subjectId: subject.staffId,
        unitId: e.unitId,
        period: e.occurrence,
        ref: first.id,
        dueAt: endOfLocalDay(e.expectedOn, check.timeZone),
        detail: `${whatOf(e)} (${e.occurrence}) was held off schedule, on ${first.heldOn}: ${whenOf(e)}.`,
        facts: { ...factsOf(e), held: OFF_SCHEDULE, heldOn: first.heldOn, meetingId: first.id },
      });
      continue;
    }
    if (e.status !== 'missed') continue;
    const subject = check.subjectOf(e);
    if (!subject) continue;
    observations.push({
      identity: [e.key],
      subjectId: subject.staffId,
      unitId: e.unitId,
      period: e.occurrence,
      dueAt: endOfLocalDay(e.window.end, check.timeZone),
      detail: `${whatOf(e)} (${e.occurrence}) was not held: ${whenOf(e)}.`,
      facts: { ...factsOf(e), held: false },
    });
  }
  return { observations, clearances };
}

/** The window an open finding judged (its facts), to judge it again. */
export function windowOfFinding(facts: Readonly<Record<string, unknown>>): LocalDateRange | undefined {
  const w = facts.window as { start?: unknown; end?: unknown } | undefined;
  return w && typeof w.start === 'string' && typeof w.end === 'string' ? { start: w.start, end: w.end } : undefined;
}
