/**
 * Plans (P1, Điều 10; P2, Điều 10.1), pure. The department's own plans and weekly work programme
 * (P1) are the Office's obligation and only the director approves them; once approved, every
 * staff member may read them (the weekly programme is what everybody works to).
 *
 * P2: a unit's plan is a report of a P2 obligation that the director or
 * the deputy director overseeing the unit approves. A change to an approved plan is a new revision
 * with its reason; the approved revision stays in force, and readable, until the change is approved.
 */
import type { Authority } from './authority.js';
import { ConflictError } from './errors.js';
import { reviewReport, type Report, type ReportKind, type ReportTransition } from './report.js';

/** DOMAIN.md rule ids whose reports are approved rather than acknowledged: the rule, not the rulebook, says so. */
const APPROVED_RULES: ReadonlySet<string> = new Set(['P1', 'P2', 'P4']);
/** The department's plans (Điều 10): the director decides them, not the deputy overseeing the Office. */
const DEPARTMENT_PLAN_RULES: ReadonlySet<string> = new Set(['P1']);

export function isDepartmentPlan(plan: Pick<Report, 'rule'>): boolean {
  return DEPARTMENT_PLAN_RULES.has(plan.rule);
}

export function reportKindOf(rule: string): ReportKind {
  return APPROVED_RULES.has(rule) ? 'plan' : 'report';
}

/**
 * The director, the leader overseeing the plan's unit, and whoever the rulebook sends it to; for
 * a department plan (P1) the director alone. `actingDirectorIds`: deputies holding the director's
 * authority today (A2), who approve in the director's place.
 */
export function planApprovers(authority: Authority, plan: Pick<Report, 'unitId' | 'recipients' | 'rule'>, actingDirectorIds: readonly string[] = []): string[] {
  // A2 (Điều 3.3.3, 4.1.2): a deputy director running the department under the director's delegation approves as the director.
  const director = [authority.director()?.id, ...actingDirectorIds];
  const ids = isDepartmentPlan(plan) ? director : [...director, authority.overseerOf(plan.unitId), ...plan.recipients];
  return [...new Set(ids.filter((id): id is string => typeof id === 'string' && authority.staff(id)?.active === true))];
}

export function approvePlan(plan: Report, input: { by: string; comment?: string; boardMatterId?: string }, now: Date): ReportTransition {
  if (plan.kind !== 'plan') throw new ConflictError('Only a plan is approved; a report is acknowledged.');
  return reviewReport(plan, 'approved', input, now);
}
