/** Citizen reception (C1) and delegation visits (Điều 17), issue #13. */
import { CitizenReceptionService } from '../services/citizen-reception-service.js';
import { ReceptionCases } from '../services/citizen-reception/cases.js';
import { ReceptionCore } from '../services/citizen-reception/core.js';
import { ReceptionSchedules } from '../services/citizen-reception/schedules.js';
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
    const core = new ReceptionCore(ctx.contexts, ctx.repository(CitizenReceptionRepository), assignments, prepared, ctx.repository(DelegationRepository), idempotency, complianceRecheck(ctx));
    return {
      citizenReception: new CitizenReceptionService(core, { schedules: new ReceptionSchedules(core), cases: new ReceptionCases(core) }),
      visits: new VisitService(ctx.contexts, ctx.repository(VisitRepository), assignments, prepared, idempotency),
    };
  },
});
