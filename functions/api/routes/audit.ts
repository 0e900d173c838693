import { createRoute, z } from '@hono/zod-openapi';
import type { AppDeps } from '../context.js';
import { paginate } from '../pagination.js';
import { createRouter } from '../router.js';
import { AuditEventSchema } from '../schemas/assignment.js';
import { IdSchema, authenticatedProblems, bearerSecurity, jsonResponse, pageOf, problemResponses } from '../schemas/common.js';

const audit = createRoute({
  method: 'get',
  path: '/audit',
  tags: ['Audit'],
  summary: 'The append-only record of every change to an entity (assignment, delegation, staff.<id>, unit.<id>, …)',
  security: bearerSecurity,
  request: {
    query: z
      .object({ entityId: IdSchema, limit: z.coerce.number().int().min(1).max(100).default(50), cursor: z.string().max(2048).optional() })
      .strict(),
  },
  responses: {
    200: jsonResponse(pageOf(AuditEventSchema), 'Events, oldest first'),
    ...authenticatedProblems,
    404: problemResponses.problem('No such entity, or not visible to the caller'),
  },
});

export function auditRoutes(deps: AppDeps) {
  return createRouter().openapi(audit, async (c) => {
    const q = c.req.valid('query');
    return c.json((await paginate(deps, c, q, (cursor) => deps.services.audit.history(c.get('actor'), q.entityId, q.limit, cursor))), 200);
  });
}
