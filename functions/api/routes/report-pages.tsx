/** @jsxImportSource hono/jsx */
/**
 * Report pages (issue #16): what the person owes this week and month and `report.submit`; a
 * report's page with `report.acknowledge`, `report.return` and, for a unit plan, `plan.decision`.
 * Each posts to the same service method as POST /v1/reports, /v1/reports/{id}/acknowledge,
 * /return, /v1/plans/{id}/approve (with the board matter it rests on, A5) and /return.
 */
import type { Context } from 'hono';
import { z } from '@hono/zod-openapi';
import { ulid } from 'ulidx';
import { NotFoundError, ValidationError } from '../../../shared/domain/errors.js';
import { toLocalDate } from '../../../shared/domain/local-time.js';
import { periodContaining } from '../../../shared/domain/periods.js';
import type { AppDeps, AppEnv } from '../context.js';
import { formHandler } from '../forms/action.js';
import { FILE_FIELD_SPEC } from '../forms/file-field.js';
import { emptyForm, type FormState } from '../forms/parse.js';
import { authenticate } from '../middleware.js';
import { zodIssues } from '../problem.js';
import { createRouter } from '../router.js';
import { IdSchema } from '../schemas/common.js';
import { PeriodSchema, PlanApproveBody, ReturnBody, ReviewBody, SubmitReportBody } from '../schemas/report.js';
import { D } from '../views/decisions/i18n.js';
import { ReportPage, ReportsPage, SubmitReportPage, type ObligationRow, type ReportDetail, type ReportForm } from '../views/decisions/report-pages.js';
import { decisionContext, page } from './decision-pages.js';

/** plan.decision: the decision is a field (`approve`), the comment the API's; returning needs the comment (the domain says so). */
const PlanDecisionBody = PlanApproveBody.extend({ approve: z.boolean() });
const NewReportQuery = z.object({ obligationId: z.string().min(1).max(100), period: PeriodSchema });

export function reportPageRoutes(deps: AppDeps) {
  const router = createRouter();
  const auth = authenticate(deps);
  router.use('/reports', auth);
  router.use('/reports/*', auth);
  const reports = deps.services.reports;
  const plans = deps.services.plans;

  const owed = async (c: Context<AppEnv>, period: string): Promise<ObligationRow[]> =>
    (await reports.obligations(c.get('actor'), { period, limit: 200 }, c.get('now'))).items as ObligationRow[];

  router.get(
    '/reports',
    page(async (c) => {
      const ctx = await decisionContext(c, deps);
      const today = toLocalDate(c.get('now'), ctx.names.timeZone);
      const week = periodContaining('week', today).id;
      const month = periodContaining('month', today).id;
      const [weekly, monthly] = await Promise.all([owed(c, week), owed(c, month)]);
      const d = D[ctx.lang];
      return c.html(
        ReportsPage({
          ctx,
          groups: [
            { title: `${d.owed} — ${ctx.lang === 'vi' ? `Tuần ${Number(week.slice(6))}/${week.slice(0, 4)}` : week}`, items: weekly },
            { title: `${d.owed} — ${ctx.lang === 'vi' ? `Tháng ${Number(month.slice(5))}/${month.slice(0, 4)}` : month}`, items: monthly.filter((o) => o.period === month) },
          ],
        }),
      );
    }),
  );

  /** The obligation a new-report form is for: one the person owes in that period, or 404. */
  const obligationOf = async (c: Context<AppEnv>, obligationId: string, period: string): Promise<ObligationRow> => {
    const found = (await owed(c, period)).find((o) => o.obligationId === obligationId && o.period === period);
    if (!found) throw new NotFoundError('There is no such report owed.');
    return found;
  };
  const renderNew = async (c: Context<AppEnv>, obligationId: string, period: string, form: FormState, status: 200 | 409 | 412 | 422 = 200) => {
    const [ctx, obligation, maxFileBytes] = await Promise.all([
      decisionContext(c, deps),
      obligationOf(c, obligationId, period),
      deps.services.files.maxBytes(c.get('actor'), c.get('now')),
    ]);
    const current = obligation.reportId ? await reports.get(c.get('actor'), obligation.reportId) : undefined;
    return c.html(
      SubmitReportPage({
        ctx,
        obligation,
        form,
        idem: ulid(),
        version: current?.version,
        approved: (current as { approvedRevision?: number } | undefined)?.approvedRevision !== undefined,
        maxFileBytes,
      }),
      status,
    );
  };
  router.get(
    '/reports/new',
    page(async (c) => {
      const q = NewReportQuery.safeParse(c.req.query());
      if (!q.success) throw new ValidationError('The address has invalid parameters.', zodIssues(q.error, 'query'));
      return renderNew(c, q.data.obligationId, q.data.period, emptyForm);
    }),
  );
  router.post(
    '/reports',
    formHandler({
      name: 'report.submit',
      spec: { obligationId: 'text', period: 'text', content: 'text', 'attachments.*.url': 'text', reason: 'text', ...FILE_FIELD_SPEC },
      schema: SubmitReportBody,
      run: async (c, body, form) =>
        (await reports.submit(c.get('actor'), body, c.get('now'), { ...(form.idem ? { idempotencyKey: form.idem } : {}), ...(form.version !== undefined ? { ifMatch: form.version } : {}) })).body,
      done: (_c, report) => `/reports/${encodeURIComponent(report.id)}`,
      rerender: async (c, state, status) => {
        const v = state.values;
        const one = (k: string) => (typeof v[k] === 'string' ? (v[k] as string) : '');
        return renderNew(c, one('obligationId'), one('period'), state, status);
      },
    }),
  );

  const idOf = (c: Context<AppEnv>) => {
    const id = IdSchema.safeParse(c.req.param('id'));
    if (!id.success) throw new NotFoundError('There is no such report.');
    return id.data;
  };
  const render = async (c: Context<AppEnv>, posted?: { form: ReportForm; state: FormState }, status: 200 | 409 | 412 | 422 = 200) => {
    const actor = c.get('actor');
    const id = idOf(c);
    const [ctx, report, answers] = await Promise.all([decisionContext(c, deps), reports.get(actor, id), reports.answersOf(actor, id)]);
    const detail: ReportDetail = report;
    // A5 (Điều 3.2): the board matters the approval may rest on, only for who may approve it now.
    const bases = answers.decidePlan ? await deps.services.boardMatters.approvalBases(actor, detail.obligationId, c.get('now')) : undefined;
    return c.html(ReportPage({ ctx, report: detail, answers, bases, posted }), status);
  };
  router.get('/reports/:id', page(async (c) => render(c)));
  router.post(
    '/reports/:id/acknowledge',
    formHandler({
      name: 'report.acknowledge',
      spec: { comment: 'text' },
      schema: ReviewBody,
      run: (c, body, form) => reports.acknowledge(c.get('actor'), idOf(c), body, c.get('now'), form.version),
      done: (c) => `/reports/${encodeURIComponent(idOf(c))}`,
      rerender: (c, state, status) => render(c, { form: 'acknowledge', state }, status),
    }),
  );
  router.post(
    '/reports/:id/return',
    formHandler({
      name: 'report.return',
      spec: { comment: 'text' },
      schema: ReturnBody,
      run: (c, body, form) => reports.returnToAuthor(c.get('actor'), idOf(c), body, c.get('now'), form.version),
      done: (c) => `/reports/${encodeURIComponent(idOf(c))}`,
      rerender: (c, state, status) => render(c, { form: 'return', state }, status),
    }),
  );
  router.post(
    '/reports/:id/decision',
    formHandler({
      name: 'plan.decision',
      spec: { approve: 'boolean', comment: 'text', boardMatterId: 'text' },
      schema: PlanDecisionBody,
      run: (c, body, form) =>
        body.approve
          ? plans.approve(c.get('actor'), idOf(c), { ...(body.comment ? { comment: body.comment } : {}), ...(body.boardMatterId ? { boardMatterId: body.boardMatterId } : {}) }, c.get('now'), form.version)
          : plans.returnToHead(c.get('actor'), idOf(c), { comment: body.comment ?? '' }, c.get('now'), form.version),
      done: (c) => `/reports/${encodeURIComponent(idOf(c))}`,
      rerender: (c, state, status) => render(c, { form: 'plan', state }, status),
    }),
  );
  return router;
}
