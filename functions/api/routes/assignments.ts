/**
 * The assignments read (GET): the list ("Việc của tôi", `GET /v1/assignments`) and one with its
 * history. The changes are routes/assignment-changes.ts, a group of their own, so a cold start
 * answering a GET builds none of their request schemas (issue #20).
 */
import type { AppDeps } from '../context.js';
import { createRoute } from '@hono/zod-openapi';
import { paginate } from '../pagination.js';
import { createRouter } from '../router.js';
import { AssignmentSchema, AssignmentWithHistorySchema, ListAssignmentsQuery, assignmentProblems } from '../schemas/assignment.js';
import { IdParam, authenticatedProblems, bearerSecurity as security, jsonResponse as ok, pageOf } from '../schemas/common.js';

const list = createRoute({
  method: 'get',
  path: '/assignments',
  tags: ['Assignments'],
  summary: 'Assignments the caller may see, by assignee, unit, status, overdue, due range, source kind',
  security,
  request: { query: ListAssignmentsQuery },
  responses: {
    200: ok(pageOf(AssignmentSchema), 'One page'),
    ...authenticatedProblems,
  },
});

const get = createRoute({
  method: 'get',
  path: '/assignments/{id}',
  tags: ['Assignments'],
  summary: 'The assignment with its full history',
  security,
  request: { params: IdParam },
  responses: { 200: ok(AssignmentWithHistorySchema, 'The assignment'), ...assignmentProblems },
});

export function assignmentRoutes(deps: AppDeps) {
  const service = deps.services.assignments;
  return createRouter()
    .openapi(list, async (c) => {
      const q = c.req.valid('query');
      const result = await paginate(deps, c, q, (cursor) =>
        service.list(
          c.get('actor'),
          {
            ...(q.assigneeId ? { assigneeId: q.assigneeId } : {}),
            ...(q.unitId ? { unitId: q.unitId } : {}),
            ...(q.status ? { status: q.status } : {}),
            ...(q.overdue === 'true' ? { overdue: true } : {}),
            ...(q.dueBefore ? { dueBefore: q.dueBefore } : {}),
            ...(q.dueAfter ? { dueAfter: q.dueAfter } : {}),
            ...(q.sourceKind ? { sourceKind: q.sourceKind } : {}),
            limit: q.limit,
            ...(cursor ? { cursor } : {}),
          },
          c.get('now'),
        ),
      );
      return c.json(result, 200);
    })
    .openapi(get, async (c) => c.json((await service.get(c.get('actor'), c.req.valid('param').id, c.get('now'))), 200));
}
