import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { CSV_TYPE, XLSX_TYPE } from '../../../shared/adapters/spreadsheet.js';
import { writeCsv, writeXlsx } from '../../../shared/adapters/spreadsheet-writer.js';
import type { Actor } from '../../../shared/services/organisation-service.js';
import type { DashboardQuery } from '../../../shared/services/dashboard-service.js';
import type { Lang } from '../../../shared/domain/format.js';
import { evaluationSheets } from '../../../shared/services/evaluation-export.js';
import type { AppDeps, AppEnv } from '../context.js';
import { paginate } from '../pagination.js';
import { createRouter } from '../router.js';
import { authenticatedProblems, bearerSecurity as security, jsonResponse as ok, problemResponses } from '../schemas/common.js';
import { DashboardQuerySchema, DashboardSchema, ExportQuerySchema, RecordsQuerySchema, RecordsSchema, TrendSchema } from '../schemas/dashboard.js';

const tags = ['Dashboard'];
const problems = { ...authenticatedProblems, 404: problemResponses.problem('No such unit or person, or not one the caller may see') };

const view = createRoute({
  method: 'get',
  path: '/dashboard',
  tags,
  summary: 'A period’s figures per unit and per person (assignments, reports, meetings, findings), within what the caller may see',
  security,
  request: { query: DashboardQuerySchema },
  responses: { 200: ok(DashboardSchema, 'The figures; /v1/dashboard/records lists the records behind each'), ...problems },
});

const trend = createRoute({
  method: 'get',
  path: '/dashboard/trend',
  tags,
  summary: 'The 12 months up to the period: assignments’ on-time rate and what it is made of',
  security,
  request: { query: DashboardQuerySchema },
  responses: { 200: ok(TrendSchema, 'Oldest month first'), ...problems },
});

const records = createRoute({
  method: 'get',
  path: '/dashboard/records',
  tags,
  summary: 'The records behind one figure of the dashboard (same period, unit and person), one page at a time',
  security,
  request: { query: RecordsQuerySchema },
  responses: { 200: ok(RecordsSchema, 'The records'), ...problems },
});

const exportRoute = createRoute({
  method: 'get',
  path: '/dashboard/export',
  tags,
  summary: 'Per-person figures of a period for the annual evaluation (E1, Điều 24), as CSV or an XLSX workbook, Vietnamese headers',
  security,
  request: { query: ExportQuerySchema },
  responses: {
    200: {
      description: 'The file',
      content: { [CSV_TYPE]: { schema: z.string() }, [XLSX_TYPE]: { schema: z.string().openapi({ format: 'binary' }) } },
    },
    ...problems,
  },
});

const scopeOf = (q: { period?: string | undefined; unitId?: string | undefined; staffId?: string | undefined }): DashboardQuery => ({
  ...(q.period ? { period: q.period } : {}),
  ...(q.unitId ? { unitId: q.unitId } : {}),
  ...(q.staffId ? { staffId: q.staffId } : {}),
});

/** The evaluation file; also served to the signed-in page at /dashboard/export. */
export async function evaluationFile(deps: AppDeps, actor: Actor, query: DashboardQuery, format: 'csv' | 'xlsx', now: Date, lang: Lang = 'vi') {
  const service = deps.services.dashboard;
  const [data, names] = await Promise.all([service.view(actor, query, now), service.directory(actor, now)]);
  const sheets = evaluationSheets(data, names, lang);
  const scope = data.scope.staffId ?? data.scope.unitIds.join('-') ?? '';
  const filename = ['danh-gia', data.organisation.id, scope, data.period.id].filter(Boolean).join('_') + `.${format}`;
  const body = format === 'csv' ? await writeCsv(sheets[0]!) : await writeXlsx(sheets);
  return { body, filename, contentType: format === 'csv' ? `${CSV_TYPE}; charset=utf-8` : XLSX_TYPE };
}

export function sendFile(c: Context<AppEnv>, file: { body: Uint8Array; filename: string; contentType: string }) {
  // A copy on its own ArrayBuffer, the body type Response takes (the writers' arrays may share theirs).
  return c.body(new Uint8Array(file.body), 200, {
    'content-type': file.contentType,
    'content-disposition': `attachment; filename="${file.filename}"`,
    'cache-control': 'private, no-store',
  });
}

export function dashboardRoutes(deps: AppDeps) {
  const service = deps.services.dashboard;
  return createRouter()
    .openapi(view, async (c) => c.json((await service.view(c.get('actor'), scopeOf(c.req.valid('query')), c.get('now'))), 200))
    .openapi(trend, async (c) => c.json((await service.trend(c.get('actor'), scopeOf(c.req.valid('query')), c.get('now'))), 200))
    .openapi(records, async (c) => {
      const q = c.req.valid('query');
      const result = await paginate(deps, c, q, (cursor) =>
        service.records(c.get('actor'), { ...scopeOf(q), figure: q.figure, ...(q.rule ? { rule: q.rule } : {}), ...(cursor ? { cursor } : {}) }, c.get('now')),
      );
      return c.json(result, 200);
    })
    .openapi(exportRoute, async (c) => {
      const q = c.req.valid('query');
      return sendFile(c, await evaluationFile(deps, c.get('actor'), scopeOf(q), q.format, c.get('now'), q.lang ?? 'vi'));
    });
}
