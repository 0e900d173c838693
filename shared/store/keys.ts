/**
 * The keys of the single table (shared/store/table-definition.ts), built only from the access
 * patterns each item type declares in shared/store/access-patterns/ (the generated table of
 * every index and what each entity puts in it: docs/data-model-indexes.md, `npm run docs:indexes`).
 * These functions are the names the rest of the code uses; none of them writes a key by hand.
 *
 * Screens: GET /v1/org is one Query on ORG#<org>; an assignment with its history is one Query on
 * its entity partition; GET /v1/audit?entityId= is a Query on EV#; "my work" is GSI1, a unit's
 * work and its overdue items GSI2 (key range `open#` … `open#<yesterday>`), the director's list
 * GSI3; the dashboard reads the counters partitions of a period's months (one for a month).
 */
import * as C from './access-patterns/compliance.js';
import * as K from './access-patterns/core.js';
import * as D from './access-patterns/documents.js';
import * as M from './access-patterns/meetings.js';
import * as W from './access-patterns/work.js';

export * from './access-patterns/compliance.js';
export * from './access-patterns/core.js';
export * from './access-patterns/documents.js';
export * from './access-patterns/meetings.js';
export * from './access-patterns/work.js';

const primary = K.EntityStateItem.patterns.primary;

export const orgPk = (orgId: string) => K.OrganisationItem.patterns.primary.pk.build({ orgId });
export const ORG_META_SK = K.OrganisationItem.patterns.primary.sk.template;
export const unitSk = (unitId: string) => K.UnitItem.patterns.primary.sk.build({ unitId });
export const staffSk = (staffId: string) => K.StaffItem.patterns.primary.sk.build({ staffId });
export const snapshotCacheKey = (orgId: string) => K.OrgSnapshotCacheItem.patterns.primary.keys({ orgId }) as { PK: string; SK: string };
export const rulebookPk = (orgId: string) => K.RulebookItem.patterns.primary.pk.build({ orgId });
export const rulebookSk = (effectiveFrom: string, version: number) => K.RulebookItem.patterns.primary.sk.build({ effectiveFrom, version });

export const entityPk = (orgId: string, entityId: string) => primary.pk.build({ orgId, id: entityId });
export const STATE_SK = primary.sk.template;
/** The state item of any entity: `{ PK, SK }`. */
export const stateKey = (orgId: string, id: string) => primary.keys({ orgId, id }) as { PK: string; SK: string };
export const EVENT_SK_PREFIX = K.AuditEventItem.patterns.primary.sk.prefix({});
export const eventSk = (version: number, eventId: string) => K.AuditEventItem.patterns.primary.sk.build({ version, eventId });
/** The SK of single items (`#`): an idempotency record, an external id, a token. */
export const SINGLE_SK = K.IdempotencyRecordItem.patterns.primary.sk.template;

export const delegationKeys = (d: { orgId: string; id: string; delegateId: string; to: string }) => W.DelegationItem.keys(d);
/** The director's authority (A2): the one item whose version serialises department delegations. */
export const directorAuthorityKey = (orgId: string) => stateKey(orgId, 'director-authority');

export const counterPk = (orgId: string, periodId: string) => K.CounterItem.patterns.primary.pk.build({ orgId, periodId });
/** A unit's counter item of the earlier layout (one per unit and week, month or year): nothing writes it now; the rebuild puts any left to 0. */
export const unitCounterSk = (unitId: string) => K.UnitCounterItem.patterns.primary.sk.build({ unitId });
export const personCounterSk = (unitId: string, staffId: string) => K.CounterItem.patterns.primary.sk.build({ unitId, staffId });
/** Prefixes of counter SKs: every person's (`UNIT#`), a unit's people's, or one person's. */
export const counterSkPrefix = (scope: { unitId?: string; staffId?: string }) =>
  scope.unitId !== undefined && scope.staffId !== undefined ? personCounterSk(scope.unitId, scope.staffId) : K.CounterItem.patterns.primary.sk.prefix(scope);

export const idempotencyPk = (orgId: string, scope: string, key: string) => K.IdempotencyRecordItem.patterns.primary.pk.build({ orgId, scope, key });

export type OpenOrClosed = 'open' | 'closed';
export const assignmentKeys = (a: {
  orgId: string;
  id: string;
  responsibleId: string;
  unitId: string;
  dueDate: string;
  originalDueDate: string;
  state: OpenOrClosed;
}) => W.AssignmentItem.keys({ ...a, staffId: a.responsibleId }, { openByDue: a.state === 'open' });

export const openWorkByDuePk = (orgId: string) => W.AssignmentItem.patterns.openByDue.pk.build({ orgId });

/**
 * Reads back an entry of the open-by-due index (`<dueDate>#<originalDueDate>#<unitId>#<staffId>`),
 * the assignment's id from its table key. An entry written before the id left the index key ends in
 * `#<id>`, which a staff id cannot contain (`idSchema`): it reads the same until its next write.
 */
export const parseOpenWorkEntry = (entry: Record<string, unknown>) => {
  const key = W.AssignmentItem.patterns.openByDue.sk.parse(String(entry.GSI4SK));
  const id = W.AssignmentItem.patterns.primary.pk.parse(String(entry.PK))?.id;
  if (!key || id === undefined) return undefined;
  return { ...key, staffId: key.staffId.split('#', 1)[0]!, id };
};

export const meetingsPk = (orgId: string) => M.MeetingItem.patterns.byDate.pk.build({ orgId });
export const meetingUnitKindPk = (orgId: string, unitId: string, kind: string) => M.MeetingItem.patterns.byUnitKind.pk.build({ orgId, unitId, kind });
export const meetingsAwaitingPk = (orgId: string) => M.MeetingItem.patterns.awaiting.pk.build({ orgId });
/** `awaitingUntil`: the conclusions' due instant, while they are not issued. */
export const meetingKeys = (m: { orgId: string; id: string; unitId: string; kind: string; heldOn: string; awaitingUntil?: string }) =>
  M.MeetingItem.keys({ ...m, awaitingUntil: m.awaitingUntil }, { awaiting: Boolean(m.awaitingUntil) });
export const CONCLUSION_SK_PREFIX = M.MeetingConclusionItem.patterns.primary.sk.prefix({});
export const conclusionItemSk = (n: number) => M.MeetingConclusionItem.patterns.primary.sk.build({ n });

export const externalDocumentPk = (orgId: string, externalId: string) => D.ExternalDocumentIdItem.patterns.primary.pk.build({ orgId, externalId });
export const documentRegisterPk = (orgId: string, register: 'general' | 'confidential') => D.IncomingDocumentItem.patterns.byRegister.pk.build({ orgId, register });
export const undistributedDocumentsPk = (orgId: string) => D.IncomingDocumentItem.patterns.undistributed.pk.build({ orgId });
/** A person's (or a unit's) access partition. */
export const documentAccessPartition = (orgId: string, principal: { staffId: string } | { unitId: string }) =>
  'staffId' in principal
    ? D.DocumentAccessItem.patterns.primary.bind({ orgId, staffId: principal.staffId })
    : D.UnitDocumentAccessItem.patterns.primary.bind({ orgId, unitId: principal.unitId });
export const documentAccessKeys = (
  orgId: string,
  principal: { staffId: string } | { unitId: string },
  d: { register: 'general' | 'confidential'; receivedAt: string; documentId: string },
) => ({ PK: documentAccessPk(orgId, principal), SK: documentAccessSk(d.register, d.receivedAt, d.documentId) });
export const documentAccessPk = (orgId: string, principal: { staffId: string } | { unitId: string }) =>
  'staffId' in principal
    ? D.DocumentAccessItem.patterns.primary.pk.build({ orgId, staffId: principal.staffId })
    : D.UnitDocumentAccessItem.patterns.primary.pk.build({ orgId, unitId: principal.unitId });
export const documentAccessSk = (register: 'general' | 'confidential', receivedAt: string, documentId: string) =>
  D.DocumentAccessItem.patterns.primary.sk.build({ register, receivedAt, documentId });
export const documentKeys = (d: { orgId: string; id: string; register: 'general' | 'confidential'; receivedAt: string; distributionDueAt: string; status: string }) =>
  D.IncomingDocumentItem.keys(d, { undistributed: d.status === 'registered' });
export const flagsPk = (orgId: string, recipientId: string) => D.FlagItem.patterns.primary.pk.build({ orgId, recipientId });
export type DeliveryState = 'pending' | 'delivered' | 'failed';
export const deliveriesPk = (orgId: string, state: DeliveryState) => D.EofficeDeliveryItem.patterns.byState.pk.build({ orgId, state });
export const deliveryKeys = (d: { orgId: string; id: string; state: DeliveryState; sortAt: string }) => D.EofficeDeliveryItem.keys(d);

export type ReportFamily = 'REP' | 'PLAN';
export const reportKeys = (r: { orgId: string; id: string; family: ReportFamily; staffId: string; unitId: string; dueAt: string }) => M.ReportItem.keys(r);
export const reportsOfStaffPk = (orgId: string, staffId: string) => M.ReportItem.patterns.byStaff.pk.build({ orgId, staffId });
export const reportsOfUnitPk = (orgId: string, family: ReportFamily, unitId: string) => M.ReportItem.patterns.byUnit.pk.build({ orgId, family, unitId });
export const reportsOfOrgPk = (orgId: string, family: ReportFamily) => M.ReportItem.patterns.byFamily.pk.build({ orgId, family });
export const REVISION_SK_PREFIX = M.ReportRevisionItem.patterns.primary.sk.prefix({});
export const revisionSk = (revision: number) => M.ReportRevisionItem.patterns.primary.sk.build({ revision });

export const missionsOfStaffPk = (orgId: string, staffId: string) => M.MissionItem.patterns.byStaff.pk.build({ orgId, staffId });
export const missionsOfUnitPk = (orgId: string, unitId: string) => M.MissionItem.patterns.byUnit.pk.build({ orgId, unitId });
export const missionsOfOrgPk = (orgId: string) => M.MissionItem.patterns.byOrg.pk.build({ orgId });
export const missionKeys = (m: { orgId: string; id: string; staffId: string; unitId: string; to: string }) => M.MissionItem.keys(m);

export const notificationsPk = (orgId: string, recipientId: string) => M.NotificationItem.patterns.byTime.pk.build({ orgId, recipientId });
export const unreadNotificationsPk = (orgId: string, recipientId: string) => M.NotificationItem.patterns.unread.pk.build({ orgId, recipientId });
export const notificationSk = (id: string) => M.NotificationItem.patterns.primary.sk.build({ id });
/** A new notification: its item, by time, and unread (GSI2, removed when read). */
export const notificationKeys = (n: { orgId: string; id: string; recipientId: string; createdAt: string }) => M.NotificationItem.keys(n, { unread: true });

/** Leave requests (L1, L2): GSI3 only on routed requests, `pending` or `closed`. */
export const leaveRequestKeys = (l: {
  orgId: string;
  id: string;
  applicantId: string;
  unitId: string;
  startDate: string;
  endDate: string;
  approverId: string | null;
  status: string;
}) => W.LeaveRequestItem.keys({ ...l, approvalState: l.status === 'pending' ? 'pending' : 'closed' }, { byApprover: Boolean(l.approverId) });

/** A person's annual leave for a year (L3): settings `#STATE` (versioned), counters `#USAGE`, history `EV#`. */
export const leaveBalanceEntityId = (staffId: string, year: number) => `leave-balance.${staffId}.${year}`;
export const LEAVE_USAGE_SK = K.LeaveUsageItem.patterns.primary.sk.template;
/** What the balance partition's settings and counters SKs begin with (not its events). */
export const LEAVE_BALANCE_ITEMS_PREFIX = LEAVE_USAGE_SK.slice(0, 1);

export const requestToDelegateKeys = (r: { orgId: string; id: string; directorId: string; from: string }) => W.RequestToDelegateItem.keys(r);

export const overtimeKeys = (o: { orgId: string; id: string; staffId: string; unitId: string; date: string }) =>
  W.OvertimeItem.keys({ ...o, month: o.date.slice(0, 7) });

export const findingKeys = (f: { orgId: string; id: string; subjectId: string; unitId: string; rule: string; periodStart: string; state: 'open' | 'resolved' }) =>
  C.FindingItem.keys(f);
export const findingReportedKeys = (f: { orgId: string; id: string; rule: string; periodStart: string }, staffId: string) =>
  C.FindingReportedToItem.keys({ ...f, staffId });
export const noticeKeys = (n: { orgId: string; id: string; to: string; at: string }) => C.NoticeItem.keys(n);

/** Settlements: GSI3 `open` by due day while unsettled, `settled` by the day settledOn was recorded after. */
export const settlementKeys = (s: { orgId: string; id: string; dueOn: string; settledRecordedOn?: string }) =>
  C.SettlementItem.keys({ orgId: s.orgId, id: s.id, state: s.settledRecordedOn ? 'settled' : 'open', day: s.settledRecordedOn ?? s.dueOn });
export const settlementRefPk = (orgId: string, refHash: string) => C.SettlementRefItem.patterns.primary.pk.build({ orgId, refHash });

export const receptionSchedulesPk = (orgId: string) => C.ReceptionScheduleItem.patterns.byMonth.pk.build({ orgId });
export const receptionScheduleKeys = (s: { orgId: string; id: string; month: string }) => C.ReceptionScheduleItem.keys(s);
export const RECEPTION_CASE_SK_PREFIX = C.ReceptionCaseItem.patterns.primary.sk.prefix({});
export const receptionCaseSk = (n: number, k: number) => C.ReceptionCaseItem.patterns.primary.sk.build({ n, k });
export const visitsPk = (orgId: string) => C.VisitItem.patterns.byFirstDay.pk.build({ orgId });
export const visitKeys = (v: { orgId: string; id: string; from: string }) => C.VisitItem.keys(v);
export const VISIT_PREPARATION_SK_PREFIX = C.VisitPreparationItem.patterns.primary.sk.prefix({});
export const visitPreparationSk = (n: number) => C.VisitPreparationItem.patterns.primary.sk.build({ n });
export const calendarFeedTokenPk = (orgId: string, tokenHash: string) => C.CalendarFeedTokenItem.patterns.primary.pk.build({ orgId, tokenHash });
export const calendarFeedEntityId = (staffId: string) => `calendar-feed.${staffId}`;

/** Proposals of the Office that the director decides (shared/domain/separation-of-duties.ts); newest first on GSI1. */
export const proposalEntityId = (id: string) => `proposal.${id}`;
export const proposalsPk = (orgId: string) => M.ProposalItem.patterns.byTime.pk.build({ orgId });
export const proposalKeys = (p: { orgId: string; id: string; proposedAt: string }) => M.ProposalItem.keys(p);
/** Holds the id of the one open proposal about a record (`staff.<id>`, `unit.<id>`). */
export const proposalLockKey = (orgId: string, target: string) => stateKey(orgId, `proposal-lock.${target}`);

export const boardMattersPk = (orgId: string) => M.BoardMatterItem.patterns.byYear.pk.build({ orgId });
export const boardMatterKeys = (m: { orgId: string; id: string; year: number; raisedAt: string }) => M.BoardMatterItem.keys(m);

export const externalOutgoingPk = (orgId: string, externalId: string) => D.ExternalOutgoingIdItem.patterns.primary.pk.build({ orgId, externalId });
/** GSI2 (who takes the step) and GSI3 (open) until filed; GSI2's SK is `9#<id>` while no step is due. */
export const outgoingKeys = (d: { orgId: string; id: string; register: string; createdAt: string; ownerId?: string; stepDueAt?: string; status: string }) =>
  D.OutgoingDocumentItem.keys(
    { orgId: d.orgId, id: d.id, register: d.register, createdAt: d.createdAt, ownerId: d.ownerId, stepDueAt: d.stepDueAt ?? OUTGOING_NO_STEP_DUE },
    { byOwner: Boolean(d.ownerId) && d.status !== 'filed', open: d.status !== 'filed' && Boolean(d.stepDueAt) },
  );
const OUTGOING_NO_STEP_DUE = '9';
export const outgoingRegisterPk = (orgId: string, register: string, year: number) => D.OutgoingRegisterItem.patterns.primary.pk.build({ orgId, register, year });
export const outgoingOwnerPk = (orgId: string, staffId: string) => D.OutgoingDocumentItem.patterns.byOwner.pk.build({ orgId, ownerId: staffId });
export const outgoingRegisterIndexPk = (orgId: string, register: string) => D.OutgoingDocumentItem.patterns.byRegister.pk.build({ orgId, register });
export const outgoingOpenPk = (orgId: string) => D.OutgoingDocumentItem.patterns.open.pk.build({ orgId });

/** An evaluation (issue #23): a period's list for the department or, by prefix, one unit; a person's periods. */
export const evaluationKeys = (e: { orgId: string; id: string; staffId: string; unitId: string; period: string }) => W.EvaluationItem.keys(e);
