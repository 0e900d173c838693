/** Reading outgoing documents: one with its history, the lists and registers (D2), and what the pages show and offer. */
import type { Register } from '../../domain/document.js';
import { ForbiddenError, NotFoundError } from '../../domain/errors.js';
import {
  applyStep,
  OUTGOING_ACTIONS,
  OutgoingRefusal,
  type OutgoingAction,
  signingRefusal,
  type OutgoingDocument,
  type StepInput,
} from '../../domain/outgoing-document.js';
import type { Page } from '../../store/outgoing-document-repository.js';
import { IdempotentRequest } from '../idempotent-request.js';
import type { Actor } from '../organisation-service.js';
import { scopeOf } from '../../store/org-version.js';
import type { OutgoingSteps } from './steps.js';
import { OutgoingCore } from './core.js';


export class OutgoingReading {
  constructor(
    private readonly core: OutgoingCore,
    /** A step posted from a page is taken as the API takes it. */
    private readonly steps: OutgoingSteps,
  ) {}

  async get(actor: Actor, id: string, now: Date) {
    const ctx = await this.core.contexts.load(actor, now);
    const doc = await this.core.repository.get(ctx.orgId, id);
    if (!doc || !this.core.canView(ctx, actor.staffId, doc)) throw new NotFoundError(`There is no outgoing document ${id}.`);
    return { ...doc, history: await this.core.repository.history(ctx.orgId, id) };
  }

  /** `mine`: the documents whose step the caller takes; a register: the Office and the registers' readers (D2). */
  async list(actor: Actor, query: { view: 'mine' | Register; limit: number; cursor?: string }, now: Date): Promise<Page<OutgoingDocument>> {
    const ctx = await this.core.contexts.load(actor, now);
    let page: Page<OutgoingDocument>;
    if (query.view === 'mine') page = await this.core.repository.list(ctx.orgId, { ownerId: actor.staffId }, query.limit, query.cursor, scopeOf(actor));
    else if (this.core.access(ctx).readsRegister(actor.staffId, query.view)) page = await this.core.repository.list(ctx.orgId, { register: query.view }, query.limit, query.cursor);
    else return { items: [] };
    const items = page.items.filter((d) => this.core.canView(ctx, actor.staffId, d));
    return page.nextCursor ? { items, nextCursor: page.nextCursor } : { items };
  }

  // --- For the pages (functions/api/routes/outgoing-document-pages.tsx); additive, read-only. ---

  /** The drafter's open documents (the open index, GSI3, filtered), the rulebook's fields, and the registers the caller reads (D2). */
  async desk(actor: Actor, now: Date) {
    const ctx = await this.core.contexts.load(actor, now);
    const open = await this.core.repository.openDueBy(ctx.orgId, new Date('9999-12-31T23:59:59Z'));
    return {
      drafted: open.filter((d) => d.drafterId === actor.staffId && this.core.canView(ctx, actor.staffId, d)),
      fields: ctx.rulebook.fields.map((f) => ({ id: f.id, name: f.name })),
      registers: (['general', 'confidential'] as const).filter((r) => this.core.access(ctx).readsRegister(actor.staffId, r)),
    };
  }

  /**
   * A document for its page: with its history, the steps the caller may take now (the checks of
   * `step`, run without writing), and the signatures a proposal may name. 404 as `get`.
   */
  async forPage(actor: Actor, id: string, now: Date) {
    const ctx = await this.core.contexts.load(actor, now);
    const doc = await this.core.repository.get(ctx.orgId, id);
    if (!doc || !this.core.canView(ctx, actor.staffId, doc)) throw new NotFoundError(`There is no outgoing document ${id}.`);
    const chart = this.core.chart(ctx);
    const signatures = this.core.allowedSignatures(ctx, doc);
    const probe: Record<OutgoingAction, StepInput | undefined> = {
      vet: { action: 'vet' },
      submit: signatures[0] ? { action: 'submit', ...signatures[0] } : undefined,
      'check-form': { action: 'check-form' },
      sign: { action: 'sign' },
      number: { action: 'number', sequence: 1, year: 2000 },
      seal: { action: 'seal' },
      send: { action: 'send', recipients: ['-'] },
      file: { action: 'file', originalRef: '-' },
      return: { action: 'return', reason: '-' },
    };
    // At the signer's step only the proposed signer, signing within authority, signs or returns it (D4).
    const signerStep = (a: OutgoingAction) => a === 'sign' || (a === 'return' && doc.status === 'form-checked');
    const actions = OUTGOING_ACTIONS.filter((a) => {
      const input = probe[a];
      if (!input || !this.core.mayTake(ctx, doc, actor.staffId, input)) return false;
      if (signerStep(a) && (doc.ownerId !== actor.staffId || !doc.proposal || signingRefusal(chart, doc, actor.staffId, doc.proposal.form))) return false;
      return !(applyStep(doc, actor.staffId, input, chart, this.core.owners(ctx, doc), undefined, now) instanceof OutgoingRefusal);
    });
    return { document: { ...doc, history: await this.core.repository.history(ctx.orgId, id) }, actions, signatures };
  }

  /**
   * A step posted from a page: a replay first answers as `step` does (a double click); otherwise only a
   * step `forPage` offers goes on, except a signature, which `step` refuses and reports itself (D4).
   */
  async stepAsOffered(actor: Actor, id: string, step: StepInput, now: Date, idempotencyKey?: string, ifMatch?: number) {
    const first = await new IdempotentRequest({ repository: this.core.idempotency, orgId: actor.orgId, scope: `outgoing.step.${id}.${actor.staffId}`, key: idempotencyKey, input: step, now }).replay<OutgoingDocument>();
    if (first) return first;
    if (step.action !== 'sign' && !(await this.forPage(actor, id, now)).actions.includes(step.action)) {
      throw new ForbiddenError(`The step '${step.action}' is not yours to take now (D5, Điều 13.1).`, 'D5');
    }
    return this.steps.step(actor, id, step, now, idempotencyKey, ifMatch);
  }
}
