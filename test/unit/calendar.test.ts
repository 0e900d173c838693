import { describe, it, expect } from 'vitest';
import Holidays from 'date-holidays';
import {
  CalendarDataError,
  NoWorkingDayError,
  WorkingCalendar,
  mergeCalendars,
  type WorkingCalendarData,
} from '../../shared/domain/calendar.js';
import { nationalCalendarData } from '../../shared/domain/vietnam-holidays.js';

// 2026 as announced, 2027 as computed by the default rule (vietnam-holidays.ts).
const vietnamNationalCalendar = nationalCalendarData([2026, 2027]);
import { InvalidLocalDateError, addDays, isoWeekday } from '../../shared/domain/local-time.js';

const vn = new WorkingCalendar(vietnamNationalCalendar);
const name = (vi: string) => ({ vi, en: vi });

/** A test-made calendar: Monday 7 Dec 2026 is a holiday; Saturday 12 Dec is a working day. */
const testData: WorkingCalendarData = {
  weekendDays: [6, 7],
  holidays: [{ date: '2026-12-07', name: name('Holiday Monday') }],
  workingWeekendDays: [{ date: '2026-12-12', replaces: '2026-12-11', name: name('Swapped Saturday') }],
};
const cal = new WorkingCalendar(testData);

describe('WorkingCalendar basics (test calendar)', () => {
  it('knows weekends, holidays and swapped days', () => {
    expect(cal.isWorkingDay('2026-12-04')).toBe(true); // Friday
    expect(cal.isWorkingDay('2026-12-05')).toBe(false); // Saturday
    expect(cal.isWorkingDay('2026-12-06')).toBe(false); // Sunday
    expect(cal.isWorkingDay('2026-12-07')).toBe(false); // holiday Monday
    expect(cal.isWorkingDay('2026-12-08')).toBe(true);
    expect(cal.isWorkingDay('2026-12-11')).toBe(false); // Friday given in exchange
    expect(cal.isWorkingDay('2026-12-12')).toBe(true); // working Saturday
    expect(cal.isWorkingDay('2026-12-13')).toBe(false);
  });

  it('names holidays, including the day a swap replaces', () => {
    expect(cal.isHoliday('2026-12-07')).toBe(true);
    expect(cal.holidayName('2026-12-07')).toEqual(name('Holiday Monday'));
    expect(cal.isHoliday('2026-12-11')).toBe(true);
    expect(cal.holidayName('2026-12-11')).toEqual(name('Swapped Saturday'));
    expect(cal.isHoliday('2026-12-05')).toBe(false); // a plain weekend is not a holiday
    expect(cal.holidayName('2026-12-08')).toBeUndefined();
  });

  it('counts a swapped working Saturday', () => {
    expect(cal.nextWorkingDay('2026-12-10')).toBe('2026-12-12');
    expect(cal.previousWorkingDay('2026-12-14')).toBe('2026-12-12');
    expect(cal.addWorkingDays('2026-12-10', 2)).toBe('2026-12-14');
    expect(cal.workingDaysBetween('2026-12-10', '2026-12-14')).toBe(2); // Sat 12, Mon 14
  });

  it('next/previous are strict; onOrAfter/onOrBefore keep a working day', () => {
    expect(cal.nextWorkingDay('2026-12-08')).toBe('2026-12-09');
    expect(cal.previousWorkingDay('2026-12-08')).toBe('2026-12-04');
    expect(cal.onOrAfter('2026-12-08')).toBe('2026-12-08');
    expect(cal.onOrAfter('2026-12-05')).toBe('2026-12-08');
    expect(cal.onOrBefore('2026-12-08')).toBe('2026-12-08');
    expect(cal.onOrBefore('2026-12-07')).toBe('2026-12-04');
  });

  it('addWorkingDays counts strictly after/before, and 0 returns the date', () => {
    expect(cal.addWorkingDays('2026-12-04', 1)).toBe('2026-12-08');
    expect(cal.addWorkingDays('2026-12-05', 1)).toBe('2026-12-08');
    expect(cal.addWorkingDays('2026-12-08', -1)).toBe('2026-12-04');
    expect(cal.addWorkingDays('2026-12-05', 0)).toBe('2026-12-05');
    expect(() => cal.addWorkingDays('2026-12-05', 1.5)).toThrow(RangeError);
  });

  it('workingDaysBetween counts (a, b] and is signed', () => {
    expect(cal.workingDaysBetween('2026-12-04', '2026-12-08')).toBe(1);
    expect(cal.workingDaysBetween('2026-12-08', '2026-12-08')).toBe(0);
    expect(cal.workingDaysBetween('2026-12-08', '2026-12-04')).toBe(-1);
    expect(cal.workingDaysBetween('2026-11-30', '2026-12-31')).toBe(22); // 23 weekdays, less Mon 7 and Fri 11, plus Sat 12
  });

  it('startOfNextWorkingDay: Friday afternoon before a holiday Monday is due at the start of Tuesday', () => {
    // Friday 4 Dec 2026, 15:30 local.
    const received = new Date('2026-12-04T08:30:00Z');
    expect(cal.startOfNextWorkingDay(received).toISOString()).toBe('2026-12-07T17:00:00.000Z'); // Tue 8 Dec 00:00 +07
    // 23:59:59 local Friday is still Friday; 00:00 Saturday local is Saturday, same answer.
    expect(cal.startOfNextWorkingDay(new Date('2026-12-04T16:59:59Z')).toISOString()).toBe('2026-12-07T17:00:00.000Z');
    // Local midnight boundary: Wed 9 Dec 23:59:59 local -> Thu 10; Thu 10 00:00 local -> Sat 12 (Fri 11 is off).
    expect(cal.startOfNextWorkingDay(new Date('2026-12-09T16:59:59.999Z')).toISOString()).toBe('2026-12-09T17:00:00.000Z');
    expect(cal.startOfNextWorkingDay(new Date('2026-12-09T17:00:00.000Z')).toISOString()).toBe('2026-12-11T17:00:00.000Z');
    // In UTC the local date differs.
    expect(cal.startOfNextWorkingDay(new Date('2026-12-04T20:00:00Z'), 'UTC').toISOString()).toBe('2026-12-08T00:00:00.000Z');
  });

  it('rejects invalid dates', () => {
    expect(() => cal.isWorkingDay('2026-02-30')).toThrow(InvalidLocalDateError);
    expect(() => cal.nextWorkingDay('2026-13-01')).toThrow(InvalidLocalDateError);
    expect(() => cal.isHoliday('not a date')).toThrow(InvalidLocalDateError);
    expect(() => cal.lastWorkingDayOfMonth('2026-13')).toThrow(InvalidLocalDateError);
    expect(() => cal.lastWorkingDayOfWeek('2026-11')).toThrow(RangeError);
  });
});

describe('bounded searches and bad data', () => {
  it('throws instead of looping when no day is a working day', () => {
    const never = new WorkingCalendar({ weekendDays: [1, 2, 3, 4, 5, 6, 7], holidays: [], workingWeekendDays: [] });
    expect(() => never.nextWorkingDay('2026-01-01')).toThrow(NoWorkingDayError);
    expect(() => never.onOrBefore('2026-01-01')).toThrow(NoWorkingDayError);
    expect(() => never.lastWorkingDayOfMonth('2026-05')).toThrow(NoWorkingDayError);
    expect(never.lastWorkingDayOfWeek('2026-W48')).toBeUndefined();
  });

  it('throws for a run of more than 366 holidays', () => {
    const holidays = Array.from({ length: 400 }, (_, i) => ({ date: addDays('2026-01-01', i), name: name('x') }));
    const cal = new WorkingCalendar({ weekendDays: [], holidays, workingWeekendDays: [] });
    expect(() => cal.nextWorkingDay('2025-12-31')).toThrow(NoWorkingDayError);
    expect(cal.nextWorkingDay('2026-12-31')).toBe(addDays('2026-01-01', 400));
  });

  it('rejects invalid calendar data with a clear error', () => {
    expect(() => new WorkingCalendar({ weekendDays: [0], holidays: [], workingWeekendDays: [] })).toThrow(CalendarDataError);
    expect(
      () => new WorkingCalendar({ weekendDays: [6, 7], holidays: [{ date: '2026-02-30', name: name('x') }], workingWeekendDays: [] }),
    ).toThrow(/invalid date "2026-02-30"/);
    expect(
      () =>
        new WorkingCalendar({
          weekendDays: [6, 7],
          holidays: [{ date: '2026-12-12', name: name('x') }],
          workingWeekendDays: [{ date: '2026-12-12', name: name('y') }],
        }),
    ).toThrow(/both as a holiday and as a working day/);
  });
});

describe('vietnamNationalCalendar', () => {
  it('as plain data of 2026 and 2027, covers those years only (a rulebook calendar covers every year: calendar-years.test.ts)', () => {
    expect(vn.coveredYears()).toEqual([2026, 2027]);
    expect(vn.covers('2027-06-01')).toBe(true);
    expect(vn.covers('2028-01-01')).toBe(false);
  });

  it('is accepted by the WorkingCalendar validation and sorted by date', () => {
    const dates = vietnamNationalCalendar.holidays.map((h) => h.date);
    expect([...dates].sort()).toEqual(dates);
    expect(new Set(dates).size).toBe(dates.length);
  });

  it('lists every day off with a Vietnamese and an English name', () => {
    for (const h of vietnamNationalCalendar.holidays) {
      expect(h.name.vi.length, h.date).toBeGreaterThan(0);
      expect(h.name.en.length, h.date).toBeGreaterThan(0);
    }
  });

  it('lists exactly these weekday days off', () => {
    const weekdaysOff = vietnamNationalCalendar.holidays.map((h) => h.date).filter((d) => isoWeekday(d) <= 5);
    expect(weekdaysOff).toEqual([
      '2026-01-01', '2026-01-02',
      '2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20',
      '2026-04-27', '2026-04-30', '2026-05-01',
      '2026-08-31', '2026-09-01', '2026-09-02',
      '2027-01-01',
      '2027-02-04', '2027-02-05', '2027-02-08', '2027-02-09', '2027-02-10',
      '2027-04-16', '2027-04-30', '2027-05-03',
      '2027-09-02', '2027-09-03',
    ]);
  });

  it('closes the whole Tết 2026 break, 14 to 22 February', () => {
    for (let d = '2026-02-14'; d <= '2026-02-22'; d = addDays(d, 1)) expect(vn.isWorkingDay(d), d).toBe(false);
    expect(vn.isWorkingDay('2026-02-13')).toBe(true);
    expect(vn.isWorkingDay('2026-02-23')).toBe(true);
    expect(vn.nextWorkingDay('2026-02-13')).toBe('2026-02-23');
    expect(vn.previousWorkingDay('2026-02-23')).toBe('2026-02-13');
    expect(vn.holidayName('2026-02-17')?.vi).toBe('Tết Nguyên Đán (mùng 1 tháng Giêng)');
    expect(vn.lastWorkingDayOfWeek('2026-W08')).toBeUndefined();
    expect(vn.lastWorkingDayOfWeek('2026-W07')).toBe('2026-02-13');
  });

  it('adds working days across Tết', () => {
    expect(vn.addWorkingDays('2026-02-12', 2)).toBe('2026-02-23');
    expect(vn.addWorkingDays('2026-02-13', 1)).toBe('2026-02-23');
    expect(vn.addWorkingDays('2026-02-10', 10)).toBe('2026-03-03'); // 11, 12, 13, 23–27 Feb, 2, 3 Mar
    expect(vn.addWorkingDays('2026-02-23', -1)).toBe('2026-02-13');
    expect(vn.addWorkingDays('2026-02-24', -3)).toBe('2026-02-12');
    expect(vn.workingDaysBetween('2026-02-13', '2026-02-23')).toBe(1);
    expect(vn.workingDaysBetween('2026-02-01', '2026-02-28')).toBe(15); // 20 weekdays less the 5 Tết days
  });

  it("gives Monday 27 April 2026 off for the Hùng Kings' day on Sunday 26 April", () => {
    expect(isoWeekday('2026-04-26')).toBe(7);
    expect(vn.isHoliday('2026-04-26')).toBe(true);
    expect(vn.isWorkingDay('2026-04-27')).toBe(false);
    expect(vn.holidayName('2026-04-27')?.en).toBe("Compensatory day off for the Hùng Kings' Commemoration Day");
    expect(vn.nextWorkingDay('2026-04-24')).toBe('2026-04-28');
  });

  it('closes 30 April, 1 May and 2 September', () => {
    for (const d of ['2026-04-30', '2026-05-01', '2026-09-02', '2027-04-30', '2027-05-01', '2027-09-02']) {
      expect(vn.isWorkingDay(d), d).toBe(false);
      expect(vn.isHoliday(d), d).toBe(true);
    }
    expect(vn.nextWorkingDay('2026-04-29')).toBe('2026-05-04');
    expect(vn.isWorkingDay('2026-09-01')).toBe(false);
    expect(vn.isWorkingDay('2026-09-03')).toBe(true);
    expect(vn.isWorkingDay('2027-09-03')).toBe(false);
    // 1 May 2027 is a Saturday: Monday 3 May is the compensatory day.
    expect(vn.nextWorkingDay('2027-04-29')).toBe('2027-05-04');
  });

  it('applies the 2026 swaps for civil servants', () => {
    expect(vn.isWorkingDay('2026-01-02')).toBe(false);
    expect(vn.isWorkingDay('2026-01-10')).toBe(true); // Saturday
    expect(vn.isWorkingDay('2026-08-22')).toBe(true); // Saturday
    expect(vn.isWorkingDay('2026-08-31')).toBe(false);
    expect(vn.nextWorkingDay('2026-08-28')).toBe('2026-09-03');
  });

  it('finds the last working day of a month ending on a weekend or holiday', () => {
    expect(isoWeekday('2026-05-31')).toBe(7);
    expect(vn.lastWorkingDayOfMonth('2026-05')).toBe('2026-05-29');
    expect(vn.lastWorkingDayOfMonth('2026-02')).toBe('2026-02-27'); // Feb 2026 ends on a Saturday
    expect(vn.lastWorkingDayOfMonth('2026-11')).toBe('2026-11-30'); // Monday
    expect(vn.lastWorkingDayOfMonth('2026-12')).toBe('2026-12-31'); // Thursday
    expect(vn.lastWorkingDayOfMonth('2028-02')).toBe('2028-02-29'); // leap day, a Tuesday
    expect(vn.lastWorkingDayOfMonth('2027-02')).toBe('2027-02-26');
  });

  it('finds the first working day of a month starting on a holiday', () => {
    expect(vn.firstWorkingDayOfMonth('2026-01')).toBe('2026-01-05'); // 1 Jan holiday, 2 Jan swapped, weekend
    expect(vn.firstWorkingDayOfMonth('2026-05')).toBe('2026-05-04');
    expect(vn.firstWorkingDayOfMonth('2026-09')).toBe('2026-09-03');
    expect(vn.firstWorkingDayOfMonth('2026-11')).toBe('2026-11-02'); // 1 Nov is a Sunday
  });

  it('crosses the year end', () => {
    expect(vn.nextWorkingDay('2026-12-31')).toBe('2027-01-04'); // 1 Jan 2027 Friday holiday, then weekend
    expect(vn.previousWorkingDay('2027-01-04')).toBe('2026-12-31');
    expect(vn.lastWorkingDayOfWeek('2026-W53')).toBe('2026-12-31');
  });

  it('startOfNextWorkingDay before Tết 2026', () => {
    // Friday 13 Feb 2026, 16:00 local.
    expect(vn.startOfNextWorkingDay(new Date('2026-02-13T09:00:00Z')).toISOString()).toBe('2026-02-22T17:00:00.000Z');
  });
});

describe('vietnamNationalCalendar agrees with date-holidays on lunar dates', () => {
  const lunar = (year: number) => {
    const all = new Holidays('VN').getHolidays(year);
    const day = (nameVi: string): string => {
      const h = all.find((x) => x.name === nameVi && x.type === 'public');
      if (!h) throw new Error(`date-holidays has no ${nameVi} in ${year}`);
      return h.date.slice(0, 10);
    };
    return { newYear: day('Tết Nguyên Đán'), eve: day('Giao thừa Tết Nguyên Đán'), hungKings: day('Giỗ tổ Hùng Vương') };
  };

  it.each([
    [2026, '2026-02-17', '2026-02-16', '2026-04-26'],
    [2027, '2027-02-06', '2027-02-05', '2027-04-16'],
  ])('%i: lunar New Year %s, eve %s, Hùng Kings %s', (year, newYear, eve, hungKings) => {
    expect(lunar(year)).toEqual({ newYear, eve, hungKings });
    expect(vn.holidayName(newYear)?.vi).toBe('Tết Nguyên Đán (mùng 1 tháng Giêng)');
    expect(vn.holidayName(eve)?.vi).toBe('Tết Nguyên Đán (29 tháng Chạp, giao thừa)');
    expect(vn.holidayName(hungKings)?.vi).toBe('Giỗ Tổ Hùng Vương (10/3 âm lịch)');
  });

  it.each([2026, 2027])('%i: every public holiday of date-holidays is a day off', (year) => {
    const all = new Holidays('VN').getHolidays(year).filter((h) => h.type === 'public');
    expect(all.map((h) => h.date.slice(5, 10))).toEqual(
      year === 2026
        ? ['01-01', '02-16', '02-17', '04-26', '04-30', '05-01', '09-02']
        : ['01-01', '02-05', '02-06', '04-16', '04-30', '05-01', '09-02'],
    );
    for (const h of all) {
      // Multi-day entries (Tết: "P5D") cover start..end-1.
      for (let d = h.date.slice(0, 10); d < toLocal(h.end); d = addDays(d, 1)) {
        expect(vn.isWorkingDay(d), `${d} ${h.name}`).toBe(false);
      }
    }
  });
});

/** date-holidays returns Date objects at local midnight of the holiday's zone; its `end` is exclusive. */
function toLocal(end: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(end);
}

describe('mergeCalendars', () => {
  const org: Partial<WorkingCalendarData> = {
    holidays: [{ date: '2026-11-24', name: name('Ngày Văn hóa Việt Nam') }],
    workingWeekendDays: [{ date: '2027-02-10', name: name('Đi làm mùng 5') }],
  };
  const merged = new WorkingCalendar(mergeCalendars(vietnamNationalCalendar, org));

  it('adds an organisation holiday to the national calendar', () => {
    expect(merged.isWorkingDay('2026-11-24')).toBe(false);
    expect(merged.isWorkingDay('2026-02-17')).toBe(false);
    expect(vn.isWorkingDay('2026-11-24')).toBe(true);
  });

  it('lets a later part turn a default holiday back into a working day', () => {
    expect(vn.isWorkingDay('2027-02-10')).toBe(false);
    expect(merged.isWorkingDay('2027-02-10')).toBe(true);
    expect(merged.isHoliday('2027-02-10')).toBe(false);
  });

  it('keeps weekend days unless a part overrides them, defaulting to Saturday and Sunday', () => {
    expect(mergeCalendars().weekendDays).toEqual([6, 7]);
    expect(mergeCalendars(vietnamNationalCalendar, { weekendDays: [7] }).weekendDays).toEqual([7]);
    expect(mergeCalendars({ weekendDays: [7] }, {}).weekendDays).toEqual([7]);
  });

  it('sorts and de-duplicates by date, later names winning', () => {
    const m = mergeCalendars(
      { holidays: [{ date: '2026-03-02', name: name('b') }, { date: '2026-03-01', name: name('a') }] },
      { holidays: [{ date: '2026-03-02', name: name('B') }] },
    );
    expect(m.holidays).toEqual([
      { date: '2026-03-01', name: name('a') },
      { date: '2026-03-02', name: name('B') },
    ]);
  });

  it('rejects a part that lists a date both ways', () => {
    expect(() =>
      mergeCalendars({
        holidays: [{ date: '2026-03-07', name: name('x') }],
        workingWeekendDays: [{ date: '2026-03-07', name: name('y') }],
      }),
    ).toThrow(CalendarDataError);
  });
});
