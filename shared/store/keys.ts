/**
 * Keys of the single table (shared/store/table-definition.ts). Every key starts with the
 * organisation, so a province's stack can host several departments.
 *
 * Items and access patterns (each a GetItem or a Query, never a Scan):
 *
 * | item            | PK                          | SK                        | serves                                   |
 * |-----------------|-----------------------------|---------------------------|------------------------------------------|
 * | organisation    | ORG#<org>                   | #META                     | GET /v1/org (one Query on ORG#<org>)     |
 * | unit            | ORG#<org>                   | UNIT#<unitId>             | same Query; GetItem for one unit         |
 * | staff member    | ORG#<org>                   | STAFF#<staffId>           | same Query; GetItem per request (auth)   |
 * | rulebook version| ORG#<org>#RULEBOOK          | V#<effectiveFrom>#<nnnnnn>| latest: Query descending, Limit 1        |
 * | audit event     | ORG#<org>#AUDIT#<entityId>  | <isoTime>#<ulid>          | GET /v1/audit?entityId= (Query)          |
 * | idempotency     | ORG#<org>#IDEMPOTENCY#<key> | #                         | Idempotency-Key replays (GetItem, TTL)   |
 */
export const orgPk = (orgId: string) => `ORG#${orgId}`;
export const ORG_META_SK = '#META';
export const unitSk = (unitId: string) => `UNIT#${unitId}`;
export const staffSk = (staffId: string) => `STAFF#${staffId}`;
export const rulebookPk = (orgId: string) => `ORG#${orgId}#RULEBOOK`;
export const rulebookSk = (effectiveFrom: string, version: number) =>
  `V#${effectiveFrom}#${String(version).padStart(6, '0')}`;
export const auditPk = (orgId: string, entityId: string) => `ORG#${orgId}#AUDIT#${entityId}`;
export const auditSk = (at: string, eventId: string) => `${at}#${eventId}`;
