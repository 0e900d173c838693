/**
 * E2–E6 (issue #23; Điều 24, 7.1, 3.2, 3.3.2): each step of the evaluation cycle by its deadline
 * from the rulebook, checked like any other obligation, on DynamoDB Local. November 2026 is rated
 * in December: the 2nd, 4th, 5th, 6th and 7th working day after it, 17:00 (Wednesday 02/12,
 * Friday 04/12, Monday 07/12, Tuesday 08/12, Wednesday 09/12). The department went live on
 * 01/11/2026: the year 2025 and October 2026 owe nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findingText } from '../../shared/domain/finding-text.js';
import { isUnitManager } from '../../shared/domain/evaluation.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { person, sonLa } from '../support/people.js';
import { measureCapacity } from '../support/read-capacity.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ goLiveOn: '2026-11-01' });
}, 240_000);
afterAll(async () => t?.dispose());

const director = person('director');
const itHead = person('head', 'it');
const itDeputyHead = person('deputy-head', 'it');
const khoi = person('specialist', 'it', 0);
const duyen = person('specialist', 'it', 1);
const itOverseer = sonLa.units.find((u) => u.id === 'it')!.overseenBy!;
const kindOf = (unitId: string) => sonLa.units.find((u) => u.id === unitId)!.kind;
const rated = sonLa.staff.filter((s) => kindOf(s.unitId) !== 'board');
const managers = rated.filter((s) => isUnitManager(s.roles, kindOf(s.unitId)));
const nameOf = (id: string) => sonLa.staff.find((s) => s.id === id)?.name;
const names = { person: nameOf, unit: () => undefined };

const at = (day: string, time: string) => `2026-12-${day}T${time}+07:00`;
const json = async (res: Response) => (await res.json()) as any;

async function check(rule: string, clock: string) {
  const res = await t.as(director.id, '/v1/checks/run', { method: 'POST', body: JSON.stringify({ rule, at: clock }), clock });
  expect(res.status).toBe(200);
  return json(res);
}
/** The run's findings for November 2026, by the person rated. */
const november = (result: any) => new Map<string, any>(result.findings.filter((f: any) => f.period === '2026-11').map((f: any) => [f.facts.staffId, f]));

async function step(as: string, staffId: string, name: string, body: unknown, clock: string) {
  const res = await t.as(as, `/v1/evaluations/${staffId}/2026-11/${name}`, { method: 'POST', body: JSON.stringify(body), clock });
  expect(res.status, await res.clone().text()).toBeLessThan(300);
}

describe('the evaluation steps by their deadlines (E2–E6)', () => {
  it('E2 (Điều 24): October 2026 ended before go-live (01/11/2026): its deadline passed on 03/11/2026, and no finding is raised', async () => {
    const result = await check('E2', '2026-11-04T09:00:00+07:00');
    expect(result.findings).toEqual([]);
    expect(result.created).toEqual([]);
  });

  it('E2 (Điều 24): the self-assessment of November 2026 is due Wednesday 02/12/2026 17:00; nothing at 17:00, a finding against each person who has not made it at 17:01, none for one made on time', async () => {
    await step(khoi.id, khoi.id, 'self-assessment', { text: 'Hoàn thành các nhiệm vụ được giao.', level: 'good' }, at('01', '09:00:00'));
    const dossier = await json(await t.as(khoi.id, `/v1/evaluations/${khoi.id}/2026-11`, { clock: at('01', '09:00:00') }));
    expect(dossier.steps.map((s: any) => [s.rule, s.dueAt])).toEqual([
      ['E2', '2026-12-02T17:00:00.000+07:00'],
      ['E3', '2026-12-04T17:00:00.000+07:00'],
      ['E5', '2026-12-08T17:00:00.000+07:00'],
      ['E6', '2026-12-09T17:00:00.000+07:00'],
    ]);

    expect((await check('E2', at('02', '17:00:00'))).findings).toEqual([]);
    const result = await check('E2', at('02', '17:01:00'));
    // The year 2025 and anything before go-live owe nothing: every finding is November's.
    expect(result.findings.every((f: any) => f.period === '2026-11')).toBe(true);
    const found = november(result);
    expect(found.size).toBe(rated.length - 1);
    expect(found.has(khoi.id)).toBe(false);
    expect([...found.values()].every((f) => f.subjectId === f.facts.staffId && f.rule === 'E2' && f.article === 'Điều 24')).toBe(true);
    expect(found.has(director.id)).toBe(false);
    const f = found.get(duyen.id);
    expect(f).toMatchObject({ subjectId: duyen.id, unitId: 'it', ref: `eval.2026-11.${duyen.id}`, dueAt: '2026-12-02T17:00:00.000+07:00', facts: { step: 'self-assessment', staffId: duyen.id } });
    expect(f.resolvedAt).toBeUndefined();
    expect(findingText(f, 'vi', names)).toBe(`Tự đánh giá, đề xuất mức xếp loại — Tháng 11/2026: ${duyen.name} chưa thực hiện (hạn 02/12/2026 17:00).`);
    expect(findingText(f, 'en', names)).toContain(`Self-assessment and proposed level — `);
    expect(findingText(f, 'en', names)).toContain(`${duyen.name} has not taken it (due`);
  });

  it('E2 (Điều 24): a self-assessment made late, Thursday 03/12/2026 10:00, puts the finding right at that time; a second run writes nothing', async () => {
    await step(duyen.id, duyen.id, 'self-assessment', { text: 'Tự đánh giá muộn.', level: 'completed' }, at('03', '10:00:00'));
    const result = await check('E2', at('03', '17:05:00'));
    const f = november(result).get(duyen.id);
    expect(f).toMatchObject({ resolution: 'put-right', resolvedAt: '2026-12-03T03:00:00.000Z', facts: { staffId: duyen.id } });
    expect(result.resolved).toEqual([f.id]);
    expect(result.created).toEqual([]);
    const before = await t.countItems();
    const again = await check('E2', at('03', '17:05:00'));
    expect(again.created).toEqual([]);
    expect(again.resolved).toEqual([]);
    expect(await t.countItems()).toBe(before);
  });

  it('E3 (Điều 7.1): the head’s comment is due Friday 04/12/2026 17:00; at 17:01 a finding against the head for a specialist, against the overseeing deputy director for the head; none where the head commented without a self-assessment', async () => {
    await step(itHead.id, khoi.id, 'head-comment', { text: 'Hoàn thành tốt.', level: 'good' }, at('03', '09:00:00'));
    // The deputy head has not assessed themselves: the head may comment all the same (E3 is met, E2 stays a finding).
    await step(itHead.id, itDeputyHead.id, 'head-comment', { text: 'Hoàn thành nhiệm vụ.', level: 'completed' }, at('03', '09:30:00'));

    expect(november(await check('E3', at('04', '17:00:00'))).size).toBe(0);
    const result = await check('E3', at('04', '17:01:00'));
    const found = november(result);
    expect(found.size).toBe(rated.length - 2);
    expect(found.has(khoi.id)).toBe(false);
    expect(found.has(itDeputyHead.id)).toBe(false);
    expect(found.get(duyen.id)).toMatchObject({ rule: 'E3', article: 'Điều 7.1', subjectId: itHead.id, unitId: 'it', facts: { step: 'head-comment', staffId: duyen.id } });
    expect(found.get(itHead.id)).toMatchObject({ subjectId: itOverseer, unitId: 'board' });
    expect(findingText(found.get(duyen.id), 'vi', names)).toBe(
      `Nhận xét, đề xuất mức xếp loại của người đứng đầu đơn vị — Tháng 11/2026, đánh giá ${duyen.name}: ${itHead.name} chưa thực hiện (hạn 04/12/2026 17:00).`,
    );
    // Rerun: the same findings, nothing written; reads bounded by the periods, not the people.
    await t.services.compliance.run(t.orgId, 'E3', new Date(at('04', '17:01:00')));
    const cost = await measureCapacity(t.table, () => t.services.compliance.run(t.orgId, 'E3', new Date(at('04', '17:01:00'))));
    console.info('E3 rerun cost', cost);
    // The organisation's version item, the rule's open findings (one Query), November's evaluations (one Query of GSI1); 2025 ended before go-live: not read.
    expect(cost.reads).toBe(3);
    expect(cost.writes).toBe(0);
    const before = await t.countItems();
    const again = await check('E3', at('04', '17:01:00'));
    expect(again.findings.map((x: any) => x.id)).toEqual(result.findings.map((x: any) => x.id));
    expect(again.created).toEqual([]);
    expect(await t.countItems()).toBe(before);
  });

  it('E4 (Điều 3.2): the board’s review is due Monday 07/12/2026 17:00; at 17:01 a finding against the director for a head and a deputy head, never for a specialist', async () => {
    await step(director.id, itDeputyHead.id, 'board-review', { text: 'Ban Giám đốc thống nhất.', level: 'completed' }, at('07', '09:00:00'));
    expect(november(await check('E4', at('07', '17:00:00'))).size).toBe(0);
    const found = november(await check('E4', at('07', '17:01:00')));
    expect(new Set(found.keys())).toEqual(new Set(managers.filter((m) => m.id !== itDeputyHead.id).map((m) => m.id)));
    expect(found.has(khoi.id) || found.has(duyen.id)).toBe(false);
    expect([...found.values()].every((f) => f.subjectId === director.id && f.unitId === 'board' && f.article === 'Điều 3.2')).toBe(true);
    expect(found.get(itHead.id).facts.earlierMissing).toEqual(['self-assessment', 'head-comment']);
  });

  it('E5 (Điều 3.3.2): the decision is due Tuesday 08/12/2026 17:00; at 17:01 a finding against the director, naming the earlier steps not on record', async () => {
    await step(director.id, khoi.id, 'director-decision', { level: 'good' }, at('08', '09:00:00'));
    expect(november(await check('E5', at('08', '17:00:00'))).size).toBe(0);
    const found = november(await check('E5', at('08', '17:01:00')));
    expect(found.size).toBe(rated.length - 1);
    expect(found.has(khoi.id)).toBe(false);
    expect([...found.values()].every((f) => f.subjectId === director.id && f.rule === 'E5' && f.article === 'Điều 3.3.2')).toBe(true);
    // Owed even where the board has not reviewed: the finding says which steps are missing.
    expect(found.get(itDeputyHead.id).facts.earlierMissing).toEqual(['self-assessment']);
    expect(found.get(itHead.id).facts.earlierMissing).toEqual(['self-assessment', 'head-comment', 'board-review']);
    expect(findingText(found.get(duyen.id), 'vi', names)).toBe(
      `Giám đốc Sở quyết định xếp loại — Tháng 11/2026, đánh giá ${duyen.name}: ${director.name} chưa thực hiện (hạn 08/12/2026 17:00); các bước trước cũng chưa có: E3.`,
    );
  });

  it('E6 (Điều 24): publication is due Wednesday 09/12/2026 17:00; at 17:01 a finding against the director; a level published on time is none', async () => {
    await step(director.id, khoi.id, 'publication', {}, at('09', '10:00:00'));
    expect(november(await check('E6', at('09', '17:00:00'))).size).toBe(0);
    const found = november(await check('E6', at('09', '17:01:00')));
    expect(found.size).toBe(rated.length - 1);
    expect(found.has(khoi.id)).toBe(false);
    expect(found.get(duyen.id)).toMatchObject({ rule: 'E6', article: 'Điều 24', subjectId: director.id, unitId: 'board', facts: { step: 'publication' } });
  });

  it('E5 (Điều 3.3.2): a decision taken late, Thursday 10/12/2026, puts the director’s finding right at that time', async () => {
    await step(itHead.id, duyen.id, 'head-comment', { text: 'Có việc trễ hạn.', level: 'completed' }, at('10', '08:00:00'));
    await step(director.id, duyen.id, 'director-decision', { level: 'completed' }, at('10', '09:00:00'));
    const result = await check('E5', at('10', '17:05:00'));
    expect(november(result).get(duyen.id)).toMatchObject({ subjectId: director.id, resolution: 'put-right', resolvedAt: '2026-12-10T02:00:00.000Z' });
  });
});
