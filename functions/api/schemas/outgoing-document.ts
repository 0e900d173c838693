import { z } from '@hono/zod-openapi';
import type { StepInput } from '../../../shared/domain/outgoing-document.js';
import { AuditEventSchema } from './assignment.js';
import { IdSchema, text } from './common.js';
import { ExternalIdSchema, InstantSchema } from './document.js';

const kinds = ['official-letter', 'decision', 'report', 'plan', 'submission', 'invitation', 'notice'] as const;
const forms = ['director', 'kt', 'tl', 'unit-head'] as const;

export const DraftOutgoingBody = z
  .object({
    title: text(500).min(1),
    kind: z.enum(kinds),
    scope: z.enum(['department', 'unit']).openapi({ description: 'A department document (signed by the board) or the unit’s own (signed by its head, Điều 13.2)' }),
    fieldId: IdSchema.optional().openapi({ description: 'The field (lĩnh vực): a deputy signs only within his fields (A3)' }),
    confidentiality: z.enum(['normal', 'confidential', 'secret', 'top-secret']).default('normal'),
  })
  .strict()
  .openapi('DraftOutgoingDocument');

export const OutgoingStepBody = z
  .discriminatedUnion('action', [
    z.object({ action: z.literal('vet'), note: text(2000).optional() }).strict(),
    z.object({ action: z.literal('submit'), signerId: IdSchema, form: z.enum(forms), note: text(2000).optional() }).strict(),
    z.object({ action: z.literal('check-form'), note: text(2000).optional() }).strict(),
    z.object({ action: z.literal('sign') }).strict(),
    z.object({ action: z.literal('number') }).strict(),
    z.object({ action: z.literal('seal') }).strict(),
    z.object({ action: z.literal('send'), recipients: z.array(text(300).min(1)).min(1).max(100) }).strict(),
    z.object({ action: z.literal('file'), originalRef: text(300).min(1) }).strict(),
    z.object({ action: z.literal('return'), reason: text(2000).min(1) }).strict(),
  ])
  .openapi('OutgoingDocumentStep');

export const ListOutgoingQuery = z
  .object({
    view: z.enum(['mine', 'general', 'confidential']).default('mine'),
    limit: z.coerce.number().int().min(1).max(100).default(50),
    cursor: z.string().max(2048).optional(),
  })
  .strict();

export const OutgoingDocumentSchema = z
  .object({
    id: z.string(),
    title: z.string(),
    kind: z.enum(kinds),
    scope: z.enum(['department', 'unit']),
    unitId: z.string(),
    fieldId: z.string().optional(),
    confidentiality: z.string(),
    register: z.enum(['general', 'confidential']),
    drafterId: z.string(),
    status: z.string(),
    ownerId: z.string().optional(),
    stepDueAt: z.string().optional(),
    proposedById: z.string().optional(),
    proposal: z.object({ signerId: z.string(), form: z.enum(forms), note: z.string().optional() }).optional(),
    signature: z.object({ signerId: z.string(), form: z.enum(forms), signedAt: z.string() }).optional(),
    vettedById: z.string().optional(),
    number: z.string().optional(),
    sequence: z.number().int().optional().openapi({ description: 'The number’s sequence in its register’s year' }),
    year: z.number().int().optional(),
    sealedAt: z.string().optional(),
    sentAt: z.string().optional(),
    recipients: z.array(z.string()).optional(),
    filedAt: z.string().optional(),
    originalRef: z.string().optional().openapi({ description: 'Where the original is kept (Điều 9.1.3)' }),
    returns: z.array(z.object({ at: z.string(), byId: z.string(), from: z.string(), reason: z.string() })),
    partyIds: z.array(z.string()).openapi({ description: 'Everyone who had a step: they may see it (D2)' }),
    externalId: z.string().optional().openapi({ description: 'The e-office’s id, when it came through the e-office' }),
    createdAt: z.string(),
    updatedAt: z.string(),
    version: z.number().int(),
  })
  .openapi('OutgoingDocument');

export const OutgoingWithHistorySchema = OutgoingDocumentSchema.extend({ history: z.array(AuditEventSchema()) }).openapi('OutgoingDocumentWithHistory');

/** Signed push (e-office): an outgoing document drafted in the e-office system. */
export const EofficeOutgoingBody = z
  .object({
    externalId: ExternalIdSchema.openapi({ description: 'The document’s id in the e-office system', example: 'VBDI-2026-000815' }),
    drafterId: IdSchema.openapi({ description: 'The staff member who drafted it (chuyên viên soạn thảo)' }),
    unitId: IdSchema.optional().openapi({ description: 'The drafting unit, whose head vets it (Điều 13.1.a); the drafter’s own unit when absent, and must be it' }),
    title: text(500).min(1).openapi({ description: 'Trích yếu' }),
    kind: z.enum(kinds).default('official-letter'),
    scope: z.enum(['department', 'unit']).default('department').openapi({ description: 'A department document (signed by the board) or the unit’s own (signed by its head, Điều 13.2)' }),
    fieldId: IdSchema.optional().openapi({ description: 'The field (lĩnh vực): a deputy signs only within his fields (A3)' }),
    confidentiality: z.enum(['normal', 'confidential', 'secret', 'top-secret']).default('normal').openapi({ description: 'mật, tối mật, tuyệt mật go to the separate register (D2)' }),
  })
  .strict()
  .openapi('EofficeOutgoingDocument');

const who = {
  actorId: IdSchema.openapi({ description: 'The staff member who took the step in the e-office; the same checks as for a person’s own step apply to them' }),
  at: InstantSchema.openapi({ description: 'When the step was taken in the e-office (not in the future, not before the document’s last step)' }),
};

/** The register's number as the e-office wrote it: its leading integer is the sequence of the year (Điều 9.1.1). */
const RegisterNumber = text(100)
  .regex(/^0*[1-9]\d{0,8}(\/\S.*)?$/, 'must begin with the register’s number of the year, e.g. 125/STTTT-VP')
  .openapi({ example: '125/STTTT-VP' });

/** Signed push (e-office): a step the e-office took, mapped onto the same step of the flow. */
export const EofficeOutgoingStepBody = z
  .discriminatedUnion('action', [
    z.object({ action: z.literal('vet'), note: text(2000).optional(), ...who }).strict(),
    z.object({ action: z.literal('submit'), signerId: IdSchema, form: z.enum(forms), note: text(2000).optional(), ...who }).strict(),
    z.object({ action: z.literal('check-form'), note: text(2000).optional(), ...who }).strict(),
    z.object({ action: z.literal('sign'), ...who }).strict(),
    z.object({ action: z.literal('number'), number: RegisterNumber, ...who }).strict(),
    z.object({ action: z.literal('seal'), ...who }).strict(),
    z.object({ action: z.literal('send'), recipients: z.array(text(300).min(1)).min(1).max(100), ...who }).strict(),
    z.object({ action: z.literal('file'), originalRef: text(300).min(1), ...who }).strict(),
    z.object({ action: z.literal('return'), reason: text(2000).min(1), ...who }).strict(),
  ])
  .openapi('EofficeOutgoingStep');

/**
 * A step sent to the API as the service takes it. The tracker numbers a document from its
 * register (Điều 9.1.1): the service replaces this sequence and year with the register's next.
 */
export function toStepInput(body: z.infer<typeof OutgoingStepBody>): StepInput {
  return body.action === 'number' ? { action: 'number', sequence: 0, year: 0 } : body;
}
