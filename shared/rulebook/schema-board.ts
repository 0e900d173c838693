/** The board: delegation visits, report-back, collective decisions (Điều 3.2, 16, 17). Part of the rulebook schema; `schema.ts` re-exports it. */
import { z } from 'zod';
import { meetingKindSchema, obligedSelectorSchema } from './schema-obligations.js';
import { roleSchema } from './schema-organisation.js';
import { articleSchema, citedRule, localizedTextSchema } from './schema-scalars.js';

/**
 * Receiving delegations (Điều 17): the director decides; the Office records the visit and the
 * units that prepare its content. No DOMAIN.md rule id: nothing here is checked on a schedule.
 */
export const delegationVisitsSchema = z
  .object({
    article: articleSchema,
    /** Who records a visit and hands out its preparation (Điều 17.1: the Office). */
    recordedBy: obligedSelectorSchema,
    /** Whose decision a visit is (Điều 17: the director); preparations are assigned on their authority. */
    decidedBy: roleSchema,
    /** Longest visit, in days. */
    maxDays: z.number().int().min(1).max(31).default(14),
    note: z.string().optional(),
  })
  .strict();

/**
 * A3 (Điều 4.1.2): a deputy director "báo cáo Giám đốc Sở kết quả giải quyết công việc được Giám
 * đốc Sở phân công hoặc ủy quyền": when a delegation of the director's authority (A2) ends, the
 * deputy owes the director a report back within `workingDays`. The text gives no number.
 */
export const delegationReportBackSchema = z
  .object({
    ...citedRule,
    workingDays: z.number().int().min(0).max(30),
    /**
     * How far back the daily check looks for delegations that ended (GSI2 by end date): one ended
     * longer ago that no run ever judged is not found. Open findings are re-read whatever their age.
     */
    sweepDays: z.number().int().min(7).max(400).default(60),
    /** Where sweepDays comes from (the regulation gives no number). */
    sweepBasis: z.string().optional(),
    quote: z.string().optional(),
  })
  .strict();
export type DelegationReportBack = z.infer<typeof delegationReportBackSchema>;

/**
 * Collective decisions of the board (A5, Điều 3.2): the matters the director decides only after
 * the board discussed them, at a meeting or on a circulated draft, and the board's annual
 * self-review (kiểm điểm công tác chỉ đạo, điều hành hàng năm của Lãnh đạo Sở), one of them.
 */
export const collectiveDecisionsSchema = z
  .object({
    rule: z.literal('A5'),
    article: articleSchema,
    /** The text's list, each a category a matter is recorded under. */
    categories: z
      .array(z.object({ id: z.string().regex(/^[a-z0-9-]+$/), title: localizedTextSchema, article: articleSchema }).strict())
      .min(1),
    /** Department meetings whose discussion counts as the board's (held by the board unit). */
    boardMeetingKinds: z.array(meetingKindSchema).min(1),
    /** Shortest window, in working days, a circulated draft stays open for the board's opinions. */
    minCirculationWorkingDays: z.number().int().min(0).max(30).default(2),
    selfReview: z
      .object({
        /** The category whose decided matter is the year's self-review. */
        category: z.string().regex(/^[a-z0-9-]+$/),
        /** Last day (MM-DD) of the year by which the self-review is decided. */
        dueBy: z.string().regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/),
        note: z.string().optional(),
      })
      .strict()
      .optional(),
    /**
     * Approvals the tracker records that are the director's decision on a category: approving a
     * plan of the obligation named is refused unless it names a board matter of that category
     * with the board's discussion on record.
     */
    approvals: z
      .array(z.object({ obligationId: z.string().min(1), category: z.string().regex(/^[a-z0-9-]+$/), note: z.string().optional() }).strict())
      .default([]),
    note: z.string().optional(),
  })
  .strict()
  .superRefine((data, ctx) => {
    if (data.selfReview && !data.categories.some((c) => c.id === data.selfReview!.category)) {
      ctx.addIssue({ code: 'custom', message: `no category ${data.selfReview.category}`, path: ['selfReview', 'category'] });
    }
    data.approvals.forEach((a, i) => {
      if (!data.categories.some((c) => c.id === a.category)) ctx.addIssue({ code: 'custom', message: `no category ${a.category}`, path: ['approvals', i, 'category'] });
    });
  });
export type CollectiveDecisions = z.infer<typeof collectiveDecisionsSchema>;
