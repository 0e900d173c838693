// The one formatter of what a person reads: dates, instants and periods at their edges.
import { describe, expect, it } from 'vitest';
import { day, instant, langOfAcceptLanguage, lateness, periodLabel } from '../../shared/domain/format.js';

describe('dates and instants', () => {
  it('a date as 03/12/2026, a local timestamp as 03/12/2026 10:00 (its own wall time), a UTC one in the zone', () => {
    expect(day('2026-12-03', 'vi')).toBe('03/12/2026');
    expect(instant('2026-12-03T10:00:00.000+07:00', 'vi')).toBe('03/12/2026 10:00');
    expect(instant('2026-12-31T17:30:00.000Z', 'vi', 'Asia/Ho_Chi_Minh')).toBe('01/01/2027 00:30');
    expect(instant(new Date('2026-12-31T16:59:59.999Z'), 'vi', 'Asia/Ho_Chi_Minh')).toBe('31/12/2026 23:59');
    expect(instant('2026-12-03T10:00:00.000+07:00', 'en')).toBe('2026-12-03 10:00');
  });
});

describe('periods', () => {
  it('week, month, quarter, half and year as a Vietnamese official writes them', () => {
    expect(periodLabel('2026-W49', 'vi')).toBe('Tuần 49/2026 (30/11–06/12)');
    expect(periodLabel('2026-11', 'vi')).toBe('Tháng 11/2026');
    expect(periodLabel('2026-Q4', 'vi')).toBe('Quý IV/2026');
    expect(periodLabel('2026-H1', 'vi')).toBe('6 tháng đầu năm 2026');
    expect(periodLabel('2026-H2', 'vi')).toBe('6 tháng cuối năm 2026');
    expect(periodLabel('2026', 'vi')).toBe('Năm 2026');
  });

  it('week 53 and the weeks that straddle New Year carry both years', () => {
    expect(periodLabel('2026-W53', 'vi')).toBe('Tuần 53/2026 (28/12/2026–03/01/2027)');
    expect(periodLabel('2027-W01', 'vi')).toBe('Tuần 1/2027 (04/01–10/01)');
    // 2026's week 1 began in 2025.
    expect(periodLabel('2026-W01', 'vi')).toBe('Tuần 1/2026 (29/12/2025–04/01/2026)');
    expect(periodLabel('2026-W52', 'vi')).toBe('Tuần 52/2026 (21/12–27/12)');
    expect(periodLabel('2026-W53', 'en')).toBe('Week 53, 2026 (2026-12-28 – 2027-01-03)');
  });

  it('the month and quarter at the year turn; an id that is no period is shown as given', () => {
    expect(periodLabel('2026-12', 'vi')).toBe('Tháng 12/2026');
    expect(periodLabel('2027-01', 'vi')).toBe('Tháng 1/2027');
    expect(periodLabel('2027-Q1', 'vi')).toBe('Quý I/2027');
    expect(periodLabel('2027-W53', 'vi')).toBe('2027-W53');
  });
});

describe('lateness and the API’s language', () => {
  it('whole minutes, hours, days; nothing when on time', () => {
    expect(lateness('2026-12-03T10:00:00.000+07:00', '2026-12-03T11:00:00.000+07:00', 'vi')).toBe('1 giờ');
    expect(lateness('2026-12-03T10:00:00.000+07:00', '2026-12-03T10:00:30.000+07:00', 'vi')).toBe('dưới 1 phút');
    expect(lateness('2026-11-30T23:59:59.000+07:00', '2026-12-03T08:00:00.000+07:00', 'vi')).toBe('2 ngày');
    expect(lateness('2026-12-03T10:00:00.000+07:00', '2026-12-03T10:00:00.000+07:00', 'vi')).toBeUndefined();
  });

  it('Accept-Language: Vietnamese when asked for first, English otherwise', () => {
    expect(langOfAcceptLanguage('vi')).toBe('vi');
    expect(langOfAcceptLanguage('vi-VN,vi;q=0.9,en;q=0.8')).toBe('vi');
    expect(langOfAcceptLanguage('en;q=0.5, vi;q=0.9')).toBe('vi');
    expect(langOfAcceptLanguage('fr, en')).toBe('en');
    expect(langOfAcceptLanguage(undefined)).toBe('en');
  });
});
