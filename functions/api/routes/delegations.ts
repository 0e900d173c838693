import { createRoute, z } from '@hono/zod-openapi';
import type { AppDeps } from '../context.js';
import type { ReportBackOwed } from '../../../shared/services/delegation-service.js';
import { paginate } from '../pagination.js';
import { createRouter } from '../router.js';
import {
  IdParam,
  IdSchema,
  IfMatchHeaders,
  LocalDateSchema,
  authenticatedProblems,
  bearerSecurity as security,
  jsonResponse as ok,
  pageOf,
  parseIfMatch,
  problemResponses,
  text,
} from '../schemas/common.js';

const DelegationSchema = z
  .object({
    id: z.string(),
    delegatorId: z.string(),
    delegateId: z.string(),
    scope: z.enum(['department', 'unit']),
    from: z.string(),
    to: z.string(),
    note: z.string().optional(),
    revokedAt: z.string().optional(),
    reportBack: z.object({ content: z.string(), submittedAt: z.string(), late: z.boolean() }).optional(),
    createdAt: z.string(),
    createdBy: z.string(),
    version: z.number().int(),
  })
  .openapi('Delegation');


/** The body of POST /v1/delegations; the leave page's delegation form validates with it too (issue #16). */
export const CreateDelegationBody = z.object({ delegateId: IdSchema, from: LocalDateSchema, to: LocalDateSchema, note: text(2000).optional() }).strict();

const create = createRoute({
  method: 'post',
  path: '/delegations',
  tags: ['Delegations'],
  summary: 'The director delegates to a deputy director (A2), or a head to their deputy (A4), for a date range',
  security,
  request: {
    body: {
      required: true,
      content: {
        'application/json': {
          schema: CreateDelegationBody,
        },
      },
    },
  },
  responses: { 201: ok(DelegationSchema, 'The delegation'), ...authenticatedProblems },
});

const list = createRoute({
  method: 'get',
  path: '/delegations',
  tags: ['Delegations'],
  summary: 'Current and future delegations the caller may see',
  security,
  request: { query: z.object({ limit: z.coerce.number().int().min(1).max(100).default(50), cursor: z.string().max(2048).optional() }).strict() },
  responses: { 200: ok(pageOf(DelegationSchema), 'One page'), ...authenticatedProblems },
});

const revoke = createRoute({
  method: 'post',
  path: '/delegations/{id}/revoke',
  tags: ['Delegations'],
  summary: 'End a delegation early',
  security,
  request: {
    params: IdParam,
    body: { required: true, content: { 'application/json': { schema: z.object({ note: text(2000).optional() }).strict() } } },
    headers: IfMatchHeaders,
  },
  responses: {
    200: ok(DelegationSchema, 'The revoked delegation'),
    ...authenticatedProblems,
    404: problemResponses.problem('No such delegation'),
    409: problemResponses.problem('Already revoked'),
  },
});

/** The body of POST /v1/delegations/{id}/report-back; the page's form validates with it too. */
export const ReportBackBody = z.object({ content: text(20000).trim().min(1) }).strict();

const ReportBackOwedSchema = z
  .object({
    delegationId: z.string(),
    delegatorId: z.string(),
    from: z.string(),
    to: z.string(),
    endedOn: z.string(),
    dueOn: z.string(),
    dueAt: z.string(),
    status: z.enum(['pending', 'missing']),
    rule: z.string(),
    article: z.string(),
  })
  .openapi('ReportBackOwed');

/** The service lists only what is still owed: pending, or missing past its deadline. */
function toReportBackOwedResponse(owed: ReportBackOwed): z.infer<typeof ReportBackOwedSchema> {
  const { status } = owed;
  if (status !== 'pending' && status !== 'missing') throw new Error(`A report back owed cannot be ${status}`);
  return { ...owed, status };
}

const reportBack = createRoute({
  method: 'post',
  path: '/delegations/{id}/report-back',
  tags: ['Delegations'],
  summary: 'The deputy director reports back to the director on the work done under an ended delegation (A3, Điều 4.1.2)',
  security,
  request: {
    params: IdParam,
    body: { required: true, content: { 'application/json': { schema: ReportBackBody } } },
    headers: IfMatchHeaders,
  },
  responses: {
    200: ok(DelegationSchema, 'The delegation with its report back'),
    ...authenticatedProblems,
    404: problemResponses.problem('No such delegation'),
    409: problemResponses.problem('Not owed, not ended yet, or already reported'),
  },
});

const reportsBackOwed = createRoute({
  method: 'get',
  path: '/delegations/reports-back-owed',
  tags: ['Delegations'],
  summary: 'The reports back the caller owes the director on ended delegations (A3, Điều 4.1.2)',
  security,
  responses: { 200: ok(z.object({ items: z.array(ReportBackOwedSchema) }), 'What the caller owes'), ...authenticatedProblems },
});

export function delegationRoutes(deps: AppDeps) {
  const service = deps.services.delegations;
  return createRouter()
    .openapi(create, async (c) => c.json((await service.create(c.get('actor'), c.req.valid('json'), c.get('now'))), 201))
    .openapi(list, async (c) => {
      const q = c.req.valid('query');
      return c.json((await paginate(deps, c, q, (cursor) => service.list(c.get('actor'), c.get('now'), q.limit, cursor))), 200);
    })
    .openapi(reportsBackOwed, async (c) => c.json({ items: (await service.reportsBackOwed(c.get('actor'), c.get('now'))).map(toReportBackOwedResponse) }, 200))
    .openapi(reportBack, async (c) =>
      c.json(
        (await service.reportBack(c.get('actor'), c.req.valid('param').id, c.req.valid('json').content, c.get('now'), parseIfMatch(c.req.valid('header')['if-match']))),
        200,
      ),
    )
    .openapi(revoke, async (c) =>
      c.json(
        (await service.revoke(c.get('actor'), c.req.valid('param').id, c.req.valid('json').note, c.get('now'), parseIfMatch(c.req.valid('header')['if-match']))),
        200,
      ),
    );
}
