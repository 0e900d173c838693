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
  parseIfMatch,
  problemResponses,
} from '../schemas/common.js';
import { ObligationListSchema, ObligationsQuery, ReportSchema, ReportWithRevisionsSchema, ReturnBody, ReviewBody, SubmitReportBody } from '../schemas/report.js';

const tags = ['Reports'];
const notVisible = { 404: problemResponses.problem('No such report, person or unit, or not visible to the caller') };
const reviewProblems = {
  ...authenticatedProblems,
  ...notVisible,
  409: problemResponses.problem('The latest revision was already answered, or a plan (approve it instead)'),
  412: problemResponses.problem('If-Match named a stale version'),
};

const obligations = createRoute({
  method: 'get',
  path: '/reports/obligations',
  tags,
  summary: 'What a person or unit owes for a period, from the rulebook: each obligation’s deadline and status (pending, submitted, late, missing)',
  security,
  request: { query: ObligationsQuery },
  responses: { 200: ok(ObligationListSchema, 'The obligations, by due instant'), ...authenticatedProblems, ...notVisible },
});

const submit = createRoute({
  method: 'post',
  path: '/reports',
  tags,
  summary: 'Submits a report, stamped with the server’s time; a resubmission adds a revision and keeps the earlier ones',
  security,
  request: { body: json(SubmitReportBody), headers: z.object({ ...IdempotencyHeaders.shape, ...IfMatchHeaders.shape }) },
  responses: {
    201: ok(ReportSchema, 'The report; `late` tells whether this submission came after the deadline'),
    ...authenticatedProblems,
    412: problemResponses.problem('If-Match named a stale version'),
    422: problemResponses.problem('Idempotency-Key reused with another body'),
  },
});

const get = createRoute({
  method: 'get',
  path: '/reports/{id}',
  tags,
  summary: 'A report with every revision and its history',
  security,
  request: { params: IdParam },
  responses: { 200: ok(ReportWithRevisionsSchema, 'The report'), ...authenticatedProblems, ...notVisible },
});

const acknowledge = createRoute({
  method: 'post',
  path: '/reports/{id}/acknowledge',
  tags,
  summary: 'A recipient acknowledges the latest revision',
  security,
  request: { params: IdParam, body: json(ReviewBody), headers: IfMatchHeaders },
  responses: { 200: ok(ReportSchema, 'The report after the answer'), ...reviewProblems },
});

const returnRoute = createRoute({
  method: 'post',
  path: '/reports/{id}/return',
  tags,
  summary: 'A recipient returns the latest revision with a comment; the author is notified',
  security,
  request: { params: IdParam, body: json(ReturnBody), headers: IfMatchHeaders },
  responses: { 200: ok(ReportSchema, 'The report after the answer'), ...reviewProblems },
});

export function reportRoutes(deps: AppDeps) {
  const service = deps.services.reports;
  return createRouter()
    .openapi(obligations, async (c) => {
      const q = c.req.valid('query');
      const result = await paginate(deps, c, q, (cursor) =>
        service.obligations(
          c.get('actor'),
          {
            period: q.period,
            ...(q.staffId ? { staffId: q.staffId } : {}),
            ...(q.unitId ? { unitId: q.unitId } : {}),
            subPeriods: q.subPeriods === 'true',
            limit: q.limit,
            ...(cursor ? { cursor } : {}),
          },
          c.get('now'),
        ),
      );
      return c.json(result, 200);
    })
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
    .openapi(get, async (c) => c.json((await service.get(c.get('actor'), c.req.valid('param').id)), 200))
    .openapi(acknowledge, async (c) =>
      c.json(
        (await service.acknowledge(c.get('actor'), c.req.valid('param').id, c.req.valid('json'), c.get('now'), parseIfMatch(c.req.valid('header')['if-match']))),
        200,
      ),
    )
    .openapi(returnRoute, async (c) =>
      c.json(
        (await service.returnToAuthor(c.get('actor'), c.req.valid('param').id, c.req.valid('json'), c.get('now'), parseIfMatch(c.req.valid('header')['if-match']))),
        200,
      ),
    );
}
