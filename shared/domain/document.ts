/**
 * Incoming documents (văn bản đến) registered in the e-office system and sent to the tracker,
 * pure: no I/O, no clock. DOMAIN.md D1 (distribution the same day, or at the latest at the start
 * of the next working day), D2 (confidential documents in a separate register, seen only by
 * those entitled) and D3 (a complaint or denunciation letter is reported to the director).
 */
import type { Confidentiality } from './assignment.js';
import type { FileRef } from './files.js';
import type { Authority } from './authority.js';
import type { StaffMember, Unit } from './organisation.js';
import type { ObligedSelector, Recipient, Role, Rulebook } from '../rulebook/schema.js';

export type DocumentKind = 'normal' | 'complaint' | 'denunciation';
/** D2: mật, tối mật and tuyệt mật documents are kept in their own register. */
export type Register = 'general' | 'confidential';
export type DocumentStatus = 'registered' | 'distributed';
/** D1 at a given instant: not yet distributed and still in time / too late; or distributed in time / late. */
export type DistributionTimeliness = 'pending' | 'overdue' | 'on-time' | 'late';

export const registerOf = (c: Confidentiality): Register => (c === 'normal' ? 'general' : 'confidential');

/** One distribution (phân phối) of the document: the work it became. */
export interface DocumentDistribution {
  readonly id: string;
  readonly distributedAt: string;
  /** The deputy in charge of distribution (D1), who is the assigner of the work. */
  readonly distributorId: string;
  readonly onBehalfOf?: string;
  readonly targets: readonly { readonly id: string; readonly kind: 'staff' | 'unit' }[];
  readonly assignmentIds: readonly string[];
  readonly dueDate: string;
  /** The e-office event that asked for it. */
  readonly webhookId: string;
}

export interface ComplaintFlag {
  readonly rule: 'D3';
  readonly article: string;
  readonly flagIds: readonly string[];
  readonly reportedTo: readonly string[];
  /** By when the letter must reach the director (the rulebook's complaint deadline). */
  readonly dueAt: string;
}

export interface IncomingDocument {
  readonly id: string;
  readonly orgId: string;
  /** The e-office system's id of the document. */
  readonly externalId: string;
  readonly number?: string;
  readonly title: string;
  readonly issuer: string;
  /** When the department received it (from the e-office; business time). */
  readonly receivedAt: string;
  readonly confidentiality: Confidentiality;
  readonly kind: DocumentKind;
  readonly register: Register;
  readonly status: DocumentStatus;
  /** D1: by when it must be distributed. */
  readonly distributionDueAt: string;
  /** The document's files (issue #22), sent by the e-office as uploads or URLs; seen by whoever sees the document (D2). */
  readonly files?: readonly FileRef[];
  readonly firstDistributedAt?: string;
  readonly distributedOnTime?: boolean;
  readonly distributions: readonly DocumentDistribution[];
  /** Everyone who answers for work made from it (assignees, heads of assigned units): they may see it (D2). */
  readonly partyIds: readonly string[];
  /** The units work from it went to: their heads see a general-register document. */
  readonly unitIds: readonly string[];
  readonly complaint?: ComplaintFlag;
  /** The e-office event that registered it. */
  readonly webhookId: string;
  readonly registeredAt: string;
  readonly updatedAt: string;
  readonly version: number;
}

/** A flag raised for a person (D3: a complaint letter to the director). */
export interface Flag {
  readonly id: string;
  readonly orgId: string;
  readonly recipientId: string;
  readonly rule: string;
  readonly article: string;
  readonly kind: 'complaint-letter';
  readonly documentId: string;
  readonly title: string;
  readonly createdAt: string;
  readonly dueAt: string;
}

export interface NewDocument {
  readonly id: string;
  readonly orgId: string;
  readonly externalId: string;
  readonly number?: string;
  readonly title: string;
  readonly issuer: string;
  readonly receivedAt: Date;
  readonly confidentiality: Confidentiality;
  readonly kind: DocumentKind;
  readonly webhookId: string;
}

export function newDocument(input: NewDocument, distributionDueAt: Date, now: Date, complaint?: ComplaintFlag): IncomingDocument {
  const at = now.toISOString();
  return {
    id: input.id,
    orgId: input.orgId,
    externalId: input.externalId,
    ...(input.number ? { number: input.number } : {}),
    title: input.title.trim(),
    issuer: input.issuer.trim(),
    receivedAt: input.receivedAt.toISOString(),
    confidentiality: input.confidentiality,
    kind: input.kind,
    register: registerOf(input.confidentiality),
    status: 'registered',
    distributionDueAt: distributionDueAt.toISOString(),
    distributions: [],
    partyIds: [],
    unitIds: [],
    ...(complaint ? { complaint } : {}),
    webhookId: input.webhookId,
    registeredAt: at,
    updatedAt: at,
    version: 1,
  };
}

/** The fields the e-office sends: a second registration of the same externalId is the same document only if they match. */
export function sameRegistration(
  doc: IncomingDocument,
  input: Pick<NewDocument, 'number' | 'title' | 'issuer' | 'receivedAt' | 'confidentiality' | 'kind'>,
): boolean {
  return (
    (doc.number ?? undefined) === (input.number || undefined) &&
    doc.title === input.title.trim() &&
    doc.issuer === input.issuer.trim() &&
    doc.receivedAt === input.receivedAt.toISOString() &&
    doc.confidentiality === input.confidentiality &&
    doc.kind === input.kind
  );
}

const isOnTime = (at: Date, deadline: Date) => Math.floor(at.getTime() / 1000) <= Math.floor(deadline.getTime() / 1000);

/** Records a distribution: the first one decides whether D1 was met. */
export function recordDistribution(
  doc: IncomingDocument,
  distribution: DocumentDistribution,
  parties: { partyIds: readonly string[]; unitIds: readonly string[] },
): IncomingDocument {
  const first = doc.firstDistributedAt === undefined;
  const at = new Date(distribution.distributedAt);
  return {
    ...doc,
    status: 'distributed',
    ...(first
      ? { firstDistributedAt: distribution.distributedAt, distributedOnTime: isOnTime(at, new Date(doc.distributionDueAt)) }
      : {}),
    distributions: [...doc.distributions, distribution],
    partyIds: [...new Set([...doc.partyIds, ...parties.partyIds])],
    unitIds: [...new Set([...doc.unitIds, ...parties.unitIds])],
    updatedAt: distribution.distributedAt,
    version: doc.version + 1,
  };
}

export function distributionTimeliness(doc: IncomingDocument, now: Date): DistributionTimeliness {
  if (doc.firstDistributedAt !== undefined) return doc.distributedOnTime ? 'on-time' : 'late';
  return isOnTime(now, new Date(doc.distributionDueAt)) ? 'pending' : 'overdue';
}

// ---------------------------------------------------------------------------------------
// Who may see which document (D2)
// ---------------------------------------------------------------------------------------

/** Roles that read the whole general register: the board, the Office's leaders, the chief inspector. */
const GENERAL_REGISTER_ROLES: readonly Role[] = ['director', 'deputy-director', 'chief-of-office', 'deputy-chief-of-office', 'chief-inspector'];

export function matchesSelector(member: StaffMember, unit: Unit | undefined, selector: ObligedSelector): boolean {
  if (!member.roles.some((r) => selector.roles.includes(r))) return false;
  if (selector.unitKinds && (!unit || !selector.unitKinds.includes(unit.kind))) return false;
  if (selector.unitIds && !selector.unitIds.includes(member.unitId)) return false;
  return true;
}

/**
 * Who sees the registers, from the rulebook's `documents` section and the records:
 * - the confidential register (D2): the director, the deputy in charge of distribution, the clerk
 *   who keeps the register (`distribution.registeredBy`), the holders of the level's
 *   `entitledRoles`, and the people who answer for work made from the document; nobody else
 *   learns that it exists;
 * - the general register: the same, the board, the Office's leaders and the chief inspector;
 *   a head sees what went to their unit; anyone else what they answer for.
 */
export class DocumentAccess {
  constructor(
    private readonly authority: Authority,
    private readonly staff: readonly StaffMember[],
    private readonly rules: Rulebook['documents'],
  ) {}

  /** The deputy in charge of distribution (D1, Điều 9.1.4); the director when the rulebook names nobody. */
  distributor(): StaffMember | undefined {
    const id = this.rules.distribution?.distributorId;
    return id ? this.authority.staff(id) : this.authority.director();
  }

  private active(staffId: string): StaffMember | undefined {
    const member = this.authority.staff(staffId);
    return member?.active ? member : undefined;
  }

  /** The clerk's register duty (D1: `registeredBy`). */
  keepsRegister(staffId: string): boolean {
    const member = this.active(staffId);
    const selector = this.rules.distribution?.registeredBy;
    if (!member || !selector) return false;
    return matchesSelector(member, this.authority.unit(member.unitId), selector);
  }

  private entitledToLevel(member: StaffMember, confidentiality: Confidentiality): boolean {
    const level = this.rules.confidentialLevels?.levels.find((l) => l.id === confidentiality);
    return level ? member.roles.some((r) => level.entitledRoles.includes(r)) : false;
  }

  /** Sees every document of the register (for confidential ones: of at least one level). */
  readsRegister(staffId: string, register: Register): boolean {
    const member = this.active(staffId);
    if (!member) return false;
    if (member.roles.includes('director') || this.distributor()?.id === member.id || this.keepsRegister(member.id)) return true;
    if (register === 'general') return member.roles.some((r) => GENERAL_REGISTER_ROLES.includes(r));
    return (['confidential', 'secret', 'top-secret'] as const).some((level) => this.entitledToLevel(member, level));
  }

  canView(staffId: string, doc: Pick<IncomingDocument, 'confidentiality' | 'register' | 'partyIds' | 'unitIds'>): boolean {
    const member = this.active(staffId);
    if (!member) return false;
    if (doc.partyIds.includes(member.id)) return true;
    if (member.roles.includes('director') || this.distributor()?.id === member.id || this.keepsRegister(member.id)) return true;
    if (doc.register === 'confidential') return this.entitledToLevel(member, doc.confidentiality);
    if (member.roles.some((r) => GENERAL_REGISTER_ROLES.includes(r))) return true;
    return doc.unitIds.some((u) => this.authority.headOf(u)?.id === member.id);
  }

  /** The people a D3 letter is reported to (the rulebook's `complaint.reportTo`). */
  complaintRecipients(): StaffMember[] {
    const to: Recipient = this.rules.complaint?.reportTo ?? 'director';
    const director = this.authority.director();
    const found: (StaffMember | undefined)[] =
      to === 'board'
        ? [director, ...this.boardDeputies()]
        : to === 'chief-of-office'
          ? [this.headOfOffice() ?? director]
          : [director];
    return found.filter((s): s is StaffMember => s !== undefined && s.active);
  }

  private boardDeputies(): StaffMember[] {
    return this.staff.filter((s) => s.active && s.roles.includes('deputy-director'));
  }

  private headOfOffice(): StaffMember | undefined {
    return this.staff.find((s) => s.active && s.roles.includes('chief-of-office'));
  }
}
