/**
 * F1 (Điều 9.2.3) and F5 (Điều 9.3.2): the accountant's income-expense report and the
 * treasurer's cash report, each due on the last day of the month (23:59:59 by the rulebook).
 * Judged at the start of the next month on the first version's server time: 23:59:59.999 on
 * the last day is on time, 00:00:00 the next day is late. Pure.
 */
import { formatInstant } from '../local-time.js';
import type { Clearance, Observation } from './outcome.js';
import { hasPassed } from './periodic.js';
import { isOnTime } from '../deadlines.js';

export interface MonthlyReportMonth {
  readonly month: string;
  readonly dueAt: Date;
  /** The report as stored, if any. */
  readonly report?: { readonly id: string; readonly firstSubmittedAt: Date; readonly submittedBy: string };
}

export interface MonthlyReportCheck {
  readonly title: string;
  readonly subject: { readonly staffId: string; readonly unitId: string };
  readonly months: readonly MonthlyReportMonth[];
  readonly timeZone: string;
}

export function evaluateMonthlyReports(check: MonthlyReportCheck, at: Date): { observations: Observation[]; clearances: Clearance[] } {
  const observations: Observation[] = [];
  const clearances: Clearance[] = [];
  const local = (d: Date) => formatInstant(d, check.timeZone);
  for (const { month, dueAt, report } of check.months) {
    if (!hasPassed(dueAt, at)) continue;
    if (report && isOnTime(report.firstSubmittedAt, dueAt)) {
      clearances.push({
        identity: [month],
        putRight: { at: report.firstSubmittedAt, resolution: 'put-right', note: `Submitted on time at ${local(report.firstSubmittedAt)}.` },
      });
      continue;
    }
    observations.push({
      identity: [month],
      subjectId: check.subject.staffId,
      unitId: check.subject.unitId,
      period: month,
      ...(report ? { ref: report.id } : {}),
      dueAt,
      detail: report
        ? `The ${check.title} for ${month} was submitted late, at ${local(report.firstSubmittedAt)}; it was due by ${local(dueAt)}.`
        : `The ${check.title} for ${month} was not submitted by ${local(dueAt)}.`,
      facts: { month, dueAt: local(dueAt), ...(report ? { reportId: report.id, submittedAt: local(report.firstSubmittedAt) } : { submitted: false }) },
      ...(report
        ? { putRight: { at: report.firstSubmittedAt, resolution: 'put-right' as const, note: `Submitted late at ${local(report.firstSubmittedAt)}.` } }
        : {}),
    });
  }
  return { observations, clearances };
}
