import { describe, expect, it, vi } from 'vitest';
import type { ZodObject, ZodArray, ZodTypeAny } from 'zod';

// Every schema a lazySchema builds, as the modules importing it from common.ts see it.
const seen = vi.hoisted(() => ({ built: new Set<unknown>(), builds: 0 }));
vi.mock('../../functions/api/schemas/common.js', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../functions/api/schemas/common.js')>();
  return {
    ...actual,
    lazySchema: <T extends ZodTypeAny>(build: () => T) =>
      actual.lazySchema(() => {
        const schema = build();
        seen.builds += 1;
        seen.built.add(schema);
        return schema;
      }),
  };
});

// The unit project shares one module graph between files: these modules are loaded afresh, under the mock.
vi.resetModules();
const { assignmentRoutes } = await import('../../functions/api/routes/assignments.js');
const { jsonResponse, lazySchema, pageOf } = await import('../../functions/api/schemas/common.js');

type Responses = Record<string, { content?: Record<string, { schema: ZodTypeAny }> }>;
const schemaOf = (responses: Responses, status: number, type = 'application/json') => responses[String(status)]!.content![type]!.schema;

describe('response schemas are built when the document or a check reads them (issue #20)', () => {
  it('the assignments reads group is built, as at a cold GET, without building a response schema; each is built once, when read', () => {
    const router = assignmentRoutes({ services: { assignments: {} } } as never);
    expect(seen.builds).toBe(0);

    const routes = router.openAPIRegistry.definitions.flatMap((d) => (d.type === 'route' ? [d.route] : []));
    expect(routes.map((r) => `${r.method} ${r.path}`)).toEqual(['get /assignments', 'get /assignments/{id}']);
    const [list, one] = routes.map((r) => r.responses as Responses);
    // The page's item and the assignment with its history are schemas lazySchema built on this read.
    const item = ((schemaOf(list!, 200) as ZodObject).shape.items as ZodArray<ZodTypeAny>).element;
    expect(seen.built.has(item)).toBe(true);
    expect(seen.built.has(schemaOf(one!, 200))).toBe(true);
    const builds = seen.builds;
    expect(builds).toBeGreaterThanOrEqual(4); // the assignment, its files, its extension requests, the history's events…
    expect(schemaOf(one!, 200)).toBe(schemaOf(one!, 200));
    expect(seen.builds).toBe(builds);
    // Every problem answer shares the one Problem schema.
    expect(schemaOf(one!, 404, 'application/problem+json')).toBe(schemaOf(list!, 401, 'application/problem+json'));
  });

  it('jsonResponse and pageOf call a lazy schema only when the content is read, and take a plain schema as well', async () => {
    const { z } = await import('@hono/zod-openapi');
    let calls = 0;
    const item = lazySchema(() => {
      calls += 1;
      return z.object({ id: z.string() });
    });
    const page = jsonResponse(pageOf(item), 'One page');
    const plain = jsonResponse(z.object({ ok: z.boolean() }), 'Plain');
    expect(calls).toBe(0);
    expect(page.content['application/json'].schema.safeParse({ items: [{ id: 'a' }] }).success).toBe(true);
    expect(page.content['application/json'].schema.safeParse({ items: [{ id: 1 }] }).success).toBe(false);
    expect(calls).toBe(1);
    expect(page.content['application/json'].schema).toBe(page.content['application/json'].schema);
    expect(calls).toBe(1);
    expect(plain.content['application/json'].schema.safeParse({ ok: true }).success).toBe(true);
  });
});
