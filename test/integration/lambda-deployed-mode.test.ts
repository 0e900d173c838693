import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { createServer, type Server } from 'node:http';
import { SignJWT, exportJWK, generateKeyPair, type CryptoKey } from 'jose';
import { rulebookForProvince } from '../../shared/rulebook/load.js';
import { createTestApp, type TestApp } from '../support/app.js';

// The deployed Lambda entry point, run against DynamoDB Local and a JWKS served on loopback:
// no dev routes, X-Clock ignored, and only properly signed tokens of the configured issuer.
const sonLa = rulebookForProvince('son-la')[0]!;
const director = sonLa.staff.find((s) => s.roles.includes('director'))!;
const ISSUER = 'https://cognito-idp.ap-southeast-1.amazonaws.com/ap-southeast-1_TEST';
const AUDIENCE = 'tracker-client-id';

let t: TestApp;
let jwks: Server;
let privateKey: CryptoKey;
let publicPem: string;
let handler: (event: unknown, context: unknown) => Promise<{ statusCode: number; body: string; headers?: Record<string, string> }>;

beforeAll(async () => {
  t = await createTestApp();
  const pair = await generateKeyPair('RS256', { extractable: true });
  privateKey = pair.privateKey;
  const publicJwk = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
  publicPem = JSON.stringify(publicJwk);
  jwks = createServer((_req, res) => {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ keys: [publicJwk] }));
  });
  await new Promise<void>((r) => jwks.listen(0, '127.0.0.1', () => r()));
  const port = (jwks.address() as { port: number }).port;
  Object.assign(process.env, {
    TABLE_NAME: t.table.tableName,
    PROVINCE_ID: 'son-la',
    AUTH_ISSUER: ISSUER,
    AUTH_AUDIENCE: AUDIENCE,
    AUTH_JWKS_URL: `http://127.0.0.1:${port}/.well-known/jwks.json`,
    AWS_REGION: 'local',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    AWS_ENDPOINT_URL_DYNAMODB: inject('dynamoEndpoint'),
    // The cursor key is read from Secrets Manager on the first list request only; these tests list nothing.
    CURSOR_SECRET_ID: 'quy-che-tracker/son-la/cursor-key',
    POWERTOOLS_LOG_LEVEL: 'SILENT',
    // Even if somebody sets the local switch on a deployed function, the entry point ignores it.
    TRACKER_LOCAL_MODE: 'true',
  });
  ({ handler } = (await import('../../functions/api/lambda.js')) as never);
});

afterAll(async () => {
  await new Promise((r) => jwks?.close(r));
  await t?.dispose();
});

function event(method: string, path: string, headers: Record<string, string> = {}, body?: string) {
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath: path,
    rawQueryString: '',
    headers: { host: 'api.example', ...headers },
    requestContext: {
      accountId: '123456789012',
      apiId: 'api',
      domainName: 'api.example',
      domainPrefix: 'api',
      http: { method, path, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'test' },
      requestId: 'req-1',
      routeKey: '$default',
      stage: '$default',
      time: '26/Nov/2026:09:00:00 +0000',
      timeEpoch: 0,
    },
    body,
    isBase64Encoded: false,
  };
}

const context = { awsRequestId: 'aws-req-1', functionName: 'api', getRemainingTimeInMillis: () => 10_000 };

async function sign(claims: Record<string, unknown>, options: { iss?: string; aud?: string; exp?: number; nbf?: number } = {}) {
  const now = Math.floor(Date.now() / 1000);
  const jwt = new SignJWT({ 'custom:staffId': director.id, ...claims })
    .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
    .setIssuer(options.iss ?? ISSUER)
    .setAudience(options.aud ?? AUDIENCE)
    .setIssuedAt(now)
    .setExpirationTime(options.exp ?? now + 600);
  if (options.nbf) jwt.setNotBefore(options.nbf);
  return jwt.sign(privateKey);
}

describe('the deployed API Lambda', () => {
  it('has no dev routes', async () => {
    expect((await handler(event('GET', '/dev/staff'), context)).statusCode).toBe(404);
    const res = await handler(
      event('POST', '/dev/token', { 'content-type': 'application/json' }, JSON.stringify({ staffId: director.id })),
      context,
    );
    expect(res.statusCode).toBe(404);
  });

  it('accepts a token of the configured issuer and ignores X-Clock', async () => {
    const token = await sign({});
    const res = await handler(event('GET', '/v1/org', { authorization: `Bearer ${token}`, 'x-clock': 'not a time' }), context);
    expect(res.statusCode).toBe(200);
    expect(JSON.parse(res.body).units).toHaveLength(7);
  });

  it.each([
    ['expired', () => sign({}, { exp: Math.floor(Date.now() / 1000) - 60 })],
    ['not yet valid', () => sign({}, { nbf: Math.floor(Date.now() / 1000) + 3600 })],
    ['wrong audience', () => sign({}, { aud: 'another-client' })],
    ['wrong issuer', () => sign({}, { iss: 'https://evil.example' })],
    [
      'alg none',
      async () =>
        `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${Buffer.from(
          JSON.stringify({ 'custom:staffId': director.id, iss: ISSUER, aud: AUDIENCE, exp: 9999999999 }),
        ).toString('base64url')}.`,
    ],
    [
      'HS256 signed with the public key',
      () =>
        new SignJWT({ 'custom:staffId': director.id })
          .setProtectedHeader({ alg: 'HS256', kid: 'k1' })
          .setIssuer(ISSUER)
          .setAudience(AUDIENCE)
          .setExpirationTime('1h')
          .sign(new TextEncoder().encode(publicPem)),
    ],
  ])('refuses a token that is %s with 401', async (_name, make) => {
    const res = await handler(event('GET', '/v1/org', { authorization: `Bearer ${await make()}` }), context);
    expect(res.statusCode).toBe(401);
    expect(JSON.parse(res.body).status).toBe(401);
  });
});
