/** The organisation, its rulebook, any entity's state and history, counters and idempotency records. */
import { entity } from './declare.js';

export const OrganisationItem = entity('Organisation', 'the department: its meta item, units and staff in one partition', {
  primary: { index: 'table', pk: 'ORG#{orgId}', sk: '#META', note: 'GET /v1/org is one Query on this partition' },
});
export const UnitItem = entity('Unit', 'a unit of the department', {
  primary: { index: 'table', pk: 'ORG#{orgId}', sk: 'UNIT#{unitId}' },
});
export const StaffItem = entity('Staff', 'a staff member', {
  primary: { index: 'table', pk: 'ORG#{orgId}', sk: 'STAFF#{staffId}' },
});
export const OrgVersionItem = entity('OrgVersion', "the organisation snapshot's version (moved by every change of `ORG#<org>`)", {
  primary: { index: 'table', pk: 'ORG#{orgId}', sk: '#VERSION' },
});
export const OrgSnapshotCacheItem = entity('OrgSnapshotCache', 'the snapshot and rulebook versions at a version, for a cold process (org-snapshot-cache.ts)', {
  primary: { index: 'table', pk: 'ORG#{orgId}#SNAPSHOT', sk: '#CACHE', note: 'read with the version item: one BatchGetItem' },
});
export const RulebookItem = entity('Rulebook', 'a version of the rulebook, by the day it takes effect', {
  primary: { index: 'table', pk: 'ORG#{orgId}#RULEBOOK', sk: 'V#{effectiveFrom}#{version:6}' },
});

/**
 * Any entity's state. Entities with indexes declare their own (same keys on the table); those
 * with none use this one: files, payroll and monthly finance reports (`fin-payroll-<yyyy-mm>`,
 * `fin-<kind>-<yyyy-mm>`), meeting preparations (`mprep.<obligation>.<occurrence>`), calendar
 * feeds (`calendar-feed.<staffId>`), leave balances (`leave-balance.<staffId>.<year>`), the
 * director's authority (`director-authority`), open-proposal locks and seed markers.
 */
export const EntityStateItem = entity('EntityState', 'an entity with no index: a GetItem by id', {
  primary: { index: 'table', pk: 'ORG#{orgId}#E#{id}', sk: '#STATE' },
});
export const AuditEventItem = entity('AuditEvent', "an entity's audit events, in its partition", {
  primary: { index: 'table', pk: 'ORG#{orgId}#E#{entityId}', sk: 'EV#{version:8}#{eventId}', note: 'history: one Query, begins_with EV#' },
});
export const LeaveUsageItem = entity('LeaveUsage', "a person's leave counters for a year (the balance's partition)", {
  primary: { index: 'table', pk: 'ORG#{orgId}#E#{id}', sk: '#USAGE' },
});
export const CounterItem = entity('Counter', 'dashboard counters: one item per person and month, a figure of an ISO week per attribute (short names: counter-attributes.ts)', {
  primary: { index: 'table', pk: 'ORG#{orgId}#CNT#{periodId}', sk: 'UNIT#{unitId}#STAFF#{staffId}', note: 'a unit: begins_with UNIT#<u>#STAFF#' },
});
/** A unit's counter item of the earlier layout: nothing writes it now; the rebuild puts any left to 0. */
export const UnitCounterItem = entity('UnitCounter', 'earlier layout, read only to remove it', {
  primary: { index: 'table', pk: 'ORG#{orgId}#CNT#{periodId}', sk: 'UNIT#{unitId}' },
});
export const IdempotencyRecordItem = entity('IdempotencyRecord', 'the response of a request with an Idempotency-Key (TTL expiresAt)', {
  primary: { index: 'table', pk: 'ORG#{orgId}#IDEM#{scope}#{key}', sk: '#' },
});
