/** Assignments and delegations (A1–A6): the work, who answers for it, and standing delegations. */
import { AssignmentService } from '../services/assignment-service.js';
import { AssignmentCore } from '../services/assignments/core.js';
import { AssignmentCreation } from '../services/assignments/creation.js';
import { AssignmentExtensions } from '../services/assignments/extensions.js';
import { AssignmentProgress } from '../services/assignments/progress.js';
import { AssignmentQueries } from '../services/assignments/queries.js';
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
    const core = new AssignmentCore(ctx.contexts, ctx.repository(AssignmentRepository), delegations, ctx.repository(IdempotencyRepository), fileClaim(ctx));
    return {
      assignments: new AssignmentService(core, {
        creation: new AssignmentCreation(core),
        course: new AssignmentProgress(core),
        extensions: new AssignmentExtensions(core),
        queries: new AssignmentQueries(core),
      }),
      delegations: new DelegationService(ctx.contexts, delegations),
    };
  },
});
