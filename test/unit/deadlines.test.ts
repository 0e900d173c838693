import { describe, expect, it } from 'vitest';
import sonLaJson from '../../shared/rulebook/organisations/so-tttt-son-la.json' with { type: 'json' };
import { NoWorkingDayError } from '../../shared/domain/calendar.js';
import { DeadlineRuleError, isOnTime, resolveDataCutOff, resolveDeadline } from '../../shared/domain/deadlines.js';
import { InvalidLocalDateError, formatInstant, parseInstant } from '../../shared/domain/local-time.js';
import { parsePeriod, type Period } from '../../shared/domain/periods.js';
import { calendarOf } from '../../shared/domain/working-calendar-of.js';
import { parseRulebook, rulebookForProvince } from '../../shared/rulebook/load.js';
import { dataCutOffSchema, deadlineRuleSchema, type DeadlineRule, type RulebookInput } from '../../shared/rulebook/schema.js';

const rb = rulebookForProvince('son-la')[0]!;
const cal = calendarOf(rb);
const TZ = 'Asia/Ho_Chi_Minh';

const period = (id: string): Period => {
  const p = parsePeriod(id);
  if (!p) throw new Error(`bad period ${id}`);
  return p;
};
/** Parsed by the schema, so the defaults (nonWorkingDay 'keep', strictlyBefore false) are the real ones. */
const rule = (r: unknown): DeadlineRule => deadlineRuleSchema.parse(r);
/** The deadline as local wall-clock text, e.g. '2026-11-26T16:00:00.000+07:00'. */
const due = (r: unknown, ctx: { period?: string; eventDate?: string }): string =>
  formatInstant(
    resolveDeadline(
      rule(r),
      { ...(ctx.period ? { period: period(ctx.period) } : {}), ...(ctx.eventDate ? { eventDate: ctx.eventDate } : {}) },
      cal,
      TZ,
    ),
    TZ,
  );
const at = (s: string): Date => {
  const d = parseInstant(s);
  if (!d) throw new Error(`bad instant ${s}`);
  return d;
};

describe('calendarOf', () => {
  it('takes the national holidays and swaps for Sơn La', () => {
    expect(cal.isWorkingDay('2026-04-30')).toBe(false); // Reunification Day
    expect(cal.isWorkingDay('2026-02-19')).toBe(false); // Tết
    expect(cal.isWorkingDay('2026-01-02')).toBe(false); // swapped day off
    expect(cal.isWorkingDay('2026-01-10')).toBe(true); // the Saturday worked for it
    expect(cal.isWorkingDay('2026-11-26')).toBe(true);
    expect(cal.isWorkingDay('2026-11-28')).toBe(false); // Saturday
  });

  it("adds the organisation's own holidays, swaps and weekend days, or uses only them", () => {
    const withOwn = parseRulebook({
      ...sonLaJson,
      calendar: {
        holidays: [{ date: '2026-10-09', name: { vi: 'Ngày truyền thống', en: 'Foundation day' } }],
        workingWeekendDays: [{ date: '2026-10-17', name: { vi: 'Làm bù', en: 'Make-up day' }, replaces: '2026-10-16' }],
      },
    } as RulebookInput);
    const c = calendarOf(withOwn);
    expect(c.isWorkingDay('2026-10-09')).toBe(false);
    expect(c.isWorkingDay('2026-10-16')).toBe(false);
    expect(c.isWorkingDay('2026-10-17')).toBe(true);
    expect(c.isWorkingDay('2026-04-30')).toBe(false); // national holidays still apply

    const ownOnly = parseRulebook({
      ...sonLaJson,
      calendar: {
        useNationalHolidays: false,
        weekendDays: [7],
        holidays: [{ date: '2026-05-07', name: { vi: 'Chiến thắng Điện Biên Phủ', en: 'Điện Biên Phủ Victory Day' } }],
      },
    } as RulebookInput);
    const o = calendarOf(ownOnly);
    expect(o.isWorkingDay('2026-04-30')).toBe(true); // no national holidays
    expect(o.isWorkingDay('2026-11-28')).toBe(true); // Saturday works: only Sunday is off
    expect(o.isWorkingDay('2026-11-29')).toBe(false);
    expect(o.isWorkingDay('2026-05-07')).toBe(false);
  });
});

describe('resolveDeadline: weekday-in-period', () => {
  const thursday = (nonWorkingDay: string) => ({ kind: 'weekday-in-period', weekday: 4, time: '16:00', nonWorkingDay });

  it("puts Sơn La's weekly report for 2026-W48 on Thursday 26 Nov 2026 at 16:00 local", () => {
    const weekly = rb.reportObligations.find((o) => o.id === 'r2-head-report')!.cadences!.week!.deadline;
    const dueAt = resolveDeadline(weekly, { period: period('2026-W48') }, cal, TZ);
    expect(dueAt.toISOString()).toBe('2026-11-26T09:00:00.000Z');
    expect(formatInstant(dueAt, TZ)).toBe('2026-11-26T16:00:00.000+07:00');
    // The same rule in another zone is the same wall-clock time there.
    expect(resolveDeadline(weekly, { period: period('2026-W48') }, cal, 'UTC').toISOString()).toBe('2026-11-26T16:00:00.000Z');
  });

  it('moves a holiday Thursday by the policy: 30 Apr 2026', () => {
    expect(due(thursday('previous-working-day'), { period: '2026-W18' })).toBe('2026-04-29T16:00:00.000+07:00');
    expect(due(thursday('keep'), { period: '2026-W18' })).toBe('2026-04-30T16:00:00.000+07:00');
    // Fri 1 May is a holiday too, then the weekend.
    expect(due(thursday('next-working-day'), { period: '2026-W18' })).toBe('2026-05-04T16:00:00.000+07:00');
    expect(due({ kind: 'weekday-in-period', weekday: 4, time: '16:00' }, { period: '2026-W18' })).toBe('2026-04-30T16:00:00.000+07:00'); // default keep
  });

  it('handles week 53 and the turn of the year', () => {
    expect(due(thursday('previous-working-day'), { period: '2026-W53' })).toBe('2026-12-31T16:00:00.000+07:00');
    const friday = (p: string) => ({ kind: 'weekday-in-period', weekday: 5, time: '16:00', nonWorkingDay: p });
    expect(due(friday('keep'), { period: '2026-W53' })).toBe('2027-01-01T16:00:00.000+07:00');
    expect(due(friday('previous-working-day'), { period: '2026-W53' })).toBe('2026-12-31T16:00:00.000+07:00');
    expect(due(friday('next-working-day'), { period: '2026-W53' })).toBe('2027-01-04T16:00:00.000+07:00');
    expect(due({ kind: 'weekday-in-period', weekday: 7, time: '23:59:59' }, { period: '2026-W53' })).toBe('2027-01-03T23:59:59.000+07:00');
    // 2026-W01 starts on Mon 29 Dec 2025; its Thursday is New Year's Day.
    expect(due(thursday('previous-working-day'), { period: '2026-W01' })).toBe('2025-12-31T16:00:00.000+07:00');
    expect(due(thursday('previous-working-day'), { period: '2027-W01' })).toBe('2027-01-07T16:00:00.000+07:00');
  });

  it('applies the policy literally in the Tết week 2026-W08, even out of the week', () => {
    // Mon 16 – Fri 20 Feb 2026 are all Tết: the working day before Thursday is Friday 13 Feb (W07).
    expect(due(thursday('previous-working-day'), { period: '2026-W08' })).toBe('2026-02-13T16:00:00.000+07:00');
    expect(due(thursday('next-working-day'), { period: '2026-W08' })).toBe('2026-02-23T16:00:00.000+07:00');
    expect(due(thursday('keep'), { period: '2026-W08' })).toBe('2026-02-19T16:00:00.000+07:00');
  });

  it('refuses a period that is not a week', () => {
    expect(() => due(thursday('keep'), { period: '2026-11' })).toThrow(DeadlineRuleError);
    expect(() => due(thursday('keep'), { period: '2026-11' })).toThrow("'weekday-in-period' needs a week, got month 2026-11");
  });
});

describe('resolveDeadline: working-day-of-period', () => {
  const nth = (day: number, time = '17:00') => ({ kind: 'working-day-of-period', day, time });

  it('counts working days from the first day of the period', () => {
    expect(due(nth(1, '10:00'), { period: '2026-W48' })).toBe('2026-11-23T10:00:00.000+07:00');
    expect(due(nth(1, '10:00'), { period: '2026-W18' })).toBe('2026-04-28T10:00:00.000+07:00'); // Mon 27 Apr is off
    expect(due(nth(2), { period: '2026-01' })).toBe('2026-01-06T17:00:00.000+07:00'); // 1 and 2 Jan off
    expect(due(nth(5), { period: '2026-Q4' })).toBe('2026-10-07T17:00:00.000+07:00');
    expect(due(nth(5), { period: '2027' })).toBe('2027-01-08T17:00:00.000+07:00'); // 1 Jan 2027 off
    expect(due(nth(2), { period: '2026-11' })).toBe('2026-11-03T17:00:00.000+07:00'); // 1 Nov is a Sunday
  });

  it('counts a swapped working Saturday', () => {
    // 2026-W02: Mon 5 – Fri 9 Jan and Saturday 10 Jan (worked for Friday 2 Jan).
    expect(due(nth(6), { period: '2026-W02' })).toBe('2026-01-10T17:00:00.000+07:00');
  });

  it('stops at the last working day of a period with fewer working days', () => {
    // 2026-W36: Mon 31 Aug, Tue 1 and Wed 2 Sep are off; Thu 3 and Fri 4 work.
    expect(due(nth(3), { period: '2026-W36' })).toBe('2026-09-04T17:00:00.000+07:00');
    expect(due(nth(1), { period: '2026-W36' })).toBe('2026-09-03T17:00:00.000+07:00');
  });

  it('throws for a period with no working day (the Tết week)', () => {
    expect(() => due(nth(1), { period: '2026-W08' })).toThrow(NoWorkingDayError);
    expect(() => due(nth(1), { period: '2026-W08' })).toThrow('2026-W08 has no working day, so no working day 1 of it');
  });
});

describe('resolveDeadline: period-end', () => {
  const end = (nonWorkingDay?: string) => ({ kind: 'period-end', time: '23:59:59', ...(nonWorkingDay ? { nonWorkingDay } : {}) });

  it("reads F1's 'last day of the month' literally, and moves it only when told", () => {
    expect(resolveDeadline(rb.finance.incomeExpenseReport!.deadline, { period: period('2026-01') }, cal, TZ).toISOString()).toBe(
      '2026-01-31T16:59:59.000Z',
    );
    expect(due(end(), { period: '2026-01' })).toBe('2026-01-31T23:59:59.000+07:00'); // a Saturday, kept
    expect(due(end('previous-working-day'), { period: '2026-01' })).toBe('2026-01-30T23:59:59.000+07:00');
    expect(due(end('next-working-day'), { period: '2026-01' })).toBe('2026-02-02T23:59:59.000+07:00');
    expect(due(end('next-working-day'), { period: '2026-04' })).toBe('2026-05-04T23:59:59.000+07:00'); // 30 Apr, 1 May off
  });

  it('ends a week on Sunday and a year on 31 December', () => {
    expect(due(end(), { period: '2026-W53' })).toBe('2027-01-03T23:59:59.000+07:00');
    expect(due(end('previous-working-day'), { period: '2026-W53' })).toBe('2026-12-31T23:59:59.000+07:00');
    expect(due({ kind: 'period-end', time: '17:00' }, { period: '2026' })).toBe('2026-12-31T17:00:00.000+07:00');
    expect(due({ kind: 'period-end', time: '17:00' }, { period: '2026-H1' })).toBe('2026-06-30T17:00:00.000+07:00');
  });
});

describe('resolveDeadline: working-days-after-period-end', () => {
  const after = (days: number) => ({ kind: 'working-days-after-period-end', days, time: '17:00' });

  it('counts working days after the last day of the month (31 Jan 2026 is a Saturday)', () => {
    expect(due(after(1), { period: '2026-01' })).toBe('2026-02-02T17:00:00.000+07:00');
    expect(due(after(2), { period: '2026-01' })).toBe('2026-02-03T17:00:00.000+07:00');
    expect(due(after(2), { period: '2026-Q2' })).toBe('2026-07-02T17:00:00.000+07:00');
  });

  it('skips New Year and Tết', () => {
    expect(due(after(1), { period: '2026-12' })).toBe('2027-01-04T17:00:00.000+07:00');
    expect(due(after(2), { period: '2026-Q4' })).toBe('2027-01-05T17:00:00.000+07:00');
    expect(due(after(1), { period: '2026-W53' })).toBe('2027-01-04T17:00:00.000+07:00');
    expect(due(after(1), { period: '2026-W07' })).toBe('2026-02-23T17:00:00.000+07:00');
  });
});

describe('resolveDeadline: day-of-month', () => {
  const dom = (day: number, extra: Record<string, unknown> = {}) => ({ kind: 'day-of-month', day, time: '23:59:59', ...extra });

  it("reads F2's 'before the 15th' as the 14th, kept even on a Saturday", () => {
    expect(resolveDeadline(rb.finance.payroll!.deadline, { period: period('2026-11') }, cal, TZ).toISOString()).toBe(
      '2026-11-14T16:59:59.000Z',
    );
    expect(due(dom(15, { strictlyBefore: true }), { period: '2026-11' })).toBe('2026-11-14T23:59:59.000+07:00');
    expect(due(dom(15, { strictlyBefore: true, nonWorkingDay: 'previous-working-day' }), { period: '2026-11' })).toBe(
      '2026-11-13T23:59:59.000+07:00',
    );
    expect(due(dom(15), { period: '2026-11' })).toBe('2026-11-15T23:59:59.000+07:00');
  });

  it('moves past Tết when told to take the next working day', () => {
    expect(due(dom(15, { strictlyBefore: true, nonWorkingDay: 'next-working-day' }), { period: '2026-02' })).toBe(
      '2026-02-23T23:59:59.000+07:00',
    );
  });

  it("takes a short month's last day, and the last month of a longer period", () => {
    expect(due(dom(31), { period: '2026-02' })).toBe('2026-02-28T23:59:59.000+07:00');
    expect(due(dom(31, { strictlyBefore: true }), { period: '2026-02' })).toBe('2026-02-27T23:59:59.000+07:00');
    expect(due({ kind: 'day-of-month', day: 20, time: '17:00' }, { period: '2026-Q1' })).toBe('2026-03-20T17:00:00.000+07:00');
    expect(due({ kind: 'day-of-month', day: 25, time: '17:00' }, { period: '2026' })).toBe('2026-12-25T17:00:00.000+07:00');
  });

  it('refuses a week', () => {
    expect(() => due(dom(15), { period: '2026-W48' })).toThrow("'day-of-month' does not fit a week (2026-W48)");
  });
});

describe('resolveDeadline: working-days-after-event', () => {
  const after = (days: number, time = '17:00') => ({ kind: 'working-days-after-event', days, time });

  it("gives R5 the 3rd working day after a mission ending on Friday 24 Apr 2026, past the holidays", () => {
    // Mon 27 Apr off; Tue 28 (1), Wed 29 (2); Thu 30 Apr and Fri 1 May off; Mon 4 May (3).
    expect(due(after(3), { eventDate: '2026-04-24' })).toBe('2026-05-04T17:00:00.000+07:00');
  });

  it('takes the day itself for 0 days when it works, else the next working day', () => {
    expect(due(after(0), { eventDate: '2026-11-26' })).toBe('2026-11-26T17:00:00.000+07:00');
    expect(due(after(0), { eventDate: '2026-04-25' })).toBe('2026-04-28T17:00:00.000+07:00');
    expect(due(after(0), { eventDate: '2026-01-10' })).toBe('2026-01-10T17:00:00.000+07:00'); // a worked Saturday
  });

  it("puts D1's 'start of the next working day' after Tết", () => {
    expect(due(after(1, '09:00'), { eventDate: '2026-02-13' })).toBe('2026-02-23T09:00:00.000+07:00');
  });
});

describe('resolveDeadline: a rule without its context', () => {
  it('says what is missing', () => {
    expect(() => resolveDeadline(rule({ kind: 'period-end', time: '17:00' }), {}, cal, TZ)).toThrow(
      "a 'period-end' deadline needs a period, and none was given",
    );
    expect(() => resolveDeadline(rule({ kind: 'working-days-after-period-end', days: 1, time: '17:00' }), { eventDate: '2026-01-05' }, cal, TZ)).toThrow(
      DeadlineRuleError,
    );
    expect(() => resolveDeadline(rule({ kind: 'working-days-after-event', days: 1, time: '17:00' }), { period: period('2026-01') }, cal, TZ)).toThrow(
      "a 'working-days-after-event' deadline needs the event's date, and none was given",
    );
    expect(() => resolveDeadline(rule({ kind: 'working-days-after-event', days: 1, time: '17:00' }), { eventDate: '2026-02-30' }, cal, TZ)).toThrow(
      InvalidLocalDateError,
    );
  });
});

describe('resolveDataCutOff', () => {
  const cutOff = (c: unknown) => dataCutOffSchema.parse(c);
  const dueAt = at('2026-11-26T16:00:00+07:00');

  it('resolves each kind', () => {
    const atDeadline = resolveDataCutOff(cutOff({ kind: 'at-deadline' }), { period: period('2026-W48'), dueAt }, TZ);
    expect(atDeadline.getTime()).toBe(dueAt.getTime());
    expect(atDeadline).not.toBe(dueAt); // a copy: callers may not share a mutable Date
    expect(formatInstant(resolveDataCutOff(cutOff({ kind: 'period-end' }), { period: period('2026-11'), dueAt }, TZ), TZ)).toBe(
      '2026-11-30T23:59:59.999+07:00',
    );
    expect(formatInstant(resolveDataCutOff(cutOff({ kind: 'period-end' }), { period: period('2026-W53'), dueAt }, TZ), TZ)).toBe(
      '2027-01-03T23:59:59.999+07:00',
    );
    expect(formatInstant(resolveDataCutOff(cutOff({ kind: 'day-of-month', day: 14 }), { period: period('2026-Q4'), dueAt }, TZ), TZ)).toBe(
      '2026-12-14T23:59:59.999+07:00',
    );
    expect(formatInstant(resolveDataCutOff(cutOff({ kind: 'day-of-month', day: 28 }), { period: period('2026-02'), dueAt }, TZ), TZ)).toBe(
      '2026-02-28T23:59:59.999+07:00',
    );
  });

  it('refuses what does not fit', () => {
    expect(() => resolveDataCutOff(cutOff({ kind: 'period-end' }), { dueAt }, TZ)).toThrow(
      "a 'period-end' data cut-off needs a period, and none was given",
    );
    expect(() => resolveDataCutOff(cutOff({ kind: 'day-of-month', day: 14 }), { period: period('2026-W48'), dueAt }, TZ)).toThrow(
      "a 'day-of-month' cut-off does not fit a week (2026-W48)",
    );
  });
});

describe('isOnTime', () => {
  const dueAt = resolveDeadline(rule({ kind: 'period-end', time: '23:59:59' }), { period: period('2026-01') }, cal, TZ);

  it('counts the whole last second of a 23:59:59 deadline and nothing after it', () => {
    expect(isOnTime(at('2026-01-31T23:59:58.999+07:00'), dueAt)).toBe(true);
    expect(isOnTime(at('2026-01-31T23:59:59.000+07:00'), dueAt)).toBe(true);
    expect(isOnTime(at('2026-01-31T23:59:59.999+07:00'), dueAt)).toBe(true);
    expect(isOnTime(at('2026-02-01T00:00:00.000+07:00'), dueAt)).toBe(false);
    expect(isOnTime(at('2026-01-31T16:59:59.999Z'), dueAt)).toBe(true); // same instant, written in UTC
    expect(isOnTime(at('2026-01-31T17:00:00.000Z'), dueAt)).toBe(false);
  });

  it('gives a 16:00 deadline the second 16:00:00 and no more', () => {
    const weekly = at('2026-11-26T16:00:00+07:00');
    expect(isOnTime(at('2026-11-26T16:00:00.999+07:00'), weekly)).toBe(true);
    expect(isOnTime(at('2026-11-26T16:00:01.000+07:00'), weekly)).toBe(false);
  });
});
