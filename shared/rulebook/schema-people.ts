/** People: leave, working time, citizen reception (Điều 14, 18, 19). Part of the rulebook schema; `schema.ts` re-exports it. */
import { z } from 'zod';
import { periodDeadlineRuleSchema } from './schema-deadlines.js';
import { recipientSchema } from './schema-obligations.js';
import { type Role, roleSchema } from './schema-organisation.js';
import { citedRule } from './schema-scalars.js';

export const leaveApproverSchema = z.enum(['head-of-unit', 'overseeing-leader', 'director', 'board']);

export const leaveSchema = z
  .object({
    approval: z
      .object({
        ...citedRule,
        /** For staff and deputy heads, by length; the first threshold the leave fits in names the approver. */
        thresholds: z
          .array(
            z
              .object({ upToDays: z.number().positive().nullable(), approver: leaveApproverSchema })
              .strict(),
          )
          .min(1),
        /** Roles whose leave is decided by `leadersApprovedBy` whatever its length (Điều 18.1). */
        leaderRoles: z.array(roleSchema),
        leadersApprovedBy: leaveApproverSchema,
        /** The director informs up to `informUpToDays`; longer leave is applied for in writing. */
        director: z
          .object({
            informUpToDays: z.number().nonnegative(),
            inform: z.array(recipientSchema).min(1),
            applyInWritingTo: leaveApproverSchema,
          })
          .strict()
          .optional(),
      })
      .strict()
      .optional(),
    notice: z
      .object({
        ...citedRule,
        noticeDays: z.number().int().min(0).max(60),
        dayCounting: z.enum(['calendar', 'working']).default('calendar'),
        /** Illness and family emergencies are exempt but reported by phone. */
        emergencyException: z.boolean().default(true),
      })
      .strict()
      .optional(),
    carryOver: z
      .object({
        ...citedRule,
        carryOverYears: z.array(z.number().int().min(2).max(10)).min(1),
        agreementWith: leaveApproverSchema,
        paidOnce: z.boolean(),
      })
      .strict()
      .optional(),
  })
  .strict();

export const workingTimeSchema = z
  .object({
    ...citedRule,
    hoursPerDay: z.number().positive().max(24),
    /** Overtime and weekend work are notified to this role. */
    overtimeNotify: roleSchema,
  })
  .strict();

const caseDeadlineSchema = z
  .object({
    days: z.number().int().min(1).max(90),
    dayCounting: z.enum(['calendar', 'working']),
    /** The law the number comes from. */
    basis: z.string().optional(),
  })
  .strict();

export const citizenReceptionSchema = z
  .object({
    ...citedRule,
    hostRoles: z.array(roleSchema).min(1),
    sessionsPerMonth: z.number().int().min(1).max(31),
    /** Role that proposes the monthly schedule. */
    scheduleProposedBy: roleSchema,
    /** When the month's schedule is due, counted in the month it covers. */
    scheduleDeadline: periodDeadlineRuleSchema,
    /** Role that approves the month's schedule (Điều 14.1: the director). Absent: 'director'. */
    scheduleApprovedBy: roleSchema.optional(),
    /**
     * How long the receiving unit has to take up a complaint or denunciation received at a
     * session (it becomes an assignment due then). Absent: complaint 10 calendar days (Luật
     * Khiếu nại 2011, Điều 27), denunciation 7 working days (Luật Tố cáo 2018, Điều 24).
     */
    caseDeadlines: z
      .object({ complaint: caseDeadlineSchema, denunciation: caseDeadlineSchema })
      .strict()
      .optional(),
  })
  .strict();
