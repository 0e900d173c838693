/**
 * Every compliance rule and job the engine knows: adding one is a module under `rules/` (or in
 * `jobs.ts`) and one line here. The schedules (EventBridge in AWS, the in-process scheduler of
 * `npm start`), the compliance Lambda, `POST /v1/checks/run` and `npm run check` all read these lists.
 */
import { eofficeOverdueJob, reportRemindersJob } from './jobs.js';
import type { ComplianceJob, ComplianceRule, ScheduledCheck } from './rule.js';
import { calCalendarAnnouncement } from './rules/calendar-announcement.js';
import { c1CitizenReception } from './rules/citizen-reception.js';
import { a3DelegationReportBack } from './rules/delegation-report-back.js';
import { d1Distribution } from './rules/document-distribution.js';
import { d5OutgoingSteps } from './rules/outgoing-steps.js';
import { m1WeeklyBriefing, m2Reviews, m4UnitMeetings } from './rules/expected-meetings.js';
import { m3Conclusions } from './rules/meeting-conclusions.js';
import { m6MeetingPreparation } from './rules/meeting-preparation.js';
import { f1IncomeExpenseReport, f5CashReport } from './rules/monthly-finance-reports.js';
import { a6OverdueAssignments } from './rules/overdue-assignments.js';
import { f2Payroll } from './rules/payroll.js';
import { r5MissionReports } from './rules/mission-reports.js';
import { f4FinancialReports, p3Programmes, p4InspectionPlan, r1DeputyReports, r2HeadReports, r3StaffReports, r4DirectorReports, r6InspectionReports } from './rules/periodic-reports.js';
import { p2Plans } from './rules/plans.js';
import { f3Settlement } from './rules/settlements.js';
import { p1DepartmentPlans } from './rules/department-plans.js';
import { a5CollectiveDecisions } from './rules/collective-decisions.js';
import { e2SelfAssessment, e3HeadComment, e4BoardReview, e5DirectorDecision, e6Publication } from './rules/evaluation-steps.js';

export const complianceRules: readonly ComplianceRule[] = [
  f1IncomeExpenseReport,
  f2Payroll,
  f3Settlement,
  f5CashReport,
  a3DelegationReportBack,
  a5CollectiveDecisions,
  a6OverdueAssignments,
  c1CitizenReception,
  m1WeeklyBriefing,
  m2Reviews,
  m3Conclusions,
  m4UnitMeetings,
  m6MeetingPreparation,
  r1DeputyReports,
  r2HeadReports,
  r3StaffReports,
  r4DirectorReports,
  r6InspectionReports,
  r5MissionReports,
  p2Plans,
  p3Programmes,
  f4FinancialReports,
  p4InspectionPlan,
  d1Distribution,
  calCalendarAnnouncement,
  p1DepartmentPlans,
  d5OutgoingSteps,
  e2SelfAssessment,
  e3HeadComment,
  e4BoardReview,
  e5DirectorDecision,
  e6Publication,
];

export const complianceJobs: readonly ComplianceJob[] = [reportRemindersJob, eofficeOverdueJob];

/** Rules, then jobs: what a schedule, the Lambda, the CLI or POST /v1/checks/run may name. */
export const scheduledChecks: readonly ScheduledCheck[] = [...complianceRules, ...complianceJobs];

export function ruleById(id: string, rules: readonly ComplianceRule[] = complianceRules): ComplianceRule | undefined {
  return rules.find((r) => r.id === id);
}

export function checkById(id: string, checks: readonly ScheduledCheck[] = scheduledChecks): ScheduledCheck | undefined {
  return checks.find((c) => c.id === id);
}
