/** @jsxImportSource hono/jsx */
/**
 * The dashboard's web pages (issue #8), server-rendered, Vietnamese first (`?lang=en`). They are
 * signed in with the session cookie (functions/api/session.ts) and show only what the caller may
 * see: the director and the chief inspector the department, a deputy director the units they
 * oversee, a head their unit, anyone else their own page. Not found and not visible look alike.
 */
import type { Context } from 'hono';
import { z } from '@hono/zod-openapi';
import { FIGURES, type FigureName } from '../../../shared/domain/dashboard.js';
import { NotFoundError, ValidationError } from '../../../shared/domain/errors.js';
import type { DashboardQuery } from '../../../shared/services/dashboard-service.js';
import type { AppDeps, AppEnv } from '../context.js';
import { authenticate } from '../middleware.js';
import { zodIssues } from '../problem.js';
import { cursorBinding } from '../pagination.js';
import { createRouter } from '../router.js';
import { pageWith } from './page-runner.js';
import { IdSchema } from '../schemas/common.js';
import { PeriodSchema } from '../schemas/dashboard.js';
import { RuleIdSchema } from '../schemas/finding.js';
import { T, href, langOf, type Lang } from '../views/dashboard/i18n.js';
import { AssignmentPage, FindingsPage, OverviewPage, PersonPage, RecordsPage, UnitPage, type PageContext } from '../views/dashboard/pages.js';
import { evaluationFile, sendFile } from './dashboard.js';

const PageQuery = z.object({
  period: PeriodSchema.optional(),
  unitId: IdSchema.optional(),
  staffId: IdSchema.optional(),
  figure: z.enum(FIGURES).optional(),
  rule: RuleIdSchema.optional(),
  cursor: z.string().max(4096).optional(),
  state: z.enum(['all', 'open', 'resolved']).optional(),
  format: z.enum(['csv', 'xlsx']).optional(),
  lang: z.string().max(5).optional(),
});

function queryOf(c: Context<AppEnv>) {
  const parsed = PageQuery.safeParse(c.req.query());
  if (!parsed.success) throw new ValidationError('The address has invalid parameters.', zodIssues(parsed.error, 'query'));
  return parsed.data;
}

const scopeOf = (q: { period?: string | undefined; unitId?: string | undefined; staffId?: string | undefined }): DashboardQuery => ({
  ...(q.period ? { period: q.period } : {}),
  ...(q.unitId ? { unitId: q.unitId } : {}),
  ...(q.staffId ? { staffId: q.staffId } : {}),
});

const urlOf = (c: Context<AppEnv>) => `${c.req.path}${new URL(c.req.url).search}`;

/** Runs a page; a thing not found (or not visible) or a bad address is a page too, not JSON. */
const page = pageWith((lang) => [T[lang].overview, href('/dashboard', {}, lang)]);

export function dashboardPageRoutes(deps: AppDeps) {
  const service = deps.services.dashboard;
  const router = createRouter();
  const auth = authenticate(deps);
  router.use('/dashboard', auth);
  router.use('/dashboard/*', auth);

  // The navigation's "Chờ quyết định" count is on every signed-in page (issue #16).
  const ctxOf = async (c: Context<AppEnv>, lang: Lang, names: PageContext['names']): Promise<PageContext> => ({
    lang,
    url: urlOf(c),
    viewer: { staffId: c.get('actor').staffId, name: c.get('actor').name },
    names,
    awaiting: await deps.services.inbox.count(c.get('actor'), c.get('now')),
  });

  // The overview: the department or a deputy director's units; a head goes to their unit, anyone else to their own page.
  router.get(
    '/dashboard',
    page(async (c, lang) => {
      const q = queryOf(c);
      const data = await service.page(c.get('actor'), scopeOf({ period: q.period }), c.get('now'), { trend: true });
      const { viewer } = data.view;
      if (viewer.scope === 'person') return c.redirect(href(`/dashboard/people/${viewer.staffId}`, { period: q.period }, lang), 302);
      if (viewer.scope === 'units' && viewer.unitIds.length === 1) return c.redirect(href(`/dashboard/units/${viewer.unitIds[0]}`, { period: q.period }, lang), 302);
      return c.html(OverviewPage({ ctx: await ctxOf(c, lang, data.names), view: data.view, trend: data.trend }));
    }),
  );

  router.get(
    '/dashboard/units/:unitId',
    page(async (c, lang) => {
      const q = queryOf(c);
      const unitId = IdSchema.safeParse(c.req.param('unitId'));
      if (!unitId.success) throw new NotFoundError('There is no such unit.');
      const data = await service.page(c.get('actor'), { ...scopeOf({ period: q.period }), unitId: unitId.data }, c.get('now'), { trend: true });
      return c.html(UnitPage({ ctx: await ctxOf(c, lang, data.names), view: data.view, trend: data.trend }));
    }),
  );

  router.get(
    '/dashboard/people/:staffId',
    page(async (c, lang) => {
      const q = queryOf(c);
      const staffId = IdSchema.safeParse(c.req.param('staffId'));
      if (!staffId.success) throw new NotFoundError('There is no such person.');
      const data = await service.page(c.get('actor'), { ...scopeOf({ period: q.period }), staffId: staffId.data }, c.get('now'), { trend: true });
      return c.html(PersonPage({ ctx: await ctxOf(c, lang, data.names), view: data.view, trend: data.trend }));
    }),
  );

  router.get(
    '/dashboard/records',
    page(async (c, lang) => {
      const q = queryOf(c);
      if (!q.figure) throw new ValidationError('Name the figure whose records to show.', [{ path: 'query.figure', message: 'is required' }]);
      const figure: FigureName = q.figure;
      // The same sealed cursors as the API's lists, bound to this page and the filters its "more" link carries.
      const filtersOf = (period: string | undefined) => ({ period, figure, unitId: q.unitId, staffId: q.staffId, rule: q.rule });
      const position = q.cursor ? await deps.cursors.open(q.cursor, cursorBinding(c, filtersOf(q.period)), c.get('now')) : undefined;
      const { records, names } = await service.recordsPage(
        c.get('actor'),
        { ...scopeOf(q), figure, ...(q.rule ? { rule: q.rule } : {}), ...(position ? { cursor: position } : {}) },
        c.get('now'),
      );
      const next = records.nextCursor
        ? await deps.cursors.seal(records.nextCursor, cursorBinding(c, filtersOf(records.period.id)), c.get('now'))
        : undefined;
      const moreHref = next
        ? href('/dashboard/records', { ...filtersOf(records.period.id), cursor: next }, lang)
        : undefined;
      return c.html(RecordsPage({ ctx: await ctxOf(c, lang, names), records, moreHref }));
    }),
  );

  router.get(
    '/dashboard/assignments/:id',
    page(async (c, lang) => {
      const id = IdSchema.safeParse(c.req.param('id'));
      if (!id.success) throw new NotFoundError('There is no such assignment.');
      const [found, names] = await Promise.all([
        deps.services.assignments.get(c.get('actor'), id.data, c.get('now')),
        service.directory(c.get('actor'), c.get('now')),
      ]);
      const { history, ...assignment } = found;
      return c.html(AssignmentPage({ ctx: await ctxOf(c, lang, names), assignment, history }));
    }),
  );

  router.get(
    '/dashboard/findings',
    page(async (c, lang) => {
      const q = queryOf(c);
      const figure: FigureName = q.state === 'open' ? 'findings.open' : q.state === 'resolved' ? 'findings.resolved' : 'findings.detected';
      const [data, list] = await Promise.all([
        service.page(c.get('actor'), scopeOf(q), c.get('now'), { trend: false }),
        service.records(c.get('actor'), { ...scopeOf(q), figure, ...(q.rule ? { rule: q.rule } : {}) }, c.get('now')),
      ]);
      return c.html(FindingsPage({ ctx: await ctxOf(c, lang, data.names), view: data.view, records: list }));
    }),
  );

  router.get(
    '/dashboard/export',
    page(async (c, lang) => {
      const q = queryOf(c);
      return sendFile(c, await evaluationFile(deps, c.get('actor'), scopeOf(q), q.format ?? 'xlsx', c.get('now'), lang));
    }),
  );
  return router;
}
