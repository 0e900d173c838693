import { z } from '@hono/zod-openapi';
import type { PreparationView } from '../../../shared/services/meeting-preparation-service.js';
import { AssignmentSchema, AuditEventSchema, ConfidentialitySchema, FileIdsSchema, FileRefSchema, PrioritySchema, StatusSchema, TimelinessSchema } from './assignment.js';
import { IdSchema, LocalDateSchema, text } from './common.js';

export const MeetingKindSchema = z
  .enum(['weekly-briefing', 'monthly-unit', 'semiannual-review', 'annual-review', 'extraordinary', 'topical'])
  .openapi({ description: 'A kind the rulebook’s meetingObligations define' });

// http(s) only: the meeting page links to it.
const AttachmentSchema = z
  .object({ url: z.string().url().max(2000).regex(/^https?:\/\//i, 'must be an http(s) URL'), title: text(300).optional() })
  .strict()
  .openapi('MeetingAttachment');

export const RecordMeetingBody = z
  .object({
    kind: MeetingKindSchema,
    heldOn: LocalDateSchema.openapi({ description: 'The day it was held; not in the future' }),
    chairId: IdSchema,
    unitId: IdSchema.optional().openapi({ description: 'Required for monthly-unit; optional for extraordinary and topical (a unit’s own meeting); omitted for the board’s meetings' }),
    subject: text(300).optional(),
    participantIds: z.array(IdSchema).max(200),
    minutes: text(20_000).optional(),
    attachments: z.array(AttachmentSchema).max(20).optional(),
    files: FileIdsSchema.optional().openapi({ description: 'The minutes’ files: upload ids from POST /v1/uploads, each uploaded by the caller (issue #22)' }),
  })
  .strict()
  .openapi('RecordMeeting');

export const ConclusionItemBody = z
  .object({
    text: text(500).min(1).openapi({ description: 'The conclusion; becomes the assignment’s title' }),
    detail: text(2000).optional(),
    assigneeId: IdSchema.optional(),
    unitId: IdSchema.optional(),
    dueDate: LocalDateSchema,
    coordinatorIds: z.array(IdSchema).max(50).optional(),
    priority: PrioritySchema.optional(),
    fieldId: IdSchema.optional(),
    confidentiality: ConfidentialitySchema.optional().openapi({
      description: 'A confidential conclusion (D2): its assignment is confidential, and its text is shown only to those who may see that assignment',
    }),
  })
  .strict()
  .openapi('ConclusionItemInput');

export const IssueConclusionsBody = z
  .object({
    summary: text(5000).optional(),
    items: z.array(ConclusionItemBody).min(1).max(50),
    files: FileIdsSchema.optional().openapi({ description: 'The written conclusions’ files (the signed notice): upload ids from POST /v1/uploads, each uploaded by the caller' }),
  })
  .strict()
  .openapi('IssueConclusions');

const ConclusionsSchema = z.object({
  issuedAt: z.string(),
  issuedBy: z.string(),
  onBehalfOf: z.string().optional(),
  summary: z.string().optional(),
  files: z.array(FileRefSchema()).optional().openapi({ description: 'The conclusions’ files, each with its SHA-256; download with GET /v1/files/{id}' }),
  itemCount: z.number().int(),
  onTime: z.boolean(),
});

export const MeetingSchema = z
  .object({
    id: z.string(),
    kind: MeetingKindSchema,
    obligationId: z.string(),
    rule: z.string(),
    article: z.string(),
    level: z.enum(['department', 'unit']),
    unitId: z.string(),
    heldOn: z.string(),
    subject: z.string().optional(),
    chairId: z.string(),
    onBehalfOf: z.string().optional(),
    participantIds: z.array(z.string()),
    minutes: z.string().optional(),
    attachments: z.array(z.object({ url: z.string(), title: z.string().optional() })),
    files: z.array(FileRefSchema()).optional().openapi({ description: 'The minutes’ files, each with its SHA-256; download with GET /v1/files/{id}' }),
    recordedBy: z.string(),
    conclusionsDueAt: z.string(),
    conclusionStatus: z.enum(['awaiting', 'overdue', 'on-time', 'late']),
    conclusions: ConclusionsSchema.optional(),
    createdAt: z.string(),
    updatedAt: z.string(),
    version: z.number().int(),
  })
  .openapi('Meeting');

export const ConclusionItemSchema = z
  .object({
    n: z.number().int(),
    text: z.string().openapi({ description: '"Nội dung mật" when hidden' }),
    detail: z.string().optional().openapi({ description: 'Only to those who may see the assignment' }),
    assigneeId: z.string().nullable().optional(),
    unitId: z.string().optional(),
    responsibleId: z.string().optional(),
    dueDate: z.string().optional(),
    confidentiality: ConfidentialitySchema.optional(),
    hidden: z.literal(true).optional().openapi({ description: 'A confidential conclusion the caller may not see: only its number, level and assignment id are shown' }),
    assignmentId: z.string(),
    state: z.enum(['created', 'pending']),
    status: StatusSchema.optional(),
    timeliness: TimelinessSchema.optional(),
    percent: z.number().optional(),
    assignment: AssignmentSchema().optional(),
  })
  .openapi('ConclusionItem');

export const MeetingDetailSchema = MeetingSchema.extend({
  items: z.array(ConclusionItemSchema),
  history: z.array(AuditEventSchema()),
}).openapi('MeetingDetail');

export const ListMeetingsQuery = z
  .object({
    kind: MeetingKindSchema.optional(),
    unitId: IdSchema.optional(),
    from: LocalDateSchema.optional().openapi({ description: 'Held on or after' }),
    to: LocalDateSchema.optional().openapi({ description: 'Held on or before' }),
    withoutConclusions: z.enum(['true', 'false']).optional().openapi({ description: 'Only those past their conclusions deadline with none issued' }),
    limit: z.coerce.number().int().min(1).max(100).default(50),
    cursor: z.string().max(2048).optional(),
  })
  .strict();

export const ExpectedQuery = z.object({ from: LocalDateSchema, to: LocalDateSchema }).strict();

export const ExpectedMeetingSchema = z
  .object({
    key: z.string(),
    obligationId: z.string(),
    rule: z.string(),
    article: z.string(),
    kind: MeetingKindSchema,
    title: z.object({ vi: z.string(), en: z.string() }),
    level: z.enum(['department', 'unit']),
    unitId: z.string(),
    occurrence: z.string(),
    window: z.object({ start: z.string(), end: z.string() }),
    expectedOn: z.string().optional(),
    movedFrom: z.string().optional(),
    movedBecause: z.object({ vi: z.string(), en: z.string() }).optional(),
    conclusionWorkingDays: z.number().int(),
    status: z.enum(['held', 'pending', 'missed']),
    offSchedule: z.boolean().optional().openapi({ description: 'M1 (Điều 11.1): held, but none on its expected day (true only when so)' }),
    meetings: z.array(
      z.object({
        id: z.string(),
        kind: MeetingKindSchema,
        unitId: z.string(),
        heldOn: z.string(),
        conclusions: z.object({ issuedAt: z.string(), onTime: z.boolean() }).optional(),
      }),
    ),
  })
  .openapi('ExpectedMeeting');

// M6 (Điều 11.1.a): the Office's preparation of one occurrence of a board meeting.
const TimeSchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time HH:MM');

export const PreparationIdParam = z.object({
  id: z
    .string()
    .regex(/^mprep\.[A-Za-z0-9-]{1,80}\.\d{4}(-W\d{2})?$/, 'must be mprep.<obligationId>.<occurrence>')
    .openapi({ param: { name: 'id', in: 'path' }, example: 'mprep.m1-weekly-briefing.2026-W49' }),
});

export const ProgrammeBody = z
  .object({
    meetingOn: LocalDateSchema.openapi({ description: 'The day the meeting is called for, within its week (briefing) or window (reviews)' }),
    startTime: TimeSchema,
    endTime: TimeSchema.optional(),
    location: text(300).optional(),
    agenda: text(5000).optional(),
    participantIds: z.array(IdSchema).min(1).max(300),
    documents: z.array(AttachmentSchema).max(20).optional().openapi({ description: 'The documents (nếu có), as links' }),
    files: FileIdsSchema.optional().openapi({
      description: 'The documents as files: upload ids from POST /v1/uploads, each uploaded by the caller; ids the preparation already keeps are ignored, so the list may be sent again',
    }),
  })
  .strict()
  .openapi('MeetingProgramme');

export const MinutesBody = z
  .object({
    text: text(20_000).min(1),
    files: FileIdsSchema.optional().openapi({ description: 'The minutes’ files (a scanned record): upload ids, each uploaded by the caller; ids already kept are ignored' }),
  })
  .strict()
  .openapi('MeetingMinutes');

const PreparationStatusSchema = z.enum(['awaiting', 'overdue', 'on-time', 'late']);

export const PreparationSchema = z
  .object({
    id: z.string(),
    obligationId: z.string(),
    kind: MeetingKindSchema,
    rule: z.string(),
    article: z.string(),
    title: z.object({ vi: z.string(), en: z.string() }),
    occurrence: z.string(),
    window: z.object({ start: LocalDateSchema, end: LocalDateSchema }),
    expectedOn: LocalDateSchema.optional(),
    meetingOn: LocalDateSchema.optional(),
    programme: z
      .object({
        meetingOn: LocalDateSchema,
        startTime: z.string(),
        endTime: z.string().optional(),
        location: z.string().optional(),
        agenda: z.string().optional(),
        participantIds: z.array(z.string()),
        publishedAt: z.string(),
        publishedBy: z.string(),
        updatedAt: z.string(),
      })
      .optional(),
    documents: z.array(AttachmentSchema),
    files: z.array(FileRefSchema()).openapi({ description: 'The documents as files, each with its SHA-256; download with GET /v1/files/{id}' }),
    minutes: z
      .object({ text: z.string(), recordedAt: z.string(), recordedBy: z.string(), updatedAt: z.string(), files: z.array(FileRefSchema()).optional() })
      .optional(),
    meeting: z.object({ id: z.string(), heldOn: LocalDateSchema, minutes: z.string().optional() }).optional(),
    programmeDueAt: z.string().optional(),
    programmeStatus: PreparationStatusSchema.optional(),
    minutesDueAt: z.string().optional(),
    minutesStatus: PreparationStatusSchema.optional(),
    mayEdit: z.boolean(),
    version: z.number().int(),
    history: z.array(AuditEventSchema()),
  })
  .openapi('MeetingPreparation');

/** A preparation as the API sends it: its kind is a rulebook meeting obligation's, which the service types as a plain string. */
export function toPreparationResponse(view: PreparationView) {
  const kind = MeetingKindSchema.safeParse(view.kind);
  if (!kind.success) throw new Error(`A meeting preparation cannot be of kind ${view.kind}`);
  return { ...view, kind: kind.data };
}
