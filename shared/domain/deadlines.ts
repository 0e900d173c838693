/**
 * Deadlines and data cut-offs of the rulebook's rules, resolved to instants in the
 * organisation's time zone. Pure: the calendar and the zone are passed in.
 *
 * The kinds (shared/rulebook/schema.ts):
 * - weekday-in-period: that ISO weekday of the ISO week, at `time`; then `nonWorkingDay`.
 * - working-day-of-period: the `day`-th working day of the period, at `time`; a period with fewer
 *   working days has its last one (a programme is never due after the period it plans).
 * - period-end: the period's last calendar day, at `time`; then `nonWorkingDay`.
 * - working-days-after-period-end: the `days`-th working day after the period's last day, at `time`.
 * - day-of-month: day `day` of the period's (last) month, or of `month` of a yearly period's year,
 *   its last day when shorter; with `strictlyBefore` the day before it ("trước ngày 15": the 14th);
 *   at `time`; then `nonWorkingDay`.
 * - day-before-period: the day before the period's first day, at `time`; then `nonWorkingDay`
 *   (a plan due before the period it plans, P1).
 * - working-days-after-event: the `days`-th working day after the event's local date; 0: the
 *   event's day when it is a working day, else the next working day; at `time`.
 *
 * `nonWorkingDay`: keep (the literal reading), previous-working-day (the last working day before
 * it) or next-working-day (the first after it). The search may leave the period: a Monday
 * holiday moves a Monday deadline to the Friday before. Whether a period with no working day
 * at all owes anything is the obligation generator's call, not this module's.
 *
 * A time of '23:59:59' is that whole second: `isOnTime` compares at second precision.
 */
import { DataRuleError } from './errors.js';
import type { DataCutOff, DeadlineRule, NonWorkingDayPolicy } from '../rulebook/schema.js';
import { NoWorkingDayError, type WorkingCalendar } from './calendar.js';
import {
  addDays,
  endOfLocalDay,
  formatLocalDate,
  lastDayOfMonth,
  localDateTimeToInstant,
  parseLocalDate,
  yearMonthOf,
  type LocalDate,
} from './local-time.js';
import type { Period } from './periods.js';

/** A rule applied where it cannot be: no period for a period rule, a week for a monthly rule... */
export class DeadlineRuleError extends DataRuleError {
  override name = 'DeadlineRuleError';
}

export interface DeadlineContext {
  /** Required by every period rule. */
  period?: Period;
  /** Required by the event rules (the event's local date). */
  eventDate?: LocalDate;
}

/** The instant an act governed by `rule` is due. */
export function resolveDeadline(
  rule: DeadlineRule,
  context: DeadlineContext,
  calendar: WorkingCalendar,
  timeZone: string,
): Date {
  return localDateTimeToInstant(resolveDeadlineDate(rule, context, calendar), rule.time, timeZone);
}

/** The local date of the deadline (before its time of day is applied). */
export function resolveDeadlineDate(rule: DeadlineRule, context: DeadlineContext, calendar: WorkingCalendar): LocalDate {
  switch (rule.kind) {
    case 'weekday-in-period': {
      const period = requirePeriod(`a '${rule.kind}' deadline`, context);
      if (period.kind !== 'week') {
        throw new DeadlineRuleError(`'weekday-in-period' needs a week, got ${period.kind} ${period.id}`);
      }
      return applyPolicy(addDays(period.start, rule.weekday - 1), rule.nonWorkingDay, calendar);
    }
    case 'working-day-of-period': {
      const period = requirePeriod(`a '${rule.kind}' deadline`, context);
      const first = calendar.firstWorkingDayIn(period);
      if (first === undefined) throw new NoWorkingDayError(`${period.id} has no working day, so no working day ${rule.day} of it`);
      const nth = calendar.addWorkingDays(first, rule.day - 1);
      return nth > period.end ? (calendar.lastWorkingDayIn(period) ?? first) : nth;
    }
    case 'period-end': {
      const period = requirePeriod(`a '${rule.kind}' deadline`, context);
      return applyPolicy(period.end, rule.nonWorkingDay, calendar);
    }
    case 'working-days-after-period-end': {
      const period = requirePeriod(`a '${rule.kind}' deadline`, context);
      return calendar.addWorkingDays(period.end, rule.days);
    }
    case 'day-of-month': {
      const period = requirePeriod(`a '${rule.kind}' deadline`, context);
      if (period.kind === 'week') {
        throw new DeadlineRuleError(`'day-of-month' does not fit a week (${period.id})`);
      }
      if (rule.month !== undefined && period.kind !== 'year') {
        throw new DeadlineRuleError(`a month of the year fits a yearly period only (${period.id})`);
      }
      const day = dayOfMonthIn(period, rule.day, rule.month);
      return applyPolicy(rule.strictlyBefore ? addDays(day, -1) : day, rule.nonWorkingDay, calendar);
    }
    case 'day-before-period': {
      const period = requirePeriod(`a '${rule.kind}' deadline`, context);
      return applyPolicy(addDays(period.start, -1), rule.nonWorkingDay, calendar);
    }
    case 'working-days-after-event': {
      if (context.eventDate === undefined) {
        throw new DeadlineRuleError(`a '${rule.kind}' deadline needs the event's date, and none was given`);
      }
      parseLocalDate(context.eventDate);
      return rule.days === 0 ? calendar.onOrAfter(context.eventDate) : calendar.addWorkingDays(context.eventDate, rule.days);
    }
  }
}

/** Cut-off for a cut-off rule: the last instant whose data the report must cover. */
export function resolveDataCutOff(cutOff: DataCutOff, context: { period?: Period; dueAt: Date }, timeZone: string): Date {
  switch (cutOff.kind) {
    // Work up to the moment it is due.
    case 'at-deadline':
      return new Date(context.dueAt.getTime());
    // The whole calendar period, to its last millisecond.
    case 'period-end':
      return endOfLocalDay(requirePeriod(`a '${cutOff.kind}' data cut-off`, context).end, timeZone);
    // Up to the end of day `day` of the period's last month (Nghị định 09/2019/NĐ-CP style).
    case 'day-of-month': {
      const period = requirePeriod(`a '${cutOff.kind}' data cut-off`, context);
      if (period.kind === 'week') throw new DeadlineRuleError(`a 'day-of-month' cut-off does not fit a week (${period.id})`);
      return endOfLocalDay(dayOfMonthIn(period, cutOff.day), timeZone);
    }
  }
}

/**
 * On time when submitted no later than the due second: for a 23:59:59 deadline, 23:59:59.999
 * is on time and 00:00:00.000 the next day is late.
 */
export function isOnTime(submittedAt: Date, dueAt: Date): boolean {
  return Math.floor(submittedAt.getTime() / 1000) <= Math.floor(dueAt.getTime() / 1000);
}

function requirePeriod(what: string, context: { period?: Period }): Period {
  if (context.period === undefined) throw new DeadlineRuleError(`${what} needs a period, and none was given`);
  return context.period;
}

/** Day `day` of the period's last month (or of `month` of its year), or that month's last day when it is shorter. */
function dayOfMonthIn(period: Period, day: number, monthOfYear?: number): LocalDate {
  const yearMonth = monthOfYear === undefined ? yearMonthOf(period.end) : `${period.end.slice(0, 4)}-${String(monthOfYear).padStart(2, '0')}`;
  const last = lastDayOfMonth(yearMonth);
  const { year, month, day: lastDay } = parseLocalDate(last);
  return formatLocalDate(year, month, Math.min(day, lastDay));
}

function applyPolicy(date: LocalDate, policy: NonWorkingDayPolicy, calendar: WorkingCalendar): LocalDate {
  switch (policy) {
    case 'keep':
      return date;
    case 'previous-working-day':
      return calendar.onOrBefore(date);
    case 'next-working-day':
      return calendar.onOrAfter(date);
  }
}
