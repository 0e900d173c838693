import { describe, expect, it } from 'vitest';
import {
  checkBudgets,
  growthRatio,
  itemSize,
  transactionalUnits,
  writeNeed,
  type MeasuredOperation,
} from '../../scripts/bench/budget.js';
import { roundRatios } from '../../scripts/bench/cold-start.js';
import { roundTripBudgets, roundTripTable, type RoundTrips } from '../../scripts/bench/round-trips.js';

const GSI = [1, 2, 3].map((n) => ({ name: `GSI${n}`, partitionKey: `GSI${n}PK`, sortKey: `GSI${n}SK` }));

describe('item size, as DynamoDB counts it', () => {
  it('adds attribute names to values: strings in UTF-8, numbers by significant digits, booleans 1', () => {
    // PK 2+1, n 1+(ceil(5/2)+1), b 1+1, s 1+6 (é is 2 bytes)
    expect(itemSize({ PK: 'a', n: 12345, b: true, s: 'héllo' })).toBe(17);
  });

  it('counts 3 bytes per map or list, 1 per element, and the names inside maps', () => {
    // m 1+(3+1+1+2), l 1+(3+(1+1)+(1+2))
    expect(itemSize({ m: { x: 'ab' }, l: ['a', 1] })).toBe(17);
  });

  it('leaves out undefined attributes (the client removes them)', () => {
    expect(itemSize({ PK: 'a', gone: undefined })).toBe(3);
  });
});

describe('write units a transaction item needs', () => {
  it('charges 2 units per started KB, at least one KB', () => {
    expect([0, 1024, 1025, 3000].map(transactionalUnits)).toEqual([2, 2, 4, 6]);
  });

  it('a new item: the table and each index it enters', () => {
    const need = writeNeed({ label: 'state', after: { PK: 'p', SK: 's', GSI1PK: 'g', GSI1SK: 'open#1' } }, GSI);
    expect(need).toEqual({ label: 'state', bytes: 25, units: 4, parts: ['table 2', 'GSI1 put 2'] });
  });

  it('an index key that changes is a delete of the old entry and a put of the new one', () => {
    const need = writeNeed(
      { label: 'state', before: { PK: 'p', SK: 's', GSI1PK: 'g', GSI1SK: 'open#1' }, after: { PK: 'p', SK: 's', GSI1PK: 'g', GSI1SK: 'closed#1' } },
      GSI,
    );
    expect(need.units).toBe(6);
    expect(need.parts).toEqual(['table 2', 'GSI1 delete 2', 'GSI1 put 2']);
  });

  it('an index entry that stays is rewritten; one that goes is deleted', () => {
    const before = { PK: 'p', SK: 's', GSI1PK: 'g', GSI1SK: 'k', GSI3PK: 'w', GSI3SK: 'k' };
    const need = writeNeed({ label: 'meeting', before, after: { PK: 'p', SK: 's', GSI1PK: 'g', GSI1SK: 'k', note: 'x' } }, GSI);
    expect(need.parts).toEqual(['table 2', 'GSI1 2', 'GSI3 delete 2']);
    expect(need.units).toBe(6);
  });

  it('sizes the table write by the larger of the item before and after', () => {
    const need = writeNeed({ label: 'counter', before: { PK: 'p', SK: 's', big: 'x'.repeat(2991) }, after: { PK: 'p', SK: 's' } }, GSI);
    expect(need).toEqual({ label: 'counter', bytes: 3000, units: 6, parts: ['table 6'] });
  });
});

describe('budgets', () => {
  const sizes: [string, string] = ['10000', '100000'];
  const op = (name: string, kind: MeasuredOperation['kind'], small: [number, number], large: [number, number], needs?: [number, number]): MeasuredOperation => ({
    name,
    kind,
    costs: { '10000': { read: small[0], write: small[1] }, '100000': { read: large[0], write: large[1] } },
    ...(needs ? { writeUnitsNeeded: { '10000': needs[0], '100000': needs[1] } } : {}),
  });

  it('the growth ratio is the larger size’s total cost over the smaller’s; nothing at both is 1', () => {
    expect(growthRatio({ read: 3, write: 1 }, { read: 4, write: 1 })).toBe(1.25);
    expect(growthRatio({ read: 0, write: 0 }, { read: 0, write: 0 })).toBe(1);
    expect(growthRatio({ read: 0, write: 0 }, { read: 0.5, write: 0 })).toBe(Number.POSITIVE_INFINITY);
  });

  it('passes a list whose cost grows by at most 1.2, and names one that grows more', () => {
    const results = checkBudgets([op('list my work', 'read', [3, 0], [3.5, 0]), op('a list that grows', 'read', [2, 0], [3, 0])], sizes);
    expect(results.map((r) => [r.operation, r.actual, r.ok])).toEqual([
      ['list my work', 3.5 / 3, true],
      ['a list that grows', 1.5, false],
    ]);
    expect(results[1]!.budget).toBe('cost at 100000 ÷ cost at 10000');
  });

  it('holds a dashboard view to 10 read units at each size', () => {
    const results = checkBudgets([op('dashboard: unit', 'dashboard', [10, 0], [10.5, 0])], sizes);
    expect(results.map((r) => [r.budget, r.limit, r.actual, r.ok])).toEqual([
      ['cost at 100000 ÷ cost at 10000', 1.2, 1.05, true],
      ['read units at 10000', 10, 10, true],
      ['read units at 100000', 10, 10.5, false],
    ]);
  });

  it('holds a write to the units its transaction needs', () => {
    const results = checkBudgets([op('create', 'write', [3, 24], [3, 24], [24, 24]), op('complete', 'write', [3, 28], [3, 30], [28, 28])], sizes);
    expect(results.filter((r) => !r.ok).map((r) => [r.operation, r.budget, r.actual])).toEqual([
      ['complete', 'write units at 100000 (its transaction needs 28)', 30],
    ]);
    expect(results).toHaveLength(6);
  });

  it('refuses an operation measured at one size only, or a write with no listed transaction', () => {
    const once: MeasuredOperation = { name: 'half', kind: 'read', costs: { '10000': { read: 1, write: 0 } } };
    expect(() => checkBudgets([once], sizes)).toThrow('half was not measured at both sizes (10000, 100000)');
    expect(() => checkBudgets([op('create', 'write', [1, 2], [1, 2])], sizes)).toThrow('create has no listed transaction at 10000');
  });
});

describe('the cold start, round by round', () => {
  const runs = (...ms: number[]) => ms.map((total) => ({ importMs: total / 2, firstEventMs: total / 2 }));

  it('divides each round by the baseline of the same round, not by its median', () => {
    // A slow round for both (the machine busy) is a ratio of 2, as the quiet ones are.
    expect(roundRatios(runs(200, 400, 260), runs(100, 200, 100))).toEqual({ min: 2, median: 2, max: 2.6 });
  });

  it('refuses runs that are not paired', () => {
    expect(() => roundRatios(runs(200), runs(100, 100))).toThrow('1 runs against 2');
    expect(() => roundRatios([], [])).toThrow('0 runs against 0');
  });
});

describe('the round-trip table', () => {
  const myWork = (calls: number): RoundTrips => ({
    operation: 'GET /v1/assignments (my work)',
    kind: 'get',
    path: '/v1/assignments',
    calls,
    commands: Array.from({ length: calls }, () => 'Query'),
    readUnitsByCall: Array.from({ length: calls }, () => 1),
    readUnits: calls,
  });
  const verdict = (table: string) => table.split('\n').at(-1)!.split('|').at(-2)!.trim();

  it('judges a request by its calls alone, not by the warm-latency budget of the same request', () => {
    const warmOver = { operation: 'GET /v1/assignments (my work)', budget: 'warm p50 ÷ raw Query p50', limit: 2.5, actual: 2.93, ok: false, item: 3 as const };
    const within = { '10000': [myWork(2)] };
    expect(verdict(roundTripTable(within, [...roundTripBudgets(within['10000'], '10000'), warmOver]))).toBe('ok (≤ 2)');
    const over = { '10000': [myWork(3)] };
    expect(verdict(roundTripTable(over, [...roundTripBudgets(over['10000'], '10000'), warmOver]))).toBe('**over: ≤ 2**');
  });
});
