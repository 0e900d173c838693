/**
 * Overdue assignments, escalated (A6, Điều 5.1, 6.1, 7.1: a chief or head who finds a subordinate
 * not finishing assigned work reports it to the overseeing deputy director and the director; the
 * levels follow Điều 24: by its gravity a breach leads to criticism or discipline). Checked daily:
 * for each open assignment past its due date, the days overdue (working days by default,
 * `settings.overdueDayCounting`) reach the rulebook's escalation steps one by one: nhắc nhở
 * (reminder), phê bình (criticism), kiểm điểm (review). Each step reached is its own numbered
 * finding, recorded once and never edited; a step missed by a failed run is caught up by the next.
 * Completing the work puts the open steps right (late); cancelling it withdraws them. Pure.
 */
import type { Assignment, DueRules } from '../assignment.js';
import { dueInstant, isByDeadline, isOpen } from '../assignment.js';
import type { WorkingCalendar } from '../calendar.js';
import { daysBetween, formatInstant, toLocalDate, yearMonthOf, type LocalDate } from '../local-time.js';
import type { EscalationRecipient, RulebookSettings } from '../../rulebook/schema.js';
// Not from schema.ts: that would build the rulebook's zod schema on the assignments feature's cold start.
import { defaultEscalationRecipients } from '../../rulebook/escalation.js';
import type { Authority } from '../authority.js';
import type { Clearance, EscalationStep, Observation } from './outcome.js';

export type OverdueAssignment = Pick<
  Assignment,
  'id' | 'title' | 'responsibleId' | 'unitId' | 'dueDate' | 'status' | 'confidentiality' | 'completedAt' | 'cancelledAt'
>;

export interface OverdueCheck {
  readonly steps: RulebookSettings['overdueEscalation'];
  readonly counting: RulebookSettings['overdueDayCounting'];
  readonly calendar: WorkingCalendar;
  readonly dueRules: DueRules;
  /** Open assignments due before today (the open index, up to yesterday). */
  readonly open: readonly OverdueAssignment[];
  /** Closed assignments that still have open escalations, with those escalations' identities. */
  readonly closedWithOpenFindings: readonly { readonly assignment: OverdueAssignment; readonly identities: readonly (readonly string[])[] }[];
  /** The chart the recipients of each step are found in; absent, an escalation reaches only the person. */
  readonly authority?: Authority;
}

/** One person an escalation is reported to, and in which capacity. */
export interface EscalatedTo {
  readonly as: EscalationRecipient;
  readonly staffId: string;
}

/**
 * Who step `index` of an escalation reaches, each person once (a late head is told once, as the
 * person who answers; a unit with no overseer configured skips that line): A6, Điều 5.1, 6.1, 7.1.
 */
export function escalationRecipients(
  step: RulebookSettings['overdueEscalation'][number],
  index: number,
  a: Pick<OverdueAssignment, 'responsibleId' | 'unitId'>,
  authority: Authority | undefined,
): EscalatedTo[] {
  const found = (as: EscalationRecipient): string | undefined => {
    if (as === 'responsible') return a.responsibleId;
    if (!authority) return undefined;
    if (as === 'head') return authority.headOf(a.unitId)?.id;
    if (as === 'overseeing-leader') {
      const overseer = authority.unit(a.unitId)?.overseenBy;
      return overseer && authority.staff(overseer)?.active ? overseer : undefined;
    }
    return authority.director()?.id;
  };
  const out: EscalatedTo[] = [];
  for (const as of step.notify ?? defaultEscalationRecipients(index)) {
    const staffId = found(as);
    if (staffId && !out.some((r) => r.staffId === staffId)) out.push({ as, staffId });
  }
  // The person who answers for the work is always told, first.
  return out.some((r) => r.staffId === a.responsibleId) ? out : [{ as: 'responsible', staffId: a.responsibleId }, ...out];
}

/** Days overdue on `today` for work due on `dueDate`: days in (dueDate, today], working or calendar. */
export function daysOverdue(dueDate: LocalDate, today: LocalDate, counting: 'working' | 'calendar', calendar: WorkingCalendar): number {
  return counting === 'working' ? calendar.workingDaysBetween(dueDate, today) : daysBetween(dueDate, today);
}

export const escalationIdentity = (assignmentId: string, dueDate: LocalDate, level: string) => [assignmentId, dueDate, level];

export function evaluateOverdue(check: OverdueCheck, at: Date): { observations: Observation[]; clearances: Clearance[] } {
  const tz = check.dueRules.timeZone;
  const today = toLocalDate(at, tz);
  const observations: Observation[] = [];
  for (const a of check.open) {
    if (!isOpen(a)) continue;
    const dueAt = dueInstant(a.dueDate, check.dueRules);
    if (isByDeadline(at, dueAt)) continue;
    const days = daysOverdue(a.dueDate, today, check.counting, check.calendar);
    const what = a.confidentiality === 'normal' ? `“${a.title}”` : `a ${a.confidentiality} assignment`;
    check.steps.forEach((step, i) => {
      if (days < step.afterDaysOverdue) return;
      const escalation: EscalationStep = { level: step.level, number: i + 1, name: step.name };
      observations.push({
        identity: escalationIdentity(a.id, a.dueDate, step.level),
        subjectId: a.responsibleId,
        unitId: a.unitId,
        period: yearMonthOf(a.dueDate),
        ref: a.id,
        escalation,
        dueAt,
        detail: `Escalation ${i + 1} (${step.name.vi} / ${step.name.en}): ${what} was due on ${a.dueDate} and is ${days} ${check.counting} day${days === 1 ? '' : 's'} overdue.`,
        facts: {
          assignmentId: a.id,
          ...(a.confidentiality === 'normal' ? { assignmentTitle: a.title } : {}),
          dueDate: a.dueDate,
          dueAt: formatInstant(dueAt, tz),
          daysOverdue: days,
          dayCounting: check.counting,
          afterDaysOverdue: step.afterDaysOverdue,
          escalatedTo: escalationRecipients(step, i, a, check.authority),
        },
      });
    });
  }
  const clearances: Clearance[] = [];
  for (const { assignment: a, identities } of check.closedWithOpenFindings) {
    const putRight =
      a.status === 'completed' && a.completedAt
        ? { at: new Date(a.completedAt), resolution: 'put-right' as const, note: `The assignment was completed (late) at ${formatInstant(new Date(a.completedAt), tz)}.` }
        : a.status === 'cancelled' && a.cancelledAt
          ? { at: new Date(a.cancelledAt), resolution: 'withdrawn' as const, note: `The assignment was cancelled at ${formatInstant(new Date(a.cancelledAt), tz)}.` }
          : undefined;
    if (putRight) for (const identity of identities) clearances.push({ identity, putRight });
  }
  return { observations, clearances };
}
