/**
 * A6 (Điều 5.1, 6.1, 7.1): "kịp thời báo cáo Phó Giám đốc phụ trách lĩnh vực và Giám đốc Sở".
 * Each escalation step of overdue work reaches the person, their head and the leader overseeing
 * the unit; from the second step (5 working days, a department setting) also the director. Run
 * through POST /v1/checks/run (the code the daily schedule runs) against DynamoDB Local.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { person, sonLa } from '../support/people.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.dispose());

const body = (b: unknown) => JSON.stringify(b);
const json = async (r: Response) => (await r.json()) as any;
const director = person('director');
const itHead = person('head', 'it');
const itSpecialist = person('specialist', 'it');
const itOverseer = sonLa.staff.find((s) => s.id === sonLa.units.find((u) => u.id === 'it')!.overseenBy)!;
const postsDeputy = sonLa.staff.find((s) => s.roles.includes('deputy-director') && s.id !== itOverseer.id)!;

async function check(at: string) {
  const res = await t.as(director.id, '/v1/checks/run', { method: 'POST', body: body({ rule: 'A6', at }), clock: at });
  expect(res.status).toBe(200);
  return json(res);
}
async function assign(as: string, assigneeId: string, title: string, dueDate: string) {
  const res = await t.as(as, '/v1/assignments', { method: 'POST', body: body({ title, assigneeId, dueDate }), clock: '2026-11-16T09:00:00+07:00' });
  expect(res.status).toBe(201);
  return (await json(res)).id as string;
}
/** The escalation notifications a person holds about the findings of one assignment. */
async function escalations(staffId: string, findingIds: readonly string[]) {
  const items = (await json(await t.as(staffId, '/v1/notifications?limit=100'))).items as any[];
  return items.filter((n) => n.kind === 'assignment-escalated' && findingIds.some((id) => n.about.key === `finding:${id}`));
}

describe('A6 (Điều 5.1, 6.1, 7.1): an escalation reaches the head, the overseeing deputy director and, from the second step, the director', () => {
  it('A6 (Điều 5.1, 6.1, 7.1): 4 working days overdue (Thu 26/11/2026) reaches the person, the head and the overseeing deputy, not the director; 5 (Fri 27/11/2026) adds the director', async () => {
    const id = await assign(itHead.id, itSpecialist.id, 'Báo cáo an toàn thông tin', '2026-11-20');
    const day4 = await check('2026-11-26T00:05:00+07:00');
    const reminder = day4.findings.filter((f: any) => f.ref === id);
    expect(reminder.map((f: any) => f.escalation.number)).toEqual([1]);
    expect(reminder[0].facts.escalatedTo).toEqual([
      { as: 'responsible', staffId: itSpecialist.id },
      { as: 'head', staffId: itHead.id },
      { as: 'overseeing-leader', staffId: itOverseer.id },
    ]);
    for (const who of [itSpecialist, itHead, itOverseer]) expect(await escalations(who.id, [reminder[0].id])).toHaveLength(1);
    expect(await escalations(director.id, [reminder[0].id])).toHaveLength(0);
    const [toDeputy] = await escalations(itOverseer.id, [reminder[0].id]);
    expect(toDeputy.subject.vi).toBe(`Báo cáo công việc quá hạn của ${itSpecialist.name}: Báo cáo an toàn thông tin`);
    expect(toDeputy.body.vi).toContain('đã quá hạn 4 ngày làm việc');
    expect(toDeputy.body.vi).toContain('lãnh đạo Sở phụ trách đơn vị');
    expect(toDeputy.body.en).toContain('Reported to you as the leader overseeing the unit');

    const day5 = await check('2026-11-27T00:05:00+07:00');
    const criticism = day5.findings.find((f: any) => f.ref === id && f.escalation.number === 2);
    expect(criticism.facts.escalatedTo.map((r: any) => r.as)).toEqual(['responsible', 'head', 'overseeing-leader', 'director']);
    expect(await escalations(director.id, [criticism.id])).toHaveLength(1);
    expect(await escalations(itOverseer.id, [reminder[0].id, criticism.id])).toHaveLength(2);

    // A rerun, or the same run delivered twice, sends and stores nothing more.
    const before = await t.countItems();
    await Promise.all([check('2026-11-27T00:05:00+07:00'), check('2026-11-27T00:05:00+07:00')]);
    expect(await t.countItems()).toBe(before);
    for (const who of [itSpecialist, itHead, itOverseer, director]) {
      const held = await escalations(who.id, [reminder[0].id, criticism.id]);
      expect(new Set(held.map((n) => n.id)).size).toBe(held.length);
    }
    expect(await escalations(director.id, [reminder[0].id, criticism.id])).toHaveLength(1);
  });

  it('A6 (Điều 7.1): when the head is the late person, they are told once, and the overseeing deputy is told', async () => {
    const id = await assign(itOverseer.id, itHead.id, 'Kế hoạch chuyển đổi số', '2026-11-20');
    const finding = (await check('2026-11-23T00:05:00+07:00')).findings.find((f: any) => f.ref === id);
    expect(finding.facts.escalatedTo).toEqual([
      { as: 'responsible', staffId: itHead.id },
      { as: 'overseeing-leader', staffId: itOverseer.id },
    ]);
    expect(await escalations(itHead.id, [finding.id])).toHaveLength(1);
    expect(await escalations(itOverseer.id, [finding.id])).toHaveLength(1);
    expect(await escalations(director.id, [finding.id])).toHaveLength(0);
  });

  it('A6 (Điều 5.1, 6.1, 7.1): a unit with no overseer (the board: a deputy director’s own work) skips that line; the director is told as its head', async () => {
    const id = await assign(director.id, postsDeputy.id, 'Tổng hợp ý kiến dự thảo', '2026-11-20');
    const finding = (await check('2026-11-23T00:05:00+07:00')).findings.find((f: any) => f.ref === id);
    expect(finding.unitId).toBe('board');
    expect(finding.facts.escalatedTo).toEqual([
      { as: 'responsible', staffId: postsDeputy.id },
      { as: 'head', staffId: director.id },
    ]);
    expect(await escalations(director.id, [finding.id])).toHaveLength(1);
    expect(await escalations(itOverseer.id, [finding.id])).toHaveLength(0);
  });
});
