// CAL (Bộ luật Lao động 2019, Điều 112; the regulation's working days): a swap announced in one
// year's calendar data whose day off (`replaces`) falls in the next or previous year must name a
// day that year's data lists as a holiday, a weekday, in a year next to it. Each refusal names its path.
import { describe, expect, it } from 'vitest';
import { parseRulebook, RulebookError } from '../../shared/rulebook/load.js';
import sonLaJson from '../../shared/rulebook/organisations/so-tttt-son-la.json' with { type: 'json' };

const basis = { vi: 'Quyết định của Thủ tướng Chính phủ', en: "The Prime Minister's decision" };
const name = { vi: 'Làm bù', en: 'Swap' };
const holiday = (date: string) => ({ date, name: { vi: 'Nghỉ hoán đổi', en: 'Swapped day off' } });

function withYears(years: unknown[]): unknown {
  const r = structuredClone(sonLaJson) as any;
  r.calendar.years = years;
  return r;
}
function issues(input: unknown): { path: string; message: string }[] {
  try {
    parseRulebook(input);
    return [];
  } catch (error) {
    if (error instanceof RulebookError) return [...error.issues];
    throw error;
  }
}
const swap2027 = (replaces: string) => ({ year: 2027, status: 'announced', basis, workingWeekendDays: [{ date: '2027-01-09', name, replaces }] });

describe('CAL (Điều 112): a swap across the new year names a real day off of the year it falls in', () => {
  it('CAL (Điều 112): Saturday 09/01/2027 worked for Thursday 31/12/2026 is refused at calendar.years[1].workingWeekendDays[0].replaces until 2026’s data lists 31/12/2026 as a holiday', () => {
    const refused = issues(withYears([{ year: 2026, status: 'announced', basis, holidays: [holiday('2026-01-01')] }, swap2027('2026-12-31')]));
    expect(refused).toEqual([
      { path: 'calendar.years[1].workingWeekendDays[0].replaces', message: '2026-12-31 is in 2026: list it among calendar.years[0].holidays, the day off this swap gives' },
    ]);
    expect(issues(withYears([swap2027('2026-12-31')]))[0]).toMatchObject({
      path: 'calendar.years[0].workingWeekendDays[0].replaces',
      message: expect.stringContaining('add calendar.years for 2026'),
    });
    expect(issues(withYears([{ year: 2026, status: 'announced', basis, holidays: [holiday('2026-01-01'), holiday('2026-12-31')] }, swap2027('2026-12-31')]))).toEqual([]);
  });

  it('CAL (Điều 112): the day off is a weekday (Friday 08/01/2027 passes, Sunday 10/01/2027 is refused), in a year next to the swap’s (31/12/2025 from 2027 is refused)', () => {
    expect(issues(withYears([swap2027('2027-01-08')]))).toEqual([]);
    expect(issues(withYears([swap2027('2027-01-10')]))).toEqual([
      { path: 'calendar.years[0].workingWeekendDays[0].replaces', message: '2027-01-10 is a weekend day already' },
    ]);
    expect(issues(withYears([swap2027('2025-12-31')]))).toEqual([
      { path: 'calendar.years[0].workingWeekendDays[0].replaces', message: '2025-12-31 is not in 2027 or a year next to it' },
    ]);
  });
});
