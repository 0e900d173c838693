/**
 * F2 (Điều 9.2.4): salaries and allowances are paid before the 15th of every month. Judged at
 * the start of the 15th on the recorded payment date: paid on the 14th passes, on the 15th is a
 * finding. A reminder goes to the accountant from `reminderWorkingDaysBefore` working days before
 * the last allowed day until it is paid. Pure.
 */
import { day, periodLabel } from '../format.js';
import { compareLocalDates, formatInstant, type LocalDate } from '../local-time.js';
import type { Clearance, Notice, Observation } from './outcome.js';
import { hasPassed } from './periodic.js';

export interface PayrollMonth {
  readonly month: string;
  /** The last day allowed (the 14th). */
  readonly dueOn: LocalDate;
  /** The end of `dueOn` at the rule's time. */
  readonly dueAt: Date;
  readonly record?: { readonly id: string; readonly paidOn: LocalDate; readonly recordedAt: Date };
}

export interface PayrollCheck {
  readonly subject: { readonly staffId: string; readonly unitId: string };
  /** Months whose deadline may have passed (the latest, and those with open findings). */
  readonly months: readonly PayrollMonth[];
  /** The month whose deadline is next, with the first day of its reminder window. */
  readonly upcoming?: PayrollMonth & { readonly remindFrom: LocalDate };
  readonly today: LocalDate;
  readonly timeZone: string;
}

export function evaluatePayroll(check: PayrollCheck, at: Date): { observations: Observation[]; clearances: Clearance[]; notices: Notice[] } {
  const observations: Observation[] = [];
  const clearances: Clearance[] = [];
  const notices: Notice[] = [];
  const local = (d: Date) => formatInstant(d, check.timeZone);
  for (const { month, dueOn, dueAt, record } of check.months) {
    if (!hasPassed(dueAt, at)) continue;
    if (record && compareLocalDates(record.paidOn, dueOn) <= 0) {
      clearances.push({
        identity: [month],
        putRight: {
          at: record.recordedAt,
          resolution: 'put-right',
          note: `Paid on ${record.paidOn}, by ${dueOn}; recorded at ${local(record.recordedAt)}.`,
        },
      });
      continue;
    }
    observations.push({
      identity: [month],
      subjectId: check.subject.staffId,
      unitId: check.subject.unitId,
      period: month,
      ...(record ? { ref: record.id } : {}),
      dueAt,
      detail: record
        ? `The payroll of ${month} was paid on ${record.paidOn}, after ${dueOn} (it must be paid before the 15th).`
        : `The payroll of ${month} was not recorded as paid by ${dueOn} (it must be paid before the 15th).`,
      facts: { month, dueOn, ...(record ? { payrollId: record.id, paidOn: record.paidOn, recordedAt: local(record.recordedAt) } : { paid: false }) },
      ...(record
        ? { putRight: { at: record.recordedAt, resolution: 'put-right' as const, note: `Paid late, on ${record.paidOn}.` } }
        : {}),
    });
  }
  const up = check.upcoming;
  if (up && !up.record && !hasPassed(up.dueAt, at) && compareLocalDates(check.today, up.remindFrom) >= 0) {
    notices.push({
      key: ['reminder', up.month],
      to: [check.subject.staffId],
      subjectId: check.subject.staffId,
      // Read by the accountant: Vietnamese first, English after.
      message: `Nhắc việc: lương, phụ cấp ${periodLabel(up.month, 'vi')} phải chi trả chậm nhất ngày ${day(up.dueOn, 'vi')} (trước ngày 15, Điều 9.2.4). / Reminder: the payroll of ${periodLabel(up.month, 'en')} must be paid by ${up.dueOn} (before the 15th, Điều 9.2.4).`,
      facts: { month: up.month, dueOn: up.dueOn, remindFrom: up.remindFrom },
    });
  }
  return { observations, clearances, notices };
}
