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
  pageOf,
  parseIfMatch,
  problemResponses,
} from '../schemas/common.js';
import { DraftOutgoingBody, ListOutgoingQuery, OutgoingDocumentSchema, OutgoingStepBody, OutgoingWithHistorySchema, toStepInput } from '../schemas/outgoing-document.js';

const tags = ['Outgoing documents'];
const notFound = problemResponses.problem('No such outgoing document, or not visible to the caller (D2)');

const draft = createRoute({
  method: 'post',
  path: '/outgoing-documents',
  tags,
  summary: 'Draft an outgoing document; the head of the drafting unit vets it next (D5, Điều 13.1)',
  security,
  request: { body: json(DraftOutgoingBody), headers: IdempotencyHeaders },
  responses: { 201: ok(OutgoingDocumentSchema, 'The draft'), ...authenticatedProblems, 422: problemResponses.problem('Idempotency-Key reused with another body, or the unit has no head') },
});

const list = createRoute({
  method: 'get',
  path: '/outgoing-documents',
  tags,
  summary: 'Outgoing documents whose current step is the caller’s (`view=mine`), or a register (`general`, `confidential`, D2)',
  security,
  request: { query: ListOutgoingQuery },
  responses: { 200: ok(pageOf(OutgoingDocumentSchema), 'One page'), ...authenticatedProblems },
});

const get = createRoute({
  method: 'get',
  path: '/outgoing-documents/{id}',
  tags,
  summary: 'An outgoing document with its history',
  security,
  request: { params: IdParam },
  responses: { 200: ok(OutgoingWithHistorySchema, 'The document'), ...authenticatedProblems, 404: notFound },
});

const step = createRoute({
  method: 'post',
  path: '/outgoing-documents/{id}/steps',
  tags,
  summary: 'Take the next step: vet, submit, check-form, sign, number, seal, send, file, or return to the proposing head (D4, D5)',
  security,
  request: { params: IdParam, body: json(OutgoingStepBody), headers: IdempotencyHeaders.merge(IfMatchHeaders) },
  responses: {
    200: ok(OutgoingDocumentSchema, 'The document after the step'),
    ...authenticatedProblems,
    404: notFound,
    409: problemResponses.problem('The step is out of order, or the seal is refused under a signature outside authority (D4)'),
    412: problemResponses.problem('If-Match named a stale version'),
    422: problemResponses.problem('Idempotency-Key reused with another body'),
  },
});

export function outgoingDocumentRoutes(deps: AppDeps) {
  const service = deps.services.outgoingDocuments;
  return createRouter()
    .openapi(draft, async (c) => {
      const result = await service.draft(c.get('actor'), c.req.valid('json'), c.get('now'), c.req.valid('header')['idempotency-key']);
      if (result.replayed) c.header('idempotent-replayed', 'true');
      return c.json(result.body, 201);
    })
    .openapi(list, async (c) => {
      const q = c.req.valid('query');
      const page = await paginate(deps, c, q, (cursor) => service.list(c.get('actor'), { view: q.view, limit: q.limit, ...(cursor ? { cursor } : {}) }, c.get('now')));
      return c.json(page, 200);
    })
    .openapi(get, async (c) => c.json((await service.get(c.get('actor'), c.req.valid('param').id, c.get('now'))), 200))
    .openapi(step, async (c) => {
      const headers = c.req.valid('header');
      const result = await service.step(c.get('actor'), c.req.valid('param').id, toStepInput(c.req.valid('json')), c.get('now'), headers['idempotency-key'], parseIfMatch(headers['if-match']));
      if (result.replayed) c.header('idempotent-replayed', 'true');
      return c.json(result.body, 200);
    });
}
