/** Obligations: reports, plans, meetings and their conclusions and preparation. Part of the rulebook schema; `schema.ts` re-exports it. */
import { z } from 'zod';
import { MEETING_KINDS } from './kinds.js';
import { cadenceSchema, dataCutOffSchema, eventDeadlineRuleSchema, nonWorkingDaySchema, periodDeadlineRuleSchema, workingDaysAfterEventSchema } from './schema-deadlines.js';
import { roleSchema, unitKindSchema } from './schema-organisation.js';
import { articleSchema, citedRule, idSchema, isoWeekdaySchema, localizedTextSchema, ruleIdSchema, timeOfDaySchema } from './schema-scalars.js';

/** Staff who hold any of `roles`, within the given unit kinds or units (omitted: no limit). */
export const staffSelectorSchema = z
  .object({
    roles: z.array(roleSchema).min(1).optional(),
    unitKinds: z.array(unitKindSchema).min(1).optional(),
    unitIds: z.array(idSchema).min(1).optional(),
  })
  .strict();
export type StaffSelector = z.infer<typeof staffSelectorSchema>;

/** Who owes an obligation: always named by role. */
export const obligedSelectorSchema = z
  .object({
    roles: z.array(roleSchema).min(1),
    unitKinds: z.array(unitKindSchema).min(1).optional(),
    unitIds: z.array(idSchema).min(1).optional(),
  })
  .strict();
export type ObligedSelector = z.infer<typeof obligedSelectorSchema>;

/**
 * Who receives a report. direct-superior: for staff, the head of their unit; for a unit
 * head, the leader overseeing the unit; for a deputy director, the director (A1).
 * outside: a body outside the department (the director's reports to the province and the
 * Ministry, R4): no one here receives it; the submission records that it was sent.
 */
export const recipientSchema = z.enum(['director', 'board', 'head-of-unit', 'chief-of-office', 'direct-superior', 'outside']);
export type Recipient = z.infer<typeof recipientSchema>;

export const cadenceRuleSchema = z
  .object({ deadline: periodDeadlineRuleSchema, dataCutOff: dataCutOffSchema })
  .strict();
export type CadenceRule = z.infer<typeof cadenceRuleSchema>;

/** Events that start an event-relative obligation. */
export const obligationEventSchema = z.enum([
  /** Back from training, a conference, a meeting or a mission (đi học, hội nghị, họp, tập huấn, công tác). */
  'mission-ended',
]);
export type ObligationEvent = z.infer<typeof obligationEventSchema>;

export const reportObligationSchema = z
  .object({
    id: idSchema,
    rule: ruleIdSchema,
    article: articleSchema,
    title: localizedTextSchema,
    from: obligedSelectorSchema,
    to: recipientSchema,
    cadences: z.partialRecord(cadenceSchema, cadenceRuleSchema).optional(),
    events: z
      .array(z.object({ event: obligationEventSchema, deadline: eventDeadlineRuleSchema }).strict())
      .min(1)
      .optional(),
    /** Also owed ad hoc when a superior asks; the request sets the deadline. */
    onRequest: z.boolean().default(false),
    /** Where the regulation is silent, the default chosen and why. */
    note: z.string().optional(),
  })
  .strict();
export type ReportObligation = z.infer<typeof reportObligationSchema>;

/**
 * Plans (P2, Điều 10.1): "phải được Giám đốc, Phó Giám đốc Sở phê duyệt". The text gives the
 * approver no time limit; `approval.deadline` is the department's (counted from the day the plan,
 * or its latest revision, was submitted), and `note` says where its number comes from.
 */
export const plansSchema = z
  .object({
    article: articleSchema,
    approval: z
      .object({
        deadline: workingDaysAfterEventSchema,
        note: z.string().trim().min(1),
      })
      .strict(),
  })
  .strict();
export type PlansSettings = z.infer<typeof plansSchema>;

export const meetingKindSchema = z.enum(MEETING_KINDS);
export type MeetingKind = z.infer<typeof meetingKindSchema>;

export const meetingScheduleSchema = z.discriminatedUnion('kind', [
  /**
   * Every week on `weekday`. On a non-working day `previous-working-day` means the last
   * working day before it in the same ISO week (none left: no meeting is due that week).
   */
  z
    .object({
      kind: z.literal('weekly'),
      weekday: isoWeekdaySchema,
      nonWorkingDay: nonWorkingDaySchema.default('previous-working-day'),
    })
    .strict(),
  /** Once in each calendar month, on any day. */
  z.object({ kind: z.literal('monthly') }).strict(),
  /** Once a year within the months startMonth..endMonth; endMonth < startMonth runs into the next year. */
  z
    .object({
      kind: z.literal('yearly-window'),
      startMonth: z.number().int().min(1).max(12),
      endMonth: z.number().int().min(1).max(12),
    })
    .strict(),
  /** Called when needed; only the conclusions rule (M3) applies. */
  z.object({ kind: z.literal('ad-hoc') }).strict(),
]);
export type MeetingSchedule = z.infer<typeof meetingScheduleSchema>;

export const meetingObligationSchema = z
  .object({
    id: idSchema,
    rule: ruleIdSchema,
    article: articleSchema,
    kind: meetingKindSchema,
    title: localizedTextSchema,
    chairRoles: z.array(roleSchema).min(1),
    /** department: one meeting for the organisation; unit: one per unit of `unitKinds`. */
    scope: z.enum(['department', 'unit']),
    unitKinds: z.array(unitKindSchema).min(1).optional(),
    participants: staffSelectorSchema.optional(),
    schedule: meetingScheduleSchema,
    /** Written conclusions are due this many working days after the meeting (M3). */
    conclusionWorkingDays: z.number().int().min(0).max(30).default(2),
    note: z.string().optional(),
  })
  .strict();
export type MeetingObligation = z.infer<typeof meetingObligationSchema>;


export const meetingConclusionsSchema = z
  .object({
    ...citedRule,
    /** Time of day on the last working day allowed for the conclusions. */
    time: timeOfDaySchema,
  })
  .strict();

/**
 * M6 (Điều 11.1.a, 11.2.b): the Office prepares the board's meetings: "chuẩn bị chương trình (thành
 * phần, thời gian), tài liệu (nếu có), theo dõi, ghi biên bản". The programme (participants, time)
 * is published `programme.workingDaysBefore` working days before the meeting's day by `time`; the
 * minutes are recorded `minutes.workingDaysAfter` working days after it by `time`. The text gives
 * no number: each `basis` says where it comes from. Announcing the conclusions is M3.
 */
export const meetingPreparationSchema = z
  .object({
    ...citedRule,
    title: localizedTextSchema,
    /** Who a missing or late programme or minutes goes to as a finding. */
    responsibleRole: roleSchema,
    /** Who may publish the programme and record the minutes (with the Office's staff). */
    officeRoles: z.array(roleSchema).min(1),
    /** The department meetings the Office prepares (weekly briefing, the reviews). */
    meetingKinds: z.array(meetingKindSchema).min(1),
    programme: z.object({ workingDaysBefore: z.number().int().min(0).max(10), time: timeOfDaySchema, basis: z.string().min(1) }).strict(),
    minutes: z.object({ workingDaysAfter: z.number().int().min(0).max(30), time: timeOfDaySchema, basis: z.string().min(1) }).strict(),
  })
  .strict();
export type MeetingPreparationSettings = z.infer<typeof meetingPreparationSchema>;
