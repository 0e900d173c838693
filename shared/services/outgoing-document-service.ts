/**
 * Outgoing documents and signing (D4 Điều 9.1.8, D5 Điều 13.1; Điều 9.1.1, 9.1.3, 12.2, 13.2):
 * drafting, the head's vetting and proposal, the Office's form check, the signature within the
 * signer's authority, the register's number, the seal, sending and filing. Every step is one
 * transaction with its audit event; the pure rules are in shared/domain/outgoing-document.ts.
 */
import { monotonicFactory } from 'ulidx';
import type { AuditEvent, Confidentiality } from '../domain/assignment.js';
import { DocumentAccess, type Register } from '../domain/document.js';
import { ConflictError, ForbiddenError, NotFoundError, PreconditionFailedError, UnprocessableError, ValidationError } from '../domain/errors.js';
import { endOfLocalDay, toLocalDate } from '../domain/local-time.js';
import {
  applyStep,
  draftOutgoing,
  OUTGOING_ACTIONS,
  OutgoingRefusal,
  type OutgoingAction,
  signingRefusal,
  stepTaker,
  type OutgoingDocument,
  type OutgoingKind,
  type OutgoingScope,
  type OutgoingStatus,
  type SigningChart,
  type StepInput,
} from '../domain/outgoing-document.js';
import type { IdempotencyRepository } from '../store/idempotency-repository.js';
import type { OutgoingDocumentRepository, Page } from '../store/outgoing-document-repository.js';
import { ConditionFailed, TransactionConflict, type LabelledItem } from '../store/transact.js';
import type { AuditVisibility } from './audit-service.js';
import { IdempotentRequest } from './idempotent-request.js';
import type { OrgContext, OrgContextLoader } from './org-context.js';
import type { Actor } from './organisation-service.js';

export interface DraftOutgoingInput {
  title: string;
  kind: OutgoingKind;
  scope: OutgoingScope;
  fieldId?: string;
  confidentiality: Confidentiality;
}

const eventId = monotonicFactory();
const MAX_ATTEMPTS = 50;
const OFFICE_ROLES = ['chief-of-office', 'deputy-chief-of-office'] as const;
/** The step that follows each status, for its deadline (the rulebook's `documents.outgoing.stepDays`). */
const NEXT_STEP: Readonly<Record<OutgoingStatus, string | undefined>> = {
  drafted: 'vet',
  vetted: 'submit',
  submitted: 'check-form',
  'form-checked': 'sign',
  signed: 'number',
  numbered: 'seal',
  sealed: 'send',
  sent: 'file',
  filed: undefined,
  returned: 'revise',
};

export class OutgoingDocumentService {
  constructor(
    private readonly contexts: OrgContextLoader,
    private readonly repository: OutgoingDocumentRepository,
    private readonly idempotency: IdempotencyRepository,
  ) {}

  private access(ctx: OrgContext): DocumentAccess {
    return new DocumentAccess(ctx.authority, ctx.snapshot.staff, ctx.rulebook.documents);
  }

  /** D2 as for incoming documents: the parties, the registers' readers, the level's entitled roles. */
  private canView(ctx: OrgContext, staffId: string, doc: OutgoingDocument): boolean {
    return this.access(ctx).canView(staffId, { confidentiality: doc.confidentiality, register: doc.register, partyIds: doc.partyIds, unitIds: [doc.unitId] });
  }

  chart(ctx: OrgContext): SigningChart {
    const director = ctx.authority.director();
    const active = ctx.snapshot.staff.filter((s) => s.active);
    return {
      ...(director ? { directorId: director.id } : {}),
      chiefOfOfficeIds: active.filter((s) => s.roles.includes('chief-of-office')).map((s) => s.id),
      deputyFields: Object.fromEntries(
        ctx.rulebook.leaders.filter((l) => active.some((s) => s.id === l.staffId && s.roles.includes('deputy-director'))).map((l) => [l.staffId, l.fields]),
      ),
      headOf: Object.fromEntries(ctx.snapshot.units.map((u) => [u.id, ctx.authority.headOf(u.id)?.id])),
      chiefOfOfficeKinds: ctx.rulebook.documents.outgoing?.chiefOfOfficeKinds ?? [],
    };
  }

  private isOffice(ctx: OrgContext, staffId: string): boolean {
    const me = ctx.authority.staff(staffId);
    return !!me?.active && (this.access(ctx).keepsRegister(staffId) || me.roles.some((r) => (OFFICE_ROLES as readonly string[]).includes(r)));
  }

  private owners(ctx: OrgContext, doc: Pick<OutgoingDocument, 'unitId'>) {
    const clerk = ctx.snapshot.staff.find((s) => s.active && this.access(ctx).keepsRegister(s.id));
    const head = ctx.authority.headOf(doc.unitId);
    return { head: head?.id ?? '', office: clerk?.id ?? '', clerk: clerk?.id ?? '' };
  }

  /** The end of the working day `stepDays[step]` working days after `now` (D5 deadlines). */
  private dueAfter(ctx: OrgContext, status: OutgoingStatus, now: Date): Date | undefined {
    const step = NEXT_STEP[status];
    if (!step) return undefined;
    const days = (ctx.rulebook.documents.outgoing?.stepDays as Record<string, number> | undefined)?.[step] ?? 1;
    const tz = ctx.dueRules.timeZone;
    const today = toLocalDate(now, tz);
    const day = days === 0 && ctx.calendar.isWorkingDay(today) ? today : ctx.calendar.addWorkingDays(today, Math.max(days, 1));
    return endOfLocalDay(day, tz);
  }

  private event(ctx: OrgContext, doc: OutgoingDocument, action: string, actorId: string, version: number, now: Date, data: Record<string, unknown>): AuditEvent {
    return { id: eventId(now.getTime()), orgId: ctx.orgId, entityType: 'outgoing-document', entityId: doc.id, action, actorId, at: now.toISOString(), version, data };
  }

  /** POST /v1/outgoing-documents: a member of a unit drafts a document; its head vets it next (Điều 13.1.a). */
  async draft(actor: Actor, input: DraftOutgoingInput, now: Date, idempotencyKey?: string) {
    const ctx = await this.contexts.load(actor.orgId, now);
    const me = ctx.authority.staff(actor.staffId);
    if (!me?.active) throw new ForbiddenError('Only current staff draft documents.');
    const request = new IdempotentRequest(this.idempotency, ctx.orgId, `outgoing.draft.${actor.staffId}`, idempotencyKey, input);
    const first = await request.replay<OutgoingDocument>();
    if (first) return first;
    if (input.fieldId && !ctx.rulebook.fields.some((f) => f.id === input.fieldId)) {
      throw new ValidationError('The field is not one of the rulebook’s fields.', [{ path: 'body.fieldId', message: `no field '${input.fieldId}'` }]);
    }
    const head = ctx.authority.headOf(me.unitId);
    if (!head?.active) {
      throw new UnprocessableError('The drafting unit has no current head to vet the document (Điều 13.1.a).', [{ path: 'body', message: `unit ${me.unitId} has no head` }]);
    }
    const id = eventId(now.getTime());
    const doc = draftOutgoing(
      { id, orgId: ctx.orgId, title: input.title, kind: input.kind, scope: input.scope, unitId: me.unitId, ...(input.fieldId ? { fieldId: input.fieldId } : {}), confidentiality: input.confidentiality, drafterId: me.id, headId: head.id },
      this.dueAfter(ctx, 'drafted', now)!,
      now,
    );
    try {
      await this.repository.write([
        this.repository.stateItem(doc),
        this.repository.eventItem(this.event(ctx, doc, 'drafted', me.id, 1, now, { status: doc.status, ownerId: doc.ownerId, stepDueAt: doc.stepDueAt, register: doc.register })),
        ...request.items(201, doc, now),
      ]);
    } catch (error) {
      if (IdempotentRequest.lostRace(error)) {
        const again = await request.replay<OutgoingDocument>();
        if (again) return again;
      }
      throw error;
    }
    return { status: 201, body: doc, replayed: false };
  }

  /** Whether `actorId` takes this step now (before any authority of signature, which the domain checks). */
  private mayTake(ctx: OrgContext, doc: OutgoingDocument, actorId: string, step: StepInput): boolean {
    const taker = stepTaker(doc, step.action);
    const me = ctx.authority.staff(actorId);
    if (!me?.active) return false;
    switch (taker) {
      case 'head':
        // The head of the drafting unit; a returned document, the head who proposed it (D5).
        return doc.status === 'returned' ? doc.ownerId === actorId : ctx.authority.headOf(doc.unitId)?.id === actorId;
      case 'office':
        return this.isOffice(ctx, actorId);
      case 'clerk':
        return this.access(ctx).keepsRegister(actorId);
      case 'signer':
        // Anyone may try to sign; the domain refuses a signature outside the signer's authority (D4).
        return true;
    }
  }

  /**
   * POST /v1/outgoing-documents/{id}/steps: one step of the flow. 404 for a document the caller may
   * not see (D2); 403 for a step that is not the caller's, or a signature outside the signer's
   * authority, which is also recorded and reported to the chief of office (D4, Điều 9.1.8); 409 for
   * a step out of order; 412 for a stale If-Match.
   */
  async step(actor: Actor, id: string, step: StepInput, now: Date, idempotencyKey?: string, ifMatch?: number) {
    const orgId = actor.orgId;
    const request = new IdempotentRequest(this.idempotency, orgId, `outgoing.step.${id}.${actor.staffId}`, idempotencyKey, step);
    const first = await request.replay<OutgoingDocument>();
    if (first) return first;
    for (let attempt = 1; ; attempt++) {
      const ctx = await this.contexts.load(orgId, now);
      const doc = await this.repository.get(ctx.orgId, id);
      if (!doc || !this.canView(ctx, actor.staffId, doc)) throw new NotFoundError(`There is no outgoing document ${id}.`);
      if (ifMatch !== undefined && ifMatch !== doc.version) throw new PreconditionFailedError(`The document is at version ${doc.version}, not ${ifMatch}.`, doc.version);
      if (!this.mayTake(ctx, doc, actor.staffId, step)) {
        throw new ForbiddenError(`The step '${step.action}' of a document that is ${doc.status} is not yours to take (D5, Điều 13.1).`, 'D5');
      }
      const items: LabelledItem[] = [];
      let input = step;
      if (step.action === 'number') {
        // Điều 9.1.1: the next number of this register's year; the condition on the counter makes it unique.
        const year = Number(toLocalDate(now, ctx.dueRules.timeZone).slice(0, 4));
        const sequence = (await this.repository.lastNumber(ctx.orgId, doc.register, year)) + 1;
        input = { action: 'number', sequence, year };
      }
      const next = applyStep(doc, actor.staffId, input, this.chart(ctx), this.owners(ctx, doc), undefined, now);
      if (next instanceof OutgoingRefusal) {
        if (next.rule === 'D4') await this.reportSignature(ctx, doc, actor.staffId, step.action, next.message, now);
        if (next.kind === 'forbidden') throw new ForbiddenError(next.message, next.rule);
        throw new ConflictError(`${next.message} (${next.rule}).`);
      }
      const due = this.dueAfter(ctx, next.status, now);
      const stated: OutgoingDocument = due && next.status !== 'filed' ? { ...next, stepDueAt: due.toISOString() } : next;
      if (stated.status === 'numbered') items.push(...this.repository.numberItems(stated, stated.year!, stated.sequence!));
      const data: Record<string, unknown> = { from: doc.status, to: stated.status, ownerId: stated.ownerId, stepDueAt: stated.stepDueAt, ...input };
      items.push(this.repository.stateItem(stated, doc.version), this.repository.eventItem(this.event(ctx, stated, step.action, actor.staffId, stated.version, now, data)), ...request.items(200, stated, now));
      try {
        await this.repository.write(items);
        return { status: 200, body: stated, replayed: false };
      } catch (error) {
        if (IdempotentRequest.lostRace(error)) {
          const again = await request.replay<OutgoingDocument>();
          if (again) return again;
        }
        // Another step or another numbering committed first: read again and decide again.
        const lostRace = (error instanceof ConditionFailed && ['state', 'sequence', 'register-entry'].includes(error.label)) || error instanceof TransactionConflict;
        if (!lostRace || attempt >= MAX_ATTEMPTS) throw error;
        await new Promise((r) => setTimeout(r, Math.random() * Math.min(100, 5 * attempt)));
      }
    }
  }

  /**
   * D4 (Điều 9.1.8: "Nếu phát hiện chữ ký không đúng thẩm quyền … phải báo cáo ngay với Chánh văn
   * phòng"): the refused signature or seal is written in the document's history, for the chief of office.
   */
  private async reportSignature(ctx: OrgContext, doc: OutgoingDocument, actorId: string, action: string, reason: string, now: Date) {
    const chiefs = this.chart(ctx).chiefOfOfficeIds;
    const signerId = action === 'sign' ? actorId : doc.signature?.signerId;
    const event = this.event(ctx, doc, 'signature-refused', actorId, doc.version, now, {
      rule: 'D4',
      article: 'Điều 9.1.8',
      step: action,
      signerId,
      form: doc.signature?.form ?? doc.proposal?.form,
      reason,
      reportedTo: chiefs,
    });
    await this.repository.write([this.repository.eventItem(event)]);
  }

  async get(actor: Actor, id: string, now: Date) {
    const ctx = await this.contexts.load(actor.orgId, now);
    const doc = await this.repository.get(ctx.orgId, id);
    if (!doc || !this.canView(ctx, actor.staffId, doc)) throw new NotFoundError(`There is no outgoing document ${id}.`);
    return { ...doc, history: await this.repository.history(ctx.orgId, id) };
  }

  /** `mine`: the documents whose step the caller takes; a register: the Office and the registers' readers (D2). */
  async list(actor: Actor, query: { view: 'mine' | Register; limit: number; cursor?: string }, now: Date): Promise<Page<OutgoingDocument>> {
    const ctx = await this.contexts.load(actor.orgId, now);
    let page: Page<OutgoingDocument>;
    if (query.view === 'mine') page = await this.repository.list(ctx.orgId, { ownerId: actor.staffId }, query.limit, query.cursor);
    else if (this.access(ctx).readsRegister(actor.staffId, query.view)) page = await this.repository.list(ctx.orgId, { register: query.view }, query.limit, query.cursor);
    else return { items: [] };
    const items = page.items.filter((d) => this.canView(ctx, actor.staffId, d));
    return page.nextCursor ? { items, nextCursor: page.nextCursor } : { items };
  }

  /** Who may sign a document under which form, for the proposal form's choices. */
  allowedSignatures(ctx: OrgContext, doc: OutgoingDocument) {
    const chart = this.chart(ctx);
    const candidates = [chart.directorId, ...Object.keys(chart.deputyFields), ...chart.chiefOfOfficeIds, chart.headOf[doc.unitId]].filter((s): s is string => !!s);
    return candidates.flatMap((signerId) => (['director', 'kt', 'tl', 'unit-head'] as const).filter((form) => !signingRefusal(chart, doc, signerId, form)).map((form) => ({ signerId, form })));
  }

  // --- For the pages (functions/api/routes/outgoing-document-pages.tsx); additive, read-only. ---

  /** The drafter's open documents (the open index, GSI3, filtered), the rulebook's fields, and the registers the caller reads (D2). */
  async desk(actor: Actor, now: Date) {
    const ctx = await this.contexts.load(actor.orgId, now);
    const open = await this.repository.openDueBy(ctx.orgId, new Date('9999-12-31T23:59:59Z'));
    return {
      drafted: open.filter((d) => d.drafterId === actor.staffId && this.canView(ctx, actor.staffId, d)),
      fields: ctx.rulebook.fields.map((f) => ({ id: f.id, name: f.name })),
      registers: (['general', 'confidential'] as const).filter((r) => this.access(ctx).readsRegister(actor.staffId, r)),
    };
  }

  /**
   * A document for its page: with its history, the steps the caller may take now (the checks of
   * `step`, run without writing), and the signatures a proposal may name. 404 as `get`.
   */
  async forPage(actor: Actor, id: string, now: Date) {
    const ctx = await this.contexts.load(actor.orgId, now);
    const doc = await this.repository.get(ctx.orgId, id);
    if (!doc || !this.canView(ctx, actor.staffId, doc)) throw new NotFoundError(`There is no outgoing document ${id}.`);
    const chart = this.chart(ctx);
    const signatures = this.allowedSignatures(ctx, doc);
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
      if (!input || !this.mayTake(ctx, doc, actor.staffId, input)) return false;
      if (signerStep(a) && (doc.ownerId !== actor.staffId || !doc.proposal || signingRefusal(chart, doc, actor.staffId, doc.proposal.form))) return false;
      return !(applyStep(doc, actor.staffId, input, chart, this.owners(ctx, doc), undefined, now) instanceof OutgoingRefusal);
    });
    return { document: { ...doc, history: await this.repository.history(ctx.orgId, id) }, actions, signatures };
  }

  /**
   * A step posted from a page: a replay first answers as `step` does (a double click); otherwise only a
   * step `forPage` offers goes on, except a signature, which `step` refuses and reports itself (D4).
   */
  async stepAsOffered(actor: Actor, id: string, step: StepInput, now: Date, idempotencyKey?: string, ifMatch?: number) {
    const first = await new IdempotentRequest(this.idempotency, actor.orgId, `outgoing.step.${id}.${actor.staffId}`, idempotencyKey, step).replay<OutgoingDocument>();
    if (first) return first;
    if (step.action !== 'sign' && !(await this.forPage(actor, id, now)).actions.includes(step.action)) {
      throw new ForbiddenError(`The step '${step.action}' is not yours to take now (D5, Điều 13.1).`, 'D5');
    }
    return this.step(actor, id, step, now, idempotencyKey, ifMatch);
  }

  readonly auditVisibility: AuditVisibility = async (ctx, actor, entityId) => {
    const doc = await this.repository.get(ctx.orgId, entityId);
    return doc ? this.canView(ctx, actor.staffId, doc) : undefined;
  };
}
