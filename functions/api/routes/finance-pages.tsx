/** @jsxImportSource hono/jsx */
/**
 * The finance page (issue #16): the accountant records the payroll (F2), the monthly reports (F1,
 * F5: the treasurer's cash report) and settlements (F3), through the same service calls as
 * POST /v1/finance/payroll, /monthly-reports, /settlements and PATCH /settlements/{id}.
 */
import type { Context } from 'hono';
import { ulid } from 'ulidx';
import { NotFoundError } from '../../../shared/domain/errors.js';
import { toLocalDate } from '../../../shared/domain/local-time.js';
import type { AppDeps, AppEnv } from '../context.js';
import { formHandler } from '../forms/action.js';
import type { FormState } from '../forms/parse.js';
import { authenticate } from '../middleware.js';
import { createRouter } from '../router.js';
import { IdSchema } from '../schemas/common.js';
import { AddFilesBody, MonthlyReportBody, PayrollBody, SettleBody, SettlementBody } from '../schemas/finance.js';
import { FILE_FIELD_SPEC } from '../forms/file-field.js';
import { FinancePage, type FinanceForm } from '../views/decisions/finance-page.js';
import { decisionContext, page } from './decision-pages.js';

export function financePageRoutes(deps: AppDeps) {
  const router = createRouter();
  const auth = authenticate(deps);
  router.use('/finance', auth);
  router.use('/finance/*', auth);
  const finance = deps.services.finance;

  const render = async (c: Context<AppEnv>, posted?: { form: FinanceForm; state: FormState }, status: 200 | 409 | 412 | 422 = 200) => {
    const actor = c.get('actor');
    const [ctx, entries] = await Promise.all([decisionContext(c, deps), finance.entriesOf(actor)]);
    const today = toLocalDate(c.get('now'), ctx.names.timeZone);
    const month = today.slice(0, 7);
    const [payroll, openSettlements, maxFileBytes] = await Promise.all([
      entries.includes('payroll') ? finance.getPayroll(actor, month).catch((e) => (e instanceof NotFoundError ? undefined : Promise.reject(e))) : undefined,
      entries.includes('settlement') ? finance.openSettlements(actor) : [],
      deps.services.files.maxBytes(actor, c.get('now')),
    ]);
    const idem = { payroll: ulid(), monthly: ulid(), settlement: ulid() };
    return c.html(FinancePage({ ctx, data: { entries, month, today, payroll, openSettlements, idem, maxFileBytes }, posted }), status);
  };

  router.get('/finance', page(async (c) => render(c)));
  router.post(
    '/finance/payroll',
    formHandler({
      name: 'finance.payroll',
      spec: { month: 'text', paidOn: 'text', ...FILE_FIELD_SPEC },
      schema: PayrollBody,
      run: (c, body, form) => finance.recordPayroll(c.get('actor'), body, c.get('now'), form.idem),
      done: () => '/finance',
      rerender: (c, state, status) => render(c, { form: 'payroll', state }, status),
    }),
  );
  router.post(
    '/finance/monthly-reports',
    formHandler({
      name: 'finance.monthly-report',
      spec: { kind: 'text', month: 'text', content: 'text', ...FILE_FIELD_SPEC },
      schema: MonthlyReportBody,
      run: (c, body, form) => finance.submitMonthlyReport(c.get('actor'), body, c.get('now'), form.idem),
      done: () => '/finance',
      rerender: (c, state, status) => render(c, { form: 'monthly-report', state }, status),
    }),
  );
  router.post(
    '/finance/settlements',
    formHandler({
      name: 'finance.settlement',
      spec: { dossierRef: 'text', completeOn: 'text', settledOn: 'text', ...FILE_FIELD_SPEC },
      schema: SettlementBody,
      run: (c, body, form) => finance.createSettlement(c.get('actor'), body, c.get('now'), form.idem),
      done: () => '/finance',
      rerender: (c, state, status) => render(c, { form: 'settlement', state }, status),
    }),
  );
  const settlementId = (c: Context<AppEnv>) => {
    const id = IdSchema.safeParse(c.req.param('id'));
    if (!id.success) throw new NotFoundError('There is no such settlement.');
    return id.data;
  };
  router.post(
    '/finance/settlements/:id',
    formHandler({
      name: 'finance.settle',
      spec: { settledOn: 'text' },
      schema: SettleBody,
      run: (c, body, form) => finance.settle(c.get('actor'), settlementId(c), body, c.get('now'), form.version),
      done: () => '/finance',
      rerender: (c, state, status) => render(c, { form: `settle-${settlementId(c)}`, state }, status),
    }),
  );
  router.post(
    '/finance/settlements/:id/files',
    formHandler({
      name: 'finance.settlement-files',
      spec: { ...FILE_FIELD_SPEC },
      schema: AddFilesBody,
      run: (c, body, form) => finance.addSettlementFiles(c.get('actor'), settlementId(c), body, c.get('now'), form.version),
      done: () => '/finance',
      rerender: (c, state, status) => render(c, { form: `files-${settlementId(c)}`, state }, status),
    }),
  );
  return router;
}
