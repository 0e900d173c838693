import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import type { AppEnv } from '../../functions/api/context.js';
import { handleError, problemBody } from '../../functions/api/problem.js';
import { ConflictError, DomainError, ForbiddenError, PreconditionFailedError, UnauthenticatedError, UnavailableError, ValidationError } from '../../shared/domain/errors.js';

// Every error class any module of shared/domain exports, found by importing them all: a class
// added later is in this list without anyone editing the test.
const domainDir = fileURLToPath(new URL('../../shared/domain/', import.meta.url));
const modules = readdirSync(domainDir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'));
const errorClasses = new Map<string, new (message: string) => Error>();
for (const file of modules) {
  for (const [name, value] of Object.entries(await import(join(domainDir, file)))) {
    if (typeof value === 'function' && value.prototype instanceof Error) errorClasses.set(name, value as new (message: string) => Error);
  }
}

/** The real mapper behind a route that throws what it is given. */
function throwing(error: unknown) {
  const app = new Hono<AppEnv>();
  app.get('/v1/probe', () => {
    throw error;
  });
  app.onError(handleError);
  return app.request('/v1/probe', { headers: { accept: 'application/json' } });
}

describe('domain errors', () => {
  it('are found in every module of shared/domain', () => {
    expect(modules.length).toBeGreaterThan(30);
    for (const name of ['ValidationError', 'UnavailableError', 'CalendarCoverageError', 'InvalidLocalDateError', 'InvalidTimeZoneError', 'CalendarDataError', 'NoWorkingDayError', 'DeadlineRuleError', 'ScheduleError']) {
      expect([...errorClasses.keys()]).toContain(name);
    }
  });

  it.each([...errorClasses].filter(([, Class]) => (Class as unknown) !== DomainError))('%s carries a 4xx or 503 and the mapper answers with it', async (name, Class) => {
    const error = new Class('probe');
    expect(error, `${name} extends DomainError`).toBeInstanceOf(DomainError);
    const { status, type } = error as DomainError;
    expect(status === 503 || (status >= 400 && status < 500), `${name}: ${status}`).toBe(true);
    const res = await throwing(error);
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toBe('application/problem+json; charset=utf-8');
    const body = (await res.json()) as { type: string; status: number; detail: string };
    // The type a problem of that status has always had (API.md), and the error's own detail.
    expect(body).toMatchObject({ type, status, detail: error.message });
    expect(type).toBe(problemBody(status, '').type);
  });

  it('an error that is not a domain error is still a bare 500', async () => {
    const res = await throwing(new TypeError('x is undefined'));
    expect(res.status).toBe(500);
    expect(((await res.json()) as { detail: string }).detail).not.toContain('x is undefined');
  });

  // The members, their order and the headers, as the per-class branches wrote them.
  it.each([
    [new ValidationError('bad', [{ path: 'body.dueDate', message: 'required' }]), {}, '{"type":"urn:quy-che-tracker:problem:bad-request","title":"Bad request","status":400,"detail":"bad","instance":"/v1/probe","errors":[{"path":"body.dueDate","message":"required"}]}'],
    [new ValidationError('bad'), {}, '{"type":"urn:quy-che-tracker:problem:bad-request","title":"Bad request","status":400,"detail":"bad","instance":"/v1/probe"}'],
    [new UnauthenticatedError('who'), { 'www-authenticate': 'Bearer' }, '{"type":"urn:quy-che-tracker:problem:unauthenticated","title":"Authentication required","status":401,"detail":"who","instance":"/v1/probe"}'],
    [new ForbiddenError('no', 'A1', [{ path: 'body.actorId', message: 'not his' }]), {}, '{"type":"urn:quy-che-tracker:problem:forbidden","title":"Forbidden","status":403,"detail":"no","instance":"/v1/probe","rule":"A1","errors":[{"path":"body.actorId","message":"not his"}]}'],
    [new ConflictError('late', [{ path: 'body.at', message: 'before' }], 'Muộn'), {}, '{"type":"urn:quy-che-tracker:problem:conflict","title":"Conflict","status":409,"detail":"late","instance":"/v1/probe","errors":[{"path":"body.at","message":"before"}]}'],
    [new PreconditionFailedError('stale', 3), {}, '{"type":"urn:quy-che-tracker:problem:precondition-failed","title":"Precondition failed","status":412,"detail":"stale","instance":"/v1/probe","currentVersion":3}'],
    [new UnavailableError('down', 7), { 'retry-after': '7' }, '{"type":"urn:quy-che-tracker:problem:unavailable","title":"Service unavailable","status":503,"detail":"down","instance":"/v1/probe"}'],
  ] as const)('%s: the same body and headers as before', async (error, headers, body) => {
    const res = await throwing(error);
    expect(await res.text()).toBe(body);
    for (const [name, value] of Object.entries(headers)) expect(res.headers.get(name)).toBe(value);
  });

  it("a conflict's own Vietnamese sentence is its detail in Vietnamese, not a member", async () => {
    const app = new Hono<AppEnv>();
    app.get('/v1/probe', () => {
      throw new ConflictError('late', [], 'Đã quá hạn.');
    });
    app.onError(handleError);
    const res = await app.request('/v1/probe', { headers: { 'accept-language': 'vi' } });
    expect(await res.json()).toEqual({ type: 'urn:quy-che-tracker:problem:conflict', title: 'Xung đột với trạng thái hiện tại', status: 409, detail: 'Đã quá hạn.', instance: '/v1/probe' });
  });
});
