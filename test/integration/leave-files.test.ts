/**
 * A leave request's files (issue #22): a medical certificate is as personal as the request, so only
 * those who may see the request (the applicant, the approver and the lines above, the Office's
 * register) download it; a colleague or another unit gets 404. Replays attach nothing twice; a bad
 * upload id is 422 naming `body.files.N` and writes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { person } from '../support/people.js';
import { download, sha256, uploaded } from '../support/uploads.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.dispose();
});

const CLOCK = '2026-11-26T08:00:00+07:00';
const json = async (res: Response) => (await res.json()) as any;
const applicant = person('specialist', 'it');
const colleague = person('specialist', 'it', 1);
const itHead = person('head', 'it');
const chiefOfOffice = person('chief-of-office');
const director = person('director');
const pressHead = person('head', 'press');

const CERTIFICATE = Buffer.from('%PDF-1.4\n% Giấy ra viện — Bệnh viện Đa khoa tỉnh Sơn La\n%%EOF\n');
const post = (as: string, path: string, b: unknown, headers: Record<string, string> = {}) =>
  t.as(as, path, { method: 'POST', body: JSON.stringify(b), clock: CLOCK, headers });

describe('a sick leave with its medical certificate', () => {
  let leaveId: string;
  let cert: { id: string };
  const sickLeave = (files: string[]) => ({ kind: 'sick', startDate: '2026-11-26', reason: 'Ốm, nằm viện', files });

  it('asked with the certificate: the file with its hash in the request and its history', async () => {
    cert = await uploaded(t, applicant.id, CERTIFICATE, 'giay-ra-vien.pdf', 'application/pdf', CLOCK);
    const res = await post(applicant.id, '/v1/leave-requests', sickLeave([cert.id]), { 'idempotency-key': 'sick-1' });
    expect(res.status).toBe(201);
    const created = await json(res);
    leaveId = created.id;
    expect(created.files).toEqual([expect.objectContaining({ id: cert.id, name: 'giay-ra-vien.pdf', sha256: sha256(CERTIFICATE), uploadedBy: applicant.id })]);
    const full = await json(await t.as(applicant.id, `/v1/leave-requests/${leaveId}`, { clock: CLOCK }));
    expect(full.history[0]).toMatchObject({ action: 'requested', data: { files: [expect.objectContaining({ id: cert.id, sha256: sha256(CERTIFICATE) })] } });
  });

  it('the same Idempotency-Key answers the first request and attaches nothing twice', async () => {
    const before = await t.countItems();
    const again = await post(applicant.id, '/v1/leave-requests', sickLeave([cert.id]), { 'idempotency-key': 'sick-1' });
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect((await json(again)).id).toBe(leaveId);
    expect(await t.countItems()).toBe(before);
  });

  it('downloaded by those who may see the request; a colleague and another unit’s head get 404', async () => {
    for (const who of [applicant.id, itHead.id, chiefOfOffice.id, director.id]) {
      const got = await download(t, who, cert.id);
      expect(got.status, who).toBe(303);
      expect(got.bytes!.equals(CERTIFICATE)).toBe(true);
    }
    for (const who of [colleague.id, pressHead.id]) {
      expect((await download(t, who, cert.id)).status, who).toBe(404);
      expect((await t.as(who, `/v1/leave-requests/${leaveId}`, { clock: CLOCK })).status).toBe(404);
    }
  });

  it('a certificate brought later joins the list; the same request again adds nothing', async () => {
    const later = Buffer.from('Giấy chứng nhận nghỉ việc hưởng BHXH');
    const l = await uploaded(t, applicant.id, later, 'giay-nghi-om.jpg', 'image/jpeg', CLOCK);
    const res = await post(applicant.id, `/v1/leave-requests/${leaveId}/files`, { files: [l.id] });
    expect(res.status).toBe(200);
    const updated = await json(res);
    expect(updated.files.map((f: any) => f.name)).toEqual(['giay-ra-vien.pdf', 'giay-nghi-om.jpg']);
    const before = await t.countItems();
    const again = await post(applicant.id, `/v1/leave-requests/${leaveId}/files`, { files: [l.id] });
    expect(again.status).toBe(200);
    expect((await json(again)).version).toBe(updated.version);
    expect(await t.countItems()).toBe(before);
    const full = await json(await t.as(itHead.id, `/v1/leave-requests/${leaveId}`, { clock: CLOCK }));
    expect(full.history.find((e: any) => e.action === 'files-added').data.files).toEqual([expect.objectContaining({ id: l.id, sha256: sha256(later) })]);
    expect((await download(t, colleague.id, l.id)).status).toBe(404);
  });

  it('only the applicant adds files: the head who sees it 403, another unit 404; nothing written', async () => {
    const heads = await uploaded(t, itHead.id, Buffer.from('x'), 'x.txt', 'text/plain', CLOCK);
    const press = await uploaded(t, pressHead.id, Buffer.from('y'), 'y.txt', 'text/plain', CLOCK);
    const before = await t.countItems();
    expect((await post(itHead.id, `/v1/leave-requests/${leaveId}/files`, { files: [heads.id] })).status).toBe(403);
    expect((await post(pressHead.id, `/v1/leave-requests/${leaveId}/files`, { files: [press.id] })).status).toBe(404);
    expect(await t.countItems()).toBe(before);
  });

  it('someone else’s upload or none: 422 naming body.files.N, nothing written', async () => {
    const others = await uploaded(t, colleague.id, Buffer.from('z'), 'z.txt', 'text/plain', CLOCK);
    const before = await t.countItems();
    const res = await post(applicant.id, '/v1/leave-requests', { kind: 'sick', startDate: '2026-11-27', reason: 'Ốm', files: ['01JNOSUCHUPLOAD00000000000', others.id] });
    expect(res.status).toBe(422);
    expect((await json(res)).errors.map((e: any) => e.path)).toEqual(['body.files.0', 'body.files.1']);
    expect(await t.countItems()).toBe(before);
  });
});
