// Long file: the assignment's one state machine (its types, transitions and counter deltas), read top to bottom; split, every part would import the others.
/**
 * The life of an assignment (giao việc), pure: each transition takes the current state and
 * returns the next state, the audit event to record with it, and the change to the dashboard
 * counters. The store writes all three in one transaction.
 */
import type { FileRef } from './files.js';
import type { WorkingCalendar } from './calendar.js';
import { ConflictError, ForbiddenError, ValidationError } from './errors.js';
import { compareLocalDates, localDateTimeToInstant, toLocalDate, type LocalDate } from './local-time.js';

export type AssignmentStatus = 'assigned' | 'in-progress' | 'completed' | 'cancelled';
export type Completion = 'on-time' | 'on-time-after-extension' | 'late';
/** As the Government Office's task system counts: three open states, three completed, and cancelled. */
export type Timeliness = 'within-deadline' | 'due-soon' | 'overdue' | Completion | 'cancelled';
export type Priority = 'normal' | 'high' | 'urgent';
export type Confidentiality = 'normal' | 'confidential' | 'secret' | 'top-secret';
export type SourceKind = 'document' | 'meeting' | 'plan' | 'ad-hoc';

export interface AssignmentSource {
  readonly kind: SourceKind;
  /** The document number, meeting id, plan id…; free text for ad-hoc work. */
  readonly ref?: string;
  /** The conclusion item within a meeting, or the distribution within a document. */
  readonly itemId?: string;
}

export interface Evidence {
  readonly url: string;
  readonly title?: string;
}

export interface ExtensionRequest {
  readonly id: string;
  readonly newDueDate: LocalDate;
  readonly reason: string;
  readonly requestedBy: string;
  readonly requestedAt: string;
  readonly status: 'pending' | 'approved' | 'refused' | 'withdrawn';
  /** When the requester withdrew it before a decision. */
  readonly withdrawnAt?: string;
  readonly decidedBy?: string;
  readonly decidedOnBehalfOf?: string;
  readonly decidedAt?: string;
  readonly decisionNote?: string;
}

export interface Assignment {
  readonly id: string;
  readonly orgId: string;
  readonly title: string;
  readonly description?: string;
  /** The person assigned; null when the work is given to a unit. */
  readonly assigneeId: string | null;
  readonly unitId: string;
  /** Who answers for it: the assignee, or the unit's head when given to a unit. */
  readonly responsibleId: string;
  readonly coordinatorIds: readonly string[];
  readonly assignerId: string;
  /** Set when the assigner acted with another's authority (A2, A4). */
  readonly onBehalfOf?: string;
  readonly fieldId?: string;
  readonly priority: Priority;
  readonly source: AssignmentSource;
  readonly confidentiality: Confidentiality;
  /** The due date in force (moved only by an approved extension). */
  readonly dueDate: LocalDate;
  /** The due date first given; never overwritten. Counters attribute the assignment to its period. */
  readonly originalDueDate: LocalDate;
  readonly status: AssignmentStatus;
  readonly percent: number;
  readonly lastProgressNote?: string;
  readonly completedAt?: string;
  readonly completion?: Completion;
  readonly completionNote?: string;
  readonly evidence?: readonly Evidence[];
  /** Evidence files (issue #22), oldest first: added by progress and completion, never removed. */
  readonly files?: readonly FileRef[];
  readonly returnCount: number;
  /**
   * Acceptance (nghiệm thu) of completed work by the assigner or their superior. Timeliness still
   * counts from `completedAt`; until accepted the work is "completed, awaiting acceptance".
   */
  readonly acceptedAt?: string;
  readonly acceptedBy?: string;
  readonly acceptedOnBehalfOf?: string;
  readonly acceptanceNote?: string;
  readonly cancelledAt?: string;
  readonly cancellationReason?: string;
  readonly extensionRequests: readonly ExtensionRequest[];
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly version: number;
}

/** What each transition records in the history, beside who and when. */
export type AssignmentAction =
  | 'created'
  | 'progress-recorded'
  | 'completed'
  | 'returned-for-rework'
  | 'cancelled'
  | 'extension-requested'
  | 'extension-approved'
  | 'extension-refused'
  | 'extension-withdrawn'
  | 'accepted'
  | 'handed-over';

export interface AuditEvent {
  readonly id: string;
  readonly orgId: string;
  readonly entityType: string;
  readonly entityId: string;
  readonly action: string;
  readonly actorId: string;
  readonly onBehalfOf?: string;
  readonly at: string;
  /** The entity's version after the change. */
  readonly version: number;
  readonly data: Record<string, unknown>;
}

/** Dashboard figures of assignments, per unit and person and per period of the original due date. */
export interface AssignmentCounts {
  assigned: number;
  open: number;
  completedOnTime: number;
  completedAfterExtension: number;
  completedLate: number;
  cancelled: number;
}

export type CounterDelta = Partial<AssignmentCounts>;

export interface Transition {
  readonly next: Assignment;
  readonly action: AssignmentAction;
  readonly data: Record<string, unknown>;
  /** Applied to the counters of the unit and person the assignment now belongs to. */
  readonly delta: CounterDelta;
  /** When the work moved to another person or unit: the counters it left, and their change. */
  readonly left?: { readonly unitId: string; readonly staffId: string; readonly delta: CounterDelta };
}

export interface DueRules {
  /** Local time of day at which a due date ends, e.g. '23:59:59'. */
  readonly dueTime: string;
  readonly dueSoonWorkingDays: number;
  readonly timeZone: string;
}

export const isOpen = (a: Pick<Assignment, 'status'>) => a.status === 'assigned' || a.status === 'in-progress';

/** Completed work the assigner has not yet accepted (nghiệm thu) nor returned. */
export const awaitsAcceptance = (a: Pick<Assignment, 'status' | 'acceptedAt'>) => a.status === 'completed' && a.acceptedAt === undefined;

/**
 * The partition of the store's indexes by who-answers, unit and state: work stays `open` until it
 * is accepted or cancelled, so the lists of open work and the "awaiting my decision" inbox find
 * completed work awaiting acceptance with the same Query. Only `isOpen` work is in the due-date
 * index of overdue and due-soon figures.
 */
export const indexState = (a: Pick<Assignment, 'status' | 'acceptedAt'>): 'open' | 'closed' => (isOpen(a) || awaitsAcceptance(a) ? 'open' : 'closed');

/** The instant a due date ends: second precision, so 23:59:59.999 is still on time. */
export function dueInstant(dueDate: LocalDate, rules: DueRules): Date {
  return localDateTimeToInstant(dueDate, rules.dueTime, rules.timeZone);
}

export function isByDeadline(at: Date, deadline: Date): boolean {
  return Math.floor(at.getTime() / 1000) <= Math.floor(deadline.getTime() / 1000);
}

export function completionAt(a: Assignment, at: Date, rules: DueRules): Completion {
  if (isByDeadline(at, dueInstant(a.originalDueDate, rules))) return 'on-time';
  if (a.dueDate !== a.originalDueDate && isByDeadline(at, dueInstant(a.dueDate, rules))) return 'on-time-after-extension';
  return 'late';
}

/** Where an assignment stands at `now`. */
export function timelinessAt(a: Assignment, now: Date, rules: DueRules, calendar: WorkingCalendar): Timeliness {
  if (a.status === 'cancelled') return 'cancelled';
  if (a.status === 'completed') return a.completion ?? 'on-time';
  if (!isByDeadline(now, dueInstant(a.dueDate, rules))) return 'overdue';
  const today = toLocalDate(now, rules.timeZone);
  return calendar.workingDaysBetween(today, a.dueDate) <= rules.dueSoonWorkingDays ? 'due-soon' : 'within-deadline';
}

const completionCounter: Record<Completion, keyof AssignmentCounts> = {
  'on-time': 'completedOnTime',
  'on-time-after-extension': 'completedAfterExtension',
  late: 'completedLate',
};

function requireOpen(a: Assignment, doing: string): void {
  if (!isOpen(a)) throw new ConflictError(`Cannot ${doing}: the assignment is ${a.status}.`);
}

function requireText(value: string, path: string, what: string): string {
  const text = value.trim();
  if (!text) throw new ValidationError(`${what} is required.`, [{ path, message: `${what} is required` }]);
  return text;
}

function touch(a: Assignment, at: Date, changes: Partial<Assignment>): Assignment {
  return { ...a, ...changes, updatedAt: at.toISOString(), version: a.version + 1 };
}

/** What the assigner decides; the rest of an assignment's state starts from defaults. */
export type NewAssignment = Pick<
  Assignment,
  | 'id'
  | 'orgId'
  | 'title'
  | 'description'
  | 'assigneeId'
  | 'unitId'
  | 'responsibleId'
  | 'coordinatorIds'
  | 'assignerId'
  | 'onBehalfOf'
  | 'fieldId'
  | 'priority'
  | 'source'
  | 'confidentiality'
  | 'dueDate'
>;

export function createAssignment(input: NewAssignment, now: Date, timeZone: string): Transition {
  const title = requireText(input.title, 'body.title', 'A title');
  if (compareLocalDates(input.dueDate, toLocalDate(now, timeZone)) < 0) {
    throw new ValidationError('The due date is in the past.', [{ path: 'body.dueDate', message: 'must be today or later' }]);
  }
  const at = now.toISOString();
  const next: Assignment = {
    ...input,
    title,
    coordinatorIds: [...new Set(input.coordinatorIds)].filter((id) => id !== input.responsibleId),
    originalDueDate: input.dueDate,
    status: 'assigned',
    percent: 0,
    returnCount: 0,
    extensionRequests: [],
    createdAt: at,
    updatedAt: at,
    version: 1,
  };
  return { next, action: 'created', data: { assignment: next }, delta: { assigned: 1, open: 1 } };
}

/** The record's files with these added; the history's event names each with its SHA-256. */
function withFiles(a: Assignment, files: readonly FileRef[] | undefined): Partial<Assignment> {
  return files?.length ? { files: [...(a.files ?? []), ...files] } : {};
}

export function recordProgress(a: Assignment, input: { percent: number; note: string; files?: readonly FileRef[] }, now: Date): Transition {
  requireOpen(a, 'record progress');
  const note = requireText(input.note, 'body.note', 'A note');
  const next = touch(a, now, { status: 'in-progress', percent: input.percent, lastProgressNote: note, ...withFiles(a, input.files) });
  return { next, action: 'progress-recorded', data: { percent: input.percent, note, ...(input.files?.length ? { files: input.files } : {}) }, delta: {} };
}

export function completeAssignment(
  a: Assignment,
  input: { note: string; evidence?: readonly Evidence[]; files?: readonly FileRef[] },
  now: Date,
  rules: DueRules,
): Transition {
  requireOpen(a, 'complete');
  const note = requireText(input.note, 'body.note', 'A completion note');
  const completion = completionAt(a, now, rules);
  const next = touch(a, now, {
    status: 'completed',
    percent: 100,
    completedAt: now.toISOString(),
    completion,
    completionNote: note,
    evidence: input.evidence ?? [],
    ...withFiles(a, input.files),
  });
  return {
    next,
    action: 'completed',
    data: { note, evidence: input.evidence ?? [], ...(input.files?.length ? { files: input.files } : {}), completion, completedOnTime: completion !== 'late' },
    delta: { open: -1, [completionCounter[completion]]: 1 },
  };
}

export function returnForRework(a: Assignment, input: { reason: string }, now: Date): Transition {
  if (a.status !== 'completed' || !a.completion) {
    throw new ConflictError(`Only a completed assignment can be returned for rework; this one is ${a.status}.`);
  }
  if (a.acceptedAt !== undefined) throw new ConflictError(`The completed work was already accepted at ${a.acceptedAt}; it can no longer be returned.`);
  const reason = requireText(input.reason, 'body.reason', 'A reason');
  const { completion } = a;
  const next: Assignment = {
    ...touch(a, now, { status: 'in-progress', returnCount: a.returnCount + 1 }),
    completedAt: undefined,
    completion: undefined,
  };
  return {
    next,
    action: 'returned-for-rework',
    data: { reason, previousCompletion: completion },
    delta: { open: 1, [completionCounter[completion]]: -1 },
  };
}

/**
 * Acceptance (nghiệm thu): the assigner (or who may decide on the work) confirms a completion.
 * It changes no figure: timeliness was fixed when the work was completed.
 */
export function acceptAssignment(
  a: Assignment,
  input: { note?: string; acceptedBy: string; onBehalfOf?: string },
  now: Date,
): Transition {
  if (a.status !== 'completed' || !a.completion) {
    throw new ConflictError(`Only a completed assignment can be accepted; this one is ${a.status}.`);
  }
  if (a.acceptedAt !== undefined) throw new ConflictError(`The completed work was already accepted at ${a.acceptedAt}.`);
  const note = input.note?.trim();
  const next = touch(a, now, {
    acceptedAt: now.toISOString(),
    acceptedBy: input.acceptedBy,
    ...(input.onBehalfOf ? { acceptedOnBehalfOf: input.onBehalfOf } : {}),
    ...(note ? { acceptanceNote: note } : {}),
  });
  return {
    next,
    action: 'accepted',
    data: { completedAt: a.completedAt, completion: a.completion, ...(note ? { note } : {}) },
    delta: {},
  };
}

export function cancelAssignment(a: Assignment, input: { reason: string }, now: Date): Transition {
  requireOpen(a, 'cancel');
  const reason = requireText(input.reason, 'body.reason', 'A reason');
  const next = touch(a, now, { status: 'cancelled', cancelledAt: now.toISOString(), cancellationReason: reason });
  return { next, action: 'cancelled', data: { reason }, delta: { open: -1, cancelled: 1 } };
}

export function requestExtension(
  a: Assignment,
  input: { id: string; newDueDate: LocalDate; reason: string; requestedBy: string },
  now: Date,
): Transition {
  requireOpen(a, 'request an extension');
  const reason = requireText(input.reason, 'body.reason', 'A reason (Điều 10.1)');
  if (a.extensionRequests.some((r) => r.status === 'pending')) {
    throw new ConflictError('An extension request is already waiting for a decision.');
  }
  if (compareLocalDates(input.newDueDate, a.dueDate) <= 0) {
    throw new ValidationError('The new due date must be after the current one.', [
      { path: 'body.newDueDate', message: `must be after ${a.dueDate}` },
    ]);
  }
  const request: ExtensionRequest = {
    id: input.id,
    newDueDate: input.newDueDate,
    reason,
    requestedBy: input.requestedBy,
    requestedAt: now.toISOString(),
    status: 'pending',
  };
  const next = touch(a, now, { extensionRequests: [...a.extensionRequests, request] });
  return { next, action: 'extension-requested', data: { request }, delta: {} };
}

export function decideExtension(
  a: Assignment,
  input: { requestId: string; approve: boolean; note?: string; decidedBy: string; onBehalfOf?: string },
  now: Date,
): Transition {
  const request = a.extensionRequests.find((r) => r.id === input.requestId);
  if (!request) throw new ConflictError(`There is no extension request ${input.requestId} on this assignment.`);
  if (request.status !== 'pending') throw new ConflictError(`The extension request was already ${request.status}.`);
  requireOpen(a, 'decide an extension');
  const decided: ExtensionRequest = {
    ...request,
    status: input.approve ? 'approved' : 'refused',
    decidedBy: input.decidedBy,
    ...(input.onBehalfOf ? { decidedOnBehalfOf: input.onBehalfOf } : {}),
    decidedAt: now.toISOString(),
    ...(input.note ? { decisionNote: input.note } : {}),
  };
  const next = touch(a, now, {
    extensionRequests: a.extensionRequests.map((r) => (r.id === request.id ? decided : r)),
    ...(input.approve ? { dueDate: request.newDueDate } : {}),
  });
  return {
    next,
    action: input.approve ? 'extension-approved' : 'extension-refused',
    data: { request: decided, previousDueDate: a.dueDate },
    delta: {},
  };
}

/** The requester withdraws their extension request before it is decided. */
export function withdrawExtension(a: Assignment, input: { requestId: string; withdrawnBy: string }, now: Date): Transition {
  const request = a.extensionRequests.find((r) => r.id === input.requestId);
  if (!request) throw new ConflictError(`There is no extension request ${input.requestId} on this assignment.`);
  if (request.status !== 'pending') throw new ConflictError(`The extension request was already ${request.status}.`);
  const withdrawn: ExtensionRequest = { ...request, status: 'withdrawn', withdrawnAt: now.toISOString() };
  const next = touch(a, now, { extensionRequests: a.extensionRequests.map((r) => (r.id === request.id ? withdrawn : r)) });
  return { next, action: 'extension-withdrawn', data: { request: withdrawn, withdrawnBy: input.withdrawnBy }, delta: {} };
}

/** Hands open work to a successor (a person's employment ended): the history says who and why. */
export function handOverAssignment(
  a: Assignment,
  input: { successorId: string; successorUnitId: string; reason: string },
  now: Date,
): Transition {
  requireOpen(a, 'hand it over');
  const personal = a.assigneeId !== null;
  const next = touch(a, now, {
    responsibleId: input.successorId,
    ...(personal ? { assigneeId: input.successorId, unitId: input.successorUnitId } : {}),
    coordinatorIds: a.coordinatorIds.filter((id) => id !== input.successorId),
  });
  const moved: CounterDelta = { assigned: 1, open: 1 };
  return {
    next,
    action: 'handed-over',
    data: { from: a.responsibleId, to: input.successorId, reason: input.reason },
    delta: moved,
    left: { unitId: a.unitId, staffId: a.responsibleId, delta: { assigned: -1, open: -1 } },
  };
}

export function forbidUnless(allowed: boolean, message: string, rule?: string): void {
  if (!allowed) throw new ForbiddenError(message, rule);
}
