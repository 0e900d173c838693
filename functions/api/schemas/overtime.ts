import { z } from '@hono/zod-openapi';
import { AuditEventSchema } from './assignment.js';
import { IdSchema, LocalDateSchema, text } from './common.js';

export const CreateOvertimeBody = z
  .object({
    date: LocalDateSchema,
    hours: z.number().positive().max(24).multipleOf(0.25, 'must be in quarter hours').openapi({ description: 'Hours worked beyond the working day' }),
    reason: text(2000).min(1),
    weekend: z.boolean().optional().openapi({ description: 'Checked against the calendar when given' }),
  })
  .strict()
  .openapi('CreateOvertimeNotice');

export const AcknowledgeBody = z.object({ note: text(2000).optional() }).strict().openapi('OvertimeAcknowledgement');

export const OvertimeSchema = z
  .object({
    id: z.string(),
    staffId: z.string(),
    unitId: z.string(),
    date: z.string(),
    hours: z.number(),
    reason: z.string(),
    weekend: z.boolean(),
    nonWorkingDay: z.boolean(),
    notifiedInAdvance: z.boolean(),
    notifiedRole: z.string(),
    notifiedTo: z.array(z.string()),
    rule: z.string(),
    article: z.string(),
    status: z.enum(['notified', 'acknowledged']),
    acknowledgedBy: z.string().optional(),
    acknowledgedAt: z.string().optional(),
    acknowledgementNote: z.string().optional(),
    createdAt: z.string(),
    updatedAt: z.string(),
    version: z.number().int(),
  })
  .openapi('OvertimeNotice');

export const OvertimeWithHistorySchema = OvertimeSchema.extend({ history: z.array(AuditEventSchema()) }).openapi('OvertimeNoticeWithHistory');

export const OvertimeListSchema = z
  .object({ month: z.string(), items: z.array(OvertimeSchema), totalHours: z.number(), nextCursor: z.string().optional() })
  .openapi('OvertimeList');

export const ListOvertimeQuery = z
  .object({
    unitId: IdSchema.optional(),
    staffId: IdSchema.optional(),
    month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month YYYY-MM').optional().openapi({ description: 'Default: this month' }),
    limit: z.coerce.number().int().min(1).max(100).default(50),
    cursor: z.string().max(2048).optional(),
  })
  .strict();
