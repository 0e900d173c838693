/** @jsxImportSource hono/jsx */
/**
 * "Tổng kết năm" (issue #23; E1, Điều 24) as a signed-in page: `/evaluations/year/{year}` with the
 * unit ratings and the emulation list, and their files (`units.xlsx`, `emulation.xlsx`,
 * `emulation.pdf`), for those who may read them (the board; the chief of office the emulation list);
 * anyone else gets the 404 page, before the year is read.
 */
import type { Context } from 'hono';
import { NotFoundError } from '../../../shared/domain/errors.js';
import { toLocalDate } from '../../../shared/domain/local-time.js';
import type { YearList } from '../../../shared/services/evaluation-year.js';
import type { AppDeps, AppEnv } from '../context.js';
import { authenticate } from '../middleware.js';
import { createRouter } from '../router.js';
import { href } from '../views/dashboard/i18n.js';
import { EvaluationYearPage } from '../views/evaluation-year-page.js';
import { sendFile } from './dashboard.js';
import { decisionContext, page } from './decision-pages.js';
import { yearFile } from './evaluation-year.js';

export function evaluationYearPageRoutes(deps: AppDeps) {
  const router = createRouter();
  const auth = authenticate(deps);
  router.use('/evaluations/year', auth);
  router.use('/evaluations/year/*', auth);
  const service = deps.services.evaluationYear;

  /** The lists the viewer may read; none is the 404 page, whatever the address says. */
  const readable = async (c: Context<AppEnv>): Promise<YearList[]> => {
    const lists = await service.readable(c.get('actor'), c.get('now'));
    if (lists.length === 0) throw new NotFoundError('There is no year-end evaluation page you may see.');
    return lists;
  };

  // The current year, or the one the picker names.
  router.get(
    '/evaluations/year',
    page(async (c, lang) => {
      await readable(c);
      const asked = c.req.query('year');
      const { timeZone } = await deps.services.dashboard.directory(c.get('actor'), c.get('now'));
      const year = asked && /^\d{4}$/.test(asked) ? asked : toLocalDate(c.get('now'), timeZone).slice(0, 4);
      return c.redirect(href(`/evaluations/year/${year}`, {}, lang), 303);
    }),
  );
  router.get(
    '/evaluations/year/:year',
    page(async (c) => {
      const lists = await readable(c);
      const year = c.req.param('year') ?? '';
      const actor = c.get('actor');
      const now = c.get('now');
      const [ctx, units, emulation] = await Promise.all([
        decisionContext(c, deps),
        lists.includes('units') ? service.units(actor, year, now) : undefined,
        lists.includes('emulation') ? service.emulation(actor, year, now) : undefined,
      ]);
      return c.html(EvaluationYearPage({ ctx, year: (units ?? emulation)!.year, ...(units ? { units } : {}), ...(emulation ? { emulation } : {}), board: lists.includes('units') }));
    }),
  );
  const download = (list: YearList, format: 'xlsx' | 'pdf') =>
    page(async (c, lang) => {
      if (!(await readable(c)).includes(list)) throw new NotFoundError('There is no such file you may download.');
      return sendFile(c, await yearFile(deps, c.get('actor'), list, c.req.param('year') ?? '', format, c.get('now'), lang));
    });
  router.get('/evaluations/year/:year/units.xlsx', download('units', 'xlsx'));
  router.get('/evaluations/year/:year/emulation.xlsx', download('emulation', 'xlsx'));
  router.get('/evaluations/year/:year/emulation.pdf', download('emulation', 'pdf'));
  return router;
}
