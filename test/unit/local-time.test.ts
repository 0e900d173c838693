import { describe, it, expect } from 'vitest';
import {
  DEPARTMENT_TIME_ZONE,
  InvalidLocalDateError,
  InvalidTimeZoneError,
  addDays,
  compareLocalDates,
  daysBetween,
  endOfLocalDay,
  formatInstant,
  isValidLocalDate,
  isoWeekday,
  lastDayOfMonth,
  localDateTimeToInstant,
  parseInstant,
  startOfLocalDay,
  toLocalDate,
} from '../../shared/domain/local-time.js';

describe('isValidLocalDate', () => {
  it.each(['2026-01-01', '2026-02-28', '2028-02-29', '2000-02-29', '2026-12-31'])('accepts %s', (s) => {
    expect(isValidLocalDate(s)).toBe(true);
  });

  it.each([
    '2026-02-29', // 2026 is not a leap year
    '2026-02-30',
    '1900-02-29', // century, not divisible by 400
    '2026-13-01',
    '2026-00-10',
    '2026-04-31',
    '2026-01-00',
    '2026-1-01',
    '26-01-01',
    '2026/01/01',
    '2026-01-01T00:00:00Z',
    ' 2026-01-01',
    '',
  ])('rejects %j', (s) => {
    expect(isValidLocalDate(s)).toBe(false);
  });

  it('rejects non-strings', () => {
    expect(isValidLocalDate(20260101)).toBe(false);
    expect(isValidLocalDate(undefined)).toBe(false);
  });
});

describe('toLocalDate', () => {
  it('is the department time zone (UTC+7) by default', () => {
    expect(DEPARTMENT_TIME_ZONE).toBe('Asia/Ho_Chi_Minh');
  });

  it('changes day at 17:00Z, local midnight in UTC+7', () => {
    expect(toLocalDate(new Date('2026-11-25T16:59:59.999Z'))).toBe('2026-11-25');
    expect(toLocalDate(new Date('2026-11-25T17:00:00.000Z'))).toBe('2026-11-26');
  });

  it('crosses the year at 31 Dec 17:00Z', () => {
    expect(toLocalDate(new Date('2026-12-31T16:59:59Z'))).toBe('2026-12-31');
    expect(toLocalDate(new Date('2026-12-31T17:00:00Z'))).toBe('2027-01-01');
  });

  it('takes another zone', () => {
    expect(toLocalDate(new Date('2026-11-25T17:00:00Z'), 'UTC')).toBe('2026-11-25');
    expect(toLocalDate(new Date('2026-11-26T04:59:59Z'), 'America/New_York')).toBe('2026-11-25');
    expect(toLocalDate(new Date('2026-11-26T05:00:00Z'), 'America/New_York')).toBe('2026-11-26');
  });

  it('rejects an invalid instant or zone', () => {
    expect(() => toLocalDate(new Date('nope'))).toThrow(RangeError);
    expect(() => toLocalDate(new Date('2026-01-01T00:00:00Z'), 'Mars/Olympus')).toThrow(InvalidTimeZoneError);
  });
});

describe('localDateTimeToInstant / startOfLocalDay / endOfLocalDay', () => {
  it('converts local wall time to the instant', () => {
    expect(localDateTimeToInstant('2026-11-26', '09:00').toISOString()).toBe('2026-11-26T02:00:00.000Z');
    expect(localDateTimeToInstant('2026-11-26', '06:30:15').toISOString()).toBe('2026-11-25T23:30:15.000Z');
    expect(localDateTimeToInstant('2026-11-26', '09:00', 'UTC').toISOString()).toBe('2026-11-26T09:00:00.000Z');
  });

  it('rejects bad times and dates', () => {
    for (const t of ['24:00', '9:00', '09:60', '09:00:60', '09:00:00.000', '']) {
      expect(() => localDateTimeToInstant('2026-11-26', t)).toThrow(RangeError);
    }
    expect(() => localDateTimeToInstant('2026-02-30', '09:00')).toThrow(InvalidLocalDateError);
  });

  it('gives the first and last millisecond of the local day', () => {
    expect(startOfLocalDay('2026-11-26').toISOString()).toBe('2026-11-25T17:00:00.000Z');
    expect(endOfLocalDay('2026-11-26').toISOString()).toBe('2026-11-26T16:59:59.999Z');
    expect(endOfLocalDay('2028-02-29').toISOString()).toBe('2028-02-29T16:59:59.999Z');
  });

  it('handles a 23-hour DST day in another zone', () => {
    // America/New_York springs forward on 8 Mar 2026.
    expect(startOfLocalDay('2026-03-08', 'America/New_York').toISOString()).toBe('2026-03-08T05:00:00.000Z');
    expect(endOfLocalDay('2026-03-08', 'America/New_York').toISOString()).toBe('2026-03-09T03:59:59.999Z');
  });
});

describe('formatInstant', () => {
  it('prints ISO 8601 with the +07:00 offset', () => {
    expect(formatInstant(new Date('2026-11-26T02:00:00Z'))).toBe('2026-11-26T09:00:00.000+07:00');
    expect(formatInstant(new Date('2026-12-31T17:00:00.123Z'))).toBe('2027-01-01T00:00:00.123+07:00');
  });

  it('prints other zones with their offset', () => {
    expect(formatInstant(new Date('2026-11-26T02:00:00Z'), 'UTC')).toBe('2026-11-26T02:00:00.000+00:00');
    expect(formatInstant(new Date('2026-07-01T12:00:00Z'), 'America/New_York')).toBe('2026-07-01T08:00:00.000-04:00');
  });

  it('round-trips through parseInstant', () => {
    const instant = new Date('2026-02-13T09:45:12.345Z');
    expect(parseInstant(formatInstant(instant))?.getTime()).toBe(instant.getTime());
  });
});

describe('calendar arithmetic', () => {
  it('isoWeekday: Monday is 1, Sunday is 7', () => {
    expect(isoWeekday('2026-11-23')).toBe(1);
    expect(isoWeekday('2026-11-26')).toBe(4);
    expect(isoWeekday('2026-11-29')).toBe(7);
    expect(isoWeekday('2026-05-31')).toBe(7);
    expect(isoWeekday('1970-01-01')).toBe(4);
    expect(isoWeekday('1969-12-31')).toBe(3);
    expect(isoWeekday('2028-02-29')).toBe(2);
  });

  it('addDays crosses month, leap-day and year ends', () => {
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2028-02-29', 1)).toBe('2028-03-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2027-01-01', -1)).toBe('2026-12-31');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addDays('2026-11-26', 0)).toBe('2026-11-26');
    expect(addDays('2026-01-01', 365)).toBe('2027-01-01');
  });

  it('addDays rejects invalid input', () => {
    expect(() => addDays('2026-02-30', 1)).toThrow(InvalidLocalDateError);
    expect(() => addDays('2026-02-01', 1.5)).toThrow(RangeError);
  });

  it('compareLocalDates orders dates', () => {
    expect(compareLocalDates('2026-02-13', '2026-02-23')).toBe(-1);
    expect(compareLocalDates('2026-02-23', '2026-02-13')).toBe(1);
    expect(compareLocalDates('2026-02-23', '2026-02-23')).toBe(0);
    expect(() => compareLocalDates('2026-02-23', '2026-13-01')).toThrow(InvalidLocalDateError);
  });

  it('daysBetween counts calendar days, signed', () => {
    expect(daysBetween('2026-01-01', '2026-01-02')).toBe(1);
    expect(daysBetween('2026-01-01', '2027-01-01')).toBe(365);
    expect(daysBetween('2028-01-01', '2029-01-01')).toBe(366);
    expect(daysBetween('2026-02-13', '2026-02-23')).toBe(10);
    expect(daysBetween('2026-02-23', '2026-02-13')).toBe(-10);
    expect(daysBetween('2026-11-26', '2026-11-26')).toBe(0);
  });

  it('lastDayOfMonth handles February and year ends', () => {
    expect(lastDayOfMonth('2026-02')).toBe('2026-02-28');
    expect(lastDayOfMonth('2028-02')).toBe('2028-02-29');
    expect(lastDayOfMonth('2100-02')).toBe('2100-02-28');
    expect(lastDayOfMonth('2000-02')).toBe('2000-02-29');
    expect(lastDayOfMonth('2026-04')).toBe('2026-04-30');
    expect(lastDayOfMonth('2026-12')).toBe('2026-12-31');
    expect(() => lastDayOfMonth('2026-13')).toThrow(InvalidLocalDateError);
    expect(() => lastDayOfMonth('2026-2')).toThrow(InvalidLocalDateError);
  });
});

describe('parseInstant', () => {
  it.each([
    ['2026-11-26T09:00:00+07:00', '2026-11-26T02:00:00.000Z'],
    ['2026-11-26T09:00:00.5+07:00', '2026-11-26T02:00:00.500Z'],
    ['2026-11-26T02:00:00Z', '2026-11-26T02:00:00.000Z'],
    ['2026-11-26T02:00Z', '2026-11-26T02:00:00.000Z'],
    ['2026-11-26T02:00:00.123456Z', '2026-11-26T02:00:00.123Z'],
    ['2026-11-25T21:00:00-05:00', '2026-11-26T02:00:00.000Z'],
    ['2026-11-26T09:00:00+0700', '2026-11-26T02:00:00.000Z'],
    ['2026-01-01T00:00:00+07:00', '2025-12-31T17:00:00.000Z'],
    ['2028-02-29T23:59:59.999Z', '2028-02-29T23:59:59.999Z'],
  ])('parses %s', (input, iso) => {
    expect(parseInstant(input)?.toISOString()).toBe(iso);
  });

  it.each([
    '2026-11-26T09:00:00', // no offset: ambiguous
    '2026-11-26',
    '2026-11-26 09:00:00Z',
    '2026-02-30T09:00:00Z',
    '2026-13-01T09:00:00Z',
    '2026-11-26T24:00:00Z',
    '2026-11-26T09:60:00Z',
    '2026-11-26T09:00:60Z',
    '2026-11-26T09:00:00+24:00',
    '2026-11-26T09:00:00+07',
    'Thu, 26 Nov 2026 09:00:00 GMT',
    '1764122400000',
    '',
  ])('rejects %j', (input) => {
    expect(parseInstant(input)).toBeUndefined();
  });

  it('rejects non-strings', () => {
    expect(parseInstant(1764122400000)).toBeUndefined();
    expect(parseInstant(null)).toBeUndefined();
  });
});

// Asia/Saigon is the time-zone database's other name for Asia/Ho_Chi_Minh: it takes the
// @date-fns/tz path, so each answer of the fixed-offset path is checked against the database.
describe('the department zone’s fixed offset agrees with the time-zone database', () => {
  const instants = [Date.UTC(1975, 5, 12, 16), Date.UTC(1975, 11, 31, 16, 59, 59, 999), Date.UTC(1976, 0, 1), Date.UTC(2026, 11, 31, 16, 59, 59, 999), Date.UTC(2026, 11, 31, 17)];
  for (let ms = Date.UTC(1960, 0, 1); ms < Date.UTC(2100, 0, 1); ms += 86_400_000 * 97 + 3_600_000 * 5 + 60_000 * 7 + 13) instants.push(ms);
  it('toLocalDate and formatInstant, over 1960–2100 and at the switch to the fixed offset', () => {
    for (const ms of instants) {
      const at = new Date(ms);
      expect(toLocalDate(at, 'Asia/Ho_Chi_Minh')).toBe(toLocalDate(at, 'Asia/Saigon'));
      expect(formatInstant(at, 'Asia/Ho_Chi_Minh')).toBe(formatInstant(at, 'Asia/Saigon'));
      expect(formatInstant(at, 'UTC')).toBe(at.toISOString().replace('Z', '+00:00'));
    }
  });
  it('localDateTimeToInstant, over 1960–2100', () => {
    for (const ms of instants) {
      const date = new Date(ms).toISOString().slice(0, 10);
      for (const time of ['00:00', '06:59:59', '23:59:59']) {
        expect(localDateTimeToInstant(date, time, 'Asia/Ho_Chi_Minh').getTime()).toBe(localDateTimeToInstant(date, time, 'Asia/Saigon').getTime());
      }
    }
  });
});
