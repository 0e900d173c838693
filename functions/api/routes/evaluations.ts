/** The evaluation cycle (issue #23; E1–E6, Điều 24): the dossier, the list of a period, the steps. */
import { createRoute } from '@hono/zod-openapi';
import type { AppDeps } from '../context.js';
import { createRouter } from '../router.js';
import {
  IdempotencyHeaders,
  declaredStatus,
  IfMatchHeaders,
  authenticatedProblems,
  bearerSecurity as security,
  jsonBody as json,
  jsonResponse as ok,
  parseIfMatch,
  problemResponses,
} from '../schemas/common.js';
import { DossierSchema, EvaluationListQuery, EvaluationListSchema, EvaluationParams, EvaluationSchema, EvaluationStepBody, EvaluationStepParams } from '../schemas/evaluation.js';

const tags = ['Evaluation'];
const notFound = problemResponses.problem('No such person rated, or their evaluation is not visible to the caller');

const list = createRoute({
  method: 'get',
  path: '/evaluations',
  tags,
  summary: 'The people rated for a period and where each evaluation stands: the board sees all, a head their unit, anyone else themselves',
  security,
  request: { query: EvaluationListQuery },
  responses: { 200: ok(EvaluationListSchema, 'The list'), ...authenticatedProblems },
});

const dossier = createRoute({
  method: 'get',
  path: '/evaluations/{staffId}/{period}',
  tags,
  summary: 'A person’s dossier for a month or a year: the figures with their records, the suggested level with the figures behind it, the steps and their deadlines',
  security,
  request: { params: EvaluationParams },
  responses: { 200: ok(DossierSchema, 'The dossier'), ...authenticatedProblems, 404: notFound },
});

const step = createRoute({
  method: 'post',
  path: '/evaluations/{staffId}/{period}/{step}',
  tags,
  summary: 'Take a step: self-assessment (the person), head-comment (the unit head), board-review (heads and deputies, Điều 3.2), director-decision (the director or the deputy holding the director’s authority), publication',
  security,
  request: { params: EvaluationStepParams, body: json(EvaluationStepBody), headers: IdempotencyHeaders.merge(IfMatchHeaders) },
  responses: {
    200: ok(EvaluationSchema, 'The evaluation after the step'),
    201: ok(EvaluationSchema, 'The evaluation, created by its first step'),
    ...authenticatedProblems,
    404: notFound,
    412: problemResponses.problem('If-Match named a stale version'),
    422: problemResponses.problem('Idempotency-Key reused with another body'),
  },
});

export function evaluationRoutes(deps: AppDeps) {
  const service = deps.services.evaluations;
  return createRouter()
    .openapi(list, async (c) => {
      const q = c.req.valid('query');
      return c.json(await service.list(c.get('actor'), q.period, c.get('now'), q.unitId), 200);
    })
    .openapi(dossier, async (c) => {
      const p = c.req.valid('param');
      return c.json(await service.dossier(c.get('actor'), p.staffId, p.period, c.get('now')), 200);
    })
    .openapi(step, async (c) => {
      const p = c.req.valid('param');
      const headers = c.req.valid('header');
      const ifMatch = parseIfMatch(headers['if-match']);
      const key = headers['idempotency-key'];
      const result = await service.takeStep(c.get('actor'), p.staffId, p.period, p.step, c.req.valid('json'), c.get('now'), {
        ...(ifMatch !== undefined ? { ifMatch } : {}),
        ...(key ? { idempotencyKey: key } : {}),
      });
      if (result.replayed) c.header('idempotent-replayed', 'true');
      c.header('etag', `"${result.body.version}"`);
      return c.json(result.body, declaredStatus(result.status, [200, 201] as const));
    });
}
