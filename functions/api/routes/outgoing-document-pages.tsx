/** @jsxImportSource hono/jsx */
/**
 * Outgoing documents on the pages (D4, D5; Điều 9.1.1, 9.1.3, 9.1.8, 12, 13): `/outgoing` (draft,
 * what waits for me, my drafts), `/outgoing/{id}` (steps, history, the forms of the steps the viewer
 * may take now), `/outgoing/register` (the Office's register, D2). Every form goes through the one
 * form flow (functions/api/forms/action.ts) to the same OutgoingDocumentService methods as
 * POST /v1/outgoing-documents and POST /v1/outgoing-documents/{id}/steps, validated by the API's
 * own schemas, with the record's version as If-Match and the form's key as Idempotency-Key.
 */
import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { ulid } from 'ulidx';
import { ConflictError, NotFoundError, ValidationError } from '../../../shared/domain/errors.js';
import { trendMonths } from '../../../shared/domain/dashboard.js';
import { formatInstant } from '../../../shared/domain/local-time.js';
import { periodContaining } from '../../../shared/domain/periods.js';
import type { OutgoingAction, OutgoingDocument } from '../../../shared/domain/outgoing-document.js';
import type { AppDeps, AppEnv } from '../context.js';
import { formHandler } from '../forms/action.js';
import { emptyForm, formFields, type FormSpec, type FormState } from '../forms/parse.js';
import { authenticate } from '../middleware.js';
import { createRouter } from '../router.js';
import { IdSchema } from '../schemas/common.js';
import { DraftOutgoingBody, OutgoingStepBody, toStepInput } from '../schemas/outgoing-document.js';
import type { DecisionPageContext } from '../views/decisions/page-context.js';
import { OutgoingDeskPage, OutgoingDocumentPage, OutgoingRegisterPage } from '../views/workspace/outgoing-pages.js';
import { O } from '../views/workspace/outgoing-words.js';
import { decisionContext, page } from './decision-pages.js';

type Status = 200 | 409 | 412 | 422;

/** The register's steps (Điều 9.1.1, 9.1.3, 9.1.8), after each status. */
const CLERK_STEP: Readonly<Partial<Record<string, OutgoingAction>>> = { signed: 'number', numbered: 'seal', sealed: 'send', sent: 'file' };


/** A step's form fields → the API body: the action comes from the address, never from the form. */
const stepSchema = (action: OutgoingAction, map: (b: Record<string, unknown>) => Record<string, unknown> = (b) => b) =>
  z
    .record(z.string(), z.unknown())
    .transform((b) => ({ ...map(b), action }))
    .pipe(OutgoingStepBody);

/** The submit form's one choice `signerId|form` (only allowed pairs are offered) → the API's two fields. */
const splitSignature = (b: Record<string, unknown>) => {
  const { signature, ...rest } = b;
  const [signerId, form] = typeof signature === 'string' ? signature.split('|') : [];
  return { ...rest, ...(signerId ? { signerId } : {}), ...(form ? { form } : {}) };
};
/** Recipients typed one per line → the API's list. */
const splitLines = (b: Record<string, unknown>) => ({
  ...b,
  ...(typeof b.recipients === 'string' ? { recipients: b.recipients.split(/\r?\n/).map((r) => r.trim()).filter(Boolean) } : {}),
});

const STEPS: Readonly<Record<OutgoingAction, { spec: FormSpec; map?: (b: Record<string, unknown>) => Record<string, unknown> }>> = {
  vet: { spec: { note: 'text' } },
  submit: { spec: { signature: 'text', note: 'text' }, map: splitSignature },
  'check-form': { spec: { note: 'text' } },
  sign: { spec: {} },
  number: { spec: {} },
  seal: { spec: {} },
  send: { spec: { recipients: 'text' }, map: splitLines },
  file: { spec: { originalRef: 'text' } },
  return: { spec: { reason: 'text' } },
};

export function outgoingDocumentPageRoutes(deps: AppDeps) {
  const service = deps.services.outgoingDocuments;
  const router = createRouter();
  const auth = authenticate(deps);
  router.use('/outgoing', auth);
  router.use('/outgoing/*', auth);

  const contextOf = async (c: Context<AppEnv>): Promise<DecisionPageContext> => {
    const ctx = await decisionContext(c, deps);
    const ok = c.req.query('ok');
    const confirmation = ok ? O[ctx.lang].confirm[ok] : undefined;
    return { ...ctx, confirmation };
  };
  const now = (c: Context<AppEnv>) => c.get('now').toISOString();

  // ---------------------------------------------------------------------------------------
  // The desk: draft, what waits for me, my drafts

  const renderDesk = async (c: Context<AppEnv>, form: FormState = emptyForm, status: Status = 200, key?: string | string[]) => {
    const actor = c.get('actor');
    const [ctx, mine, desk] = await Promise.all([contextOf(c), service.list(actor, { view: 'mine', limit: 100 }, c.get('now')), service.desk(actor, c.get('now'))]);
    const idem = typeof key === 'string' ? key : ulid();
    return c.html(OutgoingDeskPage({ ctx, form, data: { mine: mine.items, drafted: desk.drafted, fields: desk.fields, registers: desk.registers, idem, now: now(c) } }), status);
  };
  router.get('/outgoing', page((c) => renderDesk(c)));
  router.post(
    '/outgoing',
    formHandler({
      name: 'outgoing.draft',
      spec: { title: 'text', kind: 'text', scope: 'text', fieldId: 'text', confidentiality: 'text' },
      schema: DraftOutgoingBody,
      run: async (c, body, form) => (await service.draft(c.get('actor'), body, c.get('now'), form.idem)).body,
      done: (_c, doc) => `/outgoing/${encodeURIComponent(doc.id)}`,
      // The key goes back into the form, so a resubmission after a fix is still one document.
      rerender: async (c, state, status) => renderDesk(c, state, status, (await formFields(c))._idem),
    }),
  );

  // ---------------------------------------------------------------------------------------
  // The register (D2: the confidential one only for those entitled; 404 for anyone else)

  router.get(
    '/outgoing/register',
    page(async (c) => {
      const actor = c.get('actor');
      const view = c.req.query('view') ?? 'general';
      const status = c.req.query('status') || undefined;
      const month = c.req.query('month');
      if (view !== 'general' && view !== 'confidential') throw new NotFoundError('There is no such register.');
      const [ctx, desk] = await Promise.all([contextOf(c), service.desk(actor, c.get('now'))]);
      if (!desk.registers.includes(view)) throw new NotFoundError('There is no such register.');
      if (status !== undefined && !(status in O.vi.statuses)) throw new ValidationError('Unknown status.', [{ path: 'query.status', message: `no status '${status}'` }]);
      // The month drafted, local time; the current month unless another (or none: `month=`) is asked for.
      const wanted = month === undefined ? ctx.names.today.slice(0, 7) : month;
      if (wanted !== '' && !/^\d{4}-(0[1-9]|1[0-2])$/.test(wanted)) throw new ValidationError('The month is YYYY-MM.', [{ path: 'query.month', message: 'expected YYYY-MM' }]);
      const localMonth = (d: OutgoingDocument) => formatInstant(new Date(d.createdAt), ctx.names.timeZone).slice(0, 7);
      // The register is read newest first: stop at the first document older than the month (at most 10 pages).
      const items: OutgoingDocument[] = [];
      let cursor: string | undefined;
      let older = false;
      for (let pageNo = 0; pageNo < 10 && !older; pageNo++) {
        const got = await service.list(actor, { view, limit: 100, ...(cursor ? { cursor } : {}) }, c.get('now'));
        for (const d of got.items) {
          if (wanted && localMonth(d) < wanted) older = true;
          else if ((!wanted || localMonth(d) === wanted) && (!status || d.status === status)) items.push(d);
        }
        cursor = got.nextCursor;
        if (!cursor) break;
      }
      // The register's own steps, on the row: the clerk who owns the step takes it (the service decides again on posting).
      const steps = Object.fromEntries(items.filter((d) => d.ownerId === actor.staffId && d.status in CLERK_STEP).map((d) => [d.id, CLERK_STEP[d.status]!]));
      const months = trendMonths(periodContaining('month', ctx.names.today), 24).map((p) => p.id).reverse();
      return c.html(OutgoingRegisterPage({ ctx, data: { view, registers: desk.registers, items, status, month: wanted || undefined, months, steps, idem: ulid(), now: now(c) } }));
    }),
  );

  // ---------------------------------------------------------------------------------------
  // One document and its steps

  const idOf = (c: Context<AppEnv>) => {
    const id = IdSchema.safeParse(c.req.param('id'));
    if (!id.success) throw new NotFoundError('There is no such outgoing document.');
    return id.data;
  };
  const renderDoc = async (c: Context<AppEnv>, failed?: { form: string; state: FormState }, status: Status = 200) => {
    const [ctx, found] = await Promise.all([contextOf(c), service.forPage(c.get('actor'), idOf(c), c.get('now'))]);
    return c.html(OutgoingDocumentPage({ ctx, data: { ...found, idem: ulid(), now: now(c) }, failed }), status);
  };
  router.get('/outgoing/:id', page((c) => renderDoc(c)));

  for (const action of Object.keys(STEPS) as OutgoingAction[]) {
    const { spec, map } = STEPS[action];
    router.post(
      `/outgoing/:id/${action}`,
      page(
        formHandler({
          name: `outgoing.${action}`,
          spec,
          schema: stepSchema(action, map),
          run: async (c, body, form) => {
            // A step the page would not offer is refused (404 if the document is not visible); see stepAsOffered.
            try {
              return (await service.stepAsOffered(c.get('actor'), idOf(c), toStepInput(body), c.get('now'), form.idem, form.version)).body;
            } catch (error) {
              throw refusalInWords(error, action);
            }
          },
          done: (c) => `/outgoing/${encodeURIComponent(idOf(c))}`,
          rerender: (c, state, status) => renderDoc(c, { form: action, state }, status),
        }),
      ),
    );
  }
  return router;
}

/** The service's 409s, in Vietnamese, by the field they concern (the form flow shows them beside it). */
function refusalInWords(error: unknown, action: OutgoingAction): unknown {
  if (!(error instanceof ConflictError) || error.vi) return error;
  const o = O.vi;
  const m = error.message;
  if (/proposed signature cannot be given/.test(m)) return new ConflictError(m, [{ path: 'body.signature', message: m }], o.signatureNotAllowed);
  if (/seal is not applied/.test(m)) return new ConflictError(m, [], `không đóng dấu: chữ ký không đúng thẩm quyền (D4, Điều 9.1.8).`);
  if (/can no longer be returned/.test(m)) return new ConflictError(m, [], o.noLongerReturnable);
  if (/needs the document to be/.test(m)) return new ConflictError(m, [], o.outOfOrder);
  return action === 'submit' ? new ConflictError(m, [{ path: 'body.signature', message: m }], o.signatureNotAllowed) : error;
}
