import { describe, expect, it } from 'vitest';
import sonLaJson from '../../shared/rulebook/organisations/so-tttt-son-la.json' with { type: 'json' };
import { figuresOf } from '../../shared/domain/dashboard.js';
import { DOSSIER_FIGURES, dossierOf, evaluationPeriod, isUnitManager, stepDueAt, stepsFor, suggestLevel, type Share } from '../../shared/domain/evaluation.js';
import { formatInstant } from '../../shared/domain/local-time.js';
import { parsePeriod, type Period } from '../../shared/domain/periods.js';
import { calendarOf } from '../../shared/domain/working-calendar-of.js';
import { RulebookError, parseRulebook, rulebookForProvince } from '../../shared/rulebook/load.js';
import type { EvaluationSettings } from '../../shared/rulebook/schema.js';

const rb = rulebookForProvince('son-la')[0]!;
const settings = rb.evaluation!;
const TZ = 'Asia/Ho_Chi_Minh';

/** Sơn La's criteria with the thresholds a department might set, each distinct so each boundary is its own. */
function withThresholds(thresholds: Record<string, number>): EvaluationSettings {
  return {
    ...settings,
    criteria: settings.criteria.map((c) =>
      c.measure.kind === 'on-time-share' && c.id in thresholds ? { ...c, measure: { ...c.measure, threshold: thresholds[c.id]! } } : c,
    ),
  };
}
const set = withThresholds({ 'tasks-excellent': 1, 'tasks-good': 0.9, 'unit-good': 0.8, 'tasks-completed': 0.8, 'unit-completed': 0.7, 'tasks-not-completed': 0.5 });
const share = (onTime: number, settled: number): Share => ({ onTime, settled });
const staff = (person: Share) => suggestLevel(set, { manager: false, person });
const head = (person: Share, unit: Share) => suggestLevel(set, { manager: true, person, unit });

describe('the Sơn La rulebook’s evaluation section (E1, Điều 24)', () => {
  it('has the four levels of Decree 90/2020 as amended by Decree 48/2023, best first, each with its article', () => {
    expect(settings.levels.map((l) => l.name.vi)).toEqual(['Hoàn thành xuất sắc nhiệm vụ', 'Hoàn thành tốt nhiệm vụ', 'Hoàn thành nhiệm vụ', 'Không hoàn thành nhiệm vụ']);
    for (const l of settings.levels) expect(l.decreeArticle).toMatch(/^Nghị định 90\/2020\/NĐ-CP, Điều \d+$/);
    for (const c of settings.criteria) expect(c.decreeArticle, c.id).toMatch(/^Nghị định 90\/2020\/NĐ-CP, Điều \d+/);
    expect(settings.periods).toEqual(['month', 'year']);
  });

  it('leaves every share threshold unset: the department sets it from the decree’s text', () => {
    const shares = settings.criteria.filter((c) => c.measure.kind === 'on-time-share');
    expect(shares.length).toBeGreaterThanOrEqual(4);
    for (const c of shares) expect(c.measure.kind === 'on-time-share' && c.measure.threshold, c.id).toBeNull();
  });

  it('refuses a unit’s share as a criterion for everyone, a step without a deadline for a period rated, and levels out of order', () => {
    const bad = structuredClone(sonLaJson) as { evaluation: { criteria: { id: string; appliesTo: string }[]; steps: { deadlines: Record<string, unknown> }[]; levels: { id: string }[] } };
    bad.evaluation.criteria.find((c) => c.id === 'unit-good')!.appliesTo = 'everyone';
    delete bad.evaluation.steps[0]!.deadlines.year;
    [bad.evaluation.levels[0], bad.evaluation.levels[1]] = [bad.evaluation.levels[1]!, bad.evaluation.levels[0]!];
    let error: unknown;
    try {
      parseRulebook(bad);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(RulebookError);
    const paths = (error as RulebookError).issues.map((i) => i.path);
    expect(paths).toContain('evaluation.criteria[4].appliesTo');
    expect(paths).toContain('evaluation.steps[0].deadlines.year');
    expect(paths).toContain('evaluation.levels[0].id');
  });

  it('takes a month or a year as the period rated, and refuses a week naming the field', () => {
    expect(evaluationPeriod(settings, '2026-12').kind).toBe('month');
    expect(evaluationPeriod(settings, '2026').kind).toBe('year');
    expect(() => evaluationPeriod(settings, '2026-W49', 'query.period')).toThrow(expect.objectContaining({ issues: [expect.objectContaining({ path: 'query.period' })] }));
  });
});

describe('the suggested level (E1, Điều 24): each boundary of a criterion, at the threshold and one task below', () => {
  it('with the Sơn La thresholds unset, nothing is suggested and the criterion that stops it is named', () => {
    const s = suggestLevel(settings, { manager: false, person: share(10, 10) });
    expect(s).toMatchObject({ level: null, reason: 'threshold-unset', blockedBy: ['tasks-excellent'] });
  });

  it('tasks-excellent (Điều 8, share at least 1): 10 of 10 on time suggests excellent; 9 of 10 does not', () => {
    expect(staff(share(10, 10)).level).toBe('excellent');
    expect(staff(share(9, 10)).level).not.toBe('excellent');
  });

  it('tasks-good (Điều 9, at least 0.9): 9 of 10 suggests good; 8 of 10 does not', () => {
    expect(staff(share(9, 10))).toMatchObject({ level: 'good', reason: 'met' });
    expect(staff(share(8, 10)).level).toBe('completed');
  });

  it('tasks-completed (Điều 10, at least 0.8): 8 of 10 suggests completed; 7 of 10 meets no level', () => {
    expect(staff(share(8, 10)).level).toBe('completed');
    expect(staff(share(7, 10))).toMatchObject({ level: null, reason: 'no-level-met' });
  });

  it('tasks-not-completed (Điều 11, below 0.5): 5 of 10 is not below; 4 of 10 suggests not completed', () => {
    expect(staff(share(5, 10))).toMatchObject({ level: null, reason: 'no-level-met' });
    expect(staff(share(4, 10))).toMatchObject({ level: 'not-completed', reason: 'met' });
  });

  it('unit-good (Điều 9 khoản 2, at least 0.8) for a head: the unit at 8 of 10 suggests good; 7 of 10 does not', () => {
    expect(head(share(9, 10), share(8, 10)).level).toBe('good');
    expect(head(share(9, 10), share(7, 10)).level).toBe('completed');
  });

  it('unit-completed (Điều 10 khoản 2, at least 0.7): the unit at 7 of 10 suggests completed (0.7 × 10 compared exactly); 6 of 10 meets no level', () => {
    expect(head(share(9, 10), share(7, 10)).level).toBe('completed');
    expect(head(share(9, 10), share(6, 10))).toMatchObject({ level: null, reason: 'no-level-met' });
  });

  it('a unit criterion does not apply to a specialist, and stops a head’s suggestion when only it is unset', () => {
    const unitUnset = withThresholds({ 'tasks-excellent': 1, 'tasks-good': 0.9, 'tasks-completed': 0.8, 'unit-completed': 0.7, 'tasks-not-completed': 0.5 });
    expect(suggestLevel(unitUnset, { manager: false, person: share(9, 10) }).level).toBe('good');
    expect(suggestLevel(unitUnset, { manager: true, person: share(9, 10), unit: share(10, 10) })).toMatchObject({ level: null, reason: 'threshold-unset', blockedBy: ['unit-good'] });
    expect(suggestLevel(unitUnset, { manager: false, person: share(9, 10) }).checks.some((c) => c.criterionId === 'unit-good')).toBe(false);
  });

  it('nothing settled in the period: no share, no suggestion', () => {
    expect(staff(share(0, 0))).toMatchObject({ level: null, reason: 'nothing-settled', blockedBy: ['tasks-excellent'] });
  });

  it('shows every criterion that applies with the figures behind it, the judged ones included', () => {
    const s = head(share(9, 10), share(8, 10));
    expect(s.checks.find((c) => c.criterionId === 'unit-good')).toMatchObject({ kind: 'on-time-share', onTime: 8, settled: 10, threshold: 0.8, met: true });
    expect(s.checks.find((c) => c.criterionId === 'general-good')).toMatchObject({ kind: 'judgement' });
  });
});

describe('the dossier (E1, Điều 24)', () => {
  it('counts as the dashboard does, with the records behind each figure and the escalation steps reached', () => {
    const figures = figuresOf({ asg_completedOnTime: 3, asg_completedAfterExtension: 1, asg_completedLate: 1, now_overdue: 1, rep_onTime: 2, fnd_detected: 2, fnd_resolved: 1 });
    const ids = Object.fromEntries(DOSSIER_FIGURES.map((f) => [f, [] as string[]])) as Record<(typeof DOSSIER_FIGURES)[number], string[]>;
    ids['assignments.completedOnTime'] = ['a1', 'a2', 'a3'];
    ids['findings.open'] = ['f2'];
    const d = dossierOf({ staffId: 's1', unitId: 'u1' }, parsePeriod('2026-12')!, figures, {
      ids,
      findings: [{ id: 'f1', escalation: 'reminder' }, { id: 'f2', escalation: 'criticism' }, { id: 'f3' }],
    });
    expect(d.assignments.onTime).toEqual({ figure: 'assignments.completedOnTime', count: 3, recordIds: ['a1', 'a2', 'a3'] });
    expect(d.assignments.overdue.count).toBe(1);
    expect(d.findings.open).toEqual({ figure: 'findings.open', count: 1, recordIds: ['f2'] });
    expect(d.escalations).toEqual({ reminder: ['f1'], criticism: ['f2'], review: [] });
    // The dashboard's onTimeRate, as parts: (3 + 1) / (3 + 1 + 1 late + 1 overdue).
    expect(d.share).toEqual({ onTime: 4, settled: 6 });
    expect(figures.assignments.onTimeRate).toBe(Math.round((4 / 6) * 10_000) / 10_000);
  });
});

describe('the steps and their deadlines (E2–E6)', () => {
  const cal = calendarOf(rb);
  const due = (step: Parameters<typeof stepDueAt>[1], id: string) =>
    formatInstant(stepDueAt(settings, step, parsePeriod(id)! as Period & { kind: 'month' | 'year' }, cal, TZ), TZ);

  it('the board reviews heads and deputies only (Điều 3.2)', () => {
    expect(stepsFor(true)).toContain('board-review');
    expect(stepsFor(false)).not.toContain('board-review');
    expect(isUnitManager(['head'], 'division')).toBe(true);
    expect(isUnitManager(['specialist'], 'division')).toBe(false);
  });

  it('E2 (Điều 24) for November 2026: the 2nd working day after the month; for the year 2026: 5 December, a Saturday, moves to Monday 07/12/2026', () => {
    expect(due('self-assessment', '2026-11')).toMatch(/^2026-12-02T17:00:00/);
    expect(due('self-assessment', '2026')).toMatch(/^2026-12-07T17:00:00/);
  });

  it('E5 (Điều 3.3.2) for the year 2026: before 15 December, so Monday 14/12/2026 17:00', () => {
    expect(due('director-decision', '2026')).toMatch(/^2026-12-14T17:00:00/);
  });
});
