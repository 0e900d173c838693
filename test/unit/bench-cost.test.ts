import { describe, expect, it } from 'vitest';
import type { MeasuredOperation } from '../../scripts/bench/budget.js';
import { capacityBudgets } from '../../scripts/bench/capacity-budgets.js';
import { cronRunsPerMonth, estimateMonthlyCost, loadPrices, type MonthlyOperation, type PriceList } from '../../scripts/bench/cost.js';
import { complianceSchedules } from '../../shared/services/compliance/schedules.js';
import { rulebookForProvince } from '../../shared/rulebook/load.js';

const price = (usd: number, per: number) => ({ usd, per, unit: 'u', source: 'https://aws.amazon.com/' });
const PRICES: PriceList = {
  region: 'ap-southeast-1',
  currency: 'USD',
  asOf: '2026-12-03',
  note: '',
  prices: {
    dynamodbWriteRequestUnit: price(1, 1_000_000),
    dynamodbReadRequestUnit: price(0.2, 1_000_000),
    dynamodbStorageGbMonth: price(0.3, 1),
    lambdaRequest: price(0.2, 1_000_000),
    lambdaGbSecondArm: price(0.00001, 1),
    httpApiRequest: price(1, 1_000_000),
    schedulerInvocation: price(1, 1_000_000),
    logsIngestionGb: price(0.5, 1),
  },
};

describe('the monthly cost estimate', () => {
  const ops: MonthlyOperation[] = [
    { name: 'list', perMonth: 1_000_000, readUnits: 2, writeUnits: 0, lambdaMs: 100, via: 'api' },
    { name: 'create', perMonth: 500_000, readUnits: 1, writeUnits: 16, lambdaMs: 200, via: 'api' },
    { name: 'check', perMonth: 1000, readUnits: 10, writeUnits: 2, lambdaMs: 1000, via: 'scheduler' },
  ];
  const assumptions = { lambdaMemoryMb: 512, coldStartsPerMonth: 100, coldStartMs: 300, logBytesPerInvocation: 1024, storedBytes: 2 * 1024 ** 3 };
  const { lines, totalUsd } = estimateMonthlyCost(ops, assumptions, PRICES);
  const line = (service: string) => lines.find((l) => l.service.startsWith(service))!;

  it('prices the units, requests and GB-seconds each operation brings, times how often', () => {
    // reads 2,000,000 + 500,000 + 10,000; writes 8,000,000 + 2,000
    expect(line('DynamoDB read').quantity).toBe(2_510_000);
    expect(line('DynamoDB read').usd).toBeCloseTo(0.502, 6);
    expect(line('DynamoDB write').usd).toBeCloseTo(8.002, 6);
    expect(line('DynamoDB storage').usd).toBeCloseTo(0.6, 6);
    // Lambda: every invocation; API Gateway only the API's; Scheduler only the scheduled ones.
    expect(line('Lambda requests').quantity).toBe(1_501_000);
    expect(line('API Gateway').quantity).toBe(1_500_000);
    expect(line('EventBridge').quantity).toBe(1000);
    // (100,000 + 100,000 + 1,000 + 30) s of handler and cold starts at 0.5 GB
    expect(line('Lambda duration').quantity).toBeCloseTo(201_030 * 0.5, 6);
    expect(line('CloudWatch').quantity).toBeCloseTo((1_501_000 * 1024) / 1024 ** 3, 9);
    expect(totalUsd).toBeCloseTo(lines.reduce((s, l) => s + l.usd, 0), 9);
  });

  it('reads its prices from one file that names its region, date and a source for each price', () => {
    const prices = loadPrices();
    expect(prices.region).toBe('ap-southeast-1');
    expect(prices.asOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    for (const p of Object.values(prices.prices)) {
      expect(p.usd).toBeGreaterThan(0);
      expect(p.source).toMatch(/^https:\/\/aws\.amazon\.com\//);
    }
  });
});

describe('how often a schedule fires in a month', () => {
  it('daily, weekly, monthly and yearly crons', () => {
    expect(cronRunsPerMonth('cron(5 0 * * ? *)')).toBeCloseTo(30.44, 2);
    expect(cronRunsPerMonth('cron(5 0 ? * MON *)')).toBeCloseTo(4.35, 2);
    expect(cronRunsPerMonth('cron(5 0 15 * ? *)')).toBe(1);
    expect(cronRunsPerMonth('cron(5 0 1 8 ? *)')).toBeCloseTo(1 / 12, 9);
    expect(() => cronRunsPerMonth('rate(1 day)')).toThrow(/six-field/);
  });

  it('reads every schedule the Sơn La rulebook generates', () => {
    const runs = complianceSchedules(rulebookForProvince('son-la')).map((s) => cronRunsPerMonth(s.cron));
    expect(runs.every((r) => r > 0 && r <= 31)).toBe(true);
  });
});

describe('issue #20 capacity budgets', () => {
  const op = (name: string, kind: MeasuredOperation['kind'], read: number, needed?: number): MeasuredOperation => ({
    name,
    kind,
    costs: { '10000': { read, write: 0 }, '100000': { read, write: 0 } },
    ...(needed !== undefined ? { writeUnitsNeeded: { '10000': needed, '100000': needed } } : {}),
  });

  it('fails a department view over 2 read units and writes over 16 (create) and 20 (complete) at each size', () => {
    const results = capacityBudgets(
      [op('dashboard: department', 'dashboard', 2.5), op('create an assignment', 'write', 3, 16), op('complete an assignment', 'write', 3, 22)],
      ['10000', '100000'],
    );
    expect(results.map((r) => [r.operation, r.ok])).toEqual([
      ['dashboard: department', false],
      ['dashboard: department', false],
      ['create an assignment', true],
      ['create an assignment', true],
      ['complete an assignment', false],
      ['complete an assignment', false],
    ]);
  });

  it('passes what is within the budgets, and names a write it was not given', () => {
    const ok = capacityBudgets(
      [op('dashboard: department', 'dashboard', 2), op('create an assignment', 'write', 3, 14), op('complete an assignment', 'write', 3, 20)],
      ['10000', '100000'],
    );
    expect(ok.every((r) => r.ok)).toBe(true);
    expect(() => capacityBudgets([op('create an assignment', 'write', 3, 14)], ['10000', '100000'])).toThrow(/complete an assignment/);
  });
});
