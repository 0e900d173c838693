import { createRoute } from '@hono/zod-openapi';
import type { AppDeps } from '../context.js';
import { createRouter } from '../router.js';
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
import {
  AddFilesBody,
  MonthParam,
  MonthlyReportBody,
  MonthlyReportSchema,
  MonthlyReportWithVersionsSchema,
  PayrollBody,
  PayrollSchema,
  ReportParams,
  SettleBody,
  SettlementBody,
  SettlementParam,
  SettlementSchema,
} from '../schemas/finance.js';

const tags = ['Finance'];
const notFound = { 404: problemResponses.problem('No such record, or not visible to the caller') };
const idempotencyProblem = { 422: problemResponses.problem('Idempotency-Key reused with another body, or an upload in `files` that cannot be attached (`body.files.<n>`; nothing written)') };

const payroll = createRoute({
  method: 'post',
  path: '/finance/payroll',
  tags,
  summary: 'The accountant records the month’s payroll (F2: paid before the 15th); one per month',
  security,
  request: { body: json(PayrollBody), headers: IdempotencyHeaders },
  responses: {
    201: ok(PayrollSchema, 'The payroll record'),
    ...authenticatedProblems,
    409: problemResponses.problem('The month’s payroll is already recorded'),
    ...idempotencyProblem,
  },
});

const getPayroll = createRoute({
  method: 'get',
  path: '/finance/payroll/{month}',
  tags,
  summary: 'A month’s payroll record',
  security,
  request: { params: MonthParam },
  responses: { 200: ok(PayrollSchema, 'The payroll record'), ...authenticatedProblems, ...notFound },
});

const report = createRoute({
  method: 'post',
  path: '/finance/monthly-reports',
  tags,
  summary: 'The accountant’s income-expense report (F1) or the treasurer’s cash report (F5), stamped with the server time; a resubmission is a new version',
  security,
  request: { body: json(MonthlyReportBody), headers: IdempotencyHeaders.merge(IfMatchHeaders) },
  responses: {
    201: ok(MonthlyReportSchema, 'The report, at its new version'),
    ...authenticatedProblems,
    412: problemResponses.problem('If-Match named a stale version'),
    ...idempotencyProblem,
  },
});

const getReport = createRoute({
  method: 'get',
  path: '/finance/monthly-reports/{kind}/{month}',
  tags,
  summary: 'A monthly finance report with every version submitted',
  security,
  request: { params: ReportParams },
  responses: { 200: ok(MonthlyReportWithVersionsSchema, 'The report and its versions'), ...authenticatedProblems, ...notFound },
});

const settlement = createRoute({
  method: 'post',
  path: '/finance/settlements',
  tags,
  summary: 'The accountant records a finance dossier received complete (F3: settled within 10 days)',
  security,
  request: { body: json(SettlementBody), headers: IdempotencyHeaders },
  responses: {
    201: ok(SettlementSchema, 'The settlement record'),
    ...authenticatedProblems,
    409: problemResponses.problem('The dossier is already recorded'),
    ...idempotencyProblem,
  },
});

const getSettlement = createRoute({
  method: 'get',
  path: '/finance/settlements/{id}',
  tags,
  summary: 'A settlement record',
  security,
  request: { params: SettlementParam },
  responses: { 200: ok(SettlementSchema, 'The settlement record'), ...authenticatedProblems, ...notFound },
});

const settle = createRoute({
  method: 'patch',
  path: '/finance/settlements/{id}',
  tags,
  summary: 'The accountant records the day the dossier was settled (once)',
  security,
  request: { params: SettlementParam, body: json(SettleBody), headers: IfMatchHeaders },
  responses: {
    200: ok(SettlementSchema, 'The settlement record'),
    ...authenticatedProblems,
    ...notFound,
    409: problemResponses.problem('Already settled'),
    412: problemResponses.problem('If-Match named a stale version'),
  },
});

const settlementFiles = createRoute({
  method: 'post',
  path: '/finance/settlements/{id}/files',
  tags,
  summary: 'The accountant adds files to the dossier (issue #22): upload ids from POST /v1/uploads; ids already kept are skipped',
  security,
  request: { params: SettlementParam, body: json(AddFilesBody), headers: IfMatchHeaders },
  responses: {
    200: ok(SettlementSchema, 'The settlement with its files'),
    ...authenticatedProblems,
    ...notFound,
    412: problemResponses.problem('If-Match named a stale version'),
    422: problemResponses.problem('An upload that is not the caller’s, not pending or not uploaded yet (`body.files.<n>`); nothing written'),
  },
});

export function financeRoutes(deps: AppDeps) {
  const service = deps.services.finance;
  return createRouter()
    .openapi(payroll, async (c) => {
      const result = await service.recordPayroll(c.get('actor'), c.req.valid('json'), c.get('now'), c.req.valid('header')['idempotency-key']);
      if (result.replayed) c.header('idempotent-replayed', 'true');
      return c.json(result.body, 201);
    })
    .openapi(getPayroll, async (c) => c.json((await service.getPayroll(c.get('actor'), c.req.valid('param').month)), 200))
    .openapi(report, async (c) => {
      const headers = c.req.valid('header');
      const result = await service.submitMonthlyReport(
        c.get('actor'),
        c.req.valid('json'),
        c.get('now'),
        headers['idempotency-key'],
        parseIfMatch(headers['if-match']),
      );
      if (result.replayed) c.header('idempotent-replayed', 'true');
      return c.json(result.body, 201);
    })
    .openapi(getReport, async (c) => {
      const { kind, month } = c.req.valid('param');
      return c.json((await service.getMonthlyReport(c.get('actor'), kind, month)), 200);
    })
    .openapi(settlement, async (c) => {
      const result = await service.createSettlement(c.get('actor'), c.req.valid('json'), c.get('now'), c.req.valid('header')['idempotency-key']);
      if (result.replayed) c.header('idempotent-replayed', 'true');
      return c.json(result.body, 201);
    })
    .openapi(getSettlement, async (c) => c.json((await service.getSettlement(c.get('actor'), c.req.valid('param').id)), 200))
    .openapi(settlementFiles, async (c) =>
      c.json(
        (await service.addSettlementFiles(c.get('actor'), c.req.valid('param').id, c.req.valid('json'), c.get('now'), parseIfMatch(c.req.valid('header')['if-match']))),
        200,
      ),
    )
    .openapi(settle, async (c) =>
      c.json(
        (await service.settle(c.get('actor'), c.req.valid('param').id, c.req.valid('json'), c.get('now'), parseIfMatch(c.req.valid('header')['if-match']))),
        200,
      ),
    );
}
