/** @jsxImportSource hono/jsx */
/**
 * The evaluation pages (issue #23; E1–E6, Điều 24): `/evaluations?period=` and a person's dossier
 * `/evaluations/{staffId}/{period}` with the forms of the steps the reader may take now. Each form
 * posts to `/evaluations/{staffId}/{period}/{step}` and goes through the one form flow
 * (functions/api/forms/action.ts: CSRF and origin checked first) to the same
 * `EvaluationService.takeStep` as POST /v1/evaluations/{staffId}/{period}/{step}, validated by the
 * API's own body schema, with the rendered version as If-Match and the form's key as
 * Idempotency-Key. Who may not see a dossier gets the 404 page, as for one that does not exist.
 */
import type { Context } from 'hono';
import { ulid } from 'ulidx';
import { NotFoundError } from '../../../shared/domain/errors.js';
import { periodContaining, previousPeriod } from '../../../shared/domain/periods.js';
import { EVALUATION_STEP_IDS } from '../../../shared/rulebook/kinds.js';
import type { EvaluationStepId } from '../../../shared/rulebook/schema.js';
import type { AppDeps, AppEnv } from '../context.js';
import { formHandler } from '../forms/action.js';
import type { FormState } from '../forms/parse.js';
import { authenticate } from '../middleware.js';
import { createRouter } from '../router.js';
import { pageWith } from './page-runner.js';
import { EvaluationParams, EvaluationStepBody } from '../schemas/evaluation.js';
import { href, langOf } from '../views/dashboard/i18n.js';
import type { DecisionPageContext } from '../views/decisions/page-context.js';
import { EvaluationListPage } from '../views/evaluations/list-page.js';
import { DossierPage } from '../views/evaluations/pages.js';
import { E } from '../views/evaluations/words.js';
import { decisionContext } from './decision-pages.js';

type Status = 200 | 409 | 412 | 422;

/** Runs a page: not found (or not visible) is the 404 page in the reader's words; a bad period a 400 page naming it. */
const page = pageWith((lang) => [E[lang].title, href('/evaluations', {}, lang)]);

export function evaluationPageRoutes(deps: AppDeps) {
  const service = deps.services.evaluations;
  const router = createRouter();
  const auth = authenticate(deps);
  router.use('/evaluations', auth);
  router.use('/evaluations/*', auth);

  const contextOf = async (c: Context<AppEnv>): Promise<DecisionPageContext> => {
    const ctx = await decisionContext(c, deps);
    const ok = c.req.query('ok');
    return { ...ctx, confirmation: ok ? E[ctx.lang].confirm[ok] : undefined };
  };

  router.get(
    '/evaluations',
    page(async (c) => {
      const actor = c.get('actor');
      const now = c.get('now');
      const ctx = await contextOf(c);
      // The last month by default: the one being rated now.
      const period = c.req.query('period') || previousPeriod(periodContaining('month', ctx.names.today)).id;
      const [list, terms] = await Promise.all([service.list(actor, period, now), service.terms(actor, period, now)]);
      return c.html(EvaluationListPage({ ctx, list, terms, now: now.toISOString() }));
    }),
  );

  const paramsOf = (c: Context<AppEnv>) => {
    const p = EvaluationParams.safeParse({ staffId: c.req.param('staffId'), period: c.req.param('period') });
    if (!p.success) throw new NotFoundError('There is no such evaluation.');
    return p.data;
  };
  const render = async (c: Context<AppEnv>, failed?: { step: EvaluationStepId; state: FormState }, status: Status = 200) => {
    const actor = c.get('actor');
    const now = c.get('now');
    const { staffId, period } = paramsOf(c);
    // The dossier first: who may not see it learns nothing more (404).
    const d = await service.dossier(actor, staffId, period, now);
    const [ctx, terms] = await Promise.all([contextOf(c), service.terms(actor, period, now)]);
    return c.html(DossierPage({ ctx, d, terms, now: now.toISOString(), idem: ulid(), failed }), status);
  };
  router.get(
    '/evaluations/:staffId/:period',
    // `/evaluations/year/{year}` is the year-end summary's page, not a person's dossier.
    async (c, next) => (c.req.param('staffId') === 'year' ? next() : page(async (cc) => render(cc))(c)),
  );

  for (const step of EVALUATION_STEP_IDS) {
    router.post(
      `/evaluations/:staffId/:period/${step}`,
      page(
        formHandler({
          name: `evaluation.${step}`,
          spec: { text: 'text', level: 'text', reason: 'text' },
          schema: EvaluationStepBody,
          run: async (c, body, form) => {
            const { staffId, period } = paramsOf(c);
            const result = await service.takeStep(c.get('actor'), staffId, period, step, body, c.get('now'), {
              ...(form.version !== undefined ? { ifMatch: form.version } : {}),
              ...(form.idem ? { idempotencyKey: form.idem } : {}),
            });
            return result.body;
          },
          done: (c) => {
            const { staffId, period } = paramsOf(c);
            return `/evaluations/${encodeURIComponent(staffId)}/${period}`;
          },
          rerender: async (c, state, status) => render(c, { step, state: await explained(c, state, step) }, status),
        }),
      ),
    );
  }

  /** The service's field errors in the page's words: the reason names the level proposed; a step out of turn says so. */
  async function explained(c: Context<AppEnv>, state: FormState, step: EvaluationStepId): Promise<FormState> {
    const lang = langOf(c.req.query('lang'));
    const e = E[lang];
    const errors = { ...state.errors };
    let message = state.message;
    if (errors.step) {
      delete errors.step;
      message = e.stepRefused;
    }
    if (errors.reason && step === 'director-decision') {
      const { staffId, period } = paramsOf(c);
      const d = await service.dossier(c.get('actor'), staffId, period, c.get('now'));
      const proposed = d.evaluation ? (d.evaluation.boardReview ?? d.evaluation.headComment ?? d.evaluation.selfAssessment)?.level : undefined;
      const terms = await service.terms(c.get('actor'), period, c.get('now'));
      errors.reason = e.reasonRequired(terms.levels.find((l) => l.id === proposed)?.name[lang] ?? proposed ?? '');
    }
    return { ...state, errors, ...(message ? { message } : {}) };
  }

  return router;
}
