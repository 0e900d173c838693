/** The units and the board: adding and changing units, and the province's decision that replaces the director. */
import { ConflictError, NotFoundError, PreconditionFailedError, ValidationError } from '../../domain/errors.js';
import { toLocalDate } from '../../domain/local-time.js';
import { assertOneDirector } from '../../domain/separation-of-duties.js';
import { commit } from '../commit.js';
import type { Role } from '../../rulebook/schema.js';
import type { StaffRecord, UnitRecord } from '../../store/organisation-repository.js';
import type { OrgContext } from '../org-context.js';
import type { Actor } from '../organisation-service.js';
import type { UnitInput } from '../organisation-admin-service.js';
import { OrganisationAdminCore } from './core.js';


export class OrganisationStructure {
  constructor(private readonly core: OrganisationAdminCore) {}

  async addUnit(actor: Actor, input: UnitInput, now: Date): Promise<UnitRecord> {
    const ctx = await this.core.contexts.load(actor, now);
    this.core.requireAdmin(ctx, actor);
    if (ctx.snapshot.units.some((u) => u.id === input.id)) throw new ConflictError(`Unit ${input.id} exists.`);
    this.core.checkOverseer(ctx, input.overseenBy, input.kind);
    const unit: UnitRecord = { ...input, version: 1 };
    // Decided from the cached snapshot: a unit added with the same id meanwhile refuses this one.
    const { body } = await commit({
      retry: false,
      stale: () => new ConflictError(`Unit ${input.id} exists.`),
      decide: () => ({
        result: unit,
        write: () => this.core.organisations.write([this.core.organisations.unitPut(ctx.orgId, unit)], [this.core.event(ctx, actor, `unit.${unit.id}`, 'unit-added', 1, { unit }, now)]),
      }),
    });
    return body;
  }

  /** Renames a unit or changes which leader oversees it. */
  async updateUnit(actor: Actor, id: string, patch: { name?: { vi: string; en: string }; overseenBy?: string | null }, now: Date, ifMatch?: number): Promise<UnitRecord> {
    const ctx = await this.core.contexts.load(actor, now);
    this.core.requireAdmin(ctx, actor);
    const current = ctx.snapshot.units.find((u) => u.id === id);
    if (!current) throw new NotFoundError(`There is no unit ${id}.`);
    if (ifMatch !== undefined && ifMatch !== current.version) throw new PreconditionFailedError(`The unit is at version ${current.version}, not ${ifMatch}.`, current.version);
    if (patch.overseenBy !== undefined && patch.overseenBy !== current.overseenBy) throw this.core.proposalRequired('Changing which leader oversees a unit');
    const next: UnitRecord = { ...current, ...patch, version: current.version + 1 };
    const action = patch.overseenBy !== undefined && patch.overseenBy !== current.overseenBy ? 'unit-oversight-changed' : 'unit-renamed';
    const { body } = await commit({
      retry: false,
      stale: () => new PreconditionFailedError('The unit changed meanwhile; read it again.'),
      decide: () => ({
        result: next,
        write: () => this.core.organisations.write([this.core.organisations.unitPut(ctx.orgId, next, current.version)], [this.core.event(ctx, actor, `unit.${id}`, action, next.version, { before: current, after: next }, now)]),
      }),
    });
    return body;
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
    const ctx = await this.core.contexts.load(orgId, now);
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
    const issues = [...this.core.staffIssues(after, director, 'staff'), ...(former && !leaving ? this.core.staffIssues(after, former, 'former') : [])];
    if (issues.length) throw new ValidationError('The replacement would leave invalid records.', issues);
    assertOneDirector(staffAfter);
    const actor: Actor = { orgId, staffId: 'provincial-decision', name: decision, unitId: board.id, roles: [] };
    const data = { decision, ranBy: input.ranBy, previous: previous?.id ?? null, director: director.id, units: units.map((u) => u.id) };
    // Decided from the snapshot read above: any of these records changed meanwhile refuses the
    // replacement, and a rerun decides it again on the fresh records.
    await commit({
      retry: false,
      stale: () => new ConflictError('The staff or unit records changed while the director was being replaced; nothing was written. Run it again.'),
      decide: () => ({
        result: director,
        write: () =>
          this.core.organisations.write(
            [
              this.core.organisations.staffPut(orgId, director, appointed.version),
              ...(former && previous ? [this.core.organisations.staffPut(orgId, former, previous.version)] : []),
              ...units.map((u) => this.core.organisations.unitPut(orgId, u, u.version - 1)),
            ],
            [
              // The organisation's own history has no versions; its events sort by their ULIDs.
              this.core.event(ctx, actor, `organisation.${orgId}`, 'director-replaced', 1, { ...data, before: { previous, appointed }, after: { former, director } }, now),
              this.core.event(ctx, actor, `staff.${director.id}`, 'director-appointed', director.version, { ...data, before: appointed, after: director }, now),
              ...(former && previous ? [this.core.event(ctx, actor, `staff.${former.id}`, 'director-replaced', former.version, { ...data, before: previous, after: former }, now)] : []),
              ...units.map((u) => this.core.event(ctx, actor, `unit.${u.id}`, 'unit-oversight-changed', u.version, { ...data, after: u }, now)),
            ],
          ),
      }),
    });
    let handedOver: string[] = [];
    if (former && leaving) {
      // After the commit, like end-employment: a rerun of the handover picks up whatever is still open.
      handedOver = await this.core.assignments.handOverOpenWork(await this.core.contexts.load(orgId, now), actor, former.id, director.id, decision, now);
    }
    return { ...(former ? { previous: former } : {}), director, units: units.map((u) => u.id), handedOver };
  }
}
