/** Periodic reports, plans and missions (issue #4, R1–R4, P1). */
import { MissionService } from '../services/mission-service.js';
import { PlanService } from '../services/plan-service.js';
import { ReportService } from '../services/report-service.js';
import { ReportCore } from '../services/reports/core.js';
import { ReportReading } from '../services/reports/reading.js';
import { ReportSubmissions } from '../services/reports/submissions.js';
import { BoardMatterRepository } from '../store/board-matter-repository.js';
import { DelegationRepository } from '../store/delegation-repository.js';
import { IdempotencyRepository } from '../store/idempotency-repository.js';
import { MissionRepository } from '../store/mission-repository.js';
import { ReportRepository } from '../store/report-repository.js';
import { complianceRecheck, fileClaim } from './edges.js';
import { defineFeature } from './feature.js';

export const feature = defineFeature({
  name: 'reports',
  needs: ['notifications'],
  build: (ctx) => {
    const missionRepository = ctx.repository(MissionRepository);
    const delegations = ctx.repository(DelegationRepository);
    const idempotency = ctx.repository(IdempotencyRepository);
    const core = new ReportCore(
      ctx.contexts,
      ctx.repository(ReportRepository),
      missionRepository,
      idempotency,
      ctx.need('notifications').notifications,
      complianceRecheck(ctx),
      ctx.repository(BoardMatterRepository),
      delegations,
      fileClaim(ctx),
    );
    const reports = new ReportService(core, { reading: new ReportReading(core), submissions: new ReportSubmissions(core) });
    return { reports, plans: new PlanService(reports), missions: new MissionService(ctx.contexts, missionRepository, delegations, idempotency) };
  },
});
