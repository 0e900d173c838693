/** Incoming e-office documents (issue #7): each becomes an assignment. */
import { DocumentService } from '../services/document-service.js';
import { DocumentRepository } from '../store/document-repository.js';
import { IdempotencyRepository } from '../store/idempotency-repository.js';
import { recordFiles } from './edges.js';
import { defineFeature } from './feature.js';

export const feature = defineFeature({
  name: 'documents',
  needs: ['assignments'],
  build: (ctx) => ({
    documents: new DocumentService(ctx.table, ctx.contexts, ctx.repository(DocumentRepository), ctx.need('assignments').assignments, ctx.repository(IdempotencyRepository), recordFiles(ctx)),
  }),
});
