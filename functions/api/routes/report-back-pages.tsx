/** @jsxImportSource hono/jsx */
/**
 * A3 (Điều 4.1.2) in the workspace: the reports back a deputy director owes, shown on "Việc của
 * tôi" (reportBackData, ReportBackSection), and `delegation.report-back`, which posts to the same
 * service method as POST /v1/delegations/{id}/report-back. A failed form is shown again on
 * `/my-work/report-back` with its errors and what was typed.
 */
import type { Context } from 'hono';
import { NotFoundError } from '../../../shared/domain/errors.js';
import type { Actor } from '../../../shared/services/organisation-service.js';
import type { AppDeps, AppEnv } from '../context.js';
import { formHandler } from '../forms/action.js';
import type { FormState } from '../forms/parse.js';
import { authenticate } from '../middleware.js';
import { createRouter } from '../router.js';
import { IdSchema } from '../schemas/common.js';
import { BM } from '../views/decisions/board-matter-words.js';
import { Frame } from '../views/decisions/frame.js';
import { personName } from '../views/decisions/page-context.js';
import { ReportBackSection, type ReportBackData } from '../views/workspace/report-back-section.js';
import { decisionContext, page } from './decision-pages.js';
import { ReportBackBody } from './delegations.js';

/** What "Việc của tôi" shows for A3: owed (a deputy) and received (the director). */
export async function reportBackData(deps: AppDeps, actor: Actor, now: Date): Promise<ReportBackData> {
  const [owed, received] = await Promise.all([deps.services.delegations.reportsBackOwed(actor, now), deps.services.delegations.reportsBackReceived(actor, now)]);
  return { owed, received };
}

export function reportBackPageRoutes(deps: AppDeps) {
  const router = createRouter();
  const auth = authenticate(deps);
  router.use('/my-work/report-back', auth);
  router.use('/my-work/report-back/*', auth);

  const render = async (c: Context<AppEnv>, failed?: { delegationId: string; state: FormState }, status: 200 | 409 | 412 | 422 = 200) => {
    const [ctx, data] = await Promise.all([decisionContext(c, deps), reportBackData(deps, c.get('actor'), c.get('now'))]);
    const w = BM[ctx.lang];
    return c.html(
      <Frame ctx={ctx} title={w.reportsBackOwed}>
        <ReportBackSection lang={ctx.lang} csrf={ctx.csrf} timeZone={ctx.names.timeZone} name={(id) => personName(ctx, id)} data={data} failed={failed} />
        {data.owed.length === 0 && data.received.length === 0 ? <p class="empty">—</p> : null}
      </Frame>,
      status,
    );
  };
  router.get('/my-work/report-back', page(async (c) => render(c)));

  const idOf = (c: Context<AppEnv>) => {
    const id = IdSchema.safeParse(c.req.param('id'));
    if (!id.success) throw new NotFoundError('There is no such delegation.');
    return id.data;
  };
  router.post(
    '/my-work/report-back/:id',
    formHandler({
      name: 'delegation.report-back',
      spec: { content: 'text' },
      schema: ReportBackBody,
      run: (c, body) => deps.services.delegations.reportBack(c.get('actor'), idOf(c), body.content, c.get('now')),
      done: () => '/my-work',
      rerender: (c, state, status) => render(c, { delegationId: idOf(c), state }, status),
    }),
  );
  return router;
}
