/**
 * E2–E6 (issue #23; Điều 24, 7.1, 3.2, 3.3.2): each step of the evaluation cycle by its deadline
 * from the rulebook (`/evaluation/steps/*\/deadlines`). A step not taken when its deadline has
 * passed is a finding against the one who owes it; taken late, the finding is put right at the
 * step's time. Each step's deadline is owed on its own: E5 is owed even when E4 is missing (the
 * finding lists the earlier steps not on record); E3 is owed without E2, as the head may comment
 * without a self-assessment. E4 only for heads and deputy heads (Điều 3.2). Pure; the sentence a
 * person reads is `evaluationStepText`.
 */
import type { EvaluationStepId, LocalizedText } from '../../rulebook/schema.js';
import { isOnTime } from '../deadlines.js';
import { evaluationId, stepsFor, stepTakenAt, type Evaluation } from '../evaluation.js';
import { instant, lateness, periodLabel, type Lang } from '../format.js';
import { formatInstant } from '../local-time.js';
import type { Clearance, Observation, RuleOutcome } from './outcome.js';
import { hasPassed } from './periodic.js';

/** One person rated in one period, as the check sees it. */
export interface EvaluationStepCase {
  /** `2026-11` or `2026`. */
  readonly period: string;
  readonly staffId: string;
  /** A head or deputy head: the board reviews them (E4). */
  readonly manager: boolean;
  readonly evaluation?: Evaluation;
  readonly dueAt: Date;
  /** Who owes the step; none (no head, no director on record): nobody to find against. */
  readonly owedBy?: { readonly staffId: string; readonly unitId: string };
}

export interface EvaluationStepCheck {
  readonly step: EvaluationStepId;
  readonly rule: string;
  readonly title: LocalizedText;
  readonly cases: readonly EvaluationStepCase[];
  /** Open findings the cases do not cover (an older period, someone no longer rated), with their record. */
  readonly reopened: readonly { readonly period: string; readonly staffId: string; readonly evaluation?: Evaluation }[];
  readonly timeZone: string;
}

export const stepIdentity = (period: string, staffId: string): string[] => [period, staffId];

export function evaluateEvaluationStep(check: EvaluationStepCheck, at: Date): RuleOutcome {
  const local = (d: Date | string) => formatInstant(typeof d === 'string' ? new Date(d) : d, check.timeZone);
  const observations: Observation[] = [];
  const clearances: Clearance[] = [];
  for (const c of check.cases) {
    const order = stepsFor(c.manager);
    if (!order.includes(check.step) || !hasPassed(c.dueAt, at)) continue;
    const takenAt = stepTakenAt(c.evaluation, check.step);
    if (takenAt && isOnTime(new Date(takenAt), c.dueAt)) {
      // On time after all (a run judged before it was recorded): an open finding is resolved, nothing created.
      clearances.push({ identity: stepIdentity(c.period, c.staffId), putRight: { at: new Date(takenAt), resolution: 'put-right', note: `Taken on time, at ${local(takenAt)}.` } });
      continue;
    }
    if (!c.owedBy) continue;
    const earlierMissing = order.slice(0, order.indexOf(check.step)).filter((s) => !stepTakenAt(c.evaluation, s));
    observations.push({
      identity: stepIdentity(c.period, c.staffId),
      subjectId: c.owedBy.staffId,
      unitId: c.owedBy.unitId,
      period: c.period,
      ref: evaluationId(c.period, c.staffId),
      dueAt: c.dueAt,
      detail: takenAt
        ? `${check.title.en} (${check.rule}) for ${c.staffId}, ${c.period}: taken at ${local(takenAt)}, after ${local(c.dueAt)}.`
        : `${check.title.en} (${check.rule}) for ${c.staffId}, ${c.period}: not taken by ${local(c.dueAt)}.`,
      facts: {
        kind: 'evaluation-step',
        step: check.step,
        title: check.title,
        staffId: c.staffId,
        dueAt: local(c.dueAt),
        ...(takenAt ? { takenAt: local(takenAt) } : {}),
        ...(earlierMissing.length ? { earlierMissing } : {}),
      },
      ...(takenAt ? { putRight: { at: new Date(takenAt), resolution: 'put-right' as const, note: `Taken late, at ${local(takenAt)}.` } } : {}),
    });
  }
  for (const r of check.reopened) {
    const takenAt = stepTakenAt(r.evaluation, check.step);
    if (takenAt) clearances.push({ identity: stepIdentity(r.period, r.staffId), putRight: { at: new Date(takenAt), resolution: 'put-right', note: `Taken at ${local(takenAt)}.` } });
  }
  return { observations, clearances };
}

const STEP_RULES: Record<EvaluationStepId, string> = {
  'self-assessment': 'E2',
  'head-comment': 'E3',
  'board-review': 'E4',
  'director-decision': 'E5',
  publication: 'E6',
};

/**
 * The finding's sentence: the step (the rulebook's title), the period, the person rated, who owes
 * it, the deadline and, when taken late, how late; the earlier steps not on record, by rule id.
 */
export function evaluationStepText(
  f: { readonly facts: Readonly<Record<string, unknown>>; readonly period: string; readonly subjectId: string },
  lang: Lang,
  person: (id: string) => string | undefined,
): string | undefined {
  const vi = lang === 'vi';
  const { facts } = f;
  const title = facts.title as LocalizedText | undefined;
  const due = typeof facts.dueAt === 'string' ? facts.dueAt : undefined;
  const rated = typeof facts.staffId === 'string' ? facts.staffId : undefined;
  if (facts.kind !== 'evaluation-step' || !title?.vi || !title.en || !due || !rated) return undefined;
  const who = person(f.subjectId) ?? (vi ? 'Người chịu trách nhiệm' : 'The person responsible');
  const ratedName = person(rated) ?? rated;
  const period = periodLabel(f.period, lang);
  const takenAt = typeof facts.takenAt === 'string' ? facts.takenAt : undefined;
  let what: string;
  if (takenAt) {
    const by = lateness(due, takenAt, lang);
    what = vi
      ? `thực hiện chậm${by ? ` ${by}` : ''} (lúc ${instant(takenAt, lang)}; hạn ${instant(due, lang)})`
      : `took it${by ? ` ${by}` : ''} late (at ${instant(takenAt, lang)}; due ${instant(due, lang)})`;
  } else {
    what = vi ? `chưa thực hiện (hạn ${instant(due, lang)})` : `has not taken it (due ${instant(due, lang)})`;
  }
  const earlier = Array.isArray(facts.earlierMissing) ? facts.earlierMissing.map((s) => STEP_RULES[s as EvaluationStepId] ?? String(s)) : [];
  const missing = earlier.length ? (vi ? `; các bước trước cũng chưa có: ${earlier.join(', ')}` : `; the earlier steps ${earlier.join(', ')} are not on record either`) : '';
  const about = rated === f.subjectId ? '' : vi ? `, đánh giá ${ratedName}` : `, for ${ratedName}`;
  return `${title[lang]} — ${period}${about}: ${who} ${what}${missing}.`;
}
