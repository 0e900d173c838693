/**
 * Each new finding notifies its subject (an A6 escalation: their overdue work; any other: the
 * deadline they missed). The notification is stored in the transaction that creates the finding
 * (the FindingRepository hook), so a finding never exists without it and a rerun, which creates
 * no finding, stores none; it is sent once the run has committed.
 */
import { findingNotification } from '../../domain/compliance/finding-notification.js';
import type { Finding } from '../../domain/finding.js';
import type { FindingWriteHook } from '../../store/finding-repository.js';
import type { NotificationService } from '../notification-service.js';
import type { OrgContext } from '../org-context.js';

export class FindingNotifications {
  constructor(private readonly notifications: NotificationService) {}

  /** For `new FindingRepository(table, [hook])`: only a finding's creation notifies. */
  readonly hook: FindingWriteHook = (write) =>
    write.expectedVersion === undefined && write.event.action === 'detected'
      ? [this.notifications.transactionItem(findingNotification(write.next, write.timeZone))]
      : [];

  /** After the run: a failed channel leaves the notifications stored and listed in the app. */
  async deliver(ctx: OrgContext, findings: readonly Finding[], at: Date): Promise<void> {
    const timeZone = ctx.rulebook.organisation.timeZone;
    await this.notifications.deliverQuietly(ctx, findings.map((f) => findingNotification(f, timeZone)), at);
  }
}
