/**
 * Who decides a leave (L1, Điều 18.1 and 18.2), pure and driven by the rulebook's
 * `leave.approval`:
 *
 * - the director's own leave is not approved inside the department: up to
 *   `director.informUpToDays` it is reported to `director.inform` (the board and the chief of
 *   office); longer, it is applied for in writing to `director.applyInWritingTo` (the board).
 *   Either way it is recorded as `reported`; the longer one carries `applicationRequired`;
 * - holders of `leaderRoles` (deputy directors, chief of office, chief inspector, heads) are
 *   decided by `leadersApprovedBy` (the director) whatever the length;
 * - everyone else by length: the first of `thresholds` whose `upToDays` (inclusive; null is
 *   open-ended) the leave fits in names the approver: the head of their unit up to half a day,
 *   the leader overseeing the unit for one day, the director beyond.
 *
 * An approver role nobody can fill for this applicant (a unit without a head; the applicant
 * being that head) passes to the next level up, and the route says so (`escalatedFrom`).
 */
import type { Recipient, Rulebook } from '../rulebook/schema.js';
import type { Authority } from './authority.js';
import { UnprocessableError } from './errors.js';
import type { StaffMember } from './organisation.js';

export type LeaveApprovalRules = NonNullable<Rulebook['leave']['approval']>;
export type LeaveApprover = LeaveApprovalRules['leadersApprovedBy'];

export type LeaveRoute =
  | {
      readonly kind: 'approval';
      /** The role the rulebook names, after any escalation. */
      readonly approverRole: LeaveApprover;
      readonly approverId: string;
      /** The roles passed over because nobody could fill them for this applicant. */
      readonly escalatedFrom?: readonly LeaveApprover[];
      /** Why: the threshold or the leader rule applied. */
      readonly basis: 'threshold' | 'leader' | 'no-rule';
      /** The threshold the leave fell in (basis 'threshold'). */
      readonly upToDays?: number | null;
      readonly rule: string;
      readonly article: string;
      readonly explanation: string;
    }
  | {
      readonly kind: 'report';
      /** The recipients the rulebook names (board, chief-of-office…). */
      readonly recipients: readonly string[];
      readonly recipientIds: readonly string[];
      /** Longer than `informUpToDays`: a written application (Điều 18.1). */
      readonly applicationRequired: boolean;
      readonly rule: string;
      readonly article: string;
      readonly explanation: string;
    };

const ESCALATION: Record<LeaveApprover, LeaveApprover | undefined> = {
  'head-of-unit': 'overseeing-leader',
  'overseeing-leader': 'director',
  director: undefined,
  board: undefined,
};

const ROLE_NAMES: Record<LeaveApprover, string> = {
  'head-of-unit': 'the head of the unit',
  'overseeing-leader': 'the leader overseeing the unit',
  director: 'the director',
  board: 'the board, chaired by the director',
};

const fmt = (days: number) => (days === 1 ? '1 day' : `${days} days`);

function resolveApprover(role: LeaveApprover, applicant: StaffMember, authority: Authority): StaffMember | undefined {
  const candidate =
    role === 'head-of-unit'
      ? authority.headOf(applicant.unitId)
      : role === 'overseeing-leader'
        ? (() => {
            const id = authority.overseerOf(applicant.unitId);
            return id ? authority.staff(id) : undefined;
          })()
        : // The board decides through its chair: the director (Điều 3.2).
          authority.director();
  return candidate && candidate.active && candidate.id !== applicant.id ? candidate : undefined;
}

/** Staff ids of a recipient named by the rulebook, for the director's leave. */
function recipientIds(recipient: Recipient | LeaveApprover, applicant: StaffMember, staff: readonly StaffMember[], authority: Authority): string[] {
  const holders = (role: string) => staff.filter((s) => s.active && s.roles.includes(role as never) && s.id !== applicant.id).map((s) => s.id);
  switch (recipient) {
    case 'board':
      return holders('deputy-director');
    case 'chief-of-office':
      return holders('chief-of-office');
    case 'director':
      return holders('director');
    case 'head-of-unit':
    case 'overseeing-leader': {
      const found = resolveApprover(recipient, applicant, authority);
      return found ? [found.id] : [];
    }
    case 'direct-superior':
      return authority.superiorsOf(applicant.id).slice(0, 1);
    // No one in the department.
    case 'outside':
      return [];
  }
}

export function routeLeave(
  approval: LeaveApprovalRules | undefined,
  authority: Authority,
  staff: readonly StaffMember[],
  applicantId: string,
  days: number,
): LeaveRoute {
  const applicant = authority.staff(applicantId);
  if (!applicant) throw new UnprocessableError(`There is no staff member ${applicantId}.`);
  const rule = approval?.rule ?? 'L1';
  const article = approval?.article ?? 'Điều 18';

  if (applicant.roles.includes('director')) {
    const director = approval?.director;
    const applicationRequired = director !== undefined && days > director.informUpToDays;
    const named: (Recipient | LeaveApprover)[] = director
      ? applicationRequired
        ? [director.applyInWritingTo, ...director.inform.filter((r) => r !== director.applyInWritingTo)]
        : [...director.inform]
      : ['board'];
    const ids = [...new Set(named.flatMap((r) => recipientIds(r, applicant, staff, authority)))];
    return {
      kind: 'report',
      recipients: named,
      recipientIds: ids,
      applicationRequired,
      rule,
      article,
      explanation: applicationRequired
        ? `The director's leave of ${fmt(days)} is longer than ${fmt(director!.informUpToDays)}: it is applied for in writing to the ${director!.applyInWritingTo} (${rule}, ${article}).`
        : `The director's leave of ${fmt(days)} is reported to ${named.join(' and ')} (${rule}, ${article}).`,
    };
  }

  let role: LeaveApprover;
  let basis: 'threshold' | 'leader' | 'no-rule';
  let upToDays: number | null | undefined;
  if (!approval) {
    role = 'head-of-unit';
    basis = 'no-rule';
  } else if (applicant.roles.some((r) => approval.leaderRoles.includes(r))) {
    role = approval.leadersApprovedBy;
    basis = 'leader';
  } else {
    const threshold = approval.thresholds.find((t) => t.upToDays === null || days <= t.upToDays) ?? approval.thresholds.at(-1)!;
    role = threshold.approver;
    upToDays = threshold.upToDays;
    basis = 'threshold';
  }

  const escalatedFrom: LeaveApprover[] = [];
  let approver = resolveApprover(role, applicant, authority);
  while (!approver) {
    const up = ESCALATION[role];
    if (!up) throw new UnprocessableError(`Nobody can decide ${applicant.name}'s leave: ${ROLE_NAMES[role]} is missing (${rule}, ${article}).`);
    escalatedFrom.push(role);
    role = up;
    approver = resolveApprover(role, applicant, authority);
  }

  const why =
    basis === 'leader'
      ? `${applicant.name} leads a unit or the department: their leave is decided by ${ROLE_NAMES[approval!.leadersApprovedBy]}`
      : basis === 'threshold'
        ? upToDays === null
          ? `Leave of ${fmt(days)}, longer than ${fmt(Math.max(...approval!.thresholds.map((t) => t.upToDays ?? 0)))}, is decided by ${ROLE_NAMES[escalatedFrom[0] ?? role]}`
          : `Leave of up to ${fmt(upToDays!)} is decided by ${ROLE_NAMES[escalatedFrom[0] ?? role]}`
        : 'The rulebook sets no approval rule: the head of the unit decides';
  const passed = escalatedFrom.length ? `; nobody holds that place for ${applicant.name}, so ${ROLE_NAMES[role]} decides` : '';
  return {
    kind: 'approval',
    approverRole: role,
    approverId: approver.id,
    ...(escalatedFrom.length ? { escalatedFrom } : {}),
    basis,
    ...(upToDays !== undefined ? { upToDays } : {}),
    rule,
    article,
    explanation: `${why}${passed} (${rule}, ${article}).`,
  };
}
