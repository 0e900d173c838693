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
import { endOfLocalDay, formatInstant, toLocalDate, yearMonthOf } from '../domain/local-time.js';
import { outgoingDelivery } from '../domain/eoffice-delivery.js';
import { detectFinding, findingId, type Finding } from '../domain/finding.js';
import type { Observation } from '../domain/compliance/outcome.js';
import {
  applyStep,
  draftOutgoing,
  OUTGOING_ACTIONS,
  OutgoingRefusal,
  type OutgoingAction,
  SIGNATURE_LINES,
  signingRefusal,
  stepTaker,
  type OutgoingDocument,
  type OutgoingKind,
  type OutgoingScope,
  type OutgoingStatus,
  type SigningChart,
  type StepInput,
} from '../domain/outgoing-document.js';
import type { FindingRepository } from '../store/finding-repository.js';
import type { IdempotencyRepository } from '../store/idempotency-repository.js';
import type { OutboxRepository } from '../store/outbox-repository.js';
import type { OutgoingDocumentRepository, Page } from '../store/outgoing-document-repository.js';
import { failureOf, type LabelledItem } from '../store/transact.js';
import { auditVisibility } from './audit-service.js';
import { findingTextNames } from './compliance/finding-notifications.js';
import { EOFFICE_ACTOR, WEBHOOK_SCOPE, type WebhookCall } from './document-service.js';
import { commit } from './commit.js';
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

/** An outgoing document drafted in the e-office and registered in the tracker (its signed push). */
export interface EofficeOutgoingInput extends DraftOutgoingInput {
  externalId: string;
  drafterId: string;
  /** The drafting unit; the drafter's own when absent. */
  unitId?: string;
}

/** A step the e-office reports: who took it, when, and (numbering) the number it gave. */
export type EofficeStepInput = (Exclude<StepInput, { action: 'number' }> | { action: 'number'; number: string }) & { actorId: string; at: Date };

export interface OutgoingServiceOptions {
  /** The e-office outbox: a step of a document the e-office registered queues its callback in the step's transaction. */
  readonly outbox?: OutboxRepository;
  /** D4 findings (their notifications come with them, by the repository's hooks). */
  readonly findings?: FindingRepository;
  /** After a D4 finding committed: send its notifications (stored with it either way). */
  readonly afterFinding?: (ctx: OrgContext, findings: readonly Finding[], at: Date) => Promise<void>;
}

/** D4: Điều 9.1.8, "chữ ký không đúng thẩm quyền … phải báo cáo ngay với Chánh văn phòng". */
export const D4_ARTICLE = 'Điều 9.1.8';

const eventId = monotonicFactory();
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
    private readonly options: OutgoingServiceOptions = {},
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
    return commit({
      idempotency: new IdempotentRequest({ repository: this.idempotency, orgId: ctx.orgId, scope: `outgoing.draft.${actor.staffId}`, key: idempotencyKey, input, now }),
      decide: () => {
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
        return {
          result: doc,
          status: 201,
          write: (extra) =>
            this.repository.write([
              this.repository.stateItem(doc),
              this.repository.eventItem(this.event(ctx, doc, 'drafted', me.id, 1, now, { status: doc.status, ownerId: doc.ownerId, stepDueAt: doc.stepDueAt, register: doc.register })),
              ...extra,
            ]),
        };
      },
    });
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
        if (step.action === 'sign') return true;
        // Returning it for errors is the decision of the signer it was proposed to, or the director's (D5).
        return actorId === doc.proposal?.signerId || actorId === ctx.authority.director()?.id;
    }
  }

  /**
   * POST /v1/outgoing-documents/{id}/steps: one step of the flow. 404 for a document the caller may
   * not see (D2); 403 for a step that is not the caller's, or a signature outside the signer's
   * authority, which is also recorded and reported to the chief of office (D4, Điều 9.1.8); 409 for
   * a step out of order; 412 for a stale If-Match.
   */
  async step(actor: Actor, id: string, step: StepInput, now: Date, idempotencyKey?: string, ifMatch?: number) {
    const request = new IdempotentRequest({ repository: this.idempotency, orgId: actor.orgId, scope: `outgoing.step.${id}.${actor.staffId}`, key: idempotencyKey, input: step, now });
    return this.takeStep(actor.orgId, actor.staffId, step, now, request, {
      via: 'tracker',
      ...(ifMatch !== undefined ? { ifMatch } : {}),
      locate: async (ctx) => {
        const doc = await this.repository.get(ctx.orgId, id);
        if (!doc || !this.canView(ctx, actor.staffId, doc)) throw new NotFoundError(`There is no outgoing document ${id}.`);
        return doc;
      },
    });
  }

  /**
   * POST /v1/integrations/eoffice/outgoing-documents/{externalId}/steps (signed): a step the
   * e-office took, by the staff member it names, mapped onto the same step with the same checks.
   * Its webhook-id is the idempotency key (a redelivery gets the first answer and writes nothing).
   */
  async stepFromEoffice(orgId: string, call: WebhookCall, externalId: string, input: EofficeStepInput, now: Date) {
    const request = new IdempotentRequest({ repository: this.idempotency, orgId, scope: WEBHOOK_SCOPE, key: call.webhookId, now, webhook: call });
    const first = await request.replay<OutgoingDocument>();
    if (first) return first;
    if (input.at.getTime() > now.getTime()) {
      throw new ValidationError('The e-office cannot report a step taken in the future.', [{ path: 'body.at', message: `must not be after ${now.toISOString()}` }]);
    }
    const { actorId, at, ...rest } = input;
    let step: StepInput;
    let label: string | undefined;
    if (rest.action === 'number') {
      // Điều 9.1.1: the register's number, as the e-office gave it; its sequence is the leading integer.
      label = rest.number.trim();
      step = { action: 'number', sequence: Number(/^0*(\d{1,9})/.exec(label)![1]), year: 0, label };
    } else step = rest as StepInput;
    return this.takeStep(orgId, actorId, step, at, request, {
      via: 'eoffice',
      locate: async (ctx) => {
        const doc = await this.repository.findByExternalId(ctx.orgId, externalId);
        if (!doc) throw new NotFoundError(`No outgoing document ${externalId} has been registered.`);
        if (new Date(doc.updatedAt).getTime() > at.getTime()) {
          throw new ConflictError(`The step is dated before the document's last change (${formatInstant(new Date(doc.updatedAt), ctx.dueRules.timeZone)}).`, [
            { path: 'body.at', message: 'before the document’s last step' },
          ]);
        }
        return doc;
      },
    });
  }

  private async takeStep(
    orgId: string,
    actorId: string,
    step: StepInput,
    now: Date,
    request: IdempotentRequest,
    how: { via: 'tracker' | 'eoffice'; ifMatch?: number; locate: (ctx: OrgContext) => Promise<OutgoingDocument> },
  ) {
    const eoffice = how.via === 'eoffice';
    // An e-office call names the staff member in its body; a person's request, no field.
    const actorIssue = (message: string) => (eoffice ? [{ path: 'body.actorId', message }] : []);
    // Another step or another numbering committed first: read again and decide again; a number the
    // e-office gave that another document holds is refused.
    const given = step.action === 'number' && step.label !== undefined;
    let numbering: { year: number; register: string } | undefined;
    return commit({
      idempotency: request,
      load: async () => {
        const ctx = await this.contexts.load(orgId, now);
        return { ctx, doc: await how.locate(ctx) };
      },
      ifMatch: { expected: how.ifMatch, current: ({ doc }) => doc.version },
      stale: (read) =>
        read
          ? new PreconditionFailedError(`The document is at version ${read.doc.version}, not ${how.ifMatch}.`, read.doc.version)
          : new PreconditionFailedError('The document changed while this step was being taken.'),
      raced: given ? ['state', 'sequence', 'outbox'] : ['state', 'sequence', 'register-entry', 'outbox'],
      conflict: (part) =>
        part === 'register-entry' && step.action === 'number'
          ? new ConflictError(`Number ${step.sequence} of ${numbering?.year ?? ''} is already in the ${numbering?.register ?? ''} register (Điều 9.1.1).`, [{ path: 'body.number', message: 'already given to another document' }])
          : undefined,
      decide: async ({ ctx, doc }) => {
        if (!this.mayTake(ctx, doc, actorId, step)) {
          const message = `The step '${step.action}' of a document that is ${doc.status} is not yours to take (D5, Điều 13.1).`;
          throw new ForbiddenError(eoffice ? `The step '${step.action}' of a document that is ${doc.status} is not ${actorId}’s to take (D5, Điều 13.1).` : message, 'D5', actorIssue(`may not take '${step.action}' now`));
        }
        const items: LabelledItem[] = [];
        let input = step;
        let last: number | undefined;
        if (step.action === 'number') {
          // Điều 9.1.1: the next number of this register's year (or the e-office's); the conditions make it unique.
          const year = Number(toLocalDate(now, ctx.dueRules.timeZone).slice(0, 4));
          numbering = { year, register: doc.register };
          last = await this.repository.lastNumber(ctx.orgId, doc.register, year);
          input = step.label ? { action: 'number', sequence: step.sequence, year, label: step.label } : { action: 'number', sequence: last + 1, year };
        }
        const next = applyStep(doc, actorId, input, this.chart(ctx), this.owners(ctx, doc), undefined, now);
        if (next instanceof OutgoingRefusal) {
          if (next.rule === 'D4') await this.reportSignature(ctx, doc, actorId, step.action, next, now);
          if (next.kind === 'forbidden') throw new ForbiddenError(next.message, next.rule, actorIssue('signs outside his authority (D4)'));
          throw new ConflictError(`${next.message} (${next.rule}).`, [{ path: 'body.action', message: next.message }]);
        }
        const due = this.dueAfter(ctx, next.status, now);
        const stated: OutgoingDocument = due && next.status !== 'filed' ? { ...next, stepDueAt: due.toISOString() } : next;
        if (stated.status === 'numbered') items.push(...this.repository.numberItems(stated, stated.year!, stated.sequence!, last));
        const data: Record<string, unknown> = { from: doc.status, to: stated.status, ownerId: stated.ownerId, stepDueAt: stated.stepDueAt, ...input, ...(eoffice ? { via: 'eoffice' } : {}) };
        items.push(this.repository.stateItem(stated, doc.version), this.repository.eventItem(this.event(ctx, stated, step.action, actorId, stated.version, now, data)));
        // The e-office hears of every step of a document it knows, in the step's transaction (the outbox).
        const callback = this.options.outbox && outgoingDelivery(stated, { action: step.action, from: doc.status, actorId, at: now.toISOString(), via: how.via });
        if (callback) items.push(this.options.outbox!.putNew(callback));
        return { result: stated, write: (extra) => this.repository.write([...items, ...extra]) };
      },
    });
  }

  /**
   * D4 (Điều 9.1.8: "Nếu phát hiện chữ ký không đúng thẩm quyền … phải báo cáo ngay với Chánh văn
   * phòng"): the refused signature or seal is written in the document's history and recorded as a
   * finding about the would-be signer, reported to the chief of office (who is notified), in one
   * transaction. Once per document, step, signer and form: a second identical attempt adds nothing.
   * Nothing of the document's state is written.
   */
  private async reportSignature(ctx: OrgContext, doc: OutgoingDocument, actorId: string, action: string, refusal: OutgoingRefusal, now: Date) {
    const chiefs = this.chart(ctx).chiefOfOfficeIds;
    const signature = refusal.signature;
    const signerId = signature?.signerId ?? (action === 'sign' ? actorId : doc.signature?.signerId);
    const event = this.event(ctx, doc, 'signature-refused', actorId, doc.version, now, {
      rule: 'D4',
      article: D4_ARTICLE,
      step: action,
      signerId,
      form: signature?.form ?? doc.signature?.form ?? doc.proposal?.form,
      reason: refusal.message,
      ...(signature ? { lacked: signature.lacked.code } : {}),
      reportedTo: chiefs,
    });
    const findings = this.options.findings;
    if (!findings || !signature) {
      await this.repository.write([this.repository.eventItem(event)]);
      return;
    }
    const identity = [doc.id, action, signature.signerId, signature.form];
    if (await findings.get(ctx.orgId, findingId(ctx.orgId, 'D4', identity))) return;
    const tz = ctx.rulebook.organisation.timeZone;
    const signer = ctx.authority.staff(signature.signerId);
    const normal = doc.confidentiality === 'normal';
    const { lacked } = signature;
    const observation: Observation = {
      identity,
      subjectId: signature.signerId,
      unitId: signer?.unitId ?? doc.unitId,
      period: yearMonthOf(toLocalDate(now, tz)),
      ref: doc.id,
      detail: `${normal ? `Outgoing document “${doc.title}”` : `A ${doc.confidentiality} outgoing document`}: ${action === 'seal' ? 'the seal was refused under' : 'refused'} the signature "${SIGNATURE_LINES[signature.form]}" of ${signature.signerId}: ${lacked.message}; reported to the chief of office.`,
      facts: {
        documentId: doc.id,
        ...(normal ? { documentTitle: doc.title } : { confidentiality: doc.confidentiality }),
        step: action,
        signerId: signature.signerId,
        form: signature.form,
        lacked: lacked.code,
        ...(lacked.fieldId ? { fieldId: lacked.fieldId } : {}),
        ...(lacked.kind ? { kind: lacked.kind } : {}),
        actorId,
        attemptedAt: formatInstant(now, tz),
        reportedTo: chiefs,
      },
    };
    const change = detectFinding({ id: 'D4', article: D4_ARTICLE }, ctx.orgId, observation, now, tz);
    const findingEvent: AuditEvent = { id: eventId(now.getTime()), orgId: ctx.orgId, entityType: 'finding', entityId: change.next.id, action: change.action, actorId, at: now.toISOString(), version: 1, data: change.data };
    try {
      await this.repository.write([
        this.repository.eventItem(event),
        ...findings.writeItems({ next: change.next, event: findingEvent, delta: change.delta, timeZone: tz, names: findingTextNames(ctx) }),
      ]);
    } catch (error) {
      // A concurrent identical attempt reported it first.
      if (failureOf(error)) return;
      throw error;
    }
    await this.options.afterFinding?.(ctx, [change.next], now);
  }

  /**
   * POST /v1/integrations/eoffice/outgoing-documents (signed): a document drafted in the e-office,
   * registered as drafted by the staff member it names; its unit's head vets it next, as for one
   * drafted here. One document per e-office id: the same details again answer 200, others 409.
   */
  async registerFromEoffice(orgId: string, call: WebhookCall, input: EofficeOutgoingInput, now: Date) {
    const ctx = await this.contexts.load(orgId, now);
    return commit({
      idempotency: new IdempotentRequest({ repository: this.idempotency, orgId, scope: WEBHOOK_SCOPE, key: call.webhookId, now, webhook: call }),
      // The same e-office id registered meanwhile: decided again, it answers as a second registration.
      raced: ['state', 'external-id'],
      decide: async () => {
        const again = await this.existingRegistration(ctx, input);
        if (again) return { result: again.body, status: again.status };
        const drafter = ctx.authority.staff(input.drafterId);
        if (!drafter?.active) throw new ValidationError('The drafter is not a current staff member.', [{ path: 'body.drafterId', message: `no current staff member ${input.drafterId}` }]);
        const unitId = input.unitId ?? drafter.unitId;
        if (unitId !== drafter.unitId) {
          throw new UnprocessableError('A document is drafted in the drafter’s own unit, whose head vets it (Điều 13.1.a).', [{ path: 'body.unitId', message: `${input.drafterId} is in ${drafter.unitId}` }]);
        }
        if (input.fieldId && !ctx.rulebook.fields.some((f) => f.id === input.fieldId)) {
          throw new ValidationError('The field is not one of the rulebook’s fields.', [{ path: 'body.fieldId', message: `no field '${input.fieldId}'` }]);
        }
        const head = ctx.authority.headOf(unitId);
        if (!head?.active) throw new UnprocessableError('The drafting unit has no current head to vet the document (Điều 13.1.a).', [{ path: 'body.unitId', message: `unit ${unitId} has no head` }]);
        const doc = draftOutgoing(
          {
            id: eventId(now.getTime()),
            orgId: ctx.orgId,
            title: input.title,
            kind: input.kind,
            scope: input.scope,
            unitId,
            ...(input.fieldId ? { fieldId: input.fieldId } : {}),
            confidentiality: input.confidentiality,
            drafterId: drafter.id,
            headId: head.id,
            externalId: input.externalId,
          },
          this.dueAfter(ctx, 'drafted', now)!,
          now,
        ) as OutgoingDocument & { externalId: string };
        return {
          result: doc as OutgoingDocument,
          status: 201,
          write: (extra) =>
            this.repository.write([
              this.repository.externalIdItem(doc),
              this.repository.stateItem(doc),
              this.repository.eventItem(this.event(ctx, doc, 'drafted', EOFFICE_ACTOR, 1, now, { status: doc.status, ownerId: doc.ownerId, stepDueAt: doc.stepDueAt, register: doc.register, externalId: doc.externalId, drafterId: doc.drafterId, webhookId: call.webhookId })),
              ...extra,
            ]),
        };
      },
    });
  }

  /** A second registration of the same e-office id: the document when the details agree, 409 when they differ. */
  private async existingRegistration(ctx: OrgContext, input: EofficeOutgoingInput) {
    const doc = await this.repository.findByExternalId(ctx.orgId, input.externalId);
    if (!doc) return undefined;
    const same =
      doc.title === input.title.trim() &&
      doc.kind === input.kind &&
      doc.scope === input.scope &&
      doc.drafterId === input.drafterId &&
      (input.unitId === undefined || doc.unitId === input.unitId) &&
      (doc.fieldId ?? undefined) === (input.fieldId ?? undefined) &&
      doc.confidentiality === input.confidentiality;
    if (!same) throw new ConflictError(`Outgoing document ${input.externalId} is already registered with other details; the tracker does not change a registered document.`, [{ path: 'body.externalId', message: 'already registered with other details' }]);
    return { status: 200, body: doc, replayed: false };
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
    const first = await new IdempotentRequest({ repository: this.idempotency, orgId: actor.orgId, scope: `outgoing.step.${id}.${actor.staffId}`, key: idempotencyKey, input: step, now }).replay<OutgoingDocument>();
    if (first) return first;
    if (step.action !== 'sign' && !(await this.forPage(actor, id, now)).actions.includes(step.action)) {
      throw new ForbiddenError(`The step '${step.action}' is not yours to take now (D5, Điều 13.1).`, 'D5');
    }
    return this.step(actor, id, step, now, idempotencyKey, ifMatch);
  }

  readonly auditVisibility = auditVisibility(['outgoing-document'], async (ctx, actor, entityId) => {
    const doc = await this.repository.get(ctx.orgId, entityId);
    return doc ? this.canView(ctx, actor.staffId, doc) : undefined;
  });
}
