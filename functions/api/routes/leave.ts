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
import {
  BalanceParams,
  BalanceQuery,
  CarryOverBody,
  CreateLeaveBody,
  EntitlementBody,
  LeaveBalanceSchema,
  LeaveDecisionBody,
  LeaveRequestSchema,
  LeaveRequestWithHistorySchema,
  ListLeaveQuery,
  RequestToDelegateSchema,
  RequestsToDelegateQuery,
  WithdrawBody,
} from '../schemas/leave.js';
import { AddFilesBody } from '../schemas/finance.js';

const tags = ['Leave'];
const mutationProblems = {
  ...authenticatedProblems,
  404: problemResponses.problem('No such leave request, or not visible to the caller'),
  409: problemResponses.problem('Not possible in the request’s current state'),
  412: problemResponses.problem('If-Match named a stale version'),
};

const create = createRoute({
  method: 'post',
  path: '/leave-requests',
  tags,
  summary: 'Ask for leave (Điều 18): routed by its length and the applicant (L1); annual and personal leave at least the notice days ahead unless an emergency (L2)',
  security,
  request: { body: json(CreateLeaveBody), headers: IdempotencyHeaders },
  responses: {
    201: ok(LeaveRequestSchema, 'The request, pending with its approver, or the director’s leave as reported'),
    ...authenticatedProblems,
    409: problemResponses.problem('Overlaps the applicant’s own leave'),
    422: problemResponses.problem('Too little notice without an emergency (L2), not enough annual leave left, Idempotency-Key reused, or an upload in `files` that cannot be attached (`body.files.<n>`)'),
  },
});

const list = createRoute({
  method: 'get',
  path: '/leave-requests',
  tags,
  summary: 'Leave requests the caller may see: their own, a person’s, a unit’s, or an approver’s (approverId + status=pending: the inbox)',
  security,
  request: { query: ListLeaveQuery },
  responses: { 200: ok(pageOf(LeaveRequestSchema), 'One page'), ...authenticatedProblems },
});

const get = createRoute({
  method: 'get',
  path: '/leave-requests/{id}',
  tags,
  summary: 'A leave request with its whole history',
  security,
  request: { params: IdParam },
  responses: { 200: ok(LeaveRequestWithHistorySchema, 'The request'), ...mutationProblems },
});

const decision = createRoute({
  method: 'post',
  path: '/leave-requests/{id}/decision',
  tags,
  summary: 'The approver (or their superior, or whoever holds their authority) approves or refuses; a refusal gives its reason',
  security,
  request: { params: IdParam, body: json(LeaveDecisionBody), headers: IfMatchHeaders },
  responses: { 200: ok(LeaveRequestSchema, 'The request after the decision'), ...mutationProblems, 422: problemResponses.problem('Not enough annual leave left') },
});

const withdraw = createRoute({
  method: 'post',
  path: '/leave-requests/{id}/withdraw',
  tags,
  summary: 'The applicant withdraws before the decision (the director: a reported leave before it begins)',
  security,
  request: { params: IdParam, body: json(WithdrawBody), headers: IfMatchHeaders },
  responses: { 200: ok(LeaveRequestSchema, 'The withdrawn request'), ...mutationProblems },
});

const addFiles = createRoute({
  method: 'post',
  path: '/leave-requests/{id}/files',
  tags,
  summary: 'The applicant adds files (a medical certificate brought later, issue #22); ids the request already keeps are skipped',
  security,
  request: { params: IdParam, body: json(AddFilesBody), headers: IfMatchHeaders },
  responses: {
    200: ok(LeaveRequestSchema, 'The request with its files'),
    ...mutationProblems,
    403: problemResponses.problem('Not the applicant'),
    422: problemResponses.problem('An upload that is not the caller’s, not pending or not uploaded yet (`body.files.<n>`); nothing written'),
  },
});

const balance = createRoute({
  method: 'get',
  path: '/leave-balances',
  tags,
  summary: 'A person’s annual leave for a year: entitlement, carried over (L3), taken, left; with its history',
  security,
  request: { query: BalanceQuery },
  responses: { 200: ok(LeaveBalanceSchema, 'The balance'), ...authenticatedProblems, 404: problemResponses.problem('No such person, or not visible to the caller') },
});

const entitlement = createRoute({
  method: 'put',
  path: '/leave-balances/{staffId}/{year}/entitlement',
  tags,
  summary: 'The chief of office records a person’s annual-leave entitlement for a year (default: 12 days, Labour Code art. 113)',
  security,
  request: { params: BalanceParams, body: json(EntitlementBody), headers: IfMatchHeaders },
  responses: {
    200: ok(LeaveBalanceSchema, 'The balance'),
    ...authenticatedProblems,
    404: problemResponses.problem('No such person, or not visible to the caller'),
    412: problemResponses.problem('If-Match named a stale version'),
    422: problemResponses.problem('Less than the leave already taken'),
  },
});

const carryOver = createRoute({
  method: 'post',
  path: '/leave-balances/{staffId}/{year}/carry-over',
  tags,
  summary: 'The director records the board’s agreement to combine unused annual leave of an earlier year into this one (L3)',
  security,
  request: { params: BalanceParams, body: json(CarryOverBody), headers: IfMatchHeaders.extend(IdempotencyHeaders.shape) },
  responses: {
    201: ok(LeaveBalanceSchema, 'The balance of the year the days were carried into'),
    ...authenticatedProblems,
    404: problemResponses.problem('No such person, or not visible to the caller'),
    412: problemResponses.problem('If-Match named a stale version'),
    422: problemResponses.problem('Outside the years the rule allows, or more than the unused days'),
  },
});

const requests = createRoute({
  method: 'get',
  path: '/requests-to-delegate',
  tags,
  summary: 'The director asked to delegate while away (A2): open until a delegation covers every working day of the leave',
  security,
  request: { query: RequestsToDelegateQuery },
  responses: { 200: ok(pageOf(RequestToDelegateSchema), 'One page'), ...authenticatedProblems },
});

export function leaveRoutes(deps: AppDeps) {
  const service = deps.services.leave;
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
    .openapi(get, async (c) => c.json((await service.get(c.get('actor'), c.req.valid('param').id, c.get('now'))), 200))
    .openapi(decision, async (c) => {
      const body = c.req.valid('json');
      return c.json(
        (await service.decide(
          c.get('actor'),
          c.req.valid('param').id,
          { approve: body.approve, ...(body.note !== undefined ? { note: body.note } : {}) },
          c.get('now'),
          parseIfMatch(c.req.valid('header')['if-match']),
        )),
        200,
      );
    })
    .openapi(withdraw, async (c) => {
      const body = c.req.valid('json');
      return c.json(
        (await service.withdraw(
          c.get('actor'),
          c.req.valid('param').id,
          body.note !== undefined ? { note: body.note } : {},
          c.get('now'),
          parseIfMatch(c.req.valid('header')['if-match']),
        )),
        200,
      );
    })
    .openapi(addFiles, async (c) =>
      c.json(
        (await service.addFiles(c.get('actor'), c.req.valid('param').id, c.req.valid('json'), c.get('now'), parseIfMatch(c.req.valid('header')['if-match']))),
        200,
      ),
    )
    .openapi(balance, async (c) => {
      const q = c.req.valid('query');
      return c.json(
        (await service.balance(c.get('actor'), { ...(q.staffId ? { staffId: q.staffId } : {}), ...(q.year ? { year: q.year } : {}) }, c.get('now'))),
        200,
      );
    })
    .openapi(entitlement, async (c) => {
      const { staffId, year } = c.req.valid('param');
      const body = c.req.valid('json');
      return c.json(
        (await service.setEntitlement(
          c.get('actor'),
          staffId,
          year,
          { days: body.days, ...(body.note !== undefined ? { note: body.note } : {}) },
          c.get('now'),
          parseIfMatch(c.req.valid('header')['if-match']),
        )),
        200,
      );
    })
    .openapi(carryOver, async (c) => {
      const { staffId, year } = c.req.valid('param');
      const body = c.req.valid('json');
      const headers = c.req.valid('header');
      const result = await service.carryOver(
        c.get('actor'),
        staffId,
        year,
        { days: body.days, fromYear: body.fromYear, decisionRef: body.decisionRef, ...(body.note !== undefined ? { note: body.note } : {}) },
        c.get('now'),
        parseIfMatch(headers['if-match']),
        headers['idempotency-key'],
      );
      if (result.replayed) c.header('idempotent-replayed', 'true');
      return c.json(result.body, 201);
    })
    .openapi(requests, async (c) => {
      const q = c.req.valid('query');
      const page = await paginate(deps, c, q, (cursor) =>
        service.requestsToDelegate(c.get('actor'), { ...(q.open === 'true' ? { open: true } : {}), limit: q.limit, ...(cursor ? { cursor } : {}) }),
      );
      return c.json(page, 200);
    });
}
