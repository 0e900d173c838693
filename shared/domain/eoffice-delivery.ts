/**
 * Callbacks to the e-office system (outbound webhooks), pure: which assignment changes are
 * reported, the deterministic id of each delivery (so nothing is reported twice), and the
 * retry schedule. The store writes a delivery in the same transaction as the change it reports
 * (the transactional outbox); a dispatcher sends it later, signed by Standard Webhooks.
 */
import type { Assignment, AuditEvent } from './assignment.js';
import { SIGNATURE_LINES, type OutgoingDocument, type OutgoingStatus } from './outgoing-document.js';

/** Each step of an outgoing document (D4, D5) is reported as `outgoing.<status after the step>`. */
export type OutgoingCallbackType = `outgoing.${Exclude<OutgoingStatus, 'drafted'>}`;
export const OUTGOING_CALLBACK_TYPES: readonly OutgoingCallbackType[] = [
  'outgoing.vetted',
  'outgoing.submitted',
  'outgoing.form-checked',
  'outgoing.signed',
  'outgoing.numbered',
  'outgoing.sealed',
  'outgoing.sent',
  'outgoing.filed',
  'outgoing.returned',
];
export type CallbackType = 'assignment.completed' | 'assignment.returned' | 'assignment.overdue' | OutgoingCallbackType;
export type DeliveryState = 'pending' | 'delivered' | 'failed';

/** The JSON body sent, as Standard Webhooks recommends: `{type, timestamp, data}`. */
export interface CallbackPayload {
  readonly type: CallbackType;
  /** When the change happened (business time). */
  readonly timestamp: string;
  readonly data: Record<string, unknown>;
}

export interface DeliveryAttempt {
  readonly at: string;
  readonly ok: boolean;
  readonly status?: number;
  readonly error?: string;
  readonly durationMs: number;
}

export interface EofficeDelivery {
  /** Deterministic; also the `webhook-id` the e-office sees, so it can drop a duplicate. */
  readonly id: string;
  readonly orgId: string;
  readonly type: CallbackType;
  /** The assignment reported; absent for an outgoing document's step. */
  readonly assignmentId?: string;
  /** The incoming document the assignment came from, or the outgoing document whose step is reported. */
  readonly documentId: string;
  readonly payload: CallbackPayload;
  readonly state: DeliveryState;
  /** Attempts since it was queued or last retried by an administrator. */
  readonly attemptCount: number;
  /** Every attempt (the last MAX_KEPT_ATTEMPTS). */
  readonly attempts: readonly DeliveryAttempt[];
  readonly nextAttemptAt?: string;
  readonly lastError?: string;
  readonly deliveredAt?: string;
  readonly failedAt?: string;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly version: number;
}

export interface RetryPolicy {
  /** Attempts before a delivery is set aside as failed. */
  readonly maxAttempts: number;
  /** Wait after the first failure; doubled after each further one. */
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 8, baseDelayMs: 30_000, maxDelayMs: 6 * 3600_000 };
export const MAX_KEPT_ATTEMPTS = 50;

/** Exponential backoff: after the n-th failed attempt (n >= 1) wait base * 2^(n-1), at most max. */
export function backoffMs(failedAttempts: number, policy: RetryPolicy): number {
  return Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, failedAttempts - 1));
}

/** The document and distribution an assignment came from, when it came from an e-office distribution. */
export function documentSourceOf(a: Pick<Assignment, 'source'>): { documentId: string; distributionId: string } | undefined {
  const { kind, ref, itemId } = a.source;
  return kind === 'document' && ref && itemId ? { documentId: ref, distributionId: itemId } : undefined;
}

function assignmentData(a: Assignment): Record<string, unknown> {
  const source = documentSourceOf(a)!;
  return {
    assignmentId: a.id,
    documentId: source.documentId,
    distributionId: source.distributionId,
    title: a.title,
    assigneeId: a.assigneeId,
    unitId: a.unitId,
    responsibleId: a.responsibleId,
    assignerId: a.assignerId,
    status: a.status,
    dueDate: a.dueDate,
    originalDueDate: a.originalDueDate,
    version: a.version,
  };
}

const newDelivery = (
  id: string,
  a: Assignment,
  payload: CallbackPayload,
  createdAt: string,
): EofficeDelivery => ({
  id,
  orgId: a.orgId,
  type: payload.type,
  assignmentId: a.id,
  documentId: documentSourceOf(a)!.documentId,
  payload,
  state: 'pending',
  attemptCount: 0,
  attempts: [],
  nextAttemptAt: createdAt,
  createdAt,
  updatedAt: createdAt,
  version: 1,
});

/**
 * The delivery a change of an assignment calls for: its completion or its return for rework,
 * when the assignment came from an e-office document. Nothing for any other change.
 */
export function deliveryForChange(a: Assignment, event: Pick<AuditEvent, 'action' | 'at' | 'data'>): EofficeDelivery | undefined {
  if (!documentSourceOf(a)) return undefined;
  if (event.action === 'completed') {
    const payload: CallbackPayload = {
      type: 'assignment.completed',
      timestamp: event.at,
      data: {
        ...assignmentData(a),
        completedAt: a.completedAt,
        completion: a.completion,
        completedOnTime: a.completion !== 'late',
        note: a.completionNote,
        evidence: a.evidence ?? [],
      },
    };
    return newDelivery(`${a.id}.completed.${a.version}`, a, payload, event.at);
  }
  if (event.action === 'returned-for-rework') {
    const payload: CallbackPayload = {
      type: 'assignment.returned',
      timestamp: event.at,
      data: { ...assignmentData(a), reason: event.data.reason, returnCount: a.returnCount },
    };
    return newDelivery(`${a.id}.returned.${a.version}`, a, payload, event.at);
  }
  return undefined;
}

/** An outgoing document's callback carries everything the e-office needs: nothing is read when it is sent. */
export const isOutgoingDelivery = (d: Pick<EofficeDelivery, 'type'>) => d.type.startsWith('outgoing.');

/**
 * The callback of one step of an outgoing document known to the e-office (registered from it,
 * so it has an `externalId`): the document as the step left it. The id is the document, its new
 * status and version, so a step is reported once and a replayed step queues nothing.
 */
export function outgoingDelivery(
  doc: OutgoingDocument,
  step: { readonly action: string; readonly from: OutgoingStatus; readonly actorId: string; readonly at: string; readonly via: 'tracker' | 'eoffice' },
): EofficeDelivery | undefined {
  if (!doc.externalId || doc.status === 'drafted') return undefined;
  const type: OutgoingCallbackType = `outgoing.${doc.status}`;
  const lastReturn = doc.status === 'returned' ? doc.returns[doc.returns.length - 1] : undefined;
  const payload: CallbackPayload = {
    type,
    timestamp: step.at,
    data: {
      documentId: doc.id,
      externalId: doc.externalId,
      title: doc.title,
      kind: doc.kind,
      scope: doc.scope,
      unitId: doc.unitId,
      fieldId: doc.fieldId ?? null,
      confidentiality: doc.confidentiality,
      register: doc.register,
      action: step.action,
      from: step.from,
      status: doc.status,
      actorId: step.actorId,
      via: step.via,
      ownerId: doc.ownerId ?? null,
      stepDueAt: doc.stepDueAt ?? null,
      proposal: doc.proposal ? { ...doc.proposal, line: SIGNATURE_LINES[doc.proposal.form] } : null,
      signature: doc.signature ? { ...doc.signature, line: SIGNATURE_LINES[doc.signature.form] } : null,
      number: doc.number ?? null,
      sequence: doc.sequence ?? null,
      year: doc.year ?? null,
      sealedAt: doc.sealedAt ?? null,
      sentAt: doc.sentAt ?? null,
      recipients: doc.recipients ?? [],
      filedAt: doc.filedAt ?? null,
      originalRef: doc.originalRef ?? null,
      ...(lastReturn ? { returned: { byId: lastReturn.byId, from: lastReturn.from, reason: lastReturn.reason, toId: doc.ownerId ?? null } } : {}),
      version: doc.version,
    },
  };
  return {
    id: `${doc.id}.${doc.status}.${doc.version}`,
    orgId: doc.orgId,
    type,
    documentId: doc.id,
    payload,
    state: 'pending',
    attemptCount: 0,
    attempts: [],
    nextAttemptAt: step.at,
    createdAt: step.at,
    updatedAt: step.at,
    version: 1,
  };
}

/** One overdue callback per assignment and due date: an extension that moves the date can be reported again. */
export function overdueDelivery(a: Assignment, dueAt: string, now: Date): EofficeDelivery | undefined {
  if (!documentSourceOf(a)) return undefined;
  const at = now.toISOString();
  return newDelivery(`${a.id}.overdue.${a.dueDate}`, a, { type: 'assignment.overdue', timestamp: at, data: { ...assignmentData(a), dueAt } }, at);
}

/** The outcome of one attempt: delivered, scheduled again with backoff, or set aside as failed. */
export function afterAttempt(d: EofficeDelivery, attempt: DeliveryAttempt, policy: RetryPolicy, now: Date): EofficeDelivery {
  const attempts = [...d.attempts, attempt].slice(-MAX_KEPT_ATTEMPTS);
  const base = { ...d, attempts, attemptCount: d.attemptCount + 1, updatedAt: attempt.at, version: d.version + 1 };
  if (attempt.ok) {
    const { nextAttemptAt, lastError, ...rest } = base;
    return { ...rest, state: 'delivered', deliveredAt: attempt.at };
  }
  const lastError = attempt.error ?? `HTTP ${attempt.status}`;
  if (base.attemptCount >= policy.maxAttempts) {
    const { nextAttemptAt, ...rest } = base;
    return { ...rest, state: 'failed', failedAt: attempt.at, lastError };
  }
  return { ...base, state: 'pending', lastError, nextAttemptAt: new Date(now.getTime() + backoffMs(base.attemptCount, policy)).toISOString() };
}

/** An administrator sends a failed delivery again: a fresh round of attempts, due now. */
export function retryDelivery(d: EofficeDelivery, now: Date): EofficeDelivery {
  const { failedAt, ...rest } = d;
  const at = now.toISOString();
  return { ...rest, state: 'pending', attemptCount: 0, nextAttemptAt: at, updatedAt: at, version: d.version + 1 };
}

/** The instant a delivery sorts by in its state's list. */
export function sortInstantOf(d: EofficeDelivery): string {
  return (d.state === 'pending' ? d.nextAttemptAt : d.state === 'delivered' ? d.deliveredAt : d.failedAt) ?? d.updatedAt;
}
