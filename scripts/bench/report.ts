/** The bench's tables, in Markdown (printed, and pasted into the README). */
import type { BudgetResult, CostAtSize, MeasuredOperation, WriteNeed } from './budget.js';
import { growthRatio } from './budget.js';
import type { BundleResult } from './bundles.js';
import type { HttpResult } from './http.js';

const n = (x: number) => (Number.isInteger(x) ? String(x) : x.toFixed(1));
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const ratio = (x: number) => (Number.isFinite(x) ? x.toFixed(2) : '∞');

export function capacityTable(operations: readonly MeasuredOperation[], sizes: readonly [string, string], budgets: readonly BudgetResult[]): string {
  const [small, large] = sizes;
  const rows = operations.map((op) => {
    const a = op.costs[small]!;
    const b = op.costs[large]!;
    const mine = budgets.filter((r) => r.operation === op.name);
    const verdict = mine.every((r) => r.ok) ? 'ok' : `**over: ${mine.filter((r) => !r.ok).map((r) => r.budget).join('; ')}**`;
    const writes = (size: string, c: CostAtSize) => (op.writeUnitsNeeded ? `${n(c.write)} (needs ${op.writeUnitsNeeded[size]})` : n(c.write));
    return `| ${op.name} | ${n(a.read)} | ${writes(small, a)} | ${n(b.read)} | ${writes(large, b)} | ${ratio(growthRatio(a, b))} | ${verdict} |`;
  });
  return [
    `| operation | read units @ ${small} | write units @ ${small} | read units @ ${large} | write units @ ${large} | ratio | budget |`,
    '|---|---:|---:|---:|---:|---:|---|',
    ...rows,
  ].join('\n');
}

/** Each write's transaction, item by item, with the units DynamoDB charges for it. */
export function transactionTable(writes: readonly { name: string; transactions: readonly (readonly WriteNeed[])[]; measured: number }[]): string {
  const rows = writes.flatMap(({ name, transactions, measured }) => {
    const needed = transactions.flat().reduce((s, w) => s + w.units, 0);
    return [
      ...transactions.flatMap((items, t) =>
        items.map((w) => `| ${name}${transactions.length > 1 ? ` (transaction ${t + 1})` : ''} | ${w.label} | ${kb(w.bytes)} | ${w.parts.join(', ')} | ${w.units} |`),
      ),
      `| **${name}** | **needs** | | measured ${n(measured)} | **${needed}** |`,
    ];
  });
  return ['| write | item | size | units (transactional: 2 per KB) | units |', '|---|---|---:|---|---:|', ...rows].join('\n');
}

export function httpTable(results: readonly HttpResult[], seconds: number): string {
  return [
    `| endpoint (${seconds} s, 10 connections) | req/s | p50 ms | p99 ms | throughput ÷ bare | p50 ÷ bare | p99 ÷ bare |`,
    '|---|---:|---:|---:|---:|---:|---:|',
    ...results.map((r) => `| ${r.endpoint} | ${Math.round(r.requestsPerSecond)} | ${r.p50Ms} | ${r.p99Ms} | ${r.throughputRatio} | ${r.p50Ratio} | ${r.p99Ratio} |`),
  ].join('\n');
}

export function bundleTable(results: readonly BundleResult[], runs: number): string {
  return [
    `| bundle | size | ÷ bare | cold import (median of ${runs}) | ÷ bare | largest contributors |`,
    '|---|---:|---:|---:|---:|---|',
    ...results.map(
      (r) =>
        `| ${r.name} (\`${r.entry}\`) | ${kb(r.bytes)} | ${r.sizeRatio} | ${r.coldImportMs} ms | ${r.coldImportRatio} | ${r.largest
          .slice(0, 5)
          .map((c) => `${c.module} ${kb(c.bytes)}`)
          .join(', ')} |`,
    ),
  ].join('\n');
}
