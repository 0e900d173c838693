/**
 * The compliance engine (issue #6): the rules and the scheduled jobs. A new finding notifies its
 * subject (stored in the finding's transaction, sent after the run). The jobs drive the report
 * reminders and the e-office overdue sweep, each loaded when its job runs.
 */
import { ComplianceService } from '../services/compliance/compliance-service.js';
import { ComplianceCore } from '../services/compliance/core.js';
import { ComplianceFindings } from '../services/compliance/finding-reads.js';
import { ComplianceRunning } from '../services/compliance/running.js';
import { FindingNotifications } from '../services/compliance/finding-notifications.js';
import { defineFeature } from './feature.js';
import { findingRepository } from './findings.js';

export const feature = defineFeature({
  name: 'compliance',
  needs: ['notifications'],
  build: (ctx) => {
    const findingNotifications = new FindingNotifications(ctx.need('notifications').notifications);
    const reminders = ctx.later('reminders');
    const eoffice = ctx.later('eoffice');
    const core = new ComplianceCore(ctx.contexts, ctx.table, findingRepository(ctx), {
      jobServices: {
        reportReminders: { run: async (orgId, at) => (await reminders()).reportReminders.run(orgId, at) },
        eoffice: { sweepOverdue: async (orgId, now) => (await eoffice()).eoffice.sweepOverdue(orgId, now) },
      },
      afterCreated: (org, findings, at) => findingNotifications.deliver(org, findings, at),
    });
    return { compliance: new ComplianceService(core, { running: new ComplianceRunning(core), reading: new ComplianceFindings(core) }) };
  },
});
