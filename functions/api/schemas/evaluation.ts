import { z } from '@hono/zod-openapi';
import { EVALUATION_LEVEL_IDS, EVALUATION_STEP_IDS } from '../../../shared/rulebook/kinds.js';
import { AuditEventSchema } from './assignment.js';
import { IdSchema, text } from './common.js';

const PeriodId = z
  .string()
  .regex(/^\d{4}(-\d{2})?$/, 'must be a month (2026-12) or a year (2026)')
  .openapi({ example: '2026-12', description: 'The period rated: a month (2026-12) or a year (2026)' });
const Level = z.enum(EVALUATION_LEVEL_IDS).openapi({ description: 'The decree’s level: excellent, good, completed, not-completed' });

export const EvaluationParams = z.object({
  staffId: IdSchema.openapi({ param: { name: 'staffId', in: 'path' } }),
  period: PeriodId.openapi({ param: { name: 'period', in: 'path' } }),
});
export const EvaluationStepParams = EvaluationParams.extend({ step: z.enum(EVALUATION_STEP_IDS).openapi({ param: { name: 'step', in: 'path' } }) });
export const EvaluationListQuery = z.object({ period: PeriodId, unitId: IdSchema.optional() });

export const EvaluationStepBody = z
  .object({
    text: text(5000).optional().openapi({ description: 'The self-assessment, the comment or the board’s conclusion (required for those steps)' }),
    level: Level.optional().openapi({ description: 'The level proposed or decided (required except for publication)' }),
    reason: text(2000).optional().openapi({ description: 'The decision’s reason: required where it differs from the last proposal' }),
  })
  .strict()
  .openapi('EvaluationStep');

const Suggested = z
  .object({ level: Level.nullable(), reason: z.enum(['met', 'threshold-unset', 'nothing-settled', 'no-level-met']), onTime: z.number().int(), settled: z.number().int() })
  .openapi({ description: 'The level the criteria suggested when this was recorded, and the share behind it' });
const Entry = z.object({ text: z.string(), level: Level, by: z.string(), at: z.string(), suggested: Suggested.optional() });
export const EvaluationSchema = z
  .object({
    id: z.string(),
    staffId: z.string(),
    unitId: z.string(),
    period: z.string(),
    manager: z.boolean(),
    selfAssessment: Entry.optional(),
    headComment: Entry.optional(),
    boardReview: Entry.optional(),
    decision: z.object({ level: Level, reason: z.string().optional(), by: z.string(), actingForDirector: z.boolean().optional(), at: z.string(), suggested: Suggested.optional() }).optional(),
    publishedAt: z.string().optional(),
    publishedBy: z.string().optional(),
    createdAt: z.string(),
    updatedAt: z.string(),
    version: z.number().int(),
  })
  .openapi('Evaluation');

const Figure = z.object({ figure: z.string(), count: z.number().int(), recordIds: z.array(z.string()) });
export const DossierSchema = z
  .object({
    person: z.object({ staffId: z.string(), name: z.string(), unitId: z.string(), manager: z.boolean() }),
    period: z.object({ id: z.string(), kind: z.enum(['month', 'year']), start: z.string(), end: z.string() }),
    asOf: z.string(),
    dossier: z.object({
      assignments: z.object({ onTime: Figure, onTimeAfterExtension: Figure, late: Figure, overdue: Figure }),
      reports: z.object({ onTime: Figure, late: Figure, missing: Figure }),
      meetings: z.object({ conclusionsOnTime: Figure, conclusionsLate: Figure }),
      findings: z.object({ resolved: Figure, open: Figure }),
      escalations: z.object({ reminder: z.array(z.string()), criticism: z.array(z.string()), review: z.array(z.string()) }),
      share: z.object({ onTime: z.number().int(), settled: z.number().int() }),
    }),
    unitShare: z.object({ onTime: z.number().int(), settled: z.number().int() }).optional(),
    hidden: z.number().int(),
    suggestion: z.object({
      level: Level.nullable(),
      reason: z.enum(['met', 'threshold-unset', 'nothing-settled', 'no-level-met']),
      blockedBy: z.array(z.string()),
      checks: z.array(z.record(z.string(), z.unknown())),
    }),
    evaluation: EvaluationSchema.nullable(),
    steps: z.array(z.object({ step: z.enum(EVALUATION_STEP_IDS), rule: z.string(), article: z.string(), dueAt: z.string(), done: z.boolean() })),
    canTake: z.array(z.enum(EVALUATION_STEP_IDS)),
    history: z.array(AuditEventSchema()),
  })
  .openapi('EvaluationDossier');

export const EvaluationListSchema = z
  .object({
    period: z.object({ id: z.string(), kind: z.enum(['month', 'year']) }),
    items: z.array(
      z.object({
        staffId: z.string(),
        name: z.string(),
        unitId: z.string(),
        manager: z.boolean(),
        stage: z.enum(['none', ...EVALUATION_STEP_IDS]),
        level: Level.optional(),
        suggested: Suggested.optional().openapi({ description: 'The level the criteria suggest now (as the dossier computes it), with the share behind it' }),
        published: z.boolean(),
      }),
    ),
  })
  .openapi('EvaluationList');
