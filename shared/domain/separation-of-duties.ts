/**
 * Separation of duties in administering the organisation (issue 18, item 4).
 *
 * The Office (chief of office, administrators) keeps the records, but no one person may take
 * over the department: a change that gives or takes authority (leadership roles, the roles that
 * open a confidential register, administrators, unit oversight) is a proposal of the Office that
 * takes effect only when the director decides it; nobody changes their own roles or unit; the
 * organisation always has exactly one active director, replaced only by the province's decision
 * (scripts/director-replace.ts). Pure: no I/O, no clock.
 */
import type { Rulebook } from '../rulebook/schema.js';
import { ConflictError } from './errors.js';
import type { Role, StaffMember } from './organisation.js';

/** The board, the heads of units and their deputies (Điều 3–7), and the system administrators. */
export const LEADERSHIP_ROLES: readonly Role[] = [
  'director',
  'deputy-director',
  'chief-of-office',
  'deputy-chief-of-office',
  'chief-inspector',
  'deputy-chief-inspector',
  'head',
  'deputy-head',
  'admin',
];

/** The roles that open the Office's proposals: the chief of office and administrators. */
export const OFFICE_ROLES: readonly Role[] = ['chief-of-office', 'admin'];

/**
 * Roles whose grant or removal needs the director's approval: leadership, plus whatever the
 * rulebook makes a key to a confidential register (D2 entitled roles, the D1 register keeper).
 */
export function protectedRoles(rulebook: Pick<Rulebook, 'documents'>): ReadonlySet<Role> {
  const roles = new Set<Role>(LEADERSHIP_ROLES);
  for (const level of rulebook.documents?.confidentialLevels?.levels ?? []) for (const r of level.entitledRoles) roles.add(r);
  for (const r of rulebook.documents?.distribution?.registeredBy.roles ?? []) roles.add(r);
  return roles;
}

export interface StaffChange {
  readonly roles?: readonly Role[];
  readonly unitId?: string;
}

const sameRoles = (a: readonly Role[], b: readonly Role[]) => a.length === b.length && [...a].sort().join() === [...b].sort().join();

/** What a change does to authority: which of its parts touch roles or units at all, and which need the director. */
export function classifyStaffChange(
  current: Pick<StaffMember, 'roles' | 'unitId'>,
  change: StaffChange,
  guarded: ReadonlySet<Role>,
): { rolesChanged: boolean; unitChanged: boolean; needsDirector: boolean; protectedRoles: Role[] } {
  const rolesChanged = change.roles !== undefined && !sameRoles(change.roles, current.roles);
  const unitChanged = change.unitId !== undefined && change.unitId !== current.unitId;
  const touched = new Set<Role>();
  if (rolesChanged) {
    for (const r of current.roles) if (!change.roles!.includes(r)) touched.add(r);
    for (const r of change.roles!) if (!current.roles.includes(r)) touched.add(r);
  }
  // Moving a holder of a protected role moves that authority (a head's unit, a clerk into the Office).
  if (unitChanged) for (const r of [...current.roles, ...(change.roles ?? [])]) touched.add(r);
  const protectedTouched = [...touched].filter((r) => guarded.has(r));
  return { rolesChanged, unitChanged, needsDirector: protectedTouched.length > 0, protectedRoles: protectedTouched.sort() };
}

/** The organisation has exactly one active director; any change that would leave zero or two is refused. */
export function directorCountIssue(staff: readonly Pick<StaffMember, 'id' | 'roles' | 'active'>[]): string | undefined {
  const directors = staff.filter((s) => s.active && s.roles.includes('director'));
  if (directors.length === 1) return undefined;
  return directors.length === 0
    ? 'The change would leave the department without a director; the director is replaced only by the province’s decision (npm run director:replace).'
    : `The change would give the department ${directors.length} directors (${directors.map((d) => d.id).join(', ')}); there is exactly one.`;
}

export function assertOneDirector(staff: readonly Pick<StaffMember, 'id' | 'roles' | 'active'>[]): void {
  const issue = directorCountIssue(staff);
  if (issue) throw new ConflictError(issue);
}

// ---------------------------------------------------------------------------------------
// Proposals: the Office proposes, the director decides (Điều 25.2 for the regulation itself)

export type ProposalKind = 'staff-change' | 'unit-oversight' | 'rulebook-amendment';
export type ProposalStatus = 'proposed' | 'approved' | 'rejected';

export type ProposalSubject =
  | { readonly kind: 'staff-change'; readonly staffId: string; readonly baseVersion: number; readonly roles?: readonly Role[]; readonly unitId?: string }
  | { readonly kind: 'unit-oversight'; readonly unitId: string; readonly baseVersion: number; readonly overseenBy: string }
  | { readonly kind: 'rulebook-amendment'; readonly effectiveFrom: string; readonly changes: Record<string, unknown> };

export interface Proposal {
  readonly id: string;
  readonly orgId: string;
  readonly kind: ProposalKind;
  readonly subject: ProposalSubject;
  readonly reason: string;
  readonly status: ProposalStatus;
  readonly proposedBy: string;
  readonly proposedAt: string;
  readonly decidedBy?: string;
  readonly decidedAt?: string;
  readonly note?: string;
  /** What an approval recorded, e.g. the rulebook version it created. */
  readonly outcome?: Record<string, unknown>;
  readonly version: number;
}

/** The record a proposal is about, for its audit history and the one-open-proposal lock. */
export function proposalTarget(subject: ProposalSubject): string {
  switch (subject.kind) {
    case 'staff-change':
      return `staff.${subject.staffId}`;
    case 'unit-oversight':
      return `unit.${subject.unitId}`;
    case 'rulebook-amendment':
      return 'rulebook';
  }
}

/** The staff member a proposal would change, if any: nobody proposes or decides about themselves. */
export function proposalPerson(subject: ProposalSubject): string | undefined {
  return subject.kind === 'staff-change' ? subject.staffId : undefined;
}

export function decideProposal(p: Proposal, decision: { approve: boolean; by: string; note?: string; at: string; outcome?: Record<string, unknown> }): Proposal {
  if (p.status !== 'proposed') throw new ConflictError(`Proposal ${p.id} was already ${p.status} by ${p.decidedBy} at ${p.decidedAt}.`);
  return {
    ...p,
    status: decision.approve ? 'approved' : 'rejected',
    decidedBy: decision.by,
    decidedAt: decision.at,
    ...(decision.note ? { note: decision.note } : {}),
    ...(decision.outcome ? { outcome: decision.outcome } : {}),
    version: p.version + 1,
  };
}
