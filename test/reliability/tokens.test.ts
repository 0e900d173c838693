import { CursorCodec, devCursorKeys } from '../../shared/adapters/cursor-codec.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KeyObject, sign } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Logger } from '@aws-lambda-powertools/logger';
import { SignJWT, exportJWK, exportSPKI, generateKeyPair, type CryptoKey, type JWK } from 'jose';
import { buildApp } from '../../functions/api/app.js';
import { localDeps } from '../../functions/api/dependencies.js';
import { DEV_TOKEN_AUDIENCE, DEV_TOKEN_ISSUER, remoteJwksVerifier } from '../../shared/adapters/tokens.js';
import { systemClock } from '../../shared/domain/clock.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { person } from '../support/people.js';
import { operationsOf, type OpenApiDocument } from './support/openapi-arbitraries.js';

// Hostile bearer tokens against both verifiers the app runs with: the deployed one (RS256 from the
// provider's JWKS, served here on loopback) and the local one (ES256 dev tokens). Each is a 401
// problem with `WWW-Authenticate: Bearer`, and writes nothing: the request tried is a creation
// that would otherwise succeed. The deployed Lambda entry point refuses the six classic forgeries
// too (test/integration/lambda-deployed-mode.test.ts); here are the rest, and every route.
const NOW = '2026-11-26T09:00:00+07:00';
const ISSUER = 'https://cognito-idp.ap-southeast-1.amazonaws.com/ap-southeast-1_RELIABILITY';
const AUDIENCE = 'tracker-reliability-client';
const director = person('director');
const leaver = person('specialist', 'ict-centre', 2);

const { deps: docDeps } = await localDeps({ tableName: 'openapi-only', endpoint: 'http://127.0.0.1:9', logLevel: 'SILENT' });
const doc = (await (await buildApp(docDeps).request('/v1/openapi.json')).json()) as OpenApiDocument;
const bearerOperations = operationsOf(doc).filter((o) => o.bearer);

interface Signer {
  name: string;
  alg: 'RS256' | 'ES256';
  kid?: string;
  issuer: string;
  audience: string;
  key: CryptoKey;
  publicKey: CryptoKey;
  publicJwk: JWK;
  /** Sends a request to the app that trusts this signer. */
  request(path: string, init: RequestInit): Response | Promise<Response>;
}

let t: TestApp;
let jwks: Server;
const signers: Signer[] = [];
const keyDir = mkdtempSync(join(tmpdir(), 'tracker-tokens-'));

beforeAll(async () => {
  // The local verifier, with a key pair written where the app reads it, so the test holds the private key.
  const dev = await generateKeyPair('ES256', { extractable: true });
  const devPublicJwk = await exportJWK(dev.publicKey);
  const keyFile = join(keyDir, 'dev-signing-key.json');
  writeFileSync(keyFile, JSON.stringify({ privateJwk: await exportJWK(dev.privateKey), publicJwk: devPublicJwk }));
  t = await createTestApp({ keyFile });
  signers.push({
    name: 'local dev tokens (ES256)',
    alg: 'ES256',
    issuer: DEV_TOKEN_ISSUER,
    audience: DEV_TOKEN_AUDIENCE,
    key: dev.privateKey,
    publicKey: dev.publicKey,
    publicJwk: devPublicJwk,
    request: (path, init) => t.app.request(path, init),
  });

  // The deployed verifier: the provider's keys from a JWKS URL.
  const provider = await generateKeyPair('RS256', { extractable: true });
  const providerJwk = { ...(await exportJWK(provider.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
  jwks = createServer((_req, res) => {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ keys: [providerJwk] }));
  });
  await new Promise<void>((r) => jwks.listen(0, '127.0.0.1', () => r()));
  const deployed = buildApp({
    organisations: t.services.organisations,
    services: t.services,
    tokens: remoteJwksVerifier({
      issuer: ISSUER,
      audience: [AUDIENCE],
      jwksUrl: `http://127.0.0.1:${(jwks.address() as { port: number }).port}/.well-known/jwks.json`,
      algorithms: ['RS256'],
    }),
    clock: systemClock,
    logger: new Logger({ serviceName: 'tokens-test', logLevel: 'SILENT' }),
    cursors: new CursorCodec(devCursorKeys()),
  });
  signers.push({
    name: 'deployed JWKS (RS256)',
    alg: 'RS256',
    kid: 'k1',
    issuer: ISSUER,
    audience: AUDIENCE,
    key: provider.privateKey,
    publicKey: provider.publicKey,
    publicJwk: providerJwk,
    request: (path, init) => deployed.request(path, init),
  });

  // A person whose employment ended: their tokens stop working at once.
  const ended = await t.as(person('chief-of-office').id, `/v1/admin/staff/${leaver.id}/end-employment`, {
    method: 'POST',
    body: JSON.stringify({ endedOn: '2026-11-25', successorId: person('head', 'ict-centre').id }),
    clock: NOW,
  });
  expect(ended.status).toBe(200);
});

afterAll(async () => {
  await new Promise((r) => jwks?.close(r));
  await t?.dispose();
  rmSync(keyDir, { recursive: true, force: true });
});

const now = () => Math.floor(Date.now() / 1000);
const b64 = (v: unknown) => Buffer.from(typeof v === 'string' ? v : JSON.stringify(v)).toString('base64url');

/** A well-formed token of the signer, with the claims and header changed as asked. */
async function token(s: Signer, claims: Record<string, unknown> = {}, options: { header?: Record<string, unknown>; key?: CryptoKey; omit?: string[] } = {}) {
  const payload: Record<string, unknown> = { staffId: director.id, iss: s.issuer, aud: s.audience, iat: now(), exp: now() + 600, ...claims };
  for (const k of options.omit ?? []) delete payload[k];
  return new SignJWT(payload).setProtectedHeader({ alg: s.alg, ...(s.kid ? { kid: s.kid } : {}), ...options.header }).sign(options.key ?? s.key);
}

/** A valid token with one claim of its payload rewritten after signing. */
async function tampered(s: Signer) {
  const [h, , sig] = (await token(s, { staffId: person('specialist', 'it').id })).split('.');
  return `${h}.${b64({ staffId: director.id, iss: s.issuer, aud: s.audience, iat: now(), exp: now() + 600 })}.${sig}`;
}

/** Signs a header jose refuses to produce (an unknown `crit`), with the signer's real key. */
function signedByHand(s: Signer, header: Record<string, unknown>) {
  const input = `${b64(header)}.${b64({ staffId: director.id, iss: s.issuer, aud: s.audience, iat: now(), exp: now() + 600 })}`;
  const signature = sign('sha256', Buffer.from(input), { key: KeyObject.from(s.key), dsaEncoding: 'ieee-p1363' });
  return Promise.resolve(`${input}.${signature.toString('base64url')}`);
}

type Forgery = [name: string, make: (s: Signer) => Promise<string>, onlyFor?: string];
const FORGERIES: Forgery[] = [
  // The six of the issue, for the local verifier (the deployed entry point has them in lambda-deployed-mode.test.ts).
  ['expired', (s) => token(s, { iat: now() - 7200, exp: now() - 60 }), 'ES256'],
  ['not yet valid', (s) => token(s, { nbf: now() + 3600 }), 'ES256'],
  ['for another audience', (s) => token(s, { aud: 'another-client' }), 'ES256'],
  ['from another issuer', (s) => token(s, { iss: 'https://evil.example' }), 'ES256'],
  ['alg none', async (s) => `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ staffId: director.id, iss: s.issuer, aud: s.audience, exp: now() + 600 })}.`, 'ES256'],
  ['HS256 signed with the public JWK', async (s) => token(s, {}, { header: { alg: 'HS256' }, key: new TextEncoder().encode(JSON.stringify(s.publicJwk)) as never }), 'ES256'],
  // And the rest, for both.
  ['HS256 signed with the public key PEM', async (s) => token(s, {}, { header: { alg: 'HS256' }, key: new TextEncoder().encode(await exportSPKI(s.publicKey)) as never })],
  ['with its payload rewritten after signing', tampered],
  ['signed by another key under the same kid', async (s) => token(s, {}, { key: (await generateKeyPair(s.alg)).privateKey })],
  ['pointing at a key of its own (jwk header)', async (s) => {
    const own = await generateKeyPair(s.alg, { extractable: true });
    return token(s, {}, { key: own.privateKey, header: { jwk: await exportJWK(own.publicKey) } });
  }],
  ['pointing at a key set of its own (jku header)', async (s) => token(s, {}, { header: { jku: 'http://127.0.0.1:1/evil-jwks.json' }, key: (await generateKeyPair(s.alg)).privateKey })],
  ['with an unknown critical header', (s) => signedByHand(s, { alg: s.alg, ...(s.kid ? { kid: s.kid } : {}), crit: ['x-tracker'], 'x-tracker': 1 })],
  ['without an expiry', (s) => token(s, {}, { omit: ['exp'] })],
  ['naming nobody', (s) => token(s, {}, { omit: ['staffId'] })],
  ['naming someone not in the records', (s) => token(s, { staffId: 'nguoi-la' })],
  ['of a person whose employment ended', (s) => token(s, { staffId: leaver.id })],
  ['of another organisation', (s) => token(s, { orgId: 'so-tu-phap-lai-chau' })],
  ['expired a second ago', (s) => token(s, { iat: now() - 600, exp: now() - 1 })],
  // Issue #18: a token dated in the future, or minted to live longer than the maximum (12 hours), is refused.
  ['issued an hour in the future', (s) => token(s, { iat: now() + 3600, exp: now() + 7200 })],
  ['with a lifetime over the 12-hour maximum', (s) => token(s, { iat: now() - 60, exp: now() + 12 * 3600 })],
  ['issued longer ago than the maximum', (s) => token(s, { iat: now() - 13 * 3600, exp: now() + 600 })],
  ['without an issue time', (s) => token(s, {}, { omit: ['iat'] })],
  ['truncated', async (s) => (await token(s)).slice(0, -10)],
  ['garbage', async () => 'khong.phai.jwt'],
];

const MALFORMED_HEADERS = ['', 'Bearer', 'Bearer ', 'Basic dXNlcjpwYXNz', 'Bearer a b', 'bearer\t', 'Token abc'];

const VERIFIERS = [
  { index: 0, alg: 'ES256', name: 'the local verifier (ES256 dev tokens)' },
  { index: 1, alg: 'RS256', name: 'the deployed verifier (RS256, JWKS)' },
] as const;

describe.each(VERIFIERS)('$name', ({ index, alg }) => {
  const signer = () => signers[index]!;

  it('accepts its own well-formed token (the forgeries below differ from it in one thing each)', async () => {
    const res = await signer().request('/v1/org', { headers: { authorization: `Bearer ${await token(signer())}`, 'x-clock': NOW } });
    expect(res.status).toBe(200);
    // The hand-made signature below is sound: without the unknown `crit` it is accepted.
    const byHand = await signedByHand(signer(), { alg: alg, ...(signer().kid ? { kid: signer().kid } : {}) });
    expect((await signer().request('/v1/org', { headers: { authorization: `Bearer ${byHand}`, 'x-clock': NOW } })).status).toBe(200);
  });

  it.each(FORGERIES.filter(([, , only]) => !only || only === alg).map(([name, make]) => [name, make] as const))('refuses a token %s: 401, nothing written', async (name, make) => {
    const before = await t.countItems();
    const res = await signer().request('/v1/assignments', {
      method: 'POST',
      headers: { authorization: `Bearer ${await make(signer())}`, 'content-type': 'application/json', 'x-clock': NOW },
      body: JSON.stringify({ title: `Giả mạo: ${name}`, assigneeId: person('specialist', 'it').id, dueDate: '2026-12-10' }),
    });
    expect(res.status, await res.clone().text()).toBe(401);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(res.headers.get('www-authenticate')).toBe('Bearer');
    expect((await res.json()) as object).toMatchObject({ status: 401, type: 'urn:quy-che-tracker:problem:unauthenticated' });
    expect(await t.countItems()).toBe(before);
  });

  it.each(MALFORMED_HEADERS)('refuses the Authorization header %j: 401', async (header) => {
    const res = await signer().request('/v1/org', { headers: { authorization: header, 'x-clock': NOW } });
    expect(res.status).toBe(401);
  });
});

describe('every route that needs a token', () => {
  it(`refuses each of the ${bearerOperations.length} operations without one, and with a forged one`, async () => {
    expect(bearerOperations.length).toBeGreaterThanOrEqual(70);
    const forged = `${b64({ alg: 'none' })}.${b64({ staffId: director.id, exp: now() + 600 })}.`;
    const before = await t.countItems();
    for (const op of bearerOperations) {
      const path = op.path.replace(/\{\w+\}/g, 'x1');
      for (const headers of [{}, { authorization: `Bearer ${forged}` }] as Record<string, string>[]) {
        const res = await t.app.request(path, {
          method: op.method,
          headers: { ...headers, 'content-type': 'application/json', 'x-clock': NOW },
          ...(op.method === 'GET' ? {} : { body: '{}' }),
        });
        expect(res.status, `${op.method} ${op.path}`).toBe(401);
      }
    }
    expect(await t.countItems()).toBe(before);
  });
});
