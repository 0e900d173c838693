/**
 * The steps of a document (D4, D5; Điều 9.1.1, 9.1.3, 9.1.8, 12.2, 13): taken here or pushed by the
 * e-office, each one transaction with its history and the e-office's callback; a signature outside
 * the signer's authority recorded and reported to the chief of office (D4).
 */
import type { AuditEvent } from '../../domain/assignment.js';
import { ConflictError, ForbiddenError, NotFoundError, PreconditionFailedError, ValidationError } from '../../domain/errors.js';
import { formatInstant, toLocalDate, yearMonthOf } from '../../domain/local-time.js';
import { outgoingDelivery } from '../../domain/eoffice-delivery.js';
import { detectFinding, findingId } from '../../domain/finding.js';
import type { Observation } from '../../domain/compliance/outcome.js';
import { applyStep, OutgoingRefusal, SIGNATURE_LINES, type OutgoingDocument, type StepInput } from '../../domain/outgoing-document.js';
import type { LabelledItem } from '../../store/transact.js';
import { findingTextNames } from '../compliance/finding-notifications.js';
import { WEBHOOK_SCOPE, type WebhookCall } from '../document-service.js';
import { commit } from '../commit.js';
import { IdempotentRequest } from '../idempotent-request.js';
import type { OrgContext } from '../org-context.js';
import type { Actor } from '../organisation-service.js';
import type { EofficeStepInput } from '../outgoing-document-service.js';
import { OutgoingCore, D4_ARTICLE, eventId } from './core.js';


export class OutgoingSteps {
  constructor(private readonly core: OutgoingCore) {}

  /**
   * POST /v1/outgoing-documents/{id}/steps: one step of the flow. 404 for a document the caller may
   * not see (D2); 403 for a step that is not the caller's, or a signature outside the signer's
   * authority, which is also recorded and reported to the chief of office (D4, Điều 9.1.8); 409 for
   * a step out of order; 412 for a stale If-Match.
   */
  async step(actor: Actor, id: string, step: StepInput, now: Date, idempotencyKey?: string, ifMatch?: number) {
    const request = new IdempotentRequest({ repository: this.core.idempotency, orgId: actor.orgId, scope: `outgoing.step.${id}.${actor.staffId}`, key: idempotencyKey, input: step, now });
    return this.takeStep(actor.orgId, actor.staffId, step, now, request, {
      via: 'tracker',
      ...(ifMatch !== undefined ? { ifMatch } : {}),
      locate: async (ctx) => {
        const doc = await this.core.repository.get(ctx.orgId, id);
        if (!doc || !this.core.canView(ctx, actor.staffId, doc)) throw new NotFoundError(`There is no outgoing document ${id}.`);
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
    const request = new IdempotentRequest({ repository: this.core.idempotency, orgId, scope: WEBHOOK_SCOPE, key: call.webhookId, now, webhook: call });
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
        const doc = await this.core.repository.findByExternalId(ctx.orgId, externalId);
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
        const ctx = await this.core.contexts.load(orgId, now);
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
        if (!this.core.mayTake(ctx, doc, actorId, step)) {
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
          last = await this.core.repository.lastNumber(ctx.orgId, doc.register, year);
          input = step.label ? { action: 'number', sequence: step.sequence, year, label: step.label } : { action: 'number', sequence: last + 1, year };
        }
        const next = applyStep(doc, actorId, input, this.core.chart(ctx), this.core.owners(ctx, doc), undefined, now);
        if (next instanceof OutgoingRefusal) {
          if (next.rule === 'D4') await this.reportSignature(ctx, doc, actorId, step.action, next, now);
          if (next.kind === 'forbidden') throw new ForbiddenError(next.message, next.rule, actorIssue('signs outside his authority (D4)'));
          throw new ConflictError(`${next.message} (${next.rule}).`, [{ path: 'body.action', message: next.message }]);
        }
        const due = this.core.dueAfter(ctx, next.status, now);
        const stated: OutgoingDocument = due && next.status !== 'filed' ? { ...next, stepDueAt: due.toISOString() } : next;
        if (stated.status === 'numbered') items.push(...this.core.repository.numberItems(stated, stated.year!, stated.sequence!, last));
        const data: Record<string, unknown> = { from: doc.status, to: stated.status, ownerId: stated.ownerId, stepDueAt: stated.stepDueAt, ...input, ...(eoffice ? { via: 'eoffice' } : {}) };
        items.push(this.core.repository.stateItem(stated, doc.version), this.core.repository.eventItem(this.core.event(ctx, stated, step.action, actorId, stated.version, now, data)));
        // The e-office hears of every step of a document it knows, in the step's transaction (the outbox).
        const callback = this.core.options.outbox && outgoingDelivery(stated, { action: step.action, from: doc.status, actorId, at: now.toISOString(), via: how.via });
        if (callback) items.push(this.core.options.outbox!.putNew(callback));
        return { result: stated, write: (extra) => this.core.repository.write([...items, ...extra]) };
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
    const chiefs = this.core.chart(ctx).chiefOfOfficeIds;
    const signature = refusal.signature;
    const signerId = signature?.signerId ?? (action === 'sign' ? actorId : doc.signature?.signerId);
    const event = this.core.event(ctx, doc, 'signature-refused', actorId, doc.version, now, {
      rule: 'D4',
      article: D4_ARTICLE,
      step: action,
      signerId,
      form: signature?.form ?? doc.signature?.form ?? doc.proposal?.form,
      reason: refusal.message,
      ...(signature ? { lacked: signature.lacked.code } : {}),
      reportedTo: chiefs,
    });
    const findings = this.core.options.findings;
    if (!findings || !signature) {
      await commit({ decide: () => ({ result: event, write: () => this.core.repository.write([this.core.repository.eventItem(event)]) }) });
      return;
    }
    const identity = [doc.id, action, signature.signerId, signature.form];
    // A concurrent identical attempt that reported it first: read again, it finds the finding and adds nothing.
    const { body: reported } = await commit({
      load: () => findings.get(ctx.orgId, findingId(ctx.orgId, 'D4', identity)),
      decide: (existing) => {
        if (existing) return { result: undefined };
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
        return {
          result: change.next,
          write: () =>
            this.core.repository.write([
              this.core.repository.eventItem(event),
              ...findings.writeItems({ next: change.next, event: findingEvent, delta: change.delta, timeZone: tz, names: findingTextNames(ctx) }),
            ]),
        };
      },
    });
    if (reported) await this.core.options.afterFinding?.(ctx, [reported], now);
  }
}
