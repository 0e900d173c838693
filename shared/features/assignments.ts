/** Assignments and delegations (A1–A6): the work, who answers for it, and standing delegations. */
import { AssignmentService } from '../services/assignment-service.js';
import { DelegationService } from '../services/delegation-service.js';
import { AssignmentRepository } from '../store/assignment-repository.js';
import { DelegationRepository } from '../store/delegation-repository.js';
import { IdempotencyRepository } from '../store/idempotency-repository.js';
import { fileClaim } from './edges.js';
import { defineFeature } from './feature.js';

export const feature = defineFeature({
  name: 'assignments',
  needs: [],
  build: (ctx) => {
    const delegations = ctx.repository(DelegationRepository);
    return {
      assignments: new AssignmentService(ctx.contexts, ctx.repository(AssignmentRepository), delegations, ctx.repository(IdempotencyRepository), fileClaim(ctx)),
      delegations: new DelegationService(ctx.contexts, delegations),
    };
  },
});
