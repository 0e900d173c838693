/**
 * The pages' sign-in as deployed (no local mode): the app sends the browser to the provider's
 * authorize endpoint with a PKCE challenge, and exchanges the code at the token endpoint — here a
 * fake Cognito on 127.0.0.1 that checks the code verifier and signs an ID token with its own key,
 * published as a JWKS the app verifies against.
 */
import { CursorCodec, devCursorKeys } from '../../shared/adapters/cursor-codec.js';
import { createHash } from 'node:crypto';
import { Logger } from '@aws-lambda-powertools/logger';
import type { ServerType } from '@hono/node-server';
import { Hono } from 'hono';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../functions/api/app.js';
import { remoteJwksVerifier } from '../../shared/adapters/tokens.js';
import { serveLocally } from '../../scripts/lib/serve-locally.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { person } from '../support/people.js';

const CLIENT_ID = 'tracker-pages';
const head = person('head', 'it');

let t: TestApp;
let provider: ServerType;
let issuer: string;
let app: ReturnType<typeof buildApp>;
let key: CryptoKey;
/** What the fake provider saw and will answer. */
const fake = { challenges: new Map<string, string>(), subjects: new Map<string, string>(), tokenRequests: [] as Record<string, string>[] };

async function idToken(staffId: string, overrides: Record<string, unknown> = {}) {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ 'custom:staffId': staffId, token_use: 'id', ...overrides })
    .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
    .setIssuer(issuer)
    .setAudience(CLIENT_ID)
    .setIssuedAt(now)
    .setExpirationTime(now + 3600)
    .sign(key);
}

beforeAll(async () => {
  t = await createTestApp();
  const pair = await generateKeyPair('RS256');
  key = pair.privateKey;
  const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
  const idp = new Hono();
  idp.get('/.well-known/jwks.json', (c) => c.json({ keys: [jwk] }));
  idp.post('/oauth2/token', async (c) => {
    const form = Object.fromEntries(new URLSearchParams(await c.req.text()));
    fake.tokenRequests.push(form);
    const challenge = fake.challenges.get(form.code ?? '');
    const verified = challenge !== undefined && createHash('sha256').update(form.code_verifier ?? '').digest('base64url') === challenge;
    if (form.grant_type !== 'authorization_code' || form.client_id !== CLIENT_ID || !verified) return c.json({ error: 'invalid_grant' }, 400);
    fake.challenges.delete(form.code!);
    return c.json({ id_token: await idToken(fake.subjects.get(form.code!)!), token_type: 'Bearer', expires_in: 3600 });
  });
  ({ server: provider, base: issuer } = await serveLocally(idp.fetch));
  app = buildApp({
    organisations: t.services.organisations,
    services: t.services,
    tokens: remoteJwksVerifier({ issuer, audience: [CLIENT_ID], jwksUrl: `${issuer}/.well-known/jwks.json`, algorithms: ['RS256'] }),
    clock: () => new Date(),
    logger: new Logger({ logLevel: 'SILENT' }),
    cursors: new CursorCodec(devCursorKeys()),
    signIn: {
      authorizeUrl: `${issuer}/oauth2/authorize`,
      tokenUrl: `${issuer}/oauth2/token`,
      clientId: CLIENT_ID,
      scopes: ['openid', 'email', 'profile'],
      logoutUrl: `${issuer}/logout`,
    },
  });
}, 60_000);

afterAll(async () => {
  await new Promise((resolve) => (provider ? provider.close(resolve) : resolve(undefined)));
  await t?.dispose();
});

const HTML = { accept: 'text/html' };
const BASE = 'https://tracker.example.gov.vn';

/** /auth/login: where it sends the browser, and the cookie that remembers the attempt. */
async function startSignIn(next: string) {
  const res = await app.request(`${BASE}/auth/login?next=${encodeURIComponent(next)}`, { headers: HTML });
  expect(res.status).toBe(302);
  const location = new URL(res.headers.get('location')!);
  return { location, cookie: res.headers.get('set-cookie')!, pending: res.headers.get('set-cookie')!.split(';')[0]! };
}

describe('signing in with the hosted UI (authorization code + PKCE)', () => {
  it('sends a browser without a session from a page to the provider, with a PKCE challenge and a one-time state', async () => {
    const page = await app.request(`${BASE}/dashboard/units/it`, { headers: HTML });
    expect(page.status).toBe(303);
    expect(page.headers.get('location')).toBe('/auth/sign-in?next=%2Fdashboard%2Funits%2Fit');
    const signIn = await app.request(`${BASE}/auth/sign-in?next=%2Fdashboard%2Funits%2Fit`, { headers: HTML });
    expect(signIn.headers.get('location')).toBe('/auth/login?next=%2Fdashboard%2Funits%2Fit');
    const { location, cookie } = await startSignIn('/dashboard/units/it');
    expect(`${location.origin}${location.pathname}`).toBe(`${issuer}/oauth2/authorize`);
    expect(Object.fromEntries(location.searchParams)).toEqual({
      response_type: 'code',
      client_id: CLIENT_ID,
      redirect_uri: `${BASE}/auth/callback`,
      scope: 'openid email profile',
      state: expect.stringMatching(/^[\w-]{22}$/),
      code_challenge: expect.stringMatching(/^[\w-]{43}$/),
      code_challenge_method: 'S256',
      lang: 'vi',
    });
    expect(cookie).toMatch(/^tracker_oauth=[\w-]+; Max-Age=600; Path=\/auth; HttpOnly; Secure; SameSite=Lax$/);
    // The local sign-in does not exist in a deployed app.
    expect((await app.request(`${BASE}/dev/sign-in`, { method: 'POST' })).status).toBe(404);
  });

  it('exchanges the code with the verifier, keeps the ID token in a Secure session cookie, and the page opens with it', async () => {
    const { location, pending } = await startSignIn('/dashboard/units/it?period=2026-11');
    const code = 'code-1';
    fake.challenges.set(code, location.searchParams.get('code_challenge')!);
    fake.subjects.set(code, head.id);
    const back = await app.request(`${BASE}/auth/callback?code=${code}&state=${location.searchParams.get('state')}`, { headers: { ...HTML, cookie: pending } });
    expect(back.status).toBe(303);
    expect(back.headers.get('location')).toBe('/dashboard/units/it?period=2026-11');
    expect(fake.tokenRequests.at(-1)).toEqual({
      grant_type: 'authorization_code',
      client_id: CLIENT_ID,
      code,
      redirect_uri: `${BASE}/auth/callback`,
      code_verifier: expect.stringMatching(/^[\w-]{43}$/),
    });
    const cookies = back.headers.getSetCookie();
    const session = cookies.find((c) => c.startsWith('tracker_session='))!;
    expect(session).toMatch(/^tracker_session=[\w-]+\.[\w-]+\.[\w-]+; Max-Age=(3599|3600); Path=\/; HttpOnly; Secure; SameSite=Lax$/);
    expect(cookies.some((c) => /^tracker_oauth=; Max-Age=0; Path=\/auth/.test(c))).toBe(true);
    const unit = await app.request(`${BASE}/dashboard/units/it?period=2026-11`, { headers: { ...HTML, cookie: session.split(';')[0]! } });
    expect(unit.status).toBe(200);
    expect(await unit.text()).toContain('<h1>Phòng Công nghệ thông tin</h1>');
  });

  it('refuses a callback whose state is not the one it sent, or whose code the provider refuses, and sets no session', async () => {
    const { location, pending } = await startSignIn('/dashboard');
    fake.challenges.set('code-2', location.searchParams.get('code_challenge')!);
    fake.subjects.set('code-2', head.id);
    const forged = await app.request(`${BASE}/auth/callback?code=code-2&state=not-the-state`, { headers: { ...HTML, cookie: pending } });
    expect(forged.status).toBe(400);
    expect(forged.headers.getSetCookie().some((c) => c.startsWith('tracker_session=ey'))).toBe(false);
    const noCookie = await app.request(`${BASE}/auth/callback?code=code-2&state=${location.searchParams.get('state')}`, { headers: HTML });
    expect(noCookie.status).toBe(400);
    const again = await startSignIn('/dashboard');
    const refused = await app.request(`${BASE}/auth/callback?code=unknown&state=${again.location.searchParams.get('state')}`, { headers: { ...HTML, cookie: again.pending } });
    expect(refused.status).toBe(502);
    expect(await refused.text()).toContain('Không nhận được xác nhận từ hệ thống đăng nhập. Vui lòng thử lại.');
  });

  it('refuses an ID token for someone who is not a current staff member', async () => {
    const { location, pending } = await startSignIn('/dashboard');
    fake.challenges.set('code-3', location.searchParams.get('code_challenge')!);
    fake.subjects.set('code-3', 'former-employee');
    const res = await app.request(`${BASE}/auth/callback?code=code-3&state=${location.searchParams.get('state')}`, { headers: { ...HTML, cookie: pending } });
    expect(res.status).toBe(403);
    expect(res.headers.getSetCookie().some((c) => c.startsWith('tracker_session=ey'))).toBe(false);
  });

  it('a session cookie with a token of another issuer or audience is no session', async () => {
    const other = await new SignJWT({ 'custom:staffId': head.id }).setProtectedHeader({ alg: 'RS256', kid: 'k1' }).setIssuer(issuer).setAudience('another-app').setExpirationTime('1h').sign(key);
    const res = await app.request(`${BASE}/dashboard`, { headers: { ...HTML, cookie: `tracker_session=${other}` } });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/auth/sign-in?next=%2Fdashboard');
  });

  it('signs out of the tracker, and offers the provider’s logout', async () => {
    const res = await app.request(`${BASE}/auth/sign-out`, { method: 'POST' });
    expect(res.headers.get('location')).toBe('/auth/signed-out');
    expect(res.headers.get('set-cookie')).toMatch(/^tracker_session=; Max-Age=0; Path=\/; HttpOnly; Secure; SameSite=Lax/);
    const page = await (await app.request(`${BASE}/auth/signed-out`)).text();
    expect(page).toContain(`href="${issuer}/logout?client_id=${CLIENT_ID}&amp;logout_uri=${encodeURIComponent(`${BASE}/auth/sign-in`)}"`);
  });
});
