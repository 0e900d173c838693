/**
 * Evidence files (issue #22) against DynamoDB Local and the local S3-compatible server: the
 * presigned PUT's signature fixes type, length and checksum, so storage itself refuses a body
 * that differs; downloads follow the record's visibility and are audited; the history keeps the hash.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTableContext } from '../../shared/store/client.js';
import { OrganisationRepository } from '../../shared/store/organisation-repository.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { person } from '../support/people.js';
import { changeStaffInRecords } from '../support/staff-records.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.dispose();
});

const NOW = '2026-11-26T09:00:00+07:00';
const json = async (res: Response) => (await res.json()) as any;
const itHead = person('head', 'it');
const itSpecialist = person('specialist', 'it');
const itSpecialist2 = person('specialist', 'it', 1);
const pressSpecialist = person('specialist', 'press');
const director = person('director');

const PDF = Buffer.from('%PDF-1.4\n% Biên bản nghiệm thu hệ thống một cửa\n%%EOF\n');
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

async function newAssignment(assigneeId = itSpecialist.id): Promise<string> {
  const res = await t.as(itHead.id, '/v1/assignments', {
    method: 'POST',
    body: JSON.stringify({ title: 'Rà soát hệ thống một cửa điện tử', assigneeId, dueDate: '2026-12-04' }),
    clock: NOW,
  });
  expect(res.status).toBe(201);
  return (await json(res)).id;
}

async function requestUpload(as: string, file: { name?: string; type?: string; body?: Buffer; size?: number; sha256?: string } = {}) {
  const body = file.body ?? PDF;
  return t.as(as, '/v1/uploads', {
    method: 'POST',
    body: JSON.stringify({ name: file.name ?? 'bien-ban.pdf', type: file.type ?? 'application/pdf', size: file.size ?? body.length, sha256: file.sha256 ?? sha256(body) }),
    clock: NOW,
  });
}

/** PUTs bytes to a presigned URL as a browser would: the signed headers plus whatever `headers` overrides. */
async function put(ticket: any, body: Buffer, headers: Record<string, string> = {}) {
  const res = await fetch(ticket.upload.url, { method: 'PUT', body, headers: { ...ticket.upload.headers, ...headers } });
  return { status: res.status, text: await res.text() };
}

async function uploaded(as: string, body = PDF, name = 'bien-ban.pdf', type = 'application/pdf'): Promise<any> {
  const res = await requestUpload(as, { body, name, type });
  expect(res.status).toBe(201);
  const ticket = await json(res);
  expect((await put(ticket, body)).status).toBe(200);
  return ticket;
}

describe('requesting an upload', () => {
  it('answers a pending upload with a presigned PUT whose signature covers type, length and checksum', async () => {
    const res = await requestUpload(itSpecialist.id);
    expect(res.status).toBe(201);
    const ticket = await json(res);
    expect(ticket).toMatchObject({ status: 'pending', name: 'bien-ban.pdf', type: 'application/pdf', size: PDF.length, sha256: sha256(PDF) });
    const signed = new URL(ticket.upload.url).searchParams.get('X-Amz-SignedHeaders')!.split(';');
    expect(signed).toEqual(expect.arrayContaining(['content-length', 'content-type', 'x-amz-checksum-sha256']));
    expect(ticket.upload.headers['x-amz-checksum-sha256']).toBe(createHash('sha256').update(PDF).digest('base64'));
  });

  it('refuses a type outside the allow-list and a bad hash (400), and a file over the rulebook limit (422), naming each field, writing nothing', async () => {
    const before = await t.countItems();
    const res = await t.as(itSpecialist.id, '/v1/uploads', {
      method: 'POST',
      body: JSON.stringify({ name: 'trang.html', type: 'text/html', size: 1024, sha256: 'abc' }),
      clock: NOW,
    });
    expect(res.status).toBe(400);
    expect((await json(res)).errors.map((e: any) => e.path).sort()).toEqual(['body.sha256', 'body.type']);
    const tooLarge = await requestUpload(itSpecialist.id, { size: 25 * 1024 * 1024 + 1 });
    expect(tooLarge.status).toBe(422);
    expect((await json(tooLarge)).errors.map((e: any) => e.path)).toEqual(['body.size']);
    expect(await t.countItems()).toBe(before);
  });

  it('refuses a name whose extension does not match the type', async () => {
    const res = await requestUpload(itSpecialist.id, { name: 'bien-ban.exe' });
    expect(res.status).toBe(422);
    expect((await json(res)).errors[0].path).toBe('body.name');
  });

  it('the same Idempotency-Key gives the same upload again, with a fresh URL, and creates nothing new', async () => {
    const init = {
      method: 'POST',
      body: JSON.stringify({ name: 'ke-hoach.docx', type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', size: 10, sha256: 'a'.repeat(64) }),
      headers: { 'idempotency-key': 'upload-1' },
      clock: NOW,
    };
    const first = await json(await t.as(itSpecialist.id, '/v1/uploads', init));
    const count = await t.countItems();
    const again = await t.as(itSpecialist.id, '/v1/uploads', init);
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect((await json(again)).id).toBe(first.id);
    expect(await t.countItems()).toBe(count);
  });
});

describe('storage itself refuses what the signature does not allow', () => {
  it('a body larger than the size signed is refused by S3 (403), and so not attachable', async () => {
    const ticket = await json(await requestUpload(itSpecialist.id));
    const larger = Buffer.concat([PDF, Buffer.from('x')]);
    const refused = await put(ticket, larger, { 'x-amz-checksum-sha256': createHash('sha256').update(larger).digest('base64') });
    expect(refused.status).toBe(403);
    expect(refused.text).toContain('SignatureDoesNotMatch');
    const id = await newAssignment();
    const attach = await t.as(itSpecialist.id, `/v1/assignments/${id}/progress`, { method: 'POST', body: JSON.stringify({ percent: 50, note: 'Đã có biên bản', files: [ticket.id] }), clock: NOW });
    expect(attach.status).toBe(422);
    expect((await json(attach)).errors[0]).toMatchObject({ path: 'body.files.0' });
  });

  it('a forbidden type sent on a URL signed for a PDF is refused by S3 (403)', async () => {
    const ticket = await json(await requestUpload(itSpecialist.id));
    const refused = await put(ticket, PDF, { 'content-type': 'text/html' });
    expect(refused.status).toBe(403);
    expect(refused.text).toContain('SignatureDoesNotMatch');
  });

  it('a tampered body under the signed checksum is refused (400 BadDigest); a changed checksum header breaks the signature (403)', async () => {
    const ticket = await json(await requestUpload(itSpecialist.id));
    const tampered = Buffer.from(PDF);
    tampered[10] = tampered[10]! ^ 1;
    const badDigest = await put(ticket, tampered);
    expect(badDigest.status).toBe(400);
    expect(badDigest.text).toContain('BadDigest');
    const newHeader = await put(ticket, tampered, { 'x-amz-checksum-sha256': createHash('sha256').update(tampered).digest('base64') });
    expect(newHeader.status).toBe(403);
    // Nothing was stored: the upload cannot be attached.
    const id = await newAssignment();
    const attach = await t.as(itSpecialist.id, `/v1/assignments/${id}/complete`, { method: 'POST', body: JSON.stringify({ note: 'Xong', files: [ticket.id] }), clock: NOW });
    expect(attach.status).toBe(422);
  });
});

describe('attaching files to an assignment and downloading them', () => {
  let assignmentId: string;
  let file: any;

  beforeAll(async () => {
    assignmentId = await newAssignment();
    file = await uploaded(itSpecialist.id);
  });

  it('completion keeps the file with its SHA-256, in the record and in its history', async () => {
    const res = await t.as(itSpecialist.id, `/v1/assignments/${assignmentId}/complete`, {
      method: 'POST',
      body: JSON.stringify({ note: 'Đã hoàn thành, kèm biên bản nghiệm thu', files: [file.id] }),
      clock: NOW,
    });
    expect(res.status).toBe(200);
    const done = await json(res);
    expect(done.files).toEqual([expect.objectContaining({ id: file.id, name: 'bien-ban.pdf', sha256: sha256(PDF), size: PDF.length, uploadedBy: itSpecialist.id })]);
    const withHistory = await json(await t.as(itHead.id, `/v1/assignments/${assignmentId}`, { clock: NOW }));
    const completed = withHistory.history.find((e: any) => e.action === 'completed');
    expect(completed.data.files[0]).toMatchObject({ id: file.id, sha256: sha256(PDF) });
  });

  it('an upload serves one record once: using it again is refused', async () => {
    const other = await newAssignment();
    const res = await t.as(itSpecialist.id, `/v1/assignments/${other}/progress`, { method: 'POST', body: JSON.stringify({ percent: 10, note: 'Lại', files: [file.id] }), clock: NOW });
    expect(res.status).toBe(422);
  });

  it('someone else’s upload cannot be attached (422, the same answer as no upload), and nothing is written', async () => {
    const mine = await uploaded(itSpecialist2.id);
    const other = await newAssignment();
    const before = await t.countItems();
    const res = await t.as(itSpecialist.id, `/v1/assignments/${other}/progress`, { method: 'POST', body: JSON.stringify({ percent: 10, note: 'Thử', files: [mine.id] }), clock: NOW });
    expect(res.status).toBe(422);
    expect((await json(res)).errors[0].message).toContain('no upload of yours');
    expect(await t.countItems()).toBe(before);
  });

  it('whoever may see the record downloads it: 303 to a short-lived URL serving the same bytes, and the download is audited', async () => {
    const res = await t.as(itHead.id, `/v1/files/${file.id}`, { clock: NOW });
    expect(res.status).toBe(303);
    const location = new URL(res.headers.get('location')!);
    expect(Number(location.searchParams.get('X-Amz-Expires'))).toBeLessThanOrEqual(60);
    const got = await fetch(location);
    expect(got.status).toBe(200);
    expect(Buffer.from(await got.arrayBuffer()).equals(PDF)).toBe(true);
    expect(got.headers.get('content-disposition')).toContain('bien-ban.pdf');
    const audit = await json(await t.as(itHead.id, `/v1/audit?entityId=${file.id}`, { clock: NOW }));
    expect(audit.items).toEqual([expect.objectContaining({ action: 'downloaded', actorId: itHead.id, entityType: 'file', data: expect.objectContaining({ sha256: sha256(PDF) }) })]);
  });

  it('a person who may not see the record gets 404 for its file, as for no file, and no audit event is written', async () => {
    const before = (await json(await t.as(director.id, `/v1/audit?entityId=${file.id}`, { clock: NOW }))).items.length;
    const res = await t.as(pressSpecialist.id, `/v1/files/${file.id}`, { clock: NOW });
    expect(res.status).toBe(404);
    const none = await t.as(pressSpecialist.id, '/v1/files/01JNOSUCHFILE0000000000000', { clock: NOW });
    expect(none.status).toBe(404);
    expect((await json(res)).title).toBe((await json(none)).title);
    expect((await t.as(pressSpecialist.id, `/v1/audit?entityId=${file.id}`, { clock: NOW })).status).toBe(404);
    const after = (await json(await t.as(director.id, `/v1/audit?entityId=${file.id}`, { clock: NOW }))).items.length;
    expect(after).toBe(before);
  });

  it('a head whose employment another process has just ended: the next download is refused (401) and audits nothing, though the warm process answers reads ahead of the version item', async () => {
    const countDownloads = async () => (await json(await t.as(director.id, `/v1/audit?entityId=${file.id}`, { clock: NOW }))).items.length;
    // This process holds the snapshot in which they are the unit's head.
    expect((await t.as(itHead.id, `/v1/files/${file.id}`, { clock: NOW })).status).toBe(303);
    const before = await countDownloads();
    const other = createTableContext({ tableName: t.table.tableName, endpoint: inject('dynamoEndpoint') });
    const repository = new OrganisationRepository(other);
    try {
      await changeStaffInRecords(repository, t.orgId, { [itHead.id]: { active: false } });
      expect((await t.as(itHead.id, `/v1/files/${file.id}`, { clock: NOW })).status).toBe(401);
      expect(await countDownloads()).toBe(before);
    } finally {
      await changeStaffInRecords(repository, t.orgId, { [itHead.id]: { active: true } });
      other.client.destroy();
    }
  });

  it('a pending upload shows nowhere: 404 even for its uploader', async () => {
    const pending = await uploaded(itSpecialist.id);
    expect((await t.as(itSpecialist.id, `/v1/files/${pending.id}`, { clock: NOW })).status).toBe(404);
    expect((await t.as(itSpecialist.id, `/v1/audit?entityId=${pending.id}`, { clock: NOW })).status).toBe(404);
  });

  it('progress keeps files too, added to the record’s list', async () => {
    const id = await newAssignment();
    const a = await uploaded(itSpecialist.id, Buffer.from('Báo cáo tiến độ tuần 48'), 'tien-do.txt', 'text/plain');
    const res = await t.as(itSpecialist.id, `/v1/assignments/${id}/progress`, { method: 'POST', body: JSON.stringify({ percent: 40, note: 'Tiến độ', files: [a.id] }), clock: NOW });
    expect(res.status).toBe(200);
    const b = await uploaded(itSpecialist.id, Buffer.from('%PDF-1.4 xong'), 'ket-qua.pdf');
    const done = await json(
      await t.as(itSpecialist.id, `/v1/assignments/${id}/complete`, { method: 'POST', body: JSON.stringify({ note: 'Xong', files: [b.id] }), clock: NOW }),
    );
    expect(done.files.map((f: any) => f.name)).toEqual(['tien-do.txt', 'ket-qua.pdf']);
  });
});
