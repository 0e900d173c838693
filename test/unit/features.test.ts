import { describe, expect, it } from 'vitest';
import { FEATURE_LOADERS, SERVICE_FEATURES, type FeatureName } from '../../shared/features/catalogue.js';
import { createServices } from '../../shared/features/container.js';
import { ALL_FEATURES } from '../../shared/services/index.js';
import { createTableContext } from '../../shared/store/client.js';

// Building a feature reads nothing: no request here reaches the table.
const table = () => createTableContext({ tableName: 'features-unit', endpoint: 'http://127.0.0.1:9' });
const names = Object.keys(FEATURE_LOADERS) as FeatureName[];

/** A feature and every feature it needs, transitively. */
function closure(name: FeatureName, seen = new Set<FeatureName>()): Set<FeatureName> {
  if (seen.has(name)) return seen;
  seen.add(name);
  for (const n of ALL_FEATURES[name].needs) closure(n, seen);
  return seen;
}

describe('features', () => {
  it('the catalogue, the modules and the service names agree', async () => {
    expect(Object.keys(ALL_FEATURES).sort()).toEqual([...names].sort());
    for (const name of names) {
      const { feature } = await FEATURE_LOADERS[name]();
      expect(feature.name).toBe(name);
      expect(feature).toBe(ALL_FEATURES[name]);
    }
    expect([...new Set(Object.values(SERVICE_FEATURES))].sort()).toEqual([...names].sort());
  });

  it.each(names)('loading %s builds it and the features it needs, and no other', async (name) => {
    const services = createServices(table(), 'so-tttt-son-la');
    await services.load([name]);
    const expected = closure(name);
    for (const n of names) expect(services.has(n), n).toBe(expected.has(n));
    // Each of its services is there, and a service of a feature not loaded is refused by name.
    for (const [service, feature] of Object.entries(SERVICE_FEATURES)) {
      const get = () => (services as unknown as Record<string, unknown>)[service];
      if (expected.has(feature)) expect(get(), service).toBeTypeOf('object');
      else expect(get, service).toThrow(`The ${feature} feature is not loaded`);
    }
  });

  it('no feature needs itself through others (buildServices builds them all, each once)', () => {
    for (const name of names) expect(closure(name).size).toBeGreaterThan(0);
    const services = createServices(table(), 'so-tttt-son-la', {}, (n) => ALL_FEATURES[n]);
    const order: FeatureName[] = [];
    const visit = (n: FeatureName, path: FeatureName[]) => {
      expect(path, `${[...path, n].join(' → ')}`).not.toContain(n);
      if (order.includes(n)) return;
      for (const m of ALL_FEATURES[n].needs) visit(m, [...path, n]);
      order.push(n);
    };
    for (const n of names) visit(n, []);
    for (const n of order) services.buildNow(ALL_FEATURES[n]);
    expect(names.every((n) => services.has(n))).toBe(true);
  });

  it('one repository instance per container, whichever features use it', async () => {
    const services = createServices(table(), 'so-tttt-son-la');
    await services.load(['meetings', 'reception', 'boardMatters', 'dashboard']);
    const repositories = [services.meetings, services.citizenReception, services.visits, services.boardMatters]
      // A service split by feature keeps its stores in its core (docs/architecture.md).
      .map((s) => [...Object.values(s as object), ...Object.values((s as { core?: object }).core ?? {})])
      .map((fields) => fields.find((v: unknown) => (v as object | undefined)?.constructor?.name === 'MeetingRepository'))
      .filter(Boolean);
    expect(repositories.length).toBeGreaterThanOrEqual(3);
    expect(new Set(repositories).size).toBe(1);
  });
});
