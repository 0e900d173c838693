/**
 * Local-time schedules of the compliance checks, and the one function that turns them into
 * EventBridge Scheduler cron expressions. The expressions are evaluated by Scheduler in the
 * organisation's IANA time zone (`Asia/Ho_Chi_Minh`), so they are written in local time and
 * never converted to UTC by hand. `nextFireTime` gives the same schedule's next instant, for the
 * in-process scheduler of `npm start`: both read the one `LocalSchedule`.
 *
 * Scheduler's cron has six fields, `cron(minutes hours day-of-month month day-of-week year)`,
 * one of day-of-month and day-of-week being `?`; `L` in day-of-month is the month's last day.
 * A monthly schedule on day 29-31 fires only in the months that have that day (Scheduler's
 * semantics, kept by `nextFireTime`): use `'last'` for "the last day of the month".
 *
 * Pure: no clock reads.
 */
import { DataRuleError } from './errors.js';
import {
  addDays,
  isoWeekday,
  lastDayOfMonth,
  localDateTimeToInstant,
  parseLocalDate,
  toLocalDate,
  yearMonthOf,
  type IsoWeekday,
  type LocalDate,
} from './local-time.js';

/** Local time of day, `HH:mm` (Scheduler has no seconds; `HH:mm:00` is accepted). */
export type LocalTimeOfDay = string;
export type DayOfMonth = number | 'last';

export type LocalSchedule =
  | { readonly kind: 'daily'; readonly time: LocalTimeOfDay }
  | { readonly kind: 'weekly'; readonly weekday: IsoWeekday; readonly time: LocalTimeOfDay }
  | { readonly kind: 'monthly'; readonly day: DayOfMonth; readonly time: LocalTimeOfDay }
  | { readonly kind: 'yearly'; readonly month: number; readonly day: DayOfMonth; readonly time: LocalTimeOfDay };

export class ScheduleError extends DataRuleError {
  override name = 'ScheduleError';
}

const WEEKDAY_NAMES = ['MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT', 'SUN'] as const;
const DAYS_IN_MONTH_MAX = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function parseTime(time: string): { hour: number; minute: number } {
  const m = /^(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(time);
  if (!m) throw new ScheduleError(`A schedule time must be 'HH:mm', got ${JSON.stringify(time)}`);
  const [hour, minute, second] = [Number(m[1]), Number(m[2]), Number(m[3] ?? 0)];
  if (hour > 23 || minute > 59 || second > 59) throw new ScheduleError(`Not a time of day: ${JSON.stringify(time)}`);
  if (second !== 0) throw new ScheduleError(`Scheduler runs on whole minutes; ${time} has seconds`);
  return { hour, minute };
}

function checkDay(day: DayOfMonth, maxDay = 31): void {
  if (day === 'last') return;
  if (!Number.isInteger(day) || day < 1 || day > maxDay) {
    throw new ScheduleError(`Day of month must be 1-${maxDay} or 'last', got ${String(day)}`);
  }
}

/** Throws ScheduleError when the schedule cannot be expressed (bad time, day, weekday or month). */
export function validateLocalSchedule(schedule: LocalSchedule): void {
  parseTime(schedule.time);
  switch (schedule.kind) {
    case 'daily':
      return;
    case 'weekly':
      if (!Number.isInteger(schedule.weekday) || schedule.weekday < 1 || schedule.weekday > 7) {
        throw new ScheduleError(`Weekday must be 1 (Monday) to 7 (Sunday), got ${String(schedule.weekday)}`);
      }
      return;
    case 'monthly':
      checkDay(schedule.day);
      return;
    case 'yearly': {
      if (!Number.isInteger(schedule.month) || schedule.month < 1 || schedule.month > 12) {
        throw new ScheduleError(`Month must be 1-12, got ${String(schedule.month)}`);
      }
      // 29 February would fire one year in four: say 'last' instead.
      checkDay(schedule.day, schedule.month === 2 ? 28 : DAYS_IN_MONTH_MAX[schedule.month - 1]);
      return;
    }
  }
}

/**
 * The EventBridge Scheduler expression of a local schedule, to be used with the organisation's
 * time zone: "the 15th at 00:05" is `cron(5 0 15 * ? *)`, "the last day of the month at 23:59"
 * is `cron(59 23 L * ? *)`, "every Friday at 16:00" is `cron(0 16 ? * FRI *)`.
 */
export function toSchedulerCron(schedule: LocalSchedule): string {
  validateLocalSchedule(schedule);
  const { hour, minute } = parseTime(schedule.time);
  const day = (d: DayOfMonth) => (d === 'last' ? 'L' : String(d));
  switch (schedule.kind) {
    case 'daily':
      return `cron(${minute} ${hour} * * ? *)`;
    case 'weekly':
      return `cron(${minute} ${hour} ? * ${WEEKDAY_NAMES[schedule.weekday - 1]} *)`;
    case 'monthly':
      return `cron(${minute} ${hour} ${day(schedule.day)} * ? *)`;
    case 'yearly':
      return `cron(${minute} ${hour} ${day(schedule.day)} ${schedule.month} ? *)`;
  }
}

function firesOn(schedule: LocalSchedule, date: LocalDate): boolean {
  const { month, day } = parseLocalDate(date);
  const dayMatches = (d: DayOfMonth) => (d === 'last' ? date === lastDayOfMonth(yearMonthOf(date)) : d === day);
  switch (schedule.kind) {
    case 'daily':
      return true;
    case 'weekly':
      return isoWeekday(date) === schedule.weekday;
    case 'monthly':
      return dayMatches(schedule.day);
    case 'yearly':
      return month === schedule.month && dayMatches(schedule.day);
  }
}

/** The first instant strictly after `after` at which the schedule fires, in the time zone. */
export function nextFireTime(schedule: LocalSchedule, after: Date, timeZone: string): Date {
  validateLocalSchedule(schedule);
  const { hour, minute } = parseTime(schedule.time);
  const time = `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
  const start = toLocalDate(after, timeZone);
  // A yearly schedule fires within 366 days; every other kind sooner.
  for (let i = 0; i <= 367; i++) {
    const date = addDays(start, i);
    if (!firesOn(schedule, date)) continue;
    const instant = localDateTimeToInstant(date, time, timeZone);
    if (instant.getTime() > after.getTime()) return instant;
  }
  throw new ScheduleError(`No fire time within a year for ${JSON.stringify(schedule)}`);
}

/** A readable description, for logs and the CLI: "monthly on the last day at 23:59". */
export function describeSchedule(schedule: LocalSchedule): string {
  const day = (d: DayOfMonth) => (d === 'last' ? 'the last day' : `day ${d}`);
  switch (schedule.kind) {
    case 'daily':
      return `daily at ${schedule.time}`;
    case 'weekly':
      return `weekly on ${WEEKDAY_NAMES[schedule.weekday - 1]} at ${schedule.time}`;
    case 'monthly':
      return `monthly on ${day(schedule.day)} at ${schedule.time}`;
    case 'yearly':
      return `yearly on ${day(schedule.day)} of month ${schedule.month} at ${schedule.time}`;
  }
}
