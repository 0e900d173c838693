/**
 * Missions (Điều 16), pure and minimal: who was sent, for what, from when to when. Recording one
 * raises the R5 obligation (Điều 16.4: report the results to the direct superior). Issue #13
 * extends this (approval, travel, costs); keep this module to what R5 needs.
 */
import type { Authority, Delegation } from './authority.js';
import { ConflictError, ValidationError } from './errors.js';
import { compareLocalDates, type LocalDate } from './local-time.js';

/** training and conference: the director decides (Điều 16.1); a mission: the board approves (Điều 16.2). */
export type MissionKind = 'training' | 'conference' | 'mission';

export interface Mission {
  readonly id: string;
  readonly orgId: string;
  readonly staffId: string;
  readonly unitId: string;
  readonly kind: MissionKind;
  readonly title: string;
  /** Inclusive local dates; `to` is the day the mission ends, the event R5 counts from. */
  readonly from: LocalDate;
  readonly to: LocalDate;
  readonly recordedBy: string;
  readonly onBehalfOf?: string;
  /** The last day first planned, once the return is recorded (`to` is then the day of return). */
  readonly plannedTo?: LocalDate;
  readonly returnedOn?: LocalDate;
  readonly returnRecordedBy?: string;
  readonly returnNote?: string;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly version: number;
}

export type MissionDecision = { allowed: true; onBehalfOf?: string } | { allowed: false; reason: string; rule: string };

/** Điều 16.1: the director sends staff to training and conferences; Điều 16.2: the board approves missions; A2 stands in. */
export function canRecordMission(
  authority: Authority,
  actorId: string,
  kind: MissionKind,
  delegations: readonly Delegation[],
  today: LocalDate,
): MissionDecision {
  const actor = authority.staff(actorId);
  if (!actor?.active) return { allowed: false, rule: 'A1', reason: 'Only current staff may record a mission.' };
  if (actor.roles.includes('director')) return { allowed: true };
  if (kind === 'mission' && actor.roles.includes('deputy-director')) return { allowed: true };
  const a2 = authority.activeDelegations(actorId, delegations, today).find((d) => d.scope === 'department');
  if (a2) return { allowed: true, onBehalfOf: a2.delegatorId };
  return kind === 'mission'
    ? { allowed: false, rule: 'A1', reason: 'A mission is approved by the board: the director or a deputy director (Điều 16.2).' }
    : { allowed: false, rule: 'A1', reason: 'The director decides who is sent to training or a conference (Điều 16.1), or a deputy acting for the director (A2).' };
}

export function createMission(input: Omit<Mission, 'createdAt' | 'updatedAt' | 'version'>, now: Date): Mission {
  const title = input.title.trim();
  const issues = [];
  if (!title) issues.push({ path: 'body.title', message: 'a title is required' });
  if (compareLocalDates(input.from, input.to) > 0) issues.push({ path: 'body.to', message: 'must be on or after from' });
  if (issues.length) throw new ValidationError('The mission is not valid.', issues);
  const at = now.toISOString();
  return { ...input, title, createdAt: at, updatedAt: at, version: 1 };
}

/**
 * Records the day the person came back (issue #13): `to` becomes that day, so R5 counts from the
 * real return (Điều 16.4); the planned last day is kept. Once only, never in the future.
 */
export function recordReturn(m: Mission, input: { returnedOn: LocalDate; note?: string; by: string }, today: LocalDate, now: Date): Mission {
  if (m.returnedOn !== undefined) throw new ConflictError(`The return was already recorded: ${m.returnedOn}.`);
  const issues = [];
  if (compareLocalDates(input.returnedOn, m.from) < 0) issues.push({ path: 'body.returnedOn', message: `must be on or after ${m.from}, the first day` });
  if (compareLocalDates(input.returnedOn, today) > 0) issues.push({ path: 'body.returnedOn', message: `must be ${today} or earlier: record a return once it happened` });
  if (issues.length) throw new ValidationError('The return cannot be recorded.', issues);
  const note = input.note?.trim();
  return {
    ...m,
    plannedTo: m.to,
    to: input.returnedOn,
    returnedOn: input.returnedOn,
    returnRecordedBy: input.by,
    ...(note ? { returnNote: note } : {}),
    updatedAt: now.toISOString(),
    version: m.version + 1,
  };
}

/** The traveller, whoever recorded the mission, or a superior of the traveller (A1). */
export function canRecordReturn(authority: Authority, actorId: string, m: Pick<Mission, 'staffId' | 'recordedBy'>): boolean {
  if (authority.staff(actorId)?.active !== true) return false;
  return actorId === m.staffId || actorId === m.recordedBy || authority.isSuperiorOf(actorId, m.staffId);
}
