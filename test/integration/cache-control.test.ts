// Issue #18: pages signed in by cookie (the calendar, a meeting's page) and API answers were sent
// without Cache-Control, so a shared cache or the browser's back-forward store could keep one
// person's records. Every answer that carries records says `private, no-store`.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { person } from '../support/people.js';

const NOW = '2026-11-26T09:00:00+07:00';
const HTML = { accept: 'text/html' };
const director = person('director');
let t: TestApp;
let cookie: string;
let meetingId: string;

beforeAll(async () => {
  t = await createTestApp();
  const res = await t.app.request('/dev/sign-in', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://localhost' },
    body: new URLSearchParams({ staffId: director.id, next: '/dashboard' }).toString(),
  });
  cookie = res.headers.get('set-cookie')!.split(';')[0]!;
  const meeting = await t.as(director.id, '/v1/meetings', {
    method: 'POST',
    clock: NOW,
    body: JSON.stringify({ kind: 'weekly-briefing', heldOn: '2026-11-20', chairId: director.id, participantIds: [director.id] }),
  });
  expect(meeting.status, await meeting.clone().text()).toBe(201);
  meetingId = ((await meeting.json()) as { id: string }).id;
}, 60_000);

afterAll(async () => {
  await t?.dispose();
});

describe('Cache-Control on what carries records', () => {
  it.each(['/calendar', '/calendar?week=2026-W48', '/dashboard', '/dashboard/findings', 'MEETING'])('the page %s', async (path) => {
    const res = await t.app.request(path === 'MEETING' ? `/meetings/${meetingId}` : path, { headers: { ...HTML, cookie, 'x-clock': NOW } });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('private, no-store');
  });

  it.each(['/v1/org', '/v1/assignments', `/v1/calendar?week=2026-W48`, '/v1/findings', '/v1/notifications'])('the API answer %s', async (path) => {
    const res = await t.as(director.id, path, { clock: NOW });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('private, no-store');
  });

  it('a refusal too, and the sign-in page', async () => {
    expect((await t.app.request('/v1/assignments')).headers.get('cache-control')).toBe('private, no-store');
    expect((await t.app.request('/auth/sign-in', { headers: HTML })).headers.get('cache-control')).toBe('private, no-store');
  });

  it('the stylesheet, which holds no records, stays cacheable', async () => {
    expect((await t.app.request('/assets/app.css')).headers.get('cache-control')).toBe('public, max-age=3600');
  });
});
