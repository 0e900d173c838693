/**
 * The year-end lists of the evaluation cycle (issue #23; E1, Điều 24): the unit ratings for the
 * department's year-end report (JSON or XLSX) and the emulation list for the emulation council
 * (JSON, XLSX or PDF). Whoever may not read a list is answered 404 before the query is parsed.
 */
import { createRoute, z } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import { XLSX_TYPE } from '../../../shared/adapters/spreadsheet.js';
import type { Lang } from '../../../shared/domain/format.js';
import type { YearList } from '../../../shared/services/evaluation-year.js';
import type { Actor } from '../../../shared/services/organisation-service.js';
import type { AppDeps, AppEnv } from '../context.js';
import { createRouter } from '../router.js';
import { authenticatedProblems, bearerSecurity as security, jsonResponse as ok, problemResponses } from '../schemas/common.js';
import { EmulationListSchema, EmulationQuery, UnitRatingsQuery, UnitRatingsSchema } from '../schemas/evaluation-year.js';
import { sendFile } from './dashboard.js';

const tags = ['Evaluation'];
export const PDF_TYPE = 'application/pdf';
const binary = z.string().openapi({ format: 'binary' });

/** Authorises before the validators read the query: who may not read the list learns nothing of it. */
const mayRead =
  (deps: AppDeps, list: YearList): MiddlewareHandler<AppEnv> =>
  async (c, next) => {
    await deps.services.evaluationYear.authorise(c.get('actor'), list, c.get('now'));
    await next();
  };

const units = (deps: AppDeps) =>
  createRoute({
    method: 'get',
    path: '/evaluations/units',
    tags,
    summary: 'Unit ratings for the year-end report: each unit’s figures of the year, counted as the dashboard counts them, and its head’s yearly level (the board only)',
    security,
    middleware: [mayRead(deps, 'units')] as const,
    request: { query: UnitRatingsQuery },
    responses: {
      200: { description: 'The unit ratings, as JSON or an XLSX workbook (Vietnamese headers)', content: { 'application/json': { schema: UnitRatingsSchema }, [XLSX_TYPE]: { schema: binary } } },
      ...authenticatedProblems,
      404: problemResponses.problem('The caller may not read the unit ratings (anyone but the director and the deputy directors)'),
    },
  });

const emulation = (deps: AppDeps) =>
  createRoute({
    method: 'get',
    path: '/evaluations/emulation',
    tags,
    summary: 'The emulation list for the council: per emulation title, the people whose decided yearly level meets its minimum, and those with no decision (the board and the chief of office)',
    security,
    middleware: [mayRead(deps, 'emulation')] as const,
    request: { query: EmulationQuery },
    responses: {
      200: {
        description: 'The list, as JSON, an XLSX workbook (a sheet per title, the undecided, the notes) or an A4 PDF for the council',
        content: { 'application/json': { schema: EmulationListSchema }, [XLSX_TYPE]: { schema: binary }, [PDF_TYPE]: { schema: binary } },
      },
      ...authenticatedProblems,
      404: problemResponses.problem('The caller may not read the emulation list (anyone but the board and the chief of office)'),
    },
  });

/** A year-end list as a file; also served to the signed-in page (/evaluations/year/{year}/…). */
export async function yearFile(deps: AppDeps, actor: Actor, list: YearList, year: string, format: 'xlsx' | 'pdf', now: Date, lang: Lang = 'vi') {
  const service = deps.services.evaluationYear;
  const exports = await import('../../../shared/services/evaluation-year-export.js');
  const base = `${list === 'units' ? 'xep-loai-don-vi' : 'de-nghi-thi-dua'}_${year}`;
  if (list === 'units') {
    const { writeXlsx } = await import('../../../shared/adapters/spreadsheet-writer.js');
    const view = await service.units(actor, year, now);
    return { body: await writeXlsx(exports.unitRatingSheets(view, lang)), filename: `${base}_${view.organisation.id}.xlsx`, contentType: XLSX_TYPE };
  }
  const view = await service.emulation(actor, year, now);
  if (format === 'pdf') {
    const { writePdf } = await import('../../../shared/adapters/pdf-writer.js');
    return { body: await writePdf(exports.emulationPdf(view, lang)), filename: `${base}_${view.organisation.id}.pdf`, contentType: PDF_TYPE };
  }
  const { writeXlsx } = await import('../../../shared/adapters/spreadsheet-writer.js');
  return { body: await writeXlsx(exports.emulationSheets(view, lang)), filename: `${base}_${view.organisation.id}.xlsx`, contentType: XLSX_TYPE };
}

export function evaluationYearRoutes(deps: AppDeps) {
  const service = deps.services.evaluationYear;
  return createRouter()
    .openapi(units(deps), async (c) => {
      const q = c.req.valid('query');
      if (q.format === 'json') return c.json(await service.units(c.get('actor'), q.year, c.get('now')), 200);
      return sendFile(c, await yearFile(deps, c.get('actor'), 'units', q.year, 'xlsx', c.get('now'), q.lang ?? 'vi'));
    })
    .openapi(emulation(deps), async (c) => {
      const q = c.req.valid('query');
      if (q.format === 'json') return c.json(await service.emulation(c.get('actor'), q.year, c.get('now')), 200);
      return sendFile(c, await yearFile(deps, c.get('actor'), 'emulation', q.year, q.format, c.get('now'), q.lang ?? 'vi'));
    });
}
