/** @jsxImportSource hono/jsx */
/**
 * The decision pages (issue #16): "Chờ quyết định" and the citizen reception schedule's decision.
 * Signed in by the session cookie (functions/api/session.ts); forms go through the one form flow
 * (functions/api/forms/), which checks CSRF and Origin before any handler runs.
 */
import type { Context } from 'hono';
import { NotFoundError, ValidationError } from '../../../shared/domain/errors.js';
import type { AppDeps, AppEnv } from '../context.js';
import { authenticate } from '../middleware.js';
import { createRouter } from '../router.js';
import { href } from '../views/dashboard/i18n.js';
import { InboxPage } from '../views/decisions/inbox-page.js';
import { ReceptionPage } from '../views/decisions/reception-page.js';
import { z } from '@hono/zod-openapi';
import { formHandler } from '../forms/action.js';
import { emptyForm, type FormState } from '../forms/parse.js';
import { ReasonBody } from '../schemas/calendar.js';
import type { DecisionPageContext } from '../views/decisions/page-context.js';
import { D, type DecisionWords } from '../views/decisions/i18n.js';
import { pageFrame } from '../forms/action.js';
import { pageWith } from './page-runner.js';

const CONFIRM: Readonly<Record<string, keyof DecisionWords>> = {
  'report.submit': 'submitted',
  'report.acknowledge': 'acknowledged',
  'report.return': 'returned',
  'plan.decision': 'planDecided',
  'leave.request': 'leaveRequested',
  'leave.decision': 'leaveDecided',
  'finding.resolve': 'resolved',
  'finance.payroll': 'payrollRecorded',
  'finance.monthly-report': 'monthlyReportSent',
  'finance.settlement': 'settlementRecorded',
  'finance.settle': 'settlementRecorded',
  'finance.settlement-files': 'filesAdded',
  'leave.files': 'filesAdded',
  'meeting.create': 'meetingRecorded',
  'meeting.conclusions': 'conclusionsIssued',
  'reception.decision': 'receptionDecided',
  'delegation.create': 'delegated',
};

/** The frame of a decision page (W1's page frame: language, viewer, count, CSRF), the names, and `?ok=` as a confirmation. */
export async function decisionContext(c: Context<AppEnv>, deps: AppDeps, awaitingKnown?: number): Promise<DecisionPageContext> {
  const [frame, names] = await Promise.all([pageFrame(c, deps, awaitingKnown), deps.services.dashboard.directory(c.get('actor'), c.get('now'))]);
  const ok = c.req.query('ok');
  const key = ok ? CONFIRM[ok] : undefined;
  const confirmation = key ? (D[frame.lang][key] as string) : undefined;
  return { ...frame, names, ...(confirmation ? { confirmation } : {}) };
}

/** Runs a decision page: what is missing or not visible, or a bad address, is a page in the reader's words (page-runner.ts). */
export const page = pageWith((lang) => [D[lang].awaiting, href('/decisions', {}, lang)]);

export function decisionPageRoutes(deps: AppDeps) {
  const router = createRouter();
  const auth = authenticate(deps);
  router.use('/decisions', auth);
  router.use('/decisions/*', auth);

  router.get(
    '/decisions',
    page(async (c) => {
      const inbox = await deps.services.inbox.list(c.get('actor'), c.get('now'));
      // The navigation's count is this list's length: the inbox is read once.
      const ctx = await decisionContext(c, deps, inbox.items.length);
      return c.html(InboxPage({ ctx, inbox }));
    }),
  );

  // A month's citizen reception schedule and its decision (C1): POST /v1/reception-schedules/{month}/approve or /return.
  const monthOf = (c: Context<AppEnv>) => {
    const m = c.req.param('month') ?? '';
    if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(m)) throw new NotFoundError('There is no such month.');
    return m;
  };
  const renderReception = async (c: Context<AppEnv>, form: FormState, status: 200 | 409 | 412 | 422 = 200) => {
    const actor = c.get('actor');
    const month = monthOf(c);
    const [ctx, schedule, mayDecide] = await Promise.all([
      decisionContext(c, deps),
      deps.services.citizenReception.get(actor, month, c.get('now')),
      deps.services.citizenReception.mayDecide(actor, month, c.get('now')),
    ]);
    return c.html(ReceptionPage({ ctx, schedule, mayDecide, form }), status);
  };
  router.get('/decisions/reception/:month', page(async (c) => renderReception(c, emptyForm)));
  router.post(
    '/decisions/reception/:month',
    formHandler({
      name: 'reception.decision',
      spec: { approve: 'boolean', reason: 'text' },
      schema: ReceptionDecisionBody,
      run: (c, body, form) => {
        const reception = deps.services.citizenReception;
        if (body.approve) return reception.approve(c.get('actor'), monthOf(c), c.get('now'), form.version);
        if (!body.reason) throw new ValidationError('A returned schedule states its reason.', [{ path: 'body.reason', message: 'required to return it' }]);
        return reception.returnForRevision(c.get('actor'), monthOf(c), { reason: body.reason }, c.get('now'), form.version);
      },
      done: (c) => `/decisions/reception/${monthOf(c)}`,
      rerender: (c, state, status) => renderReception(c, state, status),
    }),
  );
  return router;
}

/** reception.decision: the decision is a field (`approve`); returning needs the API's `reason`. */
const ReceptionDecisionBody = z.object({ approve: z.boolean(), reason: ReasonBody.shape.reason.optional() });
