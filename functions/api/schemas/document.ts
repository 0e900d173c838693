import { z } from '@hono/zod-openapi';
import { parseInstant } from '../../../shared/domain/local-time.js';
import { OUTGOING_CALLBACK_TYPES } from '../../../shared/domain/eoffice-delivery.js';
import { AssignmentSchema, AuditEventSchema, ConfidentialitySchema, FileRefSchema } from './assignment.js';
import { ALLOWED_FILE_TYPES } from '../../../shared/domain/files.js';
import { IdSchema, LocalDateSchema, text } from './common.js';

/** A timestamp with its offset (or Z): the business time the e-office recorded. */
export const InstantSchema = z
  .string()
  .refine((s) => parseInstant(s) !== undefined, 'must be an ISO 8601 timestamp with an offset, e.g. 2026-11-26T09:00:00+07:00')
  .openapi({ example: '2026-11-26T09:00:00+07:00', format: 'date-time' });

/** The e-office's id of a document: 1–200 visible characters. */
export const ExternalIdSchema = z.string().regex(/^[\x21-\x7e]{1,200}$/, 'must be 1-200 visible ASCII characters');

export const DocumentKindSchema = z.enum(['normal', 'complaint', 'denunciation']);
export const RegisterSchema = z.enum(['general', 'confidential']);

/** A file of the document: an upload the e-office made (POST /v1/integrations/eoffice/uploads), or a URL the tracker fetches. */
export const DocumentFileBody = z
  .union([
    z.object({ uploadId: IdSchema.openapi({ description: 'The id answered by POST /v1/integrations/eoffice/uploads, its bytes PUT' }) }).strict(),
    z
      .object({
        url: z.string().max(2000).url().openapi({ description: 'https URL on one of the integration’s file hosts; no redirect to another host', example: 'https://vanban.sonla.gov.vn/files/VB-2026-004711.pdf' }),
        name: text(255).min(1).openapi({ description: 'The file name with its extension, matching the type served', example: '1234-UBND-KT.pdf' }),
        type: z.enum(Object.keys(ALLOWED_FILE_TYPES) as [string, ...string[]]).optional().openapi({ description: 'The type the host must serve' }),
        sha256: z.string().regex(/^[0-9a-f]{64}$/, 'the SHA-256 is 64 lower-case hexadecimal characters').optional().openapi({ description: 'When given, the bytes fetched must hash to it' }),
      })
      .strict(),
  ])
  .openapi('DocumentFile');

export const RegisterDocumentBody = z
  .object({
    externalId: ExternalIdSchema.openapi({ description: 'The document’s id in the e-office system', example: 'VB-2026-004711' }),
    number: text(100).optional().openapi({ description: 'Số ký hiệu, e.g. 1234/UBND-KT' }),
    title: text(1000).min(1).openapi({ description: 'Trích yếu' }),
    issuer: text(500).min(1).openapi({ description: 'Cơ quan ban hành' }),
    receivedAt: InstantSchema.openapi({ description: 'When the department received it (D1 counts from here)' }),
    confidentiality: ConfidentialitySchema.default('normal').openapi({ description: 'mật, tối mật, tuyệt mật go to the separate register (D2)' }),
    kind: DocumentKindSchema.default('normal').openapi({ description: 'complaint or denunciation letters are flagged to the director at once (D3)' }),
    files: z.array(DocumentFileBody).max(20).optional().openapi({ description: 'The document’s files (issue #22): taken at the first registration only' }),
  })
  .strict()
  .openapi('RegisterDocument');

export const DistributionBody = z
  .object({
    assigneeIds: z
      .array(IdSchema)
      .min(1)
      .max(10)
      .refine((ids) => new Set(ids).size === ids.length, 'must not repeat an id')
      .openapi({ description: 'Staff ids (the person answers) or unit ids (its head answers)' }),
    distributedAt: InstantSchema.openapi({ description: 'When the deputy in charge distributed it (D1)' }),
    dueDate: LocalDateSchema.optional().openapi({ description: 'Due date of the work; 10 working days after the distribution when absent' }),
  })
  .strict()
  .openapi('DocumentDistribution');

export const WebhookHeaders = z.object({
  'webhook-id': z.string().openapi({ description: 'The e-office event id; also the idempotency key' }),
  'webhook-timestamp': z.string().openapi({ description: 'Unix seconds; more than 5 minutes off real time is refused' }),
  'webhook-signature': z.string().openapi({ description: '`v1,<base64 HMAC-SHA256 of "<id>.<timestamp>.<raw body>">`, space-separated during a rotation' }),
});

const DistributionSchema = z.object({
  id: z.string(),
  distributedAt: z.string(),
  distributorId: z.string(),
  onBehalfOf: z.string().optional(),
  targets: z.array(z.object({ id: z.string(), kind: z.enum(['staff', 'unit']) })),
  assignmentIds: z.array(z.string()),
  dueDate: z.string(),
  webhookId: z.string(),
});

export const DocumentSchema = z
  .object({
    id: z.string(),
    externalId: z.string(),
    number: z.string().optional(),
    title: z.string(),
    issuer: z.string(),
    receivedAt: z.string(),
    confidentiality: ConfidentialitySchema,
    kind: DocumentKindSchema,
    register: RegisterSchema,
    status: z.enum(['registered', 'distributed']),
    distributionDueAt: z.string().openapi({ description: 'D1: distributed the same day, or at the latest at the start of the next working day' }),
    distributionTimeliness: z.enum(['pending', 'overdue', 'on-time', 'late']),
    firstDistributedAt: z.string().optional(),
    distributedOnTime: z.boolean().optional(),
    distributions: z.array(DistributionSchema),
    files: z.array(FileRefSchema()).optional().openapi({ description: 'The document’s files with their SHA-256 (uploadedBy `integration:eoffice`); download with GET /v1/files/{id}' }),
    partyIds: z.array(z.string()),
    unitIds: z.array(z.string()),
    complaint: z
      .object({ rule: z.literal('D3'), article: z.string(), flagIds: z.array(z.string()), reportedTo: z.array(z.string()), dueAt: z.string() })
      .optional(),
    webhookId: z.string(),
    registeredAt: z.string(),
    updatedAt: z.string(),
    version: z.number().int(),
  })
  .openapi('Document');

export const DocumentWithHistorySchema = DocumentSchema.extend({ history: z.array(AuditEventSchema()) }).openapi('DocumentWithHistory');

export const DistributionResultSchema = z
  .object({ document: DocumentSchema, assignments: z.array(AssignmentSchema()) })
  .openapi('DistributionResult');

export const ListDocumentsQuery = z
  .object({
    register: RegisterSchema.default('general').openapi({ description: 'confidential: the separate register (D2), only what the caller is entitled to' }),
    receivedFrom: LocalDateSchema.optional(),
    receivedTo: LocalDateSchema.optional(),
    limit: z.coerce.number().int().min(1).max(100).default(50),
    cursor: z.string().max(2048).optional(),
  })
  .strict();

export const FlagSchema = z
  .object({
    id: z.string(),
    recipientId: z.string(),
    rule: z.string(),
    article: z.string(),
    kind: z.literal('complaint-letter'),
    documentId: z.string(),
    title: z.string(),
    createdAt: z.string(),
    dueAt: z.string(),
  })
  .openapi('Flag');

const AttemptSchema = z.object({
  at: z.string(),
  ok: z.boolean(),
  status: z.number().int().optional(),
  error: z.string().optional(),
  durationMs: z.number(),
});

export const DeliverySchema = z
  .object({
    id: z.string().openapi({ description: 'Deterministic; sent as webhook-id' }),
    type: z.enum(['assignment.completed', 'assignment.returned', 'assignment.overdue', ...OUTGOING_CALLBACK_TYPES]),
    assignmentId: z.string().optional().openapi({ description: 'The assignment reported; absent for an outgoing document’s step' }),
    documentId: z.string().openapi({ description: 'The incoming document of the assignment, or the outgoing document whose step is reported' }),
    payload: z.object({ type: z.string(), timestamp: z.string(), data: z.record(z.string(), z.unknown()) }),
    state: z.enum(['pending', 'delivered', 'failed']),
    attemptCount: z.number().int(),
    attempts: z.array(AttemptSchema),
    nextAttemptAt: z.string().optional(),
    lastError: z.string().optional(),
    deliveredAt: z.string().optional(),
    failedAt: z.string().optional(),
    createdAt: z.string(),
    updatedAt: z.string(),
    version: z.number().int(),
  })
  .openapi('EofficeDelivery');
