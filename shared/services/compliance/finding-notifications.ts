/**
 * Each new finding notifies its subject (an A6 escalation: their overdue work; any other: the
 * deadline they missed), and an A6 escalation also the people its step is reported to (their
 * head, the leader overseeing the unit, the director from the second step: the rulebook's
 * `settings.overdueEscalation[].notify`). The notification is stored in the transaction that creates the finding
 * (FindingRepository's `notifyDetections`), so a finding never exists without it and a rerun,
 * which creates no finding, stores none; it is sent once the run has committed.
 */
import { findingNotifications } from '../../domain/compliance/finding-notification.js';
import type { Finding } from '../../domain/finding.js';
import type { FindingTextNames } from '../../domain/finding-text.js';
import type { NotificationService } from '../notification-service.js';
import type { OrgContext } from '../org-context.js';

export class FindingNotifications {
  constructor(private readonly notifications: NotificationService) {}

  /** After the run: a failed channel leaves the notifications stored and listed in the app. */
  async deliver(ctx: OrgContext, findings: readonly Finding[], at: Date): Promise<void> {
    const timeZone = ctx.rulebook.organisation.timeZone;
    await this.notifications.deliverQuietly(ctx, findings.flatMap((f) => findingNotifications(f, timeZone, findingTextNames(ctx))), at);
  }
}

/** The people, units and report titles a finding's sentence names, from the organisation's records and rulebook. */
export function findingTextNames(ctx: OrgContext): FindingTextNames {
  const { finance } = ctx.rulebook;
  return {
    person: (id) => ctx.snapshot.staff.find((s) => s.id === id)?.name,
    unit: (id) => ctx.snapshot.units.find((u) => u.id === id)?.name,
    reportTitle: (rule) => (rule === 'F1' ? finance.incomeExpenseReport?.title : rule === 'F5' ? finance.cashReport?.title : undefined),
    field: (id) => ctx.rulebook.fields.find((f) => f.id === id)?.name,
  };
}
