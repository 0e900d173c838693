/**
 * The compliance schedules, run in-process by `npm start`: for each schedule, wait until its next
 * fire time in the organisation's time zone (the same `LocalSchedule` EventBridge Scheduler gets
 * as a cron in AWS), run its rule, and wait for the next one. A failed run is logged; the next
 * fire time comes anyway (every rule is idempotent, and the next run catches up).
 */
import { nextFireTime, type LocalSchedule } from '../../shared/domain/schedule-cron.js';

export interface LocalScheduleEntry {
  readonly name: string;
  readonly rule: string;
  readonly schedule: LocalSchedule;
  readonly timeZone: string;
}

export interface LocalSchedulerOptions {
  readonly entries: readonly LocalScheduleEntry[];
  /** Runs the rule (for every organisation) at the instant given. */
  readonly run: (rule: string, at: Date) => Promise<unknown>;
  readonly clock?: () => Date;
  readonly log?: (line: string) => void;
}

export interface LocalScheduler {
  /** The next fire time of each schedule. */
  next(): { name: string; rule: string; at: Date }[];
  /** Clears every timer and waits for the runs in progress. */
  stop(): Promise<void>;
}

/** setTimeout's longest delay (about 24.8 days): longer waits re-arm. */
const MAX_DELAY_MS = 2 ** 31 - 1;

export function startLocalScheduler(options: LocalSchedulerOptions): LocalScheduler {
  const clock = options.clock ?? (() => new Date());
  const log = options.log ?? (() => {});
  const timers = new Map<string, NodeJS.Timeout>();
  const nextAt = new Map<string, Date>();
  const running = new Set<Promise<unknown>>();
  let stopped = false;

  const arm = (entry: LocalScheduleEntry, at: Date) => {
    if (stopped) return;
    nextAt.set(entry.name, at);
    const delay = Math.max(0, Math.min(at.getTime() - clock().getTime(), MAX_DELAY_MS));
    const timer = setTimeout(() => fire(entry, at), delay);
    timer.unref();
    timers.set(entry.name, timer);
  };

  const fire = (entry: LocalScheduleEntry, due: Date) => {
    if (stopped) return;
    const now = clock();
    if (now.getTime() < due.getTime()) return arm(entry, due);
    const run = options
      .run(entry.rule, now)
      .then(() => log(`compliance ${entry.name}: ran ${entry.rule} at ${now.toISOString()}`))
      .catch((error: unknown) => log(`compliance ${entry.name}: ${entry.rule} failed: ${error instanceof Error ? error.message : String(error)}`))
      .finally(() => running.delete(run));
    running.add(run);
    arm(entry, nextFireTime(entry.schedule, now, entry.timeZone));
  };

  for (const entry of options.entries) arm(entry, nextFireTime(entry.schedule, clock(), entry.timeZone));

  return {
    next: () => options.entries.map((e) => ({ name: e.name, rule: e.rule, at: nextAt.get(e.name)! })),
    async stop() {
      stopped = true;
      for (const timer of timers.values()) clearTimeout(timer);
      timers.clear();
      await Promise.allSettled([...running]);
    },
  };
}
