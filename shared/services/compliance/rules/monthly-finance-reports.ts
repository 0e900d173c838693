/**
 * F1 (Điều 9.2.3) and F5 (Điều 9.3.2): the accountant's income-expense report and the treasurer's
 * cash report for the month before, given on its last day (from the rulebook's `earliest`, by the
 * end of the last calendar day). Run at the start of
 * each month; reads one report per month judged (GetItem).
 */
import { monthlyReportDueAt, monthlyReportEarliestAt, type MonthlyReportKind } from '../../../domain/finance.js';
import { evaluateMonthlyReports } from '../../../domain/compliance/monthly-reports.js';
import { latestPassedPeriod, monthlyCheckSchedule, responsibleFor } from '../../../domain/compliance/periodic.js';
import type { Rulebook } from '../../../rulebook/schema.js';
import { FinanceRepository } from '../../../store/finance-repository.js';
import type { ComplianceRule } from '../rule.js';

function monthlyFinanceReportRule(spec: {
  id: string;
  article: string;
  kind: MonthlyReportKind;
  entry: 'incomeExpenseReport' | 'cashReport';
  title: string;
}): ComplianceRule {
  const ruleOf = (rulebook: Rulebook) => rulebook.finance[spec.entry];
  return {
    id: spec.id,
    article: spec.article,
    title: spec.title,
    appliesTo: (rulebook) => ruleOf(rulebook) !== undefined,
    articleIn: (rulebook) => ruleOf(rulebook)?.article ?? spec.article,
    schedules: (rulebook) => {
      const rule = ruleOf(rulebook);
      return rule ? [{ label: 'check', schedule: monthlyCheckSchedule(rule.deadline) }] : [];
    },
    async run({ org, table, openFindings }, at) {
      const rule = ruleOf(org.rulebook);
      if (!rule) return { observations: [] };
      const timeZone = org.rulebook.organisation.timeZone;
      const dueAtOf = (month: string) => monthlyReportDueAt(rule, month, org.calendar, timeZone);
      const latest = latestPassedPeriod('month', (p) => dueAtOf(p.id), at, timeZone);
      const months = [...new Set([...(latest ? [latest.id] : []), ...openFindings.map((f) => f.period)])];
      const subject = responsibleFor(rule.from, org.snapshot.units, org.snapshot.staff, (unitId) => org.authority.headOf(unitId));
      if (!subject || months.length === 0) return { observations: [] };
      const finance = new FinanceRepository(table);
      const data = await Promise.all(
        months.map(async (month) => {
          const report = await finance.getMonthlyReport(org.orgId, spec.kind, month);
          return {
            month,
            dueAt: dueAtOf(month),
            earliestAt: monthlyReportEarliestAt(rule, month, org.calendar, timeZone),
            ...(report
              ? { report: { id: report.id, firstSubmittedAt: new Date(report.firstSubmittedAt), lastSubmittedAt: new Date(report.submittedAt), submittedBy: report.submittedBy } }
              : {}),
          };
        }),
      );
      return evaluateMonthlyReports({ title: rule.title.en.toLowerCase(), subject, months: data, timeZone }, at);
    },
  };
}

export const f1IncomeExpenseReport = monthlyFinanceReportRule({
  id: 'F1',
  article: 'Điều 9.2.3',
  kind: 'income-expense',
  entry: 'incomeExpenseReport',
  title: "The accountant's monthly income-expense report, on the last day of the month",
});

export const f5CashReport = monthlyFinanceReportRule({
  id: 'F5',
  article: 'Điều 9.3.2',
  kind: 'cash',
  entry: 'cashReport',
  title: "The treasurer's monthly cash fund report, on the last day of the month",
});
