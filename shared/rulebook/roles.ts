/**
 * The roles and unit kinds, and who heads or deputises a unit of each kind, without zod: the
 * domain (organisation.ts, authority.ts) reads these on every cold start, and importing them
 * from `schema.ts` would build the whole rulebook schema at import (issue #20). The rulebook
 * schema's `roleSchema` and `unitKindSchema` are built from these lists.
 */
export const ROLES = [
  'director',
  'deputy-director',
  'chief-of-office',
  'deputy-chief-of-office',
  'chief-inspector',
  'deputy-chief-inspector',
  'inspector',
  'head',
  'deputy-head',
  'specialist',
  'clerk',
  'accountant',
  'treasurer',
  'service',
  'driver',
  'guard',
  'admin',
] as const;
export type Role = (typeof ROLES)[number];

export const UNIT_KINDS = ['board', 'office', 'inspectorate', 'division', 'affiliated-unit'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

export const HEAD_ROLE = {
  board: 'director',
  office: 'chief-of-office',
  inspectorate: 'chief-inspector',
  division: 'head',
  'affiliated-unit': 'head',
} as const satisfies Record<UnitKind, Role>;

export const DEPUTY_ROLE = {
  board: 'deputy-director',
  office: 'deputy-chief-of-office',
  inspectorate: 'deputy-chief-inspector',
  division: 'deputy-head',
  'affiliated-unit': 'deputy-head',
} as const satisfies Record<UnitKind, Role>;

/** The role whose holder heads a unit of this kind (the unit's head is derived, not stored). */
export function unitHeadRole(kind: UnitKind): Role {
  return HEAD_ROLE[kind];
}

/** The role of the deputies who act for the head when authorised (A4). */
export function unitDeputyRole(kind: UnitKind): Role {
  return DEPUTY_ROLE[kind];
}
