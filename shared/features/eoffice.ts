/** The e-office outbox's dispatcher (issue #7): sends each queued callback, with its retries. */
import { EofficeDispatcher } from '../services/eoffice-dispatcher.js';
import { AssignmentRepository } from '../store/assignment-repository.js';
import { DocumentRepository } from '../store/document-repository.js';
import { OutboxRepository } from '../store/outbox-repository.js';
import { defineFeature } from './feature.js';

export const feature = defineFeature({
  name: 'eoffice',
  needs: [],
  build: (ctx) => {
    const { settings, ...dispatcherOptions } = ctx.options.eoffice ?? {};
    return {
      eoffice: new EofficeDispatcher(
        ctx.contexts,
        ctx.repository(OutboxRepository),
        ctx.repository(DocumentRepository),
        ctx.repository(AssignmentRepository),
        settings ?? { settingsFor: async () => undefined },
        { orgIds: [ctx.defaultOrgId], ...dispatcherOptions },
      ),
    };
  },
});
