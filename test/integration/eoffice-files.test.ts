/**
 * The e-office file path (issue #22, items 2 and 8): the e-office sends an incoming document's files
 * either as uploads it requested itself (presigned PUT, bytes never through the API) or as URLs the
 * tracker fetches into the bucket. Local HTTP servers play the e-office's file host and a host
 * elsewhere; the URL guard refuses a forbidden type, a file over the rulebook's limit, a redirect
 * elsewhere, a host off the list and another hash, each naming `body.files.N.…` and writing nothing.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateWebhookSecret } from '../../shared/adapters/webhook-signing.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { json, signedPost } from '../support/eoffice.js';
import { person, sonLa } from '../support/people.js';
import { download, sha256, uploaded } from '../support/uploads.js';

const SECRET = generateWebhookSecret();
const DOCS = '/v1/integrations/eoffice/documents';
const UPLOADS = '/v1/integrations/eoffice/uploads';
const CLOCK = '2026-11-26T10:05:00+07:00';
const LIMIT = 1024 * 1024;
const director = person('director');
const clerk = person('clerk');
const pressSpecialist = person('specialist', 'press');
const itSpecialist = person('specialist', 'it');

const SCAN = Buffer.from('%PDF-1.4\n% 1234/UBND-KT — V/v triển khai chữ ký số\n%%EOF\n');
const hits = new Map<string, number>();

function serve(handler: (path: string, res: import('node:http').ServerResponse) => void): Promise<Server> {
  const server = createServer((req, res) => {
    hits.set(req.url!, (hits.get(req.url!) ?? 0) + 1);
    handler(req.url!, res);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}
const portOf = (s: Server) => (s.address() as AddressInfo).port;

let t: TestApp;
let fileHost: Server;
let elsewhere: Server;
let base: string;

beforeAll(async () => {
  elsewhere = await serve((_path, res) => {
    res.writeHead(200, { 'content-type': 'application/pdf' });
    res.end(SCAN);
  });
  fileHost = await serve((path, res) => {
    if (path.startsWith('/vb/')) {
      res.writeHead(200, { 'content-type': 'application/pdf; charset=binary', 'content-length': SCAN.length });
      return res.end(SCAN);
    }
    if (path === '/page.html') {
      res.writeHead(200, { 'content-type': 'text/html' });
      return res.end('<script>alert(1)</script>');
    }
    if (path === '/big.pdf') {
      // No content-length: the limit must be enforced while the body streams.
      res.writeHead(200, { 'content-type': 'application/pdf' });
      const chunk = Buffer.alloc(64 * 1024, 0x41);
      for (let i = 0; i < LIMIT / chunk.length; i++) res.write(chunk);
      return res.end(Buffer.from('!'));
    }
    if (path === '/away') {
      res.writeHead(302, { location: `http://127.0.0.1:${portOf(elsewhere)}/vb/1234.pdf` });
      return res.end();
    }
    if (path === '/same') {
      res.writeHead(302, { location: '/vb/same.pdf' });
      return res.end();
    }
    res.writeHead(404);
    res.end();
  });
  base = `http://127.0.0.1:${portOf(fileHost)}`;
  t = await createTestApp({
    rulebooks: [{ ...sonLa, files: { ...sonLa.files, maxBytes: LIMIT } }],
    // The local/test setting: http and a loopback address, for this host only.
    eoffice: { secrets: [SECRET], files: { hosts: [`127.0.0.1:${portOf(fileHost)}`], allowHttp: true, allowPrivateAddresses: true } },
  });
});
afterAll(async () => {
  await t?.dispose();
  fileHost?.close();
  elsewhere?.close();
});

let n = 0;
const doc = (extra: Record<string, unknown> = {}) => ({
  externalId: `VB-2026-F${String(++n).padStart(4, '0')}`,
  number: `${1234 + n}/UBND-KT`,
  title: 'V/v triển khai chữ ký số cho cán bộ, công chức',
  issuer: 'UBND tỉnh Sơn La',
  receivedAt: '2026-11-26T10:00:00+07:00',
  ...extra,
});
const push = (body: object, id?: string) => signedPost(t, DOCS, body, { secrets: [SECRET], clock: CLOCK, ...(id ? { id } : {}) });

describe('a file URL: fetched into the bucket', () => {
  let registered: any;
  const body = () => doc({ files: [{ url: `${base}/vb/1234.pdf`, name: '1234-UBND-KT.pdf', type: 'application/pdf', sha256: sha256(SCAN) }] });
  let first: ReturnType<typeof body>;

  it('the document carries the file with its hash, in the record and its history', async () => {
    first = body();
    const res = await push(first, 'evt_file_url_1');
    expect(res.status).toBe(201);
    registered = await json(res);
    expect(registered.files).toEqual([
      expect.objectContaining({ name: '1234-UBND-KT.pdf', type: 'application/pdf', size: SCAN.length, sha256: sha256(SCAN), uploadedBy: 'integration:eoffice' }),
    ]);
    const full = await json(await t.as(director.id, `/v1/documents/${registered.id}`, { clock: CLOCK }));
    expect(full.files[0].sha256).toBe(sha256(SCAN));
    expect(full.history[0]).toMatchObject({ action: 'registered', data: { files: [expect.objectContaining({ sha256: sha256(SCAN) })] } });
  });

  it('downloadable by those who may see the document; 404 for who may not', async () => {
    for (const who of [director.id, clerk.id]) {
      const got = await download(t, who, registered.files[0].id);
      expect(got.status, who).toBe(303);
      expect(got.bytes!.equals(SCAN)).toBe(true);
    }
    expect((await download(t, pressSpecialist.id, registered.files[0].id)).status).toBe(404);
  });

  it('a redelivery (same webhook-id) or the same document again (another id) fetches nothing and stores one file', async () => {
    const fetches = hits.get('/vb/1234.pdf');
    const before = await t.countItems();
    const replay = await push(first, 'evt_file_url_1');
    expect(replay.status).toBe(201);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect((await json(replay)).files).toEqual(registered.files);
    const again = await push(first, 'evt_file_url_2');
    expect(again.status).toBe(200);
    expect((await json(again)).files).toEqual(registered.files);
    expect(hits.get('/vb/1234.pdf')).toBe(fetches);
    expect(await t.countItems()).toBe(before);
  });

  it('a redirect to the same host is followed', async () => {
    const res = await push(doc({ files: [{ url: `${base}/same`, name: 'cung-may.pdf' }] }));
    expect(res.status).toBe(201);
    expect((await json(res)).files[0].sha256).toBe(sha256(SCAN));
  });

  it('a confidential document’s file follows the confidential register (D2)', async () => {
    const res = await push(doc({ confidentiality: 'top-secret', files: [{ url: `${base}/vb/mat.pdf`, name: 'mat.pdf' }] }));
    expect(res.status).toBe(201);
    const fileId = (await json(res)).files[0].id;
    expect((await download(t, director.id, fileId)).status).toBe(303);
    expect((await download(t, itSpecialist.id, fileId)).status).toBe(404);
    expect((await download(t, pressSpecialist.id, fileId)).status).toBe(404);
  });
});

describe('the URL guard: each refusal names the file and writes nothing', () => {
  it.each([
    ['a forbidden type', () => ({ url: `${base}/page.html`, name: 'trang.pdf' }), 'body.files.0.url', /text\/html/],
    ['a file over the rulebook’s limit, without content-length', () => ({ url: `${base}/big.pdf`, name: 'lon.pdf' }), 'body.files.0.url', /limit/],
    ['a redirect to another host', () => ({ url: `${base}/away`, name: 'x.pdf' }), 'body.files.0.url', /another host/],
    ['a host off the list', () => ({ url: `http://127.0.0.1:${portOf(elsewhere)}/vb/1234.pdf`, name: 'x.pdf' }), 'body.files.0.url', /not on the e-office's list/],
    ['another hash than the one stated', () => ({ url: `${base}/vb/h.pdf`, name: 'h.pdf', sha256: 'a'.repeat(64) }), 'body.files.0.sha256', /SHA-256/],
    ['another type than the one stated', () => ({ url: `${base}/vb/t.pdf`, name: 't.png', type: 'image/png' }), 'body.files.0.type', /not image\/png/],
    ['a name whose extension does not match the type', () => ({ url: `${base}/vb/n.pdf`, name: 'n.exe' }), 'body.files.0.name', /\.pdf/],
  ])('%s', async (_what, file, path, message) => {
    const elsewhereHits = hits.get('/vb/1234.pdf');
    const before = await t.countItems();
    const body = doc({ files: [file()] });
    const res = await push(body);
    expect(res.status).toBe(422);
    const problem = await json(res);
    expect(problem.errors).toEqual([expect.objectContaining({ path, message: expect.stringMatching(message) })]);
    expect(await t.countItems()).toBe(before);
    // Never fetched from elsewhere, and the document can be pushed again once the file is right.
    expect(hits.get('/vb/1234.pdf')).toBe(elsewhereHits);
    expect((await push({ ...body, files: [{ url: `${base}/vb/ok.pdf`, name: 'ok.pdf' }] })).status).toBe(201);
  });

  it('a file host that does not answer is a 503 the e-office retries, nothing written', async () => {
    const closed = await serve(() => undefined);
    const port = portOf(closed);
    await new Promise((r) => closed.close(r));
    const app = await createTestApp({ eoffice: { secrets: [SECRET], files: { hosts: [`127.0.0.1:${port}`], allowHttp: true, allowPrivateAddresses: true } } });
    try {
      const before = await app.countItems();
      const res = await signedPost(app, DOCS, doc({ files: [{ url: `http://127.0.0.1:${port}/x.pdf`, name: 'x.pdf' }] }), { secrets: [SECRET], clock: CLOCK });
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toBeTruthy();
      expect(await app.countItems()).toBe(before);
    } finally {
      await app.dispose();
    }
  });

  it('without the local setting, http and loopback addresses are refused even for a listed host', async () => {
    const app = await createTestApp({ eoffice: { secrets: [SECRET], files: { hosts: [`127.0.0.1:${portOf(fileHost)}`, `localhost:${portOf(fileHost)}`] } } });
    try {
      const http = await signedPost(app, DOCS, doc({ files: [{ url: `${base}/vb/1.pdf`, name: '1.pdf' }] }), { secrets: [SECRET], clock: CLOCK });
      expect((await json(http)).errors[0]).toMatchObject({ path: 'body.files.0.url', message: 'only https URLs are fetched' });
      const direct = await signedPost(app, DOCS, doc({ files: [{ url: `https://127.0.0.1:${portOf(fileHost)}/vb/1.pdf`, name: '1.pdf' }] }), { secrets: [SECRET], clock: CLOCK });
      expect((await json(direct)).errors[0].message).toMatch(/private or loopback/);
      // A name resolving to loopback is refused in the socket's own lookup, before any connection.
      const byName = await signedPost(app, DOCS, doc({ files: [{ url: `https://localhost:${portOf(fileHost)}/vb/1.pdf`, name: '1.pdf' }] }), { secrets: [SECRET], clock: CLOCK });
      expect((await json(byName)).errors[0].message).toMatch(/private or loopback/);
    } finally {
      await app.dispose();
    }
  });
});

describe('an upload the e-office requests itself', () => {
  const request = (body: object, id?: string) => signedPost(t, UPLOADS, body, { secrets: [SECRET], clock: CLOCK, ...(id ? { id } : {}) });

  it('signed upload request → presigned PUT → named in the push: the document keeps it with its hash', async () => {
    const res = await request({ name: 'cong-van-den.pdf', type: 'application/pdf', size: SCAN.length, sha256: sha256(SCAN) }, 'evt_upload_1');
    expect(res.status).toBe(201);
    const ticket = await json(res);
    const replay = await request({ name: 'cong-van-den.pdf', type: 'application/pdf', size: SCAN.length, sha256: sha256(SCAN) }, 'evt_upload_1');
    expect((await json(replay)).id).toBe(ticket.id);
    expect((await fetch(ticket.upload.url, { method: 'PUT', body: SCAN, headers: ticket.upload.headers })).status).toBe(200);
    const pushed = await push(doc({ files: [{ uploadId: ticket.id }, { url: `${base}/vb/phu-luc.pdf`, name: 'phu-luc.pdf' }] }));
    expect(pushed.status).toBe(201);
    const d = await json(pushed);
    expect(d.files.map((f: any) => [f.id, f.name, f.sha256])).toEqual([
      [ticket.id, 'cong-van-den.pdf', sha256(SCAN)],
      [expect.any(String), 'phu-luc.pdf', sha256(SCAN)],
    ]);
    expect((await download(t, director.id, ticket.id)).bytes!.equals(SCAN)).toBe(true);
    // The same upload again is refused: it serves one document once.
    const reused = await push(doc({ files: [{ uploadId: ticket.id }] }));
    expect(reused.status).toBe(422);
    expect((await json(reused)).errors[0].path).toBe('body.files.0');
  });

  it('a person’s upload cannot be named by the e-office, nor the e-office’s by a person (422 naming the index sent)', async () => {
    const staffUpload = await uploaded(t, clerk.id);
    const before = await t.countItems();
    const res = await push(doc({ files: [{ url: `${base}/vb/a.pdf`, name: 'a.pdf' }, { uploadId: staffUpload.id }] }));
    expect(res.status).toBe(422);
    expect((await json(res)).errors.map((e: any) => e.path)).toEqual(['body.files.1']);
    expect(await t.countItems()).toBe(before);
    const eofficeTicket = await json(await request({ name: 'b.txt', type: 'text/plain', size: 3, sha256: sha256(Buffer.from('abc')) }));
    await fetch(eofficeTicket.upload.url, { method: 'PUT', body: Buffer.from('abc'), headers: eofficeTicket.upload.headers });
    const a = await json(await t.as(director.id, '/v1/assignments', { method: 'POST', body: JSON.stringify({ title: 'Thử', assigneeId: director.id, dueDate: '2026-12-04' }), clock: CLOCK }));
    const progress = await t.as(director.id, `/v1/assignments/${a.id}/progress`, { method: 'POST', body: JSON.stringify({ percent: 10, note: 'x', files: [eofficeTicket.id] }), clock: CLOCK });
    expect(progress.status).toBe(422);
  });

  it('an unsigned upload request is 401 and writes nothing', async () => {
    const before = await t.countItems();
    const res = await signedPost(t, UPLOADS, { name: 'x.pdf', type: 'application/pdf', size: 10, sha256: 'a'.repeat(64) }, { secrets: [] });
    expect(res.status).toBe(401);
    expect(await t.countItems()).toBe(before);
  });
});
