/**
 * R1 (Điều 15.2), R2 (Điều 15.3), R3 (Điều 15.4), R6 (Điều 6.1), P2 (Điều 10.1), P3 (Điều 10.2)
 * and R5 (Điều 16.4): each period's report, plan or programme, and each mission's report, owed by
 * whoever the rulebook's obligation selects (`periodicObligations`, `eventObligations`), is
 * submitted by its deadline.
 * Judged to the second on the first submission's server time: none when the deadline has passed
 * is a finding for the person who owes it; a late submission puts it right, late. Pure.
 */
import type { LocalizedText } from '../../rulebook/schema.js';
import { isOnTime } from '../deadlines.js';
import { formatInstant } from '../local-time.js';
import type { ObligationInstance } from '../obligations.js';
import type { Clearance, Observation } from './outcome.js';
import { hasPassed } from './periodic.js';

/** One obligation instance to judge: from the rulebook, or rebuilt from an open finding. */
export interface ReportDue {
  readonly key: string;
  readonly obligationId: string;
  readonly title: LocalizedText;
  readonly staffId: string;
  readonly unitId: string;
  readonly periodId: string;
  readonly dueAt: Date;
  /** Facts about the event that raised it (R5: the mission), kept in the finding for its sentence. */
  readonly about?: Readonly<Record<string, unknown>>;
}

export interface SubmittedReport {
  readonly id: string;
  readonly firstSubmittedAt: Date;
}

export interface PeriodicReportsCheck {
  readonly due: readonly ReportDue[];
  /** The reports found, by obligation instance key. */
  readonly submitted: ReadonlyMap<string, SubmittedReport>;
  readonly timeZone: string;
}

export function reportDueOf(instance: ObligationInstance): ReportDue | undefined {
  if (!instance.periodId) return undefined;
  const { key, obligationId, title, staffId, unitId, periodId, dueAt } = instance;
  return { key, obligationId, title, staffId, unitId, periodId, dueAt };
}

export function evaluatePeriodicReports(check: PeriodicReportsCheck, at: Date): { observations: Observation[]; clearances: Clearance[] } {
  const observations: Observation[] = [];
  const clearances: Clearance[] = [];
  const local = (d: Date) => formatInstant(d, check.timeZone);
  for (const due of check.due) {
    if (!hasPassed(due.dueAt, at)) continue;
    const report = check.submitted.get(due.key);
    if (report && isOnTime(report.firstSubmittedAt, due.dueAt)) {
      clearances.push({
        identity: [due.key],
        putRight: { at: report.firstSubmittedAt, resolution: 'put-right', note: `Submitted on time at ${local(report.firstSubmittedAt)}.` },
      });
      continue;
    }
    const mission = typeof due.about?.missionTitle === 'string' ? due.about.missionTitle : undefined;
    const what = mission ? `${due.title.en} for "${mission}"` : `${due.title.en} for ${due.periodId}`;
    observations.push({
      identity: [due.key],
      subjectId: due.staffId,
      unitId: due.unitId,
      period: due.periodId,
      ...(report ? { ref: report.id } : {}),
      dueAt: due.dueAt,
      detail: report
        ? `${what}: submitted late, at ${local(report.firstSubmittedAt)}; due by ${local(due.dueAt)}.`
        : `${what}: not submitted by ${local(due.dueAt)}.`,
      facts: {
        ...(due.about ?? {}),
        obligationId: due.obligationId,
        key: due.key,
        title: due.title,
        period: due.periodId,
        dueAt: local(due.dueAt),
        ...(report ? { reportId: report.id, submittedAt: local(report.firstSubmittedAt) } : { submitted: false }),
      },
      ...(report
        ? { putRight: { at: report.firstSubmittedAt, resolution: 'put-right' as const, note: `Submitted late, at ${local(report.firstSubmittedAt)}.` } }
        : {}),
    });
  }
  return { observations, clearances };
}
