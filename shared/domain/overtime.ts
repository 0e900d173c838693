/**
 * Overtime and weekend work (W1, Điều 19.1), pure. The working day is `workingTime.hoursPerDay`
 * hours; whoever works beyond it, or is given work on a Saturday or Sunday, notifies the holder
 * of `workingTime.overtimeNotify` (the chief of office). The tracker keeps the notices so the
 * office can list them by unit and month.
 */
import type { Rulebook } from '../rulebook/schema.js';
import type { WorkingCalendar } from './calendar.js';
import { ConflictError, UnprocessableError, ValidationError, type FieldIssue } from './errors.js';
import { compareLocalDates, isoWeekday, type LocalDate } from './local-time.js';

export type WorkingTimeRule = NonNullable<Rulebook['workingTime']>;

export interface OvertimeNotice {
  readonly id: string;
  readonly orgId: string;
  readonly staffId: string;
  readonly unitId: string;
  readonly date: LocalDate;
  readonly hours: number;
  readonly reason: string;
  /** A Saturday or Sunday (the organisation's weekend days). */
  readonly weekend: boolean;
  /** Not a working day on the calendar (weekend or holiday, unless swapped to a working day). */
  readonly nonWorkingDay: boolean;
  /** Notified on or before the day worked. */
  readonly notifiedInAdvance: boolean;
  readonly notifiedRole: string;
  readonly notifiedTo: readonly string[];
  readonly rule: string;
  readonly article: string;
  readonly status: 'notified' | 'acknowledged';
  readonly acknowledgedBy?: string;
  readonly acknowledgedAt?: string;
  readonly acknowledgementNote?: string;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly version: number;
}

export interface NewOvertime {
  readonly id: string;
  readonly orgId: string;
  readonly staffId: string;
  readonly unitId: string;
  readonly date: LocalDate;
  readonly hours: number;
  readonly reason: string;
  /** What the notifier says; checked against the calendar. */
  readonly weekend?: boolean;
  readonly notifiedTo: readonly string[];
}

export function createOvertime(
  rule: WorkingTimeRule | undefined,
  input: NewOvertime,
  calendar: WorkingCalendar,
  today: LocalDate,
  now: Date,
): OvertimeNotice {
  if (!rule) throw new UnprocessableError('This organisation’s rulebook has no working-time rule (W1): there is nobody to notify.');
  const cite = `${rule.rule}, ${rule.article}`;
  const issues: FieldIssue[] = [];
  const reason = input.reason.trim();
  if (!reason) issues.push({ path: 'body.reason', message: 'required' });
  const weekend = calendar.data.weekendDays.includes(isoWeekday(input.date));
  const nonWorkingDay = !calendar.isWorkingDay(input.date);
  if (input.weekend !== undefined && input.weekend !== weekend) {
    issues.push({ path: 'body.weekend', message: `${input.date} is ${weekend ? '' : 'not '}a weekend day` });
  }
  const maxHours = nonWorkingDay ? 24 : 24 - rule.hoursPerDay;
  if (input.hours > maxHours) {
    issues.push({
      path: 'body.hours',
      message: nonWorkingDay
        ? 'at most 24 hours in a day'
        : `${input.date} is a working day of ${rule.hoursPerDay} hours: at most ${maxHours} hours beyond it (${cite})`,
    });
  }
  if (issues.length) throw new ValidationError(`The overtime notice is not valid (${cite}).`, issues);
  const at = now.toISOString();
  return {
    id: input.id,
    orgId: input.orgId,
    staffId: input.staffId,
    unitId: input.unitId,
    date: input.date,
    hours: input.hours,
    reason,
    weekend,
    nonWorkingDay,
    notifiedInAdvance: compareLocalDates(today, input.date) <= 0,
    notifiedRole: rule.overtimeNotify,
    notifiedTo: input.notifiedTo,
    rule: rule.rule,
    article: rule.article,
    status: 'notified',
    createdAt: at,
    updatedAt: at,
    version: 1,
  };
}

export function acknowledgeOvertime(o: OvertimeNotice, input: { by: string; note?: string }, now: Date): OvertimeNotice {
  if (o.status === 'acknowledged') throw new ConflictError('The overtime notice was already acknowledged.');
  const note = input.note?.trim();
  return {
    ...o,
    status: 'acknowledged',
    acknowledgedBy: input.by,
    acknowledgedAt: now.toISOString(),
    ...(note ? { acknowledgementNote: note } : {}),
    updatedAt: now.toISOString(),
    version: o.version + 1,
  };
}
