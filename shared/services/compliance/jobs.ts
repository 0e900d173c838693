/**
 * Jobs the compliance schedules run besides the rules: they judge nothing and record no findings,
 * but keep deadlines in view, each idempotent (its outputs have ids derived from their cause).
 */
import type { ComplianceJob } from './rule.js';

/** Before the working day begins, so a reminder is read that morning. */
export const REPORT_REMINDER_TIME = '07:30';
/** Just after the overdue checks of midnight (A6 at 00:05): the day's overdue work is settled by then. */
export const EOFFICE_OVERDUE_TIME = '00:10';

/** Issue #4.5: the person who owes a report is reminded before its deadline and once it is missed. */
export const reportRemindersJob: ComplianceJob = {
  kind: 'job',
  id: 'REPORT-REMINDERS',
  title: 'Report reminders: before each deadline (settings.reportReminderWorkingDaysBefore) and once it is missed',
  appliesTo: (rulebook) => rulebook.reportObligations.length > 0,
  schedules: () => [{ label: 'daily', schedule: { kind: 'daily', time: REPORT_REMINDER_TIME } }],
  run: ({ org, services }, at) => services.reportReminders.run(org.orgId, at),
};

/** Issue #7: the e-office is told (`assignment.overdue`) when work made from one of its documents becomes overdue. */
export const eofficeOverdueJob: ComplianceJob = {
  kind: 'job',
  id: 'EOFFICE-OVERDUE',
  title: 'E-office callbacks for work from its documents that became overdue',
  appliesTo: () => true,
  schedules: () => [{ label: 'daily', schedule: { kind: 'daily', time: EOFFICE_OVERDUE_TIME } }],
  run: ({ org, services }, at) => services.eoffice.sweepOverdue(org.orgId, at),
};
