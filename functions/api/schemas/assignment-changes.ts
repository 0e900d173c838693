/** What a change to an assignment takes (its POST routes, functions/api/routes/assignment-changes.ts): loaded only by a request that changes one. */
import { z } from '@hono/zod-openapi';
import { FileIdsSchema, PrioritySchema, ConfidentialitySchema, SourceKindSchema } from './assignment.js';
import { IdSchema, LocalDateSchema, text } from './common.js';

/** http(s) only: a javascript: or data: link stored here would run in whichever client shows it. */
const EvidenceSchema = z
  .object({ url: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).max(2000), title: text(300).optional() })
  .strict()
  .openapi('Evidence');

export const CreateAssignmentBody = z
  .object({
    title: text(500).min(1),
    description: text(10_000).optional(),
    assigneeId: IdSchema.optional(),
    unitId: IdSchema.optional(),
    coordinatorIds: z.array(IdSchema).max(50).optional(),
    dueDate: LocalDateSchema,
    priority: PrioritySchema.optional(),
    source: z
      .object({ kind: SourceKindSchema, ref: text(300).optional() })
      .strict()
      .optional(),
    confidentiality: ConfidentialitySchema.optional(),
    fieldId: IdSchema.optional().openapi({ description: 'The portfolio field (A3): lets a deputy director assign within their fields' }),
  })
  .strict()
  .openapi('CreateAssignment');

export const ProgressBody = z
  .object({ percent: z.number().int().min(0).max(100), note: text(5000).min(1), files: FileIdsSchema.optional() })
  .strict()
  .openapi('Progress');

export const CompleteBody = z
  .object({ note: text(5000).min(1), evidence: z.array(EvidenceSchema).max(20).optional(), files: FileIdsSchema.optional() })
  .strict()
  .openapi('Completion');

export const AcceptBody = z
  .object({ note: text(5000).optional() })
  .strict()
  .openapi('Acceptance');

export const ReasonBody = z.object({ reason: text(5000).min(1) }).strict().openapi('Reason');

export const ExtensionRequestBody = z
  .object({ newDueDate: LocalDateSchema, reason: text(5000).min(1).openapi({ description: 'Required (Điều 10.1)' }) })
  .strict()
  .openapi('ExtensionRequestInput');

export const ExtensionDecisionBody = z
  .object({ approve: z.boolean(), note: text(5000).optional() })
  .strict()
  .openapi('ExtensionDecision');
