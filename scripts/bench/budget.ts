/**
 * The bench's budgets, pure: item sizes and the write units a transaction needs by DynamoDB's
 * pricing rules, and the check of every measured operation against its budget.
 */

/** An operation's cost at two sizes may grow by at most this factor (issue #11). */
export const MAX_GROWTH_RATIO = 1.2;
/** A dashboard view reads at most this many read units. */
export const MAX_DASHBOARD_READ_UNITS = 10;

const utf8 = (s: string) => Buffer.byteLength(s, 'utf8');

function valueSize(value: unknown): number {
  if (value === null || value === undefined || typeof value === 'boolean') return 1;
  if (typeof value === 'string') return utf8(value);
  if (typeof value === 'number' || typeof value === 'bigint') {
    const digits = String(value).replace(/^-/, '').replace('.', '').replace(/e.*$/i, '').replace(/^0+/, '').replace(/0+$/, '');
    return Math.ceil(Math.max(digits.length, 1) / 2) + 1;
  }
  if (value instanceof Uint8Array) return value.byteLength;
  if (value instanceof Set) return [...value].reduce<number>((sum, v) => sum + valueSize(v), 0);
  if (Array.isArray(value)) return 3 + value.reduce<number>((sum, v) => sum + 1 + valueSize(v), 0);
  if (typeof value === 'object') {
    return 3 + Object.entries(value).reduce((sum, [k, v]) => (v === undefined ? sum : sum + 1 + utf8(k) + valueSize(v)), 0);
  }
  throw new Error(`No DynamoDB size for a ${typeof value}`);
}

/** An item's size as DynamoDB counts it: attribute names plus values (undefined attributes are not stored). */
export function itemSize(item: Readonly<Record<string, unknown>>): number {
  return Object.entries(item).reduce((sum, [name, value]) => (value === undefined ? sum : sum + utf8(name) + valueSize(value)), 0);
}

/** Transactional writes cost 2 units per started KB (standard writes 1). */
export const transactionalUnits = (bytes: number) => 2 * Math.max(1, Math.ceil(bytes / 1024));

export interface IndexKeys {
  readonly name: string;
  readonly partitionKey: string;
  readonly sortKey: string;
}

/** One item of a transaction: what it was before (absent: new) and what it is after. */
export interface TransactionWrite {
  readonly label: string;
  readonly before?: Readonly<Record<string, unknown>>;
  readonly after: Readonly<Record<string, unknown>>;
}

export interface WriteNeed {
  readonly label: string;
  readonly bytes: number;
  readonly units: number;
  /** Where the units go: `table`, `GSI1 put`, `GSI2 delete`… */
  readonly parts: readonly string[];
}

/**
 * The write units an item of a transaction needs: the table write (sized by the larger of the
 * item before and after), and each index the item enters, leaves or changes in (a changed index
 * key is a delete of the old entry plus a put of the new one).
 */
export function writeNeed(write: TransactionWrite, indexes: readonly IndexKeys[]): WriteNeed {
  const after = itemSize(write.after);
  const before = write.before ? itemSize(write.before) : 0;
  const larger = Math.max(after, before);
  const parts = [`table ${transactionalUnits(larger)}`];
  let units = transactionalUnits(larger);
  const keyOf = (item: Readonly<Record<string, unknown>> | undefined, index: IndexKeys) =>
    item && item[index.partitionKey] !== undefined && item[index.sortKey] !== undefined ? `${String(item[index.partitionKey])}|${String(item[index.sortKey])}` : undefined;
  for (const index of indexes) {
    const old = keyOf(write.before, index);
    const now = keyOf(write.after, index);
    if (old === undefined && now === undefined) continue;
    if (old !== undefined && now !== undefined && old === now) {
      units += transactionalUnits(larger);
      parts.push(`${index.name} ${transactionalUnits(larger)}`);
      continue;
    }
    if (old !== undefined) {
      units += transactionalUnits(before);
      parts.push(`${index.name} delete ${transactionalUnits(before)}`);
    }
    if (now !== undefined) {
      units += transactionalUnits(after);
      parts.push(`${index.name} put ${transactionalUnits(after)}`);
    }
  }
  return { label: write.label, bytes: larger, units, parts };
}

// ---------------------------------------------------------------------------------------------

export interface CostAtSize {
  readonly read: number;
  readonly write: number;
}

export interface MeasuredOperation {
  readonly name: string;
  readonly kind: 'read' | 'write' | 'dashboard' | 'compliance';
  /** Cost by department size (assignments). */
  readonly costs: Readonly<Record<string, CostAtSize>>;
  /** Writes: the units their transactions need, by size. */
  readonly writeUnitsNeeded?: Readonly<Record<string, number>>;
}

/** Issue #20's items a budget can check: 1 cold start, 2 round trips, 3 warm latency, 4 dashboard capacity, 5 write cost. */
export type IssueItem = 1 | 2 | 3 | 4 | 5;

export interface BudgetResult {
  readonly operation: string;
  readonly budget: string;
  readonly limit: number;
  readonly actual: number;
  readonly ok: boolean;
  /** The item of issue #20 it checks; absent for the bench's own budgets (growth, dashboard reads, writes within the transaction). */
  readonly item?: IssueItem;
  /** The figures behind `actual`, for a reader (milliseconds, rounds). */
  readonly detail?: string;
}

const total = (c: CostAtSize) => c.read + c.write;

/** The ratio of the cost at the larger size to the cost at the smaller; 1 when both are 0. */
export function growthRatio(small: CostAtSize, large: CostAtSize): number {
  if (total(small) === 0) return total(large) === 0 ? 1 : Number.POSITIVE_INFINITY;
  return total(large) / total(small);
}

/** Every budget of every operation, each with its verdict. `sizes`: the two department sizes, smaller first. */
export function checkBudgets(operations: readonly MeasuredOperation[], sizes: readonly [string, string]): BudgetResult[] {
  const [small, large] = sizes;
  const results: BudgetResult[] = [];
  for (const op of operations) {
    const a = op.costs[small];
    const b = op.costs[large];
    if (!a || !b) throw new Error(`${op.name} was not measured at both sizes (${small}, ${large})`);
    const ratio = growthRatio(a, b);
    results.push({ operation: op.name, budget: `cost at ${large} ÷ cost at ${small}`, limit: MAX_GROWTH_RATIO, actual: ratio, ok: ratio <= MAX_GROWTH_RATIO });
    if (op.kind === 'dashboard') {
      for (const size of sizes) {
        const read = op.costs[size]!.read;
        results.push({ operation: op.name, budget: `read units at ${size}`, limit: MAX_DASHBOARD_READ_UNITS, actual: read, ok: read <= MAX_DASHBOARD_READ_UNITS });
      }
    }
    if (op.kind === 'write') {
      for (const size of sizes) {
        const needed = op.writeUnitsNeeded?.[size];
        if (needed === undefined) throw new Error(`${op.name} has no listed transaction at ${size}`);
        const write = op.costs[size]!.write;
        results.push({ operation: op.name, budget: `write units at ${size} (its transaction needs ${needed})`, limit: needed, actual: write, ok: write <= needed });
      }
    }
  }
  return results;
}
