/**
 * Meetings and their written conclusions (DOMAIN.md M1–M5, Điều 3.4, 11), pure: who may chair a
 * meeting of a kind, when its conclusions are due, and the transitions that record a meeting and
 * issue its conclusions, each with its audit data and dashboard counter deltas.
 */
import type { MeetingKind, MeetingObligation, Role } from '../rulebook/schema.js';
import { unitDeputyRole, unitHeadRole } from '../rulebook/roles.js';
import type { AuditEvent, Transition } from './assignment.js';
import type { Authority, AuthorityDecision, Delegation } from './authority.js';
import type { WorkingCalendar } from './calendar.js';
import { isOnTime, resolveDeadline } from './deadlines.js';
import { ConflictError, ValidationError, type FieldIssue } from './errors.js';
import { compareLocalDates, type LocalDate } from './local-time.js';
import type { Unit } from './organisation.js';
import type { FileRef } from './files.js';

export type { MeetingKind };

/** A department meeting is held by the board (counted under the board unit); a unit meeting by one unit. */
export type MeetingLevel = 'department' | 'unit';

export interface Attachment {
  readonly url: string;
  readonly title?: string;
}

/** The written conclusions once issued; the items live beside the meeting, one record each. */
export interface ConclusionsIssued {
  readonly issuedAt: string;
  readonly issuedBy: string;
  readonly onBehalfOf?: string;
  readonly summary?: string;
  /** The written conclusions' files (the signed notice, issue #22), each with its SHA-256. */
  readonly files?: readonly FileRef[];
  readonly itemCount: number;
  /** Issued no later than the meeting's conclusionsDueAt (second precision). */
  readonly onTime: boolean;
  /** Hash of the request that issued them: a retry of the same request completes, another one conflicts. */
  readonly requestHash: string;
}

export interface Meeting {
  readonly id: string;
  readonly orgId: string;
  readonly kind: MeetingKind;
  /** The rulebook's meeting obligation this meeting fulfils, with its rule and article. */
  readonly obligationId: string;
  readonly rule: string;
  readonly article: string;
  readonly level: MeetingLevel;
  /** The unit holding it; the board unit for department meetings. */
  readonly unitId: string;
  readonly heldOn: LocalDate;
  readonly subject?: string;
  readonly chairId: string;
  /** Set when the chair acted with another's authority (A2, A4). */
  readonly onBehalfOf?: string;
  readonly participantIds: readonly string[];
  readonly minutes?: string;
  readonly attachments: readonly Attachment[];
  /** The minutes' files (a scanned record, issue #22), each with its SHA-256; never changed afterwards. */
  readonly files?: readonly FileRef[];
  readonly recordedBy: string;
  /** The instant (UTC ISO) by which the written conclusions are due (M3). */
  readonly conclusionsDueAt: string;
  readonly conclusions?: ConclusionsIssued;
  /** Who the conclusions were sent to (their units and people), so a list can judge who may read the meeting without reading its items. Never shown. */
  readonly sentTo?: MeetingRecipients;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly version: number;
}

export interface MeetingRecipients {
  readonly unitIds: readonly string[];
  readonly staffIds: readonly string[];
}

/** The units and people the conclusions went to: each item's unit, assignee, responsible person and coordinators. */
export function recipientsOf(items: readonly ConclusionItemRecord[]): MeetingRecipients {
  const unitIds = new Set<string>();
  const staffIds = new Set<string>();
  for (const item of items) {
    const a = item.prepared.transition.next;
    unitIds.add(a.unitId);
    for (const id of [a.assigneeId, a.responsibleId, ...a.coordinatorIds]) if (id) staffIds.add(id);
  }
  return { unitIds: [...unitIds].sort(), staffIds: [...staffIds].sort() };
}

/**
 * Who may read a meeting (docs/security/meetings.md): the board (director and deputy directors)
 * and whoever sees the whole department; the people in it (chair, the leader chaired for, the
 * recorder, the issuer of the conclusions, the participants); the staff of the unit whose meeting
 * it is; for the board's meetings the Office's leaders, who keep the minutes (Điều 11.1.a); and the
 * units and people its conclusions were sent to (Điều 3.4).
 */
export function canReadMeeting(
  reader: { id: string; unitId: string; roles: readonly string[]; active: boolean } | undefined,
  meeting: Pick<Meeting, 'level' | 'unitId' | 'chairId' | 'onBehalfOf' | 'recordedBy' | 'participantIds' | 'conclusions'>,
  sentTo: MeetingRecipients | undefined,
  seesWholeDepartment: boolean,
): boolean {
  if (!reader?.active) return false;
  if (seesWholeDepartment || reader.roles.includes('director') || reader.roles.includes('deputy-director')) return true;
  const people = [meeting.chairId, meeting.onBehalfOf, meeting.recordedBy, meeting.conclusions?.issuedBy, ...meeting.participantIds];
  if (people.includes(reader.id)) return true;
  if (meeting.level === 'unit' && reader.unitId === meeting.unitId) return true;
  if (meeting.level === 'department' && (reader.roles.includes('chief-of-office') || reader.roles.includes('deputy-chief-of-office'))) return true;
  return sentTo !== undefined && (sentTo.unitIds.includes(reader.unitId) || sentTo.staffIds.includes(reader.id));
}

/** One conclusion item and the assignment it becomes; the assignment is prepared before any write. */
export interface ConclusionItemRecord {
  readonly meetingId: string;
  /** 1-based position in the conclusions. */
  readonly n: number;
  readonly assignmentId: string;
  /** Exactly what creating the assignment writes, so a retry writes the same thing. */
  readonly prepared: { readonly transition: Transition; readonly event: AuditEvent };
}

/** Dashboard figures of meetings, per unit and chair and per period of heldOn (prefix `mtg_`). */
export interface MeetingCounts {
  held: number;
  withConclusions: number;
  conclusionsOnTime: number;
  conclusionsLate: number;
}

export interface MeetingTransition {
  readonly next: Meeting;
  readonly action: 'recorded' | 'conclusions-issued';
  readonly data: Record<string, unknown>;
  readonly delta: Partial<MeetingCounts>;
}

/** Deterministic, so a retry of the same conclusions names the same assignments (IdSchema allows dots). */
export const conclusionAssignmentId = (meetingId: string, n: number) => `${meetingId}.${n}`;

const DEPUTY_ROLES: ReadonlySet<Role> = new Set(['deputy-director', 'deputy-chief-of-office', 'deputy-chief-inspector', 'deputy-head']);

export function obligationForKind(obligations: readonly MeetingObligation[], kind: MeetingKind): MeetingObligation {
  const found = obligations.find((o) => o.kind === kind);
  if (!found) {
    throw new ValidationError(`The rulebook has no meeting of kind ${kind}.`, [{ path: 'body.kind', message: `no ${kind} meeting in the rulebook` }]);
  }
  return found;
}

export interface MeetingPlace {
  readonly level: MeetingLevel;
  readonly unit: Unit;
  /** Roles that chair in their own right or, for deputies, under a delegation. */
  readonly chairRoles: readonly Role[];
}

/**
 * Where a meeting of the obligation sits. Unit meetings (M4) need a unit of the listed kinds; the
 * ad-hoc department kinds (extraordinary, topical) may also be held by one unit, chaired by its head.
 */
export function placeOf(obligation: MeetingObligation, unitId: string | undefined, units: readonly Unit[]): MeetingPlace {
  const board = units.find((u) => u.kind === 'board');
  if (!board) throw new ValidationError('The organisation has no board unit.');
  const unit = unitId === undefined ? undefined : units.find((u) => u.id === unitId);
  if (unitId !== undefined && !unit) throw new ValidationError(`There is no unit ${unitId}.`, [{ path: 'body.unitId', message: `no unit ${unitId}` }]);
  if (obligation.scope === 'unit') {
    const kinds = obligation.unitKinds ?? [];
    if (!unit || !kinds.includes(unit.kind)) {
      throw new ValidationError(`A ${obligation.kind} meeting is held by one unit: name it.`, [
        { path: 'body.unitId', message: `must be a unit of kind ${kinds.join(', ')}` },
      ]);
    }
    return { level: 'unit', unit, chairRoles: obligation.chairRoles };
  }
  if (!unit || unit.kind === 'board') return { level: 'department', unit: board, chairRoles: obligation.chairRoles };
  if (obligation.schedule.kind !== 'ad-hoc') {
    throw new ValidationError(`A ${obligation.kind} meeting is held by the whole department, not by one unit.`, [
      { path: 'body.unitId', message: 'leave it out (or name the board) for a department meeting' },
    ]);
  }
  return { level: 'unit', unit, chairRoles: [unitHeadRole(unit.kind)] };
}

/**
 * Who may chair (M1 Điều 11.3, M4 Điều 11.4): a holder of a listed role chairs in their own right,
 * except deputies, who chair only when authorised: a deputy director under an A2 delegation from
 * the director, a unit's deputy under an A4 delegation from its head, acting for them. A unit
 * meeting is chaired from within the unit.
 */
export function chairDecision(
  authority: Authority,
  chairId: string,
  place: MeetingPlace,
  delegations: readonly Delegation[],
  today: LocalDate,
): AuthorityDecision {
  const chair = authority.staff(chairId);
  if (!chair?.active) return { allowed: false, rule: 'A1', reason: `There is no current staff member ${chairId} to chair the meeting.` };
  const listedInOwnRight = (roles: readonly Role[]) => roles.some((r) => place.chairRoles.includes(r) && !DEPUTY_ROLES.has(r));
  const where = place.level === 'department' ? 'a department meeting' : `a meeting of ${place.unit.name.en}`;
  if (place.level === 'unit' && chair.unitId !== place.unit.id) {
    return { allowed: false, rule: 'A1', reason: `${where} is chaired by the unit’s head (or their authorised deputy), not from another unit (Điều 11.4).` };
  }
  if (listedInOwnRight(chair.roles)) return { allowed: true, rule: 'A1' };

  const scope = place.level === 'department' ? 'department' : 'unit';
  const rule = scope === 'department' ? 'A2' : 'A4';
  const deputyRole = place.level === 'department' ? 'deputy-director' : unitDeputyRole(place.unit.kind);
  if (chair.roles.includes(deputyRole)) {
    const delegation = authority.activeDelegations(chairId, delegations, today).find((d) => d.scope === scope);
    const principal = delegation ? authority.staff(delegation.delegatorId) : undefined;
    if (delegation && principal && (listedInOwnRight(principal.roles) || place.chairRoles.includes(deputyRole))) {
      return { allowed: true, rule, onBehalfOf: delegation.delegatorId };
    }
    return {
      allowed: false,
      rule,
      reason:
        scope === 'department'
          ? `A deputy director chairs ${where} only when authorised by the director (${rule}, Điều 11.3): record a delegation first.`
          : `A deputy chairs ${where} only while its head has delegated that authority (${rule}).`,
    };
  }
  return { allowed: false, rule: 'A1', reason: `Only ${place.chairRoles.join(', ')} may chair ${where}${scope === 'department' ? ' (Điều 11.3)' : ''}.` };
}

/** M3: the conclusions are due `conclusionWorkingDays` working days after the meeting, at the rulebook's time. */
export function conclusionsDueAt(
  heldOn: LocalDate,
  obligation: Pick<MeetingObligation, 'conclusionWorkingDays'>,
  time: string,
  calendar: WorkingCalendar,
  timeZone: string,
): Date {
  return resolveDeadline({ kind: 'working-days-after-event', days: obligation.conclusionWorkingDays, time }, { eventDate: heldOn }, calendar, timeZone);
}

export interface NewMeeting {
  readonly id: string;
  readonly orgId: string;
  readonly obligation: MeetingObligation;
  readonly place: MeetingPlace;
  readonly heldOn: LocalDate;
  readonly subject?: string;
  readonly chairId: string;
  readonly onBehalfOf?: string;
  readonly participantIds: readonly string[];
  readonly minutes?: string;
  readonly attachments?: readonly Attachment[];
  readonly files?: readonly FileRef[];
  readonly recordedBy: string;
  readonly conclusionsDueAt: Date;
}

export function recordMeeting(input: NewMeeting, now: Date, today: LocalDate): MeetingTransition {
  // A meeting is recorded once held; a future date would count as held before it happens.
  if (compareLocalDates(input.heldOn, today) > 0) {
    throw new ValidationError('A meeting is recorded once it has been held.', [{ path: 'body.heldOn', message: `must be ${today} or earlier` }]);
  }
  const at = now.toISOString();
  const minutes = input.minutes?.trim();
  const subject = input.subject?.trim();
  const next: Meeting = {
    id: input.id,
    orgId: input.orgId,
    kind: input.obligation.kind,
    obligationId: input.obligation.id,
    rule: input.obligation.rule,
    article: input.obligation.article,
    level: input.place.level,
    unitId: input.place.unit.id,
    heldOn: input.heldOn,
    ...(subject ? { subject } : {}),
    chairId: input.chairId,
    ...(input.onBehalfOf ? { onBehalfOf: input.onBehalfOf } : {}),
    participantIds: [...new Set(input.participantIds)],
    ...(minutes ? { minutes } : {}),
    attachments: input.attachments ?? [],
    ...(input.files?.length ? { files: input.files } : {}),
    recordedBy: input.recordedBy,
    conclusionsDueAt: input.conclusionsDueAt.toISOString(),
    createdAt: at,
    updatedAt: at,
    version: 1,
  };
  return { next, action: 'recorded', data: { meeting: next }, delta: { held: 1 } };
}

export function issueConclusions(
  meeting: Meeting,
  input: { issuedBy: string; onBehalfOf?: string; summary?: string; files?: readonly FileRef[]; itemCount: number; requestHash: string },
  now: Date,
): MeetingTransition {
  if (meeting.conclusions) throw new ConflictError(`The conclusions of this meeting were issued at ${meeting.conclusions.issuedAt}.`);
  const onTime = isOnTime(now, new Date(meeting.conclusionsDueAt));
  const summary = input.summary?.trim();
  const conclusions: ConclusionsIssued = {
    issuedAt: now.toISOString(),
    issuedBy: input.issuedBy,
    ...(input.onBehalfOf ? { onBehalfOf: input.onBehalfOf } : {}),
    ...(summary ? { summary } : {}),
    ...(input.files?.length ? { files: input.files } : {}),
    itemCount: input.itemCount,
    onTime,
    requestHash: input.requestHash,
  };
  const next: Meeting = { ...meeting, conclusions, updatedAt: now.toISOString(), version: meeting.version + 1 };
  const { requestHash: _hash, ...shown } = conclusions;
  return {
    next,
    action: 'conclusions-issued',
    data: { conclusions: shown },
    delta: { withConclusions: 1, ...(onTime ? { conclusionsOnTime: 1 } : { conclusionsLate: 1 }) },
  };
}

export type ConclusionStatus = 'awaiting' | 'overdue' | 'on-time' | 'late';

/** Where the conclusions stand at `now`: awaiting and overdue before they are issued. */
export function conclusionStatusAt(meeting: Pick<Meeting, 'conclusions' | 'conclusionsDueAt'>, now: Date): ConclusionStatus {
  if (meeting.conclusions) return meeting.conclusions.onTime ? 'on-time' : 'late';
  return isOnTime(now, new Date(meeting.conclusionsDueAt)) ? 'awaiting' : 'overdue';
}

/** Moves `body.x` issues of a conclusion item's assignment to `body.items.<i>.x`, naming the request's fields. */
export function itemIssues(index: number, issues: readonly FieldIssue[]): FieldIssue[] {
  const rename: Record<string, string> = { title: 'text', description: 'detail' };
  return issues.map((issue) => {
    const m = /^body\.([^.]+)(.*)$/.exec(issue.path);
    if (!m) return { path: `body.items.${index}`, message: issue.message };
    return { path: `body.items.${index}.${rename[m[1]!] ?? m[1]}${m[2]}`, message: issue.message };
  });
}
