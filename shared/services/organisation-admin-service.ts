import { ulid } from 'ulidx';
import type { AuditEvent } from '../domain/assignment.js';
import { ConflictError, ForbiddenError, NotFoundError, PreconditionFailedError, UnprocessableError, ValidationError, type FieldIssue } from '../domain/errors.js';
import { isValidLocalDate, toLocalDate, type LocalDate } from '../domain/local-time.js';
import { amendRulebook } from '../domain/rulebook-amendment.js';
import {
  OFFICE_ROLES,
  assertOneDirector,
  classifyStaffChange,
  decideProposal,
  protectedRoles,
  proposalPerson,
  proposalTarget,
  type Proposal,
  type ProposalSubject,
} from '../domain/separation-of-duties.js';
import { proposalEntityId } from '../store/keys.js';
import type { IdempotencyRepository } from '../store/idempotency-repository.js';
import { commit } from './commit.js';
import { IdempotentRequest } from './idempotent-request.js';
import type { IdentityDirectory } from '../adapters/identity-directory.js';
import type { SheetRow } from '../adapters/spreadsheet.js';
import { ROLE_UNIT_KINDS, roleSchema, unitHeadRole, type Role, type UnitKind } from '../rulebook/schema.js';
import type { OrganisationRepository, StaffRecord, UnitRecord } from '../store/organisation-repository.js';
import type { LabelledItem } from '../store/transact.js';
import type { AssignmentService } from './assignment-service.js';
import { auditVisibility } from './audit-service.js';
import type { OrgContext, OrgContextLoader } from './org-context.js';
import type { Actor } from './organisation-service.js';

export interface StaffInput {
  id?: string;
  name: string;
  unitId: string;
  roles: Role[];
  title?: { vi: string; en: string };
  email?: string;
}

export type StaffPatch = Partial<Omit<StaffInput, 'id'>>;

/** What the Office may propose (POST /v1/admin/proposals; amendments through POST /v1/rulebook/amendments). */
export type ProposalInput =
  | { kind: 'staff-change'; staffId: string; roles?: Role[]; unitId?: string; reason: string }
  | { kind: 'unit-oversight'; unitId: string; overseenBy: string; reason: string }
  | { kind: 'rulebook-amendment'; effectiveFrom: LocalDate; changes: Record<string, unknown>; reason: string };

export interface UnitInput {
  id: string;
  name: { vi: string; en: string };
  kind: UnitKind;
  overseenBy: string | null;
}

const STAFF_ID = /^[a-z0-9][a-z0-9-]{1,62}$/;

/** The columns of a staff import, with the Vietnamese and English headers that name them. */
export const STAFF_IMPORT_COLUMNS = {
  id: ['mã', 'mã cán bộ', 'staff id'],
  name: ['họ và tên', 'họ tên', 'full name'],
  unitId: ['đơn vị', 'mã đơn vị', 'unit', 'unit id'],
  roles: ['vai trò', 'chức vụ', 'role'],
  email: ['thư điện tử', 'e-mail'],
} as const;

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
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
}

/**
 * Administration of people, units and the rulebook by the Office (chief of office) and admins.
 * Records change; history does not: every change is audited, and ended staff keep their records.
 */
export class OrganisationAdminService {
  constructor(
    private readonly contexts: OrgContextLoader,
    private readonly organisations: OrganisationRepository,
    private readonly assignments: AssignmentService,
    private readonly identity: IdentityDirectory,
    private readonly idempotency: IdempotencyRepository,
  ) {}

  private requireAdmin(ctx: OrgContext, actor: Actor): void {
    requireStaffAdministrator(ctx.authority.staff(actor.staffId)?.roles ?? []);
  }

  /** The 403 of a change that only a decided proposal may make: says which route to use instead. */
  private proposalRequired(what: string): ForbiddenError {
    return new ForbiddenError(
      `${what} needs the director's approval: the Office proposes it with POST /v1/admin/proposals and it takes effect when the director decides it (separation of duties).`,
      'SoD',
    );
  }

  private event(ctx: OrgContext, actor: Actor, entityId: string, action: string, version: number, data: Record<string, unknown>, now: Date): AuditEvent {
    return { id: ulid(now.getTime()), orgId: ctx.orgId, entityType: entityId.split('.')[0]!, entityId, action, actorId: actor.staffId, at: now.toISOString(), version, data };
  }

  /** Checks a staff member's unit and roles against the units and the other records. */
  private staffIssues(ctx: OrgContext, member: { id: string; name: string; unitId: string; roles: readonly Role[] }, prefix: string): FieldIssue[] {
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

  async listStaff(actor: Actor, includeEnded: boolean, now: Date): Promise<StaffRecord[]> {
    const ctx = await this.contexts.load(actor.orgId, now);
    this.requireAdmin(ctx, actor);
    return ctx.snapshot.staff.filter((s) => includeEnded || s.active);
  }

  async addStaff(actor: Actor, input: StaffInput, now: Date): Promise<StaffRecord> {
    const ctx = await this.contexts.load(actor.orgId, now);
    this.requireAdmin(ctx, actor);
    const id = input.id ?? this.freeIdFor(ctx, input.name);
    if (ctx.snapshot.staff.some((s) => s.id === id)) {
      throw new ConflictError(`Staff id ${id} is taken (ids are never reused, so history stays unambiguous).`);
    }
    const record: StaffRecord = { id, name: input.name.trim(), unitId: input.unitId, roles: input.roles, ...(input.title ? { title: input.title } : {}), ...(input.email ? { email: input.email } : {}), active: true, version: 1 };
    const guarded = protectedRoles(ctx.rulebook);
    const granted = input.roles.filter((r) => guarded.has(r));
    if (granted.length) throw this.proposalRequired(`Adding a person with the role ${granted.join(', ')}`);
    const issues = this.staffIssues(ctx, record, 'body');
    if (issues.length) throw new ValidationError('The staff member cannot be added as given.', issues);
    await this.identity.createUser({ staffId: id, orgId: ctx.orgId, name: record.name, ...(record.email ? { email: record.email } : {}) });
    await this.organisations.write([this.organisations.staffPut(ctx.orgId, record)], [this.event(ctx, actor, `staff.${id}`, 'staff-added', 1, { staff: record }, now)]);
    return record;
  }

  private freeIdFor(ctx: OrgContext, name: string): string {
    const base = slugOfName(name) || 'staff';
    let id = base;
    for (let n = 2; ctx.snapshot.staff.some((s) => s.id === id); n++) id = `${base}-${n}`;
    return id;
  }

  private async loadStaff(ctx: OrgContext, id: string): Promise<StaffRecord> {
    const current = ctx.snapshot.staff.find((s) => s.id === id);
    if (!current) throw new NotFoundError(`There is no staff member ${id}.`);
    return current;
  }

  private async saveStaff(ctx: OrgContext, next: StaffRecord, expectedVersion: number, event: AuditEvent): Promise<void> {
    await commit({
      retry: false,
      stale: () => new PreconditionFailedError('The staff record changed meanwhile; read it again.'),
      decide: () => ({ result: next, write: () => this.organisations.write([this.organisations.staffPut(ctx.orgId, next, expectedVersion)], [event]) }),
    });
  }

  /** Moves a person, changes their roles or details. Their past work stays theirs; authority follows the new record. */
  async updateStaff(actor: Actor, id: string, patch: StaffPatch, now: Date, ifMatch?: number): Promise<StaffRecord> {
    const ctx = await this.contexts.load(actor.orgId, now);
    this.requireAdmin(ctx, actor);
    const current = await this.loadStaff(ctx, id);
    const change = classifyStaffChange(current, patch, protectedRoles(ctx.rulebook));
    if ((change.rolesChanged || change.unitChanged) && id === actor.staffId) {
      throw new ForbiddenError('Nobody changes their own roles or unit; another member of the Office proposes it, and the director decides.', 'SoD');
    }
    if (change.needsDirector) throw this.proposalRequired(`A change to the role ${change.protectedRoles.join(', ')}${change.unitChanged ? ' (moving its holder)' : ''}`);
    if (!current.active) throw new ConflictError(`${current.name}'s employment has ended; their record is kept as it was.`);
    if (ifMatch !== undefined && ifMatch !== current.version) throw new PreconditionFailedError(`The staff record is at version ${current.version}, not ${ifMatch}.`, current.version);
    const next: StaffRecord = { ...current, ...patch, version: current.version + 1 };
    const issues = this.staffIssues(ctx, next, 'body');
    if (issues.length) throw new ValidationError('The change would make the record invalid.', issues);
    assertOneDirector(ctx.snapshot.staff.map((s) => (s.id === id ? next : s)));
    const action = patch.unitId && patch.unitId !== current.unitId ? 'staff-moved' : patch.roles ? 'staff-roles-changed' : 'staff-updated';
    await this.saveStaff(ctx, next, current.version, this.event(ctx, actor, `staff.${id}`, action, next.version, { before: current, after: next }, now));
    return next;
  }

  /** Ends employment: the record stays (inactive), sign-in is disabled, open work goes to the successor. */
  async endEmployment(actor: Actor, id: string, input: { endedOn: LocalDate; successorId: string; note?: string }, now: Date): Promise<{ staff: StaffRecord; handedOver: string[] }> {
    const ctx = await this.contexts.load(actor.orgId, now);
    this.requireAdmin(ctx, actor);
    const current = await this.loadStaff(ctx, id);
    if (id === actor.staffId) throw new ForbiddenError('Nobody ends their own employment; another member of the Office records it.', 'SoD');
    if (current.active && current.roles.includes('director')) {
      throw new ConflictError('The director is replaced only by the province’s decision (npm run director:replace), never through the API.');
    }
    const guardedRoles = protectedRoles(ctx.rulebook);
    const guarded = current.roles.filter((r) => guardedRoles.has(r));
    if (current.active && guarded.length) {
      throw this.proposalRequired(`Ending the employment of the holder of ${guarded.join(', ')} (first propose the change of role)`);
    }
    if (input.successorId === id) throw new ValidationError('A successor must be someone else.', [{ path: 'body.successorId', message: 'must differ from the person leaving' }]);
    const successor = ctx.snapshot.staff.find((s) => s.id === input.successorId && s.active);
    if (!successor) throw new ValidationError('The successor must be a current staff member.', [{ path: 'body.successorId', message: `no current staff member ${input.successorId}` }]);
    let staff = current;
    if (current.active) {
      staff = { ...current, active: false, endedOn: input.endedOn, successorId: successor.id, version: current.version + 1 };
      await this.saveStaff(ctx, staff, current.version, this.event(ctx, actor, `staff.${id}`, 'employment-ended', staff.version, { endedOn: input.endedOn, successorId: successor.id, note: input.note }, now));
    } else if (current.successorId !== successor.id) {
      throw new ConflictError(`${current.name}'s employment already ended, with ${current.successorId} as successor.`);
    }
    await this.identity.disableUser(id);
    // Rerunning after a crash finishes the handover: it picks up whatever is still open.
    const handedOver = await this.assignments.handOverOpenWork(ctx, actor, id, successor.id, `Employment of ${current.name} ended on ${input.endedOn}`, now);
    return { staff, handedOver };
  }

  async addUnit(actor: Actor, input: UnitInput, now: Date): Promise<UnitRecord> {
    const ctx = await this.contexts.load(actor.orgId, now);
    this.requireAdmin(ctx, actor);
    if (ctx.snapshot.units.some((u) => u.id === input.id)) throw new ConflictError(`Unit ${input.id} exists.`);
    this.checkOverseer(ctx, input.overseenBy, input.kind);
    const unit: UnitRecord = { ...input, version: 1 };
    await this.organisations.write([this.organisations.unitPut(ctx.orgId, unit)], [this.event(ctx, actor, `unit.${unit.id}`, 'unit-added', 1, { unit }, now)]);
    return unit;
  }

  private checkOverseer(ctx: OrgContext, overseenBy: string | null, kind: UnitKind): void {
    if (kind === 'board') {
      if (overseenBy !== null) throw new ValidationError('The board is overseen by nobody.', [{ path: 'body.overseenBy', message: 'must be null for the board' }]);
      return;
    }
    const leader = overseenBy ? ctx.snapshot.staff.find((s) => s.id === overseenBy && s.active) : undefined;
    if (!leader || !leader.roles.some((r) => r === 'director' || r === 'deputy-director')) {
      throw new ValidationError('A unit is overseen by the director or a deputy director (Điều 3, 4).', [{ path: 'body.overseenBy', message: 'must be the director or a deputy director' }]);
    }
  }

  /** Renames a unit or changes which leader oversees it. */
  async updateUnit(actor: Actor, id: string, patch: { name?: { vi: string; en: string }; overseenBy?: string | null }, now: Date, ifMatch?: number): Promise<UnitRecord> {
    const ctx = await this.contexts.load(actor.orgId, now);
    this.requireAdmin(ctx, actor);
    const current = ctx.snapshot.units.find((u) => u.id === id);
    if (!current) throw new NotFoundError(`There is no unit ${id}.`);
    if (ifMatch !== undefined && ifMatch !== current.version) throw new PreconditionFailedError(`The unit is at version ${current.version}, not ${ifMatch}.`, current.version);
    if (patch.overseenBy !== undefined && patch.overseenBy !== current.overseenBy) throw this.proposalRequired('Changing which leader oversees a unit');
    const next: UnitRecord = { ...current, ...patch, version: current.version + 1 };
    const action = patch.overseenBy !== undefined && patch.overseenBy !== current.overseenBy ? 'unit-oversight-changed' : 'unit-renamed';
    const { body } = await commit({
      retry: false,
      stale: () => new PreconditionFailedError('The unit changed meanwhile; read it again.'),
      decide: () => ({
        result: next,
        write: () => this.organisations.write([this.organisations.unitPut(ctx.orgId, next, current.version)], [this.event(ctx, actor, `unit.${id}`, action, next.version, { before: current, after: next }, now)]),
      }),
    });
    return body;
  }

  /**
   * Bulk import, validated row by row: a dry run reports every bad row; a real run imports
   * nothing until every row is good. Rows already imported identically are skipped, so a rerun
   * after a failure finishes the job.
   */
  async importStaff(actor: Actor, rows: readonly SheetRow[], dryRun: boolean, now: Date) {
    const ctx = await this.contexts.load(actor.orgId, now);
    this.requireAdmin(ctx, actor);
    const roleNames = new Map<string, Role>();
    for (const role of roleSchema.options) {
      roleNames.set(role, role);
      const names = (ctx.rulebook.roles as Partial<Record<Role, { vi: string; en: string }>>)[role];
      if (names) {
        roleNames.set(names.vi.toLocaleLowerCase('vi'), role);
        roleNames.set(names.en.toLowerCase(), role);
      }
    }
    const seen = new Set<string>();
    const planned: StaffRecord[] = [];
    const guarded = protectedRoles(ctx.rulebook);
    const results = rows.map(({ line, values: row }) => {
      const errors: FieldIssue[] = [];
      const name = (row.name ?? '').trim();
      const roles = (row.roles ?? '')
        .split(/[;,]/)
        .map((r) => r.trim())
        .filter(Boolean)
        .map((r) => {
          const role = roleNames.get(r.toLocaleLowerCase('vi'));
          if (!role) errors.push({ path: `rows.${line}.roles`, message: `unknown role "${r}"` });
          return role;
        })
        .filter((r): r is Role => r !== undefined);
      const id = (row.id ?? '').trim() || slugOfName(name);
      const member: StaffRecord = {
        id,
        name,
        unitId: (row.unitId ?? '').trim(),
        roles,
        ...(row.email?.trim() ? { email: row.email.trim() } : {}),
        active: true,
        version: 1,
      };
      errors.push(...this.staffIssues({ ...ctx, snapshot: { ...ctx.snapshot, staff: [...ctx.snapshot.staff, ...planned] } }, member, `rows.${line}`));
      if (member.email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(member.email)) errors.push({ path: `rows.${line}.email`, message: 'not an e-mail address' });
      if (seen.has(id)) errors.push({ path: `rows.${line}.id`, message: `${id} appears twice in the file` });
      seen.add(id);
      const existing = ctx.snapshot.staff.find((s) => s.id === id);
      const alreadyImported = existing && existing.name === member.name && existing.unitId === member.unitId && existing.roles.join() === member.roles.join();
      if (existing && !alreadyImported) errors.push({ path: `rows.${line}.id`, message: `${id} is already another record` });
      const granted = roles.filter((r) => guarded.has(r));
      if (!existing && granted.length) errors.push({ path: `rows.${line}.roles`, message: `${granted.join(', ')} needs the director's approval: import the person with another role, then propose it` });
      if (!existing && errors.length === 0) planned.push(member);
      return { line, id, name, ok: errors.length === 0, alreadyImported: Boolean(alreadyImported), errors };
    });
    const bad = results.filter((r) => !r.ok);
    if (bad.length > 0 && !dryRun) {
      throw new UnprocessableError(`${bad.length} of ${rows.length} rows are not valid; nothing was imported.`, bad.flatMap((r) => r.errors));
    }
    if (!dryRun) {
      for (const member of planned) {
        await this.identity.createUser({ staffId: member.id, orgId: ctx.orgId, name: member.name, ...(member.email ? { email: member.email } : {}) });
      }
      // 49 records, their 49 audit events and the snapshot version's bump: one transaction (at most 100 items).
      for (let i = 0; i < planned.length; i += 49) {
        const chunk = planned.slice(i, i + 49);
        await this.organisations.write(
          chunk.map((m) => this.organisations.staffPut(ctx.orgId, m)),
          chunk.map((m) => this.event(ctx, actor, `staff.${m.id}`, 'staff-imported', 1, { staff: m }, now)),
        );
      }
    }
    return { dryRun, rows: results, valid: bad.length === 0, imported: dryRun ? 0 : planned.length };
  }

  /** The rulebook in force on a date, and the history of every version. */
  async rulebook(actor: Actor, on: LocalDate | undefined, now: Date) {
    const ctx = await this.contexts.load(actor.orgId, now);
    const date = on ?? toLocalDate(now, ctx.dueRules.timeZone);
    const inForce = ctx.rulebookOn(date);
    const stored = ctx.versions.find((v) => v.rulebook === inForce)!;
    return {
      on: date,
      version: stored.version,
      effectiveFrom: stored.effectiveFrom,
      rulebook: inForce,
      history: ctx.versions.map((v) => ({ version: v.version, effectiveFrom: v.effectiveFrom, recordedAt: v.recordedAt, ...(v.recordedBy ? { recordedBy: v.recordedBy } : {}), ...(v.reason ? { reason: v.reason } : {}) })),
    };
  }

  // -------------------------------------------------------------------------------------
  // Proposals: the Office proposes, the director decides; both are audited.

  /**
   * Điều 25.2: the chief of office proposes an amendment of the regulation and the director
   * decides it. The changes are checked against the schema now, and again when decided.
   */
  async proposeAmendment(actor: Actor, input: { effectiveFrom: LocalDate; reason: string; changes: Record<string, unknown> }, now: Date, idempotencyKey?: string) {
    return this.propose(actor, { kind: 'rulebook-amendment', effectiveFrom: input.effectiveFrom, changes: input.changes, reason: input.reason }, now, idempotencyKey);
  }

  /** Records a proposal of the Office; nothing changes until the director approves it. */
  async propose(actor: Actor, input: ProposalInput, now: Date, idempotencyKey?: string): Promise<{ status: number; body: Proposal; replayed: boolean }> {
    const ctx = await this.contexts.load(actor.orgId, now);
    const roles = ctx.authority.staff(actor.staffId)?.roles ?? [];
    if (!roles.some((r) => OFFICE_ROLES.includes(r))) {
      throw new ForbiddenError('The Office (the chief of office or an administrator) proposes; the director decides (Điều 25.2).', 'SoD');
    }
    let target: string | undefined;
    return commit({
      idempotency: new IdempotentRequest({ repository: this.idempotency, orgId: ctx.orgId, scope: `proposals.${actor.staffId}`, key: idempotencyKey, input, now }),
      retry: false,
      // Another open proposal holds the record: say which.
      conflict: async (part) => {
        if (part !== 'lock' || target === undefined) return undefined;
        const open = await this.organisations.openProposalId(ctx.orgId, target);
        return new ConflictError(`Proposal ${open} about ${target} is still waiting for the director's decision; one open proposal per record.`);
      },
      decide: () => {
        const subject = this.subjectOf(ctx, actor, input);
        const proposal: Proposal = {
          id: ulid(now.getTime()),
          orgId: ctx.orgId,
          kind: subject.kind,
          subject,
          reason: input.reason,
          status: 'proposed',
          proposedBy: actor.staffId,
          proposedAt: now.toISOString(),
          version: 1,
        };
        target = proposalTarget(subject);
        const locks = subject.kind === 'rulebook-amendment' ? [] : [this.organisations.proposalLock(ctx.orgId, target, proposal.id)];
        return {
          result: proposal,
          status: 201,
          write: (extra) =>
            this.organisations.write(
              [this.organisations.proposalPut(proposal), ...locks, ...extra],
              [this.event(ctx, actor, proposalEntityId(proposal.id), 'proposed', 1, { kind: proposal.kind, target, subject, reason: proposal.reason }, now)],
            ),
        };
      },
    });
  }

  /** Checks a proposal against the records as they are now; the decision checks it again. */
  private subjectOf(ctx: OrgContext, actor: Actor, input: ProposalInput): ProposalSubject {
    switch (input.kind) {
      case 'staff-change': {
        const current = ctx.snapshot.staff.find((s) => s.id === input.staffId);
        if (!current) throw new NotFoundError(`There is no staff member ${input.staffId}.`);
        if (input.staffId === actor.staffId) {
          throw new ForbiddenError('Nobody proposes a change of their own roles or unit; another member of the Office does.', 'SoD');
        }
        if (!current.active) throw new ConflictError(`${current.name}'s employment has ended; their record is kept as it was.`);
        const change = classifyStaffChange(current, input, protectedRoles(ctx.rulebook));
        if (!change.rolesChanged && !change.unitChanged) {
          throw new ValidationError('The proposal changes nothing.', [{ path: 'body.roles', message: 'give roles or a unitId that differ from the record' }]);
        }
        const next = { ...current, ...(input.roles ? { roles: input.roles } : {}), ...(input.unitId ? { unitId: input.unitId } : {}) };
        const issues = this.staffIssues(ctx, next, 'body');
        if (issues.length) throw new ValidationError('The change would make the record invalid.', issues);
        return {
          kind: 'staff-change',
          staffId: current.id,
          baseVersion: current.version,
          ...(input.roles ? { roles: input.roles } : {}),
          ...(input.unitId ? { unitId: input.unitId } : {}),
        };
      }
      case 'unit-oversight': {
        const unit = ctx.snapshot.units.find((u) => u.id === input.unitId);
        if (!unit) throw new NotFoundError(`There is no unit ${input.unitId}.`);
        this.checkOverseer(ctx, input.overseenBy, unit.kind);
        if (unit.overseenBy === input.overseenBy) {
          throw new ValidationError('The proposal changes nothing.', [{ path: 'body.overseenBy', message: `${unit.id} is already overseen by ${input.overseenBy}` }]);
        }
        return { kind: 'unit-oversight', unitId: unit.id, baseVersion: unit.version, overseenBy: input.overseenBy };
      }
      case 'rulebook-amendment': {
        if (!isValidLocalDate(input.effectiveFrom)) throw new ValidationError('Invalid date.', [{ path: 'body.effectiveFrom', message: 'must be a real date' }]);
        const latest = Math.max(...ctx.versions.map((v) => v.version));
        amendRulebook(ctx.rulebookOn(input.effectiveFrom), input.changes, { effectiveFrom: input.effectiveFrom, version: latest + 1 });
        return { kind: 'rulebook-amendment', effectiveFrom: input.effectiveFrom, changes: input.changes };
      }
    }
  }

  private canReadProposals(ctx: OrgContext, actor: Actor): boolean {
    const me = ctx.authority.staff(actor.staffId);
    if (!me?.active) return false;
    return me.roles.some((r) => OFFICE_ROLES.includes(r) || r === 'director') || ctx.authority.viewScope(actor.staffId).kind === 'all';
  }

  async listProposals(actor: Actor, filters: { status?: Proposal['status']; limit: number }, now: Date): Promise<Proposal[]> {
    const ctx = await this.contexts.load(actor.orgId, now);
    if (!this.canReadProposals(ctx, actor)) throw new ForbiddenError('Proposals are read by the Office, the director and the chief inspector.', 'SoD');
    // Proposals are few; the status filter is applied to the newest ones read.
    const items = await this.organisations.listProposals(ctx.orgId, filters.status ? 100 : filters.limit);
    return (filters.status ? items.filter((p) => p.status === filters.status) : items).slice(0, filters.limit);
  }

  async getProposal(actor: Actor, id: string, now: Date): Promise<Proposal> {
    const ctx = await this.contexts.load(actor.orgId, now);
    if (!this.canReadProposals(ctx, actor)) throw new ForbiddenError('Proposals are read by the Office, the director and the chief inspector.', 'SoD');
    const proposal = await this.organisations.getProposal(ctx.orgId, id);
    if (!proposal) throw new NotFoundError(`There is no proposal ${id}.`);
    return proposal;
  }

  /**
   * The director decides; an approval applies the change in the same transaction that records
   * the decision, after checking it against the records as they are now (exactly one director).
   */
  async decideProposal(actor: Actor, id: string, input: { approve: boolean; note?: string }, now: Date): Promise<Proposal> {
    const ctx = await this.contexts.load(actor.orgId, now);
    const me = ctx.authority.staff(actor.staffId);
    // Not under delegation either: an A2 deputy runs the department, not its separation of duties.
    if (!me?.active || !me.roles.includes('director')) {
      throw new ForbiddenError('Only the director decides the Office’s proposals (Điều 25.2); a deputy, even under delegation, does not.', 'SoD');
    }
    const proposal = await this.organisations.getProposal(ctx.orgId, id);
    if (!proposal) throw new NotFoundError(`There is no proposal ${id}.`);
    const at = now.toISOString();
    let applied: { items: LabelledItem[]; events: AuditEvent[]; outcome?: Record<string, unknown> } = { items: [], events: [] };
    if (input.approve) {
      decideProposal(proposal, { approve: true, by: actor.staffId, at }); // already decided: 409 before any work
      applied = this.apply(ctx, actor, proposal, now); // zero or two directors: 409
      // Rejecting a proposal about oneself changes nothing, so only an approval is refused.
      if (proposalPerson(proposal.subject) === actor.staffId) {
        throw new ForbiddenError('Nobody approves a change of their own roles or unit; the director is replaced only by the province’s decision.', 'SoD');
      }
    }
    const decided = decideProposal(proposal, { approve: input.approve, by: actor.staffId, at, ...(input.note ? { note: input.note } : {}), ...(applied.outcome ? { outcome: applied.outcome } : {}) });
    const unlock = proposal.subject.kind === 'rulebook-amendment' ? [] : [this.organisations.proposalUnlock(ctx.orgId, proposalTarget(proposal.subject), proposal.id)];
    const changedMeanwhile = () => new ConflictError('The records changed while the decision was being recorded; read the proposal and the records again.');
    const { body } = await commit({
      retry: false,
      raced: [],
      stale: changedMeanwhile,
      conflict: (part) => (part === 'proposal' || part === 'lock' ? new ConflictError(`Proposal ${id} was decided meanwhile.`) : changedMeanwhile()),
      decide: () => ({
        result: decided,
        write: () =>
          this.organisations.write(
            [this.organisations.proposalPut(decided, proposal.version), ...unlock, ...applied.items],
            [
              this.event(ctx, actor, proposalEntityId(proposal.id), decided.status, decided.version, { approve: input.approve, note: input.note, outcome: applied.outcome }, now),
              ...applied.events,
            ],
          ),
      }),
    });
    return body;
  }

  /** The writes an approval makes, checked against the records now. */
  private apply(ctx: OrgContext, actor: Actor, p: Proposal, now: Date): { items: LabelledItem[]; events: AuditEvent[]; outcome?: Record<string, unknown> } {
    const because = { proposalId: p.id, proposedBy: p.proposedBy, approvedBy: actor.staffId, reason: p.reason };
    const subject = p.subject;
    switch (subject.kind) {
      case 'staff-change': {
        const current = ctx.snapshot.staff.find((s) => s.id === subject.staffId);
        if (!current?.active) throw new ConflictError(`${subject.staffId} is no longer a current staff member; reject the proposal.`);
        if (current.version !== subject.baseVersion) {
          throw new ConflictError(`${current.name}'s record changed after the proposal (version ${current.version}, proposed on ${subject.baseVersion}); reject it and propose again.`);
        }
        const next: StaffRecord = { ...current, ...(subject.roles ? { roles: [...subject.roles] } : {}), ...(subject.unitId ? { unitId: subject.unitId } : {}), version: current.version + 1 };
        const issues = this.staffIssues(ctx, next, 'proposal.subject');
        if (issues.length) throw new ConflictError(`The change no longer fits the records: ${issues.map((i) => i.message).join('; ')}.`);
        assertOneDirector(ctx.snapshot.staff.map((s) => (s.id === next.id ? next : s)));
        const action = next.unitId !== current.unitId ? 'staff-moved' : 'staff-roles-changed';
        return {
          items: [this.organisations.staffPut(ctx.orgId, next, current.version)],
          events: [this.event(ctx, actor, `staff.${next.id}`, action, next.version, { before: current, after: next, ...because }, now)],
        };
      }
      case 'unit-oversight': {
        const current = ctx.snapshot.units.find((u) => u.id === subject.unitId);
        if (!current) throw new ConflictError(`There is no unit ${subject.unitId} any more; reject the proposal.`);
        if (current.version !== subject.baseVersion) {
          throw new ConflictError(`Unit ${current.id} changed after the proposal (version ${current.version}, proposed on ${subject.baseVersion}); reject it and propose again.`);
        }
        try {
          this.checkOverseer(ctx, subject.overseenBy, current.kind);
        } catch (error) {
          if (error instanceof ValidationError) throw new ConflictError(`${subject.overseenBy} can no longer oversee a unit: ${error.message}`);
          throw error;
        }
        const next: UnitRecord = { ...current, overseenBy: subject.overseenBy, version: current.version + 1 };
        return {
          items: [this.organisations.unitPut(ctx.orgId, next, current.version)],
          events: [this.event(ctx, actor, `unit.${next.id}`, 'unit-oversight-changed', next.version, { before: current, after: next, ...because }, now)],
        };
      }
      case 'rulebook-amendment': {
        const latest = Math.max(...ctx.versions.map((v) => v.version));
        const version = latest + 1;
        let rulebook;
        try {
          rulebook = amendRulebook(ctx.rulebookOn(subject.effectiveFrom), subject.changes, { effectiveFrom: subject.effectiveFrom, version });
        } catch (error) {
          if (error instanceof ValidationError) throw new ConflictError(`The amendment no longer fits the rulebook in force on ${subject.effectiveFrom}: ${error.issues.map((i) => `${i.path}: ${i.message}`).join('; ')}.`);
          throw error;
        }
        const stored = { effectiveFrom: subject.effectiveFrom, version, rulebook, recordedAt: now.toISOString(), recordedBy: actor.staffId, reason: p.reason, proposalId: p.id, proposedBy: p.proposedBy };
        return {
          items: this.organisations.rulebookVersionItems(ctx.orgId, stored, latest),
          events: [this.event(ctx, actor, `rulebook.${ctx.orgId}`, 'rulebook-amended', version, { effectiveFrom: subject.effectiveFrom, changes: subject.changes, ...because }, now)],
          outcome: { version, effectiveFrom: subject.effectiveFrom },
        };
      }
    }
  }

  /**
   * The province's decision replaces the director (Quyết định of the provincial People's
   * Committee): run with deployment credentials by scripts/director-replace.ts, never through the
   * API. In one transaction the new director takes the role (in the board), the former director
   * loses it (keeping `formerRoles` in `formerUnitId`, or leaving the department), the units the
   * former director oversaw pass to the new one, and the organisation's history records the decision.
   */
  async replaceDirector(
    orgId: string,
    input: { staffId: string; decision: string; ranBy: string; formerRoles?: Role[]; formerUnitId?: string },
    now: Date,
  ): Promise<{ previous?: StaffRecord; director: StaffRecord; units: string[]; handedOver: string[] }> {
    const ctx = await this.contexts.load(orgId, now);
    const decision = input.decision.trim();
    if (!decision) throw new ValidationError('Name the province’s decision.', [{ path: 'decision', message: 'e.g. "Quyết định số 123/QĐ-UBND"' }]);
    const board = ctx.snapshot.units.find((u) => u.kind === 'board');
    if (!board) throw new ConflictError(`${orgId} has no board.`);
    const appointed = ctx.snapshot.staff.find((s) => s.id === input.staffId);
    if (!appointed?.active) throw new ValidationError(`There is no current staff member ${input.staffId}.`, [{ path: 'staff', message: `no current staff member ${input.staffId}` }]);
    const previous = ctx.snapshot.staff.find((s) => s.active && s.roles.includes('director'));
    if (previous?.id === appointed.id) throw new ConflictError(`${appointed.name} is already the director.`);
    const director: StaffRecord = { ...appointed, unitId: board.id, roles: ['director'], version: appointed.version + 1 };
    const leaving = !input.formerRoles?.length;
    const former: StaffRecord | undefined = previous && {
      ...previous,
      roles: input.formerRoles ?? [],
      unitId: input.formerUnitId ?? previous.unitId,
      ...(leaving ? { active: false, endedOn: toLocalDate(now, ctx.dueRules.timeZone), successorId: appointed.id } : {}),
      version: previous.version + 1,
    };
    const units = ctx.snapshot.units.filter((u) => previous && u.overseenBy === previous.id).map((u) => ({ ...u, overseenBy: appointed.id, version: u.version + 1 }));
    const staffAfter = ctx.snapshot.staff.map((s) => (s.id === director.id ? director : former && s.id === former.id ? former : s));
    const after: OrgContext = { ...ctx, snapshot: { ...ctx.snapshot, staff: staffAfter, units: ctx.snapshot.units.map((u) => units.find((x) => x.id === u.id) ?? u) } };
    const issues = [...this.staffIssues(after, director, 'staff'), ...(former && !leaving ? this.staffIssues(after, former, 'former') : [])];
    if (issues.length) throw new ValidationError('The replacement would leave invalid records.', issues);
    assertOneDirector(staffAfter);
    const actor: Actor = { orgId, staffId: 'provincial-decision', name: decision, unitId: board.id, roles: [] };
    const data = { decision, ranBy: input.ranBy, previous: previous?.id ?? null, director: director.id, units: units.map((u) => u.id) };
    await this.organisations.write(
      [
        this.organisations.staffPut(orgId, director, appointed.version),
        ...(former && previous ? [this.organisations.staffPut(orgId, former, previous.version)] : []),
        ...units.map((u) => this.organisations.unitPut(orgId, u, u.version - 1)),
      ],
      [
        // The organisation's own history has no versions; its events sort by their ULIDs.
        this.event(ctx, actor, `organisation.${orgId}`, 'director-replaced', 1, { ...data, before: { previous, appointed }, after: { former, director } }, now),
        this.event(ctx, actor, `staff.${director.id}`, 'director-appointed', director.version, { ...data, before: appointed, after: director }, now),
        ...(former && previous ? [this.event(ctx, actor, `staff.${former.id}`, 'director-replaced', former.version, { ...data, before: previous, after: former }, now)] : []),
        ...units.map((u) => this.event(ctx, actor, `unit.${u.id}`, 'unit-oversight-changed', u.version, { ...data, after: u }, now)),
      ],
    );
    let handedOver: string[] = [];
    if (former && leaving) {
      // After the commit, like end-employment: a rerun of the handover picks up whatever is still open.
      handedOver = await this.assignments.handOverOpenWork(await this.contexts.load(orgId, now), actor, former.id, director.id, decision, now);
    }
    return { ...(former ? { previous: former } : {}), director, units: units.map((u) => u.id), handedOver };
  }

  /** Audit visibility of staff, units and the rulebook: administrators and the whole-department viewers; a person their own record. */
  readonly auditVisibility = auditVisibility(['staff', 'unit', 'rulebook', 'proposal', 'organisation'], async (ctx, actor, entityId) => {
    const [kind, id] = [entityId.slice(0, entityId.indexOf('.')), entityId.slice(entityId.indexOf('.') + 1)];
    if (!['staff', 'unit', 'rulebook', 'proposal', 'organisation'].includes(kind)) return undefined;
    const roles = ctx.authority.staff(actor.staffId)?.roles ?? [];
    if (roles.some((r) => r === 'chief-of-office' || r === 'admin' || r === 'director') || ctx.authority.viewScope(actor.staffId).kind === 'all') return true;
    return kind === 'staff' && id === actor.staffId;
  });
}
