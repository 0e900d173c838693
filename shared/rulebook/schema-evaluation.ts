/**
 * The evaluation cycle (issue #23; E1, Điều 24: carrying out the regulation is the basis for
 * rating every staff member and for the year's emulation and rewards). The periods rated, the
 * levels and their criteria (Decree 90/2020/NĐ-CP as amended by Decree 48/2023/NĐ-CP, each
 * criterion citing its article), and the deadline of each step of the cycle, each with its own
 * rule id so a missed step is a finding like any other. Part of the rulebook schema;
 * `schema.ts` re-exports it.
 */
import { z } from 'zod';
import { EVALUATION_LEVEL_IDS, EVALUATION_STEP_IDS } from './kinds.js';
import { periodDeadlineRuleSchema } from './schema-deadlines.js';
import { articleSchema, localizedTextSchema, ruleIdSchema } from './schema-scalars.js';

export { EVALUATION_LEVEL_IDS, EVALUATION_STEP_IDS };

export const evaluationLevelIdSchema = z.enum(EVALUATION_LEVEL_IDS);
export type EvaluationLevelId = z.infer<typeof evaluationLevelIdSchema>;

export const evaluationPeriodKindSchema = z.enum(['month', 'year']);
export type EvaluationPeriodKind = z.infer<typeof evaluationPeriodKindSchema>;

/** The steps of the cycle, in order (kinds.ts). */
export const evaluationStepIdSchema = z.enum(EVALUATION_STEP_IDS);
export type EvaluationStepId = z.infer<typeof evaluationStepIdSchema>;

/** A citation of the decree (not the regulation): 'Nghị định 90/2020/NĐ-CP, Điều 9 khoản 1 điểm b'. */
// The pattern is a string so that the bundle stays ASCII (shared/domain/text.ts says why).
const decreeArticleSchema = z.string().regex(new RegExp('^Nghị định \\d+/\\d{4}/NĐ-CP, Điều \\d+'), "must cite the decree's article, e.g. 'Nghị định 90/2020/NĐ-CP, Điều 9 khoản 1'");

/**
 * A share of the person's (or, for a manager, their unit's) assignments settled on time, as the
 * dashboard counts it: (on time + on time after extension) / (every completion + overdue).
 * `threshold` is a fraction in [0, 1]; `null` means the department has not set it: the criterion
 * then suggests nothing, and the pages say so. It has no default on purpose: the number must come
 * from the decree's text as the department reads it, not from this code.
 */
const onTimeShareSchema = z
  .object({
    kind: z.literal('on-time-share'),
    of: z.enum(['person', 'unit']),
    /** at-least: met when share >= threshold; below: met when share < threshold. */
    comparison: z.enum(['at-least', 'below']),
    threshold: z.number().min(0).max(1).nullable(),
    /** Why this threshold (or why none): the words of the decree it reads. */
    basis: z.string().min(1),
  })
  .strict();

/** A criterion people judge (conduct, quality, results beyond the plan): shown, never computed. */
const judgementSchema = z.object({ kind: z.literal('judgement') }).strict();

export const evaluationCriterionSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9-]+$/),
    level: evaluationLevelIdSchema,
    /** everyone: every staff member; managers: heads and deputies of a unit (they also answer for their unit). */
    appliesTo: z.enum(['everyone', 'managers']),
    decreeArticle: decreeArticleSchema,
    text: localizedTextSchema,
    measure: z.discriminatedUnion('kind', [onTimeShareSchema, judgementSchema]),
  })
  .strict();
export type EvaluationCriterion = z.infer<typeof evaluationCriterionSchema>;

export const evaluationStepSchema = z
  .object({
    step: evaluationStepIdSchema,
    /** The rule id a missed step is found under (E2…E6). */
    rule: ruleIdSchema,
    article: articleSchema,
    title: localizedTextSchema,
    /** When the step is due, counted from the period rated; one per period kind rated. */
    deadlines: z.partialRecord(evaluationPeriodKindSchema, periodDeadlineRuleSchema),
    /** Where the day comes from (the regulation gives none). */
    basis: z.string().min(1),
  })
  .strict();
export type EvaluationStep = z.infer<typeof evaluationStepSchema>;

/** An emulation title proposed from the year's levels (danh hiệu thi đua). */
export const emulationTitleSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9-]+$/),
    name: localizedTextSchema,
    /** The yearly level a person needs to be proposed. */
    minimumLevel: evaluationLevelIdSchema,
    /** What the title asks, as the council reads it (the lists and their files show it). */
    requirement: localizedTextSchema.optional(),
    basis: z.string().min(1),
  })
  .strict();
export type EmulationTitle = z.infer<typeof emulationTitleSchema>;

export const evaluationSchema = z
  .object({
    rule: z.literal('E1'),
    article: articleSchema,
    /** The decree(s) the levels and criteria come from. */
    decree: z.string().min(1),
    periods: z.array(evaluationPeriodKindSchema).min(1),
    /** The four levels, best first, each with the article that defines it. */
    levels: z
      .array(z.object({ id: evaluationLevelIdSchema, name: localizedTextSchema, decreeArticle: decreeArticleSchema }).strict())
      .length(EVALUATION_LEVEL_IDS.length),
    criteria: z.array(evaluationCriterionSchema).min(1),
    steps: z.array(evaluationStepSchema).min(1),
    emulationTitles: z.array(emulationTitleSchema).default([]),
    note: z.string().optional(),
  })
  .strict()
  .superRefine((data, ctx) => {
    data.levels.forEach((l, i) => {
      if (l.id !== EVALUATION_LEVEL_IDS[i]) ctx.addIssue({ code: 'custom', message: `levels must be ${EVALUATION_LEVEL_IDS.join(', ')}, best first`, path: ['levels', i, 'id'] });
    });
    const criteria = new Set<string>();
    data.criteria.forEach((c, i) => {
      if (criteria.has(c.id)) ctx.addIssue({ code: 'custom', message: `duplicate criterion '${c.id}'`, path: ['criteria', i, 'id'] });
      criteria.add(c.id);
      if (c.measure.kind === 'on-time-share' && c.measure.of === 'unit' && c.appliesTo !== 'managers') {
        ctx.addIssue({ code: 'custom', message: "a unit's share can only be a criterion for managers", path: ['criteria', i, 'appliesTo'] });
      }
    });
    const steps = new Set<string>();
    const rules = new Set<string>();
    data.steps.forEach((s, i) => {
      if (steps.has(s.step)) ctx.addIssue({ code: 'custom', message: `step '${s.step}' is listed twice`, path: ['steps', i, 'step'] });
      steps.add(s.step);
      if (rules.has(s.rule) || s.rule === 'E1') ctx.addIssue({ code: 'custom', message: `rule '${s.rule}' is already used`, path: ['steps', i, 'rule'] });
      rules.add(s.rule);
      for (const kind of data.periods) {
        if (!s.deadlines[kind]) ctx.addIssue({ code: 'custom', message: `no deadline for the ${kind}, a period rated`, path: ['steps', i, 'deadlines', kind] });
      }
    });
    for (const step of EVALUATION_STEP_IDS) {
      if (!steps.has(step)) ctx.addIssue({ code: 'custom', message: `no step '${step}'`, path: ['steps'] });
    }
  });
export type EvaluationSettings = z.infer<typeof evaluationSchema>;
