/**
 * CAL (Bộ luật Lao động 2019, Điều 112(3); DOMAIN.md "Working days"): the Prime Minister fixes
 * each year's Tết days and the day next to National Day; until the department marks next year
 * announced, its calendar is the provisional default. From 1 December (the rulebook's `from`,
 * local time), a next year still provisional is a finding for the chief of office; marking the
 * year announced resolves it. Pure.
 */
import { parseLocalDate, type LocalDate } from '../local-time.js';
import type { Clearance, Observation } from './outcome.js';

export interface CalendarAnnouncementCheck {
  readonly subject: { readonly staffId: string; readonly unitId: string };
  readonly today: LocalDate;
  /** `MM-DD`: from this day of a year, the next year must be announced. */
  readonly from: string;
  /** Years with an open CAL finding, to re-check. */
  readonly openYears: readonly number[];
  yearStatus(year: number): 'announced' | 'provisional';
}

export function evaluateCalendarAnnouncement(check: CalendarAnnouncementCheck, at: Date): { observations: Observation[]; clearances: Clearance[] } {
  const observations: Observation[] = [];
  const clearances: Clearance[] = [];
  const thisYear = parseLocalDate(check.today).year;
  const warnFrom = `${thisYear}-${check.from}`;
  const years = new Set(check.openYears);
  if (check.today >= warnFrom) years.add(thisYear + 1);
  for (const year of [...years].sort()) {
    if (check.yearStatus(year) === 'announced') {
      clearances.push({ identity: [String(year)], putRight: { at, resolution: 'put-right', note: `The ${year} calendar is marked announced.` } });
      continue;
    }
    observations.push({
      identity: [String(year)],
      subjectId: check.subject.staffId,
      unitId: check.subject.unitId,
      period: String(year),
      detail: `The ${year} working calendar is still provisional on ${check.today}: enter the Prime Minister's decision and mark ${year} announced.`,
      facts: { year, checkedOn: check.today, warnFrom: `${year - 1}-${check.from}` },
    });
  }
  return { observations, clearances };
}
