/** Administration (issue #12): people, units and rulebook changes, proposed by the Office and decided by the director. */
import { recordsOnlyDirectory } from '../adapters/identity-directory.js';
import { OrganisationAdminService } from '../services/organisation-admin-service.js';
import { OrganisationAdminCore } from '../services/organisation-admin/core.js';
import { OrganisationProposals } from '../services/organisation-admin/proposals.js';
import { OrganisationStaff } from '../services/organisation-admin/staff.js';
import { OrganisationStructure } from '../services/organisation-admin/structure.js';
import { IdempotencyRepository } from '../store/idempotency-repository.js';
import { OrganisationRepository } from '../store/organisation-repository.js';
import { defineFeature } from './feature.js';

export const feature = defineFeature({
  name: 'organisationAdmin',
  needs: ['assignments'],
  build: (ctx) => {
    const core = new OrganisationAdminCore(
      ctx.contexts,
      ctx.repository(OrganisationRepository),
      ctx.need('assignments').assignments,
      ctx.options.identity ?? recordsOnlyDirectory,
      ctx.repository(IdempotencyRepository),
    );
    return {
      organisationAdmin: new OrganisationAdminService(core, {
        staff: new OrganisationStaff(core),
        structure: new OrganisationStructure(core),
        proposals: new OrganisationProposals(core),
      }),
    };
  },
});
