/**
 * A3 (Điều 4.1.2): a deputy director "báo cáo Giám đốc Sở kết quả giải quyết công việc được Giám đốc
 * Sở phân công hoặc ủy quyền". When a delegation of the director's authority ends, the deputy owes
 * a report back within the rulebook's `delegationReportBack.workingDays` (3 in Sơn La: the text
 * gives no number); a missing one is an A3 finding, put right when the report arrives.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findingText } from '../../shared/domain/finding-text.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { deputyDirectors, person } from '../support/people.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.dispose());

const NOW = '2026-12-01T09:00:00+07:00';
const director = person('director');
const [postsDeputy, itDeputy] = deputyDirectors() as [ReturnType<typeof person>, ReturnType<typeof person>];
const body = (b: unknown) => JSON.stringify(b);
const json = async (r: Response) => (await r.json()) as any;

async function delegate(delegateId: string, from: string, to: string) {
  const res = await t.as(director.id, '/v1/delegations', { method: 'POST', body: body({ delegateId, from, to }), clock: NOW });
  expect(res.status).toBe(201);
  return (await json(res)).id as string;
}
const owed = async (staffId: string, clock: string) => (await json(await t.as(staffId, '/v1/delegations/reports-back-owed', { clock }))).items as any[];
async function check(at: string) {
  const res = await t.as(director.id, '/v1/checks/run', { method: 'POST', body: body({ rule: 'A3', at }), clock: at });
  expect(res.status).toBe(200);
  return json(res);
}
const reportBack = (as: string, id: string, content: string, clock: string) =>
  t.as(as, `/v1/delegations/${id}/report-back`, { method: 'POST', body: body({ content }), clock });

describe('A3 (Điều 4.1.2): the deputy reports back to the director when a delegation of the director’s authority ends', () => {
  let late: string;

  it('A3 (Điều 4.1.2): owed from the last day 09/12/2026, due 3 working days later (14/12/2026 23:59:59); a finding from 15/12/2026 00:00', async () => {
    late = await delegate(postsDeputy.id, '2026-12-07', '2026-12-09');
    expect(await owed(postsDeputy.id, '2026-12-08T09:00:00+07:00')).toEqual([]);
    expect((await reportBack(postsDeputy.id, late, 'Sớm', '2026-12-08T09:00:00+07:00')).status).toBe(409);
    const onLastDay = await owed(postsDeputy.id, '2026-12-09T09:00:00+07:00');
    expect(onLastDay).toEqual([
      expect.objectContaining({ delegationId: late, delegatorId: director.id, endedOn: '2026-12-09', dueOn: '2026-12-14', status: 'pending', rule: 'A3', article: 'Điều 4.1.2' }),
    ]);
    expect(await owed(itDeputy.id, '2026-12-09T09:00:00+07:00')).toEqual([]);

    expect((await check('2026-12-14T23:59:59+07:00')).findings).toEqual([]);
    const missed = await check('2026-12-15T00:00:00+07:00');
    expect(missed.findings).toHaveLength(1);
    expect(missed.findings[0]).toMatchObject({
      rule: 'A3',
      article: 'Điều 4.1.2',
      subjectId: postsDeputy.id,
      unitId: 'board',
      ref: late,
      period: '2026-12',
      facts: { kind: 'delegation-report-back', dueOn: '2026-12-14', endedOn: '2026-12-09' },
    });
    expect(missed.findings[0].resolvedAt).toBeUndefined();
    const names = { person: (id: string) => (id === postsDeputy.id ? postsDeputy.name : undefined), unit: () => undefined };
    expect(findingText(missed.findings[0], 'vi', names)).toBe(
      `Báo cáo Giám đốc Sở kết quả giải quyết công việc được ủy quyền từ 07/12/2026 đến 09/12/2026: ${postsDeputy.name} chưa báo cáo (hạn 14/12/2026 23:59).`,
    );
    expect(findingText(missed.findings[0], 'en', names)).toContain('Report back to the director on the work done under the delegation of 2026-12-07 to 2026-12-09');
    expect((await owed(postsDeputy.id, '2026-12-15T08:00:00+07:00'))[0].status).toBe('missing');
    // Rerun: the same finding, nothing written.
    const before = await t.countItems();
    expect((await check('2026-12-15T00:00:00+07:00')).findings.map((f: any) => f.id)).toEqual([missed.findings[0].id]);
    expect(await t.countItems()).toBe(before);
  });

  it('A3 (Điều 4.1.2): only the deputy who held it reports; the report once; a late report puts the finding right', async () => {
    expect((await reportBack(itDeputy.id, late, 'Không phải của tôi', '2026-12-15T09:00:00+07:00')).status).toBe(404);
    expect((await reportBack(director.id, late, 'Thay', '2026-12-15T09:00:00+07:00')).status).toBe(403);
    const bad = await reportBack(postsDeputy.id, late, '   ', '2026-12-15T09:00:00+07:00');
    expect(bad.status).toBe(400);
    expect((await json(bad)).errors[0].path).toBe('body.content');

    const res = await reportBack(postsDeputy.id, late, 'Đã giải quyết 12 hồ sơ, ký 5 văn bản thay Giám đốc.', '2026-12-15T09:00:00+07:00');
    expect(res.status).toBe(200);
    expect((await json(res)).reportBack).toMatchObject({ late: true });
    const before = await t.countItems();
    expect((await reportBack(postsDeputy.id, late, 'Đã giải quyết 12 hồ sơ, ký 5 văn bản thay Giám đốc.', '2026-12-15T09:01:00+07:00')).status).toBe(200);
    expect(await t.countItems()).toBe(before);
    expect((await reportBack(postsDeputy.id, late, 'Nội dung khác', '2026-12-15T09:02:00+07:00')).status).toBe(409);
    expect(await owed(postsDeputy.id, '2026-12-15T10:00:00+07:00')).toEqual([]);

    const after = await check('2026-12-16T00:05:00+07:00');
    const f = after.findings.find((x: any) => x.ref === late);
    expect(f).toMatchObject({ resolution: 'put-right', resolvedAt: '2026-12-15T02:00:00.000Z' });
  });

  it('A3 (Điều 4.1.2): a report on the deadline day is on time; a delegation revoked before its first day owes none; one ended early is owed from the day it was revoked', async () => {
    const onTime = await delegate(itDeputy.id, '2027-01-04', '2027-01-05');
    expect((await reportBack(itDeputy.id, onTime, 'Báo cáo', '2027-01-08T23:59:59+07:00')).status).toBe(200);
    const never = await delegate(postsDeputy.id, '2027-01-11', '2027-01-12');
    expect((await t.as(director.id, `/v1/delegations/${never}/revoke`, { method: 'POST', body: body({}), clock: '2027-01-10T09:00:00+07:00' })).status).toBe(200);
    const cut = await delegate(postsDeputy.id, '2027-01-18', '2027-01-29');
    expect((await t.as(director.id, `/v1/delegations/${cut}/revoke`, { method: 'POST', body: body({}), clock: '2027-01-19T15:00:00+07:00' })).status).toBe(200);
    expect((await owed(postsDeputy.id, '2027-01-19T16:00:00+07:00')).map((o) => [o.delegationId, o.endedOn, o.dueOn])).toEqual([[cut, '2027-01-19', '2027-01-22']]);
    const found = (await check('2027-01-25T00:05:00+07:00')).findings.map((f: any) => f.ref);
    expect(found).toContain(cut);
    expect(found).not.toContain(onTime);
    expect(found).not.toContain(never);
  });
});
