import { describe, expect, it } from 'vitest';
import { buildApp } from '../../functions/api/app.js';
import { localDeps } from '../../functions/api/dependencies.js';
import { ROUTE_GROUPS, under, type RouteGroup } from '../../functions/api/route-groups.js';

// No request here reaches the table: every one is refused or answered before a service runs.
const { deps } = await localDeps({ tableName: 'route-groups-unit', endpoint: 'http://127.0.0.1:9', logLevel: 'SILENT' });
const { local: _local, ...deployed } = deps;

const join = (base: string, path: string) => (base === '/' ? path : path === '/' ? base : `${base}${path}`);

/** ROUTE_GROUPS, each load recorded in `loaded` by the group's first path (and its methods, if it names them). */
function recording() {
  const loaded: string[] = [];
  const groups: RouteGroup[] = ROUTE_GROUPS.map((g) => ({
    ...g,
    load: () => {
      loaded.push(g.methods ? `${g.paths[0]!} ${g.methods.join(',')}` : g.paths[0]!);
      return g.load();
    },
  }));
  return { loaded, groups };
}

describe('route groups', () => {
  // A path answered by the groups whose paths hold it is answered as one app of all groups would only when no route lies elsewhere.
  it.each(ROUTE_GROUPS.map((g) => [g.paths.join(' '), g] as const))('every route of %s lies under its paths', async (_name, group) => {
    for (const p of group.paths) expect(p, 'a path prefix is literal').toMatch(/^\/[\w./-]*[\w.-]$/);
    const router = (await group.load())(deps);
    expect(router.routes.length).toBeGreaterThan(0);
    for (const route of router.routes) {
      const path = join(group.base, route.path);
      expect(
        group.paths.some((p) => under(path, p)),
        `${route.method} ${path} is outside ${group.paths.join(', ')}`,
      ).toBe(true);
    }
  });

  it('a first GET /v1/assignments loads the assignment reads alone, and the next loads nothing; a change loads the changes', async () => {
    const { loaded, groups } = recording();
    const app = buildApp(deployed, groups);
    expect(loaded).toEqual([]);
    const res = await app.request('/v1/assignments');
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(loaded).toEqual(['/v1/assignments GET']);
    await app.request('/v1/assignments/01HZZZZZZZZZZZZZZZZZZZZZZZ');
    await app.request('/v1/assignments/01HZZZZZZZZZZZZZZZZZZZZZZZ', { method: 'HEAD' });
    expect(loaded).toEqual(['/v1/assignments GET']);
    await app.request('/v1/assignments/01HZZZZZZZZZZZZZZZZZZZZZZZ/progress', { method: 'POST' });
    expect(loaded).toEqual(['/v1/assignments GET', '/v1/assignments POST']);
  });

  it('groups that share their paths serve different methods: the methods of every route of one are those it names', async () => {
    const shared = ROUTE_GROUPS.filter((g) => g.methods);
    expect(shared.length).toBeGreaterThan(0);
    for (const group of shared) {
      const router = (await group.load())(deps);
      expect(router.routes.filter((r) => r.method !== 'ALL' && !group.methods!.includes(r.method as never)).map((r) => `${r.method} ${r.path}`)).toEqual([]);
      // Another group under the same paths names none of its methods: a request of one method is served by one app.
      for (const other of ROUTE_GROUPS.filter((g) => g !== group && g.paths.some((p) => group.paths.includes(p)))) {
        expect(other.methods, `${other.paths.join(' ')} beside ${group.paths.join(' ')}`).toBeDefined();
        expect(other.methods!.filter((m) => group.methods!.includes(m))).toEqual([]);
      }
    }
  });

  it('a path two groups share loads both, in their order; a path no group holds loads none', async () => {
    const { loaded, groups } = recording();
    const app = buildApp(deployed, groups);
    await app.request('/meetings/x', { headers: { accept: 'text/html' } });
    expect(loaded).toEqual(['/meetings', '/meetings']);
    loaded.length = 0;
    const res = await app.request('/khong-co');
    expect(res.status).toBe(404);
    expect(loaded).toEqual([]);
  });

  it('the OpenAPI document loads every group this deployment mounts, on its own first request, and lists their operations', async () => {
    const { loaded, groups } = recording();
    const app = buildApp(deployed, groups);
    const res = await app.request('/v1/openapi.json');
    expect(res.status).toBe(200);
    const doc = (await res.json()) as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/v1/assignments', '/v1/org', '/v1/dashboard']));
    // The dev routes are local only: not in a deployed app's document.
    expect(Object.keys(doc.paths).some((p) => p.startsWith('/dev/'))).toBe(false);
    expect(loaded).toContain('/v1/openapi.json');
  });

  it('a group that fails to load is answered with a 500 problem, and loaded again by the next request', async () => {
    let attempts = 0;
    const flaky: RouteGroup = {
      base: '/',
      paths: ['/flaky'],
      load: async () => {
        attempts += 1;
        if (attempts === 1) throw new Error('chunk not found');
        return (await ROUTE_GROUPS.find((g) => g.paths.includes('/assets/app.css'))!.load());
      },
    };
    const app = buildApp(deployed, [...ROUTE_GROUPS, flaky]);
    const first = await app.request('/flaky/x');
    expect(first.status).toBe(500);
    expect(first.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await first.text()).not.toContain('chunk not found');
    expect((await app.request('/flaky/x')).status).toBe(404);
    expect(attempts).toBe(2);
  });

  it('allRoutes lists every route of every group, as the one app of them all has them', async () => {
    const routes = await buildApp(deps).allRoutes();
    for (const group of ROUTE_GROUPS) {
      const own = (await group.load())(deps).routes;
      for (const r of own) expect(routes).toContainEqual(expect.objectContaining({ method: r.method, path: join(group.base, r.path) }));
    }
  });
});
