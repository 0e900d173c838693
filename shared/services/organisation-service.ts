import { NotFoundError, UnauthenticatedError } from '../domain/errors.js';
import { headOfUnit, type LocalizedText, type Role, type StaffMember } from '../domain/organisation.js';
import type { TokenIdentity } from '../adapters/tokens.js';
import type { OrganisationRepository } from '../store/organisation-repository.js';
import { scoped, type RequestScope } from '../store/org-version.js';
import type { OrgContextLoader, OrgOf } from './org-context.js';

/** The person behind a request, as the organisation's records describe them now. */
export interface Actor {
  readonly orgId: string;
  readonly staffId: string;
  readonly name: string;
  readonly unitId: string;
  readonly roles: readonly Role[];
}

export interface OrganisationView {
  id: string;
  name: LocalizedText;
  shortName: LocalizedText;
  province: { id: string; name: LocalizedText };
  timeZone: string;
  goLiveOn?: string;
  rulebookVersion: number;
  units: { id: string; name: LocalizedText; kind: string; headId: string | null; overseenBy: string | null }[];
  staff: { id: string; name: string; unitId: string; roles: Role[]; title?: LocalizedText }[];
  leaders: {
    staffId: string;
    name: string;
    article: string;
    unitsOverseen: string[];
    fields: { id: string; name: LocalizedText }[];
    districts: { id: string; name: LocalizedText | string }[];
  }[];
}

export class OrganisationService {
  constructor(
    private readonly organisations: OrganisationRepository,
    private readonly contexts: OrgContextLoader,
    readonly defaultOrgId: string,
  ) {}

  /**
   * Reads the default organisation's snapshot and rulebook versions into the process's cache (a
   * cold start, while the request's code loads); in a request, its own reads of them wait for these.
   */
  async prepare(scope?: RequestScope): Promise<void> {
    await this.contexts.load(scoped({ orgId: this.defaultOrgId }, scope));
  }

  /** Roles and unit come from the records, never from the token. The actor carries the request's `scope` (org-version.ts). */
  async resolveActor(identity: TokenIdentity, scope?: RequestScope): Promise<Actor> {
    const orgId = identity.orgId ?? this.defaultOrgId;
    // From the snapshot, revalidated for this request: no read of its own.
    const snapshot = await this.contexts.snapshot(scoped({ orgId }, scope)).catch((error: unknown) => {
      if (error instanceof NotFoundError) return undefined;
      throw error;
    });
    const member = snapshot?.staff.find((s) => s.id === identity.staffId);
    if (!member || !member.active) {
      throw new UnauthenticatedError('The token names no current staff member of this organisation.');
    }
    return scoped({ orgId, staffId: member.id, name: member.name, unitId: member.unitId, roles: member.roles }, scope);
  }

  async listStaff(of: OrgOf = this.defaultOrgId): Promise<StaffMember[]> {
    return (await this.contexts.snapshot(of)).staff.filter((s) => s.active);
  }

  async getOrganisationView(of: OrgOf, now: Date): Promise<OrganisationView> {
    const ctx = await this.contexts.load(of, now);
    const { organisation, units, staff } = ctx.snapshot;
    const rulebook = ctx.rulebook;
    const activeStaff = staff.filter((s) => s.active);
    const byId = new Map(activeStaff.map((s) => [s.id, s]));
    const fieldById = new Map(rulebook.fields.map((f) => [f.id, f]));
    const districtById = new Map(rulebook.districts.map((d) => [d.id, d]));
    return {
      id: organisation.id,
      name: organisation.name,
      shortName: organisation.shortName,
      province: organisation.province,
      timeZone: organisation.timeZone,
      ...(ctx.goLiveOn ? { goLiveOn: ctx.goLiveOn } : {}),
      rulebookVersion: ctx.versions.find((v) => v.rulebook === rulebook)?.version ?? organisation.rulebookVersion,
      units: units.map((u) => ({
        id: u.id,
        name: u.name,
        kind: u.kind,
        headId: headOfUnit(u, activeStaff)?.id ?? null,
        overseenBy: u.overseenBy,
      })),
      staff: activeStaff.map((s) => ({
        id: s.id,
        name: s.name,
        unitId: s.unitId,
        roles: [...s.roles],
        ...(s.title ? { title: s.title } : {}),
      })),
      leaders: rulebook.leaders.map((l) => ({
        staffId: l.staffId,
        name: byId.get(l.staffId)?.name ?? l.staffId,
        article: l.article,
        unitsOverseen: units.filter((u) => u.overseenBy === l.staffId).map((u) => u.id),
        fields: l.fields.map((id) => ({ id, name: fieldById.get(id)?.name ?? { vi: id, en: id } })),
        districts: l.districts.map((id) => ({ id, name: districtById.get(id)?.name ?? id })),
      })),
    };
  }
}
