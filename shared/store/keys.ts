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
 * | counters            | ORG#<org>#CNT#<periodId>    | UNIT#<u> / UNIT#<u>#STAFF#<s>|                                          |
 * | idempotency record  | ORG#<org>#IDEM#<scope>#<key>| #                           | (TTL expiresAt)                           |
 *
 * Assignment state items also carry:
 * - GSI1 (by who answers for it): `ORG#<org>#RESP#<staffId>` / `<open|closed>#<dueDate>#<id>`
 * - GSI2 (by unit):               `ORG#<org>#UNIT#<unitId>#ASG` / `<open|closed>#<dueDate>#<id>`
 * - GSI3 (by state, org-wide):    `ORG#<org>#ASG#<open|closed>` / `<dueDate>#<id>`: the sweeps
 *   (overdue, due soon) read only the open partition, up to a due date, so their cost follows
 *   the number of open items due, not the size of the table.
 *
 * Delegation state items: GSI1 `ORG#<org>#DELEGATE#<delegateId>` / `<to>#<id>` (a delegate's
 * current delegations: SK >= today), GSI2 `ORG#<org>#DELEGATIONS` / `<to>#<id>` (all, by end date).
 *
 * Screens: GET /v1/org is one Query on ORG#<org>; an assignment with its history is one Query on
 * its entity partition; GET /v1/audit?entityId= is a Query on EV#; "my work" is GSI1, a unit's
 * work and its overdue items GSI2 (key range `open#` … `open#<yesterday>`), the director's list
 * GSI3; the dashboard reads the counters partition of a period.
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

export const counterPk = (orgId: string, periodId: string) => `ORG#${orgId}#CNT#${periodId}`;
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
});
