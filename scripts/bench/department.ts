import { CursorCodec, devCursorKeys } from '../../shared/adapters/cursor-codec.js';
import { Logger } from '@aws-lambda-powertools/logger';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { buildApp } from '../../functions/api/app.js';
import type { AppDeps } from '../../functions/api/context.js';
import { ROUTE_GROUPS } from '../../functions/api/route-groups.js';
import { createRouter } from '../../functions/api/router.js';
import { DevTokenAuthority } from '../../shared/adapters/tokens.js';
import { LogNotifier } from '../../shared/adapters/notifier.js';
import { staticEofficeSettings } from '../../shared/adapters/webhook-secrets.js';
import type { Rulebook } from '../../shared/rulebook/schema.js';
import { buildServices, type Services } from '../../shared/services/index.js';
import { seedOrganisations } from '../../shared/services/seed-service.js';
import { CapacityMeter, type CapacityUnits } from '../../shared/store/capacity.js';
import { createTableContext, type TableContext } from '../../shared/store/client.js';
import { ensureTable } from '../../shared/store/create-table.js';
import { OrganisationRepository } from '../../shared/store/organisation-repository.js';
import { trackerTable } from '../../shared/store/table-definition.js';
import { writeNeed, type TransactionWrite, type WriteNeed } from './budget.js';

type Item = Record<string, unknown>;

export const BARE_PATH = '/bench/bare';
const INDEXES = trackerTable.globalIndexes.map((i) => ({ name: i.indexName, partitionKey: i.partitionKey.name, sortKey: i.sortKey.name }));

/**
 * One synthetic department on its own table: the real app and services on a store whose every
 * call reports its consumed capacity, and, for writes, the units each transaction needs (each
 * item sized before and after, read beside the measurement on a second, unmetered client).
 */
export interface BenchDepartment {
  readonly table: TableContext;
  readonly services: Services;
  readonly app: ReturnType<typeof buildApp>;
  /** Every route the app serves. */
  readonly routes: readonly { readonly method: string; readonly path: string }[];
  readonly meter: CapacityMeter;
  readonly orgId: string;
  readonly rulebook: Rulebook;
  token(staffId: string): Promise<string>;
  /** Runs one operation, returning the capacity it consumed and each transaction it wrote, item by item with the units it needs. */
  measure<T>(operation: () => Promise<T>): Promise<{ result: T; units: CapacityUnits; transactions: WriteNeed[][] }>;
  dispose(): Promise<void>;
}

export async function openDepartment(endpoint: string, tableName: string, rulebook: Rulebook, now: Date): Promise<BenchDepartment> {
  const meter = new CapacityMeter();
  const table = createTableContext({ tableName, endpoint, capacity: meter.recorder });
  const unmetered = createTableContext({ tableName, endpoint });
  await ensureTable(table.client, tableName);
  await seedOrganisations(new OrganisationRepository(unmetered), [rulebook], now, { goLiveOn: (r) => r.effectiveFrom });

  let transactions: WriteNeed[][] | undefined;
  const before = async (key: Item): Promise<Item | undefined> =>
    (await unmetered.doc.send(new GetCommand({ TableName: tableName, Key: { PK: key.PK, SK: key.SK }, ConsistentRead: true }))).Item;
  table.client.middlewareStack.add(
    (next, context) => async (args) => {
      const sink = transactions;
      if (context.commandName !== 'TransactWriteItemsCommand' || !sink) return next(args);
      const items = (args.input as { TransactItems: { Put?: { Item: Item }; Update?: { Key: Item; UpdateExpression: string; ExpressionAttributeNames?: Record<string, string>; ExpressionAttributeValues?: Record<string, unknown> } }[] }).TransactItems;
      const writes: Promise<TransactionWrite>[] = items.map(async (t, i) => {
        if (t.Put) {
          const old = await before(t.Put.Item);
          return { label: `${String(t.Put.Item.entity ?? 'item')} ${i + 1}`, ...(old ? { before: old } : {}), after: t.Put.Item };
        }
        if (t.Update && /^ADD /.test(t.Update.UpdateExpression)) {
          const old = await before(t.Update.Key);
          const after: Item = { ...(old ?? t.Update.Key) };
          for (const [placeholder, name] of Object.entries(t.Update.ExpressionAttributeNames ?? {})) {
            after[name] = ((after[name] as number | undefined) ?? 0) + (t.Update.ExpressionAttributeValues?.[placeholder.replace('#', ':')] as number);
          }
          return { label: `counter ${i + 1} (${String(t.Update.Key.PK).split('#CNT#')[1] ?? t.Update.Key.PK} ${String(t.Update.Key.SK)})`, ...(old ? { before: old } : {}), after };
        }
        throw new Error(`The bench cannot size transaction item ${JSON.stringify(t).slice(0, 200)}`);
      });
      // Sized before the write is sent, so "before" is the item as it was.
      sink.push((await Promise.all(writes)).map((w) => writeNeed(w, INDEXES)));
      return next(args);
    },
    { step: 'initialize', name: 'benchTransactionNeeds' },
  );

  // Errors only: a 500 under measurement says why on stderr.
  const silent = new Logger({ serviceName: 'tracker-bench', logLevel: 'ERROR' });
  const services = buildServices(table, rulebook.organisation.id, {
    notifier: new LogNotifier({ info: () => undefined }),
    eoffice: { settings: staticEofficeSettings({}) },
  });
  const devTokens = await DevTokenAuthority.create();
  const deps: AppDeps = {
    organisations: services.organisations,
    services,
    tokens: devTokens,
    clock: () => now,
    logger: silent,
    cursors: new CursorCodec(devCursorKeys()),
    // The X-Clock header and dev tokens, without the tests' check of every answer (about 1 ms of each list): the Lambda never runs it.
    local: { devTokens, responseValidation: 'off' },
    eoffice: { settings: staticEofficeSettings({}) },
  };
  // The HTTP bench's baseline, behind the app's middleware like every route; only this bench-built app has it.
  const bare = { base: '/' as const, paths: [BARE_PATH], load: async () => () => createRouter().get(BARE_PATH, (c) => c.json({ ok: true })) };
  const app = buildApp(deps, [...ROUTE_GROUPS, bare]);
  const routes = await app.allRoutes();
  const tokens = new Map<string, string>();
  return {
    table,
    services,
    app,
    routes,
    meter,
    orgId: rulebook.organisation.id,
    rulebook,
    async token(staffId) {
      let t = tokens.get(staffId);
      if (!t) tokens.set(staffId, (t = await devTokens.issue({ staffId, orgId: rulebook.organisation.id })));
      return t;
    },
    async measure(operation) {
      transactions = [];
      try {
        const { result, units } = await meter.measure(operation);
        return { result, units, transactions };
      } finally {
        transactions = undefined;
      }
    },
    async dispose() {
      table.client.destroy();
      unmetered.client.destroy();
    },
  };
}
