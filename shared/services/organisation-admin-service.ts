import { ulid } from 'ulidx';
import type { AuditEvent } from '../domain/assignment.js';
import { ConflictError, ForbiddenError, NotFoundError, PreconditionFailedError, UnprocessableError, ValidationError, type FieldIssue } from '../domain/errors.js';
import { isValidLocalDate, toLocalDate, type LocalDate } from '../domain/local-time.js';
import { amendRulebook } from '../domain/rulebook-amendment.js';
import type { IdentityDirectory } from '../adapters/identity-directory.js';
import type { SheetRow } from '../adapters/spreadsheet.js';
import { ROLE_UNIT_KINDS, roleSchema, unitHeadRole, type Role, type UnitKind } from '../rulebook/schema.js';
import type { OrganisationRepository, StaffRecord, UnitRecord } from '../store/organisation-repository.js';
import { ConditionFailed } from '../store/transact.js';
import type { AssignmentService } from './assignment-service.js';
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
  if (!roles.includes('chief-of-office') && !roles.includes('admin')) {
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
  ) {}

  private requireAdmin(ctx: OrgContext, actor: Actor): void {
    requireStaffAdministrator(ctx.authority.staff(actor.staffId)?.roles ?? []);
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
    if (unit) {
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
    try {
      await this.organisations.write([this.organisations.staffPut(ctx.orgId, next, expectedVersion)], [event]);
    } catch (error) {
      if (error instanceof ConditionFailed && error.label === 'state') throw new PreconditionFailedError('The staff record changed meanwhile; read it again.');
      throw error;
    }
  }

  /** Moves a person, changes their roles or details. Their past work stays theirs; authority follows the new record. */
  async updateStaff(actor: Actor, id: string, patch: StaffPatch, now: Date, ifMatch?: number): Promise<StaffRecord> {
    const ctx = await this.contexts.load(actor.orgId, now);
    this.requireAdmin(ctx, actor);
    const current = await this.loadStaff(ctx, id);
    if (!current.active) throw new ConflictError(`${current.name}'s employment has ended; their record is kept as it was.`);
    if (ifMatch !== undefined && ifMatch !== current.version) throw new PreconditionFailedError(`The staff record is at version ${current.version}, not ${ifMatch}.`, current.version);
    const next: StaffRecord = { ...current, ...patch, version: current.version + 1 };
    const issues = this.staffIssues(ctx, next, 'body');
    if (issues.length) throw new ValidationError('The change would make the record invalid.', issues);
    const action = patch.unitId && patch.unitId !== current.unitId ? 'staff-moved' : patch.roles ? 'staff-roles-changed' : 'staff-updated';
    await this.saveStaff(ctx, next, current.version, this.event(ctx, actor, `staff.${id}`, action, next.version, { before: current, after: next }, now));
    return next;
  }

  /** Ends employment: the record stays (inactive), sign-in is disabled, open work goes to the successor. */
  async endEmployment(actor: Actor, id: string, input: { endedOn: LocalDate; successorId: string; note?: string }, now: Date): Promise<{ staff: StaffRecord; handedOver: string[] }> {
    const ctx = await this.contexts.load(actor.orgId, now);
    this.requireAdmin(ctx, actor);
    const current = await this.loadStaff(ctx, id);
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
    const next: UnitRecord = { ...current, ...patch, version: current.version + 1 };
    if (patch.overseenBy !== undefined) this.checkOverseer(ctx, next.overseenBy, next.kind);
    const action = patch.overseenBy !== undefined && patch.overseenBy !== current.overseenBy ? 'unit-oversight-changed' : 'unit-renamed';
    try {
      await this.organisations.write([this.organisations.unitPut(ctx.orgId, next, current.version)], [this.event(ctx, actor, `unit.${id}`, action, next.version, { before: current, after: next }, now)]);
    } catch (error) {
      if (error instanceof ConditionFailed && error.label === 'state') throw new PreconditionFailedError('The unit changed meanwhile; read it again.');
      throw error;
    }
    return next;
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
      // 50 records and their 50 audit events fill one transaction (100 items).
      for (let i = 0; i < planned.length; i += 50) {
        const chunk = planned.slice(i, i + 50);
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

  /** An amendment takes effect from a date; periods before it are still judged by the rules then in force. */
  async amendRulebook(actor: Actor, input: { effectiveFrom: LocalDate; reason: string; changes: Record<string, unknown> }, now: Date) {
    const ctx = await this.contexts.load(actor.orgId, now);
    const roles = ctx.authority.staff(actor.staffId)?.roles ?? [];
    if (!roles.includes('director') && !roles.includes('admin')) throw new ForbiddenError('Only the director or an administrator amends the rulebook.');
    if (!isValidLocalDate(input.effectiveFrom)) throw new ValidationError('Invalid date.', [{ path: 'body.effectiveFrom', message: 'must be a real date' }]);
    const latest = Math.max(...ctx.versions.map((v) => v.version));
    const version = latest + 1;
    const rulebook = amendRulebook(ctx.rulebookOn(input.effectiveFrom), input.changes, { effectiveFrom: input.effectiveFrom, version });
    const stored = { effectiveFrom: input.effectiveFrom, version, rulebook, recordedAt: now.toISOString(), recordedBy: actor.staffId, reason: input.reason };
    try {
      await this.organisations.addRulebookVersion(ctx.orgId, stored, this.event(ctx, actor, `rulebook.${ctx.orgId}`, 'rulebook-amended', version, { effectiveFrom: input.effectiveFrom, reason: input.reason, changes: input.changes }, now), latest);
    } catch (error) {
      if (error instanceof ConditionFailed) throw new ConflictError('Another amendment was recorded meanwhile; read the rulebook again.');
      throw error;
    }
    return { version, effectiveFrom: input.effectiveFrom, reason: input.reason };
  }

  /** Audit visibility of staff, units and the rulebook: administrators and the whole-department viewers; a person their own record. */
  auditVisibility = async (ctx: OrgContext, actor: Actor, entityId: string): Promise<boolean | undefined> => {
    const [kind, id] = [entityId.slice(0, entityId.indexOf('.')), entityId.slice(entityId.indexOf('.') + 1)];
    if (!['staff', 'unit', 'rulebook'].includes(kind)) return undefined;
    const roles = ctx.authority.staff(actor.staffId)?.roles ?? [];
    if (roles.some((r) => r === 'chief-of-office' || r === 'admin') || ctx.authority.viewScope(actor.staffId).kind === 'all') return true;
    return kind === 'staff' && id === actor.staffId;
  };
}
