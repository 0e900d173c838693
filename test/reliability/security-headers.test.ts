import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { person } from '../support/people.js';

// Every web page and every JSON answer (errors included) carries a strict Content-Security-Policy
// and the usual security headers; every page escapes what people typed. The pages are found in the
// app's own routes, so a page added later (the dashboard) is checked without a change here.
const NOW = '2026-11-26T09:00:00+07:00';
const XSS = {
  script: '<script>alert(1)</script>',
  img: '"><img src=x onerror=alert(2)>',
  attr: "' onmouseover='alert(3)",
  closing: '</td></tr></table><script>alert(4)</script>',
};

let t: TestApp;
const director = person('director');
const chiefOfOffice = person('chief-of-office');
const itSpecialist = person('specialist', 'it');
/** Ids of what was typed above: every page path parameter is tried with each. */
const ids: string[] = [];
let meetingId = '';

const json = async (res: Response) => (await res.json()) as any;
const post = async (as: string, path: string, body: unknown, clock = NOW) => {
  const res = await t.as(as, path, { method: 'POST', body: JSON.stringify(body), clock });
  expect(res.status, await res.clone().text()).toBe(201);
  return json(res);
};

beforeAll(async () => {
  t = await createTestApp();
  // Text typed by people, everywhere pages show it: titles, subjects, minutes, names, links.
  const assignment = await post(director.id, '/v1/assignments', { title: XSS.script, description: XSS.img, assigneeId: itSpecialist.id, dueDate: '2026-11-27' });
  const renamed = await t.as(chiefOfOffice.id, `/v1/admin/staff/${itSpecialist.id}`, { method: 'PATCH', body: JSON.stringify({ name: `Lê Đình Khôi ${XSS.attr}` }), clock: NOW });
  expect(renamed.status).toBe(200);
  const meeting = await post(director.id, '/v1/meetings', {
    kind: 'weekly-briefing',
    heldOn: '2026-11-20',
    chairId: director.id,
    subject: XSS.img,
    minutes: XSS.script,
    participantIds: [itSpecialist.id],
    attachments: [{ url: 'https://example.vn/bien-ban.pdf', title: XSS.closing }],
  }, '2026-11-20T16:00:00+07:00');
  await post(director.id, `/v1/meetings/${meeting.id}/conclusions`, {
    summary: XSS.attr,
    items: [{ text: XSS.script, detail: XSS.closing, assigneeId: itSpecialist.id, dueDate: '2026-11-27' }],
  }, '2026-11-20T17:00:00+07:00');
  meetingId = meeting.id;
  ids.push(meeting.id, assignment.id, 'it', itSpecialist.id);
  // A self-assessment typed with markup, for the evaluation dossier (issue #23).
  const assessed = await t.as(itSpecialist.id, `/v1/evaluations/${itSpecialist.id}/2026-10/self-assessment`, { method: 'POST', body: JSON.stringify({ text: XSS.closing, level: 'good' }), clock: NOW });
  expect(assessed.status).toBe(201);
});

afterAll(async () => {
  await t?.dispose();
});

/** The app's own page routes (GET outside /v1, /dev and /assets), each parameter filled with each id. */
async function pageRoutes(): Promise<string[]> {
  const paths = [...new Set((await t.app.allRoutes()).filter((r) => r.method === 'GET' && !/^\/(v1|dev|assets)(\/|$)/.test(r.path) && !r.path.includes('*')).map((r) => r.path))];
  // Pages whose parameters are not ids: one real address each.
  const real = [`/evaluations/${itSpecialist.id}/2026-10`];
  return [...paths.flatMap((p) => (p.includes(':') ? ids.map((id) => p.replace(/:\w+/g, id)) : [p])), ...real];
}

function expectSecurityHeaders(res: Response, where: string) {
  const csp = res.headers.get('content-security-policy') ?? '';
  const directives = Object.fromEntries(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name, values]));
  expect(directives['default-src'], `${where}: ${csp}`).toEqual(["'none'"]);
  expect(directives['frame-ancestors'], where).toEqual(["'none'"]);
  expect(directives['base-uri'], where).toEqual(["'none'"]);
  expect(directives['form-action'], where).toEqual(["'self'"]);
  for (const name of ['script-src', 'style-src']) {
    expect(directives[name], `${where} ${name}`).toEqual(["'self'"]);
  }
  expect(csp, where).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
  expect(res.headers.get('x-content-type-options'), where).toBe('nosniff');
  expect(res.headers.get('x-frame-options'), where).toMatch(/^(DENY|SAMEORIGIN)$/);
  expect(res.headers.get('referrer-policy'), where).toBe('no-referrer');
  expect(res.headers.get('strict-transport-security'), where).toMatch(/^max-age=(\d+)/);
  expect(Number(/max-age=(\d+)/.exec(res.headers.get('strict-transport-security')!)![1]), where).toBeGreaterThanOrEqual(31_536_000);
  expect(res.headers.get('cross-origin-opener-policy'), where).toBe('same-origin');
  expect(res.headers.get('permissions-policy'), where).toMatch(/\bcamera=\(\).*\bgeolocation=\(\)/);
  expect(res.headers.get('x-powered-by'), where).toBeNull();
}

/** Nothing a person typed can run: no script or inline handler but the page's own, no javascript: links, no inline styles. */
function expectInert(html: string, where: string) {
  for (const tag of html.match(/<script\b[^>]*>/gi) ?? []) expect(tag, where).toMatch(/^<script src="\/[^"]*"><\/script>$|^<script src="\/[^"]*">$/);
  expect(html, where).not.toMatch(/<[a-z][^>]*\son[a-z]+\s*=/i);
  expect(html, where).not.toMatch(/(href|src|action)\s*=\s*["']?\s*(javascript|data|vbscript):/i);
  expect(html, where).not.toMatch(/<style\b|\sstyle\s*=/i);
}

describe('web pages', () => {
  it('finds the pages among the app’s routes', async () => {
    expect(await pageRoutes()).toEqual(expect.arrayContaining(['/docs', `/meetings/${meetingId}`]));
  });

  it('every page, in both languages and with hostile query strings, sends the headers and escapes every output', async () => {
    const checked: string[] = [];
    const showingTitle = new Set<string>();
    for (const path of await pageRoutes()) {
      for (const query of ['', '?lang=en', `?lang=${encodeURIComponent(XSS.script)}&week=${encodeURIComponent(XSS.img)}&unitId=${encodeURIComponent(XSS.attr)}`]) {
        const res = await t.as(director.id, `${path}${query}`, { clock: NOW });
        const where = `GET ${path}${query} → ${res.status}`;
        expect(res.status, where).toBeLessThan(500);
        expectSecurityHeaders(res, where);
        const body = await res.text();
        if ((res.headers.get('content-type') ?? '').startsWith('text/html')) {
          expectInert(body, where);
          for (const payload of Object.values(XSS)) expect(body, where).not.toContain(payload);
          if (res.status === 200) checked.push(path);
          if (body.includes('&lt;script&gt;alert(1)&lt;/script&gt;')) showingTitle.add(path);
        }
      }
    }
    expect(checked.length).toBeGreaterThanOrEqual(6);
    expect(showingTitle).toContain(`/meetings/${meetingId}`);
    expect(checked).toContain(`/evaluations/${itSpecialist.id}/2026-10`);
    console.log(`security headers: ${checked.length} page renders (200) checked: ${[...new Set(checked)].join(', ')}; the <script> title shown escaped on ${[...showingTitle].join(', ')}`);
  });

  it('the meeting page shows what was typed as text', async () => {
    for (const lang of ['vi', 'en']) {
      const html = await (await t.as(director.id, `/meetings/${meetingId}?lang=${lang}`, { clock: NOW })).text();
      expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;'); // the minutes and the conclusion item
      expect(html).toContain('&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;&lt;script&gt;alert(4)&lt;/script&gt;'); // the detail and the attachment's title
      expect(html).toContain('&quot;&gt;&lt;img src=x onerror=alert(2)&gt;'); // the subject
      expect(html).toMatch(/Lê Đình Khôi (&#39;|&#x27;) onmouseover=(&#39;|&#x27;)alert\(3\)/); // a participant's name
    }
  });
});

describe('JSON answers and errors', () => {
  it.each([
    ['an API read', 'GET', '/v1/org', true, 200],
    ['the OpenAPI document', 'GET', '/v1/openapi.json', false, 200],
    ['a missing token', 'GET', '/v1/assignments', false, 401],
    ['an unknown path', 'GET', '/v1/khong-co', true, 404],
    ['a method not allowed', 'DELETE', '/v1/org', true, 405],
    ['an invalid body', 'POST', '/v1/assignments', true, 400],
    ['the stylesheet', 'GET', '/assets/app.css', false, 200],
    ['the root redirect', 'GET', '/', false, 302],
  ] as const)('%s: %s %s → %i with the same headers', async (_name, method, path, signedIn, status) => {
    const init = { method, clock: NOW, ...(method === 'POST' ? { body: JSON.stringify({ title: XSS.script }) } : {}) };
    const res = signedIn ? await t.as(director.id, path, init) : await t.app.request(path, { method, ...(init.body ? { body: init.body, headers: { 'content-type': 'application/json' } } : {}) });
    expect(res.status).toBe(status);
    expectSecurityHeaders(res, `${method} ${path}`);
    if (status >= 400) expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });

  it('JSON carries typed text as data, never as markup the browser would sniff', async () => {
    const res = await t.as(director.id, `/v1/assignments?assigneeId=${itSpecialist.id}`, { clock: NOW });
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect((await json(res)).items.map((a: any) => a.title)).toContain(XSS.script);
  });

  it('links people type are http(s) only: a javascript: or data: URL is refused, naming the field', async () => {
    const a = await post(director.id, '/v1/assignments', { title: 'Có minh chứng', assigneeId: itSpecialist.id, dueDate: '2026-12-10' });
    for (const url of ['javascript:alert(1)', 'data:text/html,<script>alert(1)</script>', 'JaVaScRiPt:alert(1)']) {
      const before = await t.countItems();
      const res = await t.as(itSpecialist.id, `/v1/assignments/${a.id}/complete`, { method: 'POST', body: JSON.stringify({ note: 'Xong', evidence: [{ url }] }), clock: NOW });
      expect(res.status).toBe(400);
      expect((await json(res)).errors).toEqual([{ path: 'body.evidence.0.url', message: 'must be an http(s) URL' }]);
      expect(await t.countItems()).toBe(before);
    }
  });
});
