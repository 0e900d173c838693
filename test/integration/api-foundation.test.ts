import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SignJWT } from 'jose';
import { buildApp } from '../../functions/api/app.js';
import { localDeps } from '../../functions/api/dependencies.js';
import { DEV_TOKEN_AUDIENCE, DEV_TOKEN_ISSUER } from '../../shared/adapters/tokens.js';
import { rulebookForProvince } from '../../shared/rulebook/load.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { inject } from 'vitest';

const sonLa = rulebookForProvince('son-la')[0]!;
const staffWithRole = (role: string) => sonLa.staff.find((s) => s.roles.includes(role as never))!;
const director = staffWithRole('director');
const specialist = staffWithRole('specialist');

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.dispose();
});

const json = async (res: Response) => (await res.json()) as Record<string, any>;

describe('GET /v1/org', () => {
  it('needs a token: 401 problem without one', async () => {
    const res = await t.app.request('/v1/org');
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const body = await json(res);
    expect(body).toMatchObject({ status: 401, title: 'Authentication required' });
    expect(res.headers.get('www-authenticate')).toBe('Bearer');
  });

  it('answers the seven units of DOMAIN.md with their people, heads and overseers', async () => {
    const res = await t.as(specialist.id, '/v1/org');
    expect(res.status).toBe(200);
    const org = await json(res);
    expect(org.id).toBe(sonLa.organisation.id);
    expect(org.units.map((u: any) => u.id).sort()).toEqual(
      ['board', 'office', 'inspectorate', 'press', 'posts-telecom', 'it', 'ict-centre'].sort(),
    );
    expect(org.staff).toHaveLength(sonLa.staff.length);
    const unit = (id: string) => org.units.find((u: any) => u.id === id);
    expect(unit('board').headId).toBe(director.id);
    expect(unit('office').headId).toBe(staffWithRole('chief-of-office').id);
    expect(unit('inspectorate').headId).toBe(staffWithRole('chief-inspector').id);
    expect(unit('press').overseenBy).toBe(director.id);
    expect(unit('inspectorate').overseenBy).toBe(director.id);
    expect(unit('posts-telecom').overseenBy).toBe(unit('office').overseenBy);
    expect(unit('it').overseenBy).toBe(unit('ict-centre').overseenBy);
    expect(unit('it').overseenBy).not.toBe(unit('office').overseenBy);
    for (const u of org.units.filter((u: any) => u.kind !== 'board')) {
      expect(org.staff.find((s: any) => s.id === u.headId)?.unitId, u.id).toBe(u.id);
    }
    const directorPortfolio = org.leaders.find((l: any) => l.staffId === director.id);
    expect(directorPortfolio.article).toMatch(/3/);
    expect(directorPortfolio.unitsOverseen.sort()).toEqual(['inspectorate', 'press']);
    expect(directorPortfolio.districts.map((d: any) => d.id)).toHaveLength(4);
  });

  it('refuses an expired token, a token from another issuer, and alg none, against real time', async () => {
    const expired = await (await import('../../shared/adapters/tokens.js')).DevTokenAuthority.create();
    // A token signed by another key (a different authority) must not verify.
    const foreign = await expired.issue({ staffId: director.id, orgId: t.orgId });
    expect((await t.app.request('/v1/org', { headers: { authorization: `Bearer ${foreign}` } })).status).toBe(401);
    const none =
      Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url') +
      '.' +
      Buffer.from(
        JSON.stringify({ staffId: director.id, iss: DEV_TOKEN_ISSUER, aud: DEV_TOKEN_AUDIENCE, exp: 9999999999 }),
      ).toString('base64url') +
      '.';
    expect((await t.app.request('/v1/org', { headers: { authorization: `Bearer ${none}` } })).status).toBe(401);
  });

  it('checks token expiry against real time, never X-Clock', async () => {
    const token = await t.token(director.id);
    // A business time years ahead does not expire a fresh token...
    const ahead = await t.app.request('/v1/org', {
      headers: { authorization: `Bearer ${token}`, 'x-clock': '2030-01-01T00:00:00+07:00' },
    });
    expect(ahead.status).toBe(200);
    // ...and a business time in the past does not revive an expired one.
    const { deps } = await localDeps({ tableName: t.table.tableName, endpoint: inject('dynamoEndpoint'), logLevel: 'SILENT' });
    const old = await deps.local!.devTokens.issue({ staffId: director.id, orgId: t.orgId }, { now: new Date('2020-01-01T00:00:00Z'), ttlSeconds: 60 });
    const app = buildApp(deps);
    const res = await app.request('/v1/org', {
      headers: { authorization: `Bearer ${old}`, 'x-clock': '2020-01-01T00:00:30Z' },
    });
    expect(res.status).toBe(401);
    expect((await json(res)).detail).toMatch(/ERR_JWT_EXPIRED/);
  });

  it('refuses a token naming somebody who is not in the records', async () => {
    const { deps } = await localDeps({ tableName: t.table.tableName, endpoint: inject('dynamoEndpoint'), logLevel: 'SILENT' });
    void deps;
    const stranger = await new SignJWT({ staffId: 'nobody-here' })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer(DEV_TOKEN_ISSUER)
      .setAudience(DEV_TOKEN_AUDIENCE)
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode('x'.repeat(32)));
    expect((await t.app.request('/v1/org', { headers: { authorization: `Bearer ${stranger}` } })).status).toBe(401);
  });
});

describe('local mode routes', () => {
  it('GET /dev/staff lists the demo staff and POST /dev/token signs a usable token', async () => {
    const staff = await json(await t.app.request('/dev/staff'));
    expect(staff).toHaveLength(sonLa.staff.length);
    expect(staff[0]).toEqual(expect.objectContaining({ id: expect.any(String), name: expect.any(String), unitId: expect.any(String), roles: expect.any(Array) }));
    const res = await t.app.request('/dev/token', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ staffId: director.id }),
    });
    expect(res.status).toBe(200);
    const { token } = await json(res);
    expect((await t.app.request('/v1/org', { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
  });

  it('POST /dev/token names the bad field, refuses unknown staff and non-JSON bodies', async () => {
    const bad = await t.app.request('/dev/token', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ staffId: 42 }),
    });
    expect(bad.status).toBe(400);
    expect((await json(bad)).errors).toEqual([expect.objectContaining({ path: 'body.staffId' })]);
    const unknown = await t.app.request('/dev/token', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ staffId: 'nobody' }),
    });
    expect(unknown.status).toBe(404);
    const malformed = await t.app.request('/dev/token', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"staffId":',
    });
    expect(malformed.status).toBe(400);
    expect((await json(malformed)).errors?.[0]?.path).toBe('body');
    const text = await t.app.request('/dev/token', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'hi' });
    expect(text.status).toBe(415);
    expect(text.headers.get('content-type')).toMatch(/problem\+json/);
  });

  it('an invalid X-Clock is a 400 naming the header', async () => {
    const res = await t.as(director.id, '/v1/org', { clock: 'yesterday' });
    expect(res.status).toBe(400);
    expect((await json(res)).errors).toEqual([expect.objectContaining({ path: 'header.x-clock' })]);
  });
});

describe('problem responses', () => {
  it('405 with Allow for a known path and another method; 404 for an unknown path', async () => {
    const res = await t.as(director.id, '/v1/org', { method: 'DELETE' });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('GET');
    const missing = await t.as(director.id, '/v1/nothing-here');
    expect(missing.status).toBe(404);
    expect((await json(missing)).type).toMatch(/not-found/);
  });

  it('405 names the methods of a path whose reads and changes are separate groups (issue #20), in a process that loaded neither', async () => {
    const fresh = await createTestApp();
    try {
      const id = '01HZZZZZZZZZZZZZZZZZZZZZZZ';
      const allow = async (method: string, path: string) => {
        const res = await fresh.as(director.id, path, { method });
        expect(res.status, `${method} ${path}`).toBe(405);
        return res.headers.get('allow')!.split(', ').sort();
      };
      expect(await allow('GET', `/v1/assignments/${id}/progress`)).toEqual(['POST']);
      expect(await allow('POST', `/v1/assignments/${id}`)).toEqual(['GET']);
      expect(await allow('DELETE', '/v1/assignments')).toEqual(['GET', 'POST']);
    } finally {
      await fresh.dispose();
    }
  });

  it('413 for a body over the limit, before anything is parsed', async () => {
    const small = await createTestApp({ maxBodyBytes: 1024 });
    try {
      const res = await small.app.request('/dev/token', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ staffId: 'x'.repeat(5000) }),
      });
      expect(res.status).toBe(413);
      expect((await json(res)).status).toBe(413);
    } finally {
      await small.dispose();
    }
  });

  it('500 carries a request id and no internals', async () => {
    const { deps } = await localDeps({ tableName: 'no-such-table', endpoint: inject('dynamoEndpoint'), logLevel: 'SILENT' });
    const broken = buildApp(deps);
    const res = await broken.request('/dev/staff');
    expect(res.status).toBe(500);
    const body = await json(res);
    const text = JSON.stringify(body);
    expect(body.requestId).toBe(res.headers.get('x-request-id'));
    expect(body.detail).toContain(body.requestId);
    expect(text).not.toMatch(/ResourceNotFound|no-such-table|stack|at /i);
  });

  it('503 with Retry-After when DynamoDB cannot be reached', async () => {
    const { deps } = await localDeps({ tableName: t.table.tableName, endpoint: 'http://127.0.0.1:9', logLevel: 'SILENT' });
    const res = await buildApp(deps).request('/dev/staff');
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toMatch(/^\d+$/);
  });

  it('every response has a request id and the security headers', async () => {
    const res = await t.app.request('/docs');
    expect(res.status).toBe(200);
    expect(res.headers.get('x-request-id')).toBeTruthy();
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });
});

describe('OpenAPI', () => {
  it('serves the document generated from the zod schemas, without a token', async () => {
    const res = await t.app.request('/v1/openapi.json');
    expect(res.status).toBe(200);
    const doc = await json(res);
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.paths['/v1/org'].get.responses['200']).toBeDefined();
    expect(doc.components.schemas.Organisation.properties.units).toBeDefined();
    expect(doc.components.securitySchemes.bearerAuth.scheme).toBe('bearer');
  });

  it('GET /docs lists every operation of the document', async () => {
    const html = await (await t.app.request('/docs')).text();
    const doc = await json(await t.app.request('/v1/openapi.json'));
    for (const path of Object.keys(doc.paths)) expect(html).toContain(path);
  });
});
