import { createRoute, z } from '@hono/zod-openapi';
import { describe, expect, it, vi } from 'vitest';
import { buildApp } from '../../functions/api/app.js';
import { localDeps } from '../../functions/api/dependencies.js';
import type { AppDeps } from '../../functions/api/context.js';
import type { RouteGroup } from '../../functions/api/route-groups.js';
import { problemResponse } from '../../functions/api/problem.js';
import { createRouter } from '../../functions/api/router.js';
import { jsonResponse } from '../../functions/api/schemas/common.js';

// No request here reaches the table: the test routes answer by themselves.
const { deps } = await localDeps({ tableName: 'response-validation-unit', endpoint: 'http://127.0.0.1:9', logLevel: 'SILENT' });

const Count = z.object({ count: z.number().int(), items: z.array(z.object({ id: z.string() })) });
const route = (path: string) =>
  createRoute({
    method: 'get',
    path,
    responses: { 200: jsonResponse(Count, 'A count') },
  });

/** A route group of this test alone: answers that match the document, and three that do not. */
const checked: RouteGroup = {
  base: '/',
  paths: ['/checked'],
  load: async () => () =>
    createRouter()
      .openapi(route('/checked/good'), (c) => c.json({ count: 1, items: [{ id: 'a' }] }, 200))
      // The handlers below answer what their types forbid, as a service returning the wrong shape would.
      .openapi(route('/checked/wrong-field'), (c) => c.json({ count: 1, items: [{ id: 7 }] } as unknown as z.infer<typeof Count>, 200))
      .openapi(route('/checked/undeclared-status'), () => Response.json({ count: 1, items: [] }, { status: 201 }) as never)
      .openapi(route('/checked/valid-problem'), (c) => problemResponse(c, 404, 'Nothing here.') as never)
      .openapi(route('/checked/problem'), () => new Response('{"title":"Not found"}', { status: 404, headers: { 'content-type': 'application/problem+json' } }) as never),
};

const appWith = (d: AppDeps) => buildApp(d, [checked]);

describe('responses are checked against the OpenAPI document in local mode and tests', () => {
  it('an answer that matches its schema goes out unchanged', async () => {
    const res = await appWith(deps).request('/checked/good');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ count: 1, items: [{ id: 'a' }] });
  });

  it('in tests, a field of the wrong type fails the request with a 500 naming the field', async () => {
    const res = await appWith(deps).request('/checked/wrong-field');
    expect(res.status).toBe(500);
    const problem = (await res.json()) as { detail: string; errors: { path: string; message: string }[] };
    expect(problem.detail).toContain('GET /checked/wrong-field → 200');
    expect(problem.errors).toEqual([{ path: 'response.items.0.id', message: expect.stringContaining('string') }]);
  });

  it('a success status the route does not declare fails, and so does a problem missing its members', async () => {
    const undeclared = await appWith(deps).request('/checked/undeclared-status');
    expect(undeclared.status).toBe(500);
    expect(((await undeclared.json()) as { errors: unknown[] }).errors).toEqual([{ path: 'response', message: 'status 201 is not declared for this route' }]);
    const problem = await appWith(deps).request('/checked/problem');
    expect(problem.status).toBe(500);
    const paths = ((await problem.json()) as { errors: { path: string }[] }).errors.map((e) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['response.type', 'response.status', 'response.detail']));
  });

  it('an error status the route does not declare passes when it is a whole problem', async () => {
    const res = await appWith(deps).request('/checked/valid-problem');
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ status: 404, detail: 'Nothing here.' });
  });

  it('in npm start (log), the answer goes out unchanged and the mismatch is logged as an error', async () => {
    const logged: unknown[][] = [];
    const logger = vi.spyOn(deps.logger, 'error').mockImplementation((...args: unknown[]) => void logged.push(args));
    try {
      const res = await appWith({ ...deps, local: { ...deps.local!, responseValidation: 'log' } }).request('/checked/wrong-field');
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ count: 1, items: [{ id: 7 }] });
      expect(logged).toEqual([
        ['The response does not match its OpenAPI schema', expect.objectContaining({ route: 'GET /checked/wrong-field → 200', mismatches: [expect.objectContaining({ path: 'response.items.0.id' })] })],
      ]);
    } finally {
      logger.mockRestore();
    }
  });

  it('in the bench (off), local mode answers as AWS does: nothing is checked or logged', async () => {
    const logger = vi.spyOn(deps.logger, 'error');
    try {
      const res = await appWith({ ...deps, local: { ...deps.local!, responseValidation: 'off' } }).request('/checked/wrong-field');
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ count: 1, items: [{ id: 7 }] });
      expect(logger).not.toHaveBeenCalled();
    } finally {
      logger.mockRestore();
    }
  });

  it('in AWS (no local mode) nothing is checked', async () => {
    const { local: _local, ...deployed } = deps;
    const res = await appWith(deployed).request('/checked/wrong-field');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ count: 1, items: [{ id: 7 }] });
  });
});
