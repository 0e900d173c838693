/**
 * The roles and unit kinds, who heads or deputises a unit of each kind and what they are called,
 * without zod: the domain (organisation.ts, authority.ts) reads these on every cold start, and
 * the pages and services name people with them; importing them from `schema.ts` would build the
 * whole rulebook schema (about 30 ms) on the first request that needs one (issue #20). The
 * rulebook schema's `roleSchema` and `unitKindSchema` are built from these lists.
 */
import type { LocalizedText } from './schema-scalars.js';

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

/**
 * What a person holding `role` in a unit of `kind` is called: the unit kind's own head or deputy
 * title where the rulebook gives one (Giám đốc Trung tâm), else the role's name.
 */
export function roleTitle(
  rulebook: { roles: Partial<Record<Role, LocalizedText>>; unitTitles?: Partial<Record<UnitKind, { head: LocalizedText; deputy: LocalizedText }>> | undefined },
  role: string,
  kind: string | undefined,
): LocalizedText | undefined {
  const titles = kind ? rulebook.unitTitles?.[kind as UnitKind] : undefined;
  if (titles && kind) {
    if (role === HEAD_ROLE[kind as UnitKind]) return titles.head;
    if (role === DEPUTY_ROLE[kind as UnitKind]) return titles.deputy;
  }
  return rulebook.roles[role as Role];
}

/** Leadership roles exist only in units of these kinds; support roles may sit anywhere. */
export const ROLE_UNIT_KINDS: Partial<Record<Role, readonly UnitKind[]>> = {
  director: ['board'],
  'deputy-director': ['board'],
  'chief-of-office': ['office'],
  'deputy-chief-of-office': ['office'],
  'chief-inspector': ['inspectorate'],
  'deputy-chief-inspector': ['inspectorate'],
  inspector: ['inspectorate'],
  head: ['division', 'affiliated-unit'],
  'deputy-head': ['division', 'affiliated-unit'],
};
