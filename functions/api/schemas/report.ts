import { z } from '@hono/zod-openapi';
import { parsePeriod } from '../../../shared/domain/periods.js';
import { AuditEventSchema, FileIdsSchema, FileRefSchema } from './assignment.js';
import { IdSchema, LocalDateSchema, LocalizedTextSchema, text } from './common.js';

/** A reporting period: ISO week, month, quarter, half or year, in the department's time zone. */
export const PeriodSchema = z
  .string()
  .refine((p) => parsePeriod(p) !== undefined, 'must be a period such as 2026-W48, 2026-11, 2026-Q4, 2026-H2 or 2026')
  .openapi({ example: '2026-W48' });

/** Rulebook obligation ids: `r3-staff-report`, and the finance reports `finance.incomeExpenseReport`. */
const ObligationIdSchema = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9.-]{0,99}$/, 'must be an obligation id from the rulebook');

/** http(s) only: a javascript: or data: link stored here would run in whichever client shows it. */
const AttachmentSchema = z
  .object({ url: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).max(2000), title: text(300).optional() })
  .strict()
  .openapi('Attachment');

const CONTENT = text(20_000).min(1).openapi({ description: 'The report itself (plain text or Markdown)' });

export const SubmitReportBody = z
  .object({
    obligationId: ObligationIdSchema.openapi({ example: 'r3-staff-report' }),
    period: PeriodSchema.optional().openapi({ description: 'The period reported on; or missionId for a mission report (R5)' }),
    missionId: IdSchema.optional().openapi({ description: 'The mission a mission report (R5) is about' }),
    content: CONTENT,
    attachments: z.array(AttachmentSchema).max(20).optional(),
    files: FileIdsSchema.optional().openapi({ description: 'Files kept with this submission: upload ids from POST /v1/uploads, each uploaded by the caller (issue #22)' }),
    reason: text(5000).optional().openapi({ description: 'Required to change an approved plan (Điều 10.1)' }),
  })
  .strict()
  .openapi('SubmitReport');

export const SubmitPlanBody = z
  .object({
    period: PeriodSchema,
    obligationId: ObligationIdSchema.optional().openapi({ description: 'Needed only when several plans are owed for the period' }),
    content: CONTENT,
    attachments: z.array(AttachmentSchema).max(20).optional(),
    files: FileIdsSchema.optional().openapi({ description: 'Files kept with this submission: upload ids from POST /v1/uploads, each uploaded by the caller (issue #22)' }),
    reason: text(5000).optional().openapi({ description: 'Required to change an approved plan (Điều 10.1)' }),
  })
  .strict()
  .openapi('SubmitPlan');

export const ReviewBody = z.object({ comment: text(5000).optional() }).strict().openapi('Review');
/** A plan's approval; `boardMatterId` names the board matter it rests on, required where the rulebook says the plan needs the board (A5, Điều 3.2). */
export const PlanApproveBody = z.object({ comment: text(5000).optional(), boardMatterId: z.string().trim().min(1).max(64).optional() }).strict().openapi('PlanApproval');
export const ReturnBody = z.object({ comment: text(5000).min(1) }).strict().openapi('ReturnWithComment');

const ObligationStatusSchema = z.enum(['pending', 'submitted', 'late', 'missing']);
const ReviewStatusSchema = z.enum(['submitted', 'acknowledged', 'returned', 'approved']);
const KindSchema = z.enum(['report', 'plan']);

export const ObligationsQuery = z
  .object({
    period: PeriodSchema,
    staffId: IdSchema.optional().openapi({ description: 'Whose obligations; the caller by default' }),
    unitId: IdSchema.optional().openapi({ description: 'A whole unit instead of a person' }),
    subPeriods: z.enum(['true', 'false']).optional().openapi({ description: 'Also the weeks and months within a longer period' }),
    limit: z.coerce.number().int().min(1).max(500).default(200),
    cursor: z.string().max(2048).optional(),
  })
  .strict();

export const ObligationSchema = z
  .object({
    key: z.string(),
    obligationId: z.string(),
    kind: KindSchema,
    rule: z.string(),
    article: z.string(),
    title: LocalizedTextSchema,
    staffId: z.string(),
    unitId: z.string(),
    recipients: z.array(z.string()),
    period: z.string(),
    cadence: z.string().optional(),
    missionId: z.string().optional(),
    missionEndedOn: z.string().optional(),
    dueAt: z.string(),
    dataCutOffAt: z.string().optional(),
    status: ObligationStatusSchema,
    reportId: z.string().optional(),
    submittedAt: z.string().optional().openapi({ description: 'The first submission, which decides on time or late' }),
    lastSubmittedAt: z.string().optional(),
    revision: z.number().int().optional(),
    reviewStatus: ReviewStatusSchema.optional(),
  })
  .openapi('Obligation');

export const ObligationListSchema = z
  .object({
    period: z.string(),
    staffId: z.string().optional(),
    unitId: z.string().optional(),
    asOf: z.string(),
    items: z.array(ObligationSchema),
    nextCursor: z.string().optional(),
  })
  .openapi('Obligations');

const ReviewSchema = z.object({ action: z.enum(['acknowledged', 'returned', 'approved']), by: z.string(), at: z.string(), comment: z.string().optional(), boardMatterId: z.string().optional() });

export const ReportSchema = z
  .object({
    id: z.string(),
    kind: KindSchema,
    key: z.string(),
    obligationId: z.string(),
    rule: z.string(),
    article: z.string(),
    title: LocalizedTextSchema,
    staffId: z.string(),
    unitId: z.string(),
    recipients: z.array(z.string()),
    period: z.string().optional(),
    cadence: z.string().optional(),
    missionId: z.string().optional(),
    missionEndedOn: z.string().optional(),
    dueAt: z.string(),
    status: z.enum(['submitted', 'late']).openapi({ description: 'Whether the first submission came on time' }),
    submittedAt: z.string().openapi({ description: 'The latest submission, stamped with the server time' }),
    late: z.boolean().openapi({ description: 'The latest submission came after the deadline' }),
    firstSubmittedAt: z.string(),
    onTime: z.boolean(),
    revision: z.number().int(),
    reviewStatus: ReviewStatusSchema,
    approvedRevision: z.number().int().optional().openapi({ description: 'Plans: the approved revision in force' }),
    lastReview: ReviewSchema.optional(),
    files: z.array(FileRefSchema()).optional().openapi({ description: 'In a submission’s answer: the files kept with it' }),
    createdAt: z.string(),
    updatedAt: z.string(),
    version: z.number().int(),
  })
  .openapi('Report');

export const ReportWithRevisionsSchema = ReportSchema.extend({
  revisions: z.array(
    z.object({
      revision: z.number().int(),
      content: z.string(),
      attachments: z.array(z.object({ url: z.string(), title: z.string().optional() })),
      files: z.array(FileRefSchema()).optional().openapi({ description: 'This revision’s files, each with its SHA-256; download with GET /v1/files/{id}' }),
      submittedAt: z.string(),
      submittedBy: z.string(),
      late: z.boolean(),
      reason: z.string().optional(),
      review: ReviewSchema.optional(),
      status: z.enum(['awaiting-review', 'acknowledged', 'returned', 'approved', 'superseded', 'replaced']),
    }),
  ),
  history: z.array(AuditEventSchema()),
}).openapi('ReportWithRevisions');

export const ListPlansQuery = z
  .object({
    unitId: IdSchema.optional().openapi({ description: 'The unit; by default the caller’s unit, or every unit for the board' }),
    period: PeriodSchema.optional().openapi({ description: 'Plans due within this period' }),
    limit: z.coerce.number().int().min(1).max(100).default(50),
    cursor: z.string().max(2048).optional(),
  })
  .strict();

export const RecordMissionBody = z
  .object({
    staffId: IdSchema,
    kind: z.enum(['training', 'conference', 'mission']),
    title: text(500).min(1),
    from: LocalDateSchema,
    to: LocalDateSchema.openapi({ description: 'The last day; the mission report (R5) is counted from it' }),
  })
  .strict()
  .openapi('RecordMission');

export const MissionSchema = z
  .object({
    id: z.string(),
    staffId: z.string(),
    unitId: z.string(),
    kind: z.enum(['training', 'conference', 'mission']),
    title: z.string(),
    from: z.string(),
    to: z.string(),
    recordedBy: z.string(),
    onBehalfOf: z.string().optional(),
    plannedTo: z.string().optional().openapi({ description: 'The last day first planned, once the return is recorded' }),
    returnedOn: z.string().optional(),
    returnRecordedBy: z.string().optional(),
    returnNote: z.string().optional(),
    createdAt: z.string(),
    updatedAt: z.string(),
    version: z.number().int(),
    obligations: z.array(
      z.object({ key: z.string(), obligationId: z.string(), rule: z.string(), article: z.string(), recipients: z.array(z.string()), dueAt: z.string() }),
    ),
  })
  .openapi('Mission');

export const ListMissionsQuery = z
  .object({
    staffId: IdSchema.optional(),
    unitId: IdSchema.optional(),
    endedFrom: LocalDateSchema.optional(),
    endedTo: LocalDateSchema.optional(),
    limit: z.coerce.number().int().min(1).max(100).default(50),
    cursor: z.string().max(2048).optional(),
  })
  .strict();

export const NotificationSchema = z
  .object({
    id: z.string(),
    recipientId: z.string(),
    kind: z.string().openapi({ description: 'report-due-soon, report-missed, report-returned, plan-approved, plan-returned, or a kind another feature adds' }),
    subject: LocalizedTextSchema,
    body: LocalizedTextSchema,
    about: z.object({
      key: z.string(),
      obligationId: z.string(),
      periodId: z.string().optional(),
      missionId: z.string().optional(),
      reportId: z.string().optional(),
      dueAt: z.string(),
    }),
    createdAt: z.string(),
    deliveredAt: z.string().optional(),
    channel: z.string().optional(),
    delivery: z.enum(['sent', 'no-address']).optional(),
    readAt: z.string().optional(),
    version: z.number().int(),
  })
  .openapi('Notification');

export const ListNotificationsQuery = z
  .object({
    unread: z.enum(['true', 'false']).optional(),
    limit: z.coerce.number().int().min(1).max(100).default(50),
    cursor: z.string().max(2048).optional(),
  })
  .strict();
