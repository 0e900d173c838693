/**
 * D1 (Điều 9.1.4, 12.1): an incoming document is distributed (assigned to a leader or specialist)
 * the same day, or at the latest at the start of the next working day (the rulebook's deadline,
 * set at registration). Judged to the second on the e-office's distribution time: not distributed
 * once the deadline has passed is a finding for the deputy in charge of distribution; a late
 * distribution puts it right, late. A confidential document (D2) is never named in a finding. Pure.
 */
import type { Confidentiality } from '../assignment.js';
import { isOnTime } from '../deadlines.js';
import { formatInstant, toLocalDate, yearMonthOf } from '../local-time.js';
import type { Subject } from './expected-meetings.js';
import type { Clearance, Observation } from './outcome.js';
import { hasPassed } from './periodic.js';

export interface DocumentFacts {
  readonly id: string;
  readonly number?: string;
  readonly title: string;
  readonly confidentiality: Confidentiality;
  readonly receivedAt: Date;
  readonly dueAt: Date;
  readonly firstDistributedAt?: Date;
}

export interface DistributionCheck {
  /** The deputy in charge of distribution. */
  readonly subject: Subject;
  readonly documents: readonly DocumentFacts[];
  readonly timeZone: string;
}

export function evaluateDistribution(check: DistributionCheck, at: Date): { observations: Observation[]; clearances: Clearance[] } {
  const observations: Observation[] = [];
  const clearances: Clearance[] = [];
  const local = (d: Date) => formatInstant(d, check.timeZone);
  for (const d of check.documents) {
    const distributedAt = d.firstDistributedAt;
    if (distributedAt && isOnTime(distributedAt, d.dueAt)) {
      clearances.push({ identity: [d.id], putRight: { at: distributedAt, resolution: 'put-right', note: `Distributed on time at ${local(distributedAt)}.` } });
      continue;
    }
    if (!distributedAt && !hasPassed(d.dueAt, at)) continue;
    const normal = d.confidentiality === 'normal';
    const what = normal ? `Incoming document “${d.title}”${d.number ? ` (${d.number})` : ''}` : `A ${d.confidentiality} incoming document`;
    observations.push({
      identity: [d.id],
      subjectId: check.subject.staffId,
      unitId: check.subject.unitId,
      period: yearMonthOf(toLocalDate(d.dueAt, check.timeZone)),
      ref: d.id,
      dueAt: d.dueAt,
      detail: distributedAt
        ? `${what}, received at ${local(d.receivedAt)}, was distributed late, at ${local(distributedAt)}; it was due by ${local(d.dueAt)}.`
        : `${what}, received at ${local(d.receivedAt)}, was not distributed by ${local(d.dueAt)}.`,
      facts: {
        documentId: d.id,
        ...(normal ? { documentTitle: d.title, ...(d.number ? { documentNumber: d.number } : {}) } : { confidentiality: d.confidentiality }),
        receivedAt: local(d.receivedAt),
        distributionDueAt: local(d.dueAt),
        ...(distributedAt ? { distributedAt: local(distributedAt) } : { distributed: false }),
      },
      ...(distributedAt ? { putRight: { at: distributedAt, resolution: 'put-right' as const, note: `Distributed late, at ${local(distributedAt)}.` } } : {}),
    });
  }
  return { observations, clearances };
}
