/**
 * Keys of the single table (shared/store/table-definition.ts). Every key starts with the
 * organisation, so a province's stack can host several departments.
 *
 * Items and the access patterns they serve (each a GetItem or a Query, never a Scan):
 *
 * | item                | PK                          | SK                          | GSIs                                      |
 * |---------------------|-----------------------------|-----------------------------|-------------------------------------------|
 * | organisation        | ORG#<org>                   | #META                       |                                           |
 * | unit                | ORG#<org>                   | UNIT#<unitId>               |                                           |
 * | staff member        | ORG#<org>                   | STAFF#<staffId>             |                                           |
 * | rulebook version    | ORG#<org>#RULEBOOK          | V#<effectiveFrom>#<nnnnnn>  |                                           |
 * | entity state        | ORG#<org>#E#<id>            | #STATE                      | per entity type, below                    |
 * | audit event         | ORG#<org>#E#<id>            | EV#<version:8>#<eventId>    |                                           |
 * | counters            | ORG#<org>#CNT#<YYYY-MM>     | UNIT#<u>#STAFF#<s>          | (one per person and month; `<figure>@<ISO week>` attributes) |
 * | idempotency record  | ORG#<org>#IDEM#<scope>#<key>| #                           | (TTL expiresAt)                           |
 * | meeting conclusion  | ORG#<org>#E#<meetingId>     | CONCL#<n:3>                 | (one per item; the meeting's partition)   |
 * | e-office document id| ORG#<org>#EOFFICE#DOC#<externalId> | #                    | (-> documentId; one document per e-office id)|
 * | document access     | ORG#<org>#DOCACCESS#<staffId> or …#UNIT#<unitId> | <register>#<receivedAt>#<docId> | (who answers for work made from it) |
 * | flag (D3)           | ORG#<org>#FLAGS#<recipientId>| <createdAt>#<flagId>       |                                           |
 * | report revision     | ORG#<org>#E#<reportId>      | REV#<revision:4>            | (each submission kept; the report's partition)|
 * | notification        | ORG#<org>#NOTIFY#<recipientId>| N#<notificationId>        | GSI1 by time, GSI2 sparse unread          |
 * | leave request       | ORG#<org>#E#<leaveId>       | #STATE                      | GSI1 applicant, GSI2 unit, GSI3 approver  |
 * | leave balance       | ORG#<org>#E#leave-balance.<staffId>.<year> | #STATE (settings), #USAGE (counters) | |
 * | request to delegate | ORG#<org>#E#<requestId>     | #STATE                      | GSI1 the director's requests              |
 * | overtime notice     | ORG#<org>#E#<overtimeId>    | #STATE                      | GSI1 person, GSI2 unit, GSI3 org month    |
 * | finding (compliance)| ORG#<org>#E#<findingId>     | #STATE                      | GSI1 subject, GSI2 unit, GSI3 open/resolved by rule |
 * | compliance notice   | ORG#<org>#NOTICE#<noticeId> | #                           | GSI1 recipient, by time                   |
 * | payroll / monthly finance report | ORG#<org>#E#fin-payroll-<yyyy-mm> / fin-<kind>-<yyyy-mm> | #STATE | (GetItem by month) |
 * | settlement (F3)     | ORG#<org>#E#<settlementId>  | #STATE                      | GSI3 open by due date / settled by day recorded |
 * | settlement dossier ref | ORG#<org>#STLREF#<sha256(ref)> | #                    | (one settlement per dossier reference)    |
 * | proposal (Office → director) | ORG#<org>#E#proposal.<id> | #STATE             | GSI1 `ORG#<org>#PROPOSALS` / `<proposedAt>#<id>` |
 * | open-proposal lock  | ORG#<org>#E#proposal-lock.<staff.x or unit.y> | #STATE    | (one open proposal per record)            |
 * | director's authority (A2) | ORG#<org>#E#director-authority | #STATE           | (versioned list of the department delegations not yet ended) |
 * | meeting preparation (M6) | ORG#<org>#E#mprep.<obligationId>.<occurrence> | #STATE | (GetItem: programme, documents, minutes of one occurrence) |
 * | evaluation (E1–E6)  | ORG#<org>#E#eval.<period>.<staffId> | #STATE           | GSI1 `ORG#<org>#EVAL#<period>` / `<unitId>#<staffId>` (a period's, a unit's by prefix); GSI2 `ORG#<org>#EVAL#STAFF#<staffId>` / `<period>` |
 *
 * Assignment state items also carry:
 * - GSI1 (by who answers for it): `ORG#<org>#RESP#<staffId>` / `<open|closed>#<dueDate>#<id>`
 * - GSI2 (by unit):               `ORG#<org>#UNIT#<unitId>#ASG` / `<open|closed>#<dueDate>#<id>`
 * - GSI4 (open only, keys only):  `ORG#<org>#ASGDUE` / `<dueDate>#<originalDueDate>#<unitId>#<staffId>#<id>`: the
 *   dashboard's overdue and due-soon figures, about 130 bytes read per open item.
 * - GSI3 (by state, org-wide):    `ORG#<org>#ASG#<open|closed>` / `<dueDate>#<id>`: the sweeps
 *   (due soon) read only the open partition, up to a due date. Completed work awaiting
 *   acceptance stays in it too, so the overdue sweep (A6) reads GSI4 instead: its cost follows
 *   the open items due, not the department's history.
 *
 * Delegation state items: GSI1 `ORG#<org>#DELEGATE#<delegateId>` / `<to>#<id>` (a delegate's
 * current delegations: SK >= today), GSI2 `ORG#<org>#DELEGATIONS` / `<to>#<id>` (all, by end date).
 *
 * Meeting state items (shared/store/meeting-repository.ts):
 * - GSI1 (by unit and kind):      `ORG#<org>#MTG#UNIT#<unitId>#<kind>` / `<heldOn>#<id>` (board meetings under the board unit)
 * - GSI2 (by date, org-wide):     `ORG#<org>#MTG` / `<heldOn>#<id>`
 * - GSI3 (sparse, awaiting conclusions): `ORG#<org>#MTG#AWAITING` / `<conclusionsDueAt UTC>#<id>`,
 *   present only until the conclusions are issued, so "past deadline without conclusions" reads
 *   only the meetings still waiting.
 *
 * Incoming document state items (shared/store/document-repository.ts), audit events in the same
 * partition:
 * - GSI1 (the register, D2):       `ORG#<org>#DOCREG#<general|confidential>` / `<receivedAt UTC>#<id>`
 * - GSI3 (sparse, undistributed):  `ORG#<org>#DOC#UNDISTRIBUTED` / `<distributionDueAt UTC>#<id>`, present
 *   only until the first distribution, so the D1 sweep reads only documents still waiting.
 * A person who does not read a whole register lists the documents of their access partition
 * (Query, then BatchGetItem of those ids); a head lists their unit's.
 *
 * E-office delivery (outbox) state items (shared/store/outbox-repository.ts), deterministic ids
 * `<assignmentId>.<completed|returned>.<version>` / `<assignmentId>.overdue.<dueDate>`:
 * - GSI1 (by state):               `ORG#<org>#EODLV#<pending|delivered|failed>` / `<nextAttemptAt|deliveredAt|failedAt UTC>#<id>`:
 *   the dispatcher reads the pending partition up to now; administrators list the failed one.
 *
 * Report state items (shared/store/report-repository.ts): one per obligation instance, id derived
 * from the instance key (`rep-`/`plan-` + hash), so a first submission happens once; revisions and
 * audit events in the same partition. Sort keys are the obligation's due instant (UTC ISO):
 * - GSI1 (by person):              `ORG#<org>#REP#STAFF#<staffId>` / `<dueAt>#<id>` (reports and plans)
 * - GSI2 (by unit):                `ORG#<org>#<REP|PLAN>#UNIT#<unitId>` / `<dueAt>#<id>`
 * - GSI3 (org-wide):               `ORG#<org>#<REP|PLAN>` / `<dueAt>#<id>`: the reminder sweep reads
 *   only the reports due in its window.
 * Mission state items (R5; shared/store/mission-repository.ts), sorted by the last day `to`:
 * - GSI1 `ORG#<org>#MISSION#STAFF#<staffId>`, GSI2 `ORG#<org>#MISSION#UNIT#<unitId>`, GSI3
 *   `ORG#<org>#MISSION`, each / `<to>#<id>`: a person's, a unit's and the sweep's R5 obligations.
 * Notifications: GSI1 `ORG#<org>#NOTIFY#<recipientId>` / `<createdAt>#<id>` (newest first); GSI2
 * `ORG#<org>#NOTIFY#<recipientId>#UNREAD` / `<createdAt>#<id>`, removed when read.
 *
 * Screens: GET /v1/org is one Query on ORG#<org>; an assignment with its history is one Query on
 * its entity partition; GET /v1/audit?entityId= is a Query on EV#; "my work" is GSI1, a unit's
 * work and its overdue items GSI2 (key range `open#` … `open#<yesterday>`), the director's list
 * GSI3; the dashboard reads the counters partitions of a period's months (one for a month).
 */
export const orgPk = (orgId: string) => `ORG#${orgId}`;
export const ORG_META_SK = '#META';
export const unitSk = (unitId: string) => `UNIT#${unitId}`;
export const staffSk = (staffId: string) => `STAFF#${staffId}`;
export const rulebookPk = (orgId: string) => `ORG#${orgId}#RULEBOOK`;
export const rulebookSk = (effectiveFrom: string, version: number) =>
  `V#${effectiveFrom}#${String(version).padStart(6, '0')}`;

export const entityPk = (orgId: string, entityId: string) => `ORG#${orgId}#E#${entityId}`;
export const STATE_SK = '#STATE';
export const EVENT_SK_PREFIX = 'EV#';
export const eventSk = (version: number, eventId: string) => `${EVENT_SK_PREFIX}${String(version).padStart(8, '0')}#${eventId}`;

/** Delegations (A2, A4) are entities; GSI1 finds a delegate's delegations that end today or later. */
export const delegationKeys = (d: { orgId: string; id: string; delegateId: string; to: string }) => ({
  PK: entityPk(d.orgId, d.id),
  SK: STATE_SK,
  GSI1PK: `ORG#${d.orgId}#DELEGATE#${d.delegateId}`,
  GSI1SK: `${d.to}#${d.id}`,
  GSI2PK: `ORG#${d.orgId}#DELEGATIONS`,
  GSI2SK: `${d.to}#${d.id}`,
});

/** The director's authority (A2): the one item whose version serialises department delegations. */
export const directorAuthorityKey = (orgId: string) => ({ PK: entityPk(orgId, 'director-authority'), SK: STATE_SK });

export const counterPk = (orgId: string, periodId: string) => `ORG#${orgId}#CNT#${periodId}`;
/** A unit's counter item of the earlier layout (one per unit and week, month or year): nothing writes it now; the rebuild puts any left to 0. */
export const unitCounterSk = (unitId: string) => `UNIT#${unitId}`;
export const personCounterSk = (unitId: string, staffId: string) => `UNIT#${unitId}#STAFF#${staffId}`;

export const idempotencyPk = (orgId: string, scope: string, key: string) => `ORG#${orgId}#IDEM#${scope}#${key}`;

export type OpenOrClosed = 'open' | 'closed';
export const assignmentKeys = (a: {
  orgId: string;
  id: string;
  responsibleId: string;
  unitId: string;
  dueDate: string;
  originalDueDate: string;
  state: OpenOrClosed;
}) => ({
  PK: entityPk(a.orgId, a.id),
  SK: STATE_SK,
  GSI1PK: `ORG#${a.orgId}#RESP#${a.responsibleId}`,
  GSI1SK: `${a.state}#${a.dueDate}#${a.id}`,
  GSI2PK: `ORG#${a.orgId}#UNIT#${a.unitId}#ASG`,
  GSI2SK: `${a.state}#${a.dueDate}#${a.id}`,
  GSI3PK: `ORG#${a.orgId}#ASG#${a.state}`,
  GSI3SK: `${a.dueDate}#${a.id}`,
  // Sparse and keys-only (GSI4): open work by due date, with its unit and person in the key.
  ...(a.state === 'open'
    ? { GSI4PK: openWorkByDuePk(a.orgId), GSI4SK: `${a.dueDate}#${a.originalDueDate}#${a.unitId}#${a.responsibleId}#${a.id}` }
    : {}),
});

export const openWorkByDuePk = (orgId: string) => `ORG#${orgId}#ASGDUE`;

/** Reads back a GSI4 key: `<dueDate>#<originalDueDate>#<unitId>#<staffId>#<id>`. */
export function parseOpenWorkKey(
  sk: string,
): { dueDate: string; originalDueDate: string; unitId: string; staffId: string; id: string } | undefined {
  const [dueDate, originalDueDate, unitId, staffId, ...rest] = sk.split('#');
  return dueDate && originalDueDate && unitId && staffId && rest.length ? { dueDate, originalDueDate, unitId, staffId, id: rest.join('#') } : undefined;
}

/** Meetings (M1–M5): see the table above. `awaitingUntil`: the conclusions' due instant, while they are not issued. */
export const meetingsPk = (orgId: string) => `ORG#${orgId}#MTG`;
export const meetingUnitKindPk = (orgId: string, unitId: string, kind: string) => `ORG#${orgId}#MTG#UNIT#${unitId}#${kind}`;
export const meetingsAwaitingPk = (orgId: string) => `ORG#${orgId}#MTG#AWAITING`;
export const meetingKeys = (m: { orgId: string; id: string; unitId: string; kind: string; heldOn: string; awaitingUntil?: string }) => ({
  PK: entityPk(m.orgId, m.id),
  SK: STATE_SK,
  GSI1PK: meetingUnitKindPk(m.orgId, m.unitId, m.kind),
  GSI1SK: `${m.heldOn}#${m.id}`,
  GSI2PK: meetingsPk(m.orgId),
  GSI2SK: `${m.heldOn}#${m.id}`,
  ...(m.awaitingUntil ? { GSI3PK: meetingsAwaitingPk(m.orgId), GSI3SK: `${m.awaitingUntil}#${m.id}` } : {}),
});
export const CONCLUSION_SK_PREFIX = 'CONCL#';
export const conclusionItemSk = (n: number) => `${CONCLUSION_SK_PREFIX}${String(n).padStart(3, '0')}`;

// E-office integration (issue #7): incoming documents, their registers, flags and the delivery outbox.
export const externalDocumentPk = (orgId: string, externalId: string) => `ORG#${orgId}#EOFFICE#DOC#${externalId}`;
export const documentRegisterPk = (orgId: string, register: 'general' | 'confidential') => `ORG#${orgId}#DOCREG#${register}`;
export const undistributedDocumentsPk = (orgId: string) => `ORG#${orgId}#DOC#UNDISTRIBUTED`;
export const documentAccessPk = (orgId: string, principal: { staffId: string } | { unitId: string }) =>
  'staffId' in principal ? `ORG#${orgId}#DOCACCESS#${principal.staffId}` : `ORG#${orgId}#DOCACCESS#UNIT#${principal.unitId}`;
export const documentAccessSk = (register: 'general' | 'confidential', receivedAt: string, documentId: string) =>
  `${register}#${receivedAt}#${documentId}`;
export const documentKeys = (d: { orgId: string; id: string; register: 'general' | 'confidential'; receivedAt: string; distributionDueAt: string; status: string }) => ({
  PK: entityPk(d.orgId, d.id),
  SK: STATE_SK,
  GSI1PK: documentRegisterPk(d.orgId, d.register),
  GSI1SK: `${d.receivedAt}#${d.id}`,
  ...(d.status === 'registered' ? { GSI3PK: undistributedDocumentsPk(d.orgId), GSI3SK: `${d.distributionDueAt}#${d.id}` } : {}),
});
export const flagsPk = (orgId: string, recipientId: string) => `ORG#${orgId}#FLAGS#${recipientId}`;
export type DeliveryState = 'pending' | 'delivered' | 'failed';
export const deliveriesPk = (orgId: string, state: DeliveryState) => `ORG#${orgId}#EODLV#${state}`;
export const deliveryKeys = (d: { orgId: string; id: string; state: DeliveryState; sortAt: string }) => ({
  PK: entityPk(d.orgId, d.id),
  SK: STATE_SK,
  GSI1PK: deliveriesPk(d.orgId, d.state),
  GSI1SK: `${d.sortAt}#${d.id}`,
});

// Reports, plans, missions and notifications (issue #4).
export type ReportFamily = 'REP' | 'PLAN';
export const reportKeys = (r: { orgId: string; id: string; family: ReportFamily; staffId: string; unitId: string; dueAt: string }) => ({
  PK: entityPk(r.orgId, r.id),
  SK: STATE_SK,
  GSI1PK: reportsOfStaffPk(r.orgId, r.staffId),
  GSI1SK: `${r.dueAt}#${r.id}`,
  GSI2PK: reportsOfUnitPk(r.orgId, r.family, r.unitId),
  GSI2SK: `${r.dueAt}#${r.id}`,
  GSI3PK: reportsOfOrgPk(r.orgId, r.family),
  GSI3SK: `${r.dueAt}#${r.id}`,
});
export const reportsOfStaffPk = (orgId: string, staffId: string) => `ORG#${orgId}#REP#STAFF#${staffId}`;
export const reportsOfUnitPk = (orgId: string, family: ReportFamily, unitId: string) => `ORG#${orgId}#${family}#UNIT#${unitId}`;
export const reportsOfOrgPk = (orgId: string, family: ReportFamily) => `ORG#${orgId}#${family}`;
export const REVISION_SK_PREFIX = 'REV#';
export const revisionSk = (revision: number) => `${REVISION_SK_PREFIX}${String(revision).padStart(4, '0')}`;

export const missionsOfStaffPk = (orgId: string, staffId: string) => `ORG#${orgId}#MISSION#STAFF#${staffId}`;
export const missionsOfUnitPk = (orgId: string, unitId: string) => `ORG#${orgId}#MISSION#UNIT#${unitId}`;
export const missionsOfOrgPk = (orgId: string) => `ORG#${orgId}#MISSION`;
export const missionKeys = (m: { orgId: string; id: string; staffId: string; unitId: string; to: string }) => ({
  PK: entityPk(m.orgId, m.id),
  SK: STATE_SK,
  GSI1PK: missionsOfStaffPk(m.orgId, m.staffId),
  GSI1SK: `${m.to}#${m.id}`,
  GSI2PK: missionsOfUnitPk(m.orgId, m.unitId),
  GSI2SK: `${m.to}#${m.id}`,
  GSI3PK: missionsOfOrgPk(m.orgId),
  GSI3SK: `${m.to}#${m.id}`,
});

export const notificationsPk = (orgId: string, recipientId: string) => `ORG#${orgId}#NOTIFY#${recipientId}`;
export const unreadNotificationsPk = (orgId: string, recipientId: string) => `ORG#${orgId}#NOTIFY#${recipientId}#UNREAD`;
export const notificationSk = (id: string) => `N#${id}`;

/**
 * Leave requests (L1, L2): GSI1 `ORG#<org>#LEAVE#STAFF#<applicantId>` / `<startDate>#<id>` (a
 * person's leave; overlaps), GSI2 `ORG#<org>#UNIT#<unitId>#LEAVE` / `<endDate>#<id>` (a unit's
 * leave and its absence calendar: SK >= the first day shown), GSI3 only on routed requests
 * `ORG#<org>#LEAVE#APPROVER#<approverId>` / `<pending|closed>#<startDate>#<id>` (an approver's inbox).
 */
export const leaveRequestKeys = (l: {
  orgId: string;
  id: string;
  applicantId: string;
  unitId: string;
  startDate: string;
  endDate: string;
  approverId: string | null;
  status: string;
}) => ({
  PK: entityPk(l.orgId, l.id),
  SK: STATE_SK,
  GSI1PK: `ORG#${l.orgId}#LEAVE#STAFF#${l.applicantId}`,
  GSI1SK: `${l.startDate}#${l.id}`,
  GSI2PK: `ORG#${l.orgId}#UNIT#${l.unitId}#LEAVE`,
  GSI2SK: `${l.endDate}#${l.id}`,
  ...(l.approverId
    ? { GSI3PK: `ORG#${l.orgId}#LEAVE#APPROVER#${l.approverId}`, GSI3SK: `${l.status === 'pending' ? 'pending' : 'closed'}#${l.startDate}#${l.id}` }
    : {}),
});

/** A person's annual leave for a year (L3): settings `#STATE` (versioned), counters `#USAGE`, history `EV#`. */
export const leaveBalanceEntityId = (staffId: string, year: number) => `leave-balance.${staffId}.${year}`;
export const LEAVE_USAGE_SK = '#USAGE';

/** The director asked to delegate (A2): GSI1 `ORG#<org>#DELEGREQ#<directorId>` / `<from>#<id>`. */
export const requestToDelegateKeys = (r: { orgId: string; id: string; directorId: string; from: string }) => ({
  PK: entityPk(r.orgId, r.id),
  SK: STATE_SK,
  GSI1PK: `ORG#${r.orgId}#DELEGREQ#${r.directorId}`,
  GSI1SK: `${r.from}#${r.id}`,
});

/**
 * Overtime notices (W1): GSI1 `ORG#<org>#OT#STAFF#<staffId>`, GSI2 `ORG#<org>#UNIT#<unitId>#OT`,
 * GSI3 `ORG#<org>#OT#<yyyy-mm>` (the office's month), each sorted `<date>#<id>`.
 */
export const overtimeKeys = (o: { orgId: string; id: string; staffId: string; unitId: string; date: string }) => ({
  PK: entityPk(o.orgId, o.id),
  SK: STATE_SK,
  GSI1PK: `ORG#${o.orgId}#OT#STAFF#${o.staffId}`,
  GSI1SK: `${o.date}#${o.id}`,
  GSI2PK: `ORG#${o.orgId}#UNIT#${o.unitId}#OT`,
  GSI2SK: `${o.date}#${o.id}`,
  GSI3PK: `ORG#${o.orgId}#OT#${o.date.slice(0, 7)}`,
  GSI3SK: `${o.date}#${o.id}`,
});

/**
 * Compliance findings (shared/store/finding-repository.ts), audit events in the same partition:
 * - GSI1 (a person's):  `ORG#<org>#FND#STAFF#<subjectId>` / `<periodStart>#<rule>#<id>`
 * - GSI2 (a unit's):    `ORG#<org>#FND#UNIT#<unitId>` / `<periodStart>#<rule>#<id>`
 * - GSI3 (by state):    `ORG#<org>#FND#<open|resolved>` / `<rule>#<periodStart>#<id>`: a rule's
 *   run reads only its open findings (begins_with `<rule>#`); the director's list reads by state.
 * - A finding reported to someone outside its unit's line (D4, Điều 9.1.8: the chief of office)
 *   has, per recipient, a copy in its partition (SK `#TO#<staffId>`, rewritten with every write of
 *   the finding, in the same transaction) on GSI1 `ORG#<org>#FND#TO#<staffId>` / `<periodStart>#<rule>#<id>`.
 * Notices (reminders before a deadline): PK `ORG#<org>#NOTICE#<id>`, GSI1 `ORG#<org>#NOTICE#TO#<staffId>` / `<at>#<id>`.
 */
export const findingKeys = (f: {
  orgId: string;
  id: string;
  subjectId: string;
  unitId: string;
  rule: string;
  periodStart: string;
  state: 'open' | 'resolved';
}) => ({
  PK: entityPk(f.orgId, f.id),
  SK: STATE_SK,
  GSI1PK: `ORG#${f.orgId}#FND#STAFF#${f.subjectId}`,
  GSI1SK: `${f.periodStart}#${f.rule}#${f.id}`,
  GSI2PK: `ORG#${f.orgId}#FND#UNIT#${f.unitId}`,
  GSI2SK: `${f.periodStart}#${f.rule}#${f.id}`,
  GSI3PK: `ORG#${f.orgId}#FND#${f.state}`,
  GSI3SK: `${f.rule}#${f.periodStart}#${f.id}`,
});

export const findingReportedKeys = (f: { orgId: string; id: string; rule: string; periodStart: string }, staffId: string) => ({
  PK: entityPk(f.orgId, f.id),
  SK: `#TO#${staffId}`,
  GSI1PK: `ORG#${f.orgId}#FND#TO#${staffId}`,
  GSI1SK: `${f.periodStart}#${f.rule}#${f.id}`,
});

export const noticeKeys = (n: { orgId: string; id: string; to: string; at: string }) => ({
  PK: `ORG#${n.orgId}#NOTICE#${n.id}`,
  SK: '#',
  GSI1PK: `ORG#${n.orgId}#NOTICE#TO#${n.to}`,
  GSI1SK: `${n.at}#${n.id}`,
});

/**
 * Finance records (shared/store/finance-repository.ts): payroll and monthly reports have ids made
 * of their month (one per month and kind: a GetItem); settlements carry GSI3
 * `ORG#<org>#STL#open` / `<dueOn>#<id>` while unsettled (F3 reads up to yesterday) and
 * `ORG#<org>#STL#settled` / `<day settledOn was recorded>#<id>` after.
 */
export const settlementKeys = (s: { orgId: string; id: string; dueOn: string; settledRecordedOn?: string }) => ({
  PK: entityPk(s.orgId, s.id),
  SK: STATE_SK,
  GSI3PK: `ORG#${s.orgId}#STL#${s.settledRecordedOn ? 'settled' : 'open'}`,
  GSI3SK: `${s.settledRecordedOn ?? s.dueOn}#${s.id}`,
});
export const settlementRefPk = (orgId: string, refHash: string) => `ORG#${orgId}#STLREF#${refHash}`;

/**
 * The department's calendar (issue #13), audit events in each entity's partition:
 * | reception schedule (C1) | ORG#<org>#E#reception-schedule.<yyyy-mm> | #STATE | GSI1 `ORG#<org>#RECEPTION` / `<yyyy-mm>` (schedules by month) |
 * | reception case          | ORG#<org>#E#reception-schedule.<yyyy-mm> | CASE#<nnn>#<kkk> | (the complaint or denunciation and the assignment it becomes) |
 * | delegation visit        | ORG#<org>#E#<visitId>                    | #STATE | GSI1 `ORG#<org>#VISIT` / `<from>#<id>` (visits by first day) |
 * | visit preparation       | ORG#<org>#E#<visitId>                    | PREP#<nnn> | (the content a unit prepares, and its assignment) |
 * | calendar feed token     | ORG#<org>#CALFEED#<sha256(token)>        | #      | (GetItem by the hashed token of a subscription URL) |
 * | a person's feed         | ORG#<org>#E#calendar-feed.<staffId>      | #STATE | (which token is current; rotating or revoking deletes the old one) |
 * A week's calendar reads: meetings GSI2 `ORG#<org>#MTG` by heldOn; up to three schedules by
 * GetItem; missions GSI3/GSI2 by end date from the week's Monday; visits GSI1 by first day from
 * `maxDays` before the week; leave per unit (GSI2 `ORG#<org>#UNIT#<unitId>#LEAVE`).
 */
export const receptionSchedulesPk = (orgId: string) => `ORG#${orgId}#RECEPTION`;
export const receptionScheduleKeys = (s: { orgId: string; id: string; month: string }) => ({
  PK: entityPk(s.orgId, s.id),
  SK: STATE_SK,
  GSI1PK: receptionSchedulesPk(s.orgId),
  GSI1SK: s.month,
});
export const RECEPTION_CASE_SK_PREFIX = 'CASE#';
export const receptionCaseSk = (n: number, k: number) => `${RECEPTION_CASE_SK_PREFIX}${String(n).padStart(3, '0')}#${String(k).padStart(3, '0')}`;
export const visitsPk = (orgId: string) => `ORG#${orgId}#VISIT`;
export const visitKeys = (v: { orgId: string; id: string; from: string }) => ({
  PK: entityPk(v.orgId, v.id),
  SK: STATE_SK,
  GSI1PK: visitsPk(v.orgId),
  GSI1SK: `${v.from}#${v.id}`,
});
export const VISIT_PREPARATION_SK_PREFIX = 'PREP#';
export const visitPreparationSk = (n: number) => `${VISIT_PREPARATION_SK_PREFIX}${String(n).padStart(3, '0')}`;
export const calendarFeedTokenPk = (orgId: string, tokenHash: string) => `ORG#${orgId}#CALFEED#${tokenHash}`;
export const calendarFeedEntityId = (staffId: string) => `calendar-feed.${staffId}`;

/** Proposals of the Office that the director decides (shared/domain/separation-of-duties.ts); newest first on GSI1. */
export const proposalEntityId = (id: string) => `proposal.${id}`;
export const proposalsPk = (orgId: string) => `ORG#${orgId}#PROPOSALS`;
export const proposalKeys = (p: { orgId: string; id: string; proposedAt: string }) => ({
  PK: entityPk(p.orgId, proposalEntityId(p.id)),
  SK: STATE_SK,
  GSI1PK: proposalsPk(p.orgId),
  GSI1SK: `${p.proposedAt}#${p.id}`,
});
/** Holds the id of the one open proposal about a record (`staff.<id>`, `unit.<id>`). */
export const proposalLockKey = (orgId: string, target: string) => ({ PK: entityPk(orgId, `proposal-lock.${target}`), SK: STATE_SK });

/**
 * Board matters (A5, Điều 3.2; shared/store/board-matter-repository.ts), audit events in each
 * matter's partition:
 * | board matter | ORG#<org>#E#<matterId> | #STATE | GSI1 `ORG#<org>#BOARDMATTER` / `<year>#<raisedAt>#<id>` (a year's matters) |
 * The A5 rule, the decisions inbox and the deputies' "awaiting" list read one year (or two) of GSI1.
 */
export const boardMattersPk = (orgId: string) => `ORG#${orgId}#BOARDMATTER`;
export const boardMatterKeys = (m: { orgId: string; id: string; year: number; raisedAt: string }) => ({
  PK: entityPk(m.orgId, m.id),
  SK: STATE_SK,
  GSI1PK: boardMattersPk(m.orgId),
  GSI1SK: `${m.year}#${m.raisedAt}#${m.id}`,
});

/**
 * Outgoing documents (D4, D5; shared/store/outgoing-document-repository.ts), audit events in the
 * same partition:
 * - GSI1 (the register, D2):     `ORG#<org>#OUTDOC#<general|confidential>` / `<createdAt UTC>#<id>`
 * - GSI2 (who takes the step):   `ORG#<org>#OUTDOC#OWNER#<staffId>` / `<stepDueAt UTC>#<id>`, until filed
 * - GSI3 (open, by step due):    `ORG#<org>#OUTDOC#OPEN` / `<stepDueAt UTC>#<id>`, until filed: the D5 sweep
 * The outgoing register's numbers: `ORG#<org>#OUTREG#<register>#<year>` with SK `#` (the last
 * number given, conditional on the value read) and `N#<n:6>` (one entry per number, written only
 * if absent), both in the numbering transaction, so a year's numbers have no gap and no duplicate
 * (a number the e-office gave moves the last number only forward, and its entry is still unique).
 * An outgoing document registered from the e-office: `ORG#<org>#EOFFICE#OUTDOC#<externalId>` / `#`
 * (-> documentId; one document per e-office id).
 */
export const externalOutgoingPk = (orgId: string, externalId: string) => `ORG#${orgId}#EOFFICE#OUTDOC#${externalId}`;
export const outgoingKeys = (d: { orgId: string; id: string; register: string; createdAt: string; ownerId?: string; stepDueAt?: string; status: string }) => ({
  PK: entityPk(d.orgId, d.id),
  SK: STATE_SK,
  GSI1PK: `ORG#${d.orgId}#OUTDOC#${d.register}`,
  GSI1SK: `${d.createdAt}#${d.id}`,
  ...(d.ownerId && d.status !== 'filed' ? { GSI2PK: `ORG#${d.orgId}#OUTDOC#OWNER#${d.ownerId}`, GSI2SK: `${d.stepDueAt ?? '9'}#${d.id}` } : {}),
  ...(d.status !== 'filed' && d.stepDueAt ? { GSI3PK: `ORG#${d.orgId}#OUTDOC#OPEN`, GSI3SK: `${d.stepDueAt}#${d.id}` } : {}),
});
export const outgoingRegisterPk = (orgId: string, register: string, year: number) => `ORG#${orgId}#OUTREG#${register}#${year}`;
export const outgoingOwnerPk = (orgId: string, staffId: string) => `ORG#${orgId}#OUTDOC#OWNER#${staffId}`;
export const outgoingRegisterIndexPk = (orgId: string, register: string) => `ORG#${orgId}#OUTDOC#${register}`;
export const outgoingOpenPk = (orgId: string) => `ORG#${orgId}#OUTDOC#OPEN`;

/** An evaluation (issue #23): a period's list for the department or, by prefix, one unit; a person's periods. */
export const evaluationKeys = (e: { orgId: string; id: string; staffId: string; unitId: string; period: string }) => ({
  PK: entityPk(e.orgId, e.id),
  SK: STATE_SK,
  GSI1PK: `ORG#${e.orgId}#EVAL#${e.period}`,
  GSI1SK: `${e.unitId}#${e.staffId}`,
  GSI2PK: `ORG#${e.orgId}#EVAL#STAFF#${e.staffId}`,
  GSI2SK: e.period,
});
