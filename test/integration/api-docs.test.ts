/**
 * The API reference at /docs: every operation of the OpenAPI document with its parameters and
 * its request and response fields, in Vietnamese and English, and a "try it" form that works in
 * headless Chromium under the strict CSP. Screenshots at 1366 and 390 px in test-output/e2e/.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ServerType } from '@hono/node-server';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { serveLocally } from '../../scripts/lib/serve-locally.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { SUMMARY_VI } from '../../functions/api/views/docs-vi.js';
import { person } from '../support/people.js';

const SCREENSHOTS = 'test-output/e2e';
const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

interface Schema {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  enum?: unknown[];
  allOf?: Schema[];
  anyOf?: Schema[];
  oneOf?: Schema[];
}
interface Doc {
  paths: Record<string, Record<string, any>>;
  components: { schemas: Record<string, Schema> };
}

let t: TestApp;
let doc: Doc;
const html: Record<'vi' | 'en', string> = { vi: '', en: '' };

/** Written here from the OpenAPI rules, not taken from the page's code: $ref, allOf, unions of objects. */
function resolve(s: Schema | undefined): Schema {
  let r = s ?? {};
  while (r.$ref) r = doc.components.schemas[r.$ref.split('/').at(-1)!] ?? {};
  if (r.allOf) return { properties: Object.assign({}, ...r.allOf.map((p) => resolve(p).properties ?? {}), r.properties ?? {}) };
  const variants = (r.anyOf ?? r.oneOf)?.map(resolve).filter((v) => v.properties);
  if (variants?.length) return { properties: Object.assign({}, ...variants.map((v) => v.properties)) };
  if (isArray(r) && r.items) return resolve(r.items);
  return r;
}

const isArray = (s: Schema) => s.type === 'array' || (Array.isArray(s.type) && s.type.includes('array'));

/** The top-level fields of a JSON body (`[].id` when the body is a list), each with its enum if it has one. */
function topFields(schema: Schema | undefined): { name: string; values: unknown[] }[] {
  let top = schema ?? {};
  while (top.$ref) top = doc.components.schemas[top.$ref.split('/').at(-1)!] ?? {};
  const prefix = isArray(top) ? '[].' : '';
  return Object.entries(resolve(schema).properties ?? {}).map(([name, p]) => ({ name: `${prefix}${name}`, values: resolve(p).enum ?? [] }));
}

/** As the JSX renderer escapes text. */
const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

const operations = () =>
  Object.entries(doc.paths).flatMap(([path, item]) => METHODS.filter((m) => item[m]).map((method) => ({ path, method, op: item[method] })));

/** One operation's block of the page: from its <article> to the next. */
function article(page: string, method: string, path: string): string {
  const start = page.indexOf(`data-method="${method.toUpperCase()}" data-path="${path}"`);
  if (start < 0) return '';
  const end = page.indexOf('</article>', start);
  return page.slice(start, end);
}

beforeAll(async () => {
  t = await createTestApp();
  doc = (await (await t.app.request('/v1/openapi.json')).json()) as Doc;
  html.vi = await (await t.app.request('/docs')).text();
  html.en = await (await t.app.request('/docs?lang=en')).text();
}, 60_000);

afterAll(async () => {
  await t?.dispose();
});

describe('/docs, server-rendered from the OpenAPI document', () => {
  it('lists every operation with its parameters, request fields (with enums), response statuses and fields, in both languages', () => {
    const ops = operations();
    expect(ops.length).toBeGreaterThanOrEqual(100);
    const missing: string[] = [];
    let fieldsChecked = 0;
    for (const lang of ['vi', 'en'] as const) {
      for (const { path, method, op } of ops) {
        const where = `${lang} ${method.toUpperCase()} ${path}`;
        const block = article(html[lang], method, path);
        if (!block) {
          missing.push(`${where}: no block`);
          continue;
        }
        const has = (text: string, what: string) => {
          if (!block.includes(text)) missing.push(`${where}: ${what}`);
        };
        for (const p of op.parameters ?? []) has(`<code class="field-name">${p.name}</code>`, `parameter ${p.name}`);
        const schemes = (op.security ?? []).flatMap((r: object) => Object.keys(r));
        const lock = schemes.includes('bearerAuth') ? { vi: 'cần mã truy cập', en: 'needs an access token' } : schemes.length ? { vi: 'cần chữ ký webhook', en: 'needs a webhook signature' } : { vi: 'không cần mã truy cập', en: 'no access token needed' };
        has(`<span class="lock">${lock[lang]}`, `who may call: ${lock[lang]}`);
        const body = op.requestBody?.content?.['application/json'];
        if (body) {
          for (const f of topFields(body.schema)) {
            has(`<code class="field-name">${f.name}</code>`, `request field ${f.name}`);
            for (const v of f.values) has(`<code class="enum">${String(v)}</code>`, `request ${f.name} value ${String(v)}`);
            fieldsChecked++;
          }
          has('<pre>{', 'request example');
        }
        for (const [status, response] of Object.entries<any>(op.responses ?? {})) {
          has(`<code class="status">${status}</code>`, `status ${status}`);
          const media = response.content?.['application/json'];
          if (media && !status.startsWith('4') && !status.startsWith('5')) {
            for (const f of topFields(media.schema)) {
              has(`<code class="field-name">${f.name}</code>`, `response ${status} field ${f.name}`);
              fieldsChecked++;
            }
          }
        }
      }
    }
    expect(missing).toEqual([]);
    expect(fieldsChecked).toBeGreaterThan(500);
    // The problem body every error answers with is described once, field by field.
    for (const lang of ['vi', 'en'] as const) {
      const problem = html[lang].slice(html[lang].indexOf('id="schema-Problem"'));
      for (const f of ['type', 'title', 'status', 'detail', 'errors[].path', 'errors[].message']) expect(problem).toContain(`<code class="field-name">${f}</code>`);
    }
  });

  it('gives every operation its summary in Vietnamese, and the English one on the switch', () => {
    const missing = operations()
      .map(({ method, path }) => `${method.toUpperCase()} ${path}`)
      .filter((key) => !SUMMARY_VI[key]);
    expect(missing).toEqual([]);
    for (const { method, path, op } of operations()) {
      const summary = (block: string) => /<span class="summary-text">([^<]*)<\/span>/.exec(block)?.[1];
      expect(summary(article(html.vi, method, path))).toBe(escape(SUMMARY_VI[`${method.toUpperCase()} ${path}`]!));
      expect(summary(article(html.en, method, path))).toBe(escape(op.summary));
    }
  });

  it('says the answers most operations share in Vietnamese', () => {
    const block = article(html.vi, 'post', '/v1/assignments');
    expect(block).toContain('<code class="status">401</code> Thiếu mã truy cập, mã sai hoặc đã hết hạn');
    expect(block).toContain('<code class="status">403</code> Người gọi không có thẩm quyền');
    expect(article(html.en, 'post', '/v1/assignments')).toContain('<code class="status">401</code> Missing, invalid or expired token');
  });

  it('speaks Vietnamese first and English on the switch', () => {
    expect(html.vi).toContain('<html lang="vi">');
    expect(html.vi).toContain('Tài liệu API');
    expect(html.vi).toContain('>Bắt buộc<');
    expect(html.vi).toContain('>Giao việc<');
    expect(html.vi).toContain('href="/docs?lang=en"');
    expect(html.en).toContain('<html lang="en">');
    expect(html.en).toContain('API reference');
    expect(html.en).toContain('>Required<');
    expect(html.en).not.toContain('Bắt buộc');
  });

  it('is one page for everyone: a hostile query string changes nothing', async () => {
    const res = await t.app.request(`/docs?lang=${encodeURIComponent('"><script>alert(1)</script>')}&x=${encodeURIComponent('<img src=x>')}`);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe(html.vi);
  });

  it('docs/api.md lists every operation the document has', () => {
    const page = readFileSync('docs/api.md', 'utf8');
    const missing = operations()
      .map(({ method, path }) => `\`${method.toUpperCase()} ${path}\``)
      .filter((op) => !page.includes(op));
    expect(missing).toEqual([]);
  });
});

describe('/docs in a browser', () => {
  let server: ServerType;
  let base: string;
  let browser: BrowserContext;
  let profile: string;
  const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    ({ server, base } = await serveLocally(t.app.fetch));
    profile = mkdtempSync(join(tmpdir(), 'tracker-docs-'));
    browser = await chromium.launchPersistentContext(profile, { executablePath: inject('chromiumPath'), headless: true, args: FLAGS });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
    if (profile) rmSync(profile, { recursive: true, force: true });
  });

  /** Opens /docs recording console errors and CSP violations (the listener is injected by the browser, not the page). */
  async function open(width: number, height: number, query = ''): Promise<{ page: Page; problems: string[] }> {
    const page = await browser.newPage();
    await page.setViewportSize({ width, height });
    const problems: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(m.text());
    });
    page.on('pageerror', (e) => problems.push(e.message));
    await page.addInitScript({
      content: "document.addEventListener('securitypolicyviolation', (e) => console.error('CSP violation: ' + e.violatedDirective + ' ' + e.blockedURI));",
    });
    const res = await page.goto(`${base}/docs${query}`);
    expect(res?.status()).toBe(200);
    expect(res?.headers()['content-security-policy']).toMatch(/script-src 'self'.*style-src 'self'|style-src 'self'.*script-src 'self'/);
    return { page, problems };
  }

  it('at 1366 px: styled, no CSP error, and "try it" calls the API with the token typed', async () => {
    const { page, problems } = await open(1366, 900);
    // The style sheets applied (no inline style needed): the method badge is coloured.
    expect(await page.locator('code.method.get').first().evaluate((el) => (globalThis as any).getComputedStyle(el).backgroundColor)).toBe('rgb(31, 122, 77)');
    expect(await page.locator('article.operation').count()).toBe(operations().length);

    const { token } = (await (
      await fetch(`${base}/dev/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ staffId: person('director').id }) })
    ).json()) as { token: string };
    await page.locator('#docs-token').fill(token);

    const org = page.locator('#op-get-v1-org');
    await org.locator('summary').first().click();
    await org.getByRole('button', { name: 'Gửi' }).click();
    await expect.poll(() => org.locator('output').textContent()).toMatch(/^200 OK\napplication\/json/);
    expect(await org.locator('output').textContent()).toContain('"Ban Giám đốc Sở"');

    // A path parameter goes into the URL; an id nobody has answers 404 as a problem.
    const one = page.locator('#op-get-v1-assignments-id');
    await page.goto(`${base}/docs#op-get-v1-assignments-id`); // a link to an operation opens it
    await page.locator('#docs-token').fill(token);
    expect(await one.locator('details').first().getAttribute('open')).not.toBeNull();
    await one.locator('input[name="path.id"]').fill('khong-co');
    await one.getByRole('button', { name: 'Gửi' }).click();
    await expect.poll(() => one.locator('output').textContent()).toMatch(/^404 Not Found\napplication\/problem\+json/);

    // Without a token the API says so.
    await page.locator('#docs-token').fill('');
    await one.getByRole('button', { name: 'Gửi' }).click();
    await expect.poll(() => one.locator('output').textContent()).toMatch(/^401 /);

    const create = page.locator('#op-post-v1-assignments');
    await create.locator('summary').first().click();
    expect(JSON.parse((await create.locator('textarea[name="body"]').inputValue()) || '{}')).toHaveProperty('dueDate');
    await page.screenshot({ path: `${SCREENSHOTS}/docs-1366.png` });
    await create.screenshot({ path: `${SCREENSHOTS}/docs-1366-operation.png` });
    // The browser reports a 401 and a 404 fetch as console errors; nothing else may appear.
    expect(problems.filter((p) => !/status of 40[14]/.test(p))).toEqual([]);
    await page.close();
  });

  it('at 390 px in English: nothing wider than the screen, no CSP error', async () => {
    const { page, problems } = await open(390, 844, '?lang=en');
    expect(await page.locator('h1').textContent()).toMatch(/^API reference/);
    await page.screenshot({ path: `${SCREENSHOTS}/docs-390-top.png` });
    const create = page.locator('#op-post-v1-assignments');
    await create.locator('summary').first().click();
    await create.scrollIntoViewIfNeeded();
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    await page.screenshot({ path: `${SCREENSHOTS}/docs-390.png` });
    await create.screenshot({ path: `${SCREENSHOTS}/docs-390-operation.png` });
    expect(problems).toEqual([]);
    await page.close();
  });
});
