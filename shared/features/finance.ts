/** Finance records (F1–F5): a stored record re-checks its rule's open findings. */
import { FinanceService } from '../services/finance-service.js';
import { FinanceRepository } from '../store/finance-repository.js';
import { IdempotencyRepository } from '../store/idempotency-repository.js';
import { complianceRecheck, recordFiles } from './edges.js';
import { defineFeature } from './feature.js';

export const feature = defineFeature({
  name: 'finance',
  needs: [],
  build: (ctx) => ({
    finance: new FinanceService(ctx.contexts, ctx.repository(FinanceRepository), ctx.repository(IdempotencyRepository), complianceRecheck(ctx), recordFiles(ctx)),
  }),
});
