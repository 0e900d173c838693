/**
 * P2 (Điều 10.1; the training plans of Điều 5.1, 7.1): each unit's plan submitted by its deadline,
 * judged as the periodic reports are; and each submitted revision approved (or returned) by the
 * director or the overseeing deputy within the rulebook's `plans.approval.deadline`. The approval
 * check reads the organisation's plans due within a year either side of now (one Query: a few
 * dozen a year), and the plan of each open approval finding that is no longer the latest revision.
 */
import { APPROVAL_STAGE, evaluatePlanApprovals, type PlanRevisionToJudge } from '../../../domain/compliance/plan-approvals.js';
import { dailyCheckTimeAfter } from '../../../domain/compliance/periodic.js';
import { resolveDeadline } from '../../../domain/deadlines.js';
import type { Finding } from '../../../domain/finding.js';
import { toLocalDate } from '../../../domain/local-time.js';
import type { Report } from '../../../domain/report.js';
import { ReportRepository } from '../../../store/report-repository.js';
import type { OrgContext } from '../../org-context.js';
import type { ComplianceRule, RuleRunContext, RuleSchedule } from '../rule.js';
import { DAY_MS, periodicReportRule } from './periodic-reports.js';

/** A plan is changed (Điều 10.1) at most within the year after it fell due; one due up to this far ahead may already be submitted. */
const PLAN_REACH_DAYS = 400;

const submissions = periodicReportRule({ id: 'P2', article: 'Điều 10.1', title: "Each unit's plans, submitted by their deadline" });
const isApproval = (f: Finding) => f.facts.stage === APPROVAL_STAGE;

function approverOf(org: OrgContext, unitId: string): { id: string; unitId: string } | undefined {
  const overseer = org.authority.overseerOf(unitId);
  const person = (overseer ? org.authority.staff(overseer) : undefined) ?? org.authority.director();
  return person?.active ? { id: person.id, unitId: person.unitId } : undefined;
}

function revisionToJudge(org: OrgContext, plan: Report, revision: number, submittedAt: Date, extra: Pick<PlanRevisionToJudge, 'decision' | 'supersededAt'>): PlanRevisionToJudge | undefined {
  const settings = org.rulebook.plans;
  const approver = approverOf(org, plan.unitId);
  if (!settings || !approver || !plan.periodId) return undefined;
  const timeZone = org.rulebook.organisation.timeZone;
  const day = toLocalDate(submittedAt, timeZone);
  const deadline = org.rulebookOn(day).plans?.approval.deadline ?? settings.approval.deadline;
  return {
    planId: plan.id,
    key: plan.key,
    obligationId: plan.obligationId,
    title: plan.title,
    staffId: plan.staffId,
    unitId: plan.unitId,
    periodId: plan.periodId,
    revision,
    submittedAt,
    approvalDueAt: resolveDeadline(deadline, { eventDate: day }, org.calendarOn(day), timeZone),
    approverId: approver.id,
    approverUnitId: approver.unitId,
    ...extra,
  };
}

async function judgeApprovals({ org, table, openFindings }: RuleRunContext, at: Date) {
  const reports = new ReportRepository(table);
  const plans = await reports.listPlansDue(org.orgId, new Date(at.getTime() - PLAN_REACH_DAYS * DAY_MS), new Date(at.getTime() + PLAN_REACH_DAYS * DAY_MS));
  const judged: PlanRevisionToJudge[] = [];
  const latest = new Set<string>();
  for (const plan of plans) {
    const decided = plan.reviewStatus !== 'submitted' && plan.lastReview ? plan.lastReview : undefined;
    const r = revisionToJudge(org, plan, plan.revision, new Date(plan.lastSubmittedAt), {
      ...(decided ? { decision: { action: decided.action, by: decided.by, at: new Date(decided.at) } } : {}),
    });
    if (r) judged.push(r);
    latest.add(`${plan.id}|${plan.revision}`);
  }
  // Open findings on an earlier revision, or on a plan outside the window: that revision as stored.
  const earlier = openFindings.filter((f) => !latest.has(`${String(f.facts.planId)}|${String(f.facts.revision)}`));
  await Promise.all(
    earlier.map(async (f) => {
      const found = await reports.getWithRevisions(org.orgId, String(f.facts.planId));
      const number = Number(f.facts.revision);
      const rev = found?.revisions.find((x) => x.revision === number);
      if (!found || !rev) return;
      const next = found.revisions.find((x) => x.revision === number + 1);
      const r = revisionToJudge(org, found.report, number, new Date(rev.submittedAt), {
        ...(rev.review && rev.review.action !== 'acknowledged' ? { decision: { action: rev.review.action, by: rev.review.by, at: new Date(rev.review.at) } } : {}),
        ...(next ? { supersededAt: new Date(next.submittedAt) } : {}),
      });
      if (r) judged.push(r);
    }),
  );
  return evaluatePlanApprovals(judged, at, org.rulebook.organisation.timeZone);
}

export const p2Plans: ComplianceRule = {
  id: 'P2',
  article: 'Điều 10.1',
  title: "Each unit's plans: submitted by their deadline, and approved by the director or the overseeing deputy in time",
  appliesTo: submissions.appliesTo,
  articleIn: submissions.articleIn,
  schedules: (rulebook) => {
    const own = submissions.schedules(rulebook);
    const time = rulebook.plans ? dailyCheckTimeAfter(rulebook.plans.approval.deadline.time) : undefined;
    const extra: RuleSchedule[] = time ? [{ label: `check-${time.replace(':', '')}`, schedule: { kind: 'daily', time } }] : [];
    return [...own, ...extra.filter((e) => !own.some((o) => o.label === e.label))];
  },
  async run(ctx, at) {
    const submitted = await submissions.run({ ...ctx, openFindings: ctx.openFindings.filter((f) => !isApproval(f)) }, at);
    if (!ctx.org.rulebook.plans) return submitted;
    const approvals = await judgeApprovals({ ...ctx, openFindings: ctx.openFindings.filter(isApproval) }, at);
    return {
      observations: [...submitted.observations, ...approvals.observations],
      clearances: [...(submitted.clearances ?? []), ...approvals.clearances],
    };
  },
};
