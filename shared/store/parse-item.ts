/**
 * Items read from the table, checked per entity at the repository boundary: the entity tag and the
 * type of each field the domain relies on. A malformed item is a clear error naming the item and
 * the field, never a wrong value passed on. A hand-written check, not a schema library: a few
 * `typeof` tests per item, each parser built once when its module loads (a list of names, no
 * schema), no extra read. Every repository turns its items into records here, never by a double cast.
 */
import type { Assignment, AuditEvent } from '../domain/assignment.js';
import type { BoardMatter } from '../domain/board-matter.js';
import type { ReceptionCase, ReceptionSchedule } from '../domain/citizen-reception.js';
import type { Visit, VisitPreparationRecord } from '../domain/delegation-visit.js';
import type { Flag, IncomingDocument } from '../domain/document.js';
import type { EofficeDelivery } from '../domain/eoffice-delivery.js';
import type { MonthlyReport, PayrollRecord, Settlement } from '../domain/finance.js';
import type { Finding } from '../domain/finding.js';
import type { Evaluation } from '../domain/evaluation.js';
import type { LeaveBalanceSettings, LeaveRequest } from '../domain/leave.js';
import type { ConclusionItemRecord, Meeting } from '../domain/meeting.js';
import type { MeetingPreparation } from '../domain/meeting-preparation.js';
import type { OutgoingDocument } from '../domain/outgoing-document.js';
import type { OvertimeNotice } from '../domain/overtime.js';
import type { Mission } from '../domain/mission.js';
import type { Notification } from '../domain/notification.js';
import type { Report, ReportRevision } from '../domain/report.js';
import type { Proposal } from '../domain/separation-of-duties.js';
import type { CalendarFeedState } from './calendar-feed-repository.js';
import type { DirectorAuthority, StoredDelegation } from './delegation-repository.js';
import type { StoredFile } from './file-repository.js';
import type { NoticeRecord } from './finding-repository.js';
import type { SeedMarker } from './seed-marker-repository.js';
import type { RequestToDelegate } from './leave-repository.js';
import { stripKeys } from './item.js';
import type { OrganisationSnapshot, StaffRecord, StoredRulebook, UnitRecord } from './organisation-repository.js';

export type FieldKind = 'string' | 'number' | 'boolean' | 'array' | 'object' | 'string|null';

/** The fields to check and their kinds; the compiler keeps the names in step with the domain type. */
export type FieldSpec<T> = { readonly [K in keyof T]?: FieldKind };

export class MalformedItemError extends Error {
  override readonly name = 'MalformedItemError';
}

const kindOf = (v: unknown): string => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);

/**
 * A parser of one entity's items (`entity`: its tag, or the tags of its copies): the record
 * without its key attributes, nor the attributes in `omit` (the table's own bookkeeping).
 */
export function itemParser<T>(
  entity: string | readonly string[],
  fields: FieldSpec<T>,
  omit: readonly string[] = [],
): (item: Record<string, unknown>) => T {
  const entities = typeof entity === 'string' ? [entity] : entity;
  const checks = Object.entries(fields) as [string, FieldKind][];
  const kinds = new Map(checks.map(([name, kind]) => [name, kind.split('|')]));
  const omitted = omit.length ? new Set(omit) : undefined;
  return (item) => {
    const where = () => `${entities[0]} item ${String(item.PK)} / ${String(item.SK)}`;
    if (!entities.includes(item.entity as string)) {
      throw new MalformedItemError(`${where()}: entity is ${String(item.entity)}, expected ${entities.join(' or ')}`);
    }
    for (const [name, kind] of checks) {
      const actual = kindOf(item[name]);
      if (!kinds.get(name)!.includes(actual)) throw new MalformedItemError(`${where()}: ${name} is ${actual}, expected ${kind}`);
    }
    return stripKeys<T>(item, omitted);
  };
}

/** Every entity's audit events (written by transact.ts auditEventPut). */
export const parseAssignment = itemParser<Assignment>('Assignment', {
  id: 'string', orgId: 'string', title: 'string', assigneeId: 'string|null', unitId: 'string', responsibleId: 'string',
  coordinatorIds: 'array', assignerId: 'string', dueDate: 'string', originalDueDate: 'string', status: 'string',
  percent: 'number', returnCount: 'number', extensionRequests: 'array', createdAt: 'string', updatedAt: 'string', version: 'number',
});

export const parseAuditEvent = itemParser<AuditEvent>('AuditEvent', {
  id: 'string', orgId: 'string', entityType: 'string', entityId: 'string', action: 'string', actorId: 'string', at: 'string', version: 'number', data: 'object',
});

// Finance (finance-repository.ts)
export const parsePayroll = itemParser<PayrollRecord>('Payroll', { id: 'string', orgId: 'string', month: 'string', paidOn: 'string', onTime: 'boolean', version: 'number' });
export const parseMonthlyReport = itemParser<MonthlyReport>('MonthlyReport', {
  id: 'string', orgId: 'string', kind: 'string', month: 'string', content: 'string', firstSubmittedAt: 'string', late: 'boolean', version: 'number',
});
export const parseSettlement = itemParser<Settlement>('Settlement', { id: 'string', orgId: 'string', dossierRef: 'string', dueOn: 'string', version: 'number' });

// Reports (report-repository.ts): a revision is kept under its report, which names it.
export const parseReport = itemParser<Report>('Report', {
  id: 'string', orgId: 'string', kind: 'string', key: 'string', staffId: 'string', unitId: 'string', recipients: 'array', dueAt: 'string', revision: 'number', version: 'number',
});
export const parseReportRevision = itemParser<ReportRevision>(
  'ReportRevision',
  { revision: 'number', content: 'string', attachments: 'array', submittedAt: 'string', late: 'boolean' },
  ['reportId', 'orgId'],
);

// The organisation (organisation-repository.ts)
export const parseOrganisation = itemParser<OrganisationSnapshot['organisation']>('Organisation', {
  id: 'string', name: 'object', timeZone: 'string', rulebookVersion: 'number',
});
export const parseUnit = itemParser<UnitRecord>('Unit', { id: 'string', name: 'object', kind: 'string', overseenBy: 'string|null', version: 'number' });
export const parseStaff = itemParser<StaffRecord>('Staff', { id: 'string', name: 'string', unitId: 'string', roles: 'array', active: 'boolean', version: 'number' });
export const parseRulebook = itemParser<StoredRulebook>('Rulebook', { effectiveFrom: 'string', version: 'number', rulebook: 'object', recordedAt: 'string' });
export const parseProposal = itemParser<Proposal>('Proposal', { id: 'string', orgId: 'string', kind: 'string', subject: 'object', status: 'string', version: 'number' });

export const parseMission = itemParser<Mission>('Mission', { id: 'string', orgId: 'string', staffId: 'string', unitId: 'string', from: 'string', to: 'string', version: 'number' });

/** The outbox's deliveries: `expiresAt` is the table's TTL, not the delivery's. */
export const parseDelivery = itemParser<EofficeDelivery>(
  'EofficeDelivery',
  { id: 'string', orgId: 'string', type: 'string', state: 'string', payload: 'object', attemptCount: 'number', attempts: 'array', version: 'number' },
  ['expiresAt'],
);

/** `deliveryAttemptAt` is the claim on a delivery (notification-repository.ts), not the notification's. */
export const parseNotification = itemParser<Notification>(
  'Notification',
  { id: 'string', orgId: 'string', recipientId: 'string', kind: 'string', subject: 'object', body: 'object', about: 'object', version: 'number' },
  ['deliveryAttemptAt'],
);

/** A finding, or its copy for a person it was reported to (D4). */
export const parseFinding = itemParser<Finding>(['Finding', 'FindingReportedTo'], {
  id: 'string', orgId: 'string', rule: 'string', key: 'string', subjectId: 'string', unitId: 'string', periodStart: 'string', facts: 'object', version: 'number',
});
export const parseNotice = itemParser<NoticeRecord>('Notice', { id: 'string', orgId: 'string', rule: 'string', to: 'string', message: 'string', at: 'string' });

// Meetings (meeting-repository.ts): a conclusion item is kept under its meeting.
export const parseMeeting = itemParser<Meeting>('Meeting', {
  id: 'string', orgId: 'string', kind: 'string', level: 'string', unitId: 'string', heldOn: 'string', chairId: 'string', participantIds: 'array',
  attachments: 'array', recordedBy: 'string', conclusionsDueAt: 'string', createdAt: 'string', updatedAt: 'string', version: 'number',
});
export const parseConclusionItem = itemParser<ConclusionItemRecord>('ConclusionItem', { meetingId: 'string', n: 'number', assignmentId: 'string', prepared: 'object' });

// Incoming documents (document-repository.ts)
export const parseIncomingDocument = itemParser<IncomingDocument>('IncomingDocument', {
  id: 'string', orgId: 'string', externalId: 'string', title: 'string', receivedAt: 'string', confidentiality: 'string', register: 'string', status: 'string',
  distributionDueAt: 'string', distributions: 'array', partyIds: 'array', unitIds: 'array', version: 'number',
});
export const parseFlag = itemParser<Flag>('Flag', { id: 'string', orgId: 'string', recipientId: 'string', rule: 'string', documentId: 'string', title: 'string', dueAt: 'string' });

// Leave (leave-repository.ts)
export const parseLeaveRequest = itemParser<LeaveRequest>('LeaveRequest', {
  id: 'string', orgId: 'string', applicantId: 'string', unitId: 'string', kind: 'string', startDate: 'string', endDate: 'string', days: 'number',
  daysByYear: 'object', emergency: 'boolean', approverId: 'string|null', status: 'string', version: 'number',
});
export const parseLeaveBalance = itemParser<LeaveBalanceSettings>('LeaveBalance', {
  orgId: 'string', staffId: 'string', year: 'number', carriedIn: 'array', carriedOut: 'array', version: 'number',
});
export const parseRequestToDelegate = itemParser<RequestToDelegate>('RequestToDelegate', {
  id: 'string', orgId: 'string', directorId: 'string', leaveRequestId: 'string', from: 'string', to: 'string', status: 'string', version: 'number',
});

export const parseOutgoingDocument = itemParser<OutgoingDocument>('OutgoingDocument', {
  id: 'string', orgId: 'string', title: 'string', kind: 'string', scope: 'string', unitId: 'string', confidentiality: 'string', register: 'string',
  drafterId: 'string', status: 'string', returns: 'array', partyIds: 'array', createdAt: 'string', updatedAt: 'string', version: 'number',
});
export const parseBoardMatter = itemParser<BoardMatter>('BoardMatter', {
  id: 'string', orgId: 'string', category: 'string', article: 'string', title: 'string', year: 'number', raisedBy: 'string', opinions: 'array', version: 'number',
});

// Visits (visit-repository.ts): a preparation is kept under its visit.
export const parseVisit = itemParser<Visit>('Visit', {
  id: 'string', orgId: 'string', delegation: 'string', from: 'string', to: 'string', hostIds: 'array', decidedBy: 'string', preparationCount: 'number', version: 'number',
});
export const parseVisitPreparation = itemParser<VisitPreparationRecord>('VisitPreparation', { visitId: 'string', n: 'number', assignmentId: 'string', prepared: 'object' });

// Citizen reception (citizen-reception-repository.ts): a case is kept under its schedule.
export const parseReceptionSchedule = itemParser<ReceptionSchedule>('ReceptionSchedule', {
  id: 'string', orgId: 'string', month: 'string', status: 'string', sessions: 'array', proposedBy: 'string', version: 'number',
});
export const parseReceptionCase = itemParser<ReceptionCase>('ReceptionCase', {
  scheduleId: 'string', n: 'number', k: 'number', kind: 'string', receivedOn: 'string', dueDate: 'string', assignmentId: 'string', prepared: 'object',
});

export const parseDelegation = itemParser<StoredDelegation>('Delegation', {
  id: 'string', orgId: 'string', delegatorId: 'string', delegateId: 'string', scope: 'string', from: 'string', to: 'string', version: 'number',
});
/** The director's authority (A2): which delegations hold it; one item per organisation, named by it. */
export const parseDirectorAuthority = itemParser<DirectorAuthority>('DirectorAuthority', { holds: 'array', version: 'number' }, ['orgId']);
/** A person's calendar subscription (calendar-feed-repository.ts): which hashed token is current. */
export const parseCalendarFeed = itemParser<CalendarFeedState>('CalendarFeed', { staffId: 'string', version: 'number' });
export const parseOvertimeNotice = itemParser<OvertimeNotice>('OvertimeNotice', {
  id: 'string', orgId: 'string', staffId: 'string', unitId: 'string', date: 'string', hours: 'number', notifiedTo: 'array', status: 'string', version: 'number',
});
export const parseEvaluation = itemParser<Evaluation>('Evaluation', {
  id: 'string', orgId: 'string', staffId: 'string', unitId: 'string', period: 'string', manager: 'boolean', version: 'number',
});
export const parseMeetingPreparation = itemParser<MeetingPreparation>('MeetingPreparation', {
  id: 'string', orgId: 'string', obligationId: 'string', kind: 'string', occurrence: 'string', documents: 'array', version: 'number',
});
/** An upload: `expiresAt` (the TTL of a pending one) is the file's own, removed when attached. */
export const parseFile = itemParser<StoredFile>('File', {
  id: 'string', orgId: 'string', status: 'string', ownerId: 'string', name: 'string', type: 'string', size: 'number', sha256: 'string', version: 'number',
});
/** A seed run once per organisation (seed-marker-repository.ts). */
export const parseSeedMarker = itemParser<SeedMarker>('SeedMarker', { name: 'string', state: 'string', anchor: 'string', at: 'string' });
