/**
 * D5 (Điều 13.1): every step of an outgoing document has an owner and a deadline (the rulebook's
 * `documents.outgoing.stepDays`). A step not taken by its deadline (to the second) is a finding for
 * its owner; taking the step (the document moving on) puts it right. A confidential document (D2)
 * is never named in a finding. Pure.
 */
import type { Confidentiality } from '../assignment.js';
import { formatInstant, toLocalDate, yearMonthOf } from '../local-time.js';
import type { Clearance, Observation } from './outcome.js';
import { hasPassed } from './periodic.js';

export interface OutgoingStepFacts {
  readonly id: string;
  readonly title: string;
  readonly confidentiality: Confidentiality;
  readonly status: string;
  readonly ownerId?: string;
  readonly ownerUnitId?: string;
  readonly stepDueAt?: Date;
}

/** Open findings' identities: `[documentId, status, stepDueAt ISO]`. */
export function evaluateOutgoingSteps(
  documents: readonly OutgoingStepFacts[],
  openIdentities: readonly (readonly [string, string, string])[],
  timeZone: string,
  at: Date,
): { observations: Observation[]; clearances: Clearance[] } {
  const observations: Observation[] = [];
  const byId = new Map(documents.map((d) => [d.id, d]));
  for (const d of documents) {
    if (d.status === 'filed' || !d.stepDueAt || !d.ownerId || !d.ownerUnitId || !hasPassed(d.stepDueAt, at)) continue;
    const normal = d.confidentiality === 'normal';
    const due = formatInstant(d.stepDueAt, timeZone);
    observations.push({
      identity: [d.id, d.status, d.stepDueAt.toISOString()],
      subjectId: d.ownerId,
      unitId: d.ownerUnitId,
      period: yearMonthOf(toLocalDate(d.stepDueAt, timeZone)),
      ref: d.id,
      dueAt: d.stepDueAt,
      detail: `${normal ? `Outgoing document “${d.title}”` : `A ${d.confidentiality} outgoing document`}: the step after '${d.status}' was due by ${due}.`,
      facts: { documentId: d.id, ...(normal ? { documentTitle: d.title } : { confidentiality: d.confidentiality }), status: d.status, stepDueAt: due, stepDueAtIso: d.stepDueAt.toISOString() },
    });
  }
  // A finding whose document has moved on (or whose step got a new deadline) is put right.
  const clearances: Clearance[] = openIdentities
    .filter(([id, status, due]) => {
      const d = byId.get(id);
      return !d || d.status !== status || d.stepDueAt?.toISOString() !== due;
    })
    .map((identity) => ({ identity: [...identity], putRight: { at, resolution: 'put-right' as const, note: 'The step was taken late.' } }));
  return { observations, clearances };
}
