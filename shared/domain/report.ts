/**
 * A report submitted against an obligation instance (R1-R6, P2, P3, F1, F5), pure. One report
 * per instance; each submission is a revision that is kept, so a resubmission never overwrites
 * what was sent before. The first submission decides whether the obligation was met on time
 * (Điều 24: the record of deadlines met and missed), so counters move only then.
 *
 * Each transition returns the next state, the audit action and data, the counter change, and the
 * revision or review to store with it; the store writes all of them in one transaction.
 */
import type { Cadence } from '../rulebook/schema.js';
import type { FileRef } from './files.js';
import type { Authority } from './authority.js';
import { isOnTime } from './deadlines.js';
import { ConflictError, ValidationError } from './errors.js';
import type { LocalDate } from './local-time.js';
import type { ObligationInstance, ObligationStatus } from './obligations.js';

/** A plan (P2) is approved; every other report is acknowledged. */
export type ReportKind = 'report' | 'plan';
export type ReviewStatus = 'submitted' | 'acknowledged' | 'returned' | 'approved';
export type ReviewAction = 'acknowledged' | 'returned' | 'approved';
export type ReportAction = 'submitted' | 'resubmitted' | ReviewAction;

export interface Attachment {
  readonly url: string;
  readonly title?: string;
}

export interface Review {
  readonly action: ReviewAction;
  readonly by: string;
  readonly at: string;
  readonly comment?: string;
  /** A plan's approval: the board matter it rests on (A5, Điều 3.2). */
  readonly boardMatterId?: string;
}

export interface ReportRevision {
  readonly revision: number;
  readonly content: string;
  readonly attachments: readonly Attachment[];
  /** Evidence files kept with this submission (issue #22), each with its SHA-256; never changed afterwards. */
  readonly files?: readonly FileRef[];
  readonly submittedAt: string;
  readonly submittedBy: string;
  readonly late: boolean;
  /** Why an approved plan is changed (Điều 10.1). */
  readonly reason?: string;
  /** The recipient's answer to this revision; written once. */
  readonly review?: Review;
}

export interface Report {
  readonly id: string;
  readonly orgId: string;
  readonly kind: ReportKind;
  /** The obligation instance's key: `${obligationId}|${periodId or event kind:ref}|${staffId}`. */
  readonly key: string;
  readonly obligationId: string;
  readonly rule: string;
  readonly article: string;
  readonly title: { readonly vi: string; readonly en: string };
  readonly staffId: string;
  readonly unitId: string;
  readonly recipients: readonly string[];
  readonly periodId?: string;
  readonly cadence?: Cadence;
  readonly event?: { readonly kind: string; readonly ref: string; readonly date: LocalDate };
  /** The obligation's due instant, ISO UTC. */
  readonly dueAt: string;
  readonly firstSubmittedAt: string;
  /** Whether the first submission came by the due second. */
  readonly onTime: boolean;
  /** The latest revision's number. */
  readonly revision: number;
  readonly lastSubmittedAt: string;
  readonly reviewStatus: ReviewStatus;
  /** Plans: the approved revision in force (an approved plan stays in force while a change awaits approval). */
  readonly approvedRevision?: number;
  readonly lastReview?: Review;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly version: number;
}

/** Dashboard counters of reports ('rep_' + name), per unit and person and per period of the due date. */
export interface ReportCounts {
  submitted: number;
  onTime: number;
  late: number;
}

export interface ReportTransition {
  readonly next: Report;
  readonly action: ReportAction;
  readonly data: Record<string, unknown>;
  readonly delta: Partial<ReportCounts>;
  readonly newRevision?: ReportRevision;
  readonly review?: { readonly revision: number; readonly review: Review };
}

export interface SubmissionInput {
  readonly id: string;
  readonly orgId: string;
  readonly kind: ReportKind;
  readonly instance: ObligationInstance;
  readonly content: string;
  readonly attachments: readonly Attachment[];
  readonly files?: readonly FileRef[];
  readonly reason?: string;
  readonly submittedBy: string;
}

function requireText(value: string | undefined, path: string, what: string): string {
  const text = (value ?? '').trim();
  if (!text) throw new ValidationError(`${what} is required.`, [{ path, message: `${what} is required` }]);
  return text;
}

/** First submission or resubmission: stamped with `now`, the server's time. */
export function submitReport(current: Report | undefined, input: SubmissionInput, now: Date): ReportTransition {
  const content = requireText(input.content, 'body.content', 'The content');
  const { instance } = input;
  const at = now.toISOString();
  const late = !isOnTime(now, instance.dueAt);
  const reason = input.reason?.trim() || undefined;
  if (current?.approvedRevision !== undefined && reason === undefined) {
    throw new ValidationError('A change to an approved plan states its reason and is approved again (Điều 10.1).', [
      { path: 'body.reason', message: 'required to change an approved plan' },
    ]);
  }
  const revision: ReportRevision = {
    revision: (current?.revision ?? 0) + 1,
    content,
    attachments: input.attachments,
    ...(input.files?.length ? { files: input.files } : {}),
    submittedAt: at,
    submittedBy: input.submittedBy,
    late,
    ...(reason === undefined ? {} : { reason }),
  };
  const data = { revision: revision.revision, late, ...(reason === undefined ? {} : { reason }), ...(input.files?.length ? { files: input.files } : {}) };
  if (current) {
    const next: Report = {
      ...current,
      recipients: instance.recipients,
      revision: revision.revision,
      lastSubmittedAt: at,
      reviewStatus: 'submitted',
      lastReview: undefined,
      updatedAt: at,
      version: current.version + 1,
    };
    // Counted once, at the first submission.
    return { next, action: 'resubmitted', data, delta: {}, newRevision: revision };
  }
  const next: Report = {
    id: input.id,
    orgId: input.orgId,
    kind: input.kind,
    key: instance.key,
    obligationId: instance.obligationId,
    rule: instance.rule,
    article: instance.article,
    title: instance.title,
    staffId: instance.staffId,
    unitId: instance.unitId,
    recipients: instance.recipients,
    ...(instance.periodId === undefined ? {} : { periodId: instance.periodId }),
    ...(instance.cadence === undefined ? {} : { cadence: instance.cadence }),
    ...(instance.event === undefined ? {} : { event: instance.event }),
    dueAt: instance.dueAt.toISOString(),
    firstSubmittedAt: at,
    onTime: !late,
    revision: 1,
    lastSubmittedAt: at,
    reviewStatus: 'submitted',
    createdAt: at,
    updatedAt: at,
    version: 1,
  };
  return { next, action: 'submitted', data, delta: late ? { submitted: 1, late: 1 } : { submitted: 1, onTime: 1 }, newRevision: revision };
}

/** Applies a review to the latest revision; only a revision still awaiting one can be reviewed. */
export function reviewReport(r: Report, action: ReviewAction, input: { by: string; comment?: string; boardMatterId?: string }, now: Date): ReportTransition {
  if (r.reviewStatus !== 'submitted') {
    throw new ConflictError(`Revision ${r.revision} was already ${r.reviewStatus}; it awaits a new submission.`);
  }
  const comment = action === 'returned' ? requireText(input.comment, 'body.comment', 'A comment') : input.comment?.trim() || undefined;
  const review: Review = { action, by: input.by, at: now.toISOString(), ...(comment === undefined ? {} : { comment }), ...(input.boardMatterId ? { boardMatterId: input.boardMatterId } : {}) };
  const next: Report = {
    ...r,
    reviewStatus: action,
    lastReview: review,
    ...(action === 'approved' ? { approvedRevision: r.revision } : {}),
    updatedAt: review.at,
    version: r.version + 1,
  };
  return {
    next,
    action,
    data: { revision: r.revision, ...(comment === undefined ? {} : { comment }), ...(review.boardMatterId ? { boardMatterId: review.boardMatterId } : {}) },
    delta: {},
    review: { revision: r.revision, review },
  };
}

export function acknowledgeReport(r: Report, input: { by: string; comment?: string }, now: Date): ReportTransition {
  if (r.kind === 'plan') throw new ConflictError('A plan is approved or returned, not acknowledged (Điều 10.1).');
  return reviewReport(r, 'acknowledged', input, now);
}

export function returnReport(r: Report, input: { by: string; comment: string }, now: Date): ReportTransition {
  return reviewReport(r, 'returned', input, now);
}

/** The obligation's status from its report (the first submission decides), or pending/missing without one. */
export function reportStatus(r: Pick<Report, 'onTime'>): Extract<ObligationStatus, 'submitted' | 'late'> {
  return r.onTime ? 'submitted' : 'late';
}

export type RevisionStatus = 'awaiting-review' | 'acknowledged' | 'returned' | 'approved' | 'superseded' | 'replaced';

/** How a revision stands: an approved plan revision later replaced by another approval is superseded. */
export function revisionStatus(r: Pick<Report, 'revision' | 'approvedRevision'>, rev: Pick<ReportRevision, 'revision' | 'review'>): RevisionStatus {
  const action = rev.review?.action;
  if (action === 'approved') return r.approvedRevision === rev.revision ? 'approved' : 'superseded';
  if (action) return action;
  return rev.revision === r.revision ? 'awaiting-review' : 'replaced';
}

/**
 * Who may see a person's reports and obligations (issue #4.6, A1): the person, the recipients,
 * the board (director and deputy directors) all of them, the director and the chief inspector
 * everything (viewScope 'all'), a head their unit's.
 */
export function canSeeReportsOf(
  authority: Authority,
  actorId: string,
  subject: { staffId: string; unitId: string },
  recipients: readonly string[] = [],
): boolean {
  if (actorId === subject.staffId || recipients.includes(actorId)) return authority.staff(actorId)?.active ?? false;
  return canSeeUnitReports(authority, actorId, subject.unitId);
}

export function canSeeUnitReports(authority: Authority, actorId: string, unitId: string): boolean {
  const actor = authority.staff(actorId);
  if (!actor?.active) return false;
  if (authority.unit(actor.unitId)?.kind === 'board') return true;
  const scope = authority.viewScope(actorId);
  return scope.kind === 'all' || (scope.kind === 'units' && scope.unitIds.includes(unitId));
}
