/**
 * R1 (deputy directors to the director, weekly), R2 (heads: weekly to annual), R3 (deputy heads
 * and staff to their head), R6 (the chief inspector) and P3 (every staff member's programme, the
 * Office's and each division's; Điều 10.2, 5.1, 7.1): each period's report by its deadline. P2's
 * plans (rules/plans.ts) and R5's mission reports (rules/mission-reports.ts) are judged the same way.
 * The obligations come from the rulebook (`periodicObligations`, each period by the rulebook in
 * force when it began); deadlines fall on various days, so the check runs daily just after each
 * deadline time of the rule and judges what fell due in the last days. Reads the reports due in
 * that window (one Query per family), and, for open findings older than it, each person's reports
 * due over the span of their findings (one Query per person).
 */
import { evaluatePeriodicReports, reportDueOf, type ReportDue, type SubmittedReport } from '../../../domain/compliance/periodic-reports.js';
import { dailyCheckTimeAfter } from '../../../domain/compliance/periodic.js';
import { addDays, toLocalDate } from '../../../domain/local-time.js';
import { periodicObligations } from '../../../domain/obligations.js';
import { periodsOverlapping, type PeriodKind } from '../../../domain/periods.js';
import type { LocalizedText, Rulebook } from '../../../rulebook/schema.js';
import { ReportRepository } from '../../../store/report-repository.js';
import type { RuleOutcome } from '../../../domain/compliance/outcome.js';
import type { ComplianceRule, RuleRunContext, RuleSchedule } from '../rule.js';

/** A run judges the deadlines of the last days: a run missed for up to a week is caught up. */
export const REPORT_LOOKBACK_DAYS = 7;
/** A rulebook deadline lies at most 60 working days after its period or event (schema): within 100 calendar days. */
export const DEADLINE_REACH_DAYS = 100;
export const DAY_MS = 86_400_000;

export function periodicReportRule(spec: { id: 'R1' | 'R2' | 'R3' | 'R4' | 'R6' | 'F4' | 'P2' | 'P3' | 'P4'; article: string; title: string }): ComplianceRule {
  const obligationsOf = (rulebook: Rulebook) => rulebook.reportObligations.filter((o) => o.rule === spec.id && Object.keys(o.cadences ?? {}).length > 0);
  const kindsOf = (rulebook: Rulebook) => new Set(obligationsOf(rulebook).flatMap((o) => Object.keys(o.cadences ?? {}) as PeriodKind[]));
  return {
    id: spec.id,
    article: spec.article,
    title: spec.title,
    appliesTo: (rulebook) => obligationsOf(rulebook).length > 0,
    articleIn: (rulebook) => obligationsOf(rulebook)[0]?.article ?? spec.article,
    schedules: (rulebook) => {
      const times = new Set(obligationsOf(rulebook).flatMap((o) => Object.values(o.cadences ?? {}).map((c) => dailyCheckTimeAfter(c.deadline.time))));
      return [...times].sort().map((time): RuleSchedule => ({ label: `check-${time.replace(':', '')}`, schedule: { kind: 'daily', time } }));
    },
    async run({ org, table, openFindings }, at) {
      const timeZone = org.rulebook.organisation.timeZone;
      const from = new Date(at.getTime() - REPORT_LOOKBACK_DAYS * DAY_MS);
      const today = toLocalDate(at, timeZone);
      const range = { start: addDays(toLocalDate(from, timeZone), -DEADLINE_REACH_DAYS), end: today };
      const snapshot = org.obligationOrg;
      const due = new Map<string, ReportDue>();
      for (const kind of kindsOf(org.rulebook)) {
        for (const period of periodsOverlapping(kind, range)) {
          // Each period is judged by the rulebook in force when it began.
          const rulebook = org.rulebookOn(period.start);
          for (const instance of periodicObligations(rulebook, snapshot, org.calendarOn(period.start), { periodId: period.id })) {
            const d = instance.rule === spec.id ? reportDueOf(instance) : undefined;
            if (d && d.dueAt > from && d.dueAt <= at) due.set(d.key, d);
          }
        }
      }
      return judgeReports({ org, table, openFindings }, due, from, at);
    },
  };
}

/**
 * Judges the reports due in (from, at] and the open findings from before that window: one Query per
 * family for the window, and one per person over the span of their older open findings (bounded by
 * the staff, however many are open). Shared by the periodic rules and R5.
 */
export async function judgeReports(
  { org, table, openFindings }: RuleRunContext,
  due: ReadonlyMap<string, ReportDue>,
  from: Date,
  at: Date,
): Promise<RuleOutcome> {
  const timeZone = org.rulebook.organisation.timeZone;
  const reports = new ReportRepository(table);
  const submitted = new Map<string, SubmittedReport>();
  for (const r of await reports.listDue(org.orgId, { kind: 'org' }, from, at)) {
    submitted.set(r.key, { id: r.id, firstSubmittedAt: new Date(r.firstSubmittedAt) });
  }
  // Open findings from before the window: the obligation as the finding recorded it, and its report if one came since.
  const older = openFindings.flatMap((f): ReportDue[] => {
    const key = typeof f.facts.key === 'string' ? f.facts.key : f.key;
    if (due.has(key) || !f.dueAt) return [];
    const title = (f.facts.title as LocalizedText | undefined) ?? { vi: f.rule, en: f.rule };
    const about = Object.fromEntries(Object.entries(f.facts).filter(([k]) => k.startsWith('mission')));
    return [{ key, obligationId: String(f.facts.obligationId ?? ''), title, staffId: f.subjectId, unitId: f.unitId, periodId: f.period, dueAt: new Date(f.dueAt), about }];
  });
  const byPerson = new Map<string, ReportDue[]>();
  for (const d of older) byPerson.set(d.staffId, [...(byPerson.get(d.staffId) ?? []), d]);
  await Promise.all(
    [...byPerson].map(async ([staffId, list]) => {
      const times = list.map((d) => d.dueAt.getTime());
      const keys = new Set(list.map((d) => d.key));
      for (const r of await reports.listDue(org.orgId, { kind: 'staff', staffId }, new Date(Math.min(...times)), new Date(Math.max(...times)))) {
        if (keys.has(r.key)) submitted.set(r.key, { id: r.id, firstSubmittedAt: new Date(r.firstSubmittedAt) });
      }
    }),
  );
  return evaluatePeriodicReports({ due: [...due.values(), ...older], submitted, timeZone }, at);
}

export const r1DeputyReports = periodicReportRule({ id: 'R1', article: 'Điều 15.2', title: "Each deputy director's weekly report to the director" });
export const r2HeadReports = periodicReportRule({ id: 'R2', article: 'Điều 15.3', title: "Each head's weekly, monthly, quarterly, 6-monthly and annual reports" });
export const r3StaffReports = periodicReportRule({ id: 'R3', article: 'Điều 15.4', title: "Deputy heads' and staff's periodic reports to their head" });
export const r6InspectionReports = periodicReportRule({ id: 'R6', article: 'Điều 6.1', title: "The chief inspector's periodic reports on inspections, complaints and anti-corruption work" });
export const p3Programmes = periodicReportRule({ id: 'P3', article: 'Điều 10.2', title: "Every staff member's personal programme, the Office's and each division's programme" });
export const r4DirectorReports = periodicReportRule({ id: 'R4', article: 'Điều 15.1', title: "The director's reports to the province and the Ministry, and the Office's drafts of them" });
export const f4FinancialReports = periodicReportRule({ id: 'F4', article: 'Điều 9.2.4', title: 'Financial reports, budget settlements and financial disclosures filed on time' });
export const p4InspectionPlan = periodicReportRule({ id: 'P4', article: 'Điều 6.1', title: "The Inspectorate's annual inspection plan, submitted to the director for approval" });
