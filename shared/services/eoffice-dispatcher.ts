import { ulid } from 'ulidx';
import type { AuditEvent } from '../domain/assignment.js';
import { dueInstant, timelinessAt } from '../domain/assignment.js';
import {
  afterAttempt,
  DEFAULT_RETRY_POLICY,
  overdueDelivery,
  retryDelivery,
  type DeliveryAttempt,
  type DeliveryState,
  type EofficeDelivery,
  type RetryPolicy,
} from '../domain/eoffice-delivery.js';
import { documentSourceOf, isOutgoingDelivery } from '../domain/eoffice-delivery.js';
import { ConflictError, ForbiddenError, NotFoundError, PreconditionFailedError } from '../domain/errors.js';
import { formatInstant, toLocalDate } from '../domain/local-time.js';
import type { EofficeSettings, EofficeSettingsSource } from '../adapters/webhook-secrets.js';
import { signWebhook } from '../adapters/webhook-signing.js';
import type { AssignmentRepository } from '../store/assignment-repository.js';
import type { DocumentRepository } from '../store/document-repository.js';
import type { OutboxRepository } from '../store/outbox-repository.js';
import { auditVisibility } from './audit-service.js';
import type { OrgContext, OrgContextLoader } from './org-context.js';
import type { Actor } from './organisation-service.js';

/** Where a delivery goes once it has failed every attempt (an SQS dead-letter queue in AWS). */
export interface DeadLetterSink {
  send(delivery: EofficeDelivery): Promise<void>;
}

export interface DispatcherOptions {
  /** The organisations whose outbox runOnce serves. */
  readonly orgIds: readonly string[];
  readonly retry?: Partial<RetryPolicy>;
  readonly fetch?: typeof fetch;
  /** Real time, for the `webhook-timestamp` the receiver checks against its own clock. */
  readonly realClock?: () => Date;
  readonly timeoutMs?: number;
  /** Deliveries taken per organisation and run. */
  readonly batchSize?: number;
  /** How long a delivery being sent is hidden from other runs (a crash mid-send retries after it). */
  readonly leaseMs?: number;
  readonly deadLetter?: DeadLetterSink;
}

export interface RunSummary {
  attempted: number;
  delivered: number;
  retrying: number;
  failed: number;
}

export type DeliveryView = Omit<EofficeDelivery, 'orgId'>;

/** Who may see and retry deliveries: the director, the chief of office and administrators. */
const DELIVERY_ADMIN_ROLES = ['director', 'chief-of-office', 'admin'] as const;

/**
 * Sends the e-office outbox: each pending delivery due by `now` is claimed (a conditional write,
 * so two runs never send one twice at once), signed by Standard Webhooks with the organisation's
 * secret and POSTed to its callback URL. A failure is retried with exponential backoff; after the
 * last attempt the delivery is set aside as failed (listed for administrators, and sent to the
 * dead-letter sink) until an administrator retries it.
 */
export class EofficeDispatcher {
  private readonly policy: RetryPolicy;

  constructor(
    private readonly contexts: OrgContextLoader,
    private readonly outbox: OutboxRepository,
    private readonly documents: DocumentRepository,
    private readonly assignments: AssignmentRepository,
    private readonly settings: EofficeSettingsSource,
    private readonly options: DispatcherOptions,
  ) {
    this.policy = { ...DEFAULT_RETRY_POLICY, ...options.retry };
  }

  get retryPolicy(): RetryPolicy {
    return this.policy;
  }

  /** One pass over the outbox of every organisation: the local server calls it on a timer, AWS on a schedule. */
  async runOnce(now: Date, orgIds: readonly string[] = this.options.orgIds): Promise<RunSummary> {
    const summary: RunSummary = { attempted: 0, delivered: 0, retrying: 0, failed: 0 };
    for (const orgId of orgIds) {
      const due = await this.outbox.due(orgId, now, this.options.batchSize ?? 25);
      if (due.length === 0) continue;
      const settings = await this.settings.settingsFor(orgId);
      for (const delivery of due) {
        const claimed: EofficeDelivery = {
          ...delivery,
          nextAttemptAt: new Date(now.getTime() + (this.options.leaseMs ?? 60_000)).toISOString(),
          version: delivery.version + 1,
        };
        if (!(await this.outbox.save(claimed, delivery.version))) continue;
        const attempt = await this.send(claimed, settings, now);
        const next = afterAttempt(claimed, attempt, this.policy, now);
        // Lost only if an administrator acted on it meanwhile; their change stands.
        if (!(await this.outbox.save(next, claimed.version))) continue;
        summary.attempted++;
        if (next.state === 'delivered') summary.delivered++;
        else if (next.state === 'failed') {
          summary.failed++;
          await this.options.deadLetter?.send(next);
        } else summary.retrying++;
      }
    }
    return summary;
  }

  private async send(d: EofficeDelivery, settings: EofficeSettings | undefined, now: Date): Promise<DeliveryAttempt> {
    const at = now.toISOString();
    const refuse = (error: string): DeliveryAttempt => ({ at, ok: false, error, durationMs: 0 });
    if (!settings) return refuse('The e-office integration is not configured for this organisation (no secret).');
    if (!settings.callbackUrl) return refuse('No e-office callback URL is configured for this organisation.');
    let body: string;
    if (isOutgoingDelivery(d)) {
      // An outgoing document's step carries the document as the step left it (its external id included).
      body = JSON.stringify(d.payload);
    } else {
      const doc = await this.documents.get(d.orgId, d.documentId);
      if (!doc) return refuse(`Document ${d.documentId} is not in the register.`);
      // The e-office knows the document by its own id; both ids are immutable, so every attempt sends the same bytes.
      body = JSON.stringify({
        ...d.payload,
        data: { ...d.payload.data, externalId: doc.externalId, documentNumber: doc.number ?? null },
      });
    }
    const headers = signWebhook(settings.secrets, d.id, (this.options.realClock ?? (() => new Date()))(), body);
    const started = performance.now();
    try {
      const res = await (this.options.fetch ?? fetch)(settings.callbackUrl, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json', 'user-agent': 'quy-che-tracker/1 (e-office callback)' },
        body,
        redirect: 'manual',
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 10_000),
      });
      await res.body?.cancel();
      const durationMs = Math.round(performance.now() - started);
      return res.status >= 200 && res.status < 300
        ? { at, ok: true, status: res.status, durationMs }
        : { at, ok: false, status: res.status, error: `The e-office answered HTTP ${res.status}.`, durationMs };
    } catch (error) {
      const e = error as Error & { cause?: { code?: string; message?: string } };
      const reason = e.name === 'TimeoutError' ? `No answer within ${this.options.timeoutMs ?? 10_000} ms` : e.cause?.code ?? e.cause?.message ?? e.message;
      return { at, ok: false, error: `Could not reach the e-office: ${reason}.`, durationMs: Math.round(performance.now() - started) };
    }
  }

  /**
   * Queues one `assignment.overdue` callback for every open assignment from an e-office document
   * that is past its due date at `now`. Idempotent: the delivery id is the assignment and its due
   * date, so running it again (or twice at once) queues nothing new. The compliance engine
   * schedules it; it reads only the open assignments due by today (GSI3).
   */
  async sweepOverdue(orgId: string, now: Date): Promise<{ queued: string[]; alreadyQueued: number }> {
    const ctx = await this.contexts.load(orgId, now);
    const today = toLocalDate(now, ctx.dueRules.timeZone);
    const queued: string[] = [];
    let alreadyQueued = 0;
    let cursor: string | undefined;
    do {
      const page = await this.assignments.list({ orgId, index: { kind: 'org' }, state: 'open', dueTo: today, limit: 100, ...(cursor ? { cursor } : {}) });
      for (const a of page.items) {
        if (!documentSourceOf(a) || timelinessAt(a, now, ctx.dueRules, ctx.calendar) !== 'overdue') continue;
        const delivery = overdueDelivery(a, formatInstant(dueInstant(a.dueDate, ctx.dueRules), ctx.dueRules.timeZone), now);
        if (!delivery) continue;
        if (await this.outbox.enqueue(delivery)) queued.push(delivery.id);
        else alreadyQueued++;
      }
      cursor = page.nextCursor;
    } while (cursor);
    return { queued, alreadyQueued };
  }

  private requireAdmin(ctx: OrgContext, actor: Actor): void {
    const member = ctx.authority.staff(actor.staffId);
    if (!member?.roles.some((r) => (DELIVERY_ADMIN_ROLES as readonly string[]).includes(r))) {
      throw new ForbiddenError('Only the director, the chief of office or an administrator may see and retry e-office deliveries.');
    }
  }

  view(d: EofficeDelivery): DeliveryView {
    const { orgId, ...rest } = d;
    return rest;
  }

  async list(actor: Actor, state: DeliveryState, limit: number, cursor?: string): Promise<{ items: DeliveryView[]; nextCursor?: string }> {
    const ctx = await this.contexts.load(actor);
    this.requireAdmin(ctx, actor);
    const page = await this.outbox.list(ctx.orgId, state, limit, cursor);
    return { items: page.items.map((d) => this.view(d)), ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) };
  }

  async get(actor: Actor, id: string): Promise<DeliveryView> {
    const ctx = await this.contexts.load(actor);
    this.requireAdmin(ctx, actor);
    const d = await this.outbox.get(ctx.orgId, id);
    if (!d) throw new NotFoundError(`There is no e-office delivery ${id}.`);
    return this.view(d);
  }

  /** An administrator sends a failed delivery again: a fresh round of attempts, due now; recorded in its history. */
  async retry(actor: Actor, id: string, now: Date, ifMatch?: number): Promise<DeliveryView> {
    const ctx = await this.contexts.load(actor, now);
    this.requireAdmin(ctx, actor);
    const d = await this.outbox.get(ctx.orgId, id);
    if (!d) throw new NotFoundError(`There is no e-office delivery ${id}.`);
    if (ifMatch !== undefined && ifMatch !== d.version) {
      throw new PreconditionFailedError(`The delivery is at version ${d.version}, not ${ifMatch}.`, d.version);
    }
    if (d.state !== 'failed') throw new ConflictError(`Only a failed delivery can be retried; this one is ${d.state}.`);
    const next = retryDelivery(d, now);
    const event: AuditEvent = {
      id: ulid(now.getTime()),
      orgId: ctx.orgId,
      entityType: 'eoffice-delivery',
      entityId: d.id,
      action: 'retry-requested',
      actorId: actor.staffId,
      at: now.toISOString(),
      version: next.version,
      data: { failedAttempts: d.attemptCount, lastError: d.lastError },
    };
    if (!(await this.outbox.save(next, d.version, event))) {
      throw new PreconditionFailedError('The delivery changed while the retry was being recorded; look again.');
    }
    return this.view(next);
  }

  /** Audit visibility of deliveries: those who administer them. */
  readonly auditVisibility = auditVisibility(['eoffice-delivery'], async (ctx, actor, entityId) => {
    const d = await this.outbox.get(ctx.orgId, entityId);
    if (!d) return undefined;
    const member = ctx.authority.staff(actor.staffId);
    return member?.roles.some((r) => (DELIVERY_ADMIN_ROLES as readonly string[]).includes(r)) ?? false;
  });
}
