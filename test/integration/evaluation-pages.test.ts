/**
 * The evaluation pages (issue #23; E2–E6, Điều 24) through the real app on DynamoDB Local, without
 * a browser: a forged post of a step not one's own, by someone who may not see the dossier, or
 * without the session's CSRF token writes nothing; a bad address is a page naming the parameter;
 * `/evaluations/year/{year}` is not read as a person's dossier. The browser journey is
 * test/e2e/evaluation-cycle.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csrfTokenFor } from '../../functions/api/forms/csrf.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { person } from '../support/people.js';

let t: TestApp;
const DEC1 = '2026-12-01T09:00:00+07:00';
const HTML = 'text/html,application/xhtml+xml';
const director = person('director');
const itHead = person('head', 'it');
const khoi = person('specialist', 'it', 0);
const duyen = person('specialist', 'it', 1);

beforeAll(async () => {
  t = await createTestApp();
}, 120_000);
afterAll(async () => {
  await t?.dispose();
});

const cookieOf = async (staffId: string) => `tracker_session=${await t.token(staffId)}`;
async function get(staffId: string, path: string) {
  const res = await t.app.request(path, { headers: { accept: HTML, cookie: await cookieOf(staffId), 'x-clock': DEC1 } });
  return { status: res.status, html: await res.text() };
}
/** The session's own CSRF token, as its pages carry it: a refusal is then the app's, not CSRF's. */
const csrfOf = async (staffId: string) => csrfTokenFor(await t.token(staffId));
async function post(staffId: string, path: string, fields: Record<string, string>, csrf?: string) {
  return t.app.request(path, {
    method: 'POST',
    headers: { accept: HTML, cookie: await cookieOf(staffId), 'content-type': 'application/x-www-form-urlencoded', 'x-clock': DEC1, 'sec-fetch-site': 'same-origin', origin: 'null' },
    body: new URLSearchParams({ _csrf: csrf ?? (await csrfOf(staffId)), ...fields }).toString(),
  });
}
const history = async (staffId: string) => ((await (await t.as(director.id, `/v1/audit?entityId=eval.2026-11.${staffId}`, { clock: DEC1 })).json()) as any).items?.map((e: any) => e.action) ?? [];

describe('evaluation pages: refusals write nothing', () => {
  it('a colleague’s forged self-assessment on Khôi’s dossier is the 404 page; the head’s (not his step) the 403 page; without the CSRF token the refusal page', async () => {
    const before = await t.countItems();
    const body = { text: 'Giả mạo', level: 'excellent', _version: '0', _idem: 'forged-1' };
    const colleague = await post(duyen.id, `/evaluations/${khoi.id}/2026-11/self-assessment`, body);
    expect(colleague.status).toBe(404);
    expect(await colleague.text()).not.toContain(khoi.name);
    expect((await post(itHead.id, `/evaluations/${khoi.id}/2026-11/self-assessment`, body)).status).toBe(403);
    expect((await post(khoi.id, `/evaluations/${khoi.id}/2026-11/self-assessment`, body, 'not-the-token')).status).toBe(403);
    expect(await t.countItems()).toBe(before);
    expect(await history(khoi.id)).toEqual([]);
    // His own, through the page: recorded once, the page again with its confirmation.
    const own = await post(khoi.id, `/evaluations/${khoi.id}/2026-11/self-assessment`, { ...body, text: 'Hoàn thành nhiệm vụ.', level: 'good' });
    expect(own.status).toBe(303);
    expect(own.headers.get('location')).toBe(`/evaluations/${khoi.id}/2026-11?ok=evaluation.self-assessment`);
    expect(await history(khoi.id)).toEqual(['self-assessment']);
  });

  it('a missing level is the form again (422) naming the field, in Vietnamese and English; nothing written', async () => {
    const before = await t.countItems();
    const vi = await post(itHead.id, `/evaluations/${khoi.id}/2026-11/head-comment`, { text: 'Nhận xét', _version: '1', _idem: 'hc-1' });
    expect(vi.status).toBe(422);
    expect(await vi.text()).toMatch(/id="eval-head-comment-level-error">Bắt buộc nhập\./);
    const en = await post(itHead.id, `/evaluations/${khoi.id}/2026-11/head-comment?lang=en`, { text: 'Comment', _version: '1', _idem: 'hc-2' });
    expect(await en.text()).toMatch(/id="eval-head-comment-level-error">Required\./);
    expect(await t.countItems()).toBe(before);
  });

  it('a bad period in the list’s address is a 400 page naming it; a bad dossier address the 404 page; the year-end summary’s address is not a dossier', async () => {
    const list = await get(director.id, '/evaluations?period=2026-W48');
    expect(list.status).toBe(400);
    expect(list.html).toContain('period');
    expect((await get(director.id, `/evaluations/${khoi.id}/not-a-period`)).status).toBe(404);
    const year = await get(director.id, '/evaluations/year/2026');
    expect(year.html).not.toContain('Hồ sơ đánh giá');
  });
});
