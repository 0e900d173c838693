import { describe, expect, it } from 'vitest';
import { monthlyCheckSchedule } from '../../shared/domain/compliance/periodic.js';
import { addDays, localDateTimeToInstant, parseInstant, toLocalDate } from '../../shared/domain/local-time.js';
import { nextFireTime, ScheduleError, toSchedulerCron, type LocalSchedule } from '../../shared/domain/schedule-cron.js';
import { TZDate } from '@date-fns/tz';
import { complianceSchedules } from '../../shared/services/compliance/schedules.js';
import { sonLa } from '../support/people.js';

const TZ = 'Asia/Ho_Chi_Minh';
const at = (s: string) => parseInstant(s)!;

describe('toSchedulerCron: the one function from a local schedule to an EventBridge Scheduler cron', () => {
  it.each<[string, LocalSchedule, string]>([
    ['the 15th at 00:05', { kind: 'monthly', day: 15, time: '00:05' }, 'cron(5 0 15 * ? *)'],
    ['the last day of the month at 23:59 uses L', { kind: 'monthly', day: 'last', time: '23:59' }, 'cron(59 23 L * ? *)'],
    ['the 1st at 00:05', { kind: 'monthly', day: 1, time: '00:05' }, 'cron(5 0 1 * ? *)'],
    ['daily at 08:00', { kind: 'daily', time: '08:00' }, 'cron(0 8 * * ? *)'],
    ['daily at 00:05:00 (whole seconds accepted)', { kind: 'daily', time: '00:05:00' }, 'cron(5 0 * * ? *)'],
    ['every Friday at 16:30', { kind: 'weekly', weekday: 5, time: '16:30' }, 'cron(30 16 ? * FRI *)'],
    ['every Monday at 07:00', { kind: 'weekly', weekday: 1, time: '07:00' }, 'cron(0 7 ? * MON *)'],
    ['every Sunday at 23:00', { kind: 'weekly', weekday: 7, time: '23:00' }, 'cron(0 23 ? * SUN *)'],
    ['5 January at 08:00', { kind: 'yearly', month: 1, day: 5, time: '08:00' }, 'cron(0 8 5 1 ? *)'],
    ['the last day of February at 09:15', { kind: 'yearly', month: 2, day: 'last', time: '09:15' }, 'cron(15 9 L 2 ? *)'],
    ['31 December at 23:59', { kind: 'yearly', month: 12, day: 31, time: '23:59' }, 'cron(59 23 31 12 ? *)'],
  ])('%s → %s', (_name, schedule, cron) => {
    expect(toSchedulerCron(schedule)).toBe(cron);
  });

  it.each<[string, LocalSchedule]>([
    ['24:00', { kind: 'daily', time: '24:00' }],
    ['a time with seconds', { kind: 'daily', time: '08:00:30' }],
    ['a time without leading zero', { kind: 'daily', time: '8:00' }],
    ['day 0', { kind: 'monthly', day: 0, time: '00:05' }],
    ['day 32', { kind: 'monthly', day: 32, time: '00:05' }],
    ['a fractional day', { kind: 'monthly', day: 1.5, time: '00:05' }],
    ['weekday 0', { kind: 'weekly', weekday: 0 as never, time: '00:05' }],
    ['weekday 8', { kind: 'weekly', weekday: 8 as never, time: '00:05' }],
    ['month 13', { kind: 'yearly', month: 13, day: 1, time: '00:05' }],
    ['29 February (fires one year in four)', { kind: 'yearly', month: 2, day: 29, time: '00:05' }],
    ['31 April', { kind: 'yearly', month: 4, day: 31, time: '00:05' }],
  ])('refuses %s', (_name, schedule) => {
    expect(() => toSchedulerCron(schedule)).toThrow(ScheduleError);
  });
});

describe('nextFireTime: the same schedule for the in-process scheduler', () => {
  it('fires strictly after the instant given, in local time', () => {
    const f2: LocalSchedule = { kind: 'monthly', day: 15, time: '00:05' };
    expect(nextFireTime(f2, at('2026-11-15T00:04:59.999+07:00'), TZ).toISOString()).toBe(at('2026-11-15T00:05+07:00').toISOString());
    expect(nextFireTime(f2, at('2026-11-15T00:05+07:00'), TZ).toISOString()).toBe(at('2026-12-15T00:05+07:00').toISOString());
    // 00:05 in Hà Nội is 17:05 UTC the day before.
    expect(nextFireTime({ kind: 'daily', time: '00:05' }, at('2026-11-25T17:00:00Z'), TZ).toISOString()).toBe('2026-11-25T17:05:00.000Z');
  });

  it('L is the last day of each month, 29 February in a leap year', () => {
    const last: LocalSchedule = { kind: 'monthly', day: 'last', time: '23:59' };
    expect(nextFireTime(last, at('2026-02-10T00:00+07:00'), TZ).toISOString()).toBe(at('2026-02-28T23:59+07:00').toISOString());
    expect(nextFireTime(last, at('2028-02-10T00:00+07:00'), TZ).toISOString()).toBe(at('2028-02-29T23:59+07:00').toISOString());
    expect(nextFireTime(last, at('2026-04-30T23:59+07:00'), TZ).toISOString()).toBe(at('2026-05-31T23:59+07:00').toISOString());
  });

  it('a day some months lack is skipped in those months, as Scheduler does', () => {
    expect(nextFireTime({ kind: 'monthly', day: 31, time: '10:00' }, at('2026-04-01T00:00+07:00'), TZ).toISOString()).toBe(
      at('2026-05-31T10:00+07:00').toISOString(),
    );
  });

  it('weekly and yearly', () => {
    expect(nextFireTime({ kind: 'weekly', weekday: 5, time: '16:30' }, at('2026-11-27T16:30+07:00'), TZ).toISOString()).toBe(
      at('2026-12-04T16:30+07:00').toISOString(),
    );
    expect(nextFireTime({ kind: 'yearly', month: 1, day: 5, time: '08:00' }, at('2026-01-05T08:00+07:00'), TZ).toISOString()).toBe(
      at('2027-01-05T08:00+07:00').toISOString(),
    );
  });

  // A small evaluator of Scheduler's six-field cron (the subset toSchedulerCron emits), to check
  // that the cron EventBridge gets and the fire times `npm start` uses describe the same instants.
  const WEEKDAYS = ['MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT', 'SUN'];
  function cronMatches(cron: string, instant: Date): boolean {
    const [minute, hour, dom, month, dow] = cron.slice(5, -1).split(' ');
    const local = new TZDate(instant.getTime(), TZ);
    const date = toLocalDate(instant, TZ);
    const isLast = toLocalDate(new Date(instant.getTime() + 86_400_000), TZ).slice(8) === '01';
    const weekday = WEEKDAYS[(local.getDay() + 6) % 7];
    return (
      local.getSeconds() === 0 &&
      Number(minute) === local.getMinutes() &&
      Number(hour) === local.getHours() &&
      (dom === '*' || dom === '?' || (dom === 'L' ? isLast : Number(dom) === Number(date.slice(8)))) &&
      (month === '*' || Number(month) === local.getMonth() + 1) &&
      (dow === '*' || dow === '?' || dow === weekday)
    );
  }

  it.each(complianceSchedules(sonLa).map((e) => [e.name, e] as const))('%s: its cron and its next fire times agree', (_name, entry) => {
    let after = at('2026-01-01T00:00+07:00');
    for (let i = 0; i < 14; i++) {
      const next = nextFireTime(entry.schedule, after, TZ);
      expect(cronMatches(entry.cron, next)).toBe(true);
      // No instant at the schedule's time of day between the two matches the cron.
      for (let d = toLocalDate(after, TZ); d < toLocalDate(next, TZ); d = addDays(d, 1)) {
        const candidate = localDateTimeToInstant(d, entry.schedule.time, TZ);
        if (candidate.getTime() > after.getTime()) expect(cronMatches(entry.cron, candidate)).toBe(false);
      }
      after = next;
    }
  });
});

describe('when the finance checks run: generated from the rulebook deadlines', () => {
  it('a report due on the last day at 23:59:59 is checked on the 1st at 00:05', () => {
    expect(monthlyCheckSchedule({ kind: 'period-end', time: '23:59:59', nonWorkingDay: 'keep' })).toEqual({ kind: 'monthly', day: 1, time: '00:05' });
  });

  it('a deadline during the last day is checked 5 minutes later on day L', () => {
    const schedule = monthlyCheckSchedule({ kind: 'period-end', time: '16:00', nonWorkingDay: 'keep' });
    expect(schedule).toEqual({ kind: 'monthly', day: 'last', time: '16:05' });
    expect(toSchedulerCron(schedule)).toBe('cron(5 16 L * ? *)');
  });

  it('"before the 15th" (the 14th, 23:59:59) is checked on the 15th at 00:05', () => {
    const schedule = monthlyCheckSchedule({ kind: 'day-of-month', day: 15, strictlyBefore: true, time: '23:59:59', nonWorkingDay: 'keep' });
    expect(toSchedulerCron(schedule)).toBe('cron(5 0 15 * ? *)');
    expect(monthlyCheckSchedule({ kind: 'day-of-month', day: 10, strictlyBefore: false, time: '17:00', nonWorkingDay: 'previous-working-day' })).toEqual({
      kind: 'monthly',
      day: 10,
      time: '17:05',
    });
    // Day 30 does not exist in February: the deadline is then the last day, so the check is on the 1st.
    expect(monthlyCheckSchedule({ kind: 'day-of-month', day: 30, strictlyBefore: false, time: '23:59:59', nonWorkingDay: 'keep' })).toEqual({
      kind: 'monthly',
      day: 1,
      time: '00:05',
    });
  });

  it('a deadline the calendar can move later, or counted in working days, is checked daily', () => {
    expect(monthlyCheckSchedule({ kind: 'period-end', time: '23:59:59', nonWorkingDay: 'next-working-day' })).toEqual({ kind: 'daily', time: '00:05' });
    expect(monthlyCheckSchedule({ kind: 'working-days-after-period-end', days: 5, time: '17:00' })).toEqual({ kind: 'daily', time: '00:05' });
  });

  it('the Sơn La rulebook gives one schedule per rule and job schedule', () => {
    expect(complianceSchedules(sonLa).map(({ name, rule, cron, timeZone }) => ({ name, rule, cron, timeZone }))).toEqual([
      { name: 'f1-check', rule: 'F1', cron: 'cron(5 0 1 * ? *)', timeZone: TZ },
      { name: 'f2-check', rule: 'F2', cron: 'cron(5 0 15 * ? *)', timeZone: TZ },
      { name: 'f2-reminder', rule: 'F2', cron: 'cron(0 8 * * ? *)', timeZone: TZ },
      { name: 'f3-daily', rule: 'F3', cron: 'cron(5 0 * * ? *)', timeZone: TZ },
      { name: 'f5-check', rule: 'F5', cron: 'cron(5 0 1 * ? *)', timeZone: TZ },
      { name: 'a3-daily', rule: 'A3', cron: 'cron(5 0 * * ? *)', timeZone: TZ },
      { name: 'a5-check', rule: 'A5', cron: 'cron(0 7 * * ? *)', timeZone: TZ },
      { name: 'a6-daily', rule: 'A6', cron: 'cron(5 0 * * ? *)', timeZone: TZ },
      { name: 'c1-daily', rule: 'C1', cron: 'cron(5 0 * * ? *)', timeZone: TZ },
      { name: 'm1-check', rule: 'M1', cron: 'cron(5 0 ? * MON *)', timeZone: TZ },
      { name: 'm2-semiannual-review', rule: 'M2', cron: 'cron(5 0 1 8 ? *)', timeZone: TZ },
      { name: 'm2-annual-review', rule: 'M2', cron: 'cron(5 0 1 2 ? *)', timeZone: TZ },
      { name: 'm3-daily', rule: 'M3', cron: 'cron(5 17 * * ? *)', timeZone: TZ },
      { name: 'm4-check', rule: 'M4', cron: 'cron(5 0 1 * ? *)', timeZone: TZ },
      { name: 'm6-programme', rule: 'M6', cron: 'cron(35 16 * * ? *)', timeZone: TZ },
      { name: 'm6-minutes', rule: 'M6', cron: 'cron(5 17 * * ? *)', timeZone: TZ },
      { name: 'r1-check-1605', rule: 'R1', cron: 'cron(5 16 * * ? *)', timeZone: TZ },
      { name: 'r2-check-1605', rule: 'R2', cron: 'cron(5 16 * * ? *)', timeZone: TZ },
      { name: 'r2-check-1705', rule: 'R2', cron: 'cron(5 17 * * ? *)', timeZone: TZ },
      { name: 'r3-check-1005', rule: 'R3', cron: 'cron(5 10 * * ? *)', timeZone: TZ },
      { name: 'r3-check-1705', rule: 'R3', cron: 'cron(5 17 * * ? *)', timeZone: TZ },
      { name: 'r4-check-1705', rule: 'R4', cron: 'cron(5 17 * * ? *)', timeZone: TZ },
      { name: 'r6-check-1705', rule: 'R6', cron: 'cron(5 17 * * ? *)', timeZone: TZ },
      { name: 'r5-check-1705', rule: 'R5', cron: 'cron(5 17 * * ? *)', timeZone: TZ },
      { name: 'p2-check-1705', rule: 'P2', cron: 'cron(5 17 * * ? *)', timeZone: TZ },
      { name: 'p3-check-1005', rule: 'P3', cron: 'cron(5 10 * * ? *)', timeZone: TZ },
      { name: 'p3-check-1705', rule: 'P3', cron: 'cron(5 17 * * ? *)', timeZone: TZ },
      { name: 'f4-check-1705', rule: 'F4', cron: 'cron(5 17 * * ? *)', timeZone: TZ },
      { name: 'p4-check-1705', rule: 'P4', cron: 'cron(5 17 * * ? *)', timeZone: TZ },
      { name: 'd1-daily', rule: 'D1', cron: 'cron(5 9 * * ? *)', timeZone: TZ },
      { name: 'cal-yearly', rule: 'CAL', cron: 'cron(5 0 1 12 ? *)', timeZone: TZ },
      { name: 'cal-daily', rule: 'CAL', cron: 'cron(5 0 * * ? *)', timeZone: TZ },
      { name: 'p1-check-0005', rule: 'P1', cron: 'cron(5 0 * * ? *)', timeZone: TZ },
      { name: 'p1-check-1605', rule: 'P1', cron: 'cron(5 16 * * ? *)', timeZone: TZ },
      { name: 'p1-check-1705', rule: 'P1', cron: 'cron(5 17 * * ? *)', timeZone: TZ },
      { name: 'd5-daily', rule: 'D5', cron: 'cron(15 0 * * ? *)', timeZone: TZ },
      { name: 'e2-check-1705', rule: 'E2', cron: 'cron(5 17 * * ? *)', timeZone: TZ },
      { name: 'e3-check-1705', rule: 'E3', cron: 'cron(5 17 * * ? *)', timeZone: TZ },
      { name: 'e4-check-1705', rule: 'E4', cron: 'cron(5 17 * * ? *)', timeZone: TZ },
      { name: 'e5-check-1705', rule: 'E5', cron: 'cron(5 17 * * ? *)', timeZone: TZ },
      { name: 'e6-check-1705', rule: 'E6', cron: 'cron(5 17 * * ? *)', timeZone: TZ },
      { name: 'report-reminders-daily', rule: 'REPORT-REMINDERS', cron: 'cron(30 7 * * ? *)', timeZone: TZ },
      { name: 'eoffice-overdue-daily', rule: 'EOFFICE-OVERDUE', cron: 'cron(10 0 * * ? *)', timeZone: TZ },
    ]);
  });

  it('two organisations of a province with the same schedules share them; different ones get their own', () => {
    const other = {
      ...sonLa,
      organisation: { ...sonLa.organisation, id: 'so-khac' },
      finance: { ...sonLa.finance, payroll: { ...sonLa.finance.payroll!, deadline: { ...sonLa.finance.payroll!.deadline, day: 10 } } },
    } as typeof sonLa;
    const entries = complianceSchedules([sonLa, other]);
    expect(entries.filter((e) => e.rule === 'F1')).toHaveLength(1);
    expect(entries.filter((e) => e.rule === 'F2').map((e) => [e.name, e.cron])).toEqual([
      ['f2-check', 'cron(5 0 15 * ? *)'],
      ['f2-reminder', 'cron(0 8 * * ? *)'],
      ['f2-check-2', 'cron(5 0 10 * ? *)'],
    ]);
  });

  it('a rulebook in another time zone is refused rather than scheduled at the wrong hour', () => {
    const elsewhere = { ...sonLa, organisation: { ...sonLa.organisation, timeZone: 'Asia/Bangkok' } } as typeof sonLa;
    expect(() => complianceSchedules(elsewhere)).toThrow(/Asia\/Bangkok/);
  });
});
