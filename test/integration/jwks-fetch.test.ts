/**
 * Issue #20: the deployed verifier fetches the provider's key set through node:http(s), not the
 * global fetch (whose first use costs a cold start about 25 ms). What it accepts and refuses is
 * jose's, as before: a key set answered 200 verifies a token it signed; a redirect is not
 * followed, another status, a body that is not a key set or one over 1 MB verifies nothing.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SignJWT, exportJWK, generateKeyPair, type CryptoKey } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UnauthenticatedError } from '../../shared/domain/errors.js';
import { remoteJwksVerifier } from '../../shared/adapters/tokens.js';

const ISSUER = 'https://cognito-idp.ap-southeast-1.amazonaws.com/ap-southeast-1_JWKS';
const AUDIENCE = 'jwks-fetch-client';

let server: Server;
let base: string;
let privateKey: CryptoKey;
let keySet: string;
const requests: { path: string; headers: IncomingHttpHeaders }[] = [];

beforeAll(async () => {
  const pair = await generateKeyPair('RS256');
  privateKey = pair.privateKey;
  keySet = JSON.stringify({ keys: [{ ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' }] });
  server = createServer((req, res) => {
    requests.push({ path: req.url ?? '', headers: req.headers });
    switch (req.url) {
      case '/keys':
        return void res.writeHead(200, { 'content-type': 'application/json' }).end(keySet);
      case '/moved':
        return void res.writeHead(302, { location: '/keys' }).end();
      case '/error':
        return void res.writeHead(500).end(keySet);
      case '/not-json':
        return void res.writeHead(200, { 'content-type': 'text/html' }).end('<html>sign in</html>');
      case '/huge':
        res.writeHead(200, { 'content-type': 'application/json' });
        // The right key set, padded past 1 MB and sent in pieces: only the size refuses it.
        res.write(`${keySet.slice(0, -1)},"pad":"`);
        for (let i = 0; i < 20; i++) res.write('x'.repeat(64 * 1024));
        return void res.end('"}');
      default:
        return void res.writeHead(404).end();
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((r) => server.close(() => r())));

const token = () =>
  new SignJWT({ staffId: 'lo-van-thang' })
    .setProtectedHeader({ alg: 'RS256', kid: 'k1', typ: 'JWT' })
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt()
    .setExpirationTime('1h')
    .sign(privateKey);

const verifierAt = (path: string) => remoteJwksVerifier({ issuer: ISSUER, audience: [AUDIENCE], jwksUrl: `${base}${path}`, algorithms: ['RS256'] });

describe('the provider key set, fetched through node:http', () => {
  it('verifies a token against the key set, fetched once for prepare and verify, with jose’s request headers', async () => {
    const verifier = verifierAt('/keys');
    const before = requests.length;
    await verifier.prepare!();
    expect(await verifier.verify(await token())).toEqual({ staffId: 'lo-van-thang' });
    expect(await verifier.verify(await token())).toEqual({ staffId: 'lo-van-thang' });
    const fetched = requests.slice(before);
    expect(fetched.map((r) => r.path)).toEqual(['/keys']);
    expect(fetched[0]!.headers.accept).toBe('application/json, application/jwk-set+json');
  });

  for (const [path, what] of [
    ['/moved', 'a redirect (not followed)'],
    ['/error', 'a 500'],
    ['/not-json', 'a body that is not JSON'],
    ['/huge', 'a body over 1 MB'],
    ['/missing', 'a 404'],
  ] as const) {
    it(`verifies nothing against ${what}: 401`, async () => {
      const before = requests.length;
      const refused = await verifierAt(path)
        .verify(await token())
        .catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(UnauthenticatedError);
      // The redirect's target was never asked for.
      expect(requests.slice(before).map((r) => r.path)).toEqual([path]);
    });
  }

  it('gives up on a key set that never answers, at jose’s timeout', async () => {
    const silent = createServer(() => {});
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', () => r()));
    try {
      const verifier = remoteJwksVerifier({
        issuer: ISSUER,
        audience: [AUDIENCE],
        jwksUrl: `http://127.0.0.1:${(silent.address() as AddressInfo).port}/keys`,
        algorithms: ['RS256'],
      });
      const started = Date.now();
      expect(await verifier.verify(await token()).catch((e: unknown) => e)).toBeInstanceOf(UnauthenticatedError);
      // jose's timeout is 5 seconds; the request was abandoned, not left to the server.
      expect(Date.now() - started).toBeLessThan(15_000);
    } finally {
      silent.closeAllConnections();
      await new Promise<void>((r) => silent.close(() => r()));
    }
  }, 20_000);
});
