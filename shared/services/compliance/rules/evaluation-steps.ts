/**
 * E2–E6 (issue #23): each step of the evaluation cycle by its deadline from the rulebook
 * (`/evaluation/steps/*\/deadlines`), one rule per step: E2 the self-assessment (Điều 24, the
 * person), E3 the head's comment (Điều 7.1, the unit's head; for a head, the deputy director
 * overseeing the unit, else the director: `headCommenterOf`, as the step's service asks), E4 the
 * board's collective review (Điều 3.2, heads and deputy heads only, the director), E5 the decision
 * (Điều 3.3.2, the director), E6 the publication (Điều 24, the director).
 *
 * Which periods a run judges, so it stays bounded: for each kind the rulebook rates (month, year),
 * the latest period whose deadline for this step has passed (a daily run catches each month during
 * the following month), everyone rated (active, outside the board) as the records stand at the
 * run; and the periods of this rule's open findings, only to put them right. A period that ended
 * before go-live is not read. Reads: one Query of the evaluations' period index (GSI1) per period,
 * every page; nothing else.
 */
import { evaluateEvaluationStep, stepIdentity, type EvaluationStepCase } from '../../../domain/compliance/evaluation-steps.js';
import { dailyCheckTimeAfter, latestPassedPeriod } from '../../../domain/compliance/periodic.js';
import { headCommenterOf, isUnitManager, ratedPerson, stepDueAt, type Evaluation } from '../../../domain/evaluation.js';
import type { StaffMember } from '../../../domain/organisation.js';
import { countsFromGoLive, parsePeriod, type Period } from '../../../domain/periods.js';
import type { EvaluationPeriodKind, EvaluationStepId, Rulebook } from '../../../rulebook/schema.js';
import { EvaluationRepository } from '../../../store/evaluation-repository.js';
import type { OrgContext } from '../../org-context.js';
import type { ComplianceRule } from '../rule.js';

type RatedPeriod = Period & { kind: EvaluationPeriodKind };

const stepOf = (rulebook: Rulebook, step: EvaluationStepId) => rulebook.evaluation?.steps.find((s) => s.step === step);

/** Who owes the step for this person: E2 the person, E3 the commenter, E4–E6 the director. */
function owedBy(org: OrgContext, step: EvaluationStepId, p: StaffMember): { staffId: string; unitId: string } | undefined {
  const id = step === 'self-assessment' ? p.id : step === 'head-comment' ? headCommenterOf(org.authority, p) : org.authority.director()?.id;
  const who = id ? org.authority.staff(id) : undefined;
  return who ? { staffId: who.id, unitId: who.unitId } : undefined;
}

export function evaluationStepRule(spec: { step: EvaluationStepId; id: 'E2' | 'E3' | 'E4' | 'E5' | 'E6'; article: string; title: string }): ComplianceRule {
  return {
    id: spec.id,
    article: spec.article,
    title: spec.title,
    appliesTo: (rulebook) => stepOf(rulebook, spec.step)?.rule === spec.id,
    articleIn: (rulebook) => stepOf(rulebook, spec.step)?.article ?? spec.article,
    titleIn: (rulebook) => stepOf(rulebook, spec.step)?.title ?? { vi: spec.title, en: spec.title },
    schedules: (rulebook) => {
      const s = stepOf(rulebook, spec.step);
      const times = new Set(Object.values(s?.deadlines ?? {}).map((d) => dailyCheckTimeAfter(d.time)));
      return [...times].sort().map((time) => ({ label: `check-${time.replace(':', '')}`, schedule: { kind: 'daily' as const, time } }));
    },
    async run({ org, table, openFindings }, at) {
      const settings = org.rulebook.evaluation;
      const step = stepOf(org.rulebook, spec.step);
      if (!settings || !step) return { observations: [] };
      const timeZone = org.rulebook.organisation.timeZone;
      // The deadline the dossier shows: the rulebook's setting, on the calendar of the period's start.
      const dueAtOf = (period: RatedPeriod) => stepDueAt(settings, spec.step, period, org.calendarOn(period.start), timeZone);
      // A period that ended before go-live owes nothing (the engine drops it too): not even read.
      const latest = settings.periods
        .map((kind) => latestPassedPeriod(kind, (p) => dueAtOf(p as RatedPeriod), at, timeZone) as RatedPeriod | undefined)
        .filter((p): p is RatedPeriod => p !== undefined && countsFromGoLive(p.end, org.goLiveOn));
      const openPeriods = [...new Set(openFindings.map((f) => f.period))].filter((id) => !latest.some((p) => p.id === id));

      const repository = new EvaluationRepository(table);
      const records = new Map<string, Map<string, Evaluation>>();
      await Promise.all(
        [...latest.map((p) => p.id), ...openPeriods].map(async (id) => {
          records.set(id, new Map((await repository.listPeriod(org.orgId, id)).map((e) => [e.staffId, e])));
        }),
      );

      const rated = org.snapshot.staff.map((s) => ratedPerson(org.authority, s.id)).filter((p): p is StaffMember => p !== undefined);
      const cases: EvaluationStepCase[] = latest.flatMap((period) => {
        const dueAt = dueAtOf(period);
        return rated.map((p) => {
          const evaluation = records.get(period.id)?.get(p.id);
          const manager = evaluation?.manager ?? isUnitManager(p.roles, org.authority.unit(p.unitId)!.kind);
          const who = owedBy(org, spec.step, p);
          return { period: period.id, staffId: p.id, manager, dueAt, ...(evaluation ? { evaluation } : {}), ...(who ? { owedBy: who } : {}) };
        });
      });
      const covered = new Set(cases.map((c) => stepIdentity(c.period, c.staffId).join('|')));
      const reopened = openFindings
        .filter((f) => !covered.has(f.key) && parsePeriod(f.period) !== undefined)
        .map((f) => {
          const staffId = typeof f.facts.staffId === 'string' ? f.facts.staffId : f.key.split('|')[1]!;
          const evaluation = records.get(f.period)?.get(staffId);
          return { period: f.period, staffId, ...(evaluation ? { evaluation } : {}) };
        });
      return evaluateEvaluationStep({ step: spec.step, rule: spec.id, title: step.title, cases, reopened, timeZone }, at);
    },
  };
}

export const e2SelfAssessment = evaluationStepRule({ step: 'self-assessment', id: 'E2', article: 'Điều 24', title: "Each person rated assesses themselves by the rulebook's deadline" });
export const e3HeadComment = evaluationStepRule({ step: 'head-comment', id: 'E3', article: 'Điều 7.1', title: 'The unit head comments on each person rated by the deadline (for a head, the overseeing deputy director, else the director)' });
export const e4BoardReview = evaluationStepRule({ step: 'board-review', id: 'E4', article: 'Điều 3.2', title: "The board's collective review of each head and deputy head's evaluation by the deadline" });
export const e5DirectorDecision = evaluationStepRule({ step: 'director-decision', id: 'E5', article: 'Điều 3.3.2', title: "The director's decision on each person's level by the deadline" });
export const e6Publication = evaluationStepRule({ step: 'publication', id: 'E6', article: 'Điều 24', title: 'The level published to each person rated by the deadline' });
