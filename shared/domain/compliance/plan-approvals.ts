/**
 * P2 (Điều 10.1): a unit's plan "phải được Giám đốc, Phó Giám đốc Sở phê duyệt". The text sets the
 * approver no time limit; the rulebook's `plans.approval.deadline` does, counted from the day each
 * revision was submitted. A revision still awaiting a decision once that deadline has passed is a
 * finding for the leader who approves it (the deputy director overseeing the unit, else the
 * director); a decision (approved, or returned with a comment) puts it right, late when after the
 * deadline; a newer revision submitted before any decision withdraws it. Pure.
 */
import type { LocalizedText } from '../../rulebook/schema.js';
import { isOnTime } from '../deadlines.js';
import { formatInstant } from '../local-time.js';
import type { ReviewAction } from '../report.js';
import type { Clearance, Observation } from './outcome.js';
import { hasPassed } from './periodic.js';

/** Marks an approval finding's facts, so the submission check leaves it alone. */
export const APPROVAL_STAGE = 'approval';

/** One revision of a plan, and the decision on it if one was given. */
export interface PlanRevisionToJudge {
  readonly planId: string;
  readonly key: string;
  readonly obligationId: string;
  readonly title: LocalizedText;
  /** The head who submitted it, and the unit. */
  readonly staffId: string;
  readonly unitId: string;
  readonly periodId: string;
  readonly revision: number;
  readonly submittedAt: Date;
  /** When the decision on it is due (the rulebook's deadline from `submittedAt`). */
  readonly approvalDueAt: Date;
  /** Who answers for the decision, and their unit. */
  readonly approverId: string;
  readonly approverUnitId: string;
  readonly decision?: { readonly action: ReviewAction; readonly by: string; readonly at: Date };
  /** A later revision came before any decision on this one: when. */
  readonly supersededAt?: Date;
}

export const approvalIdentity = (key: string, revision: number) => [key, APPROVAL_STAGE, `r${revision}`];

export function evaluatePlanApprovals(revisions: readonly PlanRevisionToJudge[], at: Date, timeZone: string): { observations: Observation[]; clearances: Clearance[] } {
  const observations: Observation[] = [];
  const clearances: Clearance[] = [];
  const local = (d: Date) => formatInstant(d, timeZone);
  for (const r of revisions) {
    const identity = approvalIdentity(r.key, r.revision);
    if (r.supersededAt && !r.decision) {
      clearances.push({
        identity,
        putRight: { at: r.supersededAt, resolution: 'withdrawn', note: `Revision ${r.revision + 1} was submitted at ${local(r.supersededAt)} before any decision on revision ${r.revision}.` },
      });
      continue;
    }
    if (r.decision && isOnTime(r.decision.at, r.approvalDueAt)) {
      clearances.push({ identity, putRight: { at: r.decision.at, resolution: 'put-right', note: `Decided (${r.decision.action}) on time at ${local(r.decision.at)}.` } });
      continue;
    }
    if (!r.decision && !hasPassed(r.approvalDueAt, at)) continue;
    const what = `${r.title.en} for ${r.periodId}, revision ${r.revision} submitted at ${local(r.submittedAt)}`;
    observations.push({
      identity,
      subjectId: r.approverId,
      unitId: r.approverUnitId,
      period: r.periodId,
      ref: r.planId,
      dueAt: r.approvalDueAt,
      detail: r.decision
        ? `${what}: ${r.decision.action} late, at ${local(r.decision.at)}; a decision was due by ${local(r.approvalDueAt)}.`
        : `${what}: not approved or returned by ${local(r.approvalDueAt)}.`,
      facts: {
        stage: APPROVAL_STAGE,
        obligationId: r.obligationId,
        key: r.key,
        title: r.title,
        period: r.periodId,
        planId: r.planId,
        headId: r.staffId,
        planUnitId: r.unitId,
        revision: r.revision,
        submittedAt: local(r.submittedAt),
        dueAt: local(r.approvalDueAt),
        ...(r.decision ? { decision: r.decision.action, decidedBy: r.decision.by, decidedAt: local(r.decision.at) } : { decided: false }),
      },
      ...(r.decision
        ? { putRight: { at: r.decision.at, resolution: 'put-right' as const, note: `Decided (${r.decision.action}) late, at ${local(r.decision.at)}.` } }
        : {}),
    });
  }
  return { observations, clearances };
}
