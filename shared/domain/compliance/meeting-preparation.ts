/**
 * M6 (Điều 11.1.a): the Office publishes each prepared meeting's programme by its deadline before
 * the meeting and records the minutes by their deadline after it. Judged to the second, as M3.
 * Not done once the deadline has passed is a finding for the chief of office; done late puts it
 * right, late; done on time clears any earlier finding. Pure.
 */
import type { LocalizedText } from '../../rulebook/schema.js';
import { isOnTime } from '../deadlines.js';
import { formatInstant, type LocalDate } from '../local-time.js';
import type { Subject } from './expected-meetings.js';
import type { Clearance, Observation } from './outcome.js';
import { hasPassed } from './periodic.js';

export type PreparationPart = 'programme' | 'minutes';

export interface PreparationDuty {
  readonly part: PreparationPart;
  readonly obligationId: string;
  readonly kind: string;
  readonly title: LocalizedText;
  readonly occurrence: string;
  /** The occurrence's window, so a later run can judge it again. */
  readonly window: { readonly start: LocalDate; readonly end: LocalDate };
  /** The meeting's day (programme) or the day it was held (minutes). */
  readonly meetingOn: LocalDate;
  readonly preparationId: string;
  readonly meetingId?: string;
  readonly dueAt: Date;
  readonly doneAt?: Date;
}

export function evaluateMeetingPreparation(
  check: { duties: readonly PreparationDuty[]; subject: Subject | undefined; timeZone: string },
  at: Date,
): { observations: Observation[]; clearances: Clearance[] } {
  const observations: Observation[] = [];
  const clearances: Clearance[] = [];
  const local = (d: Date) => formatInstant(d, check.timeZone);
  for (const d of check.duties) {
    const identity = [d.obligationId, d.occurrence, d.part];
    const what = d.part === 'programme' ? 'programme' : 'minutes';
    if (d.doneAt && isOnTime(d.doneAt, d.dueAt)) {
      clearances.push({ identity, putRight: { at: d.doneAt, resolution: 'put-right', note: `The ${what} were given on time at ${local(d.doneAt)}.` } });
      continue;
    }
    if (!d.doneAt && !hasPassed(d.dueAt, at)) continue;
    if (!check.subject) continue;
    const of = `The ${what} of the ${d.title.en.toLowerCase()} of ${d.meetingOn}`;
    observations.push({
      identity,
      subjectId: check.subject.staffId,
      unitId: check.subject.unitId,
      period: d.occurrence,
      ref: d.preparationId,
      dueAt: d.dueAt,
      detail: d.doneAt ? `${of} were given late, at ${local(d.doneAt)}; due by ${local(d.dueAt)}.` : `${of} were not given by ${local(d.dueAt)}.`,
      facts: {
        part: d.part,
        obligationId: d.obligationId,
        kind: d.kind,
        title: d.title,
        occurrence: d.occurrence,
        windowStart: d.window.start,
        windowEnd: d.window.end,
        meetingOn: d.meetingOn,
        preparationId: d.preparationId,
        ...(d.meetingId ? { meetingId: d.meetingId } : {}),
        dueAt: local(d.dueAt),
        ...(d.doneAt ? { doneAt: local(d.doneAt) } : { done: false }),
      },
      ...(d.doneAt ? { putRight: { at: d.doneAt, resolution: 'put-right' as const, note: `The ${what} were given late, at ${local(d.doneAt)}.` } } : {}),
    });
  }
  return { observations, clearances };
}
