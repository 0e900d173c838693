import { createRoute, z } from '@hono/zod-openapi';
import type { AppDeps } from '../context.js';
import { paginate } from '../pagination.js';
import { createRouter } from '../router.js';
import {
  IfMatchHeaders,
  authenticatedProblems,
  bearerSecurity as security,
  jsonResponse as ok,
  pageOf,
  parseIfMatch,
  problemResponses,
} from '../schemas/common.js';
import { DeliverySchema } from '../schemas/document.js';

const DeliveryIdParam = z.object({
  id: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/, 'must be a delivery id')
    .openapi({ param: { name: 'id', in: 'path' } }),
});

const list = createRoute({
  method: 'get',
  path: '/admin/eoffice/deliveries',
  tags: ['E-office integration'],
  summary: 'Callbacks to the e-office by state (failed by default): director, chief of office and administrators',
  security,
  request: {
    query: z
      .object({
        state: z.enum(['failed', 'pending', 'delivered']).default('failed'),
        limit: z.coerce.number().int().min(1).max(100).default(50),
        cursor: z.string().max(2048).optional(),
      })
      .strict(),
  },
  responses: { 200: ok(pageOf(DeliverySchema), 'One page'), ...authenticatedProblems },
});

const get = createRoute({
  method: 'get',
  path: '/admin/eoffice/deliveries/{id}',
  tags: ['E-office integration'],
  summary: 'One callback with every attempt',
  security,
  request: { params: DeliveryIdParam },
  responses: { 200: ok(DeliverySchema, 'The delivery'), ...authenticatedProblems, 404: problemResponses.problem('No such delivery') },
});

const retry = createRoute({
  method: 'post',
  path: '/admin/eoffice/deliveries/{id}/retry',
  tags: ['E-office integration'],
  summary: 'Send a failed callback again: a fresh round of attempts, due now (recorded in its history)',
  security,
  request: { params: DeliveryIdParam, headers: IfMatchHeaders },
  responses: {
    200: ok(DeliverySchema, 'The delivery, pending again'),
    ...authenticatedProblems,
    404: problemResponses.problem('No such delivery'),
    409: problemResponses.problem('The delivery has not failed'),
    412: problemResponses.problem('If-Match named a stale version'),
  },
});

export function eofficeAdminRoutes(deps: AppDeps) {
  const dispatcher = deps.services.eoffice;
  return createRouter()
    .openapi(list, async (c) => {
      const q = c.req.valid('query');
      return c.json((await paginate(deps, c, q, (cursor) => dispatcher.list(c.get('actor'), q.state, q.limit, cursor))), 200);
    })
    .openapi(get, async (c) => c.json((await dispatcher.get(c.get('actor'), c.req.valid('param').id)), 200))
    .openapi(retry, async (c) =>
      c.json(
        (await dispatcher.retry(c.get('actor'), c.req.valid('param').id, c.get('now'), parseIfMatch(c.req.valid('header')['if-match']))),
        200,
      ),
    );
}
