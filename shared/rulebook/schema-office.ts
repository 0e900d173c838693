/** The Office's obligations: finance (Điều 9.2, 9.3) and documents (Điều 9.1, 12, 13). Part of the rulebook schema; `schema.ts` re-exports it. */
import { z } from 'zod';
import { eventDeadlineRuleSchema, nonWorkingDaySchema, periodDeadlineRuleSchema } from './schema-deadlines.js';
import { obligedSelectorSchema, recipientSchema } from './schema-obligations.js';
import { roleSchema } from './schema-organisation.js';
import { citedRule, idSchema, localizedTextSchema } from './schema-scalars.js';

const monthlyFinanceReportSchema = z
  .object({
    ...citedRule,
    title: localizedTextSchema,
    from: obligedSelectorSchema,
    to: z.array(recipientSchema).min(1),
    /** Due each month. */
    deadline: periodDeadlineRuleSchema,
    /**
     * The earliest instant a filing counts (F1 Điều 9.2.3, F5 Điều 9.3.2 "vào ngày cuối tháng"
     * names a day, not only a deadline): filed before it is too early. `basis` says where the day
     * comes from. Default: 00:00 of the month's last working day.
     */
    earliest: z
      .object({ from: periodDeadlineRuleSchema, basis: z.string().min(1) })
      .strict()
      .default({
        from: { kind: 'period-end', time: '00:00:00', nonWorkingDay: 'previous-working-day' },
        basis: "'vào ngày cuối tháng': from the start of the month's last working day.",
      }),
  })
  .strict();

export const financeSchema = z
  .object({
    incomeExpenseReport: monthlyFinanceReportSchema.optional(),
    cashReport: monthlyFinanceReportSchema.optional(),
    payroll: z
      .object({
        ...citedRule,
        from: obligedSelectorSchema,
        /** Due each month. */
        deadline: periodDeadlineRuleSchema,
        reminderWorkingDaysBefore: z.number().int().min(0).max(20).default(3),
      })
      .strict()
      .optional(),
    settlement: z
      .object({
        ...citedRule,
        from: obligedSelectorSchema,
        /** Settled on or before the date of the complete dossier plus `days`. */
        days: z.number().int().min(1).max(365),
        dayCounting: z.enum(['calendar', 'working']).default('calendar'),
        nonWorkingDay: nonWorkingDaySchema.default('keep'),
      })
      .strict()
      .optional(),
  })
  .strict();

export const confidentialityIdSchema = z.enum(['confidential', 'secret', 'top-secret']);

export const documentsSchema = z
  .object({
    distribution: z
      .object({
        ...citedRule,
        registeredBy: obligedSelectorSchema,
        /** The deputy director in charge of distributing incoming documents, if named. */
        distributorId: idSchema.nullable(),
        /** Counted from the document's receipt. */
        deadline: eventDeadlineRuleSchema,
      })
      .strict()
      .optional(),
    confidentialLevels: z
      .object({
        ...citedRule,
        levels: z
          .array(
            z
              .object({
                id: confidentialityIdSchema,
                name: localizedTextSchema,
                /** Roles entitled to see every document of this level; assignees see their own. */
                entitledRoles: z.array(roleSchema).min(1),
              })
              .strict(),
          )
          .min(1),
      })
      .strict()
      .optional(),
    complaint: z
      .object({
        ...citedRule,
        reportTo: recipientSchema,
        /** Counted from the letter's receipt. */
        deadline: eventDeadlineRuleSchema,
      })
      .strict()
      .optional(),
    /** Outgoing documents and signing (D4 Điều 9.1.8, D5 Điều 13.1): shared/domain/outgoing-document.ts. */
    outgoing: z
      .object({
        ...citedRule,
        /** Kinds of document the director authorises the chief of office to sign "TL. GIÁM ĐỐC" (Điều 9.1.8). */
        chiefOfOfficeKinds: z.array(z.enum(['official-letter', 'decision', 'report', 'plan', 'submission', 'invitation', 'notice'])),
        /** Working days each step may take, counted from the day the previous one was taken; due at the end of that day. */
        stepDays: z
          .object({
            vet: z.number().int().min(0).max(30),
            submit: z.number().int().min(0).max(30),
            'check-form': z.number().int().min(0).max(30),
            sign: z.number().int().min(0).max(30),
            number: z.number().int().min(0).max(30),
            seal: z.number().int().min(0).max(30),
            send: z.number().int().min(0).max(30),
            file: z.number().int().min(0).max(30),
            /** A returned document, back with the proposing head. */
            revise: z.number().int().min(0).max(30),
          })
          .strict(),
      })
      .strict()
      .optional(),
  })
  .strict();
