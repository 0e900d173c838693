import { createRoute } from '@hono/zod-openapi';
import type { AppDeps } from '../context.js';
import { paginate } from '../pagination.js';
import { createRouter } from '../router.js';
import {
  IdParam,
  IfMatchHeaders,
  authenticatedProblems,
  bearerSecurity as security,
  jsonBody as json,
  jsonResponse as ok,
  pageOf,
  parseIfMatch,
  problemResponses,
} from '../schemas/common.js';
import { FindingSchema, ListFindingsQuery, ResolveBody } from '../schemas/finding.js';

const tags = ['Compliance'];
const notFound = { 404: problemResponses.problem('No such finding, or not visible to the caller') };

const list = createRoute({
  method: 'get',
  path: '/findings',
  tags,
  summary: 'Compliance findings the caller may see (the director and the chief inspector all, a head their unit’s, anyone their own)',
  security,
  request: { query: ListFindingsQuery },
  responses: { 200: ok(pageOf(FindingSchema), 'One page'), ...authenticatedProblems },
});

const get = createRoute({
  method: 'get',
  path: '/findings/{id}',
  tags,
  summary: 'One finding',
  security,
  request: { params: IdParam },
  responses: { 200: ok(FindingSchema, 'The finding'), ...authenticatedProblems, ...notFound },
});

const resolve = createRoute({
  method: 'post',
  path: '/findings/{id}/resolve',
  tags,
  summary: 'The director, the chief inspector or the subject’s superior resolves a finding, with a note; it stays on record',
  security,
  request: { params: IdParam, body: json(ResolveBody), headers: IfMatchHeaders },
  responses: {
    200: ok(FindingSchema, 'The finding, resolved'),
    ...authenticatedProblems,
    ...notFound,
    409: problemResponses.problem('Already resolved'),
    412: problemResponses.problem('If-Match named a stale version'),
  },
});

export function findingRoutes(deps: AppDeps) {
  const service = deps.services.compliance;
  return createRouter()
    .openapi(list, async (c) => {
      const q = c.req.valid('query');
      const result = await paginate(deps, c, q, (cursor) =>
        service.list(c.get('actor'), {
          ...(q.rule ? { rule: q.rule } : {}),
          ...(q.subjectId ? { subjectId: q.subjectId } : {}),
          ...(q.unitId ? { unitId: q.unitId } : {}),
          ...(q.period ? { period: q.period } : {}),
          ...(q.open === 'true' ? { open: true } : {}),
          limit: q.limit,
          ...(cursor ? { cursor } : {}),
        }),
      );
      return c.json(result, 200);
    })
    .openapi(get, async (c) => c.json((await service.get(c.get('actor'), c.req.valid('param').id)), 200))
    .openapi(resolve, async (c) =>
      c.json(
        (await service.resolve(c.get('actor'), c.req.valid('param').id, c.req.valid('json'), c.get('now'), parseIfMatch(c.req.valid('header')['if-match']))),
        200,
      ),
    );
}
