/**
 * The services of one process (a Lambda, the local server, a test), built feature by feature:
 * `deps.services.assignments` is the assignments feature's service once that feature is loaded
 * (`load`), and asking for a feature that is not loaded is an error naming it, never a silent
 * import. The Lambdas load features as their routes and handlers need them (FEATURE_LOADERS);
 * scripts and tests that want everything use buildServices (shared/services/index.ts).
 */
import { OrganisationService } from '../services/organisation-service.js';
import { OrgContextLoader } from '../services/org-context.js';
import type { TableContext } from '../store/client.js';
import { OrganisationRepository } from '../store/organisation-repository.js';
import { FEATURE_LOADERS, SERVICE_FEATURES, type FeatureName, type FeatureServices, type ServiceName } from './catalogue.js';
import type { FeatureContext, FeatureDefinition, ServiceOptions } from './feature.js';

export type { ServiceOptions };

/** Where a container finds a feature's definition: imported on demand, or already in hand (buildServices). */
export type FeatureSource = (name: FeatureName) => FeatureDefinition | Promise<FeatureDefinition>;

type ServiceOf<K extends ServiceName> = FeatureServices[(typeof SERVICE_FEATURES)[K]] extends infer S ? (K extends keyof S ? S[K] : never) : never;

export type Services = { readonly [K in ServiceName]: ServiceOf<K> } & {
  readonly organisations: OrganisationService;
  /** Loads (once) and builds these features and the features they need. */
  load(names: readonly FeatureName[]): Promise<void>;
  /** Whether a feature is built. */
  has(name: FeatureName): boolean;
  /** Builds a feature in hand whose needs are built (buildServices, synchronously). */
  buildNow(definition: FeatureDefinition): void;
};

export const lazyFeatures: FeatureSource = (name) => FEATURE_LOADERS[name]().then((m) => m.feature as FeatureDefinition);

export function createServices(table: TableContext, defaultOrgId: string, options: ServiceOptions = {}, source: FeatureSource = lazyFeatures): Services {
  const organisationRepository = new OrganisationRepository(table);
  const contexts = new OrgContextLoader(organisationRepository);
  const singles = new Map<unknown, unknown>();
  const built = new Map<FeatureName, object>();
  const loading = new Map<FeatureName, Promise<void>>();
  singles.set(OrganisationRepository, organisationRepository);

  const once = <R>(key: unknown, build: () => R): R => {
    if (!singles.has(key)) singles.set(key, build());
    return singles.get(key) as R;
  };
  const builtFeature = <N extends FeatureName>(name: N): FeatureServices[N] => {
    const services = built.get(name);
    if (!services) throw new Error(`The ${name} feature is not loaded: list it where it is used (a route group's features, a handler's load).`);
    return services as FeatureServices[N];
  };
  const ctx: FeatureContext = {
    table,
    defaultOrgId,
    options,
    contexts,
    repository: (type) => once(type, () => new type(table)),
    once: (key, build) => once(`key:${key}`, build),
    need: builtFeature,
    later: (name) => async () => {
      await load([name]);
      return builtFeature(name);
    },
  };

  const buildWith = (definition: FeatureDefinition) => {
    if (!built.has(definition.name)) built.set(definition.name, definition.build(ctx));
  };
  // `path`: the features whose needs are being loaded, to name a cycle instead of waiting on it forever.
  const loadOne = (name: FeatureName, path: readonly FeatureName[]): Promise<void> => {
    if (built.has(name)) return Promise.resolve();
    if (path.includes(name)) return Promise.reject(new Error(`Features need each other: ${[...path, name].join(' → ')}`));
    let pending = loading.get(name);
    if (!pending) {
      pending = (async () => {
        const definition = await source(name);
        await Promise.all(definition.needs.map((n) => loadOne(n, [...path, name])));
        buildWith(definition);
      })();
      // A failed import is not remembered: the next request tries again.
      pending.catch(() => loading.delete(name));
      loading.set(name, pending);
    }
    return pending;
  };
  const load = async (names: readonly FeatureName[]) => {
    await Promise.all(names.map((n) => loadOne(n, [])));
  };

  const services = {
    organisations: new OrganisationService(organisationRepository, contexts, defaultOrgId),
    load,
    has: (name: FeatureName) => built.has(name),
    buildNow: (definition: FeatureDefinition) => {
      for (const n of definition.needs) builtFeature(n);
      buildWith(definition);
    },
  };
  for (const [service, feature] of Object.entries(SERVICE_FEATURES) as [ServiceName, FeatureName][]) {
    Object.defineProperty(services, service, { enumerable: true, get: () => (builtFeature(feature) as Record<string, unknown>)[service] });
  }
  return services as Services;
}
