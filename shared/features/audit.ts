/**
 * The audit history: every feature whose records have a history says who may read it
 * (`auditVisibility`), so reading a history needs every such feature.
 */
import { AuditService } from '../services/audit-service.js';
import { AuditRepository } from '../store/audit-repository.js';
import { defineFeature } from './feature.js';

export const feature = defineFeature({
  name: 'audit',
  needs: ['assignments', 'meetings', 'documents', 'eoffice', 'reports', 'organisationAdmin', 'leave', 'outgoingDocuments', 'compliance', 'finance', 'reception', 'calendar', 'boardMatters', 'files', 'evaluations'],
  build: (ctx) => {
    const { assignments } = ctx.need('assignments');
    const audit = new AuditService(ctx.contexts, ctx.repository(AuditRepository), [assignments.auditVisibility, assignments.delegationAuditVisibility]);
    // In the order they were asked before features were split (the first that knows a record answers).
    const { meetings, meetingPreparations } = ctx.need('meetings');
    const { reports, missions } = ctx.need('reports');
    const { leave, overtime } = ctx.need('leave');
    const { citizenReception, visits } = ctx.need('reception');
    for (const service of [
      meetings,
      meetingPreparations,
      ctx.need('documents').documents,
      ctx.need('eoffice').eoffice,
      reports,
      missions,
      ctx.need('organisationAdmin').organisationAdmin,
      leave,
      overtime,
      ctx.need('outgoingDocuments').outgoingDocuments,
      ctx.need('compliance').compliance,
      ctx.need('finance').finance,
      citizenReception,
      visits,
      ctx.need('calendar').calendar,
      ctx.need('boardMatters').boardMatters,
      ctx.need('files').files,
      ctx.need('evaluations').evaluations,
    ]) {
      audit.register(service.auditVisibility);
    }
    return { audit };
  },
});
