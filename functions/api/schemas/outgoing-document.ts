import { z } from '@hono/zod-openapi';
import { AuditEventSchema } from './assignment.js';
import { IdSchema, text } from './common.js';

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
    number: z.string().optional(),
    returns: z.array(z.object({ at: z.string(), byId: z.string(), from: z.string(), reason: z.string() })),
    version: z.number().int(),
  })
  .passthrough()
  .openapi('OutgoingDocument');

export const OutgoingWithHistorySchema = OutgoingDocumentSchema.extend({ history: z.array(AuditEventSchema) }).openapi('OutgoingDocumentWithHistory');
