/** A document begins: drafted here, or registered by a signed push from the e-office (D5, Điều 13.1.a). */
import { ConflictError, ForbiddenError, UnprocessableError, ValidationError } from '../../domain/errors.js';
import { draftOutgoing, type OutgoingDocument } from '../../domain/outgoing-document.js';
import { EOFFICE_ACTOR, WEBHOOK_SCOPE, type WebhookCall } from '../document-service.js';
import { commit } from '../commit.js';
import { IdempotentRequest } from '../idempotent-request.js';
import type { OrgContext } from '../org-context.js';
import type { Actor } from '../organisation-service.js';
import type { DraftOutgoingInput, EofficeOutgoingInput } from '../outgoing-document-service.js';
import { OutgoingCore, eventId } from './core.js';


export class OutgoingDrafting {
  constructor(private readonly core: OutgoingCore) {}

  /** POST /v1/outgoing-documents: a member of a unit drafts a document; its head vets it next (Điều 13.1.a). */
  async draft(actor: Actor, input: DraftOutgoingInput, now: Date, idempotencyKey?: string) {
    const ctx = await this.core.contexts.load(actor, now);
    const me = ctx.authority.staff(actor.staffId);
    if (!me?.active) throw new ForbiddenError('Only current staff draft documents.');
    return commit({
      idempotency: new IdempotentRequest({ repository: this.core.idempotency, orgId: ctx.orgId, scope: `outgoing.draft.${actor.staffId}`, key: idempotencyKey, input, now }),
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
          this.core.dueAfter(ctx, 'drafted', now)!,
          now,
        );
        return {
          result: doc,
          status: 201,
          write: (extra) =>
            this.core.repository.write([
              this.core.repository.stateItem(doc),
              this.core.repository.eventItem(this.core.event(ctx, doc, 'drafted', me.id, 1, now, { status: doc.status, ownerId: doc.ownerId, stepDueAt: doc.stepDueAt, register: doc.register })),
              ...extra,
            ]),
        };
      },
    });
  }

  /**
   * POST /v1/integrations/eoffice/outgoing-documents (signed): a document drafted in the e-office,
   * registered as drafted by the staff member it names; its unit's head vets it next, as for one
   * drafted here. One document per e-office id: the same details again answer 200, others 409.
   */
  async registerFromEoffice(orgId: string, call: WebhookCall, input: EofficeOutgoingInput, now: Date) {
    const ctx = await this.core.contexts.load(orgId, now);
    return commit({
      idempotency: new IdempotentRequest({ repository: this.core.idempotency, orgId, scope: WEBHOOK_SCOPE, key: call.webhookId, now, webhook: call }),
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
          this.core.dueAfter(ctx, 'drafted', now)!,
          now,
        ) as OutgoingDocument & { externalId: string };
        return {
          result: doc as OutgoingDocument,
          status: 201,
          write: (extra) =>
            this.core.repository.write([
              this.core.repository.externalIdItem(doc),
              this.core.repository.stateItem(doc),
              this.core.repository.eventItem(this.core.event(ctx, doc, 'drafted', EOFFICE_ACTOR, 1, now, { status: doc.status, ownerId: doc.ownerId, stepDueAt: doc.stepDueAt, register: doc.register, externalId: doc.externalId, drafterId: doc.drafterId, webhookId: call.webhookId })),
              ...extra,
            ]),
        };
      },
    });
  }

  /** A second registration of the same e-office id: the document when the details agree, 409 when they differ. */
  private async existingRegistration(ctx: OrgContext, input: EofficeOutgoingInput) {
    const doc = await this.core.repository.findByExternalId(ctx.orgId, input.externalId);
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
}
