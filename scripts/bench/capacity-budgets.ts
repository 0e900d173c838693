/**
 * Issue #20's capacity budgets, pure: the department dashboard view's read units (item 4) and the
 * write units an assignment's create and complete need by AWS pricing (item 5), at both sizes.
 */
import type { BudgetResult, MeasuredOperation } from './budget.js';

/** The department view (the director's dashboard of the current month), read units at every size. */
export const DEPARTMENT_DASHBOARD = { operation: 'dashboard: department', maxReadUnits: 2 } as const;

/** Write units the transaction of each write may need, by AWS pricing (transactional items 2 per KB). */
export const WRITE_UNIT_BUDGETS: Readonly<Record<string, number>> = {
  'create an assignment': 16,
  'complete an assignment': 20,
};

export function capacityBudgets(operations: readonly MeasuredOperation[], sizes: readonly [string, string]): BudgetResult[] {
  const results: BudgetResult[] = [];
  const find = (name: string) => {
    const op = operations.find((o) => o.name === name);
    if (!op) throw new Error(`The bench did not measure "${name}", which issue #20 budgets`);
    return op;
  };
  // Measured only once the app serves the dashboard (operations.ts); then budgeted at every size.
  const dashboard = operations.find((o) => o.name === DEPARTMENT_DASHBOARD.operation);
  for (const size of dashboard ? sizes : []) {
    const read = dashboard!.costs[size]!.read;
    results.push({
      operation: DEPARTMENT_DASHBOARD.operation,
      budget: `department view read units at ${size} (issue #20)`,
      limit: DEPARTMENT_DASHBOARD.maxReadUnits,
      actual: read,
      ok: read <= DEPARTMENT_DASHBOARD.maxReadUnits,
      item: 4,
    });
  }
  for (const [name, limit] of Object.entries(WRITE_UNIT_BUDGETS)) {
    const op = find(name);
    for (const size of sizes) {
      const needed = op.writeUnitsNeeded?.[size];
      if (needed === undefined) throw new Error(`${name} has no priced transaction at ${size}`);
      results.push({ operation: name, budget: `write units its transaction needs at ${size} (issue #20)`, limit, actual: needed, ok: needed <= limit, item: 5 });
    }
  }
  return results;
}
