import { z } from '@hono/zod-openapi';
import { IdSchema, LocalizedTextSchema, PaginationQuery, text } from './common.js';

export const RuleIdSchema = z.string().regex(/^[A-Z][A-Z0-9-]{0,15}$/, 'must be a rule id such as F2 or A6, or a job such as REPORT-REMINDERS');

export const FindingSchema = z
  .object({
    id: z.string(),
    rule: z.string().openapi({ example: 'F2' }),
    article: z.string().openapi({ example: 'Điều 9.2.4' }),
    key: z.string().openapi({ description: 'What makes the breach one finding within its rule' }),
    subjectId: z.string(),
    unitId: z.string(),
    period: z.string().openapi({ example: '2026-11' }),
    ref: z.string().optional().openapi({ description: 'The record it is about (assignment, settlement, report)' }),
    escalation: z
      .object({ level: z.enum(['reminder', 'criticism', 'review']), number: z.number().int(), name: LocalizedTextSchema })
      .optional()
      .openapi({ description: 'A6: the escalation step (nhắc nhở, phê bình, kiểm điểm)' }),
    dueAt: z.string().optional(),
    detectedAt: z.string(),
    detail: z.string(),
    facts: z.record(z.string(), z.unknown()),
    resolvedAt: z.string().optional(),
    resolution: z.enum(['put-right', 'withdrawn', 'resolved']).optional(),
    resolvedBy: z.string().optional(),
    resolutionNote: z.string().optional(),
    version: z.number().int(),
  })
  .openapi('Finding');

export const ListFindingsQuery = z
  .object({
    rule: RuleIdSchema.optional(),
    subjectId: IdSchema.optional(),
    unitId: IdSchema.optional(),
    period: z.string().max(10).optional().openapi({ description: 'Findings whose period starts within it: 2026-W48, 2026-11, 2026-Q4, 2026-H2, 2026' }),
    open: z.enum(['true', 'false']).optional(),
    ...PaginationQuery,
  })
  .strict();

export const ResolveBody = z.object({ note: text(5000).min(1) }).strict().openapi('ResolveFinding');

export const RunCheckBody = z
  .object({
    rule: RuleIdSchema,
    at: z.string().max(40).optional().openapi({ description: 'The instant to judge at (ISO 8601 with offset); now when absent; never in the future' }),
  })
  .strict()
  .openapi('RunCheck');

export const NoticeSchema = z.object({
  id: z.string(),
  rule: z.string(),
  key: z.string(),
  to: z.string(),
  subjectId: z.string(),
  message: z.string(),
  at: z.string(),
});

export const RunResultSchema = z
  .object({
    orgId: z.string(),
    rule: z.string(),
    article: z.string().optional().openapi({ description: 'The rule’s article; absent for a job' }),
    at: z.string(),
    findings: z.array(FindingSchema),
    created: z.array(z.string()),
    resolved: z.array(z.string()),
    notices: z.array(NoticeSchema),
    summary: z.unknown().optional().openapi({ description: 'A job’s account of its run (REPORT-REMINDERS, EOFFICE-OVERDUE): reminders sent, callbacks queued' }),
  })
  .openapi('CheckRun');
