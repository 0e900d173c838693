import { describe, expect, it } from 'vitest';
import { evaluateEvaluationStep, evaluationStepText, type EvaluationStepCase } from '../../shared/domain/compliance/evaluation-steps.js';
import type { Evaluation } from '../../shared/domain/evaluation.js';
import type { EvaluationStepId } from '../../shared/rulebook/schema.js';

const TZ = 'Asia/Ho_Chi_Minh';
const DUE = new Date('2026-12-07T17:00:00+07:00');
const title = { vi: 'Ban Giám đốc thảo luận tập thể (Trưởng, Phó các phòng, đơn vị)', en: "The board's collective review (heads and deputies)" };
const director = { staffId: 'director', unitId: 'board' };
const record = (over: Partial<Evaluation>): Evaluation => ({
  id: 'eval.2026-11.x',
  orgId: 'o',
  staffId: 'x',
  unitId: 'it',
  period: '2026-11',
  manager: true,
  createdAt: '2026-12-01T02:00:00.000Z',
  updatedAt: '2026-12-01T02:00:00.000Z',
  version: 1,
  ...over,
});
const entry = (at: string) => ({ text: 't', level: 'good' as const, by: 'someone', at });
const judge = (step: EvaluationStepId, cases: EvaluationStepCase[], at: string, reopened: { period: string; staffId: string; evaluation?: Evaluation }[] = []) =>
  evaluateEvaluationStep({ step, rule: 'E4', title, cases, reopened, timeZone: TZ }, new Date(at));

describe('E4 (Điều 3.2): the board’s review by its deadline, pure', () => {
  const head: EvaluationStepCase = { period: '2026-11', staffId: 'head', manager: true, dueAt: DUE, owedBy: director };
  const specialist: EvaluationStepCase = { period: '2026-11', staffId: 'spec', manager: false, dueAt: DUE, owedBy: director };

  it('E4 (Điều 3.2): at the deadline second nothing; one second after, a head is a finding against the director and a specialist never', () => {
    expect(judge('board-review', [head, specialist], '2026-12-07T17:00:00.999+07:00').observations).toEqual([]);
    const { observations } = judge('board-review', [head, specialist], '2026-12-07T17:00:01+07:00');
    expect(observations.map((o) => [o.identity, o.subjectId, o.ref])).toEqual([[['2026-11', 'head'], 'director', 'eval.2026-11.head']]);
    expect(observations[0]!.facts).toMatchObject({ step: 'board-review', staffId: 'head', earlierMissing: ['self-assessment', 'head-comment'] });
  });

  it('E4 (Điều 3.2): taken on time clears an open finding, taken late is put right at its time; nobody to owe it, no finding', () => {
    const onTime = judge('board-review', [{ ...head, evaluation: record({ boardReview: entry('2026-12-07T10:00:00.000Z') }) }], '2026-12-08T00:00:00+07:00');
    expect(onTime.observations).toEqual([]);
    expect(onTime.clearances?.map((c) => c.identity)).toEqual([['2026-11', 'head']]);
    const late = judge('board-review', [{ ...head, evaluation: record({ boardReview: entry('2026-12-07T10:00:01.000Z') }) }], '2026-12-08T00:00:00+07:00');
    expect(late.observations[0]!.putRight).toMatchObject({ resolution: 'put-right', at: new Date('2026-12-07T10:00:01.000Z') });
    const { owedBy: _none, ...vacant } = head;
    expect(judge('board-review', [vacant], '2026-12-08T00:00:00+07:00').observations).toEqual([]);
  });

  it('E4 (Điều 3.2): an open finding of an older period is put right once the step is on record, never raised again', () => {
    const out = judge('board-review', [], '2027-01-20T00:00:00+07:00', [
      { period: '2026-10', staffId: 'a', evaluation: record({ boardReview: entry('2026-12-01T02:00:00.000Z') }) },
      { period: '2026-10', staffId: 'b' },
    ]);
    expect(out.observations).toEqual([]);
    expect(out.clearances?.map((c) => c.identity)).toEqual([['2026-10', 'a']]);
  });

  it('E4 (Điều 3.2): the sentence in English names the step, the period, the person rated and who owes it', () => {
    const [o] = judge('board-review', [head], '2026-12-08T00:00:00+07:00').observations;
    const names = (id: string) => ({ director: 'Nguyễn Văn Hùng', head: 'Hoàng Văn Nam' })[id];
    expect(evaluationStepText({ facts: o!.facts, period: o!.period, subjectId: o!.subjectId }, 'en', names)).toBe(
      "The board's collective review (heads and deputies) — November 2026, for Hoàng Văn Nam: Nguyễn Văn Hùng has not taken it (due 2026-12-07 17:00); the earlier steps E2, E3 are not on record either.",
    );
  });
});
