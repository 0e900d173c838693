import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { findingText } from '../../shared/domain/finding-text.js';
import { person, sonLa } from '../support/people.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.dispose();
});

/** Thursday 3 December 2026. */
const NOW = '2026-12-03T09:00:00+07:00';
const json = async (res: Response) => (await res.json()) as any;
const director = person('director');
const [postsDeputy, itDeputy] = sonLa.leaders.filter((l) => l.staffId !== director.id).map((l) => l.staffId) as [string, string];
const chiefOfOffice = person('chief-of-office');
const clerk = person('clerk');
const itHead = person('head', 'it');
const itSpecialist = person('specialist', 'it');
const pressSpecialist = person('specialist', 'press');

const draft = (as: string, input: Record<string, unknown> = {}, headers: Record<string, string> = {}) =>
  t.as(as, '/v1/outgoing-documents', {
    method: 'POST',
    body: JSON.stringify({ title: 'Công văn hướng dẫn bảo đảm an toàn thông tin', kind: 'official-letter', scope: 'department', fieldId: 'cybersecurity', ...input }),
    clock: NOW,
    headers,
  });
const step = (as: string, id: string, body: Record<string, unknown>, headers: Record<string, string> = {}) =>
  t.as(as, `/v1/outgoing-documents/${id}/steps`, { method: 'POST', body: JSON.stringify(body), clock: NOW, headers });

async function toFormChecked(title = 'Công văn hướng dẫn bảo đảm an toàn thông tin') {
  const doc = await json(await draft(itSpecialist.id, { title }));
  expect((await step(itHead.id, doc.id, { action: 'vet' })).status).toBe(200);
  expect((await step(itHead.id, doc.id, { action: 'submit', signerId: itDeputy, form: 'kt' })).status).toBe(200);
  expect((await step(clerk.id, doc.id, { action: 'check-form' })).status).toBe(200);
  return doc.id as string;
}

describe('outgoing documents and signing (D4 Điều 9.1.8, D5 Điều 13.1)', () => {
  it('D5 (Điều 13.1, 9.1.1, 9.1.3): draft → vet → submit → form check → KT signature → number → seal → send → file, each step owned and audited', async () => {
    const res = await draft(itSpecialist.id);
    expect(res.status).toBe(201);
    const doc = await json(res);
    // Vetting: two working days, due at the end of Monday 07/12/2026 (Hà Nội time).
    expect(doc).toMatchObject({ status: 'drafted', ownerId: itHead.id, stepDueAt: '2026-12-07T16:59:59.999Z', register: 'general' });
    const mine = await json(await t.as(itHead.id, '/v1/outgoing-documents?view=mine', { clock: NOW }));
    expect(mine.items.map((d: any) => d.id)).toContain(doc.id);

    // Only the head of the drafting unit vets (Điều 13.1.a).
    expect((await step(itSpecialist.id, doc.id, { action: 'vet' })).status).toBe(403);
    const id = await (async () => {
      expect((await step(itHead.id, doc.id, { action: 'vet' })).status).toBe(200);
      expect(await json(await step(itHead.id, doc.id, { action: 'submit', signerId: itDeputy, form: 'kt' }))).toMatchObject({ status: 'submitted', ownerId: clerk.id, proposedById: itHead.id });
      expect(await json(await step(clerk.id, doc.id, { action: 'check-form' }))).toMatchObject({ status: 'form-checked', ownerId: itDeputy });
      return doc.id as string;
    })();
    expect(await json(await step(itDeputy, id, { action: 'sign' }))).toMatchObject({ status: 'signed', signature: { signerId: itDeputy, form: 'kt' } });
    const numbered = await json(await step(clerk.id, id, { action: 'number' }));
    expect(numbered).toMatchObject({ status: 'numbered', year: 2026 });
    expect(numbered.number).toMatch(/^\d+\/2026$/);
    expect((await step(clerk.id, id, { action: 'seal' })).status).toBe(200);
    expect((await step(clerk.id, id, { action: 'send', recipients: ['UBND tỉnh Sơn La'] })).status).toBe(200);
    const filed = await json(await step(clerk.id, id, { action: 'file', originalRef: 'Hộp lưu 12/2026' }));
    expect(filed).toMatchObject({ status: 'filed', originalRef: 'Hộp lưu 12/2026' });
    expect(filed.ownerId).toBeUndefined();
    const full = await json(await t.as(itSpecialist.id, `/v1/outgoing-documents/${id}`, { clock: NOW }));
    expect(full.history.map((e: any) => e.action)).toEqual(['drafted', 'vet', 'submit', 'check-form', 'sign', 'number', 'seal', 'send', 'file']);
  });

  it('D4 (Điều 9.1.8): a KT signature outside the deputy’s fields is refused with 403 naming why, writes no state, and is reported to the chief of office in the history', async () => {
    const id = await toFormChecked();
    const refused = await step(postsDeputy, id, { action: 'sign' });
    expect(refused.status).toBe(403);
    expect((await json(refused)).detail).toMatch(/field 'cybersecurity' is not in this deputy director’s portfolio/);
    const doc = await json(await t.as(chiefOfOffice.id, `/v1/outgoing-documents/${id}`, { clock: NOW }));
    expect(doc.status).toBe('form-checked');
    const report = doc.history.find((e: any) => e.action === 'signature-refused');
    expect(report).toMatchObject({ actorId: postsDeputy, data: { rule: 'D4', signerId: postsDeputy, reportedTo: [chiefOfOffice.id] } });
    // Nor may the chief of office sign it "TL. GIÁM ĐỐC": the rulebook authorises invitations and notices only.
    expect((await step(chiefOfOffice.id, id, { action: 'sign' })).status).toBe(403);
  });

  it('D5 (Điều 13.1.b): a document returned by the signer goes back to the head who proposed it, with the reason, and is submitted again', async () => {
    const id = await toFormChecked('Báo cáo kết quả chuyển đổi số');
    // Only the signer it was proposed to (or the director) decides to send it back: not its drafter, not the other deputy.
    for (const other of [itSpecialist.id, postsDeputy]) {
      expect((await step(other, id, { action: 'return', reason: 'Không đồng ý' })).status).toBe(403);
    }
    expect((await json(await t.as(itHead.id, `/v1/outgoing-documents/${id}`, { clock: NOW }))).status).toBe('form-checked');
    const back = await json(await step(itDeputy, id, { action: 'return', reason: 'Sai số liệu mục 2' }));
    expect(back).toMatchObject({ status: 'returned', ownerId: itHead.id, returns: [{ byId: itDeputy, from: 'form-checked', reason: 'Sai số liệu mục 2' }] });
    expect((await step(itSpecialist.id, id, { action: 'submit', signerId: itDeputy, form: 'kt' })).status).toBe(403);
    expect((await json(await step(itHead.id, id, { action: 'submit', signerId: itDeputy, form: 'kt' }))).status).toBe('submitted');
  });

  it('D5: a step out of order is 409; a retry with the same Idempotency-Key replays the first answer and writes nothing', async () => {
    const doc = await json(await draft(itSpecialist.id, { title: 'Kế hoạch tập huấn' }));
    expect((await step(clerk.id, doc.id, { action: 'seal' })).status).toBe(409);
    expect((await step(itHead.id, doc.id, { action: 'submit', signerId: itDeputy, form: 'kt' })).status).toBe(409);
    const first = await step(itHead.id, doc.id, { action: 'vet' }, { 'idempotency-key': 'vet-1' });
    expect(first.status).toBe(200);
    const before = await t.countItems();
    const again = await step(itHead.id, doc.id, { action: 'vet' }, { 'idempotency-key': 'vet-1' });
    expect(again.status).toBe(200);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect((await json(again)).version).toBe((await json(first)).version);
    expect(await t.countItems()).toBe(before);
  });

  it('Điều 9.1.1: ten documents numbered at once get ten consecutive numbers of the year, no gap, no duplicate', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 10; i++) {
      const id = await toFormChecked(`Giấy mời số ${i}`);
      expect((await step(itDeputy, id, { action: 'sign' })).status).toBe(200);
      ids.push(id);
    }
    const results = await Promise.all(ids.map((id) => step(clerk.id, id, { action: 'number' }).then(json)));
    const numbers = results.map((r) => Number(String(r.number).split('/')[0])).sort((a, b) => a - b);
    expect(new Set(numbers).size).toBe(10);
    expect(numbers[9]! - numbers[0]!).toBe(9);
  });

  it('D2 (Điều 9.1.2): a confidential outgoing document is in its own register and hidden (404) from those not entitled', async () => {
    const doc = await json(await draft(itSpecialist.id, { title: 'Văn bản mật', confidentiality: 'secret' }));
    expect(doc.register).toBe('confidential');
    expect((await t.as(pressSpecialist.id, `/v1/outgoing-documents/${doc.id}`, { clock: NOW })).status).toBe(404);
    expect((await step(pressSpecialist.id, doc.id, { action: 'vet' })).status).toBe(404);
    expect((await t.as(itHead.id, `/v1/outgoing-documents/${doc.id}`, { clock: NOW })).status).toBe(200);
    const general = await json(await t.as(clerk.id, '/v1/outgoing-documents?view=general', { clock: NOW }));
    expect(general.items.map((d: any) => d.id)).not.toContain(doc.id);
  });

  it('D5 (Điều 13.1): vetting due Monday 07/12/2026 23:59:59 is no finding at that second; at 00:00 on 08/12 it is a finding for the head, put right when he vets', async () => {
    const doc = await json(await draft(itSpecialist.id, { title: 'Công văn đôn đốc báo cáo' }));
    const check = async (at: string) => {
      const res = await t.as(director.id, '/v1/checks/run', { method: 'POST', body: JSON.stringify({ rule: 'D5', at }), clock: at });
      expect(res.status).toBe(200);
      return json(res);
    };
    const onTime = await check('2026-12-07T23:59:59+07:00');
    expect(onTime.findings.filter((f: any) => f.ref === doc.id)).toHaveLength(0);
    const late = await check('2026-12-08T00:00:00+07:00');
    const mine = late.findings.filter((f: any) => f.ref === doc.id);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ rule: 'D5', subjectId: itHead.id, facts: { status: 'drafted' } });
    const names = { person: (id: string) => sonLa.staff.find((s) => s.id === id)?.name } as never;
    expect(findingText(mine[0], 'vi', names)).toBe(`Văn bản đi “Công văn đôn đốc báo cáo”: ${itHead.name} chưa thực hiện bước thẩm định (hạn 07/12/2026 23:59).`);
    expect(findingText(mine[0], 'en', names)).toBe(`Outgoing document “Công văn đôn đốc báo cáo”: ${itHead.name} has not taken vetting (due 2026-12-07 23:59).`);
    expect((await t.as(itHead.id, `/v1/outgoing-documents/${doc.id}/steps`, { method: 'POST', body: JSON.stringify({ action: 'vet' }), clock: '2026-12-08T08:00:00+07:00' })).status).toBe(200);
    await check('2026-12-08T08:05:00+07:00');
    const after = await json(await t.as(director.id, `/v1/findings/${mine[0].id}`));
    expect(after.resolvedAt).toBeDefined();
  });
});

