/** @jsxImportSource hono/jsx */
/**
 * Leave pages (issue #16): `leave.request` (POST /v1/leave-requests), `leave.decision`
 * (POST /v1/leave-requests/{id}/decision) and, for the director's own uncovered leave (A2),
 * `delegation.create` (POST /v1/delegations): the same service calls, the same refusals.
 */
import type { Context } from 'hono';
import { ulid } from 'ulidx';
import { NotFoundError } from '../../../shared/domain/errors.js';
import type { AppDeps, AppEnv } from '../context.js';
import { formHandler } from '../forms/action.js';
import { emptyForm, type FormState } from '../forms/parse.js';
import { authenticate } from '../middleware.js';
import { createRouter } from '../router.js';
import { IdSchema } from '../schemas/common.js';
import { CreateLeaveBody, LeaveDecisionBody } from '../schemas/leave.js';
import { AddFilesBody } from '../schemas/finance.js';
import { FILE_FIELD_SPEC } from '../forms/file-field.js';
import { LeaveListPage, LeavePage, type LeaveForm } from '../views/decisions/leave-pages.js';
import { CreateDelegationBody } from './delegations.js';
import { decisionContext, page } from './decision-pages.js';

export function leavePageRoutes(deps: AppDeps) {
  const router = createRouter();
  const auth = authenticate(deps);
  router.use('/leave', auth);
  router.use('/leave/*', auth);
  const leave = deps.services.leave;

  const renderList = async (c: Context<AppEnv>, form: FormState, status: 200 | 409 | 412 | 422 = 200) => {
    const [ctx, mine, maxFileBytes] = await Promise.all([
      decisionContext(c, deps),
      leave.list(c.get('actor'), { limit: 50 }, c.get('now')),
      deps.services.files.maxBytes(c.get('actor'), c.get('now')),
    ]);
    return c.html(LeaveListPage({ ctx, mine: mine.items, form, idem: ulid(), maxFileBytes }), status);
  };
  router.get('/leave', page(async (c) => renderList(c, emptyForm)));
  router.post(
    '/leave',
    formHandler({
      name: 'leave.request',
      spec: { kind: 'text', startDate: 'text', endDate: 'text', startHalf: 'text', endHalf: 'text', reason: 'text', emergency: 'checkbox', emergencyReason: 'text', ...FILE_FIELD_SPEC },
      schema: CreateLeaveBody,
      run: async (c, body, form) => (await leave.create(c.get('actor'), body, c.get('now'), form.idem)).body,
      done: (_c, l) => `/leave/${encodeURIComponent(l.id)}`,
      rerender: (c, state, status) => renderList(c, state, status),
    }),
  );

  const idOf = (c: Context<AppEnv>) => {
    const id = IdSchema.safeParse(c.req.param('id'));
    if (!id.success) throw new NotFoundError('There is no such leave request.');
    return id.data;
  };
  const render = async (c: Context<AppEnv>, posted?: { form: LeaveForm; state: FormState }, status: 200 | 409 | 412 | 422 = 200) => {
    const actor = c.get('actor');
    const id = idOf(c);
    const [ctx, l, mayDecide, maxFileBytes] = await Promise.all([
      decisionContext(c, deps),
      leave.get(actor, id, c.get('now')),
      leave.mayDecide(actor, id, c.get('now')),
      deps.services.files.maxBytes(actor, c.get('now')),
    ]);
    // The director's own leave with days nobody stands in: the director may delegate to a deputy director (A2).
    const delegates =
      l.applicantId === actor.staffId && actor.roles.includes('director') && l.delegation && !l.delegation.covered
        ? Object.entries(ctx.names.staff)
            .filter(([, s]) => s.roles.includes('deputy-director'))
            .map(([sid, s]) => ({ id: sid, name: s.name }))
        : [];
    return c.html(LeavePage({ ctx, leave: l, mayDecide, delegates, posted, mayAddFiles: l.applicantId === actor.staffId, maxFileBytes }), status);
  };
  router.get('/leave/:id', page(async (c) => render(c)));
  router.post(
    '/leave/:id/decision',
    formHandler({
      name: 'leave.decision',
      spec: { approve: 'boolean', note: 'text' },
      schema: LeaveDecisionBody,
      run: (c, body, form) => leave.decide(c.get('actor'), idOf(c), body, c.get('now'), form.version),
      done: (c) => `/leave/${encodeURIComponent(idOf(c))}`,
      rerender: (c, state, status) => render(c, { form: 'decision', state }, status),
    }),
  );
  router.post(
    '/leave/:id/delegation',
    formHandler({
      name: 'delegation.create',
      spec: { delegateId: 'text', from: 'text', to: 'text', note: 'text' },
      schema: CreateDelegationBody,
      run: async (c, body) => {
        // Only for a leave the actor may see (404 otherwise), then exactly POST /v1/delegations.
        await leave.get(c.get('actor'), idOf(c), c.get('now'));
        return deps.services.delegations.create(c.get('actor'), body, c.get('now'));
      },
      done: (c) => `/leave/${encodeURIComponent(idOf(c))}`,
      rerender: (c, state, status) => render(c, { form: 'delegate', state }, status),
    }),
  );
  router.post(
    '/leave/:id/files',
    formHandler({
      name: 'leave.files',
      spec: { ...FILE_FIELD_SPEC },
      schema: AddFilesBody,
      run: (c, body, form) => leave.addFiles(c.get('actor'), idOf(c), body, c.get('now'), form.version),
      done: (c) => `/leave/${encodeURIComponent(idOf(c))}`,
      rerender: (c, state, status) => render(c, { form: 'files', state }, status),
    }),
  );
  return router;
}
