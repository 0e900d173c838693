/**
 * Receiving delegations (tiếp đoàn, Điều 17), pure: the director decides whom the department
 * receives; the Office records the visit (when, who hosts, Điều 17.1) and the units that prepare
 * its content (Điều 17.2), each preparation an assignment due before the visit.
 */
import type { AuditEvent, Transition } from './assignment.js';
import type { StaffMember, Unit } from './organisation.js';
import type { ObligedSelector } from '../rulebook/schema.js';
import { ValidationError, type FieldIssue } from './errors.js';
import { compareLocalDates, daysBetween, type LocalDate } from './local-time.js';

export interface VisitPreparationRecord {
  readonly visitId: string;
  /** 1-based. */
  readonly n: number;
  readonly assignmentId: string;
  readonly prepared: { readonly transition: Transition; readonly event: AuditEvent };
}

export interface Visit {
  readonly id: string;
  readonly orgId: string;
  /** The visiting body, as it will be announced: "Đoàn công tác Bộ Thông tin và Truyền thông". */
  readonly delegation: string;
  readonly purpose?: string;
  /** Inclusive local dates. */
  readonly from: LocalDate;
  readonly to: LocalDate;
  /** Local 'HH:mm' of the first day, when fixed. */
  readonly start?: string;
  readonly end?: string;
  readonly location?: string;
  /** Who receives the delegation (thành phần tiếp, Điều 17.1). */
  readonly hostIds: readonly string[];
  /** The leader whose decision the visit is (Điều 17). */
  readonly decidedBy: string;
  readonly recordedBy: string;
  readonly preparationCount: number;
  /** The units preparing content (Điều 17.2): the visit is on their calendars. */
  readonly preparingUnitIds?: readonly string[];
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly version: number;
}

export const visitPreparationAssignmentId = (visitId: string, n: number) => `${visitId}.${n}`;

export function recordVisit(
  input: Omit<Visit, 'createdAt' | 'updatedAt' | 'version'>,
  rules: { maxDays: number },
  now: Date,
): { next: Visit; action: 'recorded'; data: Record<string, unknown> } {
  const issues: FieldIssue[] = [];
  const delegation = input.delegation.trim();
  if (!delegation) issues.push({ path: 'body.delegation', message: 'name the visiting delegation' });
  const days = daysBetween(input.from, input.to) + 1;
  if (days < 1) issues.push({ path: 'body.to', message: 'must be on or after from' });
  else if (days > rules.maxDays) issues.push({ path: 'body.to', message: `a visit lasts at most ${rules.maxDays} days by the rulebook` });
  if (input.start && input.end && input.end <= input.start) issues.push({ path: 'body.end', message: 'must be after start' });
  if (input.hostIds.length === 0) issues.push({ path: 'body.hostIds', message: 'name who receives the delegation (Điều 17.1)' });
  if (issues.length) throw new ValidationError('The visit is not valid.', issues);
  const at = now.toISOString();
  const next: Visit = { ...input, delegation, hostIds: [...new Set(input.hostIds)], createdAt: at, updatedAt: at, version: 1 };
  return { next, action: 'recorded', data: { visit: next } };
}

/** A preparation is due on or before the visit's first day. */
export function preparationIssues(items: readonly { dueDate: LocalDate }[], from: LocalDate): FieldIssue[] {
  return items.flatMap((item, i) =>
    compareLocalDates(item.dueDate, from) > 0 ? [{ path: `body.preparations.${i}.dueDate`, message: `must be on or before ${from}, the visit's first day` }] : [],
  );
}

/** The Office records visits (the rulebook's `recordedBy`). */
export function canRecordVisit(selector: ObligedSelector, actor: StaffMember | undefined, units: readonly Unit[]): boolean {
  if (!actor?.active) return false;
  const unit = units.find((u) => u.id === actor.unitId);
  return (
    actor.roles.some((r) => selector.roles.includes(r)) &&
    (selector.unitKinds === undefined || (unit !== undefined && selector.unitKinds.includes(unit.kind))) &&
    (selector.unitIds === undefined || selector.unitIds.includes(actor.unitId))
  );
}
