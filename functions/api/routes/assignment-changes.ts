/** The changes to assignments (POST): created, progressed, completed, returned, cancelled, accepted, extended. The reads are routes/assignments.ts. */
import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppDeps, AppEnv } from '../context.js';
import { createRouter } from '../router.js';
import { AssignmentSchema, assignmentProblems as mutationProblems } from '../schemas/assignment.js';
import {
  AcceptBody,
  CompleteBody,
  CreateAssignmentBody,
  ExtensionDecisionBody,
  ExtensionRequestBody,
  ProgressBody,
  ReasonBody,
} from '../schemas/assignment-changes.js';
import {
  IdParam,
  IdSchema,
  IdempotencyHeaders,
  IfMatchHeaders,
  authenticatedProblems,
  bearerSecurity as security,
  jsonBody as json,
  jsonResponse as ok,
  parseIfMatch,
  problemResponses,
} from '../schemas/common.js';

const create = createRoute({
  method: 'post',
  path: '/assignments',
  tags: ['Assignments'],
  summary: 'A leader assigns work (A1–A4); 403 and nothing written without authority',
  security,
  request: { body: json(CreateAssignmentBody), headers: IdempotencyHeaders },
  responses: {
    201: ok(AssignmentSchema, 'The assignment as stored'),
    ...authenticatedProblems,
    422: problemResponses.problem('Idempotency-Key reused with another body, or a unit without a head'),
  },
});

const action = <B extends z.ZodTypeAny>(path: string, summary: string, body: B) =>
  createRoute({
    method: 'post',
    path: `/assignments/{id}/${path}`,
    tags: ['Assignments'],
    summary,
    security,
    request: { params: IdParam, body: json(body), headers: IfMatchHeaders },
    responses: { 200: ok(AssignmentSchema, 'The assignment after the change'), ...mutationProblems },
  });

const progress = action('progress', 'The assignee records progress', ProgressBody);
const complete = action('complete', 'The assignee completes it; completedOnTime says how', CompleteBody);
const returnRoute = action('return', 'The assigner returns completed work for rework (reopens it)', ReasonBody);
const cancel = action('cancel', 'The assigner cancels it, with a reason', ReasonBody);
const accept = action(
  'accept',
  'Acceptance (nghiệm thu): whoever may return completed work confirms it; timeliness still counts from the completion',
  AcceptBody,
);
const extension = createRoute({
  method: 'post',
  path: '/assignments/{id}/extension-requests',
  tags: ['Assignments'],
  summary: 'The assignee asks for a later due date, with a reason (Điều 10.1)',
  security,
  request: { params: IdParam, body: json(ExtensionRequestBody), headers: IfMatchHeaders },
  responses: { 201: ok(AssignmentSchema, 'The assignment with the pending request'), ...mutationProblems },
});
const decision = createRoute({
  method: 'post',
  path: '/assignments/{id}/extension-requests/{requestId}/decision',
  tags: ['Assignments'],
  summary: 'The assigner or their superior approves or refuses an extension',
  security,
  request: {
    params: IdParam.extend({ requestId: IdSchema.openapi({ param: { name: 'requestId', in: 'path' } }) }),
    body: json(ExtensionDecisionBody),
    headers: IfMatchHeaders,
  },
  responses: { 200: ok(AssignmentSchema, 'The assignment after the decision'), ...mutationProblems },
});
const requestParams = IdParam.extend({ requestId: IdSchema.openapi({ param: { name: 'requestId', in: 'path' } }) });
const withdraw = createRoute({
  method: 'post',
  path: '/assignments/{id}/extension-requests/{requestId}/withdraw',
  tags: ['Assignments'],
  summary: 'The assignee withdraws a pending extension request',
  security,
  request: { params: requestParams, headers: IfMatchHeaders },
  responses: { 200: ok(AssignmentSchema, 'The assignment with the request withdrawn'), ...mutationProblems },
});

/** The arguments every change to one assignment takes: who, which, what, when, and If-Match (all validated by the route). */
const mutation = <B>(c: Context<AppEnv>, body: B) =>
  [c.get('actor'), c.req.param('id')!, body, c.get('now'), parseIfMatch(c.req.header('if-match'))] as const;

export function assignmentChangeRoutes(deps: AppDeps) {
  const service = deps.services.assignments;
  return createRouter()
    .openapi(create, async (c) => {
      const result = await service.create(c.get('actor'), c.req.valid('json'), c.get('now'), c.req.valid('header')['idempotency-key']);
      if (result.replayed) c.header('idempotent-replayed', 'true');
      return c.json(result.body, 201);
    })
    .openapi(progress, async (c) => c.json((await service.progress(...mutation(c, c.req.valid('json')))), 200))
    .openapi(complete, async (c) => c.json((await service.complete(...mutation(c, c.req.valid('json')))), 200))
    .openapi(returnRoute, async (c) => c.json((await service.returnForRework(...mutation(c, c.req.valid('json')))), 200))
    .openapi(cancel, async (c) => c.json((await service.cancel(...mutation(c, c.req.valid('json')))), 200))
    .openapi(accept, async (c) => c.json((await service.accept(...mutation(c, c.req.valid('json')))), 200))
    .openapi(withdraw, async (c) => {
      const { id, requestId } = c.req.valid('param');
      return c.json((await service.withdrawExtension(c.get('actor'), id, requestId, c.get('now'), parseIfMatch(c.req.valid('header')['if-match']))), 200);
    })
    .openapi(extension, async (c) => c.json((await service.requestExtension(...mutation(c, c.req.valid('json')))), 201))
    .openapi(decision, async (c) => {
      const { id, requestId } = c.req.valid('param');
      const body = c.req.valid('json');
      return c.json(
        (await service.decideExtension(
          c.get('actor'),
          id,
          requestId,
          { approve: body.approve, ...(body.note ? { note: body.note } : {}) },
          c.get('now'),
          parseIfMatch(c.req.valid('header')['if-match']),
        )),
        200,
      );
    });
}
