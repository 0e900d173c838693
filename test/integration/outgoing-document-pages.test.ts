/**
 * Outgoing documents on the pages (D4 Điều 9.1.8, D5 Điều 13.1; Điều 9.1.1, 9.1.2) through the real
 * app on DynamoDB Local: who may see a document's page (404 otherwise, as for a missing id), which
 * step forms each person is offered, and that a forged post of a step not offered is refused and
 * writes nothing; the register's readers (D2); the Vietnamese refusal next to the field.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { person, sonLa } from '../support/people.js';

let t: TestApp;
const NOW = '2026-12-03T09:00:00+07:00';
const HTML = 'text/html,application/xhtml+xml';
const director = person('director');
const [postsDeputy, itDeputy] = sonLa.leaders.filter((l) => l.staffId !== director.id).map((l) => l.staffId) as [string, string];
const clerk = person('clerk');
const chiefInspector = person('chief-inspector');
const itHead = person('head', 'it');
const itSpecialist = person('specialist', 'it');
const pressSpecialist = person('specialist', 'press');

beforeAll(async () => {
  t = await createTestApp();
}, 120_000);
afterAll(async () => {
  await t?.dispose();
});

const cookieOf = async (staffId: string) => `tracker_session=${await t.token(staffId)}`;
async function get(staffId: string, path: string) {
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
/** Posts as `staffId`, with that person's own session token (`_csrf`): a refusal is then the app's, not CSRF's. */
async function post(staffId: string, path: string, fields: Record<string, string>) {
  const own = formOf((await get(staffId, '/outgoing')).html, 'outgoing.draft')._csrf!;
  fields = { ...fields, _csrf: own };
  return t.app.request(path, {
    method: 'POST',
    headers: { accept: HTML, cookie: await cookieOf(staffId), 'content-type': 'application/x-www-form-urlencoded', 'x-clock': NOW, 'sec-fetch-site': 'same-origin', origin: 'null' },
    body: new URLSearchParams(fields).toString(),
  });
}
/** A step through the page, with the hidden fields of the viewer's own page (`_csrf`, `_version`, `_idem`). */
async function step(staffId: string, id: string, action: string, fields: Record<string, string> = {}) {
  const { html } = await get(staffId, `/outgoing/${id}`);
  return post(staffId, `/outgoing/${id}/${action}`, { ...formOf(html, `outgoing.${action}`), ...fields });
}
const api = async (id: string) => (await (await t.as(director.id, `/v1/outgoing-documents/${id}`, { clock: NOW })).json()) as { status: string; version: number; history: { action: string; data: Record<string, unknown> }[] };
const offered = (html: string) => [...html.matchAll(/data-action="outgoing\.([a-z-]+)"/g)].map((m) => m[1]);

async function drafted(title: string): Promise<string> {
  const desk = await get(itSpecialist.id, '/outgoing');
  const res = await post(itSpecialist.id, '/outgoing', { ...formOf(desk.html, 'outgoing.draft'), title, kind: 'official-letter', scope: 'department', fieldId: 'cybersecurity', confidentiality: 'normal' });
  expect(res.status).toBe(303);
  return /\/outgoing\/([^?]+)\?ok=outgoing\.draft/.exec(res.headers.get('location') ?? '')![1]!;
}

describe('outgoing document pages: who sees what, who may do what (D2, D4, D5)', () => {
  it('D5 (Điều 13.1): the drafter sees the draft with its step, owner and deadline; only the head is offered vetting; an outsider gets 404', async () => {
    const id = await drafted('Công văn về an toàn thông tin mạng');
    const desk = await get(itSpecialist.id, '/outgoing');
    const card = desk.html.slice(desk.html.indexOf(`data-id="${id}"`));
    expect(card).toContain('Thẩm định');
    expect(card).toContain(itHead.name);
    // Vetting takes two working days: due at the end of Monday 07/12/2026.
    expect(card).toContain('07/12/2026 23:59');
    const mine = await get(itSpecialist.id, `/outgoing/${id}`);
    expect(mine.status).toBe(200);
    expect(offered(mine.html)).toEqual([]);
    const head = await get(itHead.id, `/outgoing/${id}`);
    expect(offered(head.html)).toEqual(['vet']);
    // Someone with no part in it and no register to read: 404, the same page as a missing id.
    const outsider = await get(pressSpecialist.id, `/outgoing/${id}`);
    expect(outsider.status).toBe(404);
    expect((await get(pressSpecialist.id, '/outgoing/01JZZZZZZZZZZZZZZZZZZZZZZZ')).status).toBe(404);
    expect(outsider.html).not.toContain('an toàn thông tin mạng');
  });

  it('D5 (Điều 13.1): a forged step post is refused — 404 for an outsider, 403 for a party whose step it is not — and writes nothing', async () => {
    const id = await drafted('Công văn thử giả mạo');
    const { html } = await get(itHead.id, `/outgoing/${id}`);
    const hidden = formOf(html, 'outgoing.vet');
    const before = await api(id);
    const outsider = await post(pressSpecialist.id, `/outgoing/${id}/vet`, hidden);
    expect(outsider.status).toBe(404);
    const drafter = await post(itSpecialist.id, `/outgoing/${id}/vet`, hidden);
    expect(drafter.status).toBe(403);
    expect(await drafter.text()).toContain('Không có thẩm quyền (D5)');
    const after = await api(id);
    expect(after.version).toBe(before.version);
    expect(after.history).toHaveLength(before.history.length);
  });

  it('D5 (Điều 13.1): a proposal naming a signer outside his authority is refused with the reason beside the signer field, in Vietnamese', async () => {
    const id = await drafted('Công văn đề xuất sai người ký');
    expect((await step(itHead.id, id, 'vet')).status).toBe(303);
    const page = await get(itHead.id, `/outgoing/${id}`);
    expect(offered(page.html)).toEqual(['submit', 'return']);
    // Only allowed signatures are offered: the IT deputy (cybersecurity is in his fields) and the director.
    expect(page.html).toContain(`value="${itDeputy}|kt"`);
    expect(page.html).toContain(`value="${director.id}|director"`);
    expect(page.html).not.toContain(`value="${postsDeputy}|kt"`);
    const forged = await post(itHead.id, `/outgoing/${id}/submit`, { ...formOf(page.html, 'outgoing.submit'), signature: `${postsDeputy}|kt` });
    expect(forged.status).toBe(409);
    const html = await forged.text();
    expect(html).toContain('không đúng thẩm quyền');
    expect(html).toMatch(/id="step-submit-signature-error"/);
    expect((await api(id)).status).toBe('vetted');
  });

  it('D4 (Điều 9.1.8): only the proposed signer is offered signing; a deputy outside his field who posts a signature is refused (403) and it is reported in the history', async () => {
    const id = await drafted('Công văn ký sai thẩm quyền');
    expect((await step(itHead.id, id, 'vet')).status).toBe(303);
    expect((await step(itHead.id, id, 'submit', { signature: `${itDeputy}|kt` })).status).toBe(303);
    expect(offered((await get(clerk.id, `/outgoing/${id}`)).html)).toEqual(['check-form', 'return']);
    expect((await step(clerk.id, id, 'check-form')).status).toBe(303);
    expect(offered((await get(itDeputy, `/outgoing/${id}`)).html)).toEqual(['sign', 'return']);
    // The drafter may read the document but neither sign nor return it at the signer's step.
    const drafterPage = await get(itSpecialist.id, `/outgoing/${id}`);
    expect(offered(drafterPage.html)).toEqual([]);
    const hidden = formOf((await get(itDeputy, `/outgoing/${id}`)).html, 'outgoing.return');
    expect((await post(itSpecialist.id, `/outgoing/${id}/return`, { ...hidden, reason: 'giả mạo' })).status).toBe(403);
    // The posts deputy is a party? No: he sees it only as a board member (D2 general register) and is not offered signing.
    const posts = await get(postsDeputy, `/outgoing/${id}`);
    expect(posts.status).toBe(200);
    expect(offered(posts.html)).toEqual([]);
    const refused = await post(postsDeputy, `/outgoing/${id}/sign`, formOf((await get(itDeputy, `/outgoing/${id}`)).html, 'outgoing.sign'));
    expect(refused.status).toBe(403);
    const doc = await api(id);
    expect(doc.status).toBe('form-checked');
    expect(doc.history.at(-1)).toMatchObject({ action: 'signature-refused', data: { rule: 'D4', signerId: postsDeputy } });
    expect((await get(director.id, `/outgoing/${id}`)).html).toContain('báo cáo Chánh Văn phòng');
  });

  it('D5: a stale version is 412 and one idempotency key makes one step', async () => {
    const id = await drafted('Công văn hai lần bấm');
    const { html } = await get(itHead.id, `/outgoing/${id}`);
    const hidden = formOf(html, 'outgoing.vet');
    expect((await post(itHead.id, `/outgoing/${id}/vet`, hidden)).status).toBe(303);
    // The same form again (a double click): the first answer, one history event.
    expect((await post(itHead.id, `/outgoing/${id}/vet`, hidden)).status).toBe(303);
    expect((await api(id)).history.filter((e) => e.action === 'vet')).toHaveLength(1);
    // The old page's return form with a fresh key but the old version: 412, nothing written.
    const stale = await post(itHead.id, `/outgoing/${id}/return`, { ...formOf(html, 'outgoing.vet'), _idem: 'another-key', reason: 'sai chính tả' });
    expect(stale.status).toBe(412);
    expect((await api(id)).status).toBe('vetted');
  });

  it('D2 (Điều 9.1.1, 9.1.2): the register is for the Office and the general register’s readers; the confidential one only for those entitled', async () => {
    const id = await drafted('Công văn trong sổ');
    const secret = await (await t.as(itSpecialist.id, '/v1/outgoing-documents', { method: 'POST', body: JSON.stringify({ title: 'Văn bản mật', kind: 'report', scope: 'department', confidentiality: 'confidential' }), clock: NOW })).json() as { id: string };
    expect((await get(itSpecialist.id, '/outgoing/register')).status).toBe(404);
    const office = await get(clerk.id, '/outgoing/register');
    expect(office.status).toBe(200);
    expect(office.html).toContain(`data-id="${id}"`);
    expect(office.html).not.toContain(`data-id="${secret.id}"`);
    expect(office.html).toContain('03/12/2026');
    expect((await get(clerk.id, '/outgoing/register?view=confidential')).html).toContain(`data-id="${secret.id}"`);
    // The chief inspector reads the general register but is not entitled to confidential documents.
    expect((await get(chiefInspector.id, '/outgoing/register')).status).toBe(200);
    expect((await get(chiefInspector.id, '/outgoing/register?view=confidential')).status).toBe(404);
    expect((await get(chiefInspector.id, `/outgoing/${secret.id}`)).status).toBe(404);
    // Filters: a status and a month; another month has none of them; a bad month is a 400 naming it.
    expect((await get(clerk.id, '/outgoing/register?status=filed')).html).not.toContain(`data-id="${id}"`);
    expect((await get(clerk.id, '/outgoing/register?status=drafted&month=2026-12')).html).toContain(`data-id="${id}"`);
    expect((await get(clerk.id, '/outgoing/register?month=2026-11')).html).not.toContain(`data-id="${id}"`);
    const bad = await get(clerk.id, '/outgoing/register?month=12-2026');
    expect(bad.status).toBe(400);
    expect(bad.html).toContain('Địa chỉ trang không hợp lệ');
    expect(bad.html).toMatch(/Các tham số sau không hợp lệ: month /);
    const en = await get(clerk.id, '/outgoing/register?lang=en');
    expect(en.html).toContain('Outgoing register');
  });
});
