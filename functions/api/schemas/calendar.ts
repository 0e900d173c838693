import { z } from '@hono/zod-openapi';
import { IdSchema, LocalDateSchema, LocalizedTextSchema, text } from './common.js';

const MonthSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month YYYY-MM').openapi({ example: '2026-12' });
const TimeSchema = z.string().regex(/^(?:[01]\d|2[0-3]):[0-5]\d$/, "must be a time 'HH:mm'").openapi({ example: '08:00' });
const WeekSchema = z.string().regex(/^\d{4}-W\d{2}$/, 'must be an ISO week such as 2026-W48').openapi({ example: '2026-W48' });
const AuditEventSchema = z.object({ id: z.string(), action: z.string(), actorId: z.string(), at: z.string(), version: z.number().int() }).passthrough();

// ---------------------------------------------------------------------------------------
// Citizen reception (C1, Điều 14)

export const MonthParam = z.object({ month: MonthSchema.openapi({ param: { name: 'month', in: 'path' } }) });
export const SessionParams = z.object({
  month: MonthSchema.openapi({ param: { name: 'month', in: 'path' } }),
  n: z.coerce.number().int().min(1).max(99).openapi({ param: { name: 'n', in: 'path' }, example: 1 }),
});

const SessionInput = z
  .object({ date: LocalDateSchema, start: TimeSchema, end: TimeSchema, hostId: IdSchema, location: text(300).optional() })
  .strict()
  .openapi('ReceptionSessionInput');

export const ProposeScheduleBody = z
  .object({ month: MonthSchema, sessions: z.array(SessionInput).min(1).max(31), note: text(2000).optional() })
  .strict()
  .openapi('ProposeReceptionSchedule');

export const ReviseScheduleBody = z
  .object({ sessions: z.array(SessionInput).min(1).max(31), note: text(2000).optional() })
  .strict()
  .openapi('ReviseReceptionSchedule');

export const ReasonBody = z.object({ reason: text(2000).min(1) }).strict().openapi('Reason');

export const RescheduleBody = z
  .object({ date: LocalDateSchema, start: TimeSchema.optional(), end: TimeSchema.optional(), hostId: IdSchema.optional(), reason: text(2000).min(1) })
  .strict()
  .openapi('RescheduleSession');

export const OutcomeBody = z
  .object({
    receivedBy: IdSchema,
    otherStaffIds: z.array(IdSchema).max(30).optional(),
    citizenCount: z.number().int().min(0).max(10_000),
    note: text(4000).optional(),
    cases: z
      .array(z.object({ kind: z.enum(['complaint', 'denunciation']), summary: text(2000).min(1), citizenName: text(200).optional() }).strict())
      .max(50)
      .optional(),
  })
  .strict()
  .openapi('ReceptionSessionOutcome');

export const ListSchedulesQuery = z.object({ from: MonthSchema, to: MonthSchema }).strict();

const SessionSchema = z.object({
  n: z.number().int(),
  date: z.string(),
  start: z.string(),
  end: z.string(),
  hostId: z.string(),
  location: z.string().optional(),
  status: z.enum(['scheduled', 'held']),
  reschedules: z.array(z.object({ fromDate: z.string(), toDate: z.string(), fromHostId: z.string(), reason: z.string(), by: z.string(), at: z.string() })),
  outcome: z
    .object({
      receivedBy: z.string(),
      otherStaffIds: z.array(z.string()),
      citizenCount: z.number().int(),
      caseCount: z.number().int(),
      note: z.string().optional(),
      recordedBy: z.string(),
      recordedAt: z.string(),
    })
    .optional(),
});

export const ScheduleSchema = z
  .object({
    id: z.string(),
    month: z.string(),
    status: z.enum(['proposed', 'approved', 'returned']),
    sessions: z.array(SessionSchema),
    note: z.string().optional(),
    proposedBy: z.string(),
    proposedAt: z.string(),
    approvedBy: z.string().optional(),
    approvedOnBehalfOf: z.string().optional(),
    approvedAt: z.string().optional(),
    approvedOnTime: z.boolean().optional(),
    returnedBy: z.string().optional(),
    returnReason: z.string().optional(),
    dueAt: z.string().openapi({ description: 'When the approved schedule is due (C1)' }),
    cases: z.array(
      z.object({
        n: z.number().int(),
        k: z.number().int(),
        kind: z.enum(['complaint', 'denunciation']),
        receivedOn: z.string(),
        dueDate: z.string(),
        assignmentId: z.string(),
        state: z.enum(['created', 'pending']),
        summary: z.string().optional(),
        citizenName: z.string().optional(),
        status: z.string().optional(),
        timeliness: z.string().optional(),
      }),
    ),
    history: z.array(AuditEventSchema).optional(),
    createdAt: z.string(),
    updatedAt: z.string(),
    version: z.number().int(),
  })
  .openapi('ReceptionSchedule');

// ---------------------------------------------------------------------------------------
// Delegation visits (Điều 17)

export const RecordVisitBody = z
  .object({
    delegation: text(300).min(1).openapi({ example: 'Đoàn công tác Bộ Thông tin và Truyền thông' }),
    purpose: text(2000).optional(),
    from: LocalDateSchema,
    to: LocalDateSchema,
    start: TimeSchema.optional(),
    end: TimeSchema.optional(),
    location: text(300).optional(),
    hostIds: z.array(IdSchema).min(1).max(30),
    preparations: z
      .array(z.object({ text: text(500).min(1), detail: text(4000).optional(), unitId: IdSchema.optional(), assigneeId: IdSchema.optional(), dueDate: LocalDateSchema }).strict())
      .max(20)
      .optional(),
  })
  .strict()
  .openapi('RecordVisit');

export const ListVisitsQuery = z.object({ from: LocalDateSchema, to: LocalDateSchema }).strict();

export const VisitSchema = z
  .object({
    id: z.string(),
    delegation: z.string(),
    purpose: z.string().optional(),
    from: z.string(),
    to: z.string(),
    start: z.string().optional(),
    end: z.string().optional(),
    location: z.string().optional(),
    hostIds: z.array(z.string()),
    decidedBy: z.string(),
    recordedBy: z.string(),
    preparationCount: z.number().int(),
    preparingUnitIds: z.array(z.string()).optional(),
    preparations: z.array(
      z.object({
        n: z.number().int(),
        text: z.string(),
        unitId: z.string(),
        responsibleId: z.string(),
        dueDate: z.string(),
        assignmentId: z.string(),
        state: z.enum(['created', 'pending']),
        status: z.string().optional(),
        timeliness: z.string().optional(),
      }),
    ),
    history: z.array(AuditEventSchema).optional(),
    createdAt: z.string(),
    updatedAt: z.string(),
    version: z.number().int(),
  })
  .openapi('Visit');

// ---------------------------------------------------------------------------------------
// The weekly calendar

export const CalendarQuery = z
  .object({
    week: WeekSchema.optional().openapi({ description: 'ISO week; this week when absent' }),
    unitId: IdSchema.optional().openapi({ description: 'A unit’s calendar; the department’s when absent' }),
  })
  .strict();

export const CalendarEventSchema = z
  .object({
    uid: z.string(),
    kind: z.enum(['meeting', 'reception', 'mission', 'visit', 'leave']),
    title: LocalizedTextSchema,
    detail: z.string().optional(),
    start: z.string(),
    end: z.string(),
    startTime: z.string().optional(),
    endTime: z.string().optional(),
    location: z.string().optional(),
    staffIds: z.array(z.string()),
    unitIds: z.array(z.string()),
    departmentWide: z.boolean().optional(),
    status: z.string(),
    ref: z.object({ type: z.string(), id: z.string() }),
  })
  .openapi('CalendarEvent');

export const WorkCalendarSchema = z
  .object({
    organisation: LocalizedTextSchema,
    timeZone: z.string(),
    week: z.string().optional(),
    start: z.string(),
    end: z.string(),
    unitId: z.string().optional(),
    days: z.array(z.object({ date: z.string(), weekday: z.number().int(), working: z.boolean(), holiday: LocalizedTextSchema.optional() })),
    years: z
      .array(z.object({ year: z.number().int(), status: z.enum(['announced', 'provisional']), basis: LocalizedTextSchema.optional() }))
      .openapi({ description: "Each year's holidays: announced (the Prime Minister's decision entered) or provisional (computed by the default rule)" }),
    events: z.array(CalendarEventSchema),
    staff: z.record(z.string(), z.object({ name: z.string(), title: LocalizedTextSchema.optional() })),
    units: z.record(z.string(), LocalizedTextSchema),
  })
  .openapi('WorkCalendar');

export const FeedCreatedSchema = z
  .object({
    token: z.string().openapi({ description: 'Shown once; only its hash is stored' }),
    url: z.string().openapi({ description: 'The subscription URL for a calendar client' }),
    createdAt: z.string(),
  })
  .openapi('CalendarFeedCreated');

export const FeedStatusSchema = z.object({ active: z.boolean(), createdAt: z.string().optional(), revokedAt: z.string().optional() }).openapi('CalendarFeedStatus');

export const FeedParam = z.object({ token: z.string().min(10).max(200).openapi({ param: { name: 'token', in: 'path' } }) });

export const LangQuery = z.object({ lang: z.enum(['vi', 'en']).optional() });

// ---------------------------------------------------------------------------------------
// Missions: the return (Điều 16.4)

export const MissionReturnBody = z
  .object({ returnedOn: LocalDateSchema.openapi({ description: 'The day the person came back; R5 counts from it' }), note: text(2000).optional() })
  .strict()
  .openapi('MissionReturn');
