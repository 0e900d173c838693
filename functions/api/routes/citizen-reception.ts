import { createRoute } from '@hono/zod-openapi';
import type { AppDeps } from '../context.js';
import { createRouter } from '../router.js';
import {
  ListSchedulesQuery,
  MonthParam,
  OutcomeBody,
  ProposeScheduleBody,
  ReasonBody,
  RescheduleBody,
  ReviseScheduleBody,
  ScheduleSchema,
  SessionParams,
} from '../schemas/calendar.js';
import {
  IdempotencyHeaders,
  IfMatchHeaders,
  authenticatedProblems,
  bearerSecurity as security,
  jsonBody as json,
  jsonResponse as ok,
  parseIfMatch,
  problemResponses,
} from '../schemas/common.js';
import { z } from '@hono/zod-openapi';

const tags = ['Citizen reception'];
const BothHeaders = IdempotencyHeaders.merge(IfMatchHeaders);
const changeProblems = {
  ...authenticatedProblems,
  404: problemResponses.problem('No schedule for that month'),
  409: problemResponses.problem('Not possible in the schedule’s state'),
  412: problemResponses.problem('Stale If-Match'),
  422: problemResponses.problem('The rulebook has no citizen reception'),
};

const propose = createRoute({
  method: 'post',
  path: '/reception-schedules',
  tags,
  summary: 'The Inspectorate proposes a month’s citizen reception schedule (C1, Điều 14.1)',
  security,
  request: { body: json(ProposeScheduleBody), headers: IdempotencyHeaders },
  responses: { 201: ok(ScheduleSchema, 'The proposed schedule'), ...changeProblems },
});

const list = createRoute({
  method: 'get',
  path: '/reception-schedules',
  tags,
  summary: 'The schedules of a range of months',
  security,
  request: { query: ListSchedulesQuery },
  responses: { 200: ok(z.object({ items: z.array(ScheduleSchema) }), 'The schedules'), ...authenticatedProblems },
});

const get = createRoute({
  method: 'get',
  path: '/reception-schedules/{month}',
  tags,
  summary: 'A month’s schedule, its sessions, its cases (details for those who may see them) and its history',
  security,
  request: { params: MonthParam },
  responses: { 200: ok(ScheduleSchema, 'The schedule'), ...changeProblems },
});

const revise = createRoute({
  method: 'put',
  path: '/reception-schedules/{month}',
  tags,
  summary: 'Revises a proposed or returned schedule (it goes back for approval)',
  security,
  request: { params: MonthParam, body: json(ReviseScheduleBody), headers: IfMatchHeaders },
  responses: { 200: ok(ScheduleSchema, 'The revised schedule'), ...changeProblems },
});

const approve = createRoute({
  method: 'post',
  path: '/reception-schedules/{month}/approve',
  tags,
  summary: 'The director (or a deputy under A2) approves the schedule',
  security,
  request: { params: MonthParam, headers: IfMatchHeaders },
  responses: { 200: ok(ScheduleSchema, 'The approved schedule'), ...changeProblems },
});

const returnRoute = createRoute({
  method: 'post',
  path: '/reception-schedules/{month}/return',
  tags,
  summary: 'The director returns the proposal with a reason',
  security,
  request: { params: MonthParam, body: json(ReasonBody), headers: IfMatchHeaders },
  responses: { 200: ok(ScheduleSchema, 'The returned schedule'), ...changeProblems },
});

const reschedule = createRoute({
  method: 'post',
  path: '/reception-schedules/{month}/sessions/{n}/reschedule',
  tags,
  summary: 'Moves a session of an approved schedule, with a reason',
  security,
  request: { params: SessionParams, body: json(RescheduleBody), headers: IfMatchHeaders },
  responses: { 200: ok(ScheduleSchema, 'The schedule'), ...changeProblems },
});

const outcome = createRoute({
  method: 'post',
  path: '/reception-schedules/{month}/sessions/{n}/outcome',
  tags,
  summary: 'Records a held session: who received, how many citizens, and each complaint or denunciation taken, which becomes an assignment of the Inspectorate',
  security,
  request: { params: SessionParams, body: json(OutcomeBody), headers: BothHeaders },
  responses: { 201: ok(ScheduleSchema, 'The schedule, with the session held and its cases'), ...changeProblems },
});

export function citizenReceptionRoutes(deps: AppDeps) {
  const service = deps.services.citizenReception;
  return createRouter()
    .openapi(propose, async (c) => {
      const body = c.req.valid('json');
      const result = await service.propose(c.get('actor'), body, c.get('now'), c.req.valid('header')['idempotency-key']);
      if (result.replayed) c.header('idempotent-replayed', 'true');
      return c.json(result.body, 201);
    })
    .openapi(list, async (c) => c.json((await service.list(c.get('actor'), c.req.valid('query'), c.get('now'))), 200))
    .openapi(get, async (c) => c.json((await service.get(c.get('actor'), c.req.valid('param').month, c.get('now'))), 200))
    .openapi(revise, async (c) =>
      c.json(
        (await service.revise(c.get('actor'), c.req.valid('param').month, c.req.valid('json'), c.get('now'), parseIfMatch(c.req.valid('header')['if-match']))),
        200,
      ),
    )
    .openapi(approve, async (c) =>
      c.json((await service.approve(c.get('actor'), c.req.valid('param').month, c.get('now'), parseIfMatch(c.req.valid('header')['if-match']))), 200),
    )
    .openapi(returnRoute, async (c) =>
      c.json(
        (await service.returnForRevision(c.get('actor'), c.req.valid('param').month, c.req.valid('json'), c.get('now'), parseIfMatch(c.req.valid('header')['if-match']))),
        200,
      ),
    )
    .openapi(reschedule, async (c) => {
      const { month, n } = c.req.valid('param');
      return c.json((await service.reschedule(c.get('actor'), month, n, c.req.valid('json'), c.get('now'), parseIfMatch(c.req.valid('header')['if-match']))), 200);
    })
    .openapi(outcome, async (c) => {
      const { month, n } = c.req.valid('param');
      const headers = c.req.valid('header');
      const result = await service.recordOutcome(c.get('actor'), month, n, c.req.valid('json'), c.get('now'), headers['idempotency-key'], parseIfMatch(headers['if-match']));
      if (result.replayed) c.header('idempotent-replayed', 'true');
      return c.json(result.body, 201);
    });
}
