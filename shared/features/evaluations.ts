/** The evaluation cycle (issue #23, E1 Điều 24): dossiers from the dashboard's figures, and the steps to a decision. */
import { EvaluationService } from '../services/evaluation-service.js';
import { EvaluationYearService } from '../services/evaluation-year.js';
import { DelegationRepository } from '../store/delegation-repository.js';
import { EvaluationRepository } from '../store/evaluation-repository.js';
import { IdempotencyRepository } from '../store/idempotency-repository.js';
import { defineFeature } from './feature.js';

export const feature = defineFeature({
  name: 'evaluations',
  needs: ['dashboard'],
  build: (ctx) => ({
    evaluations: new EvaluationService(
      ctx.contexts,
      ctx.repository(EvaluationRepository),
      ctx.need('dashboard').dashboard,
      ctx.repository(DelegationRepository),
      ctx.repository(IdempotencyRepository),
    ),
    // The year-end lists (issue #23, Điều 24): unit ratings and the emulation list.
    evaluationYear: new EvaluationYearService(ctx.contexts, ctx.repository(EvaluationRepository), ctx.need('dashboard').dashboard),
  }),
});
