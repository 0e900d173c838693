/**
 * Finance records (Điều 9.2, 9.3): the month's payroll (F2), the accountant's income-expense and
 * the treasurer's cash reports (F1, F5), and finance dossiers to settle (F3). Pure: each
 * function takes the current state (or none) and returns the next state with the audit event's
 * action and data; the store writes them in one transaction.
 */
import type { Rulebook } from '../rulebook/schema.js';
import type { FileRef } from './files.js';
import type { WorkingCalendar } from './calendar.js';
import { isOnTime, resolveDeadline, resolveDeadlineDate } from './deadlines.js';
import { ConflictError, ValidationError } from './errors.js';
import { addDays, compareLocalDates, formatInstant, toLocalDate, yearMonthOf, type LocalDate, type YearMonth } from './local-time.js';
import { parsePeriod, type Period } from './periods.js';

export type MonthlyReportKind = 'income-expense' | 'cash';

/** The rulebook entry behind each finance record, and the DOMAIN.md rule it serves. */
export const MONTHLY_REPORT_RULE = { 'income-expense': 'incomeExpenseReport', cash: 'cashReport' } as const;

export interface PayrollRecord {
  readonly id: string;
  readonly orgId: string;
  /** The month whose salaries and allowances were paid, `YYYY-MM`. */
  readonly month: YearMonth;
  readonly paidOn: LocalDate;
  /** The last day allowed ("before the 15th": the 14th). */
  readonly dueOn: LocalDate;
  readonly onTime: boolean;
  readonly recordedBy: string;
  readonly recordedAt: string;
  /** Evidence files (issue #22): the list only grows. */
  readonly files?: readonly FileRef[];
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly version: number;
}

export interface MonthlyReport {
  readonly id: string;
  readonly orgId: string;
  readonly kind: MonthlyReportKind;
  readonly month: YearMonth;
  readonly content: string;
  readonly submittedBy: string;
  /** Server time of the latest version. */
  readonly submittedAt: string;
  /** Server time of the first version: the one judged against the deadline. */
  readonly firstSubmittedAt: string;
  readonly dueAt: string;
  /** Whether the first version came after the deadline. */
  readonly late: boolean;
  /** F1, F5 "vào ngày cuối tháng": the first instant a filing counts (absent on reports stored before it was kept). */
  readonly earliestAt?: string;
  /** This version was filed before `earliestAt`: too early; a version filed within the day puts it right. */
  readonly tooEarly?: boolean;
  /** Evidence files (issue #22): the list only grows. */
  readonly files?: readonly FileRef[];
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly version: number;
}

export interface Settlement {
  readonly id: string;
  readonly orgId: string;
  readonly dossierRef: string;
  /** The day the dossier was received complete. */
  readonly completeOn: LocalDate;
  /** The last day it may be settled on (F3: complete + 10 days by default). */
  readonly dueOn: LocalDate;
  readonly settledOn?: LocalDate;
  /** When `settledOn` was recorded. */
  readonly settledRecordedAt?: string;
  readonly onTime?: boolean;
  readonly recordedBy: string;
  /** Evidence files (issue #22): the list only grows. */
  readonly files?: readonly FileRef[];
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly version: number;
}

export interface FinanceChange<T> {
  readonly next: T;
  readonly action: string;
  readonly data: Record<string, unknown>;
}

export const payrollId = (month: YearMonth) => `fin-payroll-${month}`;
export const monthlyReportId = (kind: MonthlyReportKind, month: YearMonth) => `fin-${kind}-${month}`;

function monthPeriod(month: YearMonth, path: string): Period {
  const period = parsePeriod(month);
  if (period?.kind !== 'month') throw new ValidationError('Not a month.', [{ path, message: 'must be a month YYYY-MM' }]);
  return period;
}

function notInFuture(date: LocalDate, today: LocalDate, path: string): void {
  if (compareLocalDates(date, today) > 0) {
    throw new ValidationError(`${date} is in the future.`, [{ path, message: `must be ${today} or earlier` }]);
  }
}

function monthNotAfter(month: YearMonth, today: LocalDate, path: string): void {
  if (month > yearMonthOf(today)) {
    throw new ValidationError(`${month} has not begun.`, [{ path, message: `must be ${yearMonthOf(today)} or earlier` }]);
  }
}

type PayrollRule = NonNullable<Rulebook['finance']['payroll']>;
type MonthlyReportRule = NonNullable<Rulebook['finance']['incomeExpenseReport']>;
type SettlementRule = NonNullable<Rulebook['finance']['settlement']>;

/** The last day a month's payroll may be paid on (F2: "trước ngày 15", so the 14th). */
export function payrollDueOn(rule: PayrollRule, month: YearMonth, calendar: WorkingCalendar): LocalDate {
  return resolveDeadlineDate(rule.deadline, { period: monthPeriod(month, 'month') }, calendar);
}

/** The instant a month's payroll is due: the end of `payrollDueOn` at the rule's time. */
export function payrollDueAt(rule: PayrollRule, month: YearMonth, calendar: WorkingCalendar, timeZone: string): Date {
  return resolveDeadline(rule.deadline, { period: monthPeriod(month, 'month') }, calendar, timeZone);
}

/** The instant a month's report is due (F1, F5: the last day of the month, 23:59:59). */
export function monthlyReportDueAt(rule: MonthlyReportRule, month: YearMonth, calendar: WorkingCalendar, timeZone: string): Date {
  return resolveDeadline(rule.deadline, { period: monthPeriod(month, 'month') }, calendar, timeZone);
}

/** The earliest instant a monthly report for `month` counts as filed on its day (F1, F5: "vào ngày cuối tháng"). */
export function monthlyReportEarliestAt(rule: MonthlyReportRule, month: YearMonth, calendar: WorkingCalendar, timeZone: string): Date {
  return resolveDeadline(rule.earliest.from, { period: monthPeriod(month, 'month') }, calendar, timeZone);
}

/** The last day a dossier complete on `completeOn` may be settled on (F3). */
export function settlementDueOn(rule: SettlementRule, completeOn: LocalDate, calendar: WorkingCalendar): LocalDate {
  const raw = rule.dayCounting === 'working' ? calendar.addWorkingDays(completeOn, rule.days) : addDays(completeOn, rule.days);
  switch (rule.nonWorkingDay) {
    case 'keep':
      return raw;
    case 'previous-working-day':
      return calendar.onOrBefore(raw);
    case 'next-working-day':
      return calendar.onOrAfter(raw);
  }
}

export function recordPayroll(
  input: { orgId: string; month: YearMonth; paidOn: LocalDate; recordedBy: string },
  rule: PayrollRule,
  calendar: WorkingCalendar,
  now: Date,
  timeZone: string,
): FinanceChange<PayrollRecord> {
  const today = toLocalDate(now, timeZone);
  monthPeriod(input.month, 'body.month');
  monthNotAfter(input.month, today, 'body.month');
  notInFuture(input.paidOn, today, 'body.paidOn');
  const dueOn = payrollDueOn(rule, input.month, calendar);
  const at = now.toISOString();
  const next: PayrollRecord = {
    id: payrollId(input.month),
    orgId: input.orgId,
    month: input.month,
    paidOn: input.paidOn,
    dueOn,
    onTime: compareLocalDates(input.paidOn, dueOn) <= 0,
    recordedBy: input.recordedBy,
    recordedAt: at,
    createdAt: at,
    updatedAt: at,
    version: 1,
  };
  return { next, action: 'payroll-recorded', data: { month: next.month, paidOn: next.paidOn, dueOn, onTime: next.onTime } };
}

/**
 * A submission of a monthly report, stamped with the server time. A resubmission is a new
 * version (the audit event keeps each one's content); lateness is that of the first version.
 */
export function submitMonthlyReport(
  current: MonthlyReport | undefined,
  input: { orgId: string; kind: MonthlyReportKind; month: YearMonth; content: string; submittedBy: string },
  rule: MonthlyReportRule,
  calendar: WorkingCalendar,
  now: Date,
  timeZone: string,
): FinanceChange<MonthlyReport> {
  monthPeriod(input.month, 'body.month');
  monthNotAfter(input.month, toLocalDate(now, timeZone), 'body.month');
  const content = input.content.trim();
  if (!content) throw new ValidationError('The report has no content.', [{ path: 'body.content', message: 'is required' }]);
  const at = now.toISOString();
  const dueAt = monthlyReportDueAt(rule, input.month, calendar, timeZone);
  const late = current ? current.late : !isOnTime(now, dueAt);
  const earliestAt = monthlyReportEarliestAt(rule, input.month, calendar, timeZone);
  const next: MonthlyReport = {
    id: monthlyReportId(input.kind, input.month),
    orgId: input.orgId,
    kind: input.kind,
    month: input.month,
    content,
    submittedBy: input.submittedBy,
    submittedAt: at,
    firstSubmittedAt: current?.firstSubmittedAt ?? at,
    dueAt: formatInstant(dueAt, timeZone),
    late,
    earliestAt: formatInstant(earliestAt, timeZone),
    tooEarly: now.getTime() < earliestAt.getTime(),
    createdAt: current?.createdAt ?? at,
    updatedAt: at,
    version: (current?.version ?? 0) + 1,
  };
  return {
    next,
    action: current ? 'report-resubmitted' : 'report-submitted',
    data: { version: next.version, content, submittedAt: at, lateVersion: !isOnTime(now, dueAt), late },
  };
}

export function createSettlement(
  input: { id: string; orgId: string; dossierRef: string; completeOn: LocalDate; settledOn?: LocalDate; recordedBy: string },
  rule: SettlementRule,
  calendar: WorkingCalendar,
  now: Date,
  timeZone: string,
): FinanceChange<Settlement> {
  const today = toLocalDate(now, timeZone);
  const dossierRef = input.dossierRef.trim();
  if (!dossierRef) throw new ValidationError('The dossier reference is required.', [{ path: 'body.dossierRef', message: 'is required' }]);
  notInFuture(input.completeOn, today, 'body.completeOn');
  const dueOn = settlementDueOn(rule, input.completeOn, calendar);
  const at = now.toISOString();
  let next: Settlement = {
    id: input.id,
    orgId: input.orgId,
    dossierRef,
    completeOn: input.completeOn,
    dueOn,
    recordedBy: input.recordedBy,
    createdAt: at,
    updatedAt: at,
    version: 1,
  };
  if (input.settledOn !== undefined) next = settledState(next, input.settledOn, today, at, 'body.settledOn');
  return { next, action: 'settlement-recorded', data: { settlement: next } };
}

function settledState(s: Settlement, settledOn: LocalDate, today: LocalDate, at: string, path: string): Settlement {
  notInFuture(settledOn, today, path);
  if (compareLocalDates(settledOn, s.completeOn) < 0) {
    throw new ValidationError('A dossier cannot be settled before it is complete.', [{ path, message: `must be ${s.completeOn} or later` }]);
  }
  return { ...s, settledOn, settledRecordedAt: at, onTime: compareLocalDates(settledOn, s.dueOn) <= 0 };
}

/** Records the settlement date, once: a settled dossier is never re-dated. */
export function settle(s: Settlement, input: { settledOn: LocalDate }, now: Date, timeZone: string): FinanceChange<Settlement> {
  if (s.settledOn !== undefined) throw new ConflictError(`Dossier ${s.dossierRef} was already settled on ${s.settledOn}.`);
  const at = now.toISOString();
  const next = { ...settledState(s, input.settledOn, toLocalDate(now, timeZone), at, 'body.settledOn'), updatedAt: at, version: s.version + 1 };
  return { next, action: 'settled', data: { settledOn: next.settledOn, dueOn: next.dueOn, onTime: next.onTime } };
}
