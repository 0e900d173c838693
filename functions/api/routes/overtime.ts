import { createRoute } from '@hono/zod-openapi';
import type { AppDeps } from '../context.js';
import { paginate } from '../pagination.js';
import { createRouter } from '../router.js';
import {
  IdParam,
  IdempotencyHeaders,
  IfMatchHeaders,
  authenticatedProblems,
  bearerSecurity as security,
  jsonBody as json,
  jsonResponse as ok,
  parseIfMatch,
  problemResponses,
} from '../schemas/common.js';
import { AcknowledgeBody, CreateOvertimeBody, ListOvertimeQuery, OvertimeListSchema, OvertimeSchema, OvertimeWithHistorySchema } from '../schemas/overtime.js';

const tags = ['Working time'];
const notFound = problemResponses.problem('No such overtime notice, or not visible to the caller');

const create = createRoute({
  method: 'post',
  path: '/overtime',
  tags,
  summary: 'Notify the chief of office of overtime or weekend work (W1, Điều 19.1)',
  security,
  request: { body: json(CreateOvertimeBody), headers: IdempotencyHeaders },
  responses: { 201: ok(OvertimeSchema, 'The notice'), ...authenticatedProblems, 422: problemResponses.problem('Idempotency-Key reused with another body') },
});

const list = createRoute({
  method: 'get',
  path: '/overtime',
  tags,
  summary: 'Overtime notices of a month: a unit’s, a person’s, or (chief of office) everyone’s; otherwise the caller’s own',
  security,
  request: { query: ListOvertimeQuery },
  responses: { 200: ok(OvertimeListSchema, 'One page'), ...authenticatedProblems },
});

const get = createRoute({
  method: 'get',
  path: '/overtime/{id}',
  tags,
  summary: 'An overtime notice with its history',
  security,
  request: { params: IdParam },
  responses: { 200: ok(OvertimeWithHistorySchema, 'The notice'), ...authenticatedProblems, 404: notFound },
});

const acknowledge = createRoute({
  method: 'post',
  path: '/overtime/{id}/acknowledge',
  tags,
  summary: 'The chief of office acknowledges a notice',
  security,
  request: { params: IdParam, body: json(AcknowledgeBody), headers: IfMatchHeaders },
  responses: {
    200: ok(OvertimeSchema, 'The acknowledged notice'),
    ...authenticatedProblems,
    404: notFound,
    409: problemResponses.problem('Already acknowledged'),
    412: problemResponses.problem('If-Match named a stale version'),
  },
});

export function overtimeRoutes(deps: AppDeps) {
  const service = deps.services.overtime;
  return createRouter()
    .openapi(create, async (c) => {
      const result = await service.create(c.get('actor'), c.req.valid('json'), c.get('now'), c.req.valid('header')['idempotency-key']);
      if (result.replayed) c.header('idempotent-replayed', 'true');
      return c.json(result.body, 201);
    })
    .openapi(list, async (c) => {
      const query = c.req.valid('query');
      const { limit, cursor: _sealed, ...q } = query;
      const filters = Object.fromEntries(Object.entries(q).filter(([, v]) => v !== undefined));
      const page = await paginate(deps, c, query, (cursor) => service.list(c.get('actor'), { ...filters, limit, ...(cursor ? { cursor } : {}) }, c.get('now')));
      return c.json(page, 200);
    })
    .openapi(get, async (c) => c.json((await service.get(c.get('actor'), c.req.valid('param').id)), 200))
    .openapi(acknowledge, async (c) =>
      c.json(
        (await service.acknowledge(c.get('actor'), c.req.valid('param').id, c.req.valid('json').note, c.get('now'), parseIfMatch(c.req.valid('header')['if-match']))),
        200,
      ),
    );
}
