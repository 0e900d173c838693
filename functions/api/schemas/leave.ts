import { z } from '@hono/zod-openapi';
import { AuditEventSchema, FileIdsSchema, FileRefSchema } from './assignment.js';
import { IdSchema, LocalDateSchema, text } from './common.js';

export const LeaveKindSchema = z.enum(['annual', 'personal', 'sick', 'other']);
export const HalfDaySchema = z.enum(['morning', 'afternoon']);
export const LeaveStatusSchema = z.enum(['pending', 'approved', 'refused', 'withdrawn', 'reported']);
const YearSchema = z.coerce.number().int().min(2000).max(2100);
const HalfDaysSchema = z.number().multipleOf(0.5, 'must be in half days').min(0).max(366);

export const CreateLeaveBody = z
  .object({
    kind: LeaveKindSchema.openapi({ description: 'annual (phép năm), personal (việc riêng), sick (ốm), other' }),
    startDate: LocalDateSchema.openapi({ description: 'The first day of leave: a working day' }),
    endDate: LocalDateSchema.optional().openapi({ description: 'The last day of leave (a working day); startDate when absent' }),
    startHalf: HalfDaySchema.optional().openapi({ description: "'afternoon': the first morning is worked. Default 'morning'" }),
    endHalf: HalfDaySchema.optional().openapi({ description: "'morning': the last afternoon is worked. Default 'afternoon'" }),
    reason: text(2000).min(1).openapi({ description: 'The application (đơn, Điều 18.3)' }),
    emergency: z.boolean().optional().openapi({ description: 'Illness or a sudden family matter, reported by phone: exempt from the notice rule (L2)' }),
    emergencyReason: text(2000).min(1).optional().openapi({ description: 'Required for an emergency' }),
    files: FileIdsSchema.optional().openapi({ description: 'Upload ids (POST /v1/uploads), e.g. a medical certificate; seen only by those who may see the request' }),
  })
  .strict()
  .openapi('CreateLeaveRequest');

export const LeaveDecisionBody = z
  .object({ approve: z.boolean(), note: text(2000).optional().openapi({ description: 'Required when refusing' }) })
  .strict()
  .openapi('LeaveDecision');

export const WithdrawBody = z.object({ note: text(2000).optional() }).strict().openapi('LeaveWithdrawal');

const NoticeSchema = z.object({
  rule: z.string(),
  article: z.string(),
  requiredDays: z.number(),
  givenDays: z.number(),
  dayCounting: z.enum(['calendar', 'working']),
  short: z.boolean(),
});

const RouteSchema = z
  .object({
    kind: z.enum(['approval', 'report']),
    approverRole: z.string().optional(),
    approverId: z.string().optional(),
    escalatedFrom: z.array(z.string()).optional(),
    basis: z.enum(['threshold', 'leader', 'no-rule']).optional(),
    upToDays: z.number().nullable().optional(),
    recipients: z.array(z.string()).optional(),
    recipientIds: z.array(z.string()).optional(),
    applicationRequired: z.boolean().optional(),
    rule: z.string(),
    article: z.string(),
    explanation: z.string(),
  })
  .openapi('LeaveRoute');

const DelegationCoverSchema = z.object({
  covered: z.boolean(),
  requestId: z.string().optional(),
  coveredBy: z.array(z.object({ id: z.string(), delegateId: z.string(), from: z.string(), to: z.string() })),
  uncoveredDays: z.array(z.string()),
});

export const LeaveRequestSchema = z
  .object({
    id: z.string(),
    applicantId: z.string(),
    unitId: z.string(),
    kind: LeaveKindSchema,
    startDate: z.string(),
    endDate: z.string(),
    startHalf: HalfDaySchema,
    endHalf: HalfDaySchema,
    days: z.number(),
    daysByYear: z.record(z.string(), z.number()),
    reason: z.string(),
    emergency: z.boolean(),
    emergencyReason: z.string().optional(),
    notice: NoticeSchema.optional(),
    route: RouteSchema,
    approverId: z.string().nullable(),
    status: LeaveStatusSchema,
    applicationRequired: z.boolean(),
    delegationRequired: z.boolean().openapi({ description: "The director's leave with no delegation covering it (A2)" }),
    delegation: DelegationCoverSchema.optional(),
    delegationRequestId: z.string().optional(),
    decidedBy: z.string().optional(),
    decidedOnBehalfOf: z.string().optional(),
    decidedAt: z.string().optional(),
    decisionNote: z.string().optional(),
    withdrawnAt: z.string().optional(),
    withdrawalNote: z.string().optional(),
    files: z.array(FileRefSchema()).optional().openapi({ description: 'Evidence files (a medical certificate), each with its SHA-256; download with GET /v1/files/{id}' }),
    createdBy: z.string(),
    createdAt: z.string(),
    updatedAt: z.string(),
    version: z.number().int(),
  })
  .openapi('LeaveRequest');

export const LeaveRequestWithHistorySchema = LeaveRequestSchema.extend({ history: z.array(AuditEventSchema()) }).openapi('LeaveRequestWithHistory');

export const ListLeaveQuery = z
  .object({
    staffId: IdSchema.optional().openapi({ description: "A person's leave (default: the caller's)" }),
    unitId: IdSchema.optional().openapi({ description: "A unit's leave" }),
    approverId: IdSchema.optional().openapi({ description: "The requests an approver decides: with status=pending, their inbox" }),
    status: LeaveStatusSchema.optional(),
    from: LocalDateSchema.optional().openapi({ description: 'Leave running on or after this date' }),
    to: LocalDateSchema.optional().openapi({ description: 'Leave starting on or before this date' }),
    limit: z.coerce.number().int().min(1).max(100).default(50),
    cursor: z.string().max(2048).optional(),
  })
  .strict();

const CarryOverRecordSchema = z.object({
  id: z.string(),
  days: z.number(),
  fromYear: z.number().int(),
  toYear: z.number().int(),
  decisionRef: z.string(),
  note: z.string().optional(),
  paidOnce: z.boolean().optional(),
  decidedBy: z.string(),
  decidedOnBehalfOf: z.string().optional(),
  decidedAt: z.string(),
});

export const LeaveBalanceSchema = z
  .object({
    staffId: z.string(),
    year: z.number().int(),
    entitlementDays: z.number(),
    entitlementSource: z.enum(['labour-code-default', 'override']),
    carriedInDays: z.number(),
    carriedOutDays: z.number(),
    usedDays: z.number(),
    remainingDays: z.number(),
    leaves: z.number(),
    emergencyLeaves: z.number(),
    daysByKind: z.record(z.string(), z.number()),
    carriedIn: z.array(CarryOverRecordSchema),
    carriedOut: z.array(CarryOverRecordSchema),
    version: z.number().int(),
    history: z.array(AuditEventSchema()).optional(),
  })
  .openapi('LeaveBalance');

export const BalanceQuery = z
  .object({ staffId: IdSchema.optional().openapi({ description: 'Default: the caller' }), year: YearSchema.optional().openapi({ description: 'Default: this year' }) })
  .strict();

export const BalanceParams = z.object({
  staffId: IdSchema.openapi({ param: { name: 'staffId', in: 'path' } }),
  year: YearSchema.openapi({ param: { name: 'year', in: 'path' } }),
});

export const EntitlementBody = z
  .object({ days: HalfDaysSchema.max(60).openapi({ description: 'Annual leave days for the year' }), note: text(2000).optional() })
  .strict()
  .openapi('LeaveEntitlement');

export const CarryOverBody = z
  .object({
    days: HalfDaysSchema.positive().max(60),
    fromYear: z.number().int().min(2000).max(2100),
    decisionRef: text(200).min(1).openapi({ description: "The board's agreement: the number and date of its decision (L3)" }),
    note: text(2000).optional(),
  })
  .strict()
  .openapi('LeaveCarryOver');

export const AbsencesQuery = z
  .object({
    unitId: IdSchema,
    from: LocalDateSchema.optional().openapi({ description: 'Default: today' }),
    to: LocalDateSchema.optional().openapi({ description: 'Default: from + 30 days; at most a year after from' }),
  })
  .strict();

export const AbsenceCalendarSchema = z
  .object({
    unitId: z.string(),
    from: z.string(),
    to: z.string(),
    items: z.array(
      z.object({
        leaveRequestId: z.string(),
        staffId: z.string(),
        name: z.string(),
        startDate: z.string(),
        endDate: z.string(),
        startHalf: HalfDaySchema,
        endHalf: HalfDaySchema,
        days: z.number(),
        status: LeaveStatusSchema,
        kind: LeaveKindSchema.optional(),
        emergency: z.boolean().optional(),
      }),
    ),
    missions: z.array(
      z.object({ missionId: z.string(), staffId: z.string(), name: z.string(), kind: z.string(), from: z.string(), to: z.string() }),
    ),
    standIns: z.array(
      z.object({ delegationId: z.string(), delegatorId: z.string(), delegateId: z.string(), scope: z.string(), from: z.string(), to: z.string() }),
    ),
  })
  .openapi('AbsenceCalendar');

export const RequestToDelegateSchema = z
  .object({
    id: z.string(),
    directorId: z.string(),
    leaveRequestId: z.string(),
    from: z.string(),
    to: z.string(),
    status: z.enum(['open', 'cancelled']),
    state: z.enum(['open', 'resolved', 'cancelled']),
    coveredBy: DelegationCoverSchema.shape.coveredBy,
    uncoveredDays: z.array(z.string()),
    message: z.string(),
    rule: z.string(),
    article: z.string(),
    createdAt: z.string(),
    updatedAt: z.string(),
    version: z.number().int(),
  })
  .openapi('RequestToDelegate');

export const RequestsToDelegateQuery = z
  .object({
    open: z.enum(['true', 'false']).optional().openapi({ description: 'Only those still without a delegation' }),
    limit: z.coerce.number().int().min(1).max(100).default(50),
    cursor: z.string().max(2048).optional(),
  })
  .strict();
