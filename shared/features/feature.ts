/**
 * What a feature module is (docs/architecture.md, "Features"): a name, the features it needs
 * built before it, and a synchronous `build` that wires its own services from the container's
 * context. A feature never reaches into another one's module: what it uses of another comes
 * through `ctx.need` (built before it, listed in `needs`) or `ctx.later` (loaded on first call,
 * for an edge that would otherwise close a cycle, e.g. a late meeting re-checking findings).
 */
import type { TableContext } from '../store/client.js';
import type { OrgContextLoader } from '../services/org-context.js';
import type { EofficeSettingsSource } from '../adapters/webhook-secrets.js';
import type { DispatcherOptions } from '../services/eoffice-dispatcher.js';
import type { IdentityDirectory } from '../adapters/identity-directory.js';
import type { Notifier } from '../adapters/notifier.js';
import type { FileStorage } from '../adapters/file-storage.js';
import type { FeatureName, FeatureServices } from './catalogue.js';

export interface ServiceOptions {
  /** Where people sign in (issue #12): Cognito in AWS; locally the records alone. */
  readonly identity?: IdentityDirectory;
  /** Where notifications leave (issue #4): SES when NOTIFY_EMAIL_FROM is set, else the log. */
  readonly notifier?: Notifier;
  /** The e-office integration (issue #7): per-organisation secrets and callback URL, and how the outbox is sent. */
  readonly eoffice?: { readonly settings?: EofficeSettingsSource } & Partial<DispatcherOptions>;
  /** Evidence files (issue #22): the bucket; absent, file routes answer 503 and records take no files. */
  readonly files?: FileStorage;
}

export interface FeatureContext {
  readonly table: TableContext;
  readonly defaultOrgId: string;
  readonly options: ServiceOptions;
  /** The organisation snapshot and rulebook loader: one per container, shared by every feature. */
  readonly contexts: OrgContextLoader;
  /** The one instance, per container, of a repository built from the table alone. */
  repository<R>(type: new (table: TableContext) => R): R;
  /** The one instance, per container, of what `build` makes under `key` (a repository with settings of its own). */
  once<R>(key: string, build: () => R): R;
  /** A feature listed in `needs`: already built. */
  need<N extends FeatureName>(name: N): FeatureServices[N];
  /** A feature used by a rare path only: loaded (and built) the first time the returned function is called. */
  later<N extends FeatureName>(name: N): () => Promise<FeatureServices[N]>;
}

export interface FeatureDefinition<N extends FeatureName = FeatureName> {
  readonly name: N;
  readonly needs: readonly FeatureName[];
  build(ctx: FeatureContext): FeatureServices[N];
}

export const defineFeature = <N extends FeatureName>(feature: FeatureDefinition<N>) => feature;
