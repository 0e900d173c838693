/**
 * Issue #20: a rulebook version is stored as compressed JSON in one binary attribute, so a cold
 * process reads about 12 KB per version instead of a 100 KB map of thousands of values. What it
 * reads back is the rulebook as recorded; a version written in the earlier layout (the rulebook as
 * a map) is read as before; an item whose compressed body is not binary is an error naming it.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { rulebookForProvince } from '../../shared/rulebook/load.js';
import { OrganisationRepository } from '../../shared/store/organisation-repository.js';
import { rulebookPk, rulebookSk } from '../../shared/store/keys.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { measureCapacity } from '../support/read-capacity.js';

const sonLa = rulebookForProvince('son-la')[0]!;
let t: TestApp;
let repository: OrganisationRepository;

beforeAll(async () => {
  t = await createTestApp();
  repository = new OrganisationRepository(t.table);
});

const itemOf = async (effectiveFrom: string, version: number) =>
  (await t.table.doc.send(new GetCommand({ TableName: t.table.tableName, Key: { PK: rulebookPk(t.orgId), SK: rulebookSk(effectiveFrom, version) } }))).Item!;

describe('a rulebook version item', () => {
  it('is stored compressed when seeded, and read back as the rulebook file', async () => {
    const item = await itemOf(sonLa.effectiveFrom, sonLa.version);
    expect(item.rulebook).toBeUndefined();
    expect(item.rulebookGz).toBeInstanceOf(Uint8Array);
    const size = (item.rulebookGz as Uint8Array).length;
    expect(size).toBeLessThan(JSON.stringify(sonLa).length / 3);
    const [stored] = await repository.listRulebookVersions(t.orgId);
    expect(stored!.rulebook).toEqual(sonLa);
    expect(stored).toMatchObject({ effectiveFrom: sonLa.effectiveFrom, version: sonLa.version, reason: 'Seeded from the rulebook file' });
    expect(stored).not.toHaveProperty('rulebookGz');
  });

  it('costs a cold process a third of the read units the map did', async () => {
    const compressed = await measureCapacity(t.table, () => repository.listRulebookVersions(t.orgId));
    // The same version in the earlier layout, alone in another table's partition.
    const other = await createTestApp();
    const key = { PK: rulebookPk(other.orgId), SK: rulebookSk(sonLa.effectiveFrom, sonLa.version) };
    await other.table.doc.send(
      new PutCommand({ TableName: other.table.tableName, Item: { ...key, entity: 'Rulebook', effectiveFrom: sonLa.effectiveFrom, version: sonLa.version, rulebook: sonLa, recordedAt: '2026-01-01T00:00:00.000Z' } }),
    );
    const map = await measureCapacity(other.table, () => new OrganisationRepository(other.table).listRulebookVersions(other.orgId));
    expect([compressed.reads, map.reads]).toEqual([1, 1]);
    expect(compressed.readUnits).toBeLessThanOrEqual(3);
    expect(compressed.readUnits).toBeLessThan(map.readUnits / 3);
  });

  it('is stored compressed when an amendment records a version, and read back with every earlier one', async () => {
    const amended = { ...sonLa, version: sonLa.version + 1, effectiveFrom: '2027-01-01' };
    await repository.addRulebookVersion(
      t.orgId,
      { effectiveFrom: amended.effectiveFrom, version: amended.version, rulebook: amended, recordedAt: '2026-12-04T10:00:00.000Z', recordedBy: 'lo-van-thang', reason: 'test' },
      { id: 'rulebook-item-test', orgId: t.orgId, entityType: 'Rulebook', entityId: String(amended.version), action: 'rulebook.amended', actorId: 'lo-van-thang', at: '2026-12-04T10:00:00.000Z', version: amended.version, data: {} },
      sonLa.version,
    );
    expect((await itemOf(amended.effectiveFrom, amended.version)).rulebookGz).toBeInstanceOf(Uint8Array);
    const versions = await repository.listRulebookVersions(t.orgId);
    expect(versions.map((v) => [v.version, v.rulebook.version, v.recordedBy])).toEqual([
      [sonLa.version, sonLa.version, undefined],
      [amended.version, amended.version, 'lo-van-thang'],
    ]);
    expect(versions[1]!.rulebook).toEqual(amended);
  });

  it('written in the earlier layout (the rulebook as a map), is read as it was', async () => {
    const earlier = { ...sonLa, version: 90, effectiveFrom: '2030-01-01' };
    await t.table.doc.send(
      new PutCommand({
        TableName: t.table.tableName,
        Item: { PK: rulebookPk(t.orgId), SK: rulebookSk(earlier.effectiveFrom, earlier.version), entity: 'Rulebook', effectiveFrom: earlier.effectiveFrom, version: 90, rulebook: earlier, recordedAt: '2026-01-01T00:00:00.000Z' },
      }),
    );
    const read = (await repository.listRulebookVersions(t.orgId)).find((v) => v.version === 90)!;
    expect(read.rulebook).toEqual(earlier);
  });

  it('whose compressed body is not binary is an error naming the item', async () => {
    const other = await createTestApp();
    await other.table.doc.send(
        new PutCommand({
          TableName: other.table.tableName,
          Item: { PK: rulebookPk(other.orgId), SK: rulebookSk('2031-01-01', 91), entity: 'Rulebook', effectiveFrom: '2031-01-01', version: 91, rulebookGz: 'not binary', recordedAt: '2026-01-01T00:00:00.000Z' },
        }),
      );
    await expect(new OrganisationRepository(other.table).listRulebookVersions(other.orgId)).rejects.toThrow(/V#2031-01-01.*rulebookGz is not binary/);
  });

  it('written as a map, is rewritten compressed by `npm run rulebook:compress`, the same version read back, once', async () => {
    const other = await createTestApp();
    const key = { PK: rulebookPk(other.orgId), SK: rulebookSk(sonLa.effectiveFrom, sonLa.version) };
    const mapItem = { ...key, entity: 'Rulebook', effectiveFrom: sonLa.effectiveFrom, version: sonLa.version, rulebook: sonLa, recordedAt: '2026-01-01T00:00:00.000Z', reason: 'Seeded from the rulebook file' };
    await other.table.doc.send(new PutCommand({ TableName: other.table.tableName, Item: mapItem }));
    const run = () =>
      promisify(execFile)(process.execPath, ['--import', 'tsx', 'scripts/rulebook-compress.ts'], {
        env: { ...process.env, DYNAMODB_ENDPOINT: inject('dynamoEndpoint'), TABLE_NAME: other.table.tableName },
        timeout: 60_000,
      });
    expect((await run()).stdout).toBe('so-tttt-son-la: 1 rulebook version(s), 1 rewritten compressed, 0 already compressed.\n');
    const rewritten = (await other.table.doc.send(new GetCommand({ TableName: other.table.tableName, Key: key }))).Item!;
    const { rulebook: _map, ...kept } = mapItem;
    const { rulebookGz, ...rest } = rewritten;
    expect(rest).toEqual(kept);
    expect(rulebookGz).toBeInstanceOf(Uint8Array);
    expect((await new OrganisationRepository(other.table).listRulebookVersions(other.orgId))[0]!.rulebook).toEqual(sonLa);
    // Again: nothing left to rewrite. Put back as a map, two runs at once rewrite it once.
    expect((await run()).stdout).toBe('so-tttt-son-la: 1 rulebook version(s), 0 rewritten compressed, 1 already compressed.\n');
    await other.table.doc.send(new PutCommand({ TableName: other.table.tableName, Item: mapItem }));
    const repository = new OrganisationRepository(other.table);
    const both = await Promise.all([repository.compressRulebookVersions(other.orgId), repository.compressRulebookVersions(other.orgId)]);
    expect(both.map((r) => r.compressed).sort()).toEqual([0, 1]);
  });
});
