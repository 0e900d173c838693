import { isOnTime } from '../domain/deadlines.js';
import { addDays, endOfLocalDay, toLocalDate } from '../domain/local-time.js';
import { eventObligations, periodicObligations } from '../domain/obligations.js';
import { PERIOD_KINDS, periodsOverlapping } from '../domain/periods.js';
import type { MissionRepository } from '../store/mission-repository.js';
import type { ReportRepository } from '../store/report-repository.js';
import type { NotificationService } from './notification-service.js';
import type { OrgContextLoader } from './org-context.js';

/** A missed report is notified if it fell due this recently: a run skipped for up to a week still catches up. */
const MISSED_LOOKBACK_DAYS = 7;
/** A rulebook deadline lies at most 60 working days from its period (schema), well within 100 calendar days. */
const DEADLINE_REACH_DAYS = 100;
/** Notifications stored and sent at once: a sweep's time follows the slowest of a batch, not the sum. */
const BATCH_SIZE = 16;

export interface ReminderRun {
  at: string;
  /** Notifications stored by this run, by kind. */
  dueSoon: number;
  missed: number;
  /** Stored earlier but undelivered, and sent again by this run. */
  resent: number;
  notificationIds: string[];
}

/**
 * Report reminders (issue #4.5): before a deadline (`settings.reportReminderWorkingDaysBefore`
 * working days) and once it is missed, the person who owes the report is notified. Idempotent:
 * each notification's id comes from its cause, so a rerun or a double delivery stores and sends
 * nothing twice. Called by the scheduled compliance handler.
 */
export class ReportReminderService {
  constructor(
    private readonly contexts: OrgContextLoader,
    private readonly reports: ReportRepository,
    private readonly missions: MissionRepository,
    private readonly notifications: NotificationService,
  ) {}

  async run(orgId: string, at: Date): Promise<ReminderRun> {
    const ctx = await this.contexts.load(orgId);
    const { rulebook, calendar } = ctx;
    const timeZone = rulebook.organisation.timeZone;
    const org = ctx.obligationOrg;
    const daysBefore = rulebook.settings.reportReminderWorkingDaysBefore;
    const today = toLocalDate(at, timeZone);
    // Reminded from `daysBefore` working days ahead: everything due up to the end of this day.
    const horizon = calendar.addWorkingDays(today, daysBefore);
    const windowStart = new Date(at.getTime() - MISSED_LOOKBACK_DAYS * 86_400_000);
    const windowEnd = endOfLocalDay(horizon, timeZone);
    const range = { start: addDays(today, -(MISSED_LOOKBACK_DAYS + DEADLINE_REACH_DAYS)), end: addDays(horizon, DEADLINE_REACH_DAYS) };

    const periodic = PERIOD_KINDS.flatMap((kind) => periodsOverlapping(kind, range)).flatMap((p) =>
      periodicObligations(rulebook, org, calendar, { periodId: p.id }),
    );
    const missions = await this.missions.listEnding(orgId, { kind: 'org' }, range.start, horizon);
    const events = missions.flatMap((m) => eventObligations(rulebook, org, calendar, { kind: 'mission-ended', staffId: m.staffId, ref: m.id, date: m.to }));
    const inWindow = [...periodic, ...events].filter((i) => i.dueAt > windowStart && i.dueAt <= windowEnd);
    const submitted = new Set((await this.reports.listDue(orgId, { kind: 'org' }, windowStart, windowEnd)).map((r) => r.key));

    const due = inWindow
      .filter((instance) => !submitted.has(instance.key))
      .map((instance) => this.notifications.build(ctx, isOnTime(at, instance.dueAt) ? 'report-due-soon' : 'report-missed', instance.staffId, instance, at));
    const result: ReminderRun = { at: at.toISOString(), dueSoon: 0, missed: 0, resent: 0, notificationIds: [] };
    const failures: unknown[] = [];
    for (let i = 0; i < due.length; i += BATCH_SIZE) {
      const batch = due.slice(i, i + BATCH_SIZE);
      const outcomes = await Promise.allSettled(batch.map((n) => this.notifications.ensure(ctx, n, at)));
      outcomes.forEach((outcome, j) => {
        const n = batch[j]!;
        if (outcome.status === 'rejected') failures.push(outcome.reason);
        else if (outcome.value === 'created') {
          result.notificationIds.push(n.id);
          if (n.kind === 'report-missed') result.missed++;
          else result.dueSoon++;
        } else if (outcome.value === 'resent') result.resent++;
      });
    }
    // Rethrown so the scheduler retries; what was stored stays, and is sent again once stale.
    if (failures.length > 0) throw new AggregateError(failures, `${failures.length} report notification(s) could not be delivered`);
    return result;
  }
}
