import { z } from '@hono/zod-openapi';
import { IdSchema, LocalDateSchema, authenticatedProblems, lazySchema, problemResponses } from './common.js';

export const PrioritySchema = z.enum(['normal', 'high', 'urgent']);
export const ConfidentialitySchema = z.enum(['normal', 'confidential', 'secret', 'top-secret']);
export const SourceKindSchema = z.enum(['document', 'meeting', 'plan', 'ad-hoc']);
export const StatusSchema = z.enum(['assigned', 'in-progress', 'completed', 'cancelled']);
export const TimelinessSchema = z.enum(['within-deadline', 'due-soon', 'overdue', 'on-time', 'on-time-after-extension', 'late', 'cancelled']);

/** The answers' schemas below are built when first asked for: a cold GET builds none (common.ts, lazySchema). */

/** Upload ids (POST /v1/uploads) of files to keep with the record (issue #22). */
export const FileIdsSchema = z.array(IdSchema).max(20).openapi({ description: 'Upload ids from POST /v1/uploads, each uploaded by the caller' });

export const FileRefSchema = lazySchema(() =>
  z
    .object({ id: z.string(), name: z.string(), type: z.string(), size: z.number(), sha256: z.string(), uploadedBy: z.string(), uploadedAt: z.string() })
    .openapi('FileRef'),
);

export const ExtensionRequestSchema = lazySchema(() =>
  z.object({
    id: z.string(),
    newDueDate: z.string(),
    reason: z.string(),
    requestedBy: z.string(),
    requestedAt: z.string(),
    status: z.enum(['pending', 'approved', 'refused', 'withdrawn']),
    withdrawnAt: z.string().optional(),
    decidedBy: z.string().optional(),
    decidedOnBehalfOf: z.string().optional(),
    decidedAt: z.string().optional(),
    decisionNote: z.string().optional(),
  }),
);

export const AuditEventSchema = lazySchema(() =>
  z
    .object({
      id: z.string(),
      entityType: z.string(),
      entityId: z.string(),
      action: z.string(),
      actorId: z.string(),
      onBehalfOf: z.string().optional(),
      at: z.string(),
      version: z.number().int(),
      data: z.record(z.string(), z.unknown()),
    })
    .openapi('AuditEvent'),
);

export const AssignmentSchema = lazySchema(() =>
  z
    .object({
      id: z.string(),
      title: z.string(),
      description: z.string().optional(),
      assigneeId: z.string().nullable(),
      unitId: z.string(),
      responsibleId: z.string(),
      coordinatorIds: z.array(z.string()),
      assignerId: z.string(),
      onBehalfOf: z.string().optional(),
      fieldId: z.string().optional(),
      priority: PrioritySchema,
      source: z.object({ kind: SourceKindSchema, ref: z.string().optional(), itemId: z.string().optional() }),
      confidentiality: ConfidentialitySchema,
      dueDate: z.string(),
      originalDueDate: z.string(),
      dueAt: z.string(),
      status: StatusSchema,
      timeliness: TimelinessSchema,
      percent: z.number(),
      lastProgressNote: z.string().optional(),
      completedAt: z.string().optional(),
      completedOnTime: z.boolean().optional(),
      completion: z.enum(['on-time', 'on-time-after-extension', 'late']).optional(),
      completionNote: z.string().optional(),
      evidence: z.array(z.object({ url: z.string(), title: z.string().optional() })).optional(),
      files: z.array(FileRefSchema()).optional().openapi({ description: 'Evidence files, each with its SHA-256; download with GET /v1/files/{id}' }),
      returnCount: z.number(),
      awaitingAcceptance: z.boolean().optional().openapi({ description: 'Completed work not yet accepted (nghiệm thu)' }),
      acceptedAt: z.string().optional(),
      acceptedBy: z.string().optional(),
      acceptedOnBehalfOf: z.string().optional(),
      acceptanceNote: z.string().optional(),
      cancelledAt: z.string().optional(),
      cancellationReason: z.string().optional(),
      extensionRequests: z.array(ExtensionRequestSchema()),
      createdAt: z.string(),
      updatedAt: z.string(),
      version: z.number().int(),
    })
    .openapi('Assignment'),
);

export const AssignmentWithHistorySchema = lazySchema(() =>
  AssignmentSchema().extend({ history: z.array(AuditEventSchema()) }).openapi(
    'AssignmentWithHistory',
  ),
);

export const ListAssignmentsQuery = z
  .object({
    assigneeId: IdSchema.optional(),
    unitId: IdSchema.optional(),
    status: StatusSchema.optional(),
    overdue: z.enum(['true', 'false']).optional(),
    dueBefore: LocalDateSchema.optional().openapi({ description: 'Due on or before this date' }),
    dueAfter: LocalDateSchema.optional().openapi({ description: 'Due on or after this date' }),
    sourceKind: SourceKindSchema.optional(),
    limit: z.coerce.number().int().min(1).max(100).default(50),
    cursor: z.string().max(2048).optional(),
  })
  .strict();

/** What a route on one assignment can answer besides its success (the GET and every change declare the same). */
export const assignmentProblems = {
  ...authenticatedProblems,
  404: problemResponses.problem('No such assignment, or not visible to the caller'),
  409: problemResponses.problem('Not possible in the assignment’s current state'),
  412: problemResponses.problem('If-Match named a stale version'),
};
