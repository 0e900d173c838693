/**
 * F2 (Điều 9.2.4): the month's salaries and allowances paid before the 15th. Checked at the start
 * of the 15th (the day after the rulebook's last allowed day); a daily run at 08:00 sends the
 * accountant a reminder from `reminderWorkingDaysBefore` working days before, until it is paid.
 */
import { evaluatePayroll } from '../../../domain/compliance/payroll.js';
import { hasPassed, latestPassedPeriod, monthlyCheckSchedule, responsibleFor } from '../../../domain/compliance/periodic.js';
import { payrollDueAt, payrollDueOn } from '../../../domain/finance.js';
import { toLocalDate } from '../../../domain/local-time.js';
import { nextPeriod, periodContaining } from '../../../domain/periods.js';
import { FinanceRepository } from '../../../store/finance-repository.js';
import type { ComplianceRule } from '../rule.js';

export const REMINDER_TIME = '08:00';

export const f2Payroll: ComplianceRule = {
  id: 'F2',
  article: 'Điều 9.2.4',
  title: 'Salaries and allowances paid before the 15th of every month',
  appliesTo: (rulebook) => rulebook.finance.payroll !== undefined,
  articleIn: (rulebook) => rulebook.finance.payroll?.article ?? 'Điều 9.2.4',
  schedules: (rulebook) => {
    const rule = rulebook.finance.payroll;
    if (!rule) return [];
    return [
      { label: 'check', schedule: monthlyCheckSchedule(rule.deadline) },
      ...(rule.reminderWorkingDaysBefore > 0 ? [{ label: 'reminder', schedule: { kind: 'daily' as const, time: REMINDER_TIME } }] : []),
    ];
  },
  async run({ org, table, openFindings }, at) {
    const rule = org.rulebook.finance.payroll;
    if (!rule) return { observations: [] };
    const timeZone = org.rulebook.organisation.timeZone;
    const subject = responsibleFor(rule.from, org.snapshot.units, org.snapshot.staff, (unitId) => org.authority.headOf(unitId));
    if (!subject) return { observations: [] };
    const finance = new FinanceRepository(table);
    const today = toLocalDate(at, timeZone);
    const monthData = async (month: string) => {
      const record = await finance.getPayroll(org.orgId, month);
      return {
        month,
        dueOn: payrollDueOn(rule, month, org.calendar),
        dueAt: payrollDueAt(rule, month, org.calendar, timeZone),
        ...(record ? { record: { id: record.id, paidOn: record.paidOn, recordedAt: new Date(record.recordedAt) } } : {}),
      };
    };
    const latest = latestPassedPeriod('month', (p) => payrollDueAt(rule, p.id, org.calendar, timeZone), at, timeZone);
    const months = [...new Set([...(latest ? [latest.id] : []), ...openFindings.map((f) => f.period)])];
    // The month whose deadline comes next: this month's, or next month's once it has passed.
    let upcomingPeriod = periodContaining('month', today);
    if (hasPassed(payrollDueAt(rule, upcomingPeriod.id, org.calendar, timeZone), at)) upcomingPeriod = nextPeriod(upcomingPeriod);
    const upcoming = rule.reminderWorkingDaysBefore > 0 ? await monthData(upcomingPeriod.id) : undefined;
    return evaluatePayroll(
      {
        subject,
        months: await Promise.all(months.map(monthData)),
        ...(upcoming ? { upcoming: { ...upcoming, remindFrom: org.calendar.addWorkingDays(upcoming.dueOn, -rule.reminderWorkingDaysBefore) } } : {}),
        today,
        timeZone,
      },
      at,
    );
  },
};
