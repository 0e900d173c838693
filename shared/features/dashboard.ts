/** The accountability dashboard and its counters' rebuild (issue #8). */
import { CounterRebuildService } from '../services/counter-rebuild-service.js';
import { DashboardService } from '../services/dashboard-service.js';
import { CounterRepository } from '../store/counter-repository.js';
import { DashboardRepository } from '../store/dashboard-repository.js';
import { MeetingRepository } from '../store/meeting-repository.js';
import { MissionRepository } from '../store/mission-repository.js';
import { ReportRepository } from '../store/report-repository.js';
import { defineFeature } from './feature.js';

export const feature = defineFeature({
  name: 'dashboard',
  needs: ['assignments'],
  build: (ctx) => {
    const counters = ctx.repository(CounterRepository);
    return {
      dashboard: new DashboardService(
        ctx.contexts,
        counters,
        ctx.repository(DashboardRepository),
        ctx.repository(ReportRepository),
        ctx.repository(MeetingRepository),
        ctx.repository(MissionRepository),
        ctx.need('assignments').assignments,
      ),
      counters: new CounterRebuildService(ctx.contexts, counters),
    };
  },
});
