/**
 * Issue #20: a cold process reads the version item and the stored copy of the organisation's
 * snapshot and rulebook versions in one call (shared/store/org-snapshot-cache.ts). The copy is
 * used only at the version it was read at: a change to the organisation is seen by the very next
 * request of a cold process too, whatever copy is stored.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inject, afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { buildApp } from '../../functions/api/app.js';
import { localDeps } from '../../functions/api/dependencies.js';
import { API_TABLE_ACCESS, COMPLIANCE_TABLE_ACCESS, DISPATCHER_TABLE_ACCESS } from '../../infra/tracker-stack.js';
import { OrgContextLoader } from '../../shared/services/org-context.js';
import { createTableContext, type TableContext } from '../../shared/store/client.js';
import { snapshotCacheKey } from '../../shared/store/keys.js';
import { snapshotCacheItem } from '../../shared/store/org-snapshot-cache.js';
import { OrganisationRepository } from '../../shared/store/organisation-repository.js';
import { readOrgVersion } from '../../shared/store/org-version.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { person } from '../support/people.js';
import { changeStaffInRecords } from '../support/staff-records.js';

const NOW = '2026-11-26T09:00:00+07:00';
const director = person('director');
const leaving = person('specialist', 'press', 1);

let t: TestApp;
let keyFile: string;

/** A process of its own on the test's table, recording the DynamoDB commands it sends. */
function processOn(table: TableContext) {
  const own = createTableContext({ tableName: table.tableName, endpoint: inject('dynamoEndpoint') });
  const commands: string[] = [];
  own.client.middlewareStack.add(
    (next, context) => async (args) => {
      commands.push((context.commandName ?? '').replace(/Command$/, ''));
      return next(args);
    },
    { step: 'initialize', name: 'testRecordCommands' },
  );
  const repository = new OrganisationRepository(own);
  return { own, commands, repository, loader: new OrgContextLoader(repository) };
}

/** A cold API process on the test's table: its first request is its cold start. */
async function coldApi() {
  const { deps, table } = await localDeps({ tableName: t.table.tableName, endpoint: inject('dynamoEndpoint'), logLevel: 'SILENT', keyFile });
  const app = buildApp(deps);
  const as = async (staffId: string, path: string) =>
    app.request(path, { headers: { authorization: `Bearer ${await deps.local!.devTokens.issue({ staffId, orgId: t.orgId })}`, 'x-clock': NOW } });
  return { as, close: () => table.client.destroy() };
}

beforeAll(async () => {
  keyFile = join(mkdtempSync(join(tmpdir(), 'org-snapshot-copy-')), 'dev-key.json');
  t = await createTestApp({ keyFile });
});

afterAll(async () => {
  await t.dispose();
});

describe('the stored copy of the organisation (issue #20)', () => {
  it('a person ended in the records is refused by the very next request of a cold process, though a copy from before is stored', async () => {
    const before = await coldApi();
    expect((await before.as(leaving.id, '/v1/assignments')).status).toBe(200);
    before.close();
    const stored = processOn(t.table);
    const versionBefore = await readOrgVersion(t.table, t.orgId);
    expect((await stored.repository.snapshotVersionAndCache(t.orgId)).cached?.version).toBe(versionBefore);
    // Ended straight in the table (a transaction that moves the version), not through any process's cache.
    await changeStaffInRecords(stored.repository, t.orgId, { [leaving.id]: { active: false } });
    stored.own.client.destroy();
    for (let i = 0; i < 2; i++) {
      // The first reads the records (the copy is of an earlier version) and stores a copy; the second reads that copy.
      const after = await coldApi();
      expect((await after.as(leaving.id, '/v1/assignments')).status).toBe(401);
      expect((await after.as(director.id, '/v1/assignments')).status).toBe(200);
      after.close();
    }
  });

  it('answers as the records do, every rulebook version included, in one call; the actions sent are granted to every function that loads an organisation', async () => {
    const repository = new OrganisationRepository(t.table);
    const [recorded] = (await repository.listRulebookVersions(t.orgId));
    const meta = (await repository.getOrganisation(t.orgId))!.organisation;
    const amended = { ...recorded!, version: meta.rulebookVersion + 1, effectiveFrom: '2026-12-01', recordedAt: new Date().toISOString(), reason: 'Sửa đổi' };
    await repository.addRulebookVersion(t.orgId, amended, {
      id: 'ev-rulebook-amended', orgId: t.orgId, entityType: 'Rulebook', entityId: t.orgId, action: 'rulebook.amended', actorId: director.id, at: new Date().toISOString(), version: amended.version, data: {},
    }, meta.rulebookVersion);
    const fromRecords = processOn(t.table);
    const fromCopy = processOn(t.table);
    try {
      const a = await fromRecords.loader.load(t.orgId);
      expect(fromRecords.commands[0]).toBe('BatchGetItem');
      expect([...fromRecords.commands].sort()).toEqual(['BatchGetItem', 'PutItem', 'Query', 'Query']);
      const b = await fromCopy.loader.load(t.orgId);
      expect(fromCopy.commands).toEqual(['BatchGetItem']);
      expect(b.versions.map((v) => v.version)).toEqual([recorded!.version, amended.version]);
      for (const key of ['snapshot', 'versions', 'rulebook', 'goLiveOn', 'dueRules', 'obligationOrg'] as const) expect(b[key], key).toEqual(a[key]);
      expect(b.rulebookOn('2026-11-30')).toEqual(a.rulebookOn('2026-11-30'));
      expect(b.calendarOn('2026-12-02').isWorkingDay('2026-12-05')).toBe(a.calendarOn('2026-12-02').isWorkingDay('2026-12-05'));
      for (const access of [API_TABLE_ACCESS, COMPLIANCE_TABLE_ACCESS, DISPATCHER_TABLE_ACCESS]) {
        expect([...new Set([...fromRecords.commands, ...fromCopy.commands])].filter((c) => !access.actions.includes(c as never))).toEqual([]);
      }
    } finally {
      fromRecords.own.client.destroy();
      fromCopy.own.client.destroy();
    }
  });

  it('is never replaced by a copy of an earlier version; an item that is not a copy, or a copy without the rulebook version its snapshot names, is read as none', async () => {
    const p = processOn(t.table);
    try {
      const version = await readOrgVersion(t.table, t.orgId);
      await p.loader.load(t.orgId);
      const { snapshot, versions } = (await p.repository.snapshotVersionAndCache(t.orgId)).cached!;
      expect(await p.repository.putSnapshotCache(t.orgId, { version: version - 1, snapshot, versions })).toBe(false);
      expect(await p.repository.putSnapshotCache(t.orgId, { version, snapshot, versions })).toBe(false);
      expect((await p.repository.snapshotVersionAndCache(t.orgId)).cached?.version).toBe(version);
      // Not a copy (a body that is not binary): a cold process reads the records, and its copy replaces it.
      await t.table.doc.send(new PutCommand({ TableName: t.table.tableName, Item: { ...snapshotCacheKey(t.orgId), entity: 'OrgSnapshotCache', body: 'x' } }));
      const cold = processOn(t.table);
      expect((await cold.loader.load(t.orgId)).snapshot.staff.length).toBeGreaterThan(0);
      expect([...cold.commands].sort()).toEqual(['BatchGetItem', 'PutItem', 'Query', 'Query']);
      expect((await p.repository.snapshotVersionAndCache(t.orgId)).cached?.version).toBe(version);
      cold.own.client.destroy();
      // A copy of this version without the rulebook version its snapshot names is not used either.
      await t.table.doc.send(new PutCommand({ TableName: t.table.tableName, Item: snapshotCacheItem(t.orgId, { version, snapshot, versions: [] })! }));
      const another = processOn(t.table);
      expect((await another.loader.load(t.orgId)).versions.length).toBe(versions.length);
      expect([...another.commands].sort()).toEqual(['BatchGetItem', 'PutItem', 'Query', 'Query']);
      another.own.client.destroy();
    } finally {
      p.own.client.destroy();
    }
  });
});
