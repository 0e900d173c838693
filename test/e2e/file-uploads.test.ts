/**
 * Evidence files in the workspace forms (issue #22, item 7) in headless Chromium, against the real
 * app on DynamoDB Local and a local S3-compatible server whose CORS allows only the app's origin,
 * as the bucket does in AWS. The browser hashes each file, asks the page route for a presigned
 * PUT and sends the bytes straight to storage; the app never sees them. Screenshots at 1366 and
 * 390 px, Vietnamese and English, go to test-output/e2e/.
 */
import { createHash } from 'node:crypto';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_S3_CREDENTIALS, startS3Local, type S3Local } from '../../scripts/lib/s3-local.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { openBrowser, screenshotsAt, SCREENSHOTS, signInAs, type BrowserRun } from '../support/browser.js';
import { person } from '../support/people.js';

const NOW = '2026-12-03T09:00:00+07:00';
const BUCKET = 'e2e-evidence-files';

const head = person('head', 'it');
const specialist = person('specialist', 'it');
const outsider = person('specialist', 'press');

let t: TestApp | undefined;
let run: BrowserRun;
let s3: S3Local;
let base: string;
let browser: BrowserContext;
const ids: Record<string, string> = {};

/** A few MB that look like a scanned PDF: random bytes, so no compression shortcut hides the transfer. */
function pdfOf(megabytes: number, seed: string): Buffer {
  const body = Buffer.alloc(Math.round(megabytes * 1024 * 1024));
  let block = createHash('sha256').update(seed).digest();
  for (let i = 0; i < body.length; i += block.length) {
    block.copy(body, i);
    block = createHash('sha256').update(block).digest();
  }
  Buffer.from('%PDF-1.4\n').copy(body, 0);
  return body;
}
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

async function assign(title: string): Promise<string> {
  const res = await t!.as(head.id, '/v1/assignments', { method: 'POST', body: JSON.stringify({ title, assigneeId: specialist.id, dueDate: '2026-12-18' }), clock: NOW });
  expect(res.status).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

beforeAll(async () => {
  // The browser's origin first: the bucket's CORS names it, and the app is built on that bucket.
  run = await openBrowser((req) => t!.app.fetch(req));
  ({ base, browser } = run);
  s3 = await startS3Local({ buckets: [BUCKET], allowedOrigins: [base] });
  t = await createTestApp({ clock: () => new Date(NOW), files: { bucket: BUCKET, endpoint: s3.endpoint, credentials: LOCAL_S3_CREDENTIALS } });
  ids.progress = await assign('Số hóa hồ sơ một cửa quý IV');
  ids.complete = await assign('Nghiệm thu phần mềm quản lý văn bản');
  ids.refused = await assign('Kiểm tra định dạng tệp đính kèm');
}, 180_000);

afterAll(async () => {
  await run?.close();
  await s3?.stop();
  await t?.dispose();
});

const shots = (page: Page, name: string) => screenshotsAt(page, `files-${name}`);

const form = (page: Page, action: string) => page.locator(`form[data-action="${action}"]`);

/** Attaches one file through the field's picker and waits until its row is done or failed. */
async function attach(page: Page, action: string, file: { name: string; mimeType: string; buffer: Buffer }): Promise<ReturnType<Page['locator']>> {
  const f = form(page, action);
  const before = await f.locator('li.file-row').count();
  await f.locator('input[type=file]').setInputFiles(file);
  const row = f.locator('li.file-row').nth(before);
  await row.locator('xpath=self::*[@data-state="done" or @data-state="failed"]').waitFor({ timeout: 60_000 });
  return row;
}

describe('attaching files in the workspace forms', () => {
  it('a specialist attaches a 3 MB scan to a progress report at 1366 px: progress to 100%, then listed with its SHA-256', async () => {
    const page = await browser.newPage();
    await signInAs(page, base, specialist.name, `/assignments/${ids.progress}`);
    // The script replaced the "needs JavaScript" sentence with the picker.
    const field = form(page, 'assignment.progress').locator('[data-file-field]');
    expect(await field.locator('[data-file-nojs]').isHidden()).toBe(true);
    expect(await field.locator('.file-button').textContent()).toBe('Chọn tệp để đính kèm');
    expect(await field.locator('.hint').textContent()).toContain('mỗi tệp tối đa 25 MB');

    // Every value the bar takes on the way, as the person sees it.
    await page.evaluate(`(() => {
      window.__seen = [];
      new MutationObserver(() => document.querySelectorAll('progress.file-progress').forEach((b) => window.__seen.push(b.value)))
        .observe(document.body, { subtree: true, attributes: true, childList: true, characterData: true });
    })()`);
    const scan = pdfOf(3, 'bien-ban');
    const name = 'Biên bản kiểm tra số hóa hồ sơ một cửa quý IV năm 2026 - Phòng Công nghệ thông tin.pdf';
    const row = await attach(page, 'assignment.progress', { name, mimeType: 'application/pdf', buffer: scan });
    expect(await row.getAttribute('data-state')).toBe('done');
    expect(await row.locator('progress').evaluate((b) => (b as unknown as { value: number }).value)).toBe(100);
    expect(await row.locator('.file-status').textContent()).toBe(`Đã tải lên 100% · Mã băm SHA-256: ${sha256(scan).slice(0, 12)}…`);
    const seen = await page.evaluate<number[]>('window.__seen');
    expect(Math.max(...seen)).toBe(100);
    const uploadId = await row.locator('input[type=hidden][name=files]').inputValue();
    expect(uploadId).toMatch(/^[0-9A-Z]{26}$/);
    await shots(page, 'progress-attached');

    const f = form(page, 'assignment.progress');
    await f.getByLabel('Phần trăm hoàn thành').fill('40');
    await f.getByLabel('Ghi chú').fill('Đã số hóa 120/300 hồ sơ; biên bản kiểm tra kèm theo');
    await f.locator('button[type=submit]').click();
    await page.waitForURL(/ok=assignment\.progress/);

    const listed = page.locator('.record-files .file-item');
    expect(await listed.count()).toBe(1);
    expect(await listed.locator('a.file-link').textContent()).toBe(name);
    expect(await listed.textContent()).toContain('3 MB');
    expect(await listed.textContent()).toContain(specialist.name);
    expect(await listed.locator('.file-hash').textContent()).toBe(sha256(scan));
    // The history names the file with its full hash.
    const history = page.locator('.history-list li', { hasText: 'Đã số hóa 120/300 hồ sơ' });
    expect(await history.locator('.file-hash').textContent()).toBe(sha256(scan));

    const record = (await (await t!.as(head.id, `/v1/assignments/${ids.progress}`)).json()) as { files: { id: string; sha256: string; size: number; name: string }[] };
    expect(record.files).toEqual([expect.objectContaining({ id: uploadId, sha256: sha256(scan), size: scan.length, name })]);
    ids.progressFile = uploadId;

    // Download through the page route: the bytes come back from storage, the same hash.
    const download = await page.request.get(`${base}/files/${uploadId}`, { maxRedirects: 0 });
    expect(download.status()).toBe(303);
    expect(new URL(download.headers().location!).origin).toBe(s3.endpoint);
    const bytes = await page.request.get(`${base}/files/${uploadId}`);
    expect(bytes.status()).toBe(200);
    expect(sha256(await bytes.body())).toBe(sha256(scan));
    expect(bytes.headers()['content-disposition']).toContain("filename*=UTF-8''Bi%C3%AAn");
    await shots(page, 'progress-listed');
    await page.goto(`${base}/assignments/${ids.progress}?lang=en`);
    expect(await page.locator('#h-files').textContent()).toBe('Attached files');
    await shots(page, 'progress-listed-en');
    await page.close();
  }, 120_000);

  it('someone who may not see the assignment gets the 404 page for its file, the API a 404 too', async () => {
    const page = await browser.newPage();
    await signInAs(page, base, outsider.name, '/my-work');
    const res = await page.request.get(`${base}/files/${ids.progressFile}`, { maxRedirects: 0 });
    expect(res.status()).toBe(404);
    expect(await res.text()).toContain('Không tìm thấy hồ sơ này, hoặc anh/chị không có quyền xem.');
    expect((await t!.as(outsider.id, `/v1/files/${ids.progressFile}`)).status).toBe(404);
    // The assignee's head may see the record, so the file too.
    expect((await t!.as(head.id, `/v1/files/${ids.progressFile}`)).status).toBe(303);
    await page.close();
  }, 60_000);

  it('on a phone (390 px) the completion form takes a file, removes one and reports completion with it', async () => {
    const page = await browser.newPage();
    await page.setViewportSize({ width: 390, height: 844 });
    await signInAs(page, base, specialist.name, `/assignments/${ids.complete}`);
    const photo = pdfOf(2, 'anh-chup');
    const wrong = await attach(page, 'assignment.complete', { name: 'anh-chup-nham.jpg', mimeType: 'image/jpeg', buffer: pdfOf(0.2, 'nham') });
    expect(await wrong.getAttribute('data-state')).toBe('done');
    const kept = await attach(page, 'assignment.complete', { name: 'Ảnh chụp màn hình nghiệm thu.png', mimeType: 'image/png', buffer: photo });
    expect(await kept.getAttribute('data-state')).toBe('done');
    // The remove button is a finger's size on a phone.
    const box = await wrong.locator('.file-remove').boundingBox();
    expect(box!.height).toBeGreaterThanOrEqual(44);
    await wrong.locator('.file-remove').click();
    const f = form(page, 'assignment.complete');
    expect(await f.locator('input[type=hidden][name=files]').count()).toBe(1);
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    await page.screenshot({ path: `${SCREENSHOTS}/files-complete-attached-390.png`, fullPage: true });
    await f.getByLabel('Kết quả thực hiện').fill('Đã nghiệm thu phần mềm; ảnh chụp kèm theo');
    await f.locator('button[type=submit]').click();
    await page.waitForURL(/ok=assignment\.complete/);
    const listed = page.locator('.record-files .file-item');
    expect(await listed.count()).toBe(1);
    expect(await listed.locator('a.file-link').textContent()).toBe('Ảnh chụp màn hình nghiệm thu.png');
    expect(await listed.locator('.file-hash').textContent()).toBe(sha256(photo));
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    await page.screenshot({ path: `${SCREENSHOTS}/files-complete-listed-390.png`, fullPage: true });
    const record = (await (await t!.as(specialist.id, `/v1/assignments/${ids.complete}`)).json()) as { status: string; files: { sha256: string }[] };
    expect(record.status).toBe('completed');
    expect(record.files.map((x) => x.sha256)).toEqual([sha256(photo)]);
    await page.close();
  }, 120_000);

  it('refuses a forbidden type and a file over the limit with a message, in the page and at the server, and the form is not sent with a failed file', async () => {
    const page = await browser.newPage();
    await signInAs(page, base, specialist.name, `/assignments/${ids.refused}?lang=en`);
    const before = await t!.countItems();
    const html = await attach(page, 'assignment.progress', { name: 'trang.html', mimeType: 'text/html', buffer: Buffer.from('<script>alert(1)</script>') });
    expect(await html.getAttribute('data-state')).toBe('failed');
    expect(await html.locator('.file-status').textContent()).toMatch(/^This type of file is not accepted\./);
    expect(await html.locator('.file-retry').isHidden()).toBe(true);
    const big = await attach(page, 'assignment.progress', { name: 'ho-so-quet.zip', mimeType: 'application/zip', buffer: Buffer.alloc(25 * 1024 * 1024 + 1) });
    expect(await big.locator('.file-status').textContent()).toBe('The file is larger than the limit of 25 MB. Split or compress it.');
    // A page whose own check is bypassed: the server refuses the same file (422 on size), nothing written.
    await page.evaluate(`document.querySelector('form[data-action="assignment.progress"] [data-file-field]').setAttribute('data-max-bytes', '999999999')`);
    const answered = page.waitForResponse((r) => new URL(r.url()).pathname === '/files/uploads');
    const bypassed = await attach(page, 'assignment.progress', { name: 'ho-so-quet-2.zip', mimeType: 'application/zip', buffer: Buffer.alloc(25 * 1024 * 1024 + 1) });
    const refusal = await answered;
    expect(refusal.status()).toBe(422);
    expect(((await refusal.json()) as { errors: { path: string }[] }).errors.map((e) => e.path)).toEqual(['body.size']);
    expect(await bypassed.getAttribute('data-state')).toBe('failed');
    expect(await bypassed.locator('.file-status').textContent()).toBe('The file is larger than the limit of 25 MB. Split or compress it.');
    await shots(page, 'refused-en');

    // With a failed file in the list the form says so and is not sent.
    const f = form(page, 'assignment.progress');
    await f.getByLabel('Percent complete').fill('10');
    await f.getByLabel('Note').fill('Bắt đầu kiểm tra');
    await f.locator('button[type=submit]').click();
    expect(await f.locator('.file-wait').textContent()).toBe('Wait until the files have uploaded, or remove the failed ones, then send again.');
    expect(new URL(page.url()).searchParams.get('ok')).toBeNull();
    expect(await t!.countItems()).toBe(before);
    while ((await f.locator('li.file-row').count()) > 0) await f.locator('li.file-row .file-remove').first().click();
    await f.locator('button[type=submit]').click();
    await page.waitForURL(/ok=assignment\.progress/);
    await page.close();
  }, 120_000);

  it('without the script the field says that attaching needs JavaScript, and the form still works', async () => {
    const page = await browser.newPage();
    await page.route('**/assets/forms.js', (route) => route.abort());
    await signInAs(page, base, specialist.name, `/assignments/${ids.refused}`);
    const field = form(page, 'assignment.progress').locator('[data-file-field]');
    expect(await field.locator('[data-file-nojs]').textContent()).toBe('Đính kèm tệp cần bật JavaScript trong trình duyệt. Các nội dung khác của biểu mẫu vẫn gửi được bình thường.');
    expect(await field.locator('[data-file-picker]').isHidden()).toBe(true);
    await shots(page, 'no-script');
    const f = form(page, 'assignment.progress');
    await f.getByLabel('Phần trăm hoàn thành').fill('20');
    await f.getByLabel('Ghi chú').fill('Gửi không kèm tệp');
    await f.locator('button[type=submit]').click();
    await page.waitForURL(/ok=assignment\.progress/);
    const record = (await (await t!.as(specialist.id, `/v1/assignments/${ids.refused}`)).json()) as { percent: number; files?: unknown[] };
    expect(record.percent).toBe(20);
    expect(record.files ?? []).toEqual([]);
    await page.close();
  }, 60_000);
  it('a dropped connection fails one file with "Thử lại"; retrying sends it, under the same pending upload', async () => {
    const page = await browser.newPage();
    await signInAs(page, base, specialist.name, `/assignments/${ids.refused}`);
    let dropped = 0;
    // The first PUT to storage is cut, as on a phone losing its signal.
    await page.route(`${s3.endpoint}/**`, (route) => (route.request().method() === 'PUT' && dropped++ === 0 ? route.abort('connectionreset') : route.continue()));
    const requested: string[] = [];
    page.on('response', (r) => {
      if (new URL(r.url()).pathname === '/files/uploads') requested.push(r.status() === 201 ? String(r.headers()['idempotent-replayed'] ?? 'new') : String(r.status()));
    });
    const body = pdfOf(1, 'mat-ket-noi');
    const row = await attach(page, 'assignment.progress', { name: 'bao-cao-tien-do.docx', mimeType: '', buffer: body });
    expect(await row.getAttribute('data-state')).toBe('failed');
    expect(await row.locator('.file-status').textContent()).toBe('Tải lên không thành công (mất kết nối hoặc lỗi máy chủ). Bấm “Thử lại”.');
    await row.locator('.file-retry').click();
    await row.locator('xpath=self::*[@data-state="done"]').waitFor({ timeout: 60_000 });
    // The retry asked again with the file's own idempotency key: the same upload, a fresh URL.
    expect(requested).toEqual(['new', 'true']);
    const f = form(page, 'assignment.progress');
    await f.getByLabel('Phần trăm hoàn thành').fill('50');
    await f.getByLabel('Ghi chú').fill('Gửi lại sau khi mất kết nối');
    await f.locator('button[type=submit]').click();
    await page.waitForURL(/ok=assignment\.progress/);
    const record = (await (await t!.as(specialist.id, `/v1/assignments/${ids.refused}`)).json()) as { files: { name: string; type: string; sha256: string }[] };
    // A phone that reports no type: the extension names it.
    expect(record.files.at(-1)).toMatchObject({ name: 'bao-cao-tien-do.docx', type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', sha256: sha256(body) });
    await page.close();
  }, 120_000);

  it('storage itself refuses, from the browser, bytes other than those signed; such an upload cannot be attached', async () => {
    const page = await browser.newPage();
    await signInAs(page, base, specialist.name, `/assignments/${ids.refused}`);
    const csrf = await form(page, 'assignment.progress').locator('input[name=_csrf]').inputValue();
    const signed = Buffer.from('%PDF-1.4\nbien ban goc\n');
    const statuses = await page.evaluate(
      `(async ({ csrf, sha }) => {
        const ticket = async () => (await fetch('/files/uploads', { method: 'POST', headers: { accept: 'application/json' },
          body: new URLSearchParams({ _csrf: csrf, name: 'goc.pdf', type: 'application/pdf', size: '22', sha256: sha }) })).json();
        const put = (t, body, headers) => new Promise((resolve) => {
          const x = new XMLHttpRequest();
          x.open('PUT', t.upload.url);
          for (const [k, v] of Object.entries({ ...t.upload.headers, ...headers })) x.setRequestHeader(k, v);
          x.onload = () => resolve(x.status);
          x.onerror = () => resolve(0);
          x.send(body);
        });
        const t1 = await ticket();
        return { id: t1.id, tampered: await put(t1, '%PDF-1.4\\nbien ban SUA\\n', {}), longer: await put(t1, '%PDF-1.4\\nbien ban goc\\n + them', {}), html: await put(t1, '%PDF-1.4\\nbien ban goc\\n', { 'content-type': 'text/html' }) };
      })(${JSON.stringify({ csrf: '__CSRF__', sha: '__SHA__' })})`.replace('__CSRF__', csrf).replace('__SHA__', sha256(signed)),
    );
    const s = statuses as { id: string; tampered: number; longer: number; html: number };
    expect(signed.length).toBe(22);
    // BadDigest (400) for other bytes of the signed length; the signature (403) for another length or type.
    expect([s.tampered, s.longer, s.html]).toEqual([400, 403, 403]);
    const claim = await t!.as(specialist.id, `/v1/assignments/${ids.refused}/progress`, { method: 'POST', body: JSON.stringify({ percent: 60, note: 'thử gắn tệp bị từ chối', files: [s.id] }) });
    expect(claim.status).toBe(422);
    expect(((await claim.json()) as { errors: { path: string; message: string }[] }).errors).toEqual([{ path: 'body.files.0', message: 'the file goc.pdf has not been uploaded yet' }]);
    await page.close();
  }, 60_000);
});
