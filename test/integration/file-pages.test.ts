/**
 * The pages' file routes (issue #22, item 7) through the real app on DynamoDB Local and the local
 * S3-compatible server: POST /files/uploads takes the session cookie only with the session's CSRF
 * token and from this site; bad input is a problem naming the field, writing nothing; an upload
 * serves only the session that asked for it; GET /files/{id} downloads for whoever may see the
 * record and is the 404 page for anyone else; the assignment forms keep their files.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { csrfTokenFor } from '../../functions/api/forms/csrf.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { person } from '../support/people.js';

let t: TestApp;
const head = person('head', 'it');
const specialist = person('specialist', 'it');
const colleague = person('specialist', 'it', 1);
const outsider = person('specialist', 'press');
const NOW = '2026-12-03T09:00:00+07:00';
const HTML = 'text/html,application/xhtml+xml';
const SAME_SITE = { 'sec-fetch-site': 'same-origin', origin: 'null' };

const PDF = Buffer.from('%PDF-1.4\n% Biên bản kiểm tra hồ sơ số hóa\n%%EOF\n');
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

beforeAll(async () => {
  t = await createTestApp();
}, 120_000);
afterAll(async () => {
  await t?.dispose();
});

const cookieOf = async (staffId: string) => `tracker_session=${await t.token(staffId)}`;
const csrfOf = async (staffId: string) => csrfTokenFor(await t.token(staffId));

/** A form post with `staffId`'s session cookie, as a browser on this site sends it. */
async function post(staffId: string, path: string, fields: Record<string, string | string[]>, headers: Record<string, string> = SAME_SITE, accept = 'application/json') {
  const body = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) for (const x of Array.isArray(v) ? v : [v]) body.append(k, x);
  return t.app.request(path, {
    method: 'POST',
    headers: { accept, cookie: await cookieOf(staffId), 'content-type': 'application/x-www-form-urlencoded', 'x-clock': NOW, ...headers },
    body: body.toString(),
  });
}

const uploadFields = async (staffId: string, file: Partial<Record<'name' | 'type' | 'size' | 'sha256' | '_idem', string>> = {}) => ({
  _csrf: await csrfOf(staffId),
  name: 'bien-ban.pdf',
  type: 'application/pdf',
  size: String(PDF.length),
  sha256: sha256(PDF),
  ...file,
});

/** Asks the page route for an upload and PUTs the bytes as the forms script does; the ticket. */
async function uploaded(staffId: string, body = PDF): Promise<{ id: string; sha256: string }> {
  const res = await post(staffId, '/files/uploads', await uploadFields(staffId, { size: String(body.length), sha256: sha256(body) }));
  expect(res.status).toBe(201);
  const ticket = (await res.json()) as { id: string; sha256: string; upload: { url: string; headers: Record<string, string> } };
  const put = await fetch(ticket.upload.url, { method: 'PUT', body, headers: ticket.upload.headers });
  expect(put.status).toBe(200);
  return ticket;
}

async function assign(title: string, to = specialist.id): Promise<string> {
  const res = await t.as(head.id, '/v1/assignments', { method: 'POST', body: JSON.stringify({ title, assigneeId: to, dueDate: '2026-12-18' }), clock: NOW });
  expect(res.status).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

async function pageOf(staffId: string, path: string): Promise<{ status: number; html: string }> {
  const res = await t.app.request(path, { headers: { accept: HTML, cookie: await cookieOf(staffId), 'x-clock': NOW } });
  return { status: res.status, html: await res.text() };
}

/** The hidden fields of the form with this data-action on the page. */
function formOf(html: string, action: string): Record<string, string> {
  const start = html.indexOf(`data-action="${action}"`);
  expect(start, `no form ${action}`).toBeGreaterThan(-1);
  const form = html.slice(start, html.indexOf('</form>', start));
  const hidden: Record<string, string> = {};
  for (const m of form.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)) hidden[m[1]!] = m[2]!;
  return hidden;
}

describe('POST /files/uploads (the forms script, with the session)', () => {
  it('answers the same presigned ticket as POST /v1/uploads, and one idempotency key gives one upload', async () => {
    const fields = await uploadFields(specialist.id, { _idem: 'file-1-key' });
    const first = await post(specialist.id, '/files/uploads', fields);
    expect(first.status).toBe(201);
    const ticket = (await first.json()) as { id: string; status: string; sha256: string; upload: { url: string; method: string; headers: Record<string, string> } };
    expect(ticket).toMatchObject({ status: 'pending', sha256: sha256(PDF), upload: { method: 'PUT' } });
    expect(new URL(ticket.upload.url).searchParams.get('X-Amz-SignedHeaders')!.split(';')).toEqual(expect.arrayContaining(['content-length', 'content-type', 'x-amz-checksum-sha256']));
    const again = await post(specialist.id, '/files/uploads', fields);
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(((await again.json()) as { id: string }).id).toBe(ticket.id);
  });

  it('takes the session cookie only with its CSRF token and from this site, writing nothing otherwise', async () => {
    const before = await t.countItems();
    const fields = await uploadFields(specialist.id);
    const { _csrf, ...noToken } = fields;
    expect(_csrf).toBeTruthy();
    const missing = await post(specialist.id, '/files/uploads', noToken, SAME_SITE, HTML);
    expect(missing.status).toBe(403);
    expect(await missing.text()).toContain('Biểu mẫu không có mã xác thực hợp lệ');
    // Another session's token does not fit this cookie.
    const foreign = await post(specialist.id, '/files/uploads', { ...fields, _csrf: await csrfOf(colleague.id) });
    expect(foreign.status).toBe(403);
    const crossSite = await post(specialist.id, '/files/uploads', fields, { 'sec-fetch-site': 'cross-site', origin: 'https://evil.example' });
    expect(crossSite.status).toBe(403);
    // No session at all: the script is told to sign in again (401), not redirected.
    const anonymous = await t.app.request('/files/uploads', { method: 'POST', headers: { accept: 'application/json', 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields).toString() });
    expect(anonymous.status).toBe(401);
    expect(await t.countItems()).toBe(before);
  });

  it('refuses bad input with a problem naming each field (400; over the limit 422), writing nothing', async () => {
    const before = await t.countItems();
    const bad = await post(specialist.id, '/files/uploads', await uploadFields(specialist.id, { name: '', type: 'text/html', size: 'lots', sha256: 'abc' }));
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toContain('application/problem+json');
    const paths = ((await bad.json()) as { errors: { path: string }[] }).errors.map((e) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['body.name', 'body.type', 'body.size', 'body.sha256']));
    const large = await post(specialist.id, '/files/uploads', await uploadFields(specialist.id, { name: 'ho-so.zip', type: 'application/zip', size: String(25 * 1024 * 1024 + 1) }));
    expect(large.status).toBe(422);
    expect(((await large.json()) as { errors: { path: string; message: string }[] }).errors).toEqual([{ path: 'body.size', message: 'a file may be at most 25 MB' }]);
    const mismatch = await post(specialist.id, '/files/uploads', await uploadFields(specialist.id, { name: 'bien-ban.docx' }));
    expect(mismatch.status).toBe(422);
    expect(((await mismatch.json()) as { errors: { path: string }[] }).errors.map((e) => e.path)).toEqual(['body.name']);
    expect(await t.countItems()).toBe(before);
  });
});

describe('the assignment forms with files', () => {
  it('a progress report keeps the uploaded file; the page and its history show it with the hash', async () => {
    const id = await assign('Số hóa hồ sơ lưu trữ năm 2025');
    const ticket = await uploaded(specialist.id);
    const page = await pageOf(specialist.id, `/assignments/${id}`);
    expect(page.html).toContain('data-file-field=""');
    expect(page.html).toContain('Đính kèm tệp cần bật JavaScript trong trình duyệt.');
    expect(page.html).toContain('mỗi tệp tối đa 25 MB');
    const hidden = formOf(page.html, 'assignment.progress');
    const res = await post(specialist.id, `/assignments/${id}/progress`, { ...hidden, percent: '30', note: 'Đã số hóa 30%', files: ticket.id }, SAME_SITE, HTML);
    expect(res.status).toBe(303);
    const record = (await (await t.as(head.id, `/v1/assignments/${id}`)).json()) as { files: { id: string; sha256: string; uploadedBy: string }[]; history: { action: string; data: { files?: { sha256: string }[] } }[] };
    expect(record.files).toEqual([expect.objectContaining({ id: ticket.id, sha256: sha256(PDF), uploadedBy: specialist.id })]);
    expect(record.history.find((e) => e.action === 'progress-recorded')!.data.files![0]!.sha256).toBe(sha256(PDF));
    const after = await pageOf(head.id, `/assignments/${id}`);
    expect(after.html).toContain(`href="/files/${ticket.id}"`);
    expect(after.html.match(new RegExp(sha256(PDF), 'g'))!.length).toBeGreaterThanOrEqual(2);
    // The file downloads through the page route for whoever may see the record, and is the 404 page for anyone else.
    const download = await t.app.request(`/files/${ticket.id}`, { headers: { accept: HTML, cookie: await cookieOf(head.id) } });
    expect(download.status).toBe(303);
    expect(new URL(download.headers.get('location')!).origin).toBe(inject('s3Endpoint'));
    const stored = await fetch(download.headers.get('location')!);
    expect(sha256(Buffer.from(await stored.arrayBuffer()))).toBe(sha256(PDF));
    const hidden404 = await pageOf(outsider.id, `/files/${ticket.id}`);
    expect(hidden404.status).toBe(404);
    expect(hidden404.html).toContain('Không tìm thấy hồ sơ này, hoặc anh/chị không có quyền xem.');
    expect((await pageOf(outsider.id, '/files/not%20an%20id')).status).toBe(404);
    // The download is audited: who, which file.
    const audit = (await (await t.as(head.id, `/v1/audit?entityId=${ticket.id}`)).json()) as { items: { action: string; actorId: string }[] };
    expect(audit.items.map((e) => [e.action, e.actorId])).toContainEqual(['downloaded', head.id]);
  });

  it('a session of someone else cannot use the upload: 422 next to the field, nothing written; its owner still can', async () => {
    const mine = await assign('Cập nhật cổng thông tin điện tử', colleague.id);
    const ticket = await uploaded(specialist.id);
    const page = await pageOf(colleague.id, `/assignments/${mine}`);
    const before = await t.countItems();
    const res = await post(colleague.id, `/assignments/${mine}/complete`, { ...formOf(page.html, 'assignment.complete'), note: 'Đã xong', files: ticket.id }, SAME_SITE, HTML);
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('Tệp đính kèm không còn dùng được');
    expect(html).toContain('id="complete-files-0"');
    expect(await t.countItems()).toBe(before);
    const record = (await (await t.as(colleague.id, `/v1/assignments/${mine}`)).json()) as { status: string; files?: unknown[] };
    expect(record.status).toBe('assigned');
    expect(record.files ?? []).toEqual([]);
    // The same upload still serves its owner.
    const own = await assign('Báo cáo an toàn thông tin');
    const ownPage = await pageOf(specialist.id, `/assignments/${own}`);
    const ok = await post(specialist.id, `/assignments/${own}/progress`, { ...formOf(ownPage.html, 'assignment.progress'), percent: '10', note: 'Bắt đầu', files: ticket.id }, SAME_SITE, HTML);
    expect(ok.status).toBe(303);
  });

  it('a form shown again for another field keeps the uploaded file, so it is not uploaded twice', async () => {
    const id = await assign('Rà soát thủ tục hành chính');
    const ticket = await uploaded(specialist.id);
    const page = await pageOf(specialist.id, `/assignments/${id}`);
    const res = await post(specialist.id, `/assignments/${id}/progress`, { ...formOf(page.html, 'assignment.progress'), percent: '30', note: '', files: ticket.id }, SAME_SITE, HTML);
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(formOf(html, 'assignment.progress').files).toBe(ticket.id);
    // Not an id at all: the field's own error, nothing written.
    const before = await t.countItems();
    const bad = await post(specialist.id, `/assignments/${id}/progress`, { ...formOf(page.html, 'assignment.progress'), percent: '30', note: 'Có ghi chú', files: 'không phải mã' }, SAME_SITE, HTML);
    expect(bad.status).toBe(422);
    expect(await bad.text()).toContain('id="progress-files-0-error"');
    expect(await t.countItems()).toBe(before);
  });

  it('the Content-Security-Policy lets the pages connect to the bucket and nowhere else', async () => {
    const res = await t.app.request('/my-work', { headers: { accept: HTML, cookie: await cookieOf(specialist.id) } });
    const csp = res.headers.get('content-security-policy')!;
    expect(csp).toContain(`connect-src 'self' ${inject('s3Endpoint')};`);
    expect(csp).toContain("script-src 'self';");
  });
});
