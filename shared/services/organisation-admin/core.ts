/**
 * What the parts of the administration share: its stores, who administers staff and units, the
 * refusal that sends a change to a proposal (separation of duties), the audit event, and the checks
 * of a staff record and of a unit's overseer against the other records.
 */
import { ulid } from 'ulidx';
import type { AuditEvent } from '../../domain/assignment.js';
import { ForbiddenError, ValidationError, type FieldIssue } from '../../domain/errors.js';
import { OFFICE_ROLES } from '../../domain/separation-of-duties.js';
import { withoutDiacritics } from '../../domain/text.js';
import type { IdempotencyRepository } from '../../store/idempotency-repository.js';
import type { IdentityDirectory } from '../../adapters/identity-directory.js';
import { ROLE_UNIT_KINDS, unitHeadRole, type Role, type UnitKind } from '../../rulebook/roles.js';
import type { OrganisationRepository } from '../../store/organisation-repository.js';
import type { AssignmentService } from '../assignment-service.js';
import type { OrgContext, OrgContextLoader } from '../org-context.js';
import type { Actor } from '../organisation-service.js';

const STAFF_ID = /^[a-z0-9][a-z0-9-]{1,62}$/;

/**
 * The chief of office and administrators manage staff and units. Also checked by the import
 * route before it reads the uploaded file (authorise before parsing).
 */
export function requireStaffAdministrator(roles: readonly Role[]): void {
  if (!roles.some((r) => OFFICE_ROLES.includes(r))) {
    throw new ForbiddenError('Only the chief of office or an administrator manages staff and units.');
  }
}

/** `Nguyễn Văn Hùng` → `nguyen-van-hung`: the convention of the seeded records. */
export function slugOfName(name: string): string {
  return withoutDiacritics(name)
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
}

export class OrganisationAdminCore {
  constructor(
    readonly contexts: OrgContextLoader,
    readonly organisations: OrganisationRepository,
    readonly assignments: AssignmentService,
    readonly identity: IdentityDirectory,
    readonly idempotency: IdempotencyRepository,
  ) {}

  requireAdmin(ctx: OrgContext, actor: Actor): void {
    requireStaffAdministrator(ctx.authority.staff(actor.staffId)?.roles ?? []);
  }

  /** The 403 of a change that only a decided proposal may make: says which route to use instead. */
  proposalRequired(what: string): ForbiddenError {
    return new ForbiddenError(
      `${what} needs the director's approval: the Office proposes it with POST /v1/admin/proposals and it takes effect when the director decides it (separation of duties).`,
      'SoD',
    );
  }

  event(ctx: OrgContext, actor: Actor, entityId: string, action: string, version: number, data: Record<string, unknown>, now: Date): AuditEvent {
    return { id: ulid(now.getTime()), orgId: ctx.orgId, entityType: entityId.split('.')[0]!, entityId, action, actorId: actor.staffId, at: now.toISOString(), version, data };
  }

  /** Checks a staff member's unit and roles against the units and the other records. */
  staffIssues(ctx: OrgContext, member: { id: string; name: string; unitId: string; roles: readonly Role[] }, prefix: string): FieldIssue[] {
    const issues: FieldIssue[] = [];
    if (!STAFF_ID.test(member.id)) issues.push({ path: `${prefix}.id`, message: 'lower-case letters, digits and dashes, 2-63 characters' });
    if (!member.name.trim()) issues.push({ path: `${prefix}.name`, message: 'a name is required' });
    const unit = ctx.snapshot.units.find((u) => u.id === member.unitId);
    if (!unit) issues.push({ path: `${prefix}.unitId`, message: `no unit ${member.unitId}` });
    if (member.roles.length === 0) issues.push({ path: `${prefix}.roles`, message: 'at least one role' });
    member.roles.forEach((role, i) => {
      const kinds = ROLE_UNIT_KINDS[role];
      if (unit && kinds && !kinds.includes(unit.kind)) {
        issues.push({ path: `${prefix}.roles.${i}`, message: `a ${role} belongs in a unit of kind ${kinds.join(' or ')}` });
      }
    });
    // The board is the director and the deputies (Điều 3, 4): moving anyone else into it would make them a leader.
    if (unit?.kind === 'board' && !member.roles.some((r) => r === 'director' || r === 'deputy-director')) {
      issues.push({ path: `${prefix}.unitId`, message: 'the board holds only the director and deputy directors' });
    }
    const overseen = ctx.snapshot.units.filter((u) => u.overseenBy === member.id).map((u) => u.id);
    if (overseen.length && !member.roles.some((r) => r === 'director' || r === 'deputy-director')) {
      issues.push({ path: `${prefix}.roles`, message: `${member.id} oversees ${overseen.join(', ')}; propose another leader for those units first` });
    }
    // The board's head is the director, whose uniqueness the decision checks (assertOneDirector).
    if (unit && unit.kind !== 'board') {
      const headRole = unitHeadRole(unit.kind);
      const otherHead = ctx.snapshot.staff.find((s) => s.active && s.id !== member.id && s.unitId === unit.id && s.roles.includes(headRole));
      if (member.roles.includes(headRole) && otherHead) {
        issues.push({ path: `${prefix}.roles`, message: `${unit.id} already has a ${headRole}: ${otherHead.id}; change theirs first` });
      }
    }
    return issues;
  }

  checkOverseer(ctx: OrgContext, overseenBy: string | null, kind: UnitKind): void {
    if (kind === 'board') {
      if (overseenBy !== null) throw new ValidationError('The board is overseen by nobody.', [{ path: 'body.overseenBy', message: 'must be null for the board' }]);
      return;
    }
    const leader = overseenBy ? ctx.snapshot.staff.find((s) => s.id === overseenBy && s.active) : undefined;
    if (!leader || !leader.roles.some((r) => r === 'director' || r === 'deputy-director')) {
      throw new ValidationError('A unit is overseen by the director or a deputy director (Điều 3, 4).', [{ path: 'body.overseenBy', message: 'must be the director or a deputy director' }]);
    }
  }
}
