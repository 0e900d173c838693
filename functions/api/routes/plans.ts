import { createRoute, z } from '@hono/zod-openapi';
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
  pageOf,
  parseIfMatch,
  problemResponses,
} from '../schemas/common.js';
import { ListPlansQuery, PlanApproveBody, ReportSchema, ReportWithRevisionsSchema, ReturnBody, SubmitPlanBody } from '../schemas/report.js';

const tags = ['Plans'];
const notVisible = { 404: problemResponses.problem('No such plan or unit, or not visible to the caller') };
const decisionProblems = {
  ...authenticatedProblems,
  ...notVisible,
  409: problemResponses.problem('The latest revision was already decided, or a plan the board discusses first (A5, Điều 3.2) names no board matter of its category with the board’s discussion on record (`errors` names body.boardMatterId)'),
  412: problemResponses.problem('If-Match named a stale version'),
};

const submit = createRoute({
  method: 'post',
  path: '/plans',
  tags,
  summary: 'A unit’s head submits its plan for a period (P2); a change to an approved plan needs a reason and a new approval',
  security,
  request: { body: json(SubmitPlanBody), headers: z.object({ ...IdempotencyHeaders.shape, ...IfMatchHeaders.shape }) },
  responses: {
    201: ok(ReportSchema, 'The plan, awaiting approval'),
    ...authenticatedProblems,
    412: problemResponses.problem('If-Match named a stale version'),
    422: problemResponses.problem('Idempotency-Key reused with another body'),
  },
});

const list = createRoute({
  method: 'get',
  path: '/plans',
  tags,
  summary: 'Plans of a unit (or every unit, for the board), by due date',
  security,
  request: { query: ListPlansQuery },
  responses: { 200: ok(pageOf(ReportSchema), 'One page'), ...authenticatedProblems, ...notVisible },
});

const get = createRoute({
  method: 'get',
  path: '/plans/{id}',
  tags,
  summary: 'A plan with every revision (the approved one in force, earlier ones superseded) and its history',
  security,
  request: { params: IdParam },
  responses: { 200: ok(ReportWithRevisionsSchema, 'The plan'), ...authenticatedProblems, ...notVisible },
});

const approve = createRoute({
  method: 'post',
  path: '/plans/{id}/approve',
  tags,
  summary: 'The director or the deputy director overseeing the unit approves the latest revision (P2)',
  security,
  request: { params: IdParam, body: json(PlanApproveBody), headers: IfMatchHeaders },
  responses: { 200: ok(ReportSchema, 'The plan after the decision'), ...decisionProblems },
});

const returnRoute = createRoute({
  method: 'post',
  path: '/plans/{id}/return',
  tags,
  summary: 'The director or the overseeing deputy returns the latest revision with a comment; an approved revision stays in force',
  security,
  request: { params: IdParam, body: json(ReturnBody), headers: IfMatchHeaders },
  responses: { 200: ok(ReportSchema, 'The plan after the decision'), ...decisionProblems },
});

export function planRoutes(deps: AppDeps) {
  const service = deps.services.plans;
  return createRouter()
    .openapi(submit, async (c) => {
      const headers = c.req.valid('header');
      const ifMatch = parseIfMatch(headers['if-match']);
      const result = await service.submit(c.get('actor'), c.req.valid('json'), c.get('now'), {
        ...(headers['idempotency-key'] ? { idempotencyKey: headers['idempotency-key'] } : {}),
        ...(ifMatch !== undefined ? { ifMatch } : {}),
      });
      if (result.replayed) c.header('idempotent-replayed', 'true');
      return c.json(result.body, 201);
    })
    .openapi(list, async (c) => {
      const q = c.req.valid('query');
      const page = await paginate(deps, c, q, (cursor) =>
        service.list(c.get('actor'), {
          ...(q.unitId ? { unitId: q.unitId } : {}),
          ...(q.period ? { period: q.period } : {}),
          limit: q.limit,
          ...(cursor ? { cursor } : {}),
        }),
      );
      return c.json(page, 200);
    })
    .openapi(get, async (c) => c.json((await service.get(c.get('actor'), c.req.valid('param').id)), 200))
    .openapi(approve, async (c) =>
      c.json(
        (await service.approve(c.get('actor'), c.req.valid('param').id, c.req.valid('json'), c.get('now'), parseIfMatch(c.req.valid('header')['if-match']))),
        200,
      ),
    )
    .openapi(returnRoute, async (c) =>
      c.json(
        (await service.returnToHead(c.get('actor'), c.req.valid('param').id, c.req.valid('json'), c.get('now'), parseIfMatch(c.req.valid('header')['if-match']))),
        200,
      ),
    );
}
