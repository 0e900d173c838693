/** Citizen reception (C1) and delegation visits (Điều 17), issue #13. */
import { CitizenReceptionService } from '../services/citizen-reception-service.js';
import { VisitService } from '../services/visit-service.js';
import { CitizenReceptionRepository } from '../store/citizen-reception-repository.js';
import { DelegationRepository } from '../store/delegation-repository.js';
import { IdempotencyRepository } from '../store/idempotency-repository.js';
import { MeetingRepository } from '../store/meeting-repository.js';
import { VisitRepository } from '../store/visit-repository.js';
import { complianceRecheck } from './edges.js';
import { defineFeature } from './feature.js';

export const feature = defineFeature({
  name: 'reception',
  needs: ['assignments'],
  build: (ctx) => {
    const assignments = ctx.need('assignments').assignments;
    const idempotency = ctx.repository(IdempotencyRepository);
    // Assignments prepared from a reception or a visit are kept with the meetings' (MeetingRepository).
    const prepared = ctx.repository(MeetingRepository);
    return {
      citizenReception: new CitizenReceptionService(ctx.contexts, ctx.repository(CitizenReceptionRepository), assignments, prepared, ctx.repository(DelegationRepository), idempotency, complianceRecheck(ctx)),
      visits: new VisitService(ctx.contexts, ctx.repository(VisitRepository), assignments, prepared, idempotency),
    };
  },
});
