/** Leave, absence and working time (issue #9). */
import { LeaveService } from '../services/leave-service.js';
import { LeaveBalances } from '../services/leave/balances.js';
import { LeaveCore } from '../services/leave/core.js';
import { LeaveRegister } from '../services/leave/register.js';
import { LeaveRequests } from '../services/leave/requests.js';
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
    const core = new LeaveCore(ctx.contexts, ctx.repository(LeaveRepository), ctx.repository(DelegationRepository), idempotency, {
      notifications: ctx.need('notifications').notifications,
      missions: ctx.repository(MissionRepository),
      files: recordFiles(ctx),
    });
    return {
      leave: new LeaveService(core, { requests: new LeaveRequests(core), register: new LeaveRegister(core), balances: new LeaveBalances(core) }),
      overtime: new OvertimeService(ctx.contexts, ctx.repository(OvertimeRepository), idempotency),
    };
  },
});
