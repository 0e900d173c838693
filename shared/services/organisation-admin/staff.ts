/** Staff records (issue #12): listing, adding, changing, ending employment, and the bulk import from a spreadsheet. */
import type { AuditEvent } from '../../domain/assignment.js';
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  PreconditionFailedError,
  UnprocessableError,
  ValidationError,
  type FieldIssue,
} from '../../domain/errors.js';
import type { LocalDate } from '../../domain/local-time.js';
import { assertOneDirector, classifyStaffChange, protectedRoles } from '../../domain/separation-of-duties.js';
import { commit } from '../commit.js';
import type { SheetRow } from '../../adapters/spreadsheet.js';
import { ROLES, type Role } from '../../rulebook/roles.js';
import type { StaffRecord } from '../../store/organisation-repository.js';
import type { OrgContext } from '../org-context.js';
import type { Actor } from '../organisation-service.js';
import type { StaffInput, StaffPatch } from '../organisation-admin-service.js';
import { OrganisationAdminCore, slugOfName } from './core.js';


export class OrganisationStaff {
  constructor(private readonly core: OrganisationAdminCore) {}

  async listStaff(actor: Actor, includeEnded: boolean, now: Date): Promise<StaffRecord[]> {
    const ctx = await this.core.contexts.load(actor, now);
    this.core.requireAdmin(ctx, actor);
    return ctx.snapshot.staff.filter((s) => includeEnded || s.active);
  }

  async addStaff(actor: Actor, input: StaffInput, now: Date): Promise<StaffRecord> {
    const ctx = await this.core.contexts.load(actor, now);
    this.core.requireAdmin(ctx, actor);
    const id = input.id ?? this.freeIdFor(ctx, input.name);
    if (ctx.snapshot.staff.some((s) => s.id === id)) {
      throw new ConflictError(`Staff id ${id} is taken (ids are never reused, so history stays unambiguous).`);
    }
    const record: StaffRecord = { id, name: input.name.trim(), unitId: input.unitId, roles: input.roles, ...(input.title ? { title: input.title } : {}), ...(input.email ? { email: input.email } : {}), active: true, version: 1 };
    const guarded = protectedRoles(ctx.rulebook);
    const granted = input.roles.filter((r) => guarded.has(r));
    if (granted.length) throw this.core.proposalRequired(`Adding a person with the role ${granted.join(', ')}`);
    const issues = this.core.staffIssues(ctx, record, 'body');
    if (issues.length) throw new ValidationError('The staff member cannot be added as given.', issues);
    await this.core.identity.createUser({ staffId: id, orgId: ctx.orgId, name: record.name, ...(record.email ? { email: record.email } : {}) });
    // Decided from the cached snapshot: another record taking the id meanwhile refuses this one.
    const { body } = await commit({
      retry: false,
      stale: () => new ConflictError(`Staff id ${id} is taken (ids are never reused, so history stays unambiguous).`),
      decide: () => ({
        result: record,
        write: () => this.core.organisations.write([this.core.organisations.staffPut(ctx.orgId, record)], [this.core.event(ctx, actor, `staff.${id}`, 'staff-added', 1, { staff: record }, now)]),
      }),
    });
    return body;
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
      decide: () => ({ result: next, write: () => this.core.organisations.write([this.core.organisations.staffPut(ctx.orgId, next, expectedVersion)], [event]) }),
    });
  }

  /** Moves a person, changes their roles or details. Their past work stays theirs; authority follows the new record. */
  async updateStaff(actor: Actor, id: string, patch: StaffPatch, now: Date, ifMatch?: number): Promise<StaffRecord> {
    const ctx = await this.core.contexts.load(actor, now);
    this.core.requireAdmin(ctx, actor);
    const current = await this.loadStaff(ctx, id);
    const change = classifyStaffChange(current, patch, protectedRoles(ctx.rulebook));
    if ((change.rolesChanged || change.unitChanged) && id === actor.staffId) {
      throw new ForbiddenError('Nobody changes their own roles or unit; another member of the Office proposes it, and the director decides.', 'SoD');
    }
    if (change.needsDirector) throw this.core.proposalRequired(`A change to the role ${change.protectedRoles.join(', ')}${change.unitChanged ? ' (moving its holder)' : ''}`);
    if (!current.active) throw new ConflictError(`${current.name}'s employment has ended; their record is kept as it was.`);
    if (ifMatch !== undefined && ifMatch !== current.version) throw new PreconditionFailedError(`The staff record is at version ${current.version}, not ${ifMatch}.`, current.version);
    const next: StaffRecord = { ...current, ...patch, version: current.version + 1 };
    const issues = this.core.staffIssues(ctx, next, 'body');
    if (issues.length) throw new ValidationError('The change would make the record invalid.', issues);
    assertOneDirector(ctx.snapshot.staff.map((s) => (s.id === id ? next : s)));
    const action = patch.unitId && patch.unitId !== current.unitId ? 'staff-moved' : patch.roles ? 'staff-roles-changed' : 'staff-updated';
    await this.saveStaff(ctx, next, current.version, this.core.event(ctx, actor, `staff.${id}`, action, next.version, { before: current, after: next }, now));
    return next;
  }

  /** Ends employment: the record stays (inactive), sign-in is disabled, open work goes to the successor. */
  async endEmployment(actor: Actor, id: string, input: { endedOn: LocalDate; successorId: string; note?: string }, now: Date): Promise<{ staff: StaffRecord; handedOver: string[] }> {
    const ctx = await this.core.contexts.load(actor, now);
    this.core.requireAdmin(ctx, actor);
    const current = await this.loadStaff(ctx, id);
    if (id === actor.staffId) throw new ForbiddenError('Nobody ends their own employment; another member of the Office records it.', 'SoD');
    if (current.active && current.roles.includes('director')) {
      throw new ConflictError('The director is replaced only by the province’s decision (npm run director:replace), never through the API.');
    }
    const guardedRoles = protectedRoles(ctx.rulebook);
    const guarded = current.roles.filter((r) => guardedRoles.has(r));
    if (current.active && guarded.length) {
      throw this.core.proposalRequired(`Ending the employment of the holder of ${guarded.join(', ')} (first propose the change of role)`);
    }
    if (input.successorId === id) throw new ValidationError('A successor must be someone else.', [{ path: 'body.successorId', message: 'must differ from the person leaving' }]);
    const successor = ctx.snapshot.staff.find((s) => s.id === input.successorId && s.active);
    if (!successor) throw new ValidationError('The successor must be a current staff member.', [{ path: 'body.successorId', message: `no current staff member ${input.successorId}` }]);
    let staff = current;
    if (current.active) {
      staff = { ...current, active: false, endedOn: input.endedOn, successorId: successor.id, version: current.version + 1 };
      await this.saveStaff(ctx, staff, current.version, this.core.event(ctx, actor, `staff.${id}`, 'employment-ended', staff.version, { endedOn: input.endedOn, successorId: successor.id, note: input.note }, now));
    } else if (current.successorId !== successor.id) {
      throw new ConflictError(`${current.name}'s employment already ended, with ${current.successorId} as successor.`);
    }
    await this.core.identity.disableUser(id);
    // Rerunning after a crash finishes the handover: it picks up whatever is still open.
    const handedOver = await this.core.assignments.handOverOpenWork(ctx, actor, id, successor.id, `Employment of ${current.name} ended on ${input.endedOn}`, now);
    return { staff, handedOver };
  }

  /**
   * Bulk import, validated row by row: a dry run reports every bad row; a real run imports
   * nothing until every row is good. Rows already imported identically are skipped, so a rerun
   * after a failure finishes the job.
   */
  async importStaff(actor: Actor, rows: readonly SheetRow[], dryRun: boolean, now: Date) {
    const ctx = await this.core.contexts.load(actor, now);
    this.core.requireAdmin(ctx, actor);
    const roleNames = new Map<string, Role>();
    for (const role of ROLES) {
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
      errors.push(...this.core.staffIssues({ ...ctx, snapshot: { ...ctx.snapshot, staff: [...ctx.snapshot.staff, ...planned] } }, member, `rows.${line}`));
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
        await this.core.identity.createUser({ staffId: member.id, orgId: ctx.orgId, name: member.name, ...(member.email ? { email: member.email } : {}) });
      }
      // 49 records, their 49 audit events and the snapshot version's bump: one transaction (at most 100 items).
      for (let i = 0; i < planned.length; i += 49) {
        const chunk = planned.slice(i, i + 49);
        await commit({
          retry: false,
          stale: () => new ConflictError(`Another change took one of the ids meanwhile; ${i} of ${planned.length} people were imported. Run the import again: rows already imported are skipped.`),
          decide: () => ({
            result: chunk.length,
            write: () =>
              this.core.organisations.write(
                chunk.map((m) => this.core.organisations.staffPut(ctx.orgId, m)),
                chunk.map((m) => this.core.event(ctx, actor, `staff.${m.id}`, 'staff-imported', 1, { staff: m }, now)),
              ),
          }),
        });
      }
    }
    return { dryRun, rows: results, valid: bad.length === 0, imported: dryRun ? 0 : planned.length };
  }
}
