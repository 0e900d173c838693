/** Report reminders (issue #4): a scheduled job of the compliance engine. */
import { ReportReminderService } from '../services/report-reminder-service.js';
import { MissionRepository } from '../store/mission-repository.js';
import { ReportRepository } from '../store/report-repository.js';
import { defineFeature } from './feature.js';

export const feature = defineFeature({
  name: 'reminders',
  needs: ['notifications'],
  build: (ctx) => ({
    reportReminders: new ReportReminderService(ctx.contexts, ctx.repository(ReportRepository), ctx.repository(MissionRepository), ctx.need('notifications').notifications),
  }),
});
