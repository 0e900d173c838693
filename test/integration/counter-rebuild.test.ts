import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { counterFigureOf, storedCounterName } from '../../shared/domain/counter-attributes.js';
import { CounterRepository } from '../../shared/store/counter-repository.js';
import { counterPk, personCounterSk, unitCounterSk } from '../../shared/store/keys.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { cast, MONTH_NOW, scriptMonth } from '../support/dashboard-month.js';

let t: TestApp;
let before: unknown;
const dashboard = async () => (await t.as(cast.director.id, '/v1/dashboard?period=2026-11', { clock: MONTH_NOW })).json();

beforeAll(async () => {
  t = await createTestApp();
  await scriptMonth(t);
  before = await dashboard();
}, 120_000);
afterAll(async () => {
  await t?.dispose();
});

const key = (periodId: string, sk: string) => ({ PK: counterPk(t.orgId, periodId), SK: sk });
const read = async (periodId: string, sk: string) =>
  (await t.table.doc.send(new GetCommand({ TableName: t.table.tableName, Key: key(periodId, sk), ConsistentRead: true }))).Item;

/** `npm run counters:rebuild` against the test's table: its exit code and what it printed. */
async function rebuildScript(args: string[]): Promise<{ code: number; stdout: string }> {
  try {
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'scripts/counters-rebuild.ts', ...args], {
      env: { ...process.env, DYNAMODB_ENDPOINT: inject('dynamoEndpoint'), TABLE_NAME: t.table.tableName },
      timeout: 60_000,
    });
    return { code: 0, stdout };
  } catch (error) {
    const e = error as { code?: unknown; stdout?: string };
    if (typeof e.code !== 'number') throw error;
    return { code: e.code, stdout: e.stdout ?? '' };
  }
}
describe('rebuilding the counters from the records', () => {
  it('finds every counter in agreement after a month of activity', async () => {
    const report = await t.services.counters.rebuild(t.orgId, { dryRun: true });
    expect(report.records).toEqual({ assignments: 15, reports: 5, meetings: 4, findings: 2, missions: 1 });
    // The months of 2026 and 2027 (the mission ending 20 November marks the months to 21 January, where its
    // report could fall due), and their weeks and years where the earlier layout kept counters: (12 + 53 + 1) + (12 + 52 + 1).
    expect(report.partitionsCompared).toBe(131);
    expect(report.differences).toEqual([]);
  });

  it('reports each counter out of step, changes nothing on a dry run, then puts each right without touching other attributes', async () => {
    const specialist = personCounterSk('it', cast.itSpecialist.id);
    const specialist2 = personCounterSk('it', cast.itSpecialist2.id);
    const accountant = personCounterSk('office', 'vu-thi-lan-anh');
    const set = (periodId: string, sk: string, expression: string, names: Record<string, string>, values?: Record<string, number>) =>
      t.table.doc.send(
        new UpdateCommand({
          TableName: t.table.tableName,
          Key: key(periodId, sk),
          UpdateExpression: expression,
          ExpressionAttributeNames: names,
          ...(values ? { ExpressionAttributeValues: values } : {}),
        }),
      );
    // One item per person and month, each figure split by ISO week, under its short name (`o48`: asg_open@2026-W48).
    await set('2026-11', specialist2, 'ADD #a :five', { '#a': 'o48' }, { ':five': 5 });
    await set('2026-11', specialist, 'SET #a = :zero', { '#a': 'u46' }, { ':zero': 0 });
    await set('2026-11', accountant, 'REMOVE #a', { '#a': 'dF246' });
    // A counter with no record behind it, beside an attribute that is not the dashboard's.
    await t.table.doc.send(
      new PutCommand({ TableName: t.table.tableName, Item: { ...key('2026-03', personCounterSk('press', cast.pressSpecialist.id)), a10: 2, other_total: 9 } }),
    );
    // Items of the earlier layout (a unit's month, a unit's week): the rebuild puts them to 0.
    await t.table.doc.send(new PutCommand({ TableName: t.table.tableName, Item: { ...key('2026-11', unitCounterSk('it')), asg_open: 1 } }));
    await t.table.doc.send(new PutCommand({ TableName: t.table.tableName, Item: { ...key('2026-W46', unitCounterSk('office')), fnd_detected: 1 } }));

    const dry = await t.services.counters.rebuild(t.orgId, { dryRun: true });
    expect(dry.differences).toEqual([
      { periodId: '2026-03', sk: personCounterSk('press', cast.pressSpecialist.id), attribute: 'a10', figure: 'asg_assigned@2026-W10', stored: 2, recomputed: 0 },
      { periodId: '2026-11', sk: unitCounterSk('it'), attribute: 'asg_open', figure: 'asg_open', stored: 1, recomputed: 0 },
      { periodId: '2026-11', sk: specialist2, attribute: 'o48', figure: 'asg_open@2026-W48', stored: 6, recomputed: 1 },
      { periodId: '2026-11', sk: specialist, attribute: 'u46', figure: 'rep_late@2026-W46', stored: 0, recomputed: 1 },
      { periodId: '2026-11', sk: accountant, attribute: 'dF246', figure: 'fnd_detected_F2@2026-W46', stored: 0, recomputed: 1 },
      { periodId: '2026-W46', sk: unitCounterSk('office'), attribute: 'fnd_detected', figure: 'fnd_detected', stored: 1, recomputed: 0 },
    ]);
    // The same by figure: here no figure only moves, so one entry per attribute, each over its one name.
    expect(dry.figures.map((f) => `${f.figure} ${f.stored}→${f.recomputed} ${f.storedUnder.join('+') || '-'}→${f.writtenUnder}`)).toEqual([
      'asg_assigned@2026-W10 2→0 a10→a10',
      'asg_open 1→0 asg_open→asg_open',
      'asg_open@2026-W48 6→1 o48→o48',
      'rep_late@2026-W46 0→1 -→u46',
      'fnd_detected_F2@2026-W46 0→1 -→dF246',
      'fnd_detected 1→0 fnd_detected→fnd_detected',
    ]);
    expect(dry.corrected).toBe(0);
    expect((await read('2026-11', specialist2))?.o48).toBe(6);

    const run = await t.services.counters.rebuild(t.orgId, { dryRun: false });
    expect(run.differences).toHaveLength(6);
    expect(run.corrected).toBe(6);
    expect(run.conflicts).toEqual([]);
    expect((await t.services.counters.rebuild(t.orgId, { dryRun: true })).differences).toEqual([]);
    // A counter that should be 0 is removed; what is not the dashboard's is left.
    const stray = await read('2026-03', personCounterSk('press', cast.pressSpecialist.id));
    expect(stray?.other_total).toBe(9);
    expect(stray).not.toHaveProperty('a10');
    expect(await dashboard()).toEqual(before);
  });

  it('restores the reports submitted by due instant and the missions by last day, which the views of a running period read', async () => {
    const specialist = personCounterSk('it', cast.itSpecialist.id);
    const specialist2 = personCounterSk('it', cast.itSpecialist2.id);
    const dueAttributes = Object.keys((await read('2026-11', specialist)) ?? {}).filter((a) => a.startsWith('t@'));
    // The specialist's two reports due in November submitted on time (week 45, and the programme submitted ahead of its deadline), each by its due instant.
    expect(dueAttributes).toHaveLength(2);
    for (const month of ['2026-11', '2026-12', '2027-01']) expect((await read(month, specialist2))?.['m@2026-11-20']).toBe(1);
    // Lose them: the view no longer sees the report submitted ahead nor the mission's report.
    await t.table.doc.send(
      new UpdateCommand({
        TableName: t.table.tableName,
        Key: key('2026-11', specialist),
        UpdateExpression: `REMOVE ${dueAttributes.map((_, i) => `#a${i}`).join(', ')}`,
        ExpressionAttributeNames: Object.fromEntries(dueAttributes.map((a, i) => [`#a${i}`, a])),
      }),
    );
    await t.table.doc.send(
      new UpdateCommand({ TableName: t.table.tableName, Key: key('2026-11', specialist2), UpdateExpression: 'REMOVE #m', ExpressionAttributeNames: { '#m': 'm@2026-11-20' } }),
    );
    expect(await dashboard()).not.toEqual(before);

    const run = await t.services.counters.rebuild(t.orgId, { dryRun: false });
    expect(run.differences.map((d) => `${d.periodId} ${d.sk} ${d.figure.replace(/@.*$/, '@')} ${d.stored}→${d.recomputed}`).sort()).toEqual(
      [...dueAttributes.map(() => `2026-11 ${specialist} rep_t@ 0→1`), `2026-11 ${specialist2} msn_end@ 0→1`].sort(),
    );
    expect(run.conflicts).toEqual([]);
    expect((await t.services.counters.rebuild(t.orgId, { dryRun: true })).differences).toEqual([]);
    expect(await dashboard()).toEqual(before);
  });

  it('reads an item written under the earlier names as before, and moves each figure to its short name', async () => {
    const sk = personCounterSk('it', cast.itSpecialist.id);
    const item = (await read('2026-11', sk))!;
    const counters = Object.entries(item).filter(([attribute, value]) => attribute !== 'PK' && attribute !== 'SK' && value !== 0);
    expect(counters.length).toBeGreaterThan(3);
    // As a table written before the change holds it: every figure under its long name.
    const earlier = { PK: item.PK, SK: item.SK, ...Object.fromEntries(counters.map(([attribute, value]) => [counterFigureOf(attribute, '2026-11')!, value])) };
    await t.table.doc.send(new PutCommand({ TableName: t.table.tableName, Item: earlier }));
    expect(Object.keys(earlier).filter((a) => a.startsWith('asg_'))).not.toEqual([]);
    expect(await dashboard()).toEqual(before);
    // What the script tells the person upgrading: one line a figure, that it moves, not "stored 1, records 0" under its earlier name.
    const dry = await rebuildScript(['--dry-run']);
    expect(dry.code).toBe(2);
    expect(dry.stdout).toContain(`${counters.length} counter(s) differ from the records, of which ${counters.length} only move from an earlier name (their value is right):`);
    const [attribute, value] = counters[0]!;
    const figure = counterFigureOf(attribute, '2026-11')!;
    const line = dry.stdout.split('\n').find((l) => l.includes(` ${figure} `));
    expect(line?.replace(/ +/g, ' ').trim()).toBe(`2026-11 ${sk} ${figure} moves, ${value} ${figure} → ${attribute}`);
    expect(dry.stdout.split('\n').filter((l) => l.startsWith('  2026-11 '))).toHaveLength(counters.length);

    const run = await t.services.counters.rebuild(t.orgId, { dryRun: false });
    expect(run.differences).toHaveLength(counters.length * 2);
    // Told once per figure: each only moves, its value already the records'.
    expect(run.figures).toHaveLength(counters.length);
    for (const f of run.figures) {
      expect(f).toMatchObject({ stored: f.recomputed, storedUnder: [f.figure], writtenUnder: storedCounterName(f.figure, '2026-11') });
      expect(f.writtenUnder).not.toBe(f.figure);
    }
    expect(run.conflicts).toEqual([]);
    expect(await read('2026-11', sk)).toEqual({ PK: item.PK, SK: item.SK, ...Object.fromEntries(counters) });
    expect(await dashboard()).toEqual(before);
  });

  it('leaves a counter that changed since it was read as it is, and says so', async () => {
    const counters = new CounterRepository(t.table);
    const sk = personCounterSk('it', cast.itSpecialist.id);
    const stale = await counters.correct(t.orgId, [{ periodId: '2026-11', sk, attribute: 'a47', figure: 'asg_assigned@2026-W47', stored: 99, recomputed: 1 }]);
    expect(stale).toBe(false);
    expect((await read('2026-11', sk))?.a47).toBe(1);
  });

  it('runs as `npm run counters:rebuild -- --dry-run` against a running table', async () => {
    const { code, stdout } = await rebuildScript(['--dry-run']);
    expect(code).toBe(0);
    expect(stdout).toBe(
      'so-tttt-son-la: 15 assignments, 5 reports and plans, 4 meetings, 2 findings, 1 missions; 131 counter partitions compared.\nEvery counter agrees with the records.\n',
    );
  });
});
