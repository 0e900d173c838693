/**
 * A3 (Điều 4.1.2): a deputy director "báo cáo Giám đốc Sở kết quả giải quyết công việc được Giám
 * đốc Sở phân công hoặc ủy quyền". When a delegation of the director's authority (A2) ends, on its
 * last day or when revoked, the deputy owes the director a report back on the work done under it,
 * due `workingDays` working days later (the rulebook's number: the text gives none) at the end of
 * the day. A delegation revoked before its first day was never held: nothing is owed. Pure.
 */
import type { DueRules } from './assignment.js';
import { dueInstant, isByDeadline } from './assignment.js';
import type { Delegation } from './authority.js';
import type { WorkingCalendar } from './calendar.js';
import { compareLocalDates, toLocalDate, type LocalDate } from './local-time.js';

export interface ReportBack {
  readonly content: string;
  readonly submittedAt: string;
  /** Past the deadline (`dueOn` at the due time). */
  readonly late: boolean;
}

export type ReportBackStatus = 'none' | 'not-yet-owed' | 'pending' | 'missing' | 'submitted' | 'late';

export interface ReportBackDue {
  /** The last day the delegation was held: its `to`, or the day it was revoked. */
  readonly endedOn: LocalDate;
  readonly dueOn: LocalDate;
  readonly dueAt: Date;
}

/** When the report back is due, or undefined when none is owed (a unit delegation, or one revoked before it began). */
export function reportBackDue(
  d: Pick<Delegation, 'scope' | 'from' | 'to' | 'revokedAt'>,
  workingDays: number,
  calendar: WorkingCalendar,
  dueRules: DueRules,
): ReportBackDue | undefined {
  if (d.scope !== 'department') return undefined;
  let endedOn = d.to;
  if (d.revokedAt) {
    const revokedOn = toLocalDate(new Date(d.revokedAt), dueRules.timeZone);
    if (compareLocalDates(revokedOn, d.from) < 0) return undefined;
    if (compareLocalDates(revokedOn, endedOn) < 0) endedOn = revokedOn;
  }
  const dueOn = calendar.addWorkingDays(endedOn, workingDays);
  return { endedOn, dueOn, dueAt: dueInstant(dueOn, dueRules) };
}

/** Where a delegation's report back stands at `at`. */
export function reportBackStatus(due: ReportBackDue | undefined, reportBack: ReportBack | undefined, at: Date, timeZone: string): ReportBackStatus {
  if (!due) return 'none';
  if (reportBack) return reportBack.late ? 'late' : 'submitted';
  if (compareLocalDates(toLocalDate(at, timeZone), due.endedOn) < 0) return 'not-yet-owed';
  return isByDeadline(at, due.dueAt) ? 'pending' : 'missing';
}
