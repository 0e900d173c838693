/**
 * The compliance schedules of a province: one per schedule of each rule and job, generated from
 * the rulebooks, each with its EventBridge Scheduler cron (evaluated in the organisation's time
 * zone). Used by `infra/app.ts` (one Schedule each) and by the in-process scheduler of `npm start`.
 */
import { toSchedulerCron, type LocalSchedule } from '../../domain/schedule-cron.js';
import type { Rulebook } from '../../rulebook/schema.js';
import { scheduledChecks } from './registry.js';
import type { ScheduledCheck } from './rule.js';

/** EventBridge Scheduler evaluates the crons in this zone (infra/constructs/compliance-schedules.ts). */
export const SCHEDULER_TIME_ZONE = 'Asia/Ho_Chi_Minh';

export interface ComplianceScheduleEntry {
  /** Unique in the province: `f2-check`, `f2-reminder`, `a6-daily`. */
  readonly name: string;
  /** The rule (or job) the schedule runs: `{"rule": "<rule>"}`. */
  readonly rule: string;
  readonly cron: string;
  readonly schedule: LocalSchedule;
  readonly timeZone: string;
}

export function complianceSchedules(
  rulebooks: Rulebook | readonly Rulebook[],
  rules: readonly ScheduledCheck[] = scheduledChecks,
): ComplianceScheduleEntry[] {
  const list = Array.isArray(rulebooks) ? rulebooks : [rulebooks as Rulebook];
  const entries: ComplianceScheduleEntry[] = [];
  for (const rulebook of list) {
    const timeZone = rulebook.organisation.timeZone;
    if (timeZone !== SCHEDULER_TIME_ZONE) {
      throw new Error(`${rulebook.organisation.id} keeps time in ${timeZone}; the compliance schedules run in ${SCHEDULER_TIME_ZONE}`);
    }
    for (const rule of rules) {
      if (!rule.appliesTo(rulebook)) continue;
      for (const { label, schedule } of rule.schedules(rulebook)) {
        const cron = toSchedulerCron(schedule);
        // Organisations of one province share a schedule when it is the same; the rule runs for each of them.
        if (entries.some((e) => e.rule === rule.id && e.cron === cron)) continue;
        const base = `${rule.id.toLowerCase()}-${label}`;
        let name = base;
        for (let n = 2; entries.some((e) => e.name === name); n++) name = `${base}-${n}`;
        entries.push({ name, rule: rule.id, cron, schedule, timeZone });
      }
    }
  }
  return entries;
}
