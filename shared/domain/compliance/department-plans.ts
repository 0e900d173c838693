/**
 * P1 (Điều 10): the department's annual, 6-month, quarterly and monthly plans and its weekly work
 * programme, drafted by the Office, are submitted by the rulebook's deadline (before the period they
 * plan) and approved by the director before the period's first working day begins: the weekly
 * programme is what everybody works to from Monday. Submission is judged as the periodic reports
 * are (`evaluatePeriodicReports`): missing, or late and put right. A plan submitted but not approved
 * when its period's work begins is a finding of its own, put right when the director approves. Pure.
 */
import { isOnTime } from '../deadlines.js';
import { formatInstant } from '../local-time.js';
import type { Clearance, Observation } from './outcome.js';
import { evaluatePeriodicReports, type ReportDue } from './periodic-reports.js';
import { hasPassed } from './periodic.js';

export interface DepartmentPlanDue extends ReportDue {
  /** When the period's work begins: the start of its first working day. Unknown for a rebuilt submission finding. */
  readonly approvalDueAt?: Date;
}

export interface DepartmentPlanRecord {
  readonly id: string;
  readonly firstSubmittedAt: Date;
  /** When the director first approved a revision of it; none yet: undefined. */
  readonly firstApprovedAt?: Date;
}

export interface DepartmentPlansCheck {
  readonly due: readonly DepartmentPlanDue[];
  /** The plans found, by obligation instance key. */
  readonly plans: ReadonlyMap<string, DepartmentPlanRecord>;
  readonly timeZone: string;
}

/** The identity of the "not approved in time" finding of an obligation instance. */
export const approvalIdentity = (key: string) => [key, 'approval'] as const;

export function evaluateDepartmentPlans(check: DepartmentPlansCheck, at: Date): { observations: Observation[]; clearances: Clearance[] } {
  const submission = evaluatePeriodicReports(
    { due: check.due, submitted: check.plans, timeZone: check.timeZone },
    at,
  );
  const observations = [...submission.observations];
  const clearances = [...submission.clearances];
  const local = (d: Date) => formatInstant(d, check.timeZone);
  for (const due of check.due) {
    if (due.approvalDueAt === undefined || !hasPassed(due.approvalDueAt, at)) continue;
    const plan = check.plans.get(due.key);
    // Not submitted at all: the missing finding above already says so.
    if (plan === undefined) continue;
    const identity = approvalIdentity(due.key);
    const approved = plan.firstApprovedAt;
    if (approved !== undefined && isOnTime(approved, due.approvalDueAt)) {
      clearances.push({ identity, putRight: { at: approved, resolution: 'put-right', note: `Approved in time, at ${local(approved)}.` } });
      continue;
    }
    const what = `${due.title.en} for ${due.periodId}`;
    observations.push({
      identity,
      subjectId: due.staffId,
      unitId: due.unitId,
      period: due.periodId,
      ref: plan.id,
      dueAt: due.approvalDueAt,
      detail: approved
        ? `${what}: approved late, at ${local(approved)}; the period's work began ${local(due.approvalDueAt)}.`
        : `${what}: submitted but not approved by the director when the period's work began, ${local(due.approvalDueAt)}.`,
      facts: {
        obligationId: due.obligationId,
        key: due.key,
        awaiting: 'approval',
        title: due.title,
        period: due.periodId,
        dueAt: local(due.approvalDueAt),
        planDueAt: due.dueAt.toISOString(),
        reportId: plan.id,
        ...(approved ? { approvedAt: local(approved) } : {}),
      },
      ...(approved ? { putRight: { at: approved, resolution: 'put-right' as const, note: `Approved late, at ${local(approved)}.` } } : {}),
    });
  }
  return { observations, clearances };
}
