/**
 * Compliance findings: the record that a deadline of the regulation was missed, citing the rule
 * id and article of DOMAIN.md. They are the evidence of the annual evaluation (E1, Điều 24), so a
 * finding is never deleted and its facts are never edited: a fact later put right (the late
 * report arrived) resolves it as `put-right`, at the time it was put right; the director, the
 * chief inspector or the subject's superior may resolve it with a note. Either way it stays on
 * record, resolved, with its audit history.
 *
 * Ids are deterministic (the organisation, the rule and the breach's identity, hashed), so a
 * rerun, a retry or a double delivery of a schedule can only find the finding already there.
 * Pure, except for the hash.
 */
import { createHash } from 'node:crypto';
import type { Authority } from './authority.js';
import type { EscalationStep, Observation, PutRight } from './compliance/outcome.js';
import { ConflictError, ValidationError } from './errors.js';
import { formatInstant, toLocalDate, type LocalDate } from './local-time.js';
import { parsePeriod, periodContaining } from './periods.js';

export type FindingResolution = 'put-right' | 'withdrawn' | 'resolved';

export interface Finding {
  readonly id: string;
  readonly orgId: string;
  /** DOMAIN.md rule id: F1, F2, A6, … */
  readonly rule: string;
  /** The article enforced, as the rulebook cites it: 'Điều 9.2.4'. */
  readonly article: string;
  /** The breach's identity within the rule, readable: `2026-11`, `<assignmentId>|2026-11-20|reminder`. */
  readonly key: string;
  readonly subjectId: string;
  readonly unitId: string;
  readonly period: string;
  /** First day of `period`: lists are ordered and filtered by it. */
  readonly periodStart: LocalDate;
  readonly ref?: string;
  readonly escalation?: EscalationStep;
  readonly dueAt?: string;
  /** The instant the check judged (the schedule's or the caller's `at`). */
  readonly detectedAt: string;
  readonly detail: string;
  readonly facts: Readonly<Record<string, unknown>>;
  readonly resolvedAt?: string;
  readonly resolution?: FindingResolution;
  readonly resolvedBy?: string;
  readonly resolutionNote?: string;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly version: number;
}

export interface FindingChange {
  readonly next: Finding;
  readonly action: 'detected' | 'put-right' | 'withdrawn' | 'resolved';
  readonly data: Record<string, unknown>;
  /** Dashboard counters (prefix `fnd`): `detected`, `resolved`, and the same per rule, e.g. `detected_F2`. */
  readonly delta: Record<string, number>;
}

export const isOpenFinding = (f: Pick<Finding, 'resolvedAt'>) => f.resolvedAt === undefined;

/** `<rule>-<24 hex>`: the same organisation, rule and identity always give the same id. */
export function findingId(orgId: string, rule: string, identity: readonly string[]): string {
  const hash = createHash('sha256').update([orgId, rule, ...identity].join('|')).digest('hex').slice(0, 24);
  return `${rule}-${hash}`;
}

/** The periods a finding is counted in: the week, month and year of its detection. */
export function findingCounterPeriods(detectedAt: string, timeZone: string): string[] {
  const date = toLocalDate(new Date(detectedAt), timeZone);
  return (['week', 'month', 'year'] as const).map((kind) => periodContaining(kind, date).id);
}

const resolvedDelta = (rule: string) => ({ resolved: 1, [`resolved_${rule}`]: 1 });

function resolution(f: Finding, putRight: PutRight): Partial<Finding> {
  return {
    resolvedAt: putRight.at.toISOString(),
    resolution: putRight.resolution,
    resolutionNote: putRight.note,
  };
}

/** A new finding from a rule's observation; already resolved when the fact was put right before the check. */
export function detectFinding(
  rule: { id: string; article: string },
  orgId: string,
  observation: Observation,
  at: Date,
  timeZone: string,
): FindingChange {
  const period = parsePeriod(observation.period);
  if (!period) throw new Error(`Rule ${rule.id} observed a breach in an unknown period '${observation.period}'`);
  const stamp = at.toISOString();
  let next: Finding = {
    id: findingId(orgId, rule.id, observation.identity),
    orgId,
    rule: rule.id,
    article: rule.article,
    key: observation.identity.join('|'),
    subjectId: observation.subjectId,
    unitId: observation.unitId,
    period: period.id,
    periodStart: period.start,
    ...(observation.ref ? { ref: observation.ref } : {}),
    ...(observation.escalation ? { escalation: observation.escalation } : {}),
    ...(observation.dueAt ? { dueAt: formatInstant(observation.dueAt, timeZone) } : {}),
    detectedAt: stamp,
    detail: observation.detail,
    facts: observation.facts,
    createdAt: stamp,
    updatedAt: stamp,
    version: 1,
  };
  if (observation.putRight) next = { ...next, ...resolution(next, observation.putRight) };
  return {
    next,
    action: 'detected',
    data: { finding: next },
    delta: { detected: 1, [`detected_${rule.id}`]: 1, ...(observation.putRight ? resolvedDelta(rule.id) : {}) },
  };
}

/** The fact was put right (or fell away): the open finding is resolved, its facts untouched. */
export function putRightFinding(f: Finding, putRight: PutRight, now: Date): FindingChange {
  if (!isOpenFinding(f)) throw new ConflictError(`Finding ${f.id} was already resolved (${f.resolution}) at ${f.resolvedAt}.`);
  const next: Finding = { ...f, ...resolution(f, putRight), updatedAt: now.toISOString(), version: f.version + 1 };
  return {
    next,
    action: putRight.resolution,
    data: { resolvedAt: next.resolvedAt, resolution: putRight.resolution, note: putRight.note },
    delta: resolvedDelta(f.rule),
  };
}

/** A person with the authority resolves an open finding, with a note. */
export function resolveFinding(f: Finding, input: { note: string; by: string }, now: Date): FindingChange {
  const note = input.note.trim();
  if (!note) throw new ValidationError('A note is required to resolve a finding.', [{ path: 'body.note', message: 'is required' }]);
  if (!isOpenFinding(f)) throw new ConflictError(`Finding ${f.id} was already resolved (${f.resolution}) at ${f.resolvedAt}.`);
  const at = now.toISOString();
  const next: Finding = {
    ...f,
    resolvedAt: at,
    resolution: 'resolved',
    resolvedBy: input.by,
    resolutionNote: note,
    updatedAt: at,
    version: f.version + 1,
  };
  return { next, action: 'resolved', data: { resolvedAt: at, note }, delta: resolvedDelta(f.rule) };
}

/** Who a finding was reported to beyond its unit's line: D4 (Điều 9.1.8) names the chief of office in its facts. */
export function findingReportedTo(f: { readonly rule?: string; readonly facts?: Finding['facts'] }): string[] {
  const to = f.rule === 'D4' ? f.facts?.reportedTo : undefined;
  return Array.isArray(to) ? to.filter((id): id is string => typeof id === 'string') : [];
}

/** The director and the chief inspector see every finding; a deputy director or head their units'; anyone their own. */
export function canSeeFinding(authority: Authority, actorId: string, f: Pick<Finding, 'subjectId' | 'unitId'> & { readonly rule?: string; readonly facts?: Finding['facts'] }): boolean {
  if (!authority.staff(actorId)?.active) return false;
  if (f.subjectId === actorId) return true;
  // D4 (Điều 9.1.8): a signature outside authority is reported to the chief of office, who sees the finding.
  if (findingReportedTo(f).includes(actorId)) return true;
  const scope = authority.viewScope(actorId);
  return scope.kind === 'all' || (scope.kind === 'units' && scope.unitIds.includes(f.unitId));
}

/**
 * The director, the chief inspector, or a superior of the finding's subject (A1) may resolve it;
 * nobody resolves a finding about themselves.
 */
export function canResolveFinding(authority: Authority, actorId: string, f: Pick<Finding, 'subjectId'>): boolean {
  const actor = authority.staff(actorId);
  if (!actor?.active || f.subjectId === actorId) return false;
  if (actor.roles.includes('director') || actor.roles.includes('chief-inspector')) return true;
  return authority.isSuperiorOf(actorId, f.subjectId);
}
