/** Leave, absence and working time (issue #9). */
import { LeaveService } from '../services/leave-service.js';
import { OvertimeService } from '../services/overtime-service.js';
import { DelegationRepository } from '../store/delegation-repository.js';
import { IdempotencyRepository } from '../store/idempotency-repository.js';
import { LeaveRepository } from '../store/leave-repository.js';
import { MissionRepository } from '../store/mission-repository.js';
import { OvertimeRepository } from '../store/overtime-repository.js';
import { recordFiles } from './edges.js';
import { defineFeature } from './feature.js';

export const feature = defineFeature({
  name: 'leave',
  needs: ['notifications'],
  build: (ctx) => {
    const idempotency = ctx.repository(IdempotencyRepository);
    return {
      leave: new LeaveService(ctx.contexts, ctx.repository(LeaveRepository), ctx.repository(DelegationRepository), idempotency, {
        notifications: ctx.need('notifications').notifications,
        missions: ctx.repository(MissionRepository),
        files: recordFiles(ctx),
      }),
      overtime: new OvertimeService(ctx.contexts, ctx.repository(OvertimeRepository), idempotency),
    };
  },
});
