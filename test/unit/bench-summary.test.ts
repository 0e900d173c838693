import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { IssueItem } from '../../scripts/bench/budget.js';
import { BUDGET_PAGE, RESULTS_FILE, budgetPageMarkdown, type BenchResultsForSummary } from '../../scripts/bench/summary.js';

const root = join(import.meta.dirname, '../..');

function results(overrides: Partial<BenchResultsForSummary> = {}): BenchResultsForSummary {
  const budget = (item: IssueItem | undefined, operation: string, name: string, limit: number, actual: number | 'infinite') => ({
    operation,
    budget: name,
    limit,
    actual,
    ok: actual !== 'infinite' && actual <= limit,
    ...(item ? { item } : {}),
  });
  return {
    ranAt: '2026-12-07T01:02:03.000Z',
    machine: { cpus: 2, node: 'v20.20.2' },
    sizes: [10000, 100000],
    budgets: [
      budget(undefined, 'list my work', 'cost at 100000 ÷ cost at 10000', 1.2, 1),
      budget(1, 'cold start: api', 'import + first event ÷ baseline', 2, 1.91),
      budget(1, 'cold start: api', 'bytes of code loaded to answer the first event', 1048576, 743399),
      // The larger size first: the row still reads smaller / larger.
      budget(2, 'GET /v1/assignments (my work)', 'DynamoDB calls per request at 100000', 2, 3),
      budget(2, 'GET /v1/assignments (my work)', 'DynamoDB calls per request at 10000', 2, 2),
      budget(3, 'GET /v1/assignments (my work)', 'warm p50 ÷ raw Query p50', 2.5, 1.95),
      budget(4, 'dashboard: department', 'department view read units at 10000 (issue #20)', 2, 5),
      budget(4, 'dashboard: department', 'department view read units at 100000 (issue #20)', 2, 5),
      budget(5, 'create an assignment', 'write units its transaction needs at 10000 (issue #20)', 16, 16),
    ],
    warmLatency: {
      sequential: [{ name: 'raw DocumentClient Query', requests: 500, p50Ms: 9.306, p99Ms: 18.235, meanMs: 10.1 }],
      throughput: [{ name: 'raw DocumentClient Query, 10 in flight', perSecond: 174, p50Ms: 47.168 }],
      ratios: { myWorkToRaw: 1.95, dashboardToMyWork: 1.78 },
    },
    monthlyCost: { usd: 0.07 },
    ...overrides,
  };
}

const row = (page: string, operation: string, budget: string) => page.split('\n').find((l) => l.includes(`| ${operation} | ${budget} |`));

describe("the page of the benchmark's budgets", () => {
  it(`${BUDGET_PAGE} is what \`npm run docs:bench\` renders from ${RESULTS_FILE}`, () => {
    const committed = JSON.parse(readFileSync(join(root, RESULTS_FILE), 'utf8')) as BenchResultsForSummary;
    expect(readFileSync(join(root, BUDGET_PAGE), 'utf8')).toBe(budgetPageMarkdown(committed));
  });

  it('puts one budget measured at both sizes in one row, and fails the row when either size fails', () => {
    const page = budgetPageMarkdown(results());
    expect(row(page, 'GET /v1/assignments (my work)', 'DynamoDB calls per request at 10,000 / 100,000')).toMatch(/\| 2 \| 2 \/ 3 \| \*\*not met\*\* \|/);
    expect(row(page, 'dashboard: department', 'department view read units at 10,000 / 100,000')).toMatch(/\| 2 \| 5 \/ 5 \| \*\*not met\*\* \|/);
    expect(row(page, 'cold start: api', 'import + first event ÷ baseline')).toMatch(/\| 2 \| 1\.91 \| met \|/);
  });

  it('names every budget not met at the top, and counts the bench’s own budgets apart', () => {
    const page = budgetPageMarkdown(results());
    expect(page).toContain(
      '**Not met: GET /v1/assignments (my work), DynamoDB calls per request at 10,000 / 100,000; dashboard: department, department view read units at 10,000 / 100,000.**',
    );
    expect(page).toContain('the units its transaction needs: 1 of 1 met.');
    expect(budgetPageMarkdown(results({ budgets: results().budgets.map((b) => ({ ...b, ok: true })) }))).toContain('**Every budget is met.**');
  });

  it('shows sizes in bytes as KB, and an unbounded ratio as ∞', () => {
    const page = budgetPageMarkdown(results({ budgets: [...results().budgets, { operation: 'dashboard: unit', budget: 'cost at 100000 ÷ cost at 10000', limit: 1.2, actual: 'infinite', ok: false }] }));
    expect(row(page, 'cold start: api', 'bytes of code loaded to answer the first event')).toContain('| 1,024 KB | 726 KB | met |');
    expect(page).toContain('| dashboard: unit | cost at 100000 ÷ cost at 10000 | 1.2 | ∞ |');
  });

  it('refuses results that lack a budget for an item of issue #20 (a bench that stopped tagging one)', () => {
    expect(() => budgetPageMarkdown(results({ budgets: results().budgets.filter((b) => b.item !== 3) }))).toThrow(/item 3/);
  });
});
