/** Incoming e-office documents (issue #7): each becomes an assignment. */
import { DocumentService } from '../services/document-service.js';
import { DocumentCore } from '../services/documents/core.js';
import { DocumentDistribution } from '../services/documents/distribution.js';
import { DocumentReading } from '../services/documents/reading.js';
import { DocumentRegistration } from '../services/documents/registration.js';
import { DocumentRepository } from '../store/document-repository.js';
import { IdempotencyRepository } from '../store/idempotency-repository.js';
import { recordFiles } from './edges.js';
import { defineFeature } from './feature.js';

export const feature = defineFeature({
  name: 'documents',
  needs: ['assignments'],
  build: (ctx) => {
    const core = new DocumentCore(ctx.table, ctx.contexts, ctx.repository(DocumentRepository), ctx.need('assignments').assignments, ctx.repository(IdempotencyRepository), recordFiles(ctx));
    return {
      documents: new DocumentService(core, { registration: new DocumentRegistration(core), distribution: new DocumentDistribution(core), reading: new DocumentReading(core) }),
    };
  },
});
