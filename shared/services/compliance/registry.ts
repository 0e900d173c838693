/**
 * Every compliance rule the engine knows: adding a rule is one module under `rules/` and one
 * line here. The schedules (EventBridge in AWS, the in-process scheduler of `npm start`), the
 * compliance Lambda, `POST /v1/checks/run` and `npm run check` all read this list.
 */
import type { ComplianceRule } from './rule.js';
import { f1IncomeExpenseReport, f5CashReport } from './rules/monthly-finance-reports.js';
import { a6OverdueAssignments } from './rules/overdue-assignments.js';
import { f2Payroll } from './rules/payroll.js';
import { f3Settlement } from './rules/settlements.js';

export const complianceRules: readonly ComplianceRule[] = [
  f1IncomeExpenseReport,
  f2Payroll,
  f3Settlement,
  f5CashReport,
  a6OverdueAssignments,
];

export function ruleById(id: string, rules: readonly ComplianceRule[] = complianceRules): ComplianceRule | undefined {
  return rules.find((r) => r.id === id);
}
