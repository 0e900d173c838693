/**
 * M3 (Điều 3.4; M5 meetings too): every meeting's chair gives written conclusions, due
 * `conclusionWorkingDays` working days after it at `meetingConclusions.time`. Judged to the
 * second: conclusions issued at 17:00:00.999 for a 17:00:00 deadline are on time. Not issued once
 * the deadline has passed is a finding for the chair; issued late puts it right, late. Pure.
 */
import type { LocalizedText } from '../../rulebook/schema.js';
import { isOnTime } from '../deadlines.js';
import { formatInstant, toLocalDate, yearMonthOf, type LocalDate } from '../local-time.js';
import type { Subject } from './expected-meetings.js';
import type { Clearance, Observation } from './outcome.js';
import { hasPassed } from './periodic.js';

export interface MeetingConclusionFacts {
  readonly id: string;
  readonly kind: string;
  readonly title: LocalizedText;
  readonly heldOn: LocalDate;
  readonly chairId: string;
  readonly dueAt: Date;
  readonly issuedAt?: Date;
}

export interface ConclusionsCheck {
  readonly meetings: readonly MeetingConclusionFacts[];
  /** The chair as a subject: their unit (the meeting's when they are no longer in the records). */
  readonly subjectOf: (meeting: MeetingConclusionFacts) => Subject;
  readonly timeZone: string;
}

export function evaluateConclusions(check: ConclusionsCheck, at: Date): { observations: Observation[]; clearances: Clearance[] } {
  const observations: Observation[] = [];
  const clearances: Clearance[] = [];
  const local = (d: Date) => formatInstant(d, check.timeZone);
  for (const m of check.meetings) {
    if (m.issuedAt && isOnTime(m.issuedAt, m.dueAt)) {
      clearances.push({ identity: [m.id], putRight: { at: m.issuedAt, resolution: 'put-right', note: `Conclusions issued on time at ${local(m.issuedAt)}.` } });
      continue;
    }
    if (!m.issuedAt && !hasPassed(m.dueAt, at)) continue;
    const subject = check.subjectOf(m);
    const what = `The written conclusions of the ${m.title.en.toLowerCase()} held on ${m.heldOn}`;
    observations.push({
      identity: [m.id],
      subjectId: subject.staffId,
      unitId: subject.unitId,
      period: yearMonthOf(toLocalDate(m.dueAt, check.timeZone)),
      ref: m.id,
      dueAt: m.dueAt,
      detail: m.issuedAt
        ? `${what} were issued late, at ${local(m.issuedAt)}; they were due by ${local(m.dueAt)}.`
        : `${what} were not issued by ${local(m.dueAt)}.`,
      facts: {
        meetingId: m.id,
        kind: m.kind,
        title: m.title,
        heldOn: m.heldOn,
        chairId: m.chairId,
        conclusionsDueAt: local(m.dueAt),
        ...(m.issuedAt ? { issuedAt: local(m.issuedAt) } : { issued: false }),
      },
      ...(m.issuedAt ? { putRight: { at: m.issuedAt, resolution: 'put-right' as const, note: `Conclusions issued late, at ${local(m.issuedAt)}.` } } : {}),
    });
  }
  return { observations, clearances };
}
