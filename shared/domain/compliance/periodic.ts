/**
 * Helpers shared by the rules that check a deadline (F1, F2, F5, M1-M4, R1-R3, R6, D1): which
 * period's deadline has most recently passed, when to run the check, and who answers for an
 * obligation the rulebook assigns by role. Pure.
 */
import type { ObligedSelector, PeriodDeadlineRule } from '../../rulebook/schema.js';
import { isOnTime } from '../deadlines.js';
import { toLocalDate } from '../local-time.js';
import type { StaffMember, Unit } from '../organisation.js';
import { periodContaining, previousPeriod, type Period, type PeriodKind } from '../periods.js';
import type { LocalSchedule } from '../schedule-cron.js';

/** Checks run this long after the deadline they judge, so a submission in its last second counts. */
export const CHECK_DELAY_MINUTES = 5;
/** Checks with no deadline of their own (sweeps) run daily at this local time. */
export const DAILY_CHECK_TIME = '00:05';

/** True once the deadline's last second is over: at 23:59:59.999 a 23:59:59 deadline is still open. */
export function hasPassed(dueAt: Date, at: Date): boolean {
  return !isOnTime(at, dueAt);
}

/**
 * The period of `kind` whose deadline most recently passed at `at` (the month before, for a
 * report due on a month's last day and checked on the 1st). Looks back at most `maxBack` periods.
 */
export function latestPassedPeriod(
  kind: PeriodKind,
  dueAtOf: (period: Period) => Date,
  at: Date,
  timeZone: string,
  maxBack = 3,
): Period | undefined {
  let period = periodContaining(kind, toLocalDate(at, timeZone));
  for (let i = 0; i <= maxBack; i++) {
    if (hasPassed(dueAtOf(period), at)) return period;
    period = previousPeriod(period);
  }
  return undefined;
}

function secondsOf(time: string): number {
  const [h = '0', m = '0', s = '0'] = time.split(':');
  return Number(h) * 3600 + Number(m) * 60 + Number(s);
}

const hhmm = (seconds: number) =>
  `${String(Math.floor(seconds / 3600)).padStart(2, '0')}:${String(Math.floor((seconds % 3600) / 60)).padStart(2, '0')}`;

/**
 * The time of day a daily check of a deadline at `time` runs: the first whole minute at least
 * CHECK_DELAY_MINUTES after it, wrapping past midnight (16:00 → 16:05, 23:59:59 → 00:05).
 */
export function dailyCheckTimeAfter(time: string): string {
  const rounded = Math.ceil((secondsOf(time) + CHECK_DELAY_MINUTES * 60) / 60) * 60;
  return hhmm(rounded % (24 * 3600));
}

/**
 * When to check a monthly deadline: the first whole minute at least CHECK_DELAY_MINUTES after it.
 * "Last day of the month at 23:59:59" is checked on the 1st at 00:05; "before the 15th" (the
 * 14th at 23:59:59) on the 15th at 00:05; a deadline at 16:00 on the last day at 16:05 on day `L`.
 * A deadline the calendar can move later (`next-working-day`) or one counted in working days has
 * no fixed day: it is checked daily, and the evaluation judges whichever deadline has passed.
 */
export function monthlyCheckSchedule(deadline: PeriodDeadlineRule): LocalSchedule {
  const daily: LocalSchedule = { kind: 'daily', time: DAILY_CHECK_TIME };
  if ('nonWorkingDay' in deadline && deadline.nonWorkingDay === 'next-working-day') return daily;
  const raw = secondsOf(deadline.time) + CHECK_DELAY_MINUTES * 60;
  const rounded = Math.ceil(raw / 60) * 60;
  const wraps = rounded >= 24 * 3600;
  const time = hhmm(wraps ? rounded - 24 * 3600 : rounded);
  switch (deadline.kind) {
    case 'period-end':
      return wraps ? { kind: 'monthly', day: 1, time } : { kind: 'monthly', day: 'last', time };
    case 'day-of-month': {
      // "before the 15th" ends on the 14th; "before the 1st" on the last day of the month before.
      const lastDay = deadline.strictlyBefore ? deadline.day - 1 : deadline.day;
      if (lastDay === 0) return wraps ? { kind: 'monthly', day: 1, time } : { kind: 'monthly', day: 'last', time };
      // Days 28+ do not exist in every month: the deadline is then the month's last day.
      if (lastDay >= 28) return wraps ? { kind: 'monthly', day: 1, time } : { kind: 'monthly', day: 'last', time };
      return { kind: 'monthly', day: wraps ? lastDay + 1 : lastDay, time };
    }
    default:
      return daily;
  }
}

function matches(selector: ObligedSelector, person: StaffMember, unit: Unit | undefined): boolean {
  return (
    person.roles.some((r) => selector.roles.includes(r)) &&
    (selector.unitKinds === undefined || (unit !== undefined && selector.unitKinds.includes(unit.kind))) &&
    (selector.unitIds === undefined || (unit !== undefined && selector.unitIds.includes(unit.id)))
  );
}

/** Whether the person is one the rulebook's selector names (the accountant of the Office, …). */
export function isSelected(selector: ObligedSelector, person: StaffMember, units: readonly Unit[]): boolean {
  return person.active && matches(selector, person, units.find((u) => u.id === person.unitId));
}

/**
 * Who answers for an obligation the rulebook gives by role: the first current staff member the
 * selector names; when the post is vacant, the head of the unit it belongs in (the Office's
 * chief for the accountant), so a missed deadline is never attributed to nobody.
 */
export function responsibleFor(
  selector: ObligedSelector,
  units: readonly Unit[],
  staff: readonly StaffMember[],
  headOf: (unitId: string) => StaffMember | undefined,
): { staffId: string; unitId: string } | undefined {
  const holder = staff.find((s) => isSelected(selector, s, units));
  if (holder) return { staffId: holder.id, unitId: holder.unitId };
  const unit = units.find(
    (u) => (selector.unitIds === undefined || selector.unitIds.includes(u.id)) && (selector.unitKinds === undefined || selector.unitKinds.includes(u.kind)),
  );
  const head = unit ? headOf(unit.id) : undefined;
  return head ? { staffId: head.id, unitId: head.unitId } : undefined;
}
