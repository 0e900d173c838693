import { createRoute, z } from '@hono/zod-openapi';
import type { AppDeps } from '../context.js';
import { createRouter } from '../router.js';
import { ListVisitsQuery, RecordVisitBody, VisitSchema } from '../schemas/calendar.js';
import {
  IdParam,
  IdempotencyHeaders,
  authenticatedProblems,
  bearerSecurity as security,
  jsonBody as json,
  jsonResponse as ok,
  problemResponses,
} from '../schemas/common.js';

const tags = ['Delegation visits'];

const record = createRoute({
  method: 'post',
  path: '/visits',
  tags,
  summary: 'The Office records a delegation the director decided to receive, its hosts and the units preparing content; each preparation becomes an assignment (Điều 17)',
  security,
  request: { body: json(RecordVisitBody), headers: IdempotencyHeaders },
  responses: {
    201: ok(VisitSchema, 'The visit and its preparations'),
    ...authenticatedProblems,
    422: problemResponses.problem('Idempotency-Key reused with another body, or the rulebook has no section on visits'),
  },
});

const list = createRoute({
  method: 'get',
  path: '/visits',
  tags,
  summary: 'Visits under way at some point between two dates',
  security,
  request: { query: ListVisitsQuery },
  responses: { 200: ok(z.object({ items: z.array(VisitSchema) }), 'The visits'), ...authenticatedProblems },
});

const get = createRoute({
  method: 'get',
  path: '/visits/{id}',
  tags,
  summary: 'A visit with its preparations (live status) and history',
  security,
  request: { params: IdParam },
  responses: { 200: ok(VisitSchema, 'The visit'), ...authenticatedProblems, 404: problemResponses.problem('No such visit') },
});

export function visitRoutes(deps: AppDeps) {
  const service = deps.services.visits;
  return createRouter()
    .openapi(record, async (c) => {
      const result = await service.record(c.get('actor'), c.req.valid('json'), c.get('now'), c.req.valid('header')['idempotency-key']);
      if (result.replayed) c.header('idempotent-replayed', 'true');
      return c.json(result.body, 201);
    })
    .openapi(list, async (c) => {
      const q = c.req.valid('query');
      return c.json((await service.list(c.get('actor'), { start: q.from, end: q.to }, c.get('now'))), 200);
    })
    .openapi(get, async (c) => c.json((await service.get(c.get('actor'), c.req.valid('param').id, c.get('now'))), 200));
}
