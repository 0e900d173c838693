/**
 * F1 (Điều 9.2.3) and F5 (Điều 9.3.2): the accountant's income-expense report and the
 * treasurer's cash report, each given "vào ngày cuối tháng": not before the rulebook's earliest
 * instant (00:00 of the month's last working day) and by the deadline (the last day, 23:59:59).
 * Judged at the start of the next month on the first version's server time: 23:59:59.999 on
 * the last day is on time, 00:00:00 the next day is late; before the earliest instant it is too
 * early, put right by a version filed within the day. The finding says which way it failed
 * (`facts.failure`: missing, late, too-early). Pure.
 */
import { formatInstant } from '../local-time.js';
import type { Clearance, Observation } from './outcome.js';
import { hasPassed } from './periodic.js';
import { isOnTime } from '../deadlines.js';

export interface MonthlyReportMonth {
  readonly month: string;
  readonly dueAt: Date;
  /** The first instant a filing counts; before it, the report is too early. */
  readonly earliestAt: Date;
  /** The report as stored, if any: its first and its latest version's server time. */
  readonly report?: { readonly id: string; readonly firstSubmittedAt: Date; readonly lastSubmittedAt: Date; readonly submittedBy: string };
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
  for (const { month, dueAt, earliestAt, report } of check.months) {
    if (!hasPassed(dueAt, at)) continue;
    const inDay = (d: Date) => d.getTime() >= earliestAt.getTime() && isOnTime(d, dueAt);
    if (report && inDay(report.firstSubmittedAt)) {
      clearances.push({
        identity: [month],
        putRight: { at: report.firstSubmittedAt, resolution: 'put-right', note: `Submitted on time at ${local(report.firstSubmittedAt)}.` },
      });
      continue;
    }
    const failure = !report ? 'missing' : report.firstSubmittedAt.getTime() < earliestAt.getTime() ? 'too-early' : 'late';
    const base = { identity: [month], subjectId: check.subject.staffId, unitId: check.subject.unitId, period: month, ...(report ? { ref: report.id } : {}), dueAt };
    const facts = { month, dueAt: local(dueAt), earliestAt: local(earliestAt), failure };
    if (!report) {
      observations.push({ ...base, detail: `The ${check.title} for ${month} was not submitted by ${local(dueAt)}.`, facts: { ...facts, submitted: false } });
    } else if (failure === 'too-early') {
      // Filed again within the day: put right at that version.
      const refiled = inDay(report.lastSubmittedAt);
      observations.push({
        ...base,
        detail: `The ${check.title} for ${month} was submitted too early, at ${local(report.firstSubmittedAt)}; it is given on the month's last day, from ${local(earliestAt)} to ${local(dueAt)}.`,
        facts: { ...facts, reportId: report.id, submittedAt: local(report.firstSubmittedAt) },
        ...(refiled
          ? { putRight: { at: report.lastSubmittedAt, resolution: 'put-right' as const, note: `Submitted again within the day at ${local(report.lastSubmittedAt)}.` } }
          : {}),
      });
    } else {
      observations.push({
        ...base,
        detail: `The ${check.title} for ${month} was submitted late, at ${local(report.firstSubmittedAt)}; it was due by ${local(dueAt)}.`,
        facts: { ...facts, reportId: report.id, submittedAt: local(report.firstSubmittedAt) },
        putRight: { at: report.firstSubmittedAt, resolution: 'put-right' as const, note: `Submitted late at ${local(report.firstSubmittedAt)}.` },
      });
    }
  }
  return { observations, clearances };
}
