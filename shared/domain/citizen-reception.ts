/**
 * Citizen reception (tiếp công dân, C1, Điều 14), pure: the monthly schedule of the director's
 * (or an authorised deputy's) reception sessions, proposed by the Inspectorate and approved by
 * the director; each session is held (who received, how many citizens, the complaints and
 * denunciations taken) or rescheduled with a reason. Each transition returns the next state and
 * the audit data the store writes with it in one transaction.
 */
import type { Role } from '../rulebook/schema.js';
import type { AuditEvent, Transition } from './assignment.js';
import type { Authority, Delegation } from './authority.js';
import type { WorkingCalendar } from './calendar.js';
import { ConflictError, ValidationError, type FieldIssue } from './errors.js';
import { addDays, compareLocalDates, firstDayOfMonth, lastDayOfMonth, type LocalDate, type YearMonth } from './local-time.js';

export type ScheduleStatus = 'proposed' | 'approved' | 'returned';
export type CaseKind = 'complaint' | 'denunciation';

export interface Reschedule {
  readonly fromDate: LocalDate;
  readonly toDate: LocalDate;
  readonly fromHostId: string;
  readonly reason: string;
  readonly by: string;
  readonly at: string;
}

export interface SessionOutcome {
  /** Who received the citizens: the host, or the one who stood in. */
  readonly receivedBy: string;
  /** Others who took part (Inspectorate, Office, the divisions concerned: Điều 14.1.b, c). */
  readonly otherStaffIds: readonly string[];
  readonly citizenCount: number;
  readonly caseCount: number;
  readonly note?: string;
  readonly recordedBy: string;
  readonly recordedAt: string;
}

export interface ReceptionSession {
  /** 1-based, stable through revisions and reschedules. */
  readonly n: number;
  /** The day it is (now) scheduled on. */
  readonly date: LocalDate;
  /** Local times 'HH:mm'. */
  readonly start: string;
  readonly end: string;
  readonly hostId: string;
  readonly location?: string;
  readonly status: 'scheduled' | 'held';
  readonly reschedules: readonly Reschedule[];
  readonly outcome?: SessionOutcome;
}

export interface ReceptionSchedule {
  readonly id: string;
  readonly orgId: string;
  readonly month: YearMonth;
  readonly status: ScheduleStatus;
  readonly sessions: readonly ReceptionSession[];
  readonly note?: string;
  readonly proposedBy: string;
  readonly proposedAt: string;
  readonly approvedBy?: string;
  readonly approvedOnBehalfOf?: string;
  readonly approvedAt?: string;
  readonly returnedBy?: string;
  readonly returnReason?: string;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly version: number;
}

/** A complaint or denunciation taken at a session, and the assignment it becomes (prepared before any write). */
export interface ReceptionCase {
  readonly scheduleId: string;
  /** The session. */
  readonly n: number;
  /** 1-based within the session. */
  readonly k: number;
  readonly kind: CaseKind;
  readonly summary: string;
  readonly citizenName?: string;
  readonly receivedOn: LocalDate;
  readonly dueDate: LocalDate;
  readonly assignmentId: string;
  readonly prepared: { readonly transition: Transition; readonly event: AuditEvent };
}

export interface ScheduleTransition {
  readonly next: ReceptionSchedule;
  readonly action: 'proposed' | 'revised' | 'approved' | 'returned' | 'session-rescheduled' | 'session-held';
  readonly data: Record<string, unknown>;
}

export interface SessionInput {
  readonly date: LocalDate;
  readonly start: string;
  readonly end: string;
  readonly hostId: string;
  readonly location?: string;
}

/** What the domain needs of the rulebook's citizenReception section. */
export interface ReceptionRules {
  readonly hostRoles: readonly Role[];
  readonly sessionsPerMonth: number;
  readonly scheduleProposedBy: Role;
  readonly scheduleApprovedBy?: Role;
  readonly caseDeadlines?: Readonly<Record<CaseKind, { readonly days: number; readonly dayCounting: 'calendar' | 'working' }>>;
}

/** The law's deadlines when the rulebook names none (see the schema). */
export const DEFAULT_CASE_DEADLINES: Readonly<Record<CaseKind, { days: number; dayCounting: 'calendar' | 'working' }>> = {
  complaint: { days: 10, dayCounting: 'calendar' },
  denunciation: { days: 7, dayCounting: 'working' },
};

export const scheduleIdOf = (month: YearMonth) => `reception-schedule.${month}`;
/** Deterministic, so a retry names the same assignment. */
export const caseAssignmentId = (scheduleId: string, n: number, k: number) => `${scheduleId}.${n}.${k}`;
export const approverRoleOf = (rules: ReceptionRules): Role => rules.scheduleApprovedBy ?? 'director';

const minutesOf = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

function requireReason(value: string, path: string): string {
  const reason = value.trim();
  if (!reason) throw new ValidationError('A reason is required.', [{ path, message: 'a reason is required' }]);
  return reason;
}

function touch(s: ReceptionSchedule, now: Date, changes: Partial<ReceptionSchedule>): ReceptionSchedule {
  return { ...s, ...changes, updatedAt: now.toISOString(), version: s.version + 1 };
}

/** Checks the sessions of a proposal and numbers them by date; hosts are checked by the service (they need the records). */
function sessionsOf(month: YearMonth, inputs: readonly SessionInput[], rules: ReceptionRules, path = 'body.sessions'): ReceptionSession[] {
  const issues: FieldIssue[] = [];
  const first = firstDayOfMonth(month);
  const last = lastDayOfMonth(month);
  inputs.forEach((s, i) => {
    if (compareLocalDates(s.date, first) < 0 || compareLocalDates(s.date, last) > 0) {
      issues.push({ path: `${path}.${i}.date`, message: `must be in ${month}` });
    }
    if (minutesOf(s.end) <= minutesOf(s.start)) issues.push({ path: `${path}.${i}.end`, message: 'must be after start' });
    const twin = inputs.findIndex((o) => o.date === s.date && o.start === s.start);
    if (twin < i) issues.push({ path: `${path}.${i}.date`, message: `same day and time as ${path}.${twin}` });
  });
  if (inputs.length < rules.sessionsPerMonth) {
    issues.push({ path, message: `the rulebook asks for at least ${rules.sessionsPerMonth} session(s) a month (Điều 14.1)` });
  }
  if (issues.length) throw new ValidationError('The reception schedule is not valid.', issues);
  return [...inputs]
    .sort((a, b) => compareLocalDates(a.date, b.date) || minutesOf(a.start) - minutesOf(b.start))
    .map((s, i) => ({
      n: i + 1,
      date: s.date,
      start: s.start,
      end: s.end,
      hostId: s.hostId,
      ...(s.location ? { location: s.location } : {}),
      status: 'scheduled' as const,
      reschedules: [],
    }));
}

export function proposeSchedule(
  input: { id: string; orgId: string; month: YearMonth; sessions: readonly SessionInput[]; note?: string; proposedBy: string },
  rules: ReceptionRules,
  now: Date,
): ScheduleTransition {
  const at = now.toISOString();
  const next: ReceptionSchedule = {
    id: input.id,
    orgId: input.orgId,
    month: input.month,
    status: 'proposed',
    sessions: sessionsOf(input.month, input.sessions, rules),
    ...(input.note ? { note: input.note } : {}),
    proposedBy: input.proposedBy,
    proposedAt: at,
    createdAt: at,
    updatedAt: at,
    version: 1,
  };
  return { next, action: 'proposed', data: { schedule: next } };
}

/** A proposal still waiting, or one returned, is replaced as a whole and goes back to the approver. */
export function reviseSchedule(
  s: ReceptionSchedule,
  input: { sessions: readonly SessionInput[]; note?: string; by: string },
  rules: ReceptionRules,
  now: Date,
): ScheduleTransition {
  if (s.status === 'approved') {
    throw new ConflictError(`The schedule of ${s.month} is approved: move a session with a reason instead (reschedule).`);
  }
  const { returnedBy: _b, returnReason: _r, note: _n, ...rest } = s;
  const next = touch(rest as ReceptionSchedule, now, {
    status: 'proposed',
    sessions: sessionsOf(s.month, input.sessions, rules),
    ...(input.note ? { note: input.note } : {}),
    proposedBy: input.by,
    proposedAt: now.toISOString(),
  });
  return { next, action: 'revised', data: { sessions: next.sessions, note: input.note } };
}

export function approveSchedule(s: ReceptionSchedule, input: { by: string; onBehalfOf?: string }, now: Date): ScheduleTransition {
  if (s.status !== 'proposed') throw new ConflictError(`Only a proposed schedule can be approved; this one is ${s.status}.`);
  const next = touch(s, now, {
    status: 'approved',
    approvedBy: input.by,
    ...(input.onBehalfOf ? { approvedOnBehalfOf: input.onBehalfOf } : {}),
    approvedAt: now.toISOString(),
  });
  return { next, action: 'approved', data: { approvedAt: next.approvedAt } };
}

export function returnSchedule(s: ReceptionSchedule, input: { by: string; reason: string }, now: Date): ScheduleTransition {
  if (s.status !== 'proposed') throw new ConflictError(`Only a proposed schedule can be returned; this one is ${s.status}.`);
  const reason = requireReason(input.reason, 'body.reason');
  const next = touch(s, now, { status: 'returned', returnedBy: input.by, returnReason: reason });
  return { next, action: 'returned', data: { reason } };
}

function sessionOf(s: ReceptionSchedule, n: number): ReceptionSession {
  const session = s.sessions.find((x) => x.n === n);
  if (!session) throw new ValidationError(`The schedule of ${s.month} has no session ${n}.`, [{ path: 'path.n', message: `no session ${n}` }]);
  return session;
}

function replaceSession(s: ReceptionSchedule, session: ReceptionSession): ReceptionSession[] {
  return s.sessions.map((x) => (x.n === session.n ? session : x));
}

/**
 * Moves an approved schedule's session to another day (and host or hours), with a reason: to a
 * day not yet past, within the schedule's month or the next.
 */
export function rescheduleSession(
  s: ReceptionSchedule,
  n: number,
  input: { date: LocalDate; start?: string; end?: string; hostId?: string; reason: string; by: string },
  today: LocalDate,
  now: Date,
): ScheduleTransition {
  if (s.status !== 'approved') throw new ConflictError(`Sessions of a ${s.status} schedule are changed by revising it.`);
  const session = sessionOf(s, n);
  if (session.status === 'held') throw new ConflictError(`Session ${n} was already held on ${session.date}.`);
  const reason = requireReason(input.reason, 'body.reason');
  const issues: FieldIssue[] = [];
  const latest = lastDayOfMonth(addDays(lastDayOfMonth(s.month), 1).slice(0, 7));
  if (compareLocalDates(input.date, today) < 0) issues.push({ path: 'body.date', message: `must be ${today} or later` });
  if (compareLocalDates(input.date, latest) > 0) issues.push({ path: 'body.date', message: `must be ${latest} or earlier (the month after at the latest)` });
  const start = input.start ?? session.start;
  const end = input.end ?? session.end;
  if (minutesOf(end) <= minutesOf(start)) issues.push({ path: 'body.end', message: 'must be after start' });
  if (input.date === session.date && start === session.start && (input.hostId ?? session.hostId) === session.hostId) {
    issues.push({ path: 'body.date', message: 'is the session as it stands' });
  }
  if (issues.length) throw new ValidationError('The session cannot be moved there.', issues);
  const move: Reschedule = { fromDate: session.date, toDate: input.date, fromHostId: session.hostId, reason, by: input.by, at: now.toISOString() };
  const moved: ReceptionSession = {
    ...session,
    date: input.date,
    start,
    end,
    hostId: input.hostId ?? session.hostId,
    reschedules: [...session.reschedules, move],
  };
  const next = touch(s, now, { sessions: replaceSession(s, moved) });
  return { next, action: 'session-rescheduled', data: { n, reschedule: move, session: moved } };
}

/** The session was held on its day (recorded then or later); its cases are prepared by the service. */
export function recordSessionOutcome(
  s: ReceptionSchedule,
  n: number,
  input: { receivedBy: string; otherStaffIds: readonly string[]; citizenCount: number; caseCount: number; note?: string; recordedBy: string },
  today: LocalDate,
  now: Date,
): ScheduleTransition {
  if (s.status !== 'approved') throw new ConflictError(`The schedule of ${s.month} is not approved; its sessions cannot be held yet.`);
  const session = sessionOf(s, n);
  if (session.status === 'held') throw new ConflictError(`Session ${n} was already recorded as held.`);
  if (compareLocalDates(session.date, today) > 0) {
    throw new ValidationError(`Session ${n} is on ${session.date}: record it once held.`, [{ path: 'path.n', message: `the session is on ${session.date}` }]);
  }
  const outcome: SessionOutcome = {
    receivedBy: input.receivedBy,
    otherStaffIds: [...new Set(input.otherStaffIds)].filter((id) => id !== input.receivedBy),
    citizenCount: input.citizenCount,
    caseCount: input.caseCount,
    ...(input.note ? { note: input.note } : {}),
    recordedBy: input.recordedBy,
    recordedAt: now.toISOString(),
  };
  const held: ReceptionSession = { ...session, status: 'held', outcome };
  const next = touch(s, now, { sessions: replaceSession(s, held) });
  return { next, action: 'session-held', data: { n, outcome } };
}

/** The local date a case taken on `receivedOn` is due, by the rulebook's (or the law's) deadline. */
export function caseDueDate(kind: CaseKind, receivedOn: LocalDate, rules: ReceptionRules, calendar: WorkingCalendar): LocalDate {
  const rule = rules.caseDeadlines?.[kind] ?? DEFAULT_CASE_DEADLINES[kind];
  return rule.dayCounting === 'working' ? calendar.addWorkingDays(receivedOn, rule.days) : addDays(receivedOn, rule.days);
}

// ---------------------------------------------------------------------------------------
// Who may do what (A1, Điều 14.1)

export type ReceptionDecision = { allowed: true; onBehalfOf?: string } | { allowed: false; reason: string };

const holds = (authority: Authority, staffId: string, role: Role) => {
  const s = authority.staff(staffId);
  return s?.active === true && s.roles.includes(role);
};

/** The Inspectorate proposes (the rulebook's `scheduleProposedBy`). */
export function canPropose(authority: Authority, actorId: string, rules: ReceptionRules): ReceptionDecision {
  return holds(authority, actorId, rules.scheduleProposedBy)
    ? { allowed: true }
    : { allowed: false, reason: `The schedule is proposed by the ${rules.scheduleProposedBy} (Điều 14.1).` };
}

/** The director approves; a deputy director under an A2 delegation in force acts for them. */
export function canApprove(
  authority: Authority,
  actorId: string,
  rules: ReceptionRules,
  delegations: readonly Delegation[],
  today: LocalDate,
): ReceptionDecision {
  const role = approverRoleOf(rules);
  if (holds(authority, actorId, role)) return { allowed: true };
  const a2 = authority.activeDelegations(actorId, delegations, today).find((d) => d.scope === 'department');
  if (a2 && authority.staff(a2.delegatorId)?.roles.includes(role)) return { allowed: true, onBehalfOf: a2.delegatorId };
  return { allowed: false, reason: `The ${role} approves the reception schedule (Điều 14.1), or a deputy acting for them (A2).` };
}

/** Hosts hold one of the rulebook's host roles. */
export function hostIssues(authority: Authority, hostIds: readonly { path: string; id: string }[], rules: ReceptionRules): FieldIssue[] {
  return hostIds.flatMap(({ path, id }) => {
    const s = authority.staff(id);
    if (!s?.active) return [{ path, message: `no current staff member ${id}` }];
    if (!s.roles.some((r) => rules.hostRoles.includes(r))) return [{ path, message: `${id} is not one of ${rules.hostRoles.join(', ')} (Điều 14.1)` }];
    return [];
  });
}

/** The unit that proposes the schedule receives citizens regularly and takes up the cases (the Inspectorate, Điều 14.1.c). */
export function receptionUnitOf(staff: readonly { unitId: string; roles: readonly Role[]; active: boolean }[], rules: ReceptionRules): string | undefined {
  return staff.find((s) => s.active && s.roles.includes(rules.scheduleProposedBy))?.unitId;
}

/** A session is recorded by its host, whoever received, or the reception unit's staff (Điều 14.1.c). */
export function canRecordSession(
  authority: Authority,
  actorId: string,
  session: Pick<ReceptionSession, 'hostId'>,
  receivedBy: string,
  receptionUnitId: string | undefined,
): boolean {
  const actor = authority.staff(actorId);
  if (!actor?.active) return false;
  return actorId === session.hostId || actorId === receivedBy || actor.unitId === receptionUnitId;
}
