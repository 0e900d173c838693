/** Administration (issue #12): people, units and rulebook changes, proposed by the Office and decided by the director. */
import { recordsOnlyDirectory } from '../adapters/identity-directory.js';
import { OrganisationAdminService } from '../services/organisation-admin-service.js';
import { IdempotencyRepository } from '../store/idempotency-repository.js';
import { OrganisationRepository } from '../store/organisation-repository.js';
import { defineFeature } from './feature.js';

export const feature = defineFeature({
  name: 'organisationAdmin',
  needs: ['assignments'],
  build: (ctx) => ({
    organisationAdmin: new OrganisationAdminService(
      ctx.contexts,
      ctx.repository(OrganisationRepository),
      ctx.need('assignments').assignments,
      ctx.options.identity ?? recordsOnlyDirectory,
      ctx.repository(IdempotencyRepository),
    ),
  }),
});
