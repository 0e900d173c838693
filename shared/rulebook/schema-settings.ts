/** Settings: escalation of overdue work and evidence files. Part of the rulebook schema; `schema.ts` re-exports it. */
import { z } from 'zod';
import { defaultEscalationRecipients, ESCALATION_RECIPIENTS } from './escalation.js';
import { articleSchema, localizedTextSchema, ruleIdSchema, timeOfDaySchema } from './schema-scalars.js';

export const escalationLevelSchema = z.enum(['reminder', 'criticism', 'review']);
export type EscalationLevel = z.infer<typeof escalationLevelSchema>;
export const ESCALATION_ORDER: readonly EscalationLevel[] = escalationLevelSchema.options;

/**
 * Who an escalation of overdue work reaches (A6, Điều 5.1, 6.1, 7.1: the chief or head "kịp thời
 * báo cáo Phó Giám đốc phụ trách lĩnh vực và Giám đốc Sở"): the person who answers for the work,
 * the head of their unit, the leader overseeing the unit (`units[].overseenBy`), the director.
 */
export const escalationRecipientSchema = z.enum(ESCALATION_RECIPIENTS);
export type EscalationRecipient = z.infer<typeof escalationRecipientSchema>;
export { defaultEscalationRecipients };

export const settingsSchema = z
  .object({
    /** An open item is "due soon" this many working days before its deadline. */
    dueSoonWorkingDays: z.number().int().min(0).max(30).default(3),
    /** Ascending; Điều 24: a breach leads to criticism or discipline by its gravity. */
    overdueEscalation: z
      .array(
        z
          .object({
            afterDaysOverdue: z.number().int().min(1),
            level: escalationLevelSchema,
            name: localizedTextSchema,
            /** Who this step notifies; absent: `defaultEscalationRecipients`. */
            notify: z.array(escalationRecipientSchema).min(1).optional(),
          })
          .strict(),
      )
      .default([
        { afterDaysOverdue: 1, level: 'reminder', name: { vi: 'nhắc nhở', en: 'reminder' } },
        { afterDaysOverdue: 5, level: 'criticism', name: { vi: 'phê bình', en: 'criticism' } },
        { afterDaysOverdue: 10, level: 'review', name: { vi: 'kiểm điểm', en: 'disciplinary review' } },
      ]),
    overdueDayCounting: z.enum(['calendar', 'working']).default('working'),
    /** The article the escalation's recipients come from, and where its day counts come from (the text gives none). */
    overdueEscalationBasis: z.object({ rule: ruleIdSchema, article: articleSchema, quote: z.string().optional(), note: z.string() }).strict().optional(),
    reportReminderWorkingDaysBefore: z.number().int().min(0).max(30).default(1),
    /** An assignment due on a date is on time until this time of that day. */
    assignmentDueTime: timeOfDaySchema.default('23:59:59'),
  })
  .strict();
export type RulebookSettings = z.infer<typeof settingsSchema>;

/**
 * Evidence files (issue #22): the largest file a record may carry. The regulation names no size;
 * `basis` says where the department's number comes from. Absent: 25 MB.
 */
export const filesSchema = z
  .object({
    maxBytes: z
      .number()
      .int()
      .min(1024 * 1024)
      .max(5 * 1024 * 1024 * 1024)
      .default(25 * 1024 * 1024),
    basis: z.string().min(1).optional(),
  })
  .strict();
