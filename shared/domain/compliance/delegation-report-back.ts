/**
 * A3 (Điều 4.1.2): the report back a deputy director owes the director once a delegation of the
 * director's authority (A2) has ended. One finding per delegation whose report back is past its
 * deadline (`delegationReportBack.workingDays` working days after the last day held): missing, or
 * recorded as put right late when the report arrives after the deadline. Pure.
 */
import type { DueRules } from '../assignment.js';
import type { WorkingCalendar } from '../calendar.js';
import { reportBackDue, reportBackStatus, type ReportBack } from '../delegation-report.js';
import type { Delegation } from '../authority.js';
import { formatInstant, yearMonthOf } from '../local-time.js';
import type { Observation } from './outcome.js';

export interface ReportBackCheck {
  readonly workingDays: number;
  readonly calendarOn: (date: string) => WorkingCalendar;
  readonly dueRules: DueRules;
  /** Department delegations that may owe a report back (recently ended, or with an open finding). */
  readonly delegations: readonly (Delegation & { readonly reportBack?: ReportBack })[];
  /** The delegate's unit, where the finding is counted. */
  readonly unitOf: (staffId: string) => string | undefined;
}

export function evaluateReportsBack(check: ReportBackCheck, at: Date): { observations: Observation[] } {
  const tz = check.dueRules.timeZone;
  const observations: Observation[] = [];
  for (const d of check.delegations) {
    const due = reportBackDue(d, check.workingDays, check.calendarOn(d.to), check.dueRules);
    const status = reportBackStatus(due, d.reportBack, at, tz);
    const unitId = check.unitOf(d.delegateId);
    if (!due || !unitId || (status !== 'missing' && status !== 'late')) continue;
    const submittedAt = d.reportBack?.submittedAt;
    observations.push({
      identity: [d.id],
      subjectId: d.delegateId,
      unitId,
      period: yearMonthOf(due.dueOn),
      ref: d.id,
      dueAt: due.dueAt,
      detail: `The report back to the director on the delegation of ${d.from} to ${d.to} (held until ${due.endedOn}) was due by ${formatInstant(due.dueAt, tz)}${submittedAt ? ` and came at ${formatInstant(new Date(submittedAt), tz)}` : ' and has not been given'}.`,
      facts: {
        kind: 'delegation-report-back',
        delegationId: d.id,
        delegatorId: d.delegatorId,
        from: d.from,
        to: d.to,
        endedOn: due.endedOn,
        dueOn: due.dueOn,
        dueAt: formatInstant(due.dueAt, tz),
        workingDays: check.workingDays,
        ...(submittedAt ? { submittedAt: formatInstant(new Date(submittedAt), tz) } : {}),
      },
      ...(submittedAt
        ? { putRight: { at: new Date(submittedAt), resolution: 'put-right' as const, note: `The report back came at ${formatInstant(new Date(submittedAt), tz)}.` } }
        : {}),
    });
  }
  return { observations };
}
