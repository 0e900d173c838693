import { describe, it, expect } from 'vitest';
import {
  containsDate,
  isoWeekOf,
  isoWeeksInYear,
  nextPeriod,
  parsePeriod,
  periodContaining,
  periodEndInstant,
  periodOfInstant,
  periodStartInstant,
  periodsOverlapping,
  previousPeriod,
  subPeriods,
  type Period,
} from '../../shared/domain/periods.js';

const must = (id: string): Period => {
  const p = parsePeriod(id);
  if (!p) throw new Error(`test setup: ${id} should parse`);
  return p;
};
const ids = (ps: Period[]): string[] => ps.map((p) => p.id);

describe('parsePeriod', () => {
  it.each([
    ['2026-W48', 'week', '2026-11-23', '2026-11-29'],
    ['2026-W01', 'week', '2025-12-29', '2026-01-04'],
    ['2026-W53', 'week', '2026-12-28', '2027-01-03'],
    ['2027-W01', 'week', '2027-01-04', '2027-01-10'],
    ['2027-W52', 'week', '2027-12-27', '2028-01-02'],
    ['2020-W53', 'week', '2020-12-28', '2021-01-03'],
    ['2026-W08', 'week', '2026-02-16', '2026-02-22'],
    ['2026-11', 'month', '2026-11-01', '2026-11-30'],
    ['2026-02', 'month', '2026-02-01', '2026-02-28'],
    ['2028-02', 'month', '2028-02-01', '2028-02-29'],
    ['2026-12', 'month', '2026-12-01', '2026-12-31'],
    ['2026-Q1', 'quarter', '2026-01-01', '2026-03-31'],
    ['2026-Q4', 'quarter', '2026-10-01', '2026-12-31'],
    ['2026-H1', 'half', '2026-01-01', '2026-06-30'],
    ['2026-H2', 'half', '2026-07-01', '2026-12-31'],
    ['2026', 'year', '2026-01-01', '2026-12-31'],
  ])('%s is a %s from %s to %s', (id, kind, start, end) => {
    expect(parsePeriod(id)).toEqual({ id, kind, start, end });
  });

  it.each([
    '2027-W53', // 2027 has 52 ISO weeks
    '2026-W54',
    '2026-W00',
    '2026-W5',
    '2026-w48',
    '2026-13',
    '2026-00',
    '2026-1',
    '2026-Q0',
    '2026-Q5',
    '2026-H0',
    '2026-H3',
    '26',
    '2026-',
    '2026-11-01',
    ' 2026',
    '',
  ])('rejects %j', (id) => {
    expect(parsePeriod(id)).toBeUndefined();
  });

  it('rejects non-strings', () => {
    expect(parsePeriod(2026)).toBeUndefined();
  });
});

describe('ISO weeks', () => {
  it('counts 53 weeks in 2020 and 2026, 52 in 2021, 2027 and 2028', () => {
    expect(isoWeeksInYear(2020)).toBe(53);
    expect(isoWeeksInYear(2026)).toBe(53);
    expect(isoWeeksInYear(2021)).toBe(52);
    expect(isoWeeksInYear(2027)).toBe(52);
    expect(isoWeeksInYear(2028)).toBe(52);
  });

  it('puts days around 1 January in the ISO year of their Thursday', () => {
    expect(isoWeekOf('2026-11-26')).toEqual({ isoYear: 2026, week: 48 });
    expect(isoWeekOf('2025-12-29')).toEqual({ isoYear: 2026, week: 1 });
    expect(isoWeekOf('2027-01-03')).toEqual({ isoYear: 2026, week: 53 });
    expect(isoWeekOf('2027-01-04')).toEqual({ isoYear: 2027, week: 1 });
    expect(isoWeekOf('2021-01-03')).toEqual({ isoYear: 2020, week: 53 });
    expect(isoWeekOf('2028-01-02')).toEqual({ isoYear: 2027, week: 52 });
    expect(isoWeekOf('2028-01-03')).toEqual({ isoYear: 2028, week: 1 });
  });
});

describe('periodContaining / periodOfInstant', () => {
  it('finds each kind of period for a date', () => {
    expect(periodContaining('week', '2026-11-26').id).toBe('2026-W48');
    expect(periodContaining('month', '2026-11-26').id).toBe('2026-11');
    expect(periodContaining('quarter', '2026-11-26').id).toBe('2026-Q4');
    expect(periodContaining('half', '2026-11-26').id).toBe('2026-H2');
    expect(periodContaining('year', '2026-11-26').id).toBe('2026');
    expect(periodContaining('quarter', '2026-03-31').id).toBe('2026-Q1');
    expect(periodContaining('quarter', '2026-04-01').id).toBe('2026-Q2');
    expect(periodContaining('half', '2026-06-30').id).toBe('2026-H1');
  });

  it('puts 1 January 2027 in week 53 of 2026 but in year 2027', () => {
    expect(periodContaining('week', '2027-01-01')).toEqual({
      id: '2026-W53',
      kind: 'week',
      start: '2026-12-28',
      end: '2027-01-03',
    });
    expect(periodContaining('year', '2027-01-01').id).toBe('2027');
  });

  it('uses the local date of an instant (UTC+7)', () => {
    expect(periodOfInstant('month', new Date('2026-11-30T16:59:59.999Z')).id).toBe('2026-11');
    expect(periodOfInstant('month', new Date('2026-11-30T17:00:00.000Z')).id).toBe('2026-12');
    expect(periodOfInstant('year', new Date('2026-12-31T17:00:00Z')).id).toBe('2027');
    expect(periodOfInstant('year', new Date('2026-12-31T17:00:00Z'), 'UTC').id).toBe('2026');
    expect(periodOfInstant('week', new Date('2026-11-29T17:00:00Z')).id).toBe('2026-W49');
  });
});

describe('nextPeriod / previousPeriod', () => {
  it.each([
    ['2026-W52', '2026-W53'],
    ['2026-W53', '2027-W01'],
    ['2027-W52', '2028-W01'],
    ['2026-12', '2027-01'],
    ['2026-01', '2026-02'],
    ['2026-Q4', '2027-Q1'],
    ['2026-H1', '2026-H2'],
    ['2026-H2', '2027-H1'],
    ['2026', '2027'],
  ])('%s is followed by %s', (a, b) => {
    expect(nextPeriod(must(a)).id).toBe(b);
    expect(previousPeriod(must(b)).id).toBe(a);
  });
});

describe('period instants', () => {
  it('starts at local midnight and ends at the last local millisecond', () => {
    const nov = must('2026-11');
    expect(periodStartInstant(nov).toISOString()).toBe('2026-10-31T17:00:00.000Z');
    expect(periodEndInstant(nov).toISOString()).toBe('2026-11-30T16:59:59.999Z');
    const w53 = must('2026-W53');
    expect(periodStartInstant(w53).toISOString()).toBe('2026-12-27T17:00:00.000Z');
    expect(periodEndInstant(w53).toISOString()).toBe('2027-01-03T16:59:59.999Z');
    expect(periodEndInstant(must('2028-02')).toISOString()).toBe('2028-02-29T16:59:59.999Z');
    expect(periodEndInstant(nov, 'UTC').toISOString()).toBe('2026-11-30T23:59:59.999Z');
  });
});

describe('containsDate', () => {
  it('includes both ends and nothing outside', () => {
    const q4 = must('2026-Q4');
    expect(containsDate(q4, '2026-10-01')).toBe(true);
    expect(containsDate(q4, '2026-12-31')).toBe(true);
    expect(containsDate(q4, '2026-09-30')).toBe(false);
    expect(containsDate(q4, '2027-01-01')).toBe(false);
    expect(containsDate(must('2026-W53'), '2027-01-03')).toBe(true);
  });
});

describe('subPeriods', () => {
  it('lists the months of a quarter and the quarters of a year', () => {
    expect(ids(subPeriods(must('2026-Q4'), 'month'))).toEqual(['2026-10', '2026-11', '2026-12']);
    expect(ids(subPeriods(must('2026'), 'quarter'))).toEqual(['2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4']);
    expect(ids(subPeriods(must('2026-H2'), 'quarter'))).toEqual(['2026-Q3', '2026-Q4']);
    expect(subPeriods(must('2026'), 'month')).toHaveLength(12);
  });

  it('assigns weeks to the month that holds their Thursday', () => {
    // Nov 2026: Thursdays 5, 12, 19, 26. W44 (26 Oct – 1 Nov) has its Thursday in October.
    expect(ids(subPeriods(must('2026-11'), 'week'))).toEqual(['2026-W45', '2026-W46', '2026-W47', '2026-W48']);
    // Dec 2026: Thursdays 3, 10, 17, 24, 31; W53 ends on 3 Jan 2027 but belongs to December.
    expect(ids(subPeriods(must('2026-12'), 'week'))).toEqual([
      '2026-W49',
      '2026-W50',
      '2026-W51',
      '2026-W52',
      '2026-W53',
    ]);
    // Jan 2027 starts on a Friday: its first week is 2027-W01 (Thursday 7 Jan).
    expect(subPeriods(must('2027-01'), 'week')[0]?.id).toBe('2027-W01');
  });

  it('gives a year exactly its ISO weeks', () => {
    const weeks2026 = subPeriods(must('2026'), 'week');
    expect(weeks2026).toHaveLength(53);
    expect(weeks2026[0]?.id).toBe('2026-W01');
    expect(weeks2026.at(-1)?.id).toBe('2026-W53');
    expect(subPeriods(must('2027'), 'week')).toHaveLength(52);
  });

  it('returns the period itself for its own kind and refuses a coarser kind', () => {
    expect(ids(subPeriods(must('2026-11'), 'month'))).toEqual(['2026-11']);
    expect(() => subPeriods(must('2026-11'), 'quarter')).toThrow(RangeError);
    expect(() => subPeriods(must('2026-W48'), 'month')).toThrow(RangeError);
  });
});

describe('periodsOverlapping', () => {
  it('lists every period sharing a day with the range', () => {
    expect(ids(periodsOverlapping('month', { start: '2026-11-15', end: '2027-01-01' }))).toEqual([
      '2026-11',
      '2026-12',
      '2027-01',
    ]);
    expect(ids(periodsOverlapping('week', { start: '2026-12-31', end: '2027-01-04' }))).toEqual([
      '2026-W53',
      '2027-W01',
    ]);
    expect(periodsOverlapping('month', { start: '2026-12-01', end: '2026-11-01' })).toEqual([]);
  });
});
