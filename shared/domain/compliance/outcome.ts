/**
 * What a compliance rule's evaluation says about the records at an instant. Pure data: the
 * compliance service (shared/services/compliance) turns observations into findings, idempotently.
 *
 * - An `Observation` is a breach: a deadline of the regulation was missed. Its `identity` (with
 *   the rule id and the organisation) fixes the finding's id, so a rerun, a retry or a double
 *   delivery finds the same finding and creates nothing. `putRight` says the fact has since been
 *   put right (the late report arrived): the finding is recorded, or kept, as resolved late.
 * - A `Clearance` says an earlier breach with that identity is now put right (the payroll turned
 *   out to be paid on time, an overdue assignment was completed): an open finding with that
 *   identity is resolved; nothing is created.
 * - A `Notice` is a reminder before a deadline (F2's payroll reminder): recorded once per key and
 *   handed to the notification hooks; never a finding.
 */
import type { LocalizedText } from '../../rulebook/schema.js';

export interface PutRight {
  /** When the record that put it right was stored (or the act happened, for dated acts). */
  readonly at: Date;
  /** `put-right`: the obligation was met late; `withdrawn`: it fell away (the work was cancelled). */
  readonly resolution: 'put-right' | 'withdrawn';
  readonly note: string;
}

export interface EscalationStep {
  readonly level: 'reminder' | 'criticism' | 'review';
  /** 1 for the first step of the rulebook's escalation, 2 for the second, … */
  readonly number: number;
  readonly name: LocalizedText;
}

export interface Observation {
  /** What makes this breach one and only one finding, e.g. `['2026-11']` or `[assignmentId, dueDate, 'reminder']`. */
  readonly identity: readonly string[];
  /** The staff member who answers for it. */
  readonly subjectId: string;
  /** Their unit (the finding is counted there and visible to its head). */
  readonly unitId: string;
  /** The period the breach concerns: `2026-11`, `2026-W48`, … */
  readonly period: string;
  /** The record it is about (an assignment, a settlement, a report). */
  readonly ref?: string;
  readonly escalation?: EscalationStep;
  readonly dueAt?: Date;
  /** One sentence a person can act on. */
  readonly detail: string;
  /** The facts behind it: due instants, submission times, record ids. */
  readonly facts: Readonly<Record<string, unknown>>;
  readonly putRight?: PutRight;
}

export interface Clearance {
  readonly identity: readonly string[];
  readonly putRight: PutRight;
}

export interface Notice {
  /** Unique within the rule, e.g. `['reminder', '2026-11']`; one notice per key and recipient. */
  readonly key: readonly string[];
  readonly to: readonly string[];
  readonly subjectId: string;
  readonly message: string;
  readonly facts: Readonly<Record<string, unknown>>;
}

export interface RuleOutcome {
  readonly observations: readonly Observation[];
  readonly clearances?: readonly Clearance[];
  readonly notices?: readonly Notice[];
}
