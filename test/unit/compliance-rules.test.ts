import { describe, expect, it } from 'vitest';
import type { Assignment, DueRules } from '../../shared/domain/assignment.js';
import { evaluateMonthlyReports } from '../../shared/domain/compliance/monthly-reports.js';
import { daysOverdue, evaluateOverdue, type OverdueAssignment } from '../../shared/domain/compliance/overdue.js';
import { evaluatePayroll, type PayrollMonth } from '../../shared/domain/compliance/payroll.js';
import { latestPassedPeriod, responsibleFor } from '../../shared/domain/compliance/periodic.js';
import { evaluateSettlements } from '../../shared/domain/compliance/settlements.js';
import { monthlyReportDueAt, monthlyReportEarliestAt, payrollDueAt, payrollDueOn, settlementDueOn } from '../../shared/domain/finance.js';
import { parseInstant } from '../../shared/domain/local-time.js';
import { orgSnapshotOf } from '../../shared/domain/obligations.js';
import { calendarOf } from '../../shared/domain/working-calendar-of.js';
import { person, sonLa } from '../support/people.js';

const TZ = 'Asia/Ho_Chi_Minh';
const at = (s: string) => parseInstant(s)!;
const calendar = calendarOf(sonLa);
const finance = sonLa.finance;
const accountant = person('accountant');
const subject = { staffId: accountant.id, unitId: accountant.unitId };

describe('F1 / F5: the monthly reports, due by the end of the last day', () => {
  const dueAt = monthlyReportDueAt(finance.incomeExpenseReport!, '2026-11', calendar, TZ);
  const earliestAt = monthlyReportEarliestAt(finance.incomeExpenseReport!, '2026-11', calendar, TZ);
  const check = (firstSubmittedAt?: string, lastSubmittedAt = firstSubmittedAt) => ({
    title: 'income-expense report',
    subject,
    timeZone: TZ,
    months: [
      {
        month: '2026-11',
        dueAt,
        earliestAt,
        ...(firstSubmittedAt ? { report: { id: 'r', firstSubmittedAt: at(firstSubmittedAt), lastSubmittedAt: at(lastSubmittedAt!), submittedBy: accountant.id } } : {}),
      },
    ],
  });

  it('is due at 23:59:59 on 30 November, local time', () => {
    expect(dueAt.toISOString()).toBe('2026-11-30T16:59:59.000Z');
  });

  it('a report at 23:59:59 on the last day passes (to the last millisecond of that second)', () => {
    const result = evaluateMonthlyReports(check('2026-11-30T23:59:59.999+07:00'), at('2026-12-01T00:05+07:00'));
    expect(result.observations).toEqual([]);
    expect(result.clearances.map((c) => c.identity)).toEqual([['2026-11']]);
  });

  it('a report at 00:00:01 the next day is late: a finding, already put right at its submission', () => {
    const { observations } = evaluateMonthlyReports(check('2026-12-01T00:00:01+07:00'), at('2026-12-01T00:05+07:00'));
    expect(observations).toHaveLength(1);
    expect(observations[0]).toMatchObject({ identity: ['2026-11'], period: '2026-11', subjectId: accountant.id, ref: 'r' });
    expect(observations[0]!.putRight).toMatchObject({ resolution: 'put-right' });
    expect(observations[0]!.putRight!.at.toISOString()).toBe('2026-11-30T17:00:01.000Z');
    expect(observations[0]!.detail).toMatch(/submitted late, at 2026-12-01T00:00:01/);
  });

  it('no report: an open finding', () => {
    const { observations } = evaluateMonthlyReports(check(), at('2026-12-01T00:05+07:00'));
    expect(observations).toHaveLength(1);
    expect(observations[0]!.putRight).toBeUndefined();
    expect(observations[0]!.detail).toBe('The income-expense report for 2026-11 was not submitted by 2026-11-30T23:59:59.000+07:00.');
  });

  it('nothing is judged before the deadline has passed', () => {
    expect(evaluateMonthlyReports(check(), at('2026-11-30T23:59:59.999+07:00')).observations).toEqual([]);
  });

  // Issue #19: "vào ngày cuối tháng" was read as "by the last day"; a November report filed on 2 November counted as on time.
  it('F1 (Điều 9.2.3): filed at 00:00:00 on Monday 30/11/2026, the last working day, is on time', () => {
    expect(earliestAt.toISOString()).toBe('2026-11-29T17:00:00.000Z');
    const result = evaluateMonthlyReports(check('2026-11-30T00:00:00+07:00'), at('2026-12-01T00:05+07:00'));
    expect(result.observations).toEqual([]);
    expect(result.clearances.map((c) => c.identity)).toEqual([['2026-11']]);
  });

  it('F1 (Điều 9.2.3): filed at 23:59:59 on 29/11/2026, the day before, is filed too early; on 02/11/2026 too', () => {
    for (const filed of ['2026-11-29T23:59:59+07:00', '2026-11-02T09:00:00+07:00']) {
      const { observations } = evaluateMonthlyReports(check(filed), at('2026-12-01T00:05+07:00'));
      expect(observations).toHaveLength(1);
      expect(observations[0]).toMatchObject({
        identity: ['2026-11'],
        ref: 'r',
        facts: { failure: 'too-early', earliestAt: '2026-11-30T00:00:00.000+07:00', dueAt: '2026-11-30T23:59:59.000+07:00' },
      });
      expect(observations[0]!.putRight).toBeUndefined();
      expect(observations[0]!.detail).toMatch(/submitted too early, at 2026-11-/);
    }
  });

  it('F1 (Điều 9.2.3): filed too early, then again on the last day: the finding is recorded, put right at the second filing', () => {
    const { observations } = evaluateMonthlyReports(check('2026-11-20T09:00:00+07:00', '2026-11-30T10:00:00+07:00'), at('2026-12-01T00:05+07:00'));
    expect(observations[0]!.facts.failure).toBe('too-early');
    expect(observations[0]!.putRight!.at.toISOString()).toBe('2026-11-30T03:00:00.000Z');
  });

  it('F1 (Điều 9.2.3): at the deadline instant 23:59:59 it is on time; one second later, late; none, missing', () => {
    expect(evaluateMonthlyReports(check('2026-11-30T23:59:59+07:00'), at('2026-12-01T00:05+07:00')).observations).toEqual([]);
    expect(evaluateMonthlyReports(check('2026-12-01T00:00:00+07:00'), at('2026-12-01T00:05+07:00')).observations[0]!.facts.failure).toBe('late');
    expect(evaluateMonthlyReports(check(), at('2026-12-01T00:05+07:00')).observations[0]!.facts.failure).toBe('missing');
  });

  it('F5 (Điều 9.3.2): May 2026 ends on a Sunday: the day starts on Friday 29/05/2026 and runs to Sunday 31/05 23:59:59', () => {
    const rule = finance.cashReport!;
    const may = { dueAt: monthlyReportDueAt(rule, '2026-05', calendar, TZ), earliestAt: monthlyReportEarliestAt(rule, '2026-05', calendar, TZ) };
    expect([may.earliestAt.toISOString(), may.dueAt.toISOString()]).toEqual(['2026-05-28T17:00:00.000Z', '2026-05-31T16:59:59.000Z']);
    const judge = (filed: string) =>
      evaluateMonthlyReports(
        { title: 'cash report', subject, timeZone: TZ, months: [{ month: '2026-05', ...may, report: { id: 'c', firstSubmittedAt: at(filed), lastSubmittedAt: at(filed), submittedBy: accountant.id } }] },
        at('2026-06-01T00:05+07:00'),
      ).observations.map((o) => o.facts.failure);
    expect(judge('2026-05-28T23:59:59+07:00')).toEqual(['too-early']);
    expect(judge('2026-05-29T00:00:00+07:00')).toEqual([]);
    expect(judge('2026-05-30T10:00:00+07:00')).toEqual([]);
    expect(judge('2026-06-01T00:00:00+07:00')).toEqual(['late']);
  });

  it('the month judged is the one whose deadline most recently passed', () => {
    const dueOf = (p: { id: string }) => monthlyReportDueAt(finance.incomeExpenseReport!, p.id, calendar, TZ);
    expect(latestPassedPeriod('month', dueOf, at('2026-12-01T00:00:00+07:00'), TZ)?.id).toBe('2026-11');
    expect(latestPassedPeriod('month', dueOf, at('2026-11-30T23:59:59.999+07:00'), TZ)?.id).toBe('2026-10');
  });
});

describe('F2 (Điều 9.2.4): payroll before the 15th', () => {
  const rule = finance.payroll!;
  const month = (m: string, paidOn?: string): PayrollMonth => ({
    month: m,
    dueOn: payrollDueOn(rule, m, calendar),
    dueAt: payrollDueAt(rule, m, calendar, TZ),
    ...(paidOn ? { record: { id: `fin-payroll-${m}`, paidOn, recordedAt: at(`${paidOn}T10:00+07:00`) } } : {}),
  });
  const run = (months: PayrollMonth[], when: string, upcoming?: PayrollMonth & { remindFrom: string }) =>
    evaluatePayroll({ subject, months, ...(upcoming ? { upcoming } : {}), today: when.slice(0, 10), timeZone: TZ }, at(when));

  it('the last day allowed is the 14th, to 23:59:59', () => {
    expect(payrollDueOn(rule, '2026-11', calendar)).toBe('2026-11-14');
    expect(payrollDueAt(rule, '2026-11', calendar, TZ).toISOString()).toBe('2026-11-14T16:59:59.000Z');
  });

  it('paid on the 14th passes', () => {
    const result = run([month('2026-11', '2026-11-14')], '2026-11-15T00:05+07:00');
    expect(result.observations).toEqual([]);
    expect(result.clearances).toHaveLength(1);
  });

  it('paid on the 15th is a finding (put right late, at the record)', () => {
    const result = run([month('2026-11', '2026-11-15')], '2026-11-15T12:00+07:00');
    expect(result.observations).toHaveLength(1);
    expect(result.observations[0]).toMatchObject({ identity: ['2026-11'], facts: { paidOn: '2026-11-15', dueOn: '2026-11-14' } });
    expect(result.observations[0]!.putRight?.resolution).toBe('put-right');
  });

  it('not recorded at the start of the 15th: an open finding; not judged a second earlier', () => {
    expect(run([month('2026-11')], '2026-11-15T00:05+07:00').observations[0]?.putRight).toBeUndefined();
    expect(run([month('2026-11')], '2026-11-15T00:05+07:00').observations).toHaveLength(1);
    expect(run([month('2026-11')], '2026-11-14T23:59:59+07:00').observations).toEqual([]);
  });

  it('reminds the accountant from 3 working days before the 14th until it is paid', () => {
    // 14 Nov 2026 is a Saturday: three working days before it is Wednesday 11.
    const remindFrom = calendar.addWorkingDays('2026-11-14', -rule.reminderWorkingDaysBefore);
    expect(remindFrom).toBe('2026-11-11');
    const upcoming = { ...month('2026-11'), remindFrom };
    expect(run([], '2026-11-10T08:00+07:00', upcoming).notices).toEqual([]);
    const notices = run([], '2026-11-11T08:00+07:00', upcoming).notices;
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({ key: ['reminder', '2026-11'], to: [accountant.id] });
    expect(run([], '2026-11-13T08:00+07:00', upcoming).notices).toHaveLength(1);
    expect(run([], '2026-11-13T08:00+07:00', { ...month('2026-11', '2026-11-12'), remindFrom }).notices).toEqual([]);
  });
});

describe('F3 (Điều 9.2.4): settled within 10 days of the dossier being complete', () => {
  const rule = finance.settlement!;
  const dossier = (settledOn?: string) => ({
    id: 'S1',
    dossierRef: 'HS-01',
    completeOn: '2026-11-01',
    dueOn: settlementDueOn(rule, '2026-11-01', calendar),
    ...(settledOn ? { settledOn, settledRecordedAt: at(`${settledOn}T15:00+07:00`) } : {}),
  });
  const run = (d: ReturnType<typeof dossier>, today: string) =>
    evaluateSettlements({ subject, dossiers: [d], days: rule.days, today, timeZone: TZ });

  it('complete on the 1st is due on the 11th (calendar days, as the rulebook reads it)', () => {
    expect(dossier().dueOn).toBe('2026-11-11');
  });

  it('unsettled on the 11th is not yet late; at the start of the 12th it is a finding', () => {
    expect(run(dossier(), '2026-11-11').observations).toEqual([]);
    const { observations } = run(dossier(), '2026-11-12');
    expect(observations).toHaveLength(1);
    expect(observations[0]).toMatchObject({ identity: ['S1'], period: '2026-11', ref: 'S1' });
    expect(observations[0]!.putRight).toBeUndefined();
  });

  it('settled on the 11th passes; on the 12th it is a finding put right late', () => {
    expect(run(dossier('2026-11-11'), '2026-11-12')).toMatchObject({ observations: [], clearances: [{ identity: ['S1'] }] });
    const late = run(dossier('2026-11-12'), '2026-11-13').observations;
    expect(late).toHaveLength(1);
    expect(late[0]!.putRight?.resolution).toBe('put-right');
  });

  it('counted in working days when the rulebook says so', () => {
    expect(settlementDueOn({ ...rule, dayCounting: 'working' }, '2026-11-01', calendar)).toBe('2026-11-13');
    // 10 calendar days land on Sunday 22 Nov; the next working day is Monday 23.
    expect(settlementDueOn({ ...rule, nonWorkingDay: 'next-working-day' }, '2026-11-12', calendar)).toBe('2026-11-23');
  });
});

describe('A6: overdue assignments, escalated by working days overdue', () => {
  const dueRules: DueRules = { dueTime: '23:59:59', dueSoonWorkingDays: 3, timeZone: TZ };
  const specialist = person('specialist', 'it');
  const assignment = (over: Partial<Assignment> = {}): OverdueAssignment => ({
    id: 'A1',
    title: 'Rà soát hệ thống',
    responsibleId: specialist.id,
    unitId: 'it',
    dueDate: '2026-11-20',
    status: 'assigned',
    confidentiality: 'normal',
    ...over,
  });
  const run = (when: string, open: OverdueAssignment[] = [assignment()], counting: 'working' | 'calendar' = 'working') =>
    evaluateOverdue(
      { steps: sonLa.settings.overdueEscalation, counting, calendar, dueRules, open, closedWithOpenFindings: [] },
      at(when),
    ).observations;
  const levels = (obs: ReturnType<typeof run>) => obs.map((o) => `${o.escalation!.number}:${o.escalation!.level}`);

  it('due Friday 20 November: nothing before midnight, nothing on the weekend (0 working days)', () => {
    expect(run('2026-11-20T23:59:59.999+07:00')).toEqual([]);
    expect(run('2026-11-21T00:00:00+07:00')).toEqual([]);
    expect(run('2026-11-22T23:00+07:00')).toEqual([]);
  });

  it('Monday: 1 working day, reminder (nhắc nhở); Friday 27: 5, criticism (phê bình); Friday 4 December: 10, review (kiểm điểm)', () => {
    expect(levels(run('2026-11-23T00:05+07:00'))).toEqual(['1:reminder']);
    expect(levels(run('2026-11-26T00:05+07:00'))).toEqual(['1:reminder']);
    expect(levels(run('2026-11-27T00:05+07:00'))).toEqual(['1:reminder', '2:criticism']);
    expect(levels(run('2026-12-03T00:05+07:00'))).toEqual(['1:reminder', '2:criticism']);
    const review = run('2026-12-04T00:05+07:00');
    expect(levels(review)).toEqual(['1:reminder', '2:criticism', '3:review']);
    expect(review[2]).toMatchObject({
      identity: ['A1', '2026-11-20', 'review'],
      subjectId: specialist.id,
      unitId: 'it',
      period: '2026-11',
      ref: 'A1',
      escalation: { name: { vi: 'kiểm điểm' } },
      facts: { daysOverdue: 10, dayCounting: 'working' },
    });
  });

  it('holidays do not count: due Friday 28 August 2026, the first working day overdue is Thursday 3 September', () => {
    expect(daysOverdue('2026-08-28', '2026-09-02', 'working', calendar)).toBe(0);
    expect(daysOverdue('2026-08-28', '2026-09-03', 'working', calendar)).toBe(1);
    expect(run('2026-09-02T12:00+07:00', [assignment({ dueDate: '2026-08-28' })])).toEqual([]);
    expect(levels(run('2026-09-03T00:05+07:00', [assignment({ dueDate: '2026-08-28' })]))).toEqual(['1:reminder']);
  });

  it('in calendar days when the rulebook counts so', () => {
    expect(levels(run('2026-11-21T00:05+07:00', undefined, 'calendar'))).toEqual(['1:reminder']);
    expect(levels(run('2026-11-25T00:05+07:00', undefined, 'calendar'))).toEqual(['1:reminder', '2:criticism']);
    expect(levels(run('2026-11-30T00:05+07:00', undefined, 'calendar'))).toEqual(['1:reminder', '2:criticism', '3:review']);
  });

  it('a confidential assignment is named by its id only', () => {
    const [reminder] = run('2026-11-23T00:05+07:00', [assignment({ confidentiality: 'secret' })]);
    expect(reminder!.detail).not.toContain('Rà soát');
    expect(reminder!.detail).toContain('a secret assignment');
  });

  it('completion puts the open escalations right at its time; cancellation withdraws them', () => {
    const identities = [['A1', '2026-11-20', 'reminder']];
    const closed = (a: OverdueAssignment) =>
      evaluateOverdue(
        { steps: sonLa.settings.overdueEscalation, counting: 'working', calendar, dueRules, open: [], closedWithOpenFindings: [{ assignment: a, identities }] },
        at('2026-11-30T00:05+07:00'),
      ).clearances;
    const done = closed(assignment({ status: 'completed', completedAt: '2026-11-25T03:00:00.000Z' }));
    expect(done).toEqual([{ identity: identities[0], putRight: expect.objectContaining({ resolution: 'put-right', at: new Date('2026-11-25T03:00:00.000Z') }) }]);
    expect(closed(assignment({ status: 'cancelled', cancelledAt: '2026-11-26T03:00:00.000Z' }))[0]!.putRight.resolution).toBe('withdrawn');
  });
});

describe('who answers for a finance obligation', () => {
  const org = orgSnapshotOf(sonLa);
  const headOf = (unitId: string) => org.staff.find((s) => s.unitId === unitId && s.roles.includes('chief-of-office'));

  it('the staff member the rulebook’s selector names', () => {
    expect(responsibleFor(finance.payroll!.from, org.units, org.staff, headOf)).toEqual({ staffId: accountant.id, unitId: 'office' });
    expect(responsibleFor(finance.cashReport!.from, org.units, org.staff, headOf)?.staffId).toBe(person('treasurer').id);
  });

  it('the head of the unit when the post is vacant', () => {
    const staff = org.staff.map((s) => (s.id === accountant.id ? { ...s, active: false } : s));
    expect(responsibleFor(finance.payroll!.from, org.units, staff, headOf)?.staffId).toBe(person('chief-of-office').id);
  });
});
