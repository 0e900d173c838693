import { createRoute } from '@hono/zod-openapi';
import type { AppDeps } from '../context.js';
import { createRouter } from '../router.js';
import { authenticatedProblems, bearerSecurity as security, jsonResponse as ok, problemResponses } from '../schemas/common.js';
import { AbsenceCalendarSchema, AbsencesQuery } from '../schemas/leave.js';

const absences = createRoute({
  method: 'get',
  path: '/absences',
  tags: ['Leave'],
  summary: 'Who in a unit is away between two dates (approved and reported leave), and who holds an absent leader’s authority (A2, A4)',
  security,
  request: { query: AbsencesQuery },
  responses: {
    200: ok(AbsenceCalendarSchema, 'The unit’s absences'),
    ...authenticatedProblems,
    404: problemResponses.problem('No such unit, or its calendar is not visible to the caller'),
  },
});

export function absenceRoutes(deps: AppDeps) {
  return createRouter().openapi(absences, async (c) => {
    const q = c.req.valid('query');
    return c.json(
      (await deps.services.leave.absences(c.get('actor'), { unitId: q.unitId, ...(q.from ? { from: q.from } : {}), ...(q.to ? { to: q.to } : {}) }, c.get('now'))),
      200,
    );
  });
}
