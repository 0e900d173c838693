import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Rulebook } from '../../shared/rulebook/schema.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { cast, scriptMonth } from '../support/dashboard-month.js';
import { person, sonLa } from '../support/people.js';

/** Sơn La's rulebook with the thresholds a department might set (Sơn La's own are unset until it reads the decree). */
const withThresholds: Rulebook = {
  ...sonLa,
  evaluation: {
    ...sonLa.evaluation!,
    criteria: sonLa.evaluation!.criteria.map((c) =>
      c.measure.kind === 'on-time-share'
        ? { ...c, measure: { ...c.measure, threshold: ({ 'tasks-excellent': 1, 'tasks-good': 0.9, 'unit-good': 0.8, 'tasks-completed': 0.8, 'unit-completed': 0.7, 'tasks-not-completed': 0.5 } as Record<string, number>)[c.id]! } }
        : c,
    ),
  },
};

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ rulebooks: [withThresholds] });
  await scriptMonth(t);
}, 240_000);
afterAll(async () => {
  await t?.dispose();
});

/** Tuesday 1 December 2026, after November: its evaluation is open. */
const DEC1 = '2026-12-01T09:00:00+07:00';
const json = async (res: Response) => (await res.json()) as any;
const { director, itHead, itSpecialist, itSpecialist2, pressHead } = cast;
const itDeputyDirector = sonLa.staff.find((s) => s.id === sonLa.units.find((u) => u.id === 'it')!.overseenBy)!;
const otherDeputy = sonLa.staff.find((s) => s.roles.includes('deputy-director') && s.id !== itDeputyDirector.id)!;

const dossier = (as: string, staffId: string, period = '2026-11', clock = DEC1) => t.as(as, `/v1/evaluations/${staffId}/${period}`, { clock });
const step = (as: string, staffId: string, name: string, body: unknown, headers: Record<string, string> = {}, clock = DEC1) =>
  t.as(as, `/v1/evaluations/${staffId}/2026-11/${name}`, { method: 'POST', body: JSON.stringify(body), headers, clock });

describe('the dossier (E1, Điều 24): the figures of the dashboard, each with its records', () => {
  it('a specialist’s November: the same counts as the dashboard’s, the ids of each figure’s records, the share and the suggestion beside it', async () => {
    const res = await dossier(itSpecialist.id, itSpecialist.id);
    expect(res.status).toBe(200);
    const d = await json(res);
    const dash = await json(await t.as(itSpecialist.id, `/v1/dashboard?period=2026-11&staffId=${itSpecialist.id}`, { clock: DEC1 }));
    const a = dash.totals.assignments;
    expect(d.dossier.assignments.onTime.count).toBe(a.completedOnTime);
    expect(d.dossier.assignments.onTimeAfterExtension.count).toBe(a.completedAfterExtension);
    expect(d.dossier.assignments.late.count).toBe(a.completedLate);
    expect(d.dossier.assignments.overdue.count).toBe(a.overdue);
    expect(d.dossier.reports.onTime.count).toBe(dash.totals.reports.onTime);
    expect(d.dossier.reports.missing.count).toBe(dash.totals.reports.missing);
    expect(d.dossier.findings.open.count).toBe(dash.totals.findings.open);
    // The late one is listed by id, as the dashboard's records list lists it.
    const late = await json(await t.as(itSpecialist.id, `/v1/dashboard/records?period=2026-11&staffId=${itSpecialist.id}&figure=assignments.completedLate`, { clock: DEC1 }));
    expect(d.dossier.assignments.late.recordIds).toEqual(late.items.map((i: any) => i.id));
    expect(d.dossier.assignments.late.count).toBeGreaterThan(0);
    const settled = a.completedOnTime + a.completedAfterExtension + a.completedLate + a.overdue;
    expect(d.dossier.share).toEqual({ onTime: a.completedOnTime + a.completedAfterExtension, settled });
    expect(d.suggestion.checks.find((c: any) => c.criterionId === 'tasks-good')).toMatchObject({ onTime: d.dossier.share.onTime, settled, threshold: 0.9 });
    expect(d.steps.map((s: any) => [s.step, s.rule])).toEqual([
      ['self-assessment', 'E2'],
      ['head-comment', 'E3'],
      ['director-decision', 'E5'],
      ['publication', 'E6'],
    ]);
    expect(d.steps[0].dueAt).toMatch(/^2026-12-02T17:00:00/);
    expect(d.canTake).toEqual(['self-assessment']);
    // The period's list suggests what the dossier suggests, with the same share.
    const listed = (await json(await t.as(itHead.id, '/v1/evaluations?period=2026-11', { clock: DEC1 }))).items.find((i: any) => i.staffId === itSpecialist.id);
    expect(listed.suggested).toEqual({ level: d.suggestion.level, reason: d.suggestion.reason, ...d.dossier.share });
  });

  it('a week is not a period rated: 400 naming the field', async () => {
    const res = await t.as(itSpecialist.id, `/v1/evaluations?period=2026-W48`, { clock: DEC1 });
    expect(res.status).toBe(400);
  });
});

describe('who sees a dossier: the person, their unit’s head and deputies, the board; anyone else 404', () => {
  it.each([
    ['the person', itSpecialist.id, 200],
    ['the head of their unit', itHead.id, 200],
    ['the director', director.id, 200],
    ['a deputy director who does not oversee the unit (the board)', otherDeputy.id, 200],
    ['a colleague in the same unit', itSpecialist2.id, 404],
    ['the head of another unit', pressHead.id, 404],
  ])('%s: %s', async (_who, as, status) => {
    expect((await dossier(as, itSpecialist.id)).status).toBe(status);
  });

  it('the list of a period: a head lists their unit only, a specialist themselves only, the director everyone rated', async () => {
    const head = await json(await t.as(itHead.id, '/v1/evaluations?period=2026-11', { clock: DEC1 }));
    expect(new Set(head.items.map((i: any) => i.unitId))).toEqual(new Set(['it']));
    const own = await json(await t.as(itSpecialist2.id, '/v1/evaluations?period=2026-11', { clock: DEC1 }));
    expect(own.items.map((i: any) => i.staffId)).toEqual([itSpecialist2.id]);
    const all = await json(await t.as(director.id, '/v1/evaluations?period=2026-11', { clock: DEC1 }));
    expect(all.items.length).toBe(sonLa.staff.filter((s) => sonLa.units.find((u) => u.id === s.unitId)!.kind !== 'board').length);
  });
});

describe('the cycle of a specialist (E2, E3, E5, E6), each step audited', () => {
  it('E2 (Điều 24): the self-assessment, once under its Idempotency-Key; another body with the key is 422; someone else’s is 403', async () => {
    const body = { text: 'Hoàn thành các nhiệm vụ được giao, một việc trễ hạn.', level: 'good' };
    const first = await step(itSpecialist.id, itSpecialist.id, 'self-assessment', body, { 'idempotency-key': 'sa-1' });
    expect(first.status).toBe(201);
    expect(await json(first)).toMatchObject({ version: 1, selfAssessment: { level: 'good', by: itSpecialist.id } });
    const before = await t.countItems();
    const again = await step(itSpecialist.id, itSpecialist.id, 'self-assessment', body, { 'idempotency-key': 'sa-1' });
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(await t.countItems()).toBe(before);
    expect((await step(itSpecialist.id, itSpecialist.id, 'self-assessment', { ...body, level: 'excellent' }, { 'idempotency-key': 'sa-1' })).status).toBe(422);
    expect((await step(itHead.id, itSpecialist.id, 'self-assessment', body)).status).toBe(403);
    expect(await t.countItems()).toBe(before);
  });

  it('E3 (Điều 7.1): the head comments; a colleague is 404, a stale If-Match 412, a missing level 400 naming it', async () => {
    const before = await t.countItems();
    expect((await step(itSpecialist2.id, itSpecialist.id, 'head-comment', { text: 'x', level: 'good' })).status).toBe(404);
    expect((await step(pressHead.id, itSpecialist.id, 'head-comment', { text: 'x', level: 'good' })).status).toBe(404);
    expect((await step(itHead.id, itSpecialist.id, 'head-comment', { text: 'x', level: 'good' }, { 'if-match': '"0"' })).status).toBe(412);
    const missing = await step(itHead.id, itSpecialist.id, 'head-comment', { text: 'Nhận xét' });
    expect(missing.status).toBe(400);
    expect(JSON.stringify(await json(missing))).toContain('body.level');
    expect(await t.countItems()).toBe(before);
    const ok = await step(itHead.id, itSpecialist.id, 'head-comment', { text: 'Có một việc trễ hạn; đề nghị hoàn thành nhiệm vụ.', level: 'completed' }, { 'if-match': '"1"' });
    expect(ok.status).toBe(200);
    const commented = await json(ok);
    expect(commented).toMatchObject({ version: 2, headComment: { level: 'completed', by: itHead.id } });
    // The suggestion beside the proposal is kept with it, with the share it came from: the dossier's.
    const d = await json(await dossier(itHead.id, itSpecialist.id));
    expect(commented.headComment.suggested).toEqual({ level: d.suggestion.level, reason: d.suggestion.reason, ...d.dossier.share });
    expect(commented.headComment.suggested.settled).toBeGreaterThan(0);
  });

  it('E4 (Điều 3.2): the board reviews heads and deputies only, so not a specialist', async () => {
    expect((await step(director.id, itSpecialist.id, 'board-review', { text: 'x', level: 'good' })).status).toBe(400);
  });

  it('E5 (Điều 3.3.2): the director decides; a level other than the proposal needs a reason (400 naming body.reason, nothing written)', async () => {
    expect((await step(itHead.id, itSpecialist.id, 'director-decision', { level: 'completed' })).status).toBe(403);
    const before = await t.countItems();
    const noReason = await step(director.id, itSpecialist.id, 'director-decision', { level: 'good' });
    expect(noReason.status).toBe(400);
    expect(JSON.stringify(await json(noReason))).toContain('body.reason');
    expect(await t.countItems()).toBe(before);
    const decided = await step(director.id, itSpecialist.id, 'director-decision', { level: 'good', reason: 'Việc trễ hạn do nhà cung cấp; kết quả chung tốt.' });
    expect(decided.status).toBe(200);
    expect(await json(decided)).toMatchObject({ decision: { level: 'good', by: director.id, suggested: { settled: expect.any(Number) } } });
  });

  it('E6 (Điều 24): the person learns the level only when it is published', async () => {
    const before = await json(await dossier(itSpecialist.id, itSpecialist.id));
    expect(before.evaluation.decision).toBeUndefined();
    expect(before.history.map((e: any) => e.action)).not.toContain('director-decision');
    expect((await step(director.id, itSpecialist.id, 'publication', {})).status).toBe(200);
    const after = await json(await dossier(itSpecialist.id, itSpecialist.id));
    expect(after.evaluation).toMatchObject({ decision: { level: 'good' }, publishedBy: director.id });
    expect(after.history.map((e: any) => e.action)).toEqual(['self-assessment', 'head-comment', 'director-decision', 'publication']);
    expect((await step(director.id, itSpecialist.id, 'publication', {})).status).toBe(400);
  });
});

describe('the cycle of a head: the overseeing deputy comments, the board reviews (E4, Điều 3.2)', () => {
  it('self-assessment, the comment of the deputy director overseeing the unit, the board’s review, the decision as proposed without a reason', async () => {
    expect((await step(itHead.id, itHead.id, 'self-assessment', { text: 'Đơn vị hoàn thành kế hoạch.', level: 'good' })).status).toBe(201);
    expect((await step(otherDeputy.id, itHead.id, 'head-comment', { text: 'x', level: 'good' })).status).toBe(403);
    expect((await step(itDeputyDirector.id, itHead.id, 'head-comment', { text: 'Đồng ý.', level: 'good' })).status).toBe(200);
    expect((await step(director.id, itHead.id, 'director-decision', { level: 'good' })).status).toBe(400);
    expect((await step(otherDeputy.id, itHead.id, 'board-review', { text: 'Ban Giám đốc thống nhất.', level: 'good' })).status).toBe(200);
    const d = await json(await dossier(director.id, itHead.id));
    expect(d.person.manager).toBe(true);
    expect(d.unitShare.settled).toBeGreaterThan(0);
    expect(d.suggestion.checks.some((c: any) => c.criterionId === 'unit-good')).toBe(true);
    expect(d.canTake).toEqual(['director-decision']);
    expect((await step(director.id, itHead.id, 'director-decision', { level: 'good' })).status).toBe(200);
  });
});

describe('E5 (Điều 3.3.2): the deputy director holding the director’s authority (A2) decides in the director’s place', () => {
  const specialist2Step = (as: string, name: string, b: unknown, clock: string) => t.as(as, `/v1/evaluations/${itSpecialist2.id}/2026-11/${name}`, { method: 'POST', body: JSON.stringify(b), clock });
  it('without a delegation the deputy is refused (403); on a day the delegation covers, the decision is recorded as acting for the director', async () => {
    expect((await specialist2Step(itSpecialist2.id, 'self-assessment', { text: 'Hoàn thành.', level: 'good' }, DEC1)).status).toBe(201);
    expect((await specialist2Step(itHead.id, 'head-comment', { text: 'Đồng ý.', level: 'good' }, DEC1)).status).toBe(200);
    expect((await specialist2Step(otherDeputy.id, 'director-decision', { level: 'good' }, DEC1)).status).toBe(403);
    const delegation = await t.as(director.id, '/v1/delegations', { method: 'POST', body: JSON.stringify({ delegateId: otherDeputy.id, from: '2026-12-03', to: '2026-12-04' }), clock: DEC1 });
    expect(delegation.status).toBe(201);
    const decided = await specialist2Step(otherDeputy.id, 'director-decision', { level: 'good' }, '2026-12-03T10:00:00+07:00');
    expect(decided.status).toBe(200);
    expect(await json(decided)).toMatchObject({ decision: { level: 'good', by: otherDeputy.id, actingForDirector: true } });
  });
});

describe('the audit trail of an evaluation', () => {
  it('the head reads every step of their unit’s; a colleague gets 404, as for an entity that does not exist', async () => {
    const id = `eval.2026-11.${itSpecialist.id}`;
    const head = await t.as(itHead.id, `/v1/audit?entityId=${id}`, { clock: DEC1 });
    expect(head.status).toBe(200);
    expect((await json(head)).items.map((e: any) => e.action)).toEqual(['self-assessment', 'head-comment', 'director-decision', 'publication']);
    expect((await t.as(itSpecialist2.id, `/v1/audit?entityId=${id}`, { clock: DEC1 })).status).toBe(404);
  });
});
