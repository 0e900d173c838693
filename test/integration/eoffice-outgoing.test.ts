import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import { Webhook } from 'standardwebhooks';
import { generateWebhookSecret } from '../../shared/adapters/webhook-signing.js';
import { findingText } from '../../shared/domain/finding-text.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { json, signedPost } from '../support/eoffice.js';
import { person, sonLa } from '../support/people.js';

// Outgoing documents and the e-office (issue #19 item 7; D4 Điều 9.1.8, D5 Điều 13.1, Điều 9.1.1, 9.1.3, 12):
// signed pushes from the e-office onto the same steps, and every step reported back through the outbox.
const SECRET = generateWebhookSecret();
const OTHER = generateWebhookSecret();
const OUT = '/v1/integrations/eoffice/outgoing-documents';
/** Thursday 3 December 2026: registered at 09:00, steps reported later that morning. */
const T0 = '2026-12-03T09:00:00+07:00';
const CLOCK = '2026-12-03T11:00:00+07:00';
const at = (minutes: number) => new Date(new Date(T0).getTime() + minutes * 60_000).toISOString();

const director = person('director');
const [postsDeputy, itDeputy] = sonLa.leaders.filter((l) => l.staffId !== director.id).map((l) => l.staffId) as [string, string];
const chiefOfOffice = person('chief-of-office');
const clerk = person('clerk');
const itHead = person('head', 'it');
const itSpecialist = person('specialist', 'it');
const names = {
  person: (id: string) => sonLa.staff.find((s) => s.id === id)?.name,
  unit: () => undefined,
  field: (id: string) => sonLa.fields.find((f) => f.id === id)?.name,
};

/** A local e-office receiving the callbacks; keeps what it received. */
const received: { headers: Record<string, string>; body: string; verified: boolean }[] = [];
let receiver: Server;
let t: TestApp;

beforeAll(async () => {
  receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)]));
      let verified = false;
      try {
        new Webhook(SECRET).verify(body, headers);
        verified = true;
      } catch {
        verified = false;
      }
      received.push({ headers, body, verified });
      res.statusCode = 200;
      res.end('ok');
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', () => r()));
  const callbackUrl = `http://127.0.0.1:${(receiver.address() as { port: number }).port}/eoffice/callbacks`;
  t = await createTestApp({ eoffice: { secrets: [SECRET], callbackUrl } });
});
afterAll(async () => {
  await t?.dispose();
  await new Promise((r) => receiver?.close(r));
});
beforeEach(() => {
  received.length = 0;
});

let n = 0;
const outgoing = (extra: Record<string, unknown> = {}) => ({
  externalId: `VBDI-2026-${String(++n).padStart(6, '0')}`,
  drafterId: itSpecialist.id,
  title: 'Công văn hướng dẫn bảo đảm an toàn thông tin',
  kind: 'official-letter',
  scope: 'department',
  fieldId: 'cybersecurity',
  ...extra,
});
const register = (body: object, id?: string, secrets = [SECRET]) => signedPost(t, OUT, body, { secrets, clock: T0, ...(id ? { id } : {}) });
const push = (externalId: string, body: Record<string, unknown>, id?: string, secrets = [SECRET]) =>
  signedPost(t, `${OUT}/${externalId}/steps`, body, { secrets, clock: CLOCK, ...(id ? { id } : {}) });
const pending = async () => (await json(await t.as(director.id, '/v1/admin/eoffice/deliveries?state=pending&limit=100', { clock: CLOCK }))).items as any[];
const deliveriesOf = async (docId: string) => (await pending()).filter((d) => d.documentId === docId);

async function registered(extra: Record<string, unknown> = {}) {
  const body = outgoing(extra);
  const res = await register(body);
  expect(res.status).toBe(201);
  return { externalId: body.externalId, doc: await json(res) };
}

/** Vetted, submitted for the IT deputy's KT signature and form-checked, each pushed by the e-office. */
async function formChecked(extra: Record<string, unknown> = {}) {
  const r = await registered(extra);
  expect((await push(r.externalId, { action: 'vet', actorId: itHead.id, at: at(1) })).status).toBe(200);
  expect((await push(r.externalId, { action: 'submit', actorId: itHead.id, at: at(2), signerId: itDeputy, form: 'kt' })).status).toBe(200);
  expect((await push(r.externalId, { action: 'check-form', actorId: clerk.id, at: at(3) })).status).toBe(200);
  return r;
}

describe('D5 (Điều 13.1): a document drafted in the e-office is registered by a signed push', () => {
  it('D5 (Điều 13.1.a): a signed push registers it as drafted, owned by the head of the drafting unit; exactly its pointer, state, history and idempotency record are written', async () => {
    const before = await t.countItems();
    const body = outgoing();
    const res = await register(body, 'evt_out_reg_1');
    expect(res.status).toBe(201);
    const doc = await json(res);
    expect(doc).toMatchObject({ externalId: body.externalId, status: 'drafted', drafterId: itSpecialist.id, unitId: 'it', ownerId: itHead.id, register: 'general', fieldId: 'cybersecurity', version: 1 });
    // Vetting: two working days (the rulebook's stepDays), due at the end of Monday 07/12/2026.
    expect(doc.stepDueAt).toBe('2026-12-07T16:59:59.999Z');
    expect(await t.countItems()).toBe(before + 4);
    const full = await json(await t.as(itHead.id, `/v1/outgoing-documents/${doc.id}`, { clock: T0 }));
    expect(full.history.map((e: any) => [e.action, e.actorId])).toEqual([['drafted', 'eoffice']]);
    // Registration itself is no step: nothing is queued for the e-office, which sent it.
    expect(await deliveriesOf(doc.id)).toHaveLength(0);
  });

  it('D5: a replay of the same webhook-id duplicates nothing; another body under it is 422 naming header.webhook-id; the same document under another id is 200, with other details 409 naming body.externalId', async () => {
    const body = outgoing();
    const first = await register(body, 'evt_out_reg_2');
    expect(first.status).toBe(201);
    const firstId = (await json(first)).id;
    const before = await t.countItems();
    const replay = await register(body, 'evt_out_reg_2');
    expect(replay.status).toBe(201);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect((await json(replay)).id).toBe(firstId);
    const other = await register({ ...body, title: 'Một trích yếu khác' }, 'evt_out_reg_2');
    expect(other.status).toBe(422);
    expect((await json(other)).errors).toEqual([{ path: 'header.webhook-id', message: 'reused with another body' }]);
    const again = await register(body, 'evt_out_reg_3');
    expect(again.status).toBe(200);
    expect((await json(again)).id).toBe(firstId);
    const differs = await register({ ...body, title: 'Một trích yếu khác' }, 'evt_out_reg_4');
    expect(differs.status).toBe(409);
    expect((await json(differs)).errors[0].path).toBe('body.externalId');
    expect(await t.countItems()).toBe(before);
  });

  it('D5: a bad signature is 401 and writes nothing; a drafter who is not staff is 400 naming body.drafterId; another unit than the drafter’s is 422 naming body.unitId', async () => {
    const before = await t.countItems();
    const forged = await register(outgoing(), undefined, [OTHER]);
    expect(forged.status).toBe(401);
    const unsigned = await t.app.request(OUT, { method: 'POST', body: JSON.stringify(outgoing()), headers: { 'content-type': 'application/json', authorization: `Bearer ${await t.token(director.id)}` } });
    expect(unsigned.status).toBe(401);
    const nobody = await register(outgoing({ drafterId: 'no-such-person' }));
    expect(nobody.status).toBe(400);
    expect((await json(nobody)).errors[0].path).toBe('body.drafterId');
    const wrongUnit = await register(outgoing({ unitId: 'press' }));
    expect(wrongUnit.status).toBe(422);
    expect((await json(wrongUnit)).errors[0].path).toBe('body.unitId');
    expect(await t.countItems()).toBe(before);
  });
});

describe('D5 (Điều 13.1, 9.1.1, 9.1.3): steps pushed by the e-office take the same checks, and every step is reported back', () => {
  it('D5 (Điều 13.1, 9.1.1, 9.1.3): vet → submit → form check → KT signature → number 125/STTTT-VP → seal → send → file, each pushed step enqueues exactly one callback; a replayed push writes and enqueues nothing', async () => {
    const { externalId, doc } = await registered();
    const steps: [string, Record<string, unknown>, string][] = [
      ['vet', { actorId: itHead.id }, 'vetted'],
      ['submit', { actorId: itHead.id, signerId: itDeputy, form: 'kt' }, 'submitted'],
      ['check-form', { actorId: clerk.id }, 'form-checked'],
      ['sign', { actorId: itDeputy }, 'signed'],
      ['number', { actorId: clerk.id, number: '125/STTTT-VP' }, 'numbered'],
      ['seal', { actorId: clerk.id }, 'sealed'],
      ['send', { actorId: clerk.id, recipients: ['UBND tỉnh Sơn La', 'Sở Nội vụ'] }, 'sent'],
      ['file', { actorId: clerk.id, originalRef: 'Hộp lưu 12/2026' }, 'filed'],
    ];
    for (const [i, [action, extra, status]] of steps.entries()) {
      const body = { action, at: at(i + 1), ...extra };
      const res = await push(externalId, body, `evt_${externalId}_${action}`);
      expect(res.status, action).toBe(200);
      const after = await json(res);
      expect(after).toMatchObject({ status, version: i + 2 });
      const queued = await deliveriesOf(doc.id);
      expect(queued.map((d) => d.id).sort()).toEqual(steps.slice(0, i + 1).map(([, , s], k) => `${doc.id}.${s}.${k + 2}`).sort());
      // The same event delivered again: the first answer, nothing written, nothing queued.
      const before = await t.countItems();
      const replay = await push(externalId, body, `evt_${externalId}_${action}`);
      expect(replay.status).toBe(200);
      expect(replay.headers.get('idempotent-replayed')).toBe('true');
      expect(await t.countItems()).toBe(before);
    }
    const full = await json(await t.as(itSpecialist.id, `/v1/outgoing-documents/${doc.id}`, { clock: CLOCK }));
    expect(full).toMatchObject({ status: 'filed', number: '125/STTTT-VP', sequence: 125, year: 2026, signature: { signerId: itDeputy, form: 'kt' }, recipients: ['UBND tỉnh Sơn La', 'Sở Nội vụ'] });
    expect(full.history.map((e: any) => [e.action, e.actorId])).toEqual([
      ['drafted', 'eoffice'],
      ['vet', itHead.id],
      ['submit', itHead.id],
      ['check-form', clerk.id],
      ['sign', itDeputy],
      ['number', clerk.id],
      ['seal', clerk.id],
      ['send', clerk.id],
      ['file', clerk.id],
    ]);
    // Điều 9.1.1: the e-office's number 125 is taken in 2026's register: a second document cannot have it.
    const second = await formChecked({ title: 'Giấy mời họp giao ban' });
    expect((await push(second.externalId, { action: 'sign', actorId: itDeputy, at: at(4) })).status).toBe(200);
    const taken = await push(second.externalId, { action: 'number', actorId: clerk.id, at: at(5), number: '125/STTTT-VP' });
    expect(taken.status).toBe(409);
    expect((await json(taken)).errors).toEqual([{ path: 'body.number', message: 'already given to another document' }]);
    // …and the tracker's own numbering continues after the e-office's.
    const ours = await json(await t.as(clerk.id, `/v1/outgoing-documents/${second.doc.id}/steps`, { method: 'POST', body: JSON.stringify({ action: 'number' }), clock: CLOCK }));
    expect(ours).toMatchObject({ status: 'numbered', number: '126/2026' });
  });

  it('D5 (Điều 13.1): the dispatcher delivers each step signed, once, with the document as the step left it; a step taken in the tracker is reported too', async () => {
    const { externalId, doc } = await formChecked({ title: 'Kế hoạch chuyển đổi số năm 2027', kind: 'plan' });
    // The signature is given in the tracker: the e-office hears of it as of any other step.
    const signed = await t.as(itDeputy, `/v1/outgoing-documents/${doc.id}/steps`, { method: 'POST', body: JSON.stringify({ action: 'sign' }), clock: CLOCK });
    expect(signed.status).toBe(200);
    expect((await push(externalId, { action: 'number', actorId: clerk.id, at: CLOCK, number: '0130/STTTT-VP' })).status).toBe(200);
    const queued = await deliveriesOf(doc.id);
    expect(queued.map((d) => d.type).sort()).toEqual(['outgoing.form-checked', 'outgoing.numbered', 'outgoing.signed', 'outgoing.submitted', 'outgoing.vetted']);

    const summary = await t.services.eoffice.runOnce(new Date(CLOCK));
    expect(summary.failed).toBe(0);
    const mine = received.filter((r) => JSON.parse(r.body).data.documentId === doc.id);
    expect(mine).toHaveLength(5);
    expect(mine.every((r) => r.verified)).toBe(true);
    expect(new Set(mine.map((r) => r.headers['webhook-id']))).toEqual(new Set(queued.map((d) => d.id)));
    const sign = JSON.parse(mine.find((r) => JSON.parse(r.body).type === 'outgoing.signed')!.body);
    expect(sign).toMatchObject({
      type: 'outgoing.signed',
      timestamp: new Date(CLOCK).toISOString(),
      data: { documentId: doc.id, externalId, action: 'sign', from: 'form-checked', status: 'signed', actorId: itDeputy, via: 'tracker', signature: { signerId: itDeputy, form: 'kt', line: 'KT. GIÁM ĐỐC – PHÓ GIÁM ĐỐC' }, number: null, ownerId: clerk.id },
    });
    const numbered = JSON.parse(mine.find((r) => JSON.parse(r.body).type === 'outgoing.numbered')!.body);
    expect(numbered.data).toMatchObject({ via: 'eoffice', number: '0130/STTTT-VP', sequence: 130, year: 2026, status: 'numbered' });
    // Delivered once: a second run sends nothing.
    received.length = 0;
    await t.services.eoffice.runOnce(new Date(new Date(CLOCK).getTime() + 3600_000));
    expect(received.filter((r) => JSON.parse(r.body).data.documentId === doc.id)).toHaveLength(0);
  });

  it('D5 (Điều 13.1.b): a document returned in the e-office goes back to the head who proposed it, and the callback names him and the reason', async () => {
    const { externalId, doc } = await formChecked({ title: 'Báo cáo kết quả chuyển đổi số' });
    const back = await push(externalId, { action: 'return', actorId: itDeputy, at: at(4), reason: 'Sai số liệu mục 2' });
    expect(back.status).toBe(200);
    expect(await json(back)).toMatchObject({ status: 'returned', ownerId: itHead.id });
    const returned = (await deliveriesOf(doc.id)).find((d) => d.type === 'outgoing.returned');
    expect(returned.payload.data).toMatchObject({ status: 'returned', from: 'form-checked', returned: { byId: itDeputy, from: 'form-checked', reason: 'Sai số liệu mục 2', toId: itHead.id } });
  });

  it('D5: a bad signature is 401 and writes nothing; an unknown external id is 404; a step out of order is 409 naming body.action; a step not the actor’s is 403 naming body.actorId; a step dated before the last is 409 naming body.at; each writes nothing', async () => {
    const { externalId, doc } = await registered({ title: 'Thông báo lịch trực' });
    const before = await t.countItems();
    expect((await push(externalId, { action: 'vet', actorId: itHead.id, at: at(1) }, undefined, [OTHER])).status).toBe(401);
    const unknown = await push('VBDI-NOT-REGISTERED', { action: 'vet', actorId: itHead.id, at: at(1) });
    expect(unknown.status).toBe(404);
    const early = await push(externalId, { action: 'seal', actorId: clerk.id, at: at(1) });
    expect(early.status).toBe(409);
    expect((await json(early)).errors[0].path).toBe('body.action');
    const notHis = await push(externalId, { action: 'vet', actorId: itSpecialist.id, at: at(1) });
    expect(notHis.status).toBe(403);
    expect(await json(notHis)).toMatchObject({ rule: 'D5', errors: [{ path: 'body.actorId' }] });
    const backdated = await push(externalId, { action: 'vet', actorId: itHead.id, at: '2026-12-03T08:59:59+07:00' });
    expect(backdated.status).toBe(409);
    expect((await json(backdated)).errors[0].path).toBe('body.at');
    const future = await push(externalId, { action: 'vet', actorId: itHead.id, at: '2026-12-03T11:00:01+07:00' });
    expect(future.status).toBe(400);
    expect((await json(future)).errors[0].path).toBe('body.at');
    const badNumber = await push(externalId, { action: 'number', actorId: clerk.id, at: at(1), number: 'STTTT-VP' });
    expect(badNumber.status).toBe(400);
    expect((await json(badNumber)).errors[0].path).toBe('body.number');
    expect(await t.countItems()).toBe(before);
    expect(await deliveriesOf(doc.id)).toHaveLength(0);
  });
});

describe('D4 (Điều 9.1.8): a signature outside the signer’s authority', () => {
  it('D4 (Điều 9.1.8): a deputy signing outside his fields is refused (403), nothing of the document is written, and exactly one D4 finding is reported to the chief of office; a second identical attempt adds nothing', async () => {
    const { externalId, doc } = await formChecked({ title: 'Công văn về an toàn thông tin mạng' });
    const before = await t.countItems();
    const refused = await t.as(postsDeputy, `/v1/outgoing-documents/${doc.id}/steps`, { method: 'POST', body: JSON.stringify({ action: 'sign' }), clock: CLOCK });
    expect(refused.status).toBe(403);
    expect(await json(refused)).toMatchObject({ rule: 'D4' });
    const state = await json(await t.as(chiefOfOffice.id, `/v1/outgoing-documents/${doc.id}`, { clock: CLOCK }));
    expect(state).toMatchObject({ status: 'form-checked', version: 4 });
    expect(state.signature).toBeUndefined();
    // No callback for a refusal: the document did not move.
    expect((await deliveriesOf(doc.id)).map((d) => d.type)).not.toContain('outgoing.signed');

    const findings = (await json(await t.as(director.id, `/v1/findings?rule=D4&limit=100`, { clock: CLOCK }))).items.filter((f: any) => f.ref === doc.id);
    expect(findings).toHaveLength(1);
    const [finding] = findings;
    expect(finding).toMatchObject({
      rule: 'D4',
      article: 'Điều 9.1.8',
      subjectId: postsDeputy,
      facts: { documentId: doc.id, step: 'sign', signerId: postsDeputy, form: 'kt', lacked: 'field-outside-portfolio', fieldId: 'cybersecurity', reportedTo: [chiefOfOffice.id] },
    });
    expect(finding.resolvedAt).toBeUndefined();
    const deputy = names.person(postsDeputy)!;
    expect(findingText(finding, 'vi', names)).toBe(
      `Văn bản đi “Công văn về an toàn thông tin mạng”: ${deputy} ký “KT. GIÁM ĐỐC – PHÓ GIÁM ĐỐC” không đúng thẩm quyền (lúc 03/12/2026 11:00) — lĩnh vực “An toàn thông tin và an ninh mạng” không thuộc lĩnh vực được phân công phụ trách; chữ ký bị từ chối.`,
    );
    expect(findingText(finding, 'en', names)).toBe(
      `Outgoing document “Công văn về an toàn thông tin mạng”: ${deputy} signed “KT. GIÁM ĐỐC – PHÓ GIÁM ĐỐC” outside their authority (at 2026-12-03 11:00) — the field “Information security and cybersecurity” is not in this deputy director’s portfolio; the signature was refused.`,
    );
    // The chief of office sees it and is notified, in Vietnamese first.
    expect((await t.as(chiefOfOffice.id, `/v1/findings/${finding.id}`, { clock: CLOCK })).status).toBe(200);
    const inbox = (await json(await t.as(chiefOfOffice.id, '/v1/notifications?limit=100', { clock: CLOCK }))).items.filter((x: any) => x.about?.key === `finding:${finding.id}`);
    expect(inbox).toHaveLength(1);
    expect(inbox[0].subject.vi).toBe('Chữ ký không đúng thẩm quyền: Văn bản đi “Công văn về an toàn thông tin mạng”');
    expect(inbox[0].body.vi).toContain('Báo cáo đồng chí Chánh Văn phòng theo Điều 9.1.8 (D4).');
    const written = (await t.countItems()) - before;

    // The same attempt again, from the tracker or pushed by the e-office: refused again, nothing more written.
    const beforeSecond = await t.countItems();
    expect((await t.as(postsDeputy, `/v1/outgoing-documents/${doc.id}/steps`, { method: 'POST', body: JSON.stringify({ action: 'sign' }), clock: CLOCK })).status).toBe(403);
    const pushed = await push(externalId, { action: 'sign', actorId: postsDeputy, at: at(5) });
    expect(pushed.status).toBe(403);
    expect(await json(pushed)).toMatchObject({ rule: 'D4', errors: [{ path: 'body.actorId' }] });
    expect(await t.countItems()).toBe(beforeSecond);
    expect((await json(await t.as(director.id, `/v1/findings?rule=D4&limit=100`, { clock: CLOCK }))).items.filter((f: any) => f.ref === doc.id)).toHaveLength(1);
    // One transaction: the history's report, the finding, its audit event, its counters and its notifications.
    expect(written).toBeGreaterThanOrEqual(5);
    const history = (await json(await t.as(chiefOfOffice.id, `/v1/outgoing-documents/${doc.id}`, { clock: CLOCK }))).history.filter((e: any) => e.action === 'signature-refused');
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ actorId: postsDeputy, data: { rule: 'D4', lacked: 'field-outside-portfolio', reportedTo: [chiefOfOffice.id] } });

    // The deputy in charge of the field then signs it.
    expect((await push(externalId, { action: 'sign', actorId: itDeputy, at: at(6) })).status).toBe(200);
  });

  it('D4 (Điều 9.1.8): "TL. GIÁM ĐỐC" is not proposed for a decision (409), and the chief of office signing in the director’s stead is refused and reported, rendered from its facts', async () => {
    const r = await registered({ title: 'Quyết định thành lập tổ công tác', kind: 'decision' });
    expect((await push(r.externalId, { action: 'vet', actorId: itHead.id, at: at(1) })).status).toBe(200);
    // The proposal itself is refused (D5): the rulebook authorises TL. for invitations and notices only.
    const proposal = await push(r.externalId, { action: 'submit', actorId: itHead.id, at: at(2), signerId: chiefOfOffice.id, form: 'tl' });
    expect(proposal.status).toBe(409);
    expect((await json(proposal)).errors[0].path).toBe('body.action');
    // Proposed for the director; the chief of office tries to sign it in his stead.
    expect((await push(r.externalId, { action: 'submit', actorId: itHead.id, at: at(3), signerId: director.id, form: 'director' })).status).toBe(200);
    expect((await push(r.externalId, { action: 'check-form', actorId: clerk.id, at: at(4) })).status).toBe(200);
    expect((await t.as(chiefOfOffice.id, `/v1/outgoing-documents/${r.doc.id}/steps`, { method: 'POST', body: JSON.stringify({ action: 'sign' }), clock: CLOCK })).status).toBe(403);
    const [finding] = (await json(await t.as(director.id, `/v1/findings?rule=D4&limit=100`, { clock: CLOCK }))).items.filter((f: any) => f.ref === r.doc.id);
    expect(finding).toMatchObject({ subjectId: chiefOfOffice.id, facts: { form: 'director', lacked: 'not-director' } });
    expect(findingText(finding, 'vi', names)).toContain('ký “GIÁM ĐỐC” không đúng thẩm quyền (lúc 03/12/2026 11:00) — chỉ Giám đốc ký “GIÁM ĐỐC”; chữ ký bị từ chối.');
    expect(findingText(finding, 'en', names)).toContain('— only the director signs as GIÁM ĐỐC; the signature was refused.');
  });

  it('D4 (Điều 9.1.8): a finding reported to the chief of office is in his GET /v1/findings, page by page and once each, and in nobody else’s beyond their scope; resolved, it shows resolved there', async () => {
    // A deputy outside his fields (unit: the board), and the chief of office himself in the director's stead (unit: the office).
    const a = await formChecked({ title: 'Công văn về phòng chống mã độc' });
    expect((await t.as(postsDeputy, `/v1/outgoing-documents/${a.doc.id}/steps`, { method: 'POST', body: JSON.stringify({ action: 'sign' }), clock: CLOCK })).status).toBe(403);
    const b = await registered({ title: 'Quyết định kiện toàn tổ ứng cứu sự cố', kind: 'decision' });
    expect((await push(b.externalId, { action: 'vet', actorId: itHead.id, at: at(1) })).status).toBe(200);
    expect((await push(b.externalId, { action: 'submit', actorId: itHead.id, at: at(2), signerId: director.id, form: 'director' })).status).toBe(200);
    expect((await push(b.externalId, { action: 'check-form', actorId: clerk.id, at: at(3) })).status).toBe(200);
    expect((await t.as(chiefOfOffice.id, `/v1/outgoing-documents/${b.doc.id}/steps`, { method: 'POST', body: JSON.stringify({ action: 'sign' }), clock: CLOCK })).status).toBe(403);
    const all = (await json(await t.as(director.id, '/v1/findings?rule=D4&limit=100', { clock: CLOCK }))).items as any[];
    const reported = all.find((f) => f.ref === a.doc.id);
    const own = all.find((f) => f.ref === b.doc.id);
    expect(reported).toMatchObject({ subjectId: postsDeputy, facts: { reportedTo: [chiefOfOffice.id] } });
    expect(own).toMatchObject({ subjectId: chiefOfOffice.id, unitId: chiefOfOffice.unitId });
    expect(reported.unitId).not.toBe(chiefOfOffice.unitId);

    /** Every page of a list, one item a page, following the sealed cursor. */
    const walk = async (who: string, query = '') => {
      const ids: string[] = [];
      let cursor: string | undefined;
      for (let pages = 0; pages < 200; pages++) {
        const res = await t.as(who, `/v1/findings?limit=1${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { clock: CLOCK });
        expect(res.status).toBe(200);
        const page = await json(res);
        expect(page.items.length).toBeLessThanOrEqual(1);
        ids.push(...page.items.map((f: any) => f.id));
        cursor = page.nextCursor;
        if (!cursor) return { ids, pages: pages + 1 };
      }
      throw new Error('the list did not end');
    };
    const chiefs = await walk(chiefOfOffice.id);
    expect(chiefs.ids).toContain(reported.id);
    expect(chiefs.ids.filter((id) => id === own.id)).toHaveLength(1);
    expect(new Set(chiefs.ids).size).toBe(chiefs.ids.length);
    expect(chiefs.pages).toBeGreaterThanOrEqual(2);
    // Nothing beyond what he may open: each listed finding opens for him, and the director's list holds the rest.
    for (const id of chiefs.ids) expect((await t.as(chiefOfOffice.id, `/v1/findings/${id}`, { clock: CLOCK })).status).toBe(200);
    const seenByChief = all.filter((f) => f.unitId === chiefOfOffice.unitId || f.subjectId === chiefOfOffice.id || f.facts?.reportedTo?.includes(chiefOfOffice.id)).map((f) => f.id);
    expect(seenByChief).toEqual(expect.arrayContaining([own.id, reported.id]));
    expect(chiefs.ids.filter((id) => all.some((f) => f.id === id)).sort()).toEqual([...seenByChief].sort());
    expect((await walk(chiefOfOffice.id, '&rule=D4')).ids.sort()).toEqual([...seenByChief].sort());

    // A head of another unit does not get it; the director still does.
    const heads = await walk(itHead.id);
    expect(heads.ids).not.toContain(reported.id);
    expect((await t.as(itHead.id, `/v1/findings/${reported.id}`, { clock: CLOCK })).status).toBe(404);
    expect((await walk(director.id, '&rule=D4')).ids).toContain(reported.id);
    // His cursor is his own: another caller presenting it is refused.
    const first = await json(await t.as(chiefOfOffice.id, '/v1/findings?limit=1', { clock: CLOCK }));
    expect(first.nextCursor).toBeDefined();
    const stolen = await t.as(itHead.id, `/v1/findings?limit=1&cursor=${encodeURIComponent(first.nextCursor)}`, { clock: CLOCK });
    expect(stolen.status).toBe(400);

    // Resolved by the director, his copy is resolved in the same write: listed resolved, gone from the open list.
    const resolved = await t.as(director.id, `/v1/findings/${reported.id}/resolve`, { method: 'POST', body: JSON.stringify({ note: 'Đã nhắc nhở, văn bản do Phó Giám đốc phụ trách lĩnh vực ký.' }), clock: CLOCK });
    expect(resolved.status).toBe(200);
    const listed = (await json(await t.as(chiefOfOffice.id, '/v1/findings?rule=D4&limit=100', { clock: CLOCK }))).items.find((f: any) => f.id === reported.id);
    expect(listed).toMatchObject({ resolution: 'resolved', resolvedBy: director.id, version: 2 });
    expect((await walk(chiefOfOffice.id, '&open=true')).ids).not.toContain(reported.id);
  });
});
