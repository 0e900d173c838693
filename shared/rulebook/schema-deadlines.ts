/** Deadline rules: counted from a period or an event. Part of the rulebook schema; `schema.ts` re-exports it. */
import { z } from 'zod';
import { isoWeekdaySchema, timeOfDaySchema } from './schema-scalars.js';

export const cadenceSchema = z.enum(['week', 'month', 'quarter', 'half', 'year']);
export type Cadence = z.infer<typeof cadenceSchema>;

/**
 * What to do when a computed due date is not a working day. The regulation's literal
 * reading is `keep` (DOMAIN.md, "Working days"), so that is the default.
 */
export const nonWorkingDaySchema = z.enum(['keep', 'previous-working-day', 'next-working-day']);
export type NonWorkingDayPolicy = z.infer<typeof nonWorkingDaySchema>;

/** The given ISO weekday of the ISO week (weekly cadence only); e.g. Thursday 16:00, before Friday's briefing. */
const weekdayInPeriodSchema = z
  .object({
    kind: z.literal('weekday-in-period'),
    weekday: isoWeekdaySchema,
    time: timeOfDaySchema,
    nonWorkingDay: nonWorkingDaySchema.default('keep'),
  })
  .strict();

/** The n-th working day of the period; for programmes and plans due early in the period they cover. */
const workingDayOfPeriodSchema = z
  .object({
    kind: z.literal('working-day-of-period'),
    day: z.number().int().min(1).max(60),
    time: timeOfDaySchema,
  })
  .strict();

/** The last calendar day of the period; e.g. F1's monthly finance report "vào ngày cuối tháng", 23:59:59. */
const periodEndSchema = z
  .object({
    kind: z.literal('period-end'),
    time: timeOfDaySchema,
    nonWorkingDay: nonWorkingDaySchema.default('keep'),
  })
  .strict();

/**
 * The day before the period's first day (the previous period's last day), at `time`; then
 * `nonWorkingDay`. For plans the department must have before the period starts (P1, Điều 10):
 * with previous-working-day, "the last working day of the week (month) before".
 */
const dayBeforePeriodSchema = z
  .object({
    kind: z.literal('day-before-period'),
    time: timeOfDaySchema,
    nonWorkingDay: nonWorkingDaySchema.default('keep'),
  })
  .strict();

/** The n-th working day after the period's last day. */
const workingDaysAfterPeriodEndSchema = z
  .object({
    kind: z.literal('working-days-after-period-end'),
    days: z.number().int().min(1).max(60),
    time: timeOfDaySchema,
  })
  .strict();

/**
 * A day of the period's (last) month; a day past the month's end means its last day.
 * `strictlyBefore`: the act must fall before that day ("trước ngày 15"), so the due date
 * is the day before, at `time`. Not for weekly cadences. `month` (yearly cadences only): that
 * month of the period's year instead of its last month (a yearly plan due in January).
 */
const dayOfMonthSchema = z
  .object({
    kind: z.literal('day-of-month'),
    day: z.number().int().min(1).max(31),
    month: z.number().int().min(1).max(12).optional(),
    time: timeOfDaySchema,
    strictlyBefore: z.boolean().default(false),
    nonWorkingDay: nonWorkingDaySchema.default('keep'),
  })
  .strict();

/**
 * The n-th working day after the local date of an event (a mission's end, a document's
 * receipt). days 0: the event's day if it is a working day, else the next working day.
 */
export const workingDaysAfterEventSchema = z
  .object({
    kind: z.literal('working-days-after-event'),
    days: z.number().int().min(0).max(60),
    time: timeOfDaySchema,
  })
  .strict();

/** Deadlines counted from a period (week, month, ...). */
export const periodDeadlineRuleSchema = z.discriminatedUnion('kind', [
  weekdayInPeriodSchema,
  workingDayOfPeriodSchema,
  periodEndSchema,
  workingDaysAfterPeriodEndSchema,
  dayOfMonthSchema,
  dayBeforePeriodSchema,
]);
export type PeriodDeadlineRule = z.infer<typeof periodDeadlineRuleSchema>;

/** Deadlines counted from an event. */
export const eventDeadlineRuleSchema = z.discriminatedUnion('kind', [workingDaysAfterEventSchema]);
export type EventDeadlineRule = z.infer<typeof eventDeadlineRuleSchema>;

export const deadlineRuleSchema = z.discriminatedUnion('kind', [
  weekdayInPeriodSchema,
  workingDayOfPeriodSchema,
  periodEndSchema,
  workingDaysAfterPeriodEndSchema,
  dayOfMonthSchema,
  dayBeforePeriodSchema,
  workingDaysAfterEventSchema,
]);
export type DeadlineRule = z.infer<typeof deadlineRuleSchema>;
export type DeadlineRuleKind = DeadlineRule['kind'];

/** Which data a periodic report covers. */
export const dataCutOffSchema = z.discriminatedUnion('kind', [
  /** Work up to the moment it is due (weekly reports written before the week ends). */
  z.object({ kind: z.literal('at-deadline') }).strict(),
  /** The whole calendar period. */
  z.object({ kind: z.literal('period-end') }).strict(),
  /** Nghị định 09/2019/NĐ-CP style: from day+1 of the month before the period to `day` of its last month. */
  z.object({ kind: z.literal('day-of-month'), day: z.number().int().min(1).max(28) }).strict(),
]);
export type DataCutOff = z.infer<typeof dataCutOffSchema>;
