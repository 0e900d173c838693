import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { complianceService } from '../../shared/services/compliance/compliance-service.js';
import { OrgContextLoader } from '../../shared/services/org-context.js';
import { counterPeriodsOf } from '../../shared/store/assignment-repository.js';
import { createTableContext, type TableContext } from '../../shared/store/client.js';
import { FindingRepository } from '../../shared/store/finding-repository.js';
import { OrganisationRepository } from '../../shared/store/organisation-repository.js';
import { transactWrite } from '../../shared/store/transact.js';
import { countersByFigure } from '../../shared/domain/counter-attributes.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { startCutOffRelay, type CutOffRelay } from '../support/cut-off-relay.js';
import { person } from '../support/people.js';
import { recount, storedCounters } from './support/counters.js';

const NOW = '2026-11-26T09:00:00+07:00';
const json = async (res: Response) => (await res.json()) as any;
const itHead = person('head', 'it');
const itPeople = [person('specialist', 'it'), person('specialist', 'it', 1)];
const DUE = '2026-12-18';

/** Every item of a table (tests only). */
async function scanAll(table: TableContext): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await table.doc.send(new ScanCommand({ TableName: table.tableName, ExclusiveStartKey: startKey, ConsistentRead: true }));
    items.push(...(page.Items ?? []));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return items;
}

describe('DynamoDB cut off in the middle of a run', () => {
  // The app reaches DynamoDB Local through a relay that the test cuts, as an outage looks from Lambda:
  // DynamoDB keeps every write it has acknowledged, which a stopped DynamoDB Local does not always do.
  let relay: CutOffRelay;
  let t: TestApp;

  beforeAll(async () => {
    relay = await startCutOffRelay(inject('dynamoEndpoint'));
    t = await createTestApp({ endpoint: relay.endpoint });
  }, 120_000);

  afterAll(async () => {
    try {
      await t?.dispose();
    } finally {
      await relay?.close();
    }
  }, 60_000);

  const create = (title: string, assigneeId: string) =>
    t.as(itHead.id, '/v1/assignments', { method: 'POST', body: JSON.stringify({ title, assigneeId, dueDate: DUE }), clock: NOW });
  const progress = (id: string, assigneeId: string, n: number) =>
    t.as(assigneeId, `/v1/assignments/${id}/progress`, { method: 'POST', body: JSON.stringify({ percent: n, note: `Lần ${n}` }), clock: NOW });

  it('answers 503 with Retry-After while it is down, leaves no partial write, and succeeds once it is back', async () => {
    // Counter items for these people and periods exist before the run, so each create adds exactly two items (state, audit event).
    const warm = await Promise.all(itPeople.map(async (p) => json(await create('Khởi động', p.id))));
    const before = await t.countItems();

    // A run of creates and progress updates; DynamoDB is cut off once the third wave is
    // under way (5 of its 30 answered), so some of its writes are cut off in flight.
    const answered: { status: number; body: any; retryAfter: string | null; ms: number; kind: string; wave: number }[] = [];
    let onAnswer = (_wave: number) => {};
    const send = async (wave: number, kind: string, request: Promise<Response>) => {
      const started = performance.now();
      const res = await request;
      answered.push({ status: res.status, body: await json(res), retryAfter: res.headers.get('retry-after'), ms: performance.now() - started, kind, wave });
      onAnswer(wave);
    };
    const wave = (n: number, size = 10) =>
      Promise.all(
        Array.from({ length: size }, (_, i) => {
          const who = itPeople[i % 2]!;
          return i % 3 === 0 ? send(n, 'progress', progress(warm[i % 2].id, who.id, (n * 10 + i) % 101)) : send(n, 'create', create(`Đợt ${n} việc ${i}`, who.id));
        }),
      );
    await wave(1);
    await wave(2);
    const underWay = new Promise<void>((resolve) => {
      onAnswer = (n) => {
        if (n === 3 && answered.filter((a) => a.wave === 3).length === 5) resolve();
      };
    });
    const third = wave(3, 30);
    await underWay;
    relay.cut();
    await third;
    await wave(4);
    await wave(5);

    const ok = answered.filter((a) => a.status < 300);
    const refused = answered.filter((a) => a.status >= 300);
    expect(ok.length).toBeGreaterThanOrEqual(25); // waves 1 and 2, and the first answers of wave 3
    expect(refused.length).toBeGreaterThanOrEqual(20); // waves 4 and 5
    for (const r of refused) {
      expect(r.status).toBe(503);
      expect(r.retryAfter).toMatch(/^\d+$/);
      expect(r.body).toMatchObject({ status: 503, type: 'urn:quy-che-tracker:problem:unavailable' });
      expect(r.ms).toBeLessThan(10_000); // the SDK's 3 attempts, not a hang
    }
    console.log(
      `faults: ${answered.length} requests during the run, ${ok.length} answered 2xx, ${refused.length} answered 503 (slowest ${Math.round(Math.max(...refused.map((r) => r.ms)))} ms)`,
    );
    const down = await t.as(itHead.id, '/v1/org', { clock: NOW });
    expect(down.status).toBe(503);
    expect(down.headers.get('content-type')).toMatch(/^application\/problem\+json/);

    await relay.settled(); // what DynamoDB received before the cut, it carries out
    relay.restore();

    // Nothing partial: every assignment's state and history agree, every answered write is there,
    // and the items are exactly the committed writes (2 per create, 1 per progress update).
    const items = await scanAll(t.table);
    const states = items.filter((i) => i.entity === 'Assignment');
    const events = items.filter((i) => i.entity === 'AuditEvent');
    for (const s of states) {
      const history = events.filter((e) => e.PK === s.PK).map((e) => e.version as number).sort((a, b) => a - b);
      expect(history, String(s.id)).toEqual(Array.from({ length: s.version as number }, (_, i) => i + 1));
    }
    for (const a of ok) {
      const stored = states.find((s) => s.id === a.body.id);
      expect(stored, a.body.id).toBeDefined();
      expect(stored!.version as number).toBeGreaterThanOrEqual(a.body.version);
    }
    const createdNow = states.length - warm.length;
    const progressed = states.filter((s) => warm.some((w) => w.id === s.id)).reduce((n, s) => n + (s.version as number) - 1, 0);
    expect(await t.countItems()).toBe(before + 2 * createdNow + progressed);
    // Some creates were carried out though their answers were lost: the case this run is for.
    expect(createdNow).toBeGreaterThan(ok.filter((a) => a.kind === 'create').length);
    console.log(`faults: once reachable again ${states.length} assignments, each state matching its history; ${createdNow - ok.filter((a) => a.kind === 'create').length} created though cut off before answering`);
    const { counters } = await recount(t.table, t.orgId, 'it');
    expect(await storedCounters(t.table, t.orgId, 'it', counterPeriodsOf(DUE))).toEqual(counters);

    // Back: every request succeeds again.
    const after = await Promise.all(Array.from({ length: 10 }, (_, i) => create(`Sau khi khôi phục ${i}`, itPeople[i % 2]!.id)));
    expect(after.map((r) => r.status)).toEqual(Array(10).fill(201));
    const reads = await Promise.all([t.as(itHead.id, '/v1/org', { clock: NOW }), t.as(itHead.id, '/v1/assignments?unitId=it&limit=100', { clock: NOW })]);
    expect(reads.map((r) => r.status)).toEqual([200, 200]);
  }, 180_000);
});

describe('a compliance run killed half-way', () => {
  const RULE = 'A6';
  const AT = new Date('2026-11-26T00:05:00+07:00');
  const OVERDUE = 12;
  let clean: TestApp;

  /** The same overdue work in both tables, with the same ids, so the findings' ids must agree. */
  async function seed(t: TestApp) {
    const contexts = new OrgContextLoader(new OrganisationRepository(t.table));
    const created = new Date('2026-10-01T09:00:00+07:00');
    const ctx = await contexts.load(t.orgId, created);
    const actor = { orgId: t.orgId, staffId: itHead.id, name: itHead.name, unitId: itHead.unitId, roles: itHead.roles };
    for (let n = 0; n < OVERDUE; n++) {
      const dueDate = `2026-11-${String(2 + n).padStart(2, '0')}`; // from 24 days overdue down to 13: every escalation level
      const prepared = await t.services.assignments.prepareCreate(ctx, actor, { title: `Việc quá hạn ${n}`, assigneeId: itPeople[n % 2]!.id, dueDate }, created, { id: `overdue-${n}` });
      await transactWrite(t.table, t.services.assignments.createItems(prepared));
    }
  }

  /** The engine on a table whose client dies at the given transaction, before it is sent or after it committed. */
  function dyingEngine(t: TestApp, dieAt: number, when: 'before-send' | 'after-commit') {
    const table = createTableContext({ tableName: t.table.tableName, endpoint: inject('dynamoEndpoint') });
    let writes = 0;
    table.client.middlewareStack.add(
      (next) => async (args) => {
        const isTransaction = 'TransactItems' in (args.input as object);
        if (isTransaction && ++writes === dieAt && when === 'before-send') throw new Error('killed before the write');
        const result = await next(args);
        if (isTransaction && writes === dieAt && when === 'after-commit') throw new Error('killed after the write');
        return result;
      },
      { step: 'initialize', name: 'dieMidRun' },
    );
    return { engine: complianceService(new OrgContextLoader(new OrganisationRepository(table)), table, new FindingRepository(table)), table, writes: () => writes };
  }

  /** What a run leaves: the findings as stored, each one's history, the fnd_* counters and the notices. */
  async function outcome(t: TestApp) {
    const items = await scanAll(t.table);
    const findings = items.filter((i) => i.entity === 'Finding').sort((a, b) => String(a.id).localeCompare(String(b.id)));
    const historyOf = (pk: unknown) => items.filter((i) => i.PK === pk && i.entity === 'AuditEvent').map((e) => `${e.version}:${e.action}`).sort();
    const counters = items
      .filter((i) => String(i.PK).includes('#CNT#'))
      .map((i) => [`${i.PK} ${i.SK}`, Object.fromEntries(Object.entries(countersByFigure(i, String(i.PK).split('#CNT#')[1]!)).filter(([k, v]) => k.startsWith('fnd_') && v !== 0))] as const)
      .filter(([, c]) => Object.keys(c).length > 0)
      .sort(([a], [b]) => a.localeCompare(b));
    const notices = items.filter((i) => String(i.PK).includes('#NOTICE#')).map((i) => String(i.PK)).sort();
    return { findings, histories: findings.map((f) => historyOf(f.PK)), counters, notices };
  }

  let reference: Awaited<ReturnType<typeof outcome>>;
  beforeAll(async () => {
    clean = await createTestApp();
    await seed(clean);
    await clean.services.compliance.run(clean.orgId, RULE, AT);
    reference = await outcome(clean);
  }, 120_000);
  afterAll(async () => {
    await clean?.dispose();
  });

  it('the clean run: one finding per escalation step reached, each with one event', () => {
    expect(reference.findings.length).toBeGreaterThanOrEqual(OVERDUE);
    expect(reference.histories.every((h) => h.length === 1 && h[0] === '1:detected')).toBe(true);
    expect(reference.counters.length).toBeGreaterThan(0);
  });

  it.each([
    ['before its 5th write is sent', 5, 'before-send'],
    ['after its 9th write committed, its answer lost', 9, 'after-commit'],
  ] as const)('killed %s, then run again: exactly the findings of one clean run', async (_label, dieAt, when) => {
    const killed = await createTestApp();
    try {
      await seed(killed);
      const dying = dyingEngine(killed, dieAt, when);
      await expect(dying.engine.run(killed.orgId, RULE, AT)).rejects.toThrow(/killed/);
      dying.table.client.destroy();
      const partial = await outcome(killed);
      expect(partial.findings.length).toBe(when === 'before-send' ? dieAt - 1 : dieAt);

      const rerun = await killed.services.compliance.run(killed.orgId, RULE, AT);
      expect(rerun.findings).toHaveLength(reference.findings.length);
      expect(await outcome(killed)).toEqual(reference);
      // And once more: a third run creates nothing.
      expect((await killed.services.compliance.run(killed.orgId, RULE, AT)).created).toEqual([]);
      expect(await outcome(killed)).toEqual(reference);
    } finally {
      await killed.dispose();
    }
  }, 120_000);
});
