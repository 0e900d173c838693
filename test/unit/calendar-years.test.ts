/**
 * The working calendar for any year (Bộ luật Lao động 2019, Điều 111(3), 112; DOMAIN.md "Working
 * days"): computed lunar holidays, the default Tết rule, compensatory days, announced vs
 * provisional years, and years the calendar cannot answer for.
 */
import { describe, expect, it } from 'vitest';
import sonLaJson from '../../shared/rulebook/organisations/so-tttt-son-la.json' with { type: 'json' };
import { UnprocessableError } from '../../shared/domain/errors.js';
import { addDays, isoWeekday } from '../../shared/domain/local-time.js';
import {
  CalendarCoverageError,
  computedNationalYear,
  defaultTetBreak,
  lunarToSolar,
  nationalYear,
} from '../../shared/domain/vietnam-holidays.js';
import { calendarOf } from '../../shared/domain/working-calendar-of.js';
import { RulebookError, parseRulebook, rulebookForProvince } from '../../shared/rulebook/load.js';
import type { RulebookInput } from '../../shared/rulebook/schema.js';

const sonLa = rulebookForProvince('son-la')[0]!;
const cal = calendarOf(sonLa);
const withYears = (years: unknown[]) => parseRulebook({ ...sonLaJson, calendar: { ...sonLaJson.calendar, years } } as RulebookInput);

describe('the Vietnamese lunar calendar (date-chinese CalendarVietnamese, UTC+7)', () => {
  // Tết as announced in Việt Nam. 2030: the new moon is at 23:07 on 2 Feb in UTC+7 (00:07 on
  // 3 Feb in China's UTC+8), so Vietnam's Tết Canh Tuất is Saturday 2 Feb 2030, a day before China's.
  it.each([
    [1985, '1985-01-21'], // China: 20 Feb 1985 (the 1984 leap month differs)
    [2007, '2007-02-17'], // China: 18 Feb 2007
    [2024, '2024-02-10'],
    [2025, '2025-01-29'],
    [2026, '2026-02-17'],
    [2027, '2027-02-06'],
    [2028, '2028-01-26'],
    [2030, '2030-02-02'],
  ])('Điều 112(1)(b): Tết %i is on %s', (year, date) => {
    expect(lunarToSolar(year, 1, 1)).toBe(date);
  });

  it("Điều 112(1)(e): the Hùng Kings' day (10/3 lunar) of 2028, 2029 and 2030 is computed and a day off", () => {
    expect([2028, 2029, 2030].map((y) => lunarToSolar(y, 3, 10))).toEqual(['2028-04-04', '2029-04-23', '2030-04-12']);
    for (const d of ['2028-04-04', '2029-04-23', '2030-04-12']) {
      expect(cal.isWorkingDay(d), d).toBe(false);
      expect(cal.holidayName(d)?.vi).toBe('Giỗ Tổ Hùng Vương (10/3 âm lịch)');
      expect(cal.isWorkingDay(addDays(d, -7)), addDays(d, -7)).toBe(true);
    }
  });
});

describe('Điều 112(1)(b): the default Tết break (provisional)', () => {
  it('reproduces the decisions of 2024-2026 and the 2027 default from the lunar New Year alone', () => {
    expect(defaultTetBreak('2024-02-10')).toEqual(['2024-02-08', '2024-02-09', '2024-02-10', '2024-02-11', '2024-02-12', '2024-02-13', '2024-02-14']);
    expect(defaultTetBreak('2025-01-29')).toEqual(['2025-01-27', '2025-01-28', '2025-01-29', '2025-01-30', '2025-01-31']);
    expect(defaultTetBreak('2026-02-17')).toEqual(['2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20']);
    expect(defaultTetBreak('2027-02-06')).toEqual(['2027-02-04', '2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08', '2027-02-09', '2027-02-10']);
  });

  it('Tết 2028: Monday 24 to Friday 28 January are not working days; Friday 21 and Monday 31 January are', () => {
    expect(cal.isWorkingDay('2028-01-21')).toBe(true);
    for (let d = '2028-01-22'; d <= '2028-01-30'; d = addDays(d, 1)) expect(cal.isWorkingDay(d), d).toBe(false);
    expect(cal.isWorkingDay('2028-01-31')).toBe(true);
    expect(cal.holidayName('2028-01-25')?.vi).toBe('Tết Nguyên Đán (29 tháng Chạp, giao thừa)');
    expect(cal.holidayName('2028-01-26')?.en).toBe('Lunar New Year (Tết), day 1');
    expect(cal.nextWorkingDay('2028-01-21')).toBe('2028-01-31');
    expect(cal.yearStatus(2028)).toBe('provisional');
  });
});

describe('Điều 111(3): a holiday on the weekly rest day gives the next working day off', () => {
  it('1 January 2034 is a Sunday: Monday 2 January is the compensatory day, Tuesday 3 works', () => {
    expect(isoWeekday('2034-01-01')).toBe(7);
    expect(cal.isWorkingDay('2034-01-02')).toBe(false);
    expect(cal.holidayName('2034-01-02')?.vi).toBe('Nghỉ bù Tết Dương lịch');
    expect(cal.isWorkingDay('2034-01-03')).toBe(true);
  });

  it('30 April 2028 is a Sunday and 1 May a holiday: the compensatory day is Tuesday 2 May', () => {
    expect(isoWeekday('2028-04-30')).toBe(7);
    expect(cal.isWorkingDay('2028-05-01')).toBe(false);
    expect(cal.holidayName('2028-05-02')?.vi).toBe('Nghỉ bù Ngày Chiến thắng');
    expect(cal.isWorkingDay('2028-05-03')).toBe(true);
  });

  it('2 September 2029 is a Sunday: Monday 3 is the adjacent day, Tuesday 4 the compensatory day', () => {
    const y = computedNationalYear(2029).holidays.filter((h) => h.date.startsWith('2029-09'));
    expect(y.map((h) => h.date)).toEqual(['2029-09-02', '2029-09-03', '2029-09-04']);
    expect(cal.isWorkingDay('2029-09-05')).toBe(true);
  });
});

describe('announced and provisional years', () => {
  it('2026: the announced decision wins over the computation (the swapped 2 January and its Saturday 10 January)', () => {
    expect(computedNationalYear(2026).holidays.some((h) => h.date === '2026-01-02')).toBe(false);
    expect(nationalYear(2026).status).toBe('announced');
    expect(cal.yearStatus(2026)).toBe('announced');
    expect(cal.isWorkingDay('2026-01-02')).toBe(false);
    expect(cal.isWorkingDay('2026-01-10')).toBe(true);
    expect(cal.isWorkingDay('2026-08-31')).toBe(false);
  });

  it('2027 and later years are provisional until marked; 2027 computes the same days the earlier default listed', () => {
    expect(cal.yearStatus(2027)).toBe('provisional');
    expect(cal.yearLayer(2027)?.basis.vi).toMatch(/^Tính theo Bộ luật Lao động 2019/);
  });

  it('a year marked announced in the rulebook without days confirms the computed ones', () => {
    const c = calendarOf(withYears([{ year: 2027, status: 'announced', basis: { vi: 'Thông báo số 1/TB-BNV', en: 'Notice 1/TB-BNV' } }]));
    expect(c.yearStatus(2027)).toBe('announced');
    expect(c.yearLayer(2027)?.basis.en).toBe('Notice 1/TB-BNV');
    expect(c.isWorkingDay('2027-02-10')).toBe(false);
  });

  it("a year marked announced with its days replaces the computed ones (the organisation's own days still add)", () => {
    const c = calendarOf(
      parseRulebook({
        ...sonLaJson,
        calendar: {
          ...sonLaJson.calendar,
          holidays: [{ date: '2028-10-09', name: { vi: 'Ngày truyền thống', en: 'Foundation day' } }],
          years: [
            {
              year: 2028,
              status: 'announced',
              basis: { vi: 'Quyết định giả định', en: 'A hypothetical decision' },
              holidays: [{ date: '2028-01-27', name: { vi: 'Tết', en: 'Tết' } }],
            },
          ],
        },
      } as RulebookInput),
    );
    expect(c.yearStatus(2028)).toBe('announced');
    expect(c.isWorkingDay('2028-01-27')).toBe(false);
    expect(c.isWorkingDay('2028-01-24')).toBe(true); // computed default no longer applies
    expect(c.isWorkingDay('2028-10-09')).toBe(false);
  });

  it('the rulebook refuses an announced year without its basis, a date outside the year, and a year listed twice', () => {
    expect(() => withYears([{ year: 2027, status: 'announced' }])).toThrow(RulebookError);
    expect(() =>
      withYears([{ year: 2027, status: 'provisional', holidays: [{ date: '2028-01-01', name: { vi: 'x', en: 'x' } }] }]),
    ).toThrow(/belongs to the year/);
    expect(() => withYears([{ year: 2027, status: 'provisional' }, { year: 2027, status: 'provisional' }])).toThrow(/listed twice/);
  });

  it('a year outside 2021-2199 is an error the caller sees (422), never an all-working year', () => {
    expect(() => cal.isWorkingDay('2020-06-01')).toThrow(CalendarCoverageError);
    expect(() => cal.isWorkingDay('2200-01-01')).toThrow(CalendarCoverageError);
    expect(new CalendarCoverageError(2020)).toBeInstanceOf(UnprocessableError);
    expect(cal.isWorkingDay('2021-01-04')).toBe(true);
  });
});
