/**
 * Outgoing documents and signing (issue #19, D4, D5): each step of a document the e-office
 * registered queues its callback in the step's transaction; a signature outside authority is a
 * D4 finding reported to the chief of office.
 */
import { FindingNotifications } from '../services/compliance/finding-notifications.js';
import { OutgoingDocumentService } from '../services/outgoing-document-service.js';
import { OutgoingCore } from '../services/outgoing-documents/core.js';
import { OutgoingDrafting } from '../services/outgoing-documents/drafting.js';
import { OutgoingReading } from '../services/outgoing-documents/reading.js';
import { OutgoingSteps } from '../services/outgoing-documents/steps.js';
import { IdempotencyRepository } from '../store/idempotency-repository.js';
import { OutboxRepository } from '../store/outbox-repository.js';
import { OutgoingDocumentRepository } from '../store/outgoing-document-repository.js';
import { defineFeature } from './feature.js';
import { findingRepository } from './findings.js';

export const feature = defineFeature({
  name: 'outgoingDocuments',
  needs: ['notifications'],
  build: (ctx) => {
    const findingNotifications = new FindingNotifications(ctx.need('notifications').notifications);
    const core = new OutgoingCore(ctx.contexts, ctx.repository(OutgoingDocumentRepository), ctx.repository(IdempotencyRepository), {
      outbox: ctx.repository(OutboxRepository),
      findings: findingRepository(ctx),
      afterFinding: (org, findings, at) => findingNotifications.deliver(org, findings, at),
    });
    const steps = new OutgoingSteps(core);
    return {
      outgoingDocuments: new OutgoingDocumentService(core, { drafting: new OutgoingDrafting(core), steps, reading: new OutgoingReading(core, steps) }),
    };
  },
});
