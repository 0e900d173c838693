/** "Chờ quyết định" (issue #16): what awaits each person's decision, read from the records' own indexes. */
import { InboxService } from '../services/inbox-service.js';
import { AssignmentRepository } from '../store/assignment-repository.js';
import { CitizenReceptionRepository } from '../store/citizen-reception-repository.js';
import { DelegationRepository } from '../store/delegation-repository.js';
import { LeaveRepository } from '../store/leave-repository.js';
import { ReportRepository } from '../store/report-repository.js';
import { defineFeature } from './feature.js';
import { findingRepository } from './findings.js';

export const feature = defineFeature({
  name: 'inbox',
  needs: ['leave', 'outgoingDocuments', 'boardMatters'],
  build: (ctx) => ({
    inbox: new InboxService(
      ctx.contexts,
      {
        assignments: ctx.repository(AssignmentRepository),
        reports: ctx.repository(ReportRepository),
        leave: ctx.repository(LeaveRepository),
        findings: findingRepository(ctx),
        reception: ctx.repository(CitizenReceptionRepository),
        delegations: ctx.repository(DelegationRepository),
      },
      ctx.need('leave').leave,
      ctx.need('outgoingDocuments').outgoingDocuments,
      ctx.need('boardMatters').boardMatters,
    ),
  }),
});
