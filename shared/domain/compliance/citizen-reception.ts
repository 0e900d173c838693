/**
 * C1 (Điều 14.1): each month has a citizen reception schedule, proposed by the Inspectorate and
 * approved by the director by the rulebook's deadline; each session of an approved schedule is
 * held on its day or moved, with a reason, before its day is over. Pure.
 */
import type { ReceptionSchedule } from '../citizen-reception.js';
import { compareLocalDates, endOfLocalDay, formatInstant, toLocalDate, type LocalDate } from '../local-time.js';
import type { Clearance, Observation } from './outcome.js';
import { hasPassed } from './periodic.js';

export interface ReceptionMonth {
  readonly month: string;
  /** When the month's approved schedule is due. */
  readonly dueAt: Date;
  readonly schedule?: ReceptionSchedule;
}

export interface ReceptionCheck {
  readonly months: readonly ReceptionMonth[];
  /** Who answers for a missing proposal (the chief inspector) and a missing approval (the director). */
  readonly proposer: { readonly staffId: string; readonly unitId: string };
  readonly approver: { readonly staffId: string; readonly unitId: string };
  readonly unitOf: (staffId: string) => string;
  readonly timeZone: string;
}

export function evaluateCitizenReception(check: ReceptionCheck, at: Date): { observations: Observation[]; clearances: Clearance[] } {
  const observations: Observation[] = [];
  const clearances: Clearance[] = [];
  const local = (d: Date) => formatInstant(d, check.timeZone);
  const today = toLocalDate(at, check.timeZone);
  for (const { month, dueAt, schedule } of check.months) {
    if (hasPassed(dueAt, at)) {
      const approvedAt = schedule?.approvedAt ? new Date(schedule.approvedAt) : undefined;
      if (approvedAt && !hasPassed(dueAt, approvedAt)) {
        clearances.push({ identity: ['schedule', month], putRight: { at: approvedAt, resolution: 'put-right', note: `Approved on time at ${local(approvedAt)}.` } });
      } else {
        const waitingForApproval = schedule?.status === 'proposed';
        const subject = waitingForApproval ? check.approver : check.proposer;
        const state = approvedAt
          ? `it was approved late, at ${local(approvedAt)}`
          : !schedule
            ? 'none was proposed'
            : waitingForApproval
              ? `the proposal of ${local(new Date(schedule.proposedAt))} awaits approval`
              : `the proposal was returned: ${schedule.returnReason ?? ''}`.trim();
        observations.push({
          identity: ['schedule', month],
          subjectId: subject.staffId,
          unitId: subject.unitId,
          period: month,
          ...(schedule ? { ref: schedule.id } : {}),
          dueAt,
          detail: `No citizen reception schedule for ${month} was approved by ${local(dueAt)} (Điều 14.1): ${state}.`,
          facts: { month, dueAt: local(dueAt), status: schedule?.status ?? 'missing', ...(approvedAt ? { approvedAt: local(approvedAt) } : {}) },
          ...(approvedAt ? { putRight: { at: approvedAt, resolution: 'put-right' as const, note: `Approved late at ${local(approvedAt)}.` } } : {}),
        });
      }
    }
    if (schedule?.status !== 'approved') continue;
    for (const session of schedule.sessions) {
      const breach = (date: LocalDate, hostId: string, detail: string, facts: Record<string, unknown>, putRight?: Observation['putRight']) =>
        observations.push({
          identity: ['session', month, String(session.n), date],
          subjectId: hostId,
          unitId: check.unitOf(hostId),
          period: month,
          ref: schedule.id,
          // Held or moved before the day is over.
          dueAt: endOfLocalDay(date, check.timeZone),
          detail,
          facts: { month, n: session.n, date, hostId, ...facts },
          ...(putRight ? { putRight } : {}),
        });
      // A move made after the day was over came too late: the day was missed.
      for (const move of session.reschedules) {
        const movedOn = toLocalDate(new Date(move.at), check.timeZone);
        if (compareLocalDates(move.fromDate, movedOn) < 0) {
          breach(
            move.fromDate,
            move.fromHostId,
            `The citizen reception session of ${move.fromDate} was neither held nor moved before the day was over; it was moved to ${move.toDate} on ${movedOn} (Điều 14.1).`,
            { movedTo: move.toDate, movedAt: local(new Date(move.at)), reason: move.reason },
            { at: new Date(move.at), resolution: 'put-right', note: `Moved late to ${move.toDate}: ${move.reason}` },
          );
        }
      }
      if (session.status === 'held' && session.outcome) {
        clearances.push({
          identity: ['session', month, String(session.n), session.date],
          putRight: { at: new Date(session.outcome.recordedAt), resolution: 'put-right', note: `Held on ${session.date}; recorded at ${local(new Date(session.outcome.recordedAt))}.` },
        });
      } else if (compareLocalDates(session.date, today) < 0) {
        breach(session.date, session.hostId, `The citizen reception session of ${session.date} was neither held nor moved with a reason (Điều 14.1).`, { held: false });
      }
    }
  }
  return { observations, clearances };
}
