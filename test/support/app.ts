import { inject } from 'vitest';
import { DeleteTableCommand } from '@aws-sdk/client-dynamodb';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { ulid } from 'ulidx';
import { buildApp } from '../../functions/api/app.js';
import { localDeps, type LocalDepsOptions } from '../../functions/api/dependencies.js';
import { rulebookForProvince } from '../../shared/rulebook/load.js';
import type { Rulebook } from '../../shared/rulebook/schema.js';
import { ensureTable } from '../../shared/store/create-table.js';
import { OrganisationRepository } from '../../shared/store/organisation-repository.js';
import { seedOrganisations } from '../../shared/services/seed-service.js';
import { buildServices, type Services } from '../../shared/services/index.js';
import type { TableContext } from '../../shared/store/client.js';
import { LOCAL_S3_CREDENTIALS } from '../../scripts/lib/s3-local.js';
import { TEST_FILES_BUCKET } from './global-setup.js';

export interface TestApp {
  app: ReturnType<typeof buildApp>;
  table: TableContext;
  /**
   * Every service, built at once on the same table and settings as the app's (e.g. the e-office
   * dispatcher, which no route runs): the app's own container loads only what its routes ask for.
   */
  services: Services;
  orgId: string;
  /** A dev token for a staff member. */
  token(staffId: string): Promise<string>;
  /** Fetches through the app with a bearer token for `staffId`. */
  as(staffId: string, path: string, init?: RequestInit & { clock?: string }): Promise<Response>;
  /** Every item in the table: tests only, to prove that a refused request wrote nothing. */
  countItems(): Promise<number>;
  dispose(): Promise<void>;
}

/** A fresh table on the run's DynamoDB Local, seeded with the Sơn La rulebook (or the given ones), and the real app on it. */
export async function createTestApp(options: Partial<LocalDepsOptions> & { rulebooks?: Rulebook[]; goLiveOn?: string } = {}): Promise<TestApp> {
  const tableName = `test-${ulid()}`;
  const { rulebooks = rulebookForProvince(options.provinceId ?? 'son-la'), goLiveOn, ...depsOptions } = options;
  const { deps, table, orgId, serviceOptions } = await localDeps({
    tableName,
    endpoint: inject('dynamoEndpoint'),
    logLevel: 'SILENT',
    // As in AWS: a route group that does not list a feature its routes use fails here.
    features: 'on-first-use',
    files: { bucket: TEST_FILES_BUCKET, endpoint: inject('s3Endpoint'), credentials: LOCAL_S3_CREDENTIALS },
    ...(options.rulebooks ? { orgId: rulebooks[0]!.organisation.id } : {}),
    ...depsOptions,
  });
  await ensureTable(table.client, tableName);
  // Live since the regulation took effect unless a test sets the go-live date: tests play out any past date.
  await seedOrganisations(new OrganisationRepository(table), rulebooks, new Date(), { goLiveOn: goLiveOn ?? ((r) => r.effectiveFrom) });
  const app = buildApp(deps);
  const tokens = new Map<string, string>();
  const token = async (staffId: string) => {
    let t = tokens.get(staffId);
    if (!t) {
      t = await deps.local!.devTokens.issue({ staffId, orgId });
      tokens.set(staffId, t);
    }
    return t;
  };
  return {
    app,
    table,
    services: buildServices(table, orgId, serviceOptions),
    orgId,
    token,
    async as(staffId, path, init = {}) {
      const headers = new Headers(init.headers);
      headers.set('authorization', `Bearer ${await token(staffId)}`);
      if (init.clock) headers.set('x-clock', init.clock);
      if (typeof init.body === 'string' && !headers.has('content-type')) headers.set('content-type', 'application/json');
      return app.request(path, { ...init, headers });
    },
    async countItems() {
      let count = 0;
      let startKey: Record<string, unknown> | undefined;
      do {
        const page = await table.doc.send(
          new ScanCommand({ TableName: tableName, Select: 'COUNT', ExclusiveStartKey: startKey }),
        );
        count += page.Count ?? 0;
        startKey = page.LastEvaluatedKey;
      } while (startKey);
      return count;
    },
    async dispose() {
      await table.client.send(new DeleteTableCommand({ TableName: tableName }));
      table.client.destroy();
    },
  };
}
