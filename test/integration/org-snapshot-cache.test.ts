/**
 * Issue #20: the organisation snapshot is cached per warm process and revalidated per request by
 * one versioned item. A role change must be seen by the very next request, in the process that
 * made it and in another one sharing the table; every write to the organisation moves the version.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DevTokenAuthority } from '../../shared/adapters/tokens.js';
import { buildApp } from '../../functions/api/app.js';
import { localDeps } from '../../functions/api/dependencies.js';
import { setGoLive } from '../../shared/services/seed-service.js';
import { createTableContext, type TableContext } from '../../shared/store/client.js';
import { OrganisationRepository } from '../../shared/store/organisation-repository.js';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { OrgContextLoader } from '../../shared/services/org-context.js';
import { orgPk } from '../../shared/store/keys.js';
import { readOrgVersion, ORG_VERSION_SK, RequestScope, scoped } from '../../shared/store/org-version.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { deputyDirectors, person } from '../support/people.js';
import { changeStaffInRecords } from '../support/staff-records.js';

const NOW = '2026-11-26T09:00:00+07:00';
const json = async (res: Response) => (await res.json()) as any;
const body = (b: unknown) => JSON.stringify(b);
const director = person('director');
const chiefOfOffice = person('chief-of-office');
const itHead = person('head', 'it');
const itSpecialist = person('specialist', 'it', 0);
const otherSpecialist = person('specialist', 'it', 1);

type Instance = { app: ReturnType<typeof buildApp>; table: TableContext; commands: string[]; as(staffId: string, path: string, init?: RequestInit): Promise<Response> };

/** Records the DynamoDB commands an instance sends, by name, in order. */
function recordCommands(table: TableContext): string[] {
  const commands: string[] = [];
  table.client.middlewareStack.add(
    (next, context) => async (args) => {
      commands.push((context.commandName ?? '').replace(/Command$/, ''));
      return next(args);
    },
    { step: 'initialize', name: 'testRecordCommands' },
  );
  return commands;
}

let first: TestApp;
let a: Instance;
let b: Instance;
let keyFile: string;

/** A second warm process on the same table: its own services, cache and DynamoDB client; the same dev-token key. */
async function secondInstance(tableName: string): Promise<Instance> {
  const { deps, table } = await localDeps({ tableName, endpoint: inject('dynamoEndpoint'), logLevel: 'SILENT', keyFile });
  const app = buildApp(deps);
  return instance(app, table, (id) => deps.local!.devTokens.issue({ staffId: id, orgId: first.orgId }));
}

function instance(app: ReturnType<typeof buildApp>, table: TableContext, token: (staffId: string) => Promise<string>): Instance {
  const commands = recordCommands(table);
  return {
    app,
    table,
    commands,
    async as(staffId, path, init = {}) {
      const headers = new Headers(init.headers);
      headers.set('authorization', `Bearer ${await token(staffId)}`);
      headers.set('x-clock', NOW);
      if (typeof init.body === 'string') headers.set('content-type', 'application/json');
      return app.request(path, { ...init, headers });
    },
  };
}

/** The commands one request sends. */
async function commandsOf(i: Instance, run: () => Promise<Response>): Promise<{ status: number; commands: string[] }> {
  const from = i.commands.length;
  const res = await run();
  await res.arrayBuffer();
  return { status: res.status, commands: i.commands.slice(from) };
}

async function approve(i: Instance, change: Record<string, unknown>) {
  const proposed = await i.as(chiefOfOffice.id, '/v1/admin/proposals', { method: 'POST', body: body({ kind: 'staff-change', reason: 'Quyết định điều động', ...change }) });
  expect(proposed.status).toBe(201);
  const decided = await i.as(director.id, `/v1/admin/proposals/${(await json(proposed)).id}/decision`, { method: 'POST', body: body({ approve: true }) });
  expect(decided.status).toBe(200);
}

beforeAll(async () => {
  keyFile = join(mkdtempSync(join(tmpdir(), 'org-snapshot-')), 'dev-key.json');
  first = await createTestApp({ keyFile });
  a = instance(first.app, first.table, first.token);
  b = await secondInstance(first.table.tableName);
});

afterAll(async () => {
  b.table.client.destroy();
  await first.dispose();
});

describe('the organisation snapshot of a warm process', () => {
  it('a warm authenticated GET reads only the version item and its own data; a changed version reloads the snapshot once', async () => {
    const created = await json(await a.as(director.id, '/v1/assignments', { method: 'POST', body: body({ title: 'Rà soát', assigneeId: itSpecialist.id, dueDate: '2026-12-20' }) }));
    await a.as(itHead.id, `/v1/assignments/${created.id}`);
    const warm = await commandsOf(a, () => a.as(itHead.id, `/v1/assignments/${created.id}`));
    expect(warm).toEqual({ status: 200, commands: ['GetItem', 'Query'] });
    // A change by the other process: this one reads the version, sees it moved, reloads, then serves.
    const renamed = await b.as(chiefOfOffice.id, `/v1/admin/staff/${otherSpecialist.id}`, { method: 'PATCH', body: body({ name: 'Lò Văn Đổi' }) });
    expect(renamed.status).toBe(200);
    const after = await commandsOf(a, () => a.as(director.id, '/v1/org'));
    expect(after.commands).toEqual(['GetItem', 'Query']);
    expect((await json(await a.as(director.id, '/v1/org'))).staff.find((s: any) => s.id === otherSpecialist.id).name).toBe('Lò Văn Đổi');
  });

  it('a head removed and a specialist made head: the very next request of either process sees it', async () => {
    const created = await json(await a.as(director.id, '/v1/assignments', { method: 'POST', body: body({ title: 'Báo cáo chuyển đổi số', assigneeId: itSpecialist.id, dueDate: '2026-12-21' }) }));
    const path = `/v1/assignments/${created.id}`;
    // Both processes warm, each with the snapshot in which itHead heads the unit.
    for (const i of [a, b]) {
      expect((await i.as(itHead.id, path)).status).toBe(200);
      expect((await i.as(otherSpecialist.id, path)).status).toBe(404);
    }
    await approve(a, { staffId: itHead.id, roles: ['specialist'] });
    expect((await a.as(itHead.id, path)).status).toBe(404);
    expect((await b.as(itHead.id, path)).status).toBe(404);
    // Made head through the other process: the first sees it at once.
    await approve(b, { staffId: otherSpecialist.id, roles: ['head'] });
    expect((await a.as(otherSpecialist.id, path)).status).toBe(200);
    expect((await b.as(otherSpecialist.id, path)).status).toBe(200);
    expect((await json(await a.as(director.id, '/v1/org'))).units.find((u: any) => u.id === 'it').headId).toBe(otherSpecialist.id);
  });

  it('a change written straight to the table by another process (not through either app) invalidates the cache', async () => {
    expect((await a.as(itSpecialist.id, '/v1/assignments')).status).toBe(200);
    const other = createTableContext({ tableName: first.table.tableName, endpoint: inject('dynamoEndpoint') });
    try {
      await changeStaffInRecords(new OrganisationRepository(other), first.orgId, { [itSpecialist.id]: { active: false } });
    } finally {
      other.client.destroy();
    }
    // Ended in the records: the next request with their still-valid token is refused, in both processes.
    expect((await a.as(itSpecialist.id, '/v1/assignments')).status).toBe(401);
    expect((await b.as(itSpecialist.id, '/v1/assignments')).status).toBe(401);
  });

  it('a warm write reads the version item once too: the body limit’s wrapping of the request keeps its scope', async () => {
    await a.as(director.id, '/v1/org');
    const created = await commandsOf(a, () =>
      a.as(director.id, '/v1/assignments', { method: 'POST', body: body({ title: 'Một lần đọc phiên bản', assigneeId: otherSpecialist.id, dueDate: '2026-12-30' }) }),
    );
    expect(created.status).toBe(201);
    // The version item, the delegations of the one assigning, the transaction.
    expect(created.commands).toEqual(['GetItem', 'Query', 'TransactWriteItems']);
  });

  it('each request revalidates for itself: one begun after a change reads it while an earlier one is still under way; a write of this process makes every request read again', async () => {
    const own = createTableContext({ tableName: first.table.tableName, endpoint: inject('dynamoEndpoint') });
    const commands = recordCommands(own);
    const loader = new OrgContextLoader(new OrganisationRepository(own));
    const sent = async (run: () => Promise<unknown>) => {
      const from = commands.length;
      await run();
      return commands.slice(from);
    };
    try {
      // Another cold process first, so that the copy of the version now is stored (org-snapshot-cache.ts).
      await new OrgContextLoader(new OrganisationRepository(own)).load(first.orgId);
      const earlier = scoped({ orgId: first.orgId }, new RequestScope());
      // Cold: the version item with the copy of the snapshot and rulebook versions, in one call.
      expect(await sent(() => loader.snapshot(earlier))).toEqual(['BatchGetItem']);
      expect(await sent(() => loader.load(earlier))).toEqual([]);
      // A transaction of this process that moves the version: the request reads it again before trusting its snapshot.
      await changeStaffInRecords(new OrganisationRepository(own), first.orgId, { [otherSpecialist.id]: {} });
      expect(await sent(() => loader.load(earlier))).toEqual(['GetItem', 'Query']);
      expect(await sent(() => loader.load(earlier))).toEqual([]);
      // Another process commits a change to the organisation while `earlier` is under way: it keeps its revalidation.
      await own.doc.send(new UpdateCommand({ TableName: own.tableName, Key: { PK: orgPk(first.orgId), SK: ORG_VERSION_SK }, UpdateExpression: 'ADD v :one', ExpressionAttributeValues: { ':one': 1 } }));
      expect(await sent(() => loader.load(earlier))).toEqual([]);
      // A request begun after it reads the version, and the records since they moved; an id alone (a job) reads the version each time.
      expect(await sent(() => loader.load(scoped({ orgId: first.orgId }, new RequestScope())))).toEqual(['GetItem', 'Query']);
      expect(await sent(() => loader.load(first.orgId))).toEqual(['GetItem']);
      expect(await sent(() => loader.load(first.orgId))).toEqual(['GetItem']);
    } finally {
      own.client.destroy();
    }
  });

  it('a delegation of the director’s authority (A2), created and revoked, is seen by the next request of either process', async () => {
    const [deputy, otherDeputy] = deputyDirectors();
    // Only the director assigns work to a deputy director (A1), or a deputy acting under a delegation (A2).
    const assign = (i: Instance) => i.as(deputy!.id, '/v1/assignments', { method: 'POST', body: body({ title: 'Việc theo ủy quyền', assigneeId: otherDeputy!.id, dueDate: '2026-12-22' }) });
    expect((await assign(a)).status).toBe(403);
    const delegated = await a.as(director.id, '/v1/delegations', { method: 'POST', body: body({ delegateId: deputy!.id, from: '2026-11-26', to: '2026-11-27' }) });
    expect(delegated.status).toBe(201);
    expect((await assign(b)).status).toBe(201);
    const revoked = await b.as(director.id, `/v1/delegations/${(await json(delegated)).id}/revoke`, { method: 'POST', body: body({}) });
    expect(revoked.status).toBe(200);
    expect((await assign(a)).status).toBe(403);
    expect((await assign(b)).status).toBe(403);
  });
});

describe('every write to the organisation moves its snapshot version', () => {
  /** Fails the test if any write command touches `ORG#<org>` outside a transaction that moves the version. */
  function guardOrgWrites(table: TableContext, orgId: string): { checked: number; unguarded: string[] } {
    const seen = { checked: 0, unguarded: [] as string[] };
    const pk = `ORG#${orgId}`;
    table.client.middlewareStack.add(
      (next, context) => async (args) => {
        const input = args.input as any;
        const name = context.commandName ?? '';
        const keysOf = (): { PK?: unknown; SK?: unknown }[] => {
          if (name === 'TransactWriteItemsCommand') return input.TransactItems.map((t: any) => t.Put?.Item ?? t.Update?.Key ?? t.Delete?.Key ?? t.ConditionCheck?.Key);
          if (name === 'BatchWriteItemCommand') return Object.values(input.RequestItems).flat().map((r: any) => r.PutRequest?.Item ?? r.DeleteRequest?.Key);
          if (['PutItemCommand', 'UpdateItemCommand', 'DeleteItemCommand'].includes(name)) return [input.Item ?? input.Key];
          return [];
        };
        // The low-level client sees marshalled keys: { PK: { S: '…' } }.
        const plain = (v: any) => (v && typeof v === 'object' && 'S' in v ? v.S : v);
        const keys = keysOf().map((k) => ({ PK: plain(k?.PK), SK: plain(k?.SK) }));
        if (keys.some((k) => k.PK === pk && k.SK !== ORG_VERSION_SK)) {
          seen.checked += 1;
          const bumped = name === 'TransactWriteItemsCommand' && keys.some((k) => k.PK === pk && k.SK === ORG_VERSION_SK);
          if (!bumped) seen.unguarded.push(`${name} ${JSON.stringify(keys)}`);
        }
        return next(args);
      },
      { step: 'build', name: 'testGuardOrgWrites' },
    );
    return seen;
  }

  it('each organisation-admin operation and the go-live date, with no write to the organisation outside a transaction that moves it', async () => {
    const t = await createTestApp();
    try {
      const guard = guardOrgWrites(t.table, t.orgId);
      const deputies = deputyDirectors();
      const leaving = person('specialist', 'press', 1);
      const successor = person('specialist', 'press', 0);
      const decide = async (proposal: Record<string, unknown>) => {
        const proposed = await t.as(chiefOfOffice.id, '/v1/admin/proposals', { method: 'POST', body: body({ reason: 'Quyết định', ...proposal }), clock: NOW });
        expect(proposed.status).toBe(201);
        return t.as(director.id, `/v1/admin/proposals/${(await json(proposed)).id}/decision`, { method: 'POST', body: body({ approve: true }), clock: NOW });
      };
      const operations: [string, () => Promise<Response | unknown>][] = [
        ['add a person', () => t.as(chiefOfOffice.id, '/v1/admin/staff', { method: 'POST', body: body({ name: 'Lò Thị Hoa', unitId: 'it', roles: ['specialist'] }), clock: NOW })],
        ['edit a person', () => t.as(chiefOfOffice.id, `/v1/admin/staff/${successor.id}`, { method: 'PATCH', body: body({ name: 'Quàng Văn Mới' }), clock: NOW })],
        ['end employment', () => t.as(chiefOfOffice.id, `/v1/admin/staff/${leaving.id}/end-employment`, { method: 'POST', body: body({ endedOn: '2026-11-30', successorId: successor.id }), clock: NOW })],
        ['add a unit', () => t.as(chiefOfOffice.id, '/v1/admin/units', { method: 'POST', body: body({ id: 'digital-transformation', name: { vi: 'Phòng Chuyển đổi số', en: 'Digital Transformation Division' }, kind: 'division', overseenBy: deputies[0]!.id }), clock: NOW })],
        ['rename a unit', () => t.as(chiefOfOffice.id, '/v1/admin/units/digital-transformation', { method: 'PATCH', body: body({ name: { vi: 'Phòng CĐS', en: 'DT Division' } }), clock: NOW })],
        ['move a person (proposal approved)', () => decide({ kind: 'staff-change', staffId: person('specialist', 'it', 1).id, unitId: 'press' })],
        ['go-live date', () => setGoLive(new OrganisationRepository(t.table), t.orgId, '2026-12-01', new Date(), 'test')],
      ];
      for (const [name, run] of operations) {
        const before = await readOrgVersion(t.table, t.orgId);
        const result = await run();
        if (result instanceof Response) expect(result.status, `${name}: ${await result.clone().text()}`).toBeLessThan(300);
        expect(await readOrgVersion(t.table, t.orgId), name).toBeGreaterThan(before);
      }
      expect(guard.checked).toBeGreaterThanOrEqual(operations.length);
      expect(guard.unguarded).toEqual([]);
    } finally {
      await t.dispose();
    }
  });

  it('each organisation has its own snapshot: a warm one never answers for another', async () => {
    const { parseRulebook } = await import('../../shared/rulebook/load.js');
    const { laiChau } = await import('../support/other-department.js');
    const { sonLa } = await import('../support/people.js');
    const t = await createTestApp({ rulebooks: [sonLa, parseRulebook(laiChau)], keyFile });
    try {
      const other = 'so-tu-phap-lai-chau';
      const tokens = await DevTokenAuthority.create(keyFile);
      const as = async (orgId: string, staffId: string, path: string) =>
        t.app.request(path, { headers: { authorization: `Bearer ${await tokens.issue({ staffId, orgId })}`, 'x-clock': NOW } });
      // Sơn La's snapshot is warm; a token naming a Sơn La person in the other organisation is refused.
      expect((await as(t.orgId, director.id, '/v1/org')).status).toBe(200);
      expect((await as(other, director.id, '/v1/org')).status).toBe(401);
      const theirs = await as(other, 'tran-quoc-viet', '/v1/org');
      expect(theirs.status).toBe(200);
      expect((await json(theirs)).id).toBe(other);
      expect((await json(await as(t.orgId, director.id, '/v1/org'))).id).toBe(t.orgId);
    } finally {
      await t.dispose();
    }
  });
});

describe('a cold process (issue #20: the round trips of a cold start)', () => {
  it('with no copy of the version now, reads the records (the rulebook versions alongside the snapshot) and stores one; the next reads the version and the copy in one call', async () => {
    // A change moves the version: the copy stored is of an earlier one.
    expect((await a.as(chiefOfOffice.id, `/v1/admin/staff/${otherSpecialist.id}`, { method: 'PATCH', body: body({ name: 'Lò Văn Sao' }) })).status).toBe(200);
    const missed = await secondInstance(first.table.tableName);
    const hit = await secondInstance(first.table.tableName);
    try {
      const res = await commandsOf(missed, () => missed.as(director.id, '/v1/org'));
      expect(res.status).toBe(200);
      expect(res.commands[0]).toBe('BatchGetItem');
      expect([...res.commands].sort()).toEqual(['BatchGetItem', 'PutItem', 'Query', 'Query']);
      expect(await commandsOf(hit, () => hit.as(director.id, '/v1/org'))).toEqual({ status: 200, commands: ['BatchGetItem'] });
      // The copy answers as the records do, the change included.
      const fromCopy = await json(await hit.as(director.id, '/v1/org'));
      expect(fromCopy).toEqual(await json(await missed.as(director.id, '/v1/org')));
      expect(fromCopy.staff.find((s: any) => s.id === otherSpecialist.id).name).toBe('Lò Văn Sao');
    } finally {
      missed.table.client.destroy();
      hit.table.client.destroy();
    }
  });

  it('the first request’s prefetch reads the records while the route group loads; the request shares its reads instead of repeating them', async () => {
    const { deps, table } = await localDeps({ tableName: first.table.tableName, endpoint: inject('dynamoEndpoint'), logLevel: 'SILENT', keyFile, features: 'on-first-use' });
    let prefetched = 0;
    const prefetch = (scope: RequestScope) => {
      prefetched++;
      return deps.organisations.prepare(scope);
    };
    const cold = instance(buildApp({ ...deps, prefetch }), table, (id) => deps.local!.devTokens.issue({ staffId: id, orgId: first.orgId }));
    try {
      const res = await commandsOf(cold, () => cold.as(director.id, '/v1/org'));
      expect(res.status).toBe(200);
      expect(prefetched).toBe(1);
      // The version item and the copy once (the test before stored it): the prefetch's read counts for the request it started in.
      expect(res.commands).toEqual(['BatchGetItem']);
      // Warm: the prefetch is not repeated, and the request reads only the version item.
      expect((await commandsOf(cold, () => cold.as(director.id, '/v1/org'))).commands).toEqual(['GetItem']);
      expect(prefetched).toBe(1);
      // A request without credentials starts no prefetch on a cold process either.
      const bare = await localDeps({ tableName: first.table.tableName, endpoint: inject('dynamoEndpoint'), logLevel: 'SILENT', keyFile });
      let bareCount = 0;
      const bareApp = buildApp({ ...bare.deps, prefetch: () => Promise.resolve(bareCount++) });
      expect((await bareApp.request('/v1/org')).status).toBe(401);
      expect(bareCount).toBe(0);
      bare.table.client.destroy();
    } finally {
      table.client.destroy();
    }
  });
});
