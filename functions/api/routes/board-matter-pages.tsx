/** @jsxImportSource hono/jsx */
/**
 * The board's matters as pages (A5, Điều 3.2): `/board-matters` (the year's matters and
 * `board-matter.raise`) and `/board-matters/{id}` with `board-matter.meeting`,
 * `board-matter.circulate`, `board-matter.opinion` and `board-matter.decide`. Each form posts to the
 * same service method as POST /v1/board-matters, …/meeting, …/circulation, …/opinions and
 * …/decision, so the refusals (404 to whoever is not on the board or in the Office, 403, the 409 of
 * a decision without the board's discussion) are the API's.
 */
import type { Context } from 'hono';
import { z } from '@hono/zod-openapi';
import { ulid } from 'ulidx';
import { NotFoundError } from '../../../shared/domain/errors.js';
import { toLocalDate } from '../../../shared/domain/local-time.js';
import type { AppDeps, AppEnv } from '../context.js';
import { formHandler } from '../forms/action.js';
import { emptyForm, type FormState } from '../forms/parse.js';
import { authenticate } from '../middleware.js';
import { createRouter } from '../router.js';
import { IdSchema } from '../schemas/common.js';
import { BoardMatterPage, BoardMattersPage, type BoardMatterForm, type MatterView } from '../views/decisions/board-matter-pages.js';
import { BM } from '../views/decisions/board-matter-words.js';
import type { DecisionPageContext } from '../views/decisions/page-context.js';
import { CirculateBody, DecisionBody, MeetingBody, OpinionBody, RaiseBody } from './board-matters.js';
import { decisionContext, page } from './decision-pages.js';

const YearQuery = z.coerce.number().int().min(2000).max(2100);

/** The decision pages' frame, with this file's confirmations (`?ok=board-matter.*`). */
export async function boardMatterContext(c: Context<AppEnv>, deps: AppDeps): Promise<DecisionPageContext> {
  const ctx = await decisionContext(c, deps);
  const ok = c.req.query('ok');
  const said = ok ? BM[ctx.lang].confirm[ok] : undefined;
  return said ? { ...ctx, confirmation: said } : ctx;
}

export function boardMatterPageRoutes(deps: AppDeps) {
  const router = createRouter();
  const auth = authenticate(deps);
  router.use('/board-matters', auth);
  router.use('/board-matters/*', auth);
  const matters = deps.services.boardMatters;

  const renderList = async (c: Context<AppEnv>, form: FormState, status: 200 | 409 | 412 | 422 = 200) => {
    const now = c.get('now');
    const ctx = await boardMatterContext(c, deps);
    const asked = c.req.query('year');
    const parsed = asked === undefined ? undefined : YearQuery.safeParse(asked);
    if (parsed && !parsed.success) throw new NotFoundError('There is no such year.');
    const year = parsed?.data ?? Number(toLocalDate(now, ctx.names.timeZone).slice(0, 4));
    const { items, categories } = await matters.overview(c.get('actor'), year, now);
    return c.html(BoardMattersPage({ ctx, year, items: items as MatterView[], categories, form, idem: ulid() }), status);
  };
  router.get('/board-matters', page(async (c) => renderList(c, emptyForm)));
  router.post(
    '/board-matters',
    formHandler({
      name: 'board-matter.raise',
      spec: { category: 'text', title: 'text' },
      schema: RaiseBody,
      run: async (c, body, form) => (await matters.raise(c.get('actor'), body, c.get('now'), form.idem)).body,
      done: (_c, m) => `/board-matters/${encodeURIComponent(m.id)}`,
      rerender: (c, state, status) => renderList(c, state, status),
    }),
  );

  const idOf = (c: Context<AppEnv>) => {
    const id = IdSchema.safeParse(c.req.param('id'));
    if (!id.success) throw new NotFoundError('There is no such board matter.');
    return id.data;
  };
  const render = async (c: Context<AppEnv>, posted?: { form: BoardMatterForm; state: FormState }, status: 200 | 409 | 412 | 422 = 200) => {
    const [ctx, data] = await Promise.all([boardMatterContext(c, deps), matters.page(c.get('actor'), idOf(c), c.get('now'))]);
    return c.html(BoardMatterPage({ ctx, data, posted }), status);
  };
  router.get('/board-matters/:id', page(async (c) => render(c)));

  const done = (c: Context<AppEnv>) => `/board-matters/${encodeURIComponent(idOf(c))}`;
  router.post(
    '/board-matters/:id/meeting',
    formHandler({
      name: 'board-matter.meeting',
      spec: { meetingId: 'text' },
      schema: MeetingBody,
      run: (c, body, form) => matters.linkMeeting(c.get('actor'), idOf(c), body, c.get('now'), form.version),
      done,
      rerender: (c, state, status) => render(c, { form: 'meeting', state }, status),
    }),
  );
  router.post(
    '/board-matters/:id/circulation',
    formHandler({
      name: 'board-matter.circulate',
      spec: { closesOn: 'text', draft: 'text' },
      schema: CirculateBody,
      run: (c, body, form) => matters.circulate(c.get('actor'), idOf(c), body, c.get('now'), form.version),
      done,
      rerender: (c, state, status) => render(c, { form: 'circulate', state }, status),
    }),
  );
  router.post(
    '/board-matters/:id/opinion',
    formHandler({
      name: 'board-matter.opinion',
      spec: { opinion: 'text' },
      schema: OpinionBody,
      run: (c, body) => matters.giveOpinion(c.get('actor'), idOf(c), body, c.get('now')),
      done,
      rerender: (c, state, status) => render(c, { form: 'opinion', state }, status),
    }),
  );
  router.post(
    '/board-matters/:id/decision',
    formHandler({
      name: 'board-matter.decide',
      spec: { text: 'text', decidedOn: 'text' },
      schema: DecisionBody,
      run: (c, body, form) => matters.decide(c.get('actor'), idOf(c), body, c.get('now'), form.version),
      done,
      rerender: (c, state, status) => render(c, { form: 'decide', state }, status),
    }),
  );
  return router;
}
