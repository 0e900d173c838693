// API problems keep their English codes and default to English; `Accept-Language: vi` gives a
// Vietnamese title and detail. A browser on a page gets a page in Vietnamese instead.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { person } from '../support/people.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t?.dispose());

const director = person('director');
const specialist = person('specialist', 'press');
const VI = { 'accept-language': 'vi-VN,vi;q=0.9,en;q=0.5' };

describe('Accept-Language on API problems', () => {
  it('401: English by default; Vietnamese title and detail with vi, the same type', async () => {
    const en = await t.app.request('/v1/org');
    const vi = await t.app.request('/v1/org', { headers: VI });
    expect(en.status).toBe(401);
    expect(vi.status).toBe(401);
    const [a, b] = [await en.json(), await vi.json()];
    expect(a).toMatchObject({ type: 'urn:quy-che-tracker:problem:unauthenticated', title: 'Authentication required', detail: 'Send a bearer token in the Authorization header.' });
    expect(b).toMatchObject({ type: 'urn:quy-che-tracker:problem:unauthenticated', title: 'Cần đăng nhập', detail: 'Cần đăng nhập: gửi mã truy cập (bearer token) còn hiệu lực trong tiêu đề Authorization.' });
    expect(vi.headers.get('content-language')).toBe('vi');
    expect(en.headers.get('content-language')).toBe('en');
  });

  it('400: the invalid fields named in Vietnamese, with the same errors list', async () => {
    const body = JSON.stringify({ title: '', assigneeId: specialist.id, dueDate: '2026-13-40' });
    const res = await t.as(director.id, '/v1/assignments', { method: 'POST', headers: { 'content-type': 'application/json', ...VI }, body });
    expect(res.status).toBe(400);
    const p = (await res.json()) as any;
    expect(p.title).toBe('Yêu cầu không hợp lệ');
    expect(p.type).toBe('urn:quy-che-tracker:problem:bad-request');
    expect(p.detail).toMatch(/^Yêu cầu có trường không hợp lệ: body\.(title|dueDate)/);
    expect(p.errors.map((e: { path: string }) => e.path).sort()).toEqual(['body.dueDate', 'body.title']);
  });

  it('404 and 403 in Vietnamese; a client that prefers English still gets English', async () => {
    const missing = await (await t.as(director.id, '/v1/assignments/no-such-thing', { headers: VI })).json();
    expect(missing).toMatchObject({ status: 404, title: 'Không tìm thấy', detail: 'Không tìm thấy, hoặc bạn không có quyền xem.' });
    const forbidden = await t.as(specialist.id, '/v1/checks/run', { method: 'POST', headers: { 'content-type': 'application/json', ...VI }, body: JSON.stringify({ rule: 'F1' }) });
    expect(forbidden.status).toBe(403);
    expect(await forbidden.json()).toMatchObject({ title: 'Không có thẩm quyền' });
    const english = (await (await t.as(director.id, '/v1/assignments/no-such-thing', { headers: { 'accept-language': 'en-GB, vi;q=0.3' } })).json()) as any;
    expect(english.title).toBe('Not found');
  });

  it('a browser asking for a page that does not exist gets a Vietnamese page, not JSON', async () => {
    const res = await t.app.request('/no-such-page', { headers: { accept: 'text/html' } });
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toContain('text/html');
    const html = await res.text();
    expect(html).toContain('<html lang="vi">');
    expect(html).toContain('Không tìm thấy, hoặc bạn không có quyền xem.');
    const en = await (await t.app.request('/no-such-page?lang=en', { headers: { accept: 'text/html' } })).text();
    expect(en).toContain('Not found, or not yours to see.');
  });
});
