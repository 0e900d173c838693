/** @jsxImportSource hono/jsx */
/**
 * The workspace's page routes (issue #16): "Việc của tôi" (`/my-work`, where everyone lands), an
 * assignment with its actions (`/assignments/{id}`) and assigning work (`/assignments/new`). Every
 * POST is a form handled by functions/api/forms/action.ts: the middleware has checked the session,
 * the CSRF token and the origin; the form is validated by the API's own schema and goes to the
 * same AssignmentService method as the API route.
 */
import type { Context } from 'hono';
import { z } from '@hono/zod-openapi';
import { ulid } from 'ulidx';
import { NotFoundError } from '../../../shared/domain/errors.js';
import { nextPeriod, periodContaining, previousPeriod, type Period } from '../../../shared/domain/periods.js';
import type { AppDeps, AppEnv } from '../context.js';
import { formHandler, pageFrame, problemPage, type FormAction } from '../forms/action.js';
import { formsScript } from '../forms/enhance.js';
import { FILE_FIELD_SPEC } from '../forms/file-field.js';
import type { FormSpec, FormState } from '../forms/parse.js';
import { formFields } from '../forms/parse.js';
import { authenticate } from '../middleware.js';
import { createRouter } from '../router.js';
import { AcceptBody, CompleteBody, CreateAssignmentBody, ExtensionDecisionBody, ExtensionRequestBody, ProgressBody, ReasonBody } from '../schemas/assignment-changes.js';
import { IdSchema } from '../schemas/common.js';
import { langOf } from '../views/dashboard/i18n.js';
import { ReportBackSection } from '../views/workspace/report-back-section.js';
import { reportBackData } from './report-back-pages.js';
import { AssignmentWorkPage, MyWorkPage, NewAssignmentPage, type FailedForm, type WorkspaceContext } from '../views/workspace/pages.js';

const WithdrawBody = z.object({}).strict();

export function workspacePageRoutes(deps: AppDeps) {
  const assignments = deps.services.assignments;
  const router = createRouter();
  const auth = authenticate(deps);
  for (const path of ['/my-work', '/assignments', '/assignments/*']) router.use(path, auth);
  router.get('/assets/forms.js', (c) =>
    c.body(formsScript, 200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'public, max-age=3600' }),
  );

  const contextOf = async (c: Context<AppEnv>): Promise<WorkspaceContext> => {
    const [frame, names] = await Promise.all([pageFrame(c, deps), deps.services.dashboard.directory(c.get('actor'), c.get('now'))]);
    c.header('cache-control', 'private, no-store');
    return { frame, names };
  };
  const okOf = (c: Context<AppEnv>) => c.req.query('ok');

  /** Runs a GET page; what is missing or not visible is the 404 page. */
  const page = (handler: (c: Context<AppEnv>) => Promise<Response>) => async (c: Context<AppEnv>) => {
    try {
      return await handler(c);
    } catch (error) {
      if (error instanceof NotFoundError) return problemPage(c, langOf(c.req.query('lang')), 404);
      throw error;
    }
  };

  router.get(
    '/my-work',
    page(async (c) => {
      const actor = c.get('actor');
      const now = c.get('now');
      const ctx = await contextOf(c);
      const today = ctx.names.today;
      const owed = (period: string) => deps.services.reports.obligations(actor, { period, limit: 100 }, now).then((r) => r.items);
      // A period's own items, and the next period's due within it: a plan is due before the period it plans (P1, Điều 10).
      const owedIn = async (p: Period) => {
        const [own, ahead] = await Promise.all([owed(p.id), owed(nextPeriod(p).id)]);
        return [...own, ...ahead.filter((i) => i.dueAt.slice(0, 10) <= p.end)];
      };
      
      // Quarterly to annual reports (R4's reports to superiors, F4, the inspection plan) show in the month they fall due.
      const longer = (['quarter', 'half', 'year'] as const).flatMap((kind) => {
        const current = periodContaining(kind, today);
        return [current.id, previousPeriod(current).id];
      });
      // Outgoing documents whose step is the person's (D5): a link to "Văn bản đi" (functions/api/routes/outgoing-document-pages.tsx).
      const outgoing = deps.services.outgoingDocuments.list(actor, { view: 'mine', limit: 100 }, now);
      const [reportsBack, work, week, monthly, assignable, ...rest] = await Promise.all([
        reportBackData(deps, actor, now),
        assignments.myWork(actor, now),
        owedIn(periodContaining('week', today)),
        owedIn(periodContaining('month', today)),
        assignments.assignable(actor, now),
        ...longer.map(owed),
      ]);
      const thisMonth = today.slice(0, 7);
      const dueThisMonth = rest.flat().filter((o) => o.dueAt.startsWith(thisMonth));
      const month = [...monthly, ...dueThisMonth].sort((a, b) => (a.dueAt < b.dueAt ? -1 : a.dueAt > b.dueAt ? 1 : 0));
      return c.html(
        MyWorkPage({ ctx, work, week, month, mayAssign: assignable.staffIds.length + assignable.unitIds.length > 0, ok: okOf(c), extra: ReportBackSection({ lang: ctx.frame.lang, csrf: ctx.frame.csrf, timeZone: ctx.names.timeZone, name: (id) => ctx.names.staff[id]?.name ?? id, data: reportsBack, ok: okOf(c) }), outgoingWaiting: (await outgoing).items.length }),
      );
    }),
  );

  // ---------------------------------------------------------------------------------------
  // Assign work

  const renderNew = async (c: Context<AppEnv>, state?: FormState, status: 200 | 409 | 412 | 422 = 200) => {
    const actor = c.get('actor');
    const now = c.get('now');
    const [ctx, allowed] = await Promise.all([contextOf(c), assignments.assignable(actor, now)]);
    const { lang } = ctx.frame;
    const staff = ctx.names.staff;
    const unitLabel = (id: string) => ctx.names.units[id]?.[lang] ?? id;
    const person = (id: string) => ({ value: id, label: staff[id]?.name ?? id, group: unitLabel(staff[id]?.unitId ?? '') });
    const byUnit = (a: { group: string }, b: { group: string }) => a.group.localeCompare(b.group, 'vi');
    return c.html(
      NewAssignmentPage({
        ctx,
        state,
        data: {
          people: allowed.staffIds.map(person).sort(byUnit),
          units: allowed.unitIds.map((id) => ({ value: id, label: unitLabel(id) })),
          coordinators: Object.keys(staff)
            .filter((id) => id !== actor.staffId)
            .map(person)
            .sort(byUnit),
          fields: allowed.fields.map((f) => ({ value: f.id, label: f.name[lang] })),
          idem: (state?.values._idem as string | undefined) ?? ulid(),
          today: allowed.today,
        },
      }),
      status,
    );
  };

  router.get('/assignments/new', page((c) => renderNew(c)));

  const createSpec: FormSpec = {
    title: 'text',
    description: 'text',
    assigneeId: 'text',
    unitId: 'text',
    coordinatorIds: 'list',
    dueDate: 'text',
    priority: 'text',
    'source.kind': 'text',
    'source.ref': 'text',
    confidentiality: 'text',
    fieldId: 'text',
  };
  router.post(
    '/assignments/new',
    formHandler({
      name: 'assignment.create',
      spec: createSpec,
      schema: CreateAssignmentBody,
      run: async (c, body, form) => (await assignments.create(c.get('actor'), body, c.get('now'), form.idem)).body,
      done: (_c, created) => `/assignments/${encodeURIComponent(created.id)}`,
      // The idempotency key goes back into the form, so a resubmission after a fix is still one record.
      rerender: async (c, state, status) => renderNew(c, { ...state, values: { ...state.values, _idem: (await formFields(c))._idem ?? ulid() } }, status),
    }),
  );

  // ---------------------------------------------------------------------------------------
  // One assignment

  const idOf = (c: Context<AppEnv>) => {
    const id = IdSchema.safeParse(c.req.param('id'));
    if (!id.success) throw new NotFoundError('There is no such assignment.');
    return id.data;
  };

  const renderAssignment = async (c: Context<AppEnv>, failed?: FailedForm, status: 200 | 409 | 412 | 422 = 200) => {
    const [ctx, found, maxFileBytes] = await Promise.all([
      contextOf(c),
      assignments.page(c.get('actor'), idOf(c), c.get('now')),
      deps.services.files.maxBytes(c.get('actor'), c.get('now')),
    ]);
    return c.html(AssignmentWorkPage({ ctx, data: { ...found, idem: ulid(), maxFileBytes }, failed, ok: okOf(c) }), status);
  };

  router.get('/assignments/:id', page((c) => renderAssignment(c)));

  /** One action on the assignment: its form id on the page, its contract name, its body and the service call. */
  const change = <S extends z.ZodType>(
    path: string,
    form: string,
    name: string,
    spec: FormSpec,
    schema: S,
    call: (c: Context<AppEnv>, id: string, body: z.infer<S>, version: number | undefined, idem: string | undefined) => Promise<unknown>,
  ) => {
    const action: FormAction<S, unknown> = {
      name,
      spec,
      schema,
      run: (c, body, parsed) => call(c, idOf(c), body, parsed.version, parsed.idem),
      done: (c) => `/assignments/${encodeURIComponent(idOf(c))}`,
      rerender: (c, state, status) => renderAssignment(c, { form, state }, status),
    };
    router.post(`/assignments/:id/${path}`, page(formHandler(action)));
  };
  const requestIdOf = async (c: Context<AppEnv>) => {
    const raw = (await formFields(c)).requestId;
    const id = IdSchema.safeParse(typeof raw === 'string' ? raw : undefined);
    // A decision on a request that is not there is a conflict of state, as in the API.
    return id.success ? id.data : 'missing';
  };

  change('progress', 'progress', 'assignment.progress', { percent: 'number', note: 'text', ...FILE_FIELD_SPEC }, ProgressBody, (c, id, body, v, k) =>
    assignments.progress(c.get('actor'), id, body, c.get('now'), v, k),
  );
  change('complete', 'complete', 'assignment.complete', { note: 'text', 'evidence.*.url': 'text', 'evidence.*.title': 'text', ...FILE_FIELD_SPEC }, CompleteBody, (c, id, body, v, k) =>
    assignments.complete(c.get('actor'), id, body, c.get('now'), v, k),
  );
  change('extension-request', 'extension', 'assignment.extension-request', { newDueDate: 'text', reason: 'text' }, ExtensionRequestBody, (c, id, body, v, k) =>
    assignments.requestExtension(c.get('actor'), id, body, c.get('now'), v, k),
  );
  change('extension-withdraw', 'withdraw', 'assignment.extension-withdraw', {}, WithdrawBody, async (c, id, _body, v, k) =>
    assignments.withdrawExtension(c.get('actor'), id, await requestIdOf(c), c.get('now'), v, k),
  );
  change('extension-decision', 'decision', 'assignment.extension-decision', { approve: 'boolean', note: 'text' }, ExtensionDecisionBody, async (c, id, body, v, k) =>
    assignments.decideExtension(c.get('actor'), id, await requestIdOf(c), { approve: body.approve, ...(body.note ? { note: body.note } : {}) }, c.get('now'), v, k),
  );
  change('accept', 'accept', 'assignment.accept', { note: 'text' }, AcceptBody, (c, id, body, v, k) =>
    assignments.accept(c.get('actor'), id, body, c.get('now'), v, k),
  );
  change('return', 'return', 'assignment.return', { reason: 'text' }, ReasonBody, (c, id, body, v, k) =>
    assignments.returnForRework(c.get('actor'), id, body, c.get('now'), v, k),
  );
  change('cancel', 'cancel', 'assignment.cancel', { reason: 'text' }, ReasonBody, (c, id, body, v, k) =>
    assignments.cancel(c.get('actor'), id, body, c.get('now'), v, k),
  );
  return router;
}
