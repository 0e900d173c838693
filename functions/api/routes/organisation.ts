import { createRoute } from '@hono/zod-openapi';
import type { AppDeps } from '../context.js';
import { createRouter } from '../router.js';
import { authenticatedProblems } from '../schemas/common.js';
import { OrganisationSchema } from '../schemas/organisation.js';

const getOrganisation = createRoute({
  method: 'get',
  path: '/org',
  tags: ['Organisation'],
  summary: 'The organisation: units, staff, leaders’ portfolios and districts',
  security: [{ bearerAuth: [] }],
  responses: {
    200: { description: 'The caller’s organisation', content: { 'application/json': { schema: OrganisationSchema } } },
    ...authenticatedProblems,
  },
});

export function organisationRoutes(deps: AppDeps) {
  return createRouter().openapi(getOrganisation, async (c) =>
    c.json(await deps.organisations.getOrganisationView(c.get('actor'), c.get('now')), 200),
  );
}
