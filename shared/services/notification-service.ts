import { createHash } from 'node:crypto';
import type { Notifier } from '../adapters/notifier.js';
import { NotFoundError, PreconditionFailedError } from '../domain/errors.js';
import { notificationText, type Notification, type NotificationKind, type NotificationSubject } from '../domain/notification.js';
import type { NotificationRepository } from '../store/notification-repository.js';
import type { LabelledItem } from '../store/transact.js';
import type { OrgContext } from './org-context.js';
import type { Actor } from './organisation-service.js';

/** An undelivered notification is sent again by a run that starts this long after the last attempt. */
const RESEND_AFTER_MS = 10 * 60_000;

export type EnsureOutcome = 'created' | 'resent' | 'unchanged';

/** Stores a person's notifications (each once) and sends them through the pluggable channel. */
export class NotificationService {
  constructor(
    private readonly notifications: NotificationRepository,
    private readonly notifier: Notifier,
  ) {}

  /** A notification whose id is derived from its cause: the same cause always gives the same id. */
  build(
    ctx: OrgContext,
    kind: NotificationKind,
    recipientId: string,
    subject: NotificationSubject,
    at: Date,
    options: { comment?: string; cause?: string } = {},
  ): Notification {
    const id = `ntf-${createHash('sha256').update([kind, subject.key, recipientId, options.cause ?? ''].join('|')).digest('hex').slice(0, 32)}`;
    return {
      id,
      orgId: ctx.orgId,
      recipientId,
      kind,
      ...notificationText(kind, subject, ctx.rulebook.organisation.timeZone, options.comment),
      about: {
        key: subject.key,
        obligationId: subject.obligationId,
        ...(subject.periodId ? { periodId: subject.periodId } : {}),
        ...(subject.event ? { missionId: subject.event.ref } : {}),
        ...(subject.reportId ? { reportId: subject.reportId } : {}),
        dueAt: subject.dueAt.toISOString(),
      },
      createdAt: at.toISOString(),
      version: 1,
    };
  }

  /** The put, to commit in the transaction of the change that causes it; deliver it after the commit. */
  transactionItem(n: Notification): LabelledItem {
    return this.notifications.putItem(n, n.createdAt);
  }

  /**
   * Stores it unless it exists, then sends it. A stored one that was never delivered is sent
   * again once its last attempt is stale. Throws when the channel fails, for the caller to retry.
   */
  async ensure(ctx: OrgContext, n: Notification, at: Date): Promise<EnsureOutcome> {
    if (await this.notifications.create(n, at.toISOString())) {
      await this.deliver(ctx, n, at);
      return 'created';
    }
    const existing = await this.notifications.get(n.orgId, n.recipientId, n.id);
    if (!existing || existing.deliveredAt) return 'unchanged';
    const staleBefore = new Date(at.getTime() - RESEND_AFTER_MS).toISOString();
    if (!(await this.notifications.claimDelivery(existing, at.toISOString(), staleBefore))) return 'unchanged';
    await this.deliver(ctx, existing, at);
    return 'resent';
  }

  async deliver(ctx: OrgContext, n: Notification, at: Date): Promise<void> {
    const person = ctx.snapshot.staff.find((s) => s.id === n.recipientId);
    const outcome = await this.notifier.send({
      ...n,
      recipient: { name: person?.name ?? n.recipientId, ...(person?.email ? { email: person.email } : {}) },
    });
    await this.notifications.markDelivered(n, { channel: this.notifier.channel, outcome, at: at.toISOString() });
  }

  /** After a committed change: a failed channel leaves the notification stored and listed, to be sent again. */
  async deliverQuietly(ctx: OrgContext, notifications: readonly Notification[], at: Date): Promise<void> {
    await Promise.all(notifications.map((n) => this.deliver(ctx, n, at).catch(() => undefined)));
  }

  list(actor: Actor, query: { unread: boolean; limit: number; cursor?: string }) {
    return this.notifications.list(actor.orgId, actor.staffId, query.unread, query.limit, query.cursor);
  }

  /** Only the recipient sees a notification; reading it twice changes nothing. */
  async markRead(actor: Actor, id: string, now: Date, ifMatch?: number): Promise<Notification> {
    const current = await this.notifications.get(actor.orgId, actor.staffId, id);
    if (!current) throw new NotFoundError(`There is no notification ${id}.`);
    if (ifMatch !== undefined && ifMatch !== current.version) {
      throw new PreconditionFailedError(`The notification is at version ${current.version}, not ${ifMatch}.`, current.version);
    }
    if (current.readAt) return current;
    if (!(await this.notifications.markRead(current, now.toISOString()))) {
      if (ifMatch !== undefined) throw new PreconditionFailedError('The notification changed meanwhile; read it again.');
      return (await this.notifications.get(actor.orgId, actor.staffId, id)) ?? current;
    }
    return { ...current, readAt: now.toISOString(), version: current.version + 1 };
  }
}
