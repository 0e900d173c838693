/**
 * Administration of people, units and the rulebook by the Office (chief of office) and admins.
 * Records change; history does not: every change is audited, and ended staff keep their records.
 * The parts are in organisation-admin/; the feature builds them (shared/features/organisation-admin.ts).
 */
import type { LocalDate } from '../domain/local-time.js';
import type { Role, UnitKind } from '../rulebook/schema.js';
import { auditVisibility } from './audit-service.js';
import { OrganisationAdminCore } from './organisation-admin/core.js';
import { OrganisationStaff } from './organisation-admin/staff.js';
import { OrganisationStructure } from './organisation-admin/structure.js';
import { OrganisationProposals } from './organisation-admin/proposals.js';
export { requireStaffAdministrator, slugOfName } from './organisation-admin/core.js';

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

/** The columns of a staff import, with the Vietnamese and English headers that name them. */
export const STAFF_IMPORT_COLUMNS = {
  id: ['mã', 'mã cán bộ', 'staff id'],
  name: ['họ và tên', 'họ tên', 'full name'],
  unitId: ['đơn vị', 'mã đơn vị', 'unit', 'unit id'],
  roles: ['vai trò', 'chức vụ', 'role'],
  email: ['thư điện tử', 'e-mail'],
} as const;

/** One face over the parts of the administration, with the audit visibility of its records. */
export class OrganisationAdminService {
  private readonly staff: OrganisationStaff;
  private readonly structure: OrganisationStructure;
  private readonly proposals: OrganisationProposals;

  constructor(private readonly core: OrganisationAdminCore, parts: { staff: OrganisationStaff; structure: OrganisationStructure; proposals: OrganisationProposals }) {
    this.staff = parts.staff;
    this.structure = parts.structure;
    this.proposals = parts.proposals;
  }

  // OrganisationStaff (organisation-admin/staff.ts)
  listStaff(...args: Parameters<OrganisationStaff['listStaff']>) {
    return this.staff.listStaff(...args);
  }
  addStaff(...args: Parameters<OrganisationStaff['addStaff']>) {
    return this.staff.addStaff(...args);
  }
  updateStaff(...args: Parameters<OrganisationStaff['updateStaff']>) {
    return this.staff.updateStaff(...args);
  }
  endEmployment(...args: Parameters<OrganisationStaff['endEmployment']>) {
    return this.staff.endEmployment(...args);
  }
  importStaff(...args: Parameters<OrganisationStaff['importStaff']>) {
    return this.staff.importStaff(...args);
  }

  // OrganisationStructure (organisation-admin/structure.ts)
  addUnit(...args: Parameters<OrganisationStructure['addUnit']>) {
    return this.structure.addUnit(...args);
  }
  updateUnit(...args: Parameters<OrganisationStructure['updateUnit']>) {
    return this.structure.updateUnit(...args);
  }
  replaceDirector(...args: Parameters<OrganisationStructure['replaceDirector']>) {
    return this.structure.replaceDirector(...args);
  }

  // OrganisationProposals (organisation-admin/proposals.ts)
  rulebook(...args: Parameters<OrganisationProposals['rulebook']>) {
    return this.proposals.rulebook(...args);
  }
  proposeAmendment(...args: Parameters<OrganisationProposals['proposeAmendment']>) {
    return this.proposals.proposeAmendment(...args);
  }
  propose(...args: Parameters<OrganisationProposals['propose']>) {
    return this.proposals.propose(...args);
  }
  listProposals(...args: Parameters<OrganisationProposals['listProposals']>) {
    return this.proposals.listProposals(...args);
  }
  getProposal(...args: Parameters<OrganisationProposals['getProposal']>) {
    return this.proposals.getProposal(...args);
  }
  decideProposal(...args: Parameters<OrganisationProposals['decideProposal']>) {
    return this.proposals.decideProposal(...args);
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
