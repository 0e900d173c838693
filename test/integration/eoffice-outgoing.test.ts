import { beforeAll, describe, expect, it } from 'vitest';
import { generateWebhookSecret } from '../../shared/adapters/webhook-signing.js';
import type { TestApp } from '../support/app.js';
import { json } from '../support/eoffice.js';
import { OUT, T0, CLOCK, at, director, itDeputy, clerk, itHead, itSpecialist, names, outgoingEofficeSuite } from '../support/eoffice-outgoing.js';
import { person } from '../support/people.js';

// Outgoing documents and the e-office (issue #19 item 7; D4 Điều 9.1.8, D5 Điều 13.1, Điều 9.1.1, 9.1.3, 12):
// signed pushes from the e-office onto the same steps, and every step reported back through the outbox.
const { received, outgoing, register, push, deliveriesOf, registered, formChecked, app } = outgoingEofficeSuite();
const OTHER = generateWebhookSecret();
let t: TestApp;
beforeAll(() => {
  t = app();
});

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
