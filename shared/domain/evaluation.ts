/**
 * The evaluation cycle (issue #23; E1, Điều 24), pure: a person's dossier for a period rated,
 * built from the dashboard's figures (the same counters, the same definitions: dashboard.ts) and
 * the records behind each figure; the level the rulebook's criteria suggest, with the figures
 * behind it; and when each step of the cycle is due. Nobody is rated here: the suggestion is
 * shown beside every proposal and decision, and people decide.
 */
import type {
  EvaluationCriterion,
  EvaluationLevelId,
  EvaluationPeriodKind,
  EvaluationSettings,
  EvaluationStepId,
  Role,
  UnitKind,
} from '../rulebook/schema.js';
import { unitDeputyRole, unitHeadRole } from '../rulebook/roles.js';
import type { Authority } from './authority.js';
import type { WorkingCalendar } from './calendar.js';
import { onTimeShareOf, type AssignmentFigures, type FigureName, type Figures } from './dashboard.js';
import { resolveDeadline } from './deadlines.js';
import { ValidationError } from './errors.js';
import type { StaffMember } from './organisation.js';
import { parsePeriod, type Period } from './periods.js';

// ---------------------------------------------------------------------------------------
// Periods rated
// ---------------------------------------------------------------------------------------

/** A period the rulebook rates ('2026-12' or '2026'), or a 400 naming `path`. */
export function evaluationPeriod(settings: EvaluationSettings, id: string, path = 'period'): Period & { kind: EvaluationPeriodKind } {
  const period = parsePeriod(id);
  if (!period || !(settings.periods as readonly string[]).includes(period.kind)) {
    throw new ValidationError(`'${id}' is not a period rated.`, [{ path, message: `must be a ${settings.periods.join(' or ')} such as 2026-12 or 2026` }]);
  }
  return period as Period & { kind: EvaluationPeriodKind };
}

// ---------------------------------------------------------------------------------------
// The dossier
// ---------------------------------------------------------------------------------------

/** A figure of the dossier: the dashboard's count and the ids of the records it counts. */
export interface DossierFigure {
  readonly figure: FigureName;
  readonly count: number;
  /** Assignment, meeting and finding ids; report keys. Fewer than `count` when some are confidential to the reader. */
  readonly recordIds: readonly string[];
}

export type EscalationLevelReached = 'reminder' | 'criticism' | 'review';

export interface Dossier {
  readonly staffId: string;
  readonly unitId: string;
  readonly period: Period;
  readonly assignments: {
    readonly onTime: DossierFigure;
    readonly onTimeAfterExtension: DossierFigure;
    readonly late: DossierFigure;
    readonly overdue: DossierFigure;
  };
  readonly reports: { readonly onTime: DossierFigure; readonly late: DossierFigure; readonly missing: DossierFigure };
  readonly meetings: { readonly conclusionsOnTime: DossierFigure; readonly conclusionsLate: DossierFigure };
  readonly findings: { readonly resolved: DossierFigure; readonly open: DossierFigure };
  /** Findings against the person that reached each escalation step, by level. */
  readonly escalations: Readonly<Record<EscalationLevelReached, readonly string[]>>;
  /** The person's share of assignments settled on time, as the dashboard counts it. */
  readonly share: Share;
}

export interface Share {
  readonly onTime: number;
  readonly settled: number;
}

/** The dossier's figures, with the dashboard's record list behind each. */
export const DOSSIER_FIGURES = [
  'assignments.completedOnTime',
  'assignments.completedAfterExtension',
  'assignments.completedLate',
  'assignments.overdue',
  'reports.onTime',
  'reports.late',
  'reports.missing',
  'meetings.conclusionsOnTime',
  'meetings.conclusionsLate',
  'findings.resolved',
  'findings.open',
] as const satisfies readonly FigureName[];
export type DossierFigureName = (typeof DOSSIER_FIGURES)[number];

export interface DossierRecords {
  readonly ids: Readonly<Record<DossierFigureName, readonly string[]>>;
  /** The findings detected in the period against the person, with the escalation step each reached. */
  readonly findings: readonly { readonly id: string; readonly escalation?: EscalationLevelReached }[];
}

const countOf = (figures: Figures, name: FigureName): number => {
  const [family, key] = name.split('.') as [keyof Figures, string];
  return (figures[family] as unknown as Record<string, number>)[key] ?? 0;
};

/** The dossier of a person: the counts are the dashboard's, the ids the records it lists. */
export function dossierOf(person: { staffId: string; unitId: string }, period: Period, figures: Figures, records: DossierRecords): Dossier {
  const f = (name: DossierFigureName): DossierFigure => ({ figure: name, count: countOf(figures, name), recordIds: records.ids[name] });
  const escalations: Record<EscalationLevelReached, string[]> = { reminder: [], criticism: [], review: [] };
  for (const finding of records.findings) if (finding.escalation) escalations[finding.escalation].push(finding.id);
  return {
    staffId: person.staffId,
    unitId: person.unitId,
    period,
    assignments: {
      onTime: f('assignments.completedOnTime'),
      onTimeAfterExtension: f('assignments.completedAfterExtension'),
      late: f('assignments.completedLate'),
      overdue: f('assignments.overdue'),
    },
    reports: { onTime: f('reports.onTime'), late: f('reports.late'), missing: f('reports.missing') },
    meetings: { conclusionsOnTime: f('meetings.conclusionsOnTime'), conclusionsLate: f('meetings.conclusionsLate') },
    findings: { resolved: f('findings.resolved'), open: f('findings.open') },
    escalations,
    share: onTimeShareOf(figures.assignments),
  };
}

// ---------------------------------------------------------------------------------------
// Who is a manager (heads and deputies answer for their unit, and go to the board: Điều 3.2)
// ---------------------------------------------------------------------------------------

export function isUnitManager(roles: readonly Role[], unitKind: UnitKind): boolean {
  return roles.includes(unitHeadRole(unitKind)) || roles.includes(unitDeputyRole(unitKind));
}

/** A person rated here: active, outside the board (the province rates the board). */
export function ratedPerson(authority: Authority, staffId: string): StaffMember | undefined {
  const p = authority.staff(staffId);
  if (!p?.active || authority.unit(p.unitId)?.kind === 'board') return undefined;
  return p;
}

/**
 * Who comments for the person's unit (E3, Điều 7.1): its head; for the head themselves, the
 * leader overseeing the unit (A1), else the director. The step's service and the E3 check both ask here.
 */
export function headCommenterOf(authority: Authority, p: StaffMember): string | undefined {
  const head = authority.headOf(p.unitId);
  if (head && head.id !== p.id) return head.id;
  return authority.overseerOf(p.unitId) ?? authority.director()?.id;
}

// ---------------------------------------------------------------------------------------
// The suggested level
// ---------------------------------------------------------------------------------------

export type CriterionCheck =
  | { readonly criterionId: string; readonly level: EvaluationLevelId; readonly decreeArticle: string; readonly kind: 'judgement' }
  | {
      readonly criterionId: string;
      readonly level: EvaluationLevelId;
      readonly decreeArticle: string;
      readonly kind: 'on-time-share';
      readonly of: 'person' | 'unit';
      readonly comparison: 'at-least' | 'below';
      /** null: the department has not set it. */
      readonly threshold: number | null;
      readonly onTime: number;
      readonly settled: number;
      /** null when it cannot be told: no threshold, or nothing settled in the period. */
      readonly met: boolean | null;
    };

export type SuggestionReason =
  /** Every measured criterion of `level` is met, and those of each better level were told unmet. */
  | 'met'
  /** A better level's threshold is unset: the tracker cannot tell whether it applies. */
  | 'threshold-unset'
  /** Nothing was settled in the period: there is no share to compare. */
  | 'nothing-settled'
  /** The figures meet no level's measured criteria: the judged criteria decide. */
  | 'no-level-met';

export interface Suggestion {
  /** null: no suggestion; `reason` and `blockedBy` say why. */
  readonly level: EvaluationLevelId | null;
  readonly reason: SuggestionReason;
  /** The criteria that stopped the walk (unset or unmeasurable), when `level` is null. */
  readonly blockedBy: readonly string[];
  /** Every criterion that applies to the person, measured or judged, with the figures behind it. */
  readonly checks: readonly CriterionCheck[];
}

/** Fractions compared exactly: a threshold is read to 6 decimals, so 0.7 of 10 is 7, not 7.000000000000001. */
function shareMeets(share: Share, comparison: 'at-least' | 'below', threshold: number): boolean {
  const t = Math.round(threshold * 1_000_000);
  const atLeast = share.onTime * 1_000_000 >= t * share.settled;
  return comparison === 'at-least' ? atLeast : !atLeast;
}

function check(c: EvaluationCriterion, person: Share, unit: Share | undefined): CriterionCheck {
  const base = { criterionId: c.id, level: c.level, decreeArticle: c.decreeArticle };
  if (c.measure.kind === 'judgement') return { ...base, kind: 'judgement' };
  const share = c.measure.of === 'unit' ? (unit ?? { onTime: 0, settled: 0 }) : person;
  const met = c.measure.threshold === null || share.settled === 0 ? null : shareMeets(share, c.measure.comparison, c.measure.threshold);
  return { ...base, kind: 'on-time-share', of: c.measure.of, comparison: c.measure.comparison, threshold: c.measure.threshold, ...share, met };
}

/**
 * The best level whose measured criteria the figures all meet, walking from the best level down.
 * A level with an unset threshold, or with nothing settled to measure, stops the walk with no
 * suggestion: a worse level is never suggested while a better one cannot be ruled out.
 */
export function suggestLevel(settings: EvaluationSettings, input: { manager: boolean; person: Share; unit?: Share }): Suggestion {
  const applicable = settings.criteria.filter((c) => c.appliesTo === 'everyone' || input.manager);
  const checks = applicable.map((c) => check(c, input.person, input.unit));
  for (const { id: level } of settings.levels) {
    const measured = checks.filter((c): c is Extract<CriterionCheck, { kind: 'on-time-share' }> => c.level === level && c.kind === 'on-time-share');
    if (measured.length === 0) continue;
    const unset = measured.filter((c) => c.threshold === null);
    if (unset.length > 0) return { level: null, reason: 'threshold-unset', blockedBy: unset.map((c) => c.criterionId), checks };
    const unmeasured = measured.filter((c) => c.met === null);
    if (unmeasured.length > 0) return { level: null, reason: 'nothing-settled', blockedBy: unmeasured.map((c) => c.criterionId), checks };
    if (measured.every((c) => c.met === true)) return { level, reason: 'met', blockedBy: [], checks };
  }
  return { level: null, reason: 'no-level-met', blockedBy: [], checks };
}

// ---------------------------------------------------------------------------------------
// Step deadlines (E2–E6)
// ---------------------------------------------------------------------------------------

/** The steps a person's evaluation goes through: the board reviews heads and deputies only (Điều 3.2). */
export function stepsFor(manager: boolean): readonly EvaluationStepId[] {
  return manager
    ? ['self-assessment', 'head-comment', 'board-review', 'director-decision', 'publication']
    : ['self-assessment', 'head-comment', 'director-decision', 'publication'];
}

/** When a step is due for a period rated. */
export function stepDueAt(settings: EvaluationSettings, step: EvaluationStepId, period: Period & { kind: EvaluationPeriodKind }, calendar: WorkingCalendar, timeZone: string): Date {
  const s = settings.steps.find((x) => x.step === step)!;
  const rule = s.deadlines[period.kind];
  if (!rule) throw new ValidationError(`No deadline for ${step} of a ${period.kind}.`, [{ path: 'period', message: 'not a period rated' }]);
  return resolveDeadline(rule, { period }, calendar, timeZone);
}

/** The share of a unit's settled assignments on time, from its dashboard figures. */
export const unitShareOf = (figures: AssignmentFigures): Share => onTimeShareOf(figures);

// ---------------------------------------------------------------------------------------
// The record of one person's evaluation for one period, and its steps
// ---------------------------------------------------------------------------------------

/** The suggestion as it stood when a proposal or the decision was made, with the share behind it. */
export interface SuggestedAtStep {
  readonly level: EvaluationLevelId | null;
  readonly reason: SuggestionReason;
  readonly onTime: number;
  readonly settled: number;
}

export interface EvaluationEntry {
  readonly text: string;
  readonly level: EvaluationLevelId;
  readonly by: string;
  readonly at: string;
  readonly suggested?: SuggestedAtStep;
}

export interface EvaluationDecision {
  readonly level: EvaluationLevelId;
  /** Required where the level differs from the last proposal. */
  readonly reason?: string;
  readonly by: string;
  /** A deputy director deciding with the director's authority (A2, Điều 3.3.3). */
  readonly actingForDirector?: boolean;
  readonly at: string;
  readonly suggested?: SuggestedAtStep;
}

export interface Evaluation {
  /** `eval.<period>.<staffId>`: one per person and period, so a first step happens once. */
  readonly id: string;
  readonly orgId: string;
  readonly staffId: string;
  readonly unitId: string;
  readonly period: string;
  /** A head or deputy: the board reviews them (Điều 3.2). */
  readonly manager: boolean;
  readonly selfAssessment?: EvaluationEntry;
  readonly headComment?: EvaluationEntry;
  readonly boardReview?: EvaluationEntry;
  readonly decision?: EvaluationDecision;
  readonly publishedAt?: string;
  readonly publishedBy?: string;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly version: number;
}

export const evaluationId = (period: string, staffId: string) => `eval.${period}.${staffId}`;

/** The last step done, or none. */
export function stageOf(e: Evaluation | undefined): EvaluationStepId | 'none' {
  if (!e) return 'none';
  if (e.publishedAt) return 'publication';
  if (e.decision) return 'director-decision';
  if (e.boardReview) return 'board-review';
  if (e.headComment) return 'head-comment';
  if (e.selfAssessment) return 'self-assessment';
  return 'none';
}

/** When the step was taken, if it was. */
export function stepTakenAt(e: Evaluation | undefined, step: EvaluationStepId): string | undefined {
  if (!e) return undefined;
  switch (step) {
    case 'self-assessment':
      return e.selfAssessment?.at;
    case 'head-comment':
      return e.headComment?.at;
    case 'board-review':
      return e.boardReview?.at;
    case 'director-decision':
      return e.decision?.at;
    case 'publication':
      return e.publishedAt;
  }
}

/** The level the decision is compared with: the last proposal on record. */
export function lastProposal(e: Evaluation): EvaluationLevelId | undefined {
  return (e.boardReview ?? e.headComment ?? e.selfAssessment)?.level;
}

/** Why a step cannot be taken now (the step before it missing, or already taken), or undefined. */
export function stepBlocked(e: Evaluation | undefined, step: EvaluationStepId, manager: boolean): string | undefined {
  const steps = stepsFor(manager);
  if (!steps.includes(step)) return 'The board reviews heads and deputy heads only (Điều 3.2).';
  const done = stageOf(e);
  const at = done === 'none' ? -1 : steps.indexOf(done);
  const want = steps.indexOf(step);
  if (at >= want) return `The ${step} step is already on record.`;
  // The head may comment when the person has not assessed themselves: the cycle is not held up by a missing step (E2 is a finding of its own).
  const previous = steps[want - 1];
  if (want > 0 && at < want - 1 && !(step === 'head-comment' && done === 'none')) return `The ${previous} step comes first.`;
  return undefined;
}

/** The record after one step; the caller has checked who may take it and that it is not blocked. */
export function applyStep(
  current: Evaluation | undefined,
  base: { orgId: string; staffId: string; unitId: string; period: string; manager: boolean },
  step: Exclude<EvaluationStepId, 'publication'> | 'publication',
  input: { text?: string; level?: EvaluationLevelId; reason?: string; actingForDirector?: boolean; suggested?: SuggestedAtStep },
  by: string,
  now: Date,
): Evaluation {
  const at = now.toISOString();
  const e: Evaluation = current ?? { id: evaluationId(base.period, base.staffId), ...base, createdAt: at, updatedAt: at, version: 0 };
  const suggested = input.suggested ? { suggested: input.suggested } : {};
  const entry = (): EvaluationEntry => ({ text: input.text ?? '', level: input.level!, by, at, ...suggested });
  const next = { ...e, updatedAt: at, version: e.version + 1 };
  switch (step) {
    case 'self-assessment':
      return { ...next, selfAssessment: entry() };
    case 'head-comment':
      return { ...next, headComment: entry() };
    case 'board-review':
      return { ...next, boardReview: entry() };
    case 'director-decision': {
      const proposed = lastProposal(e);
      if (proposed !== undefined && proposed !== input.level && !input.reason?.trim()) {
        throw new ValidationError('A reason is required where the decision differs from the proposal.', [
          { path: 'body.reason', message: `required: the level decided differs from the level proposed (${proposed})` },
        ]);
      }
      return {
        ...next,
        decision: { level: input.level!, ...(input.reason?.trim() ? { reason: input.reason.trim() } : {}), by, ...(input.actingForDirector ? { actingForDirector: true } : {}), at, ...suggested },
      };
    }
    case 'publication':
      return { ...next, publishedAt: at, publishedBy: by };
  }
}
