/** @jsxImportSource hono/jsx */
/** A finding's page and its `finding.resolve` form (issue #16): the same service call as POST /v1/findings/{id}/resolve. */
import type { Context } from 'hono';
import { NotFoundError } from '../../../shared/domain/errors.js';
import type { AppDeps, AppEnv } from '../context.js';
import { formHandler } from '../forms/action.js';
import { emptyForm, type FormState } from '../forms/parse.js';
import { authenticate } from '../middleware.js';
import { createRouter } from '../router.js';
import { IdSchema } from '../schemas/common.js';
import { ResolveBody } from '../schemas/finding.js';
import { FindingPage } from '../views/decisions/finding-page.js';
import { decisionContext, page } from './decision-pages.js';

function idOf(c: Context<AppEnv>): string {
  const id = IdSchema.safeParse(c.req.param('id'));
  if (!id.success) throw new NotFoundError('There is no such finding.');
  return id.data;
}

export function findingPageRoutes(deps: AppDeps) {
  const router = createRouter();
  const auth = authenticate(deps);
  router.use('/findings/*', auth);
  const findings = deps.services.compliance;

  const render = async (c: Context<AppEnv>, form: FormState, status: 200 | 409 | 412 | 422 = 200) => {
    const [ctx, { finding, mayResolve }] = await Promise.all([decisionContext(c, deps), findings.getWithRight(c.get('actor'), idOf(c))]);
    return c.html(FindingPage({ ctx, finding, mayResolve, form }), status);
  };

  router.get('/findings/:id', page(async (c) => render(c, emptyForm)));
  router.post(
    '/findings/:id/resolve',
    formHandler({
      name: 'finding.resolve',
      spec: { note: 'text' },
      schema: ResolveBody,
      run: (c, body, form) => findings.resolve(c.get('actor'), idOf(c), body, c.get('now'), form.version),
      done: (c) => `/findings/${encodeURIComponent(idOf(c))}`,
      rerender: (c, state, status) => render(c, state, status),
    }),
  );
  return router;
}
