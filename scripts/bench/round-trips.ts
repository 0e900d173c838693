/**
 * Round trips (issue #20, item 2): how many DynamoDB calls each authenticated GET makes, counted
 * by the same client middleware that records consumed capacity (one record per call), in a warm
 * process: every operation is requested once untimed first, so the rulebook and the
 * organisation snapshot are what a warm Lambda holds. The pages a manager opens are counted
 * too, without a budget: each also counts what awaits the viewer's decision ("Chờ quyết định").
 */
import { formatInstant, toLocalDate } from '../../shared/domain/local-time.js';
import { periodContaining } from '../../shared/domain/periods.js';
import type { BudgetResult } from './budget.js';
import type { BenchDepartment } from './department.js';
import { cast, DASHBOARD_PATH, hasDashboard } from './operations.js';

/** An authenticated single-item or list GET makes at most this many DynamoDB calls. */
export const MAX_GET_CALLS = 2;
/** A dashboard view makes at most this many. */
export const MAX_DASHBOARD_CALLS = 3;

export interface RoundTrips {
  readonly operation: string;
  readonly kind: RoundTripKind;
  readonly path: string;
  readonly calls: number;
  /** Each call's command, in order: `GetItem`, `Query`… */
  readonly commands: readonly string[];
  /** Each call's read units, in the same order. */
  readonly readUnitsByCall: readonly number[];
  readonly readUnits: number;
}

/** A page is measured, not budgeted. */
export type RoundTripKind = 'get' | 'dashboard' | 'page';

export interface RoundTripPlan {
  readonly operation: string;
  readonly kind: RoundTripKind;
  readonly staffId: string;
  readonly path: string;
}

/** The GETs the bench counts (and times, see warm-latency.ts): the same people and paths at every size. */
export async function roundTripPlan(d: BenchDepartment, now: Date): Promise<RoundTripPlan[]> {
  const people = cast(d);
  const tz = d.rulebook.organisation.timeZone;
  const headers = { authorization: `Bearer ${await d.token(people.head)}`, 'x-clock': formatInstant(now, tz) };
  const page = (await (await d.app.request(`/v1/assignments?unitId=${people.unitId}&limit=1`, { headers })).json()) as { items: { id: string }[] };
  const id = page.items[0]?.id;
  if (!id) throw new Error(`No assignment in ${people.unitId} to read`);
  const period = periodContaining('month', toLocalDate(now, tz)).id;
  return [
    { operation: 'GET /v1/assignments (my work)', kind: 'get', staffId: people.specialist, path: '/v1/assignments' },
    { operation: "GET /v1/assignments?unitId&overdue=true (a unit's overdue work)", kind: 'get', staffId: people.head, path: `/v1/assignments?unitId=${people.unitId}&overdue=true` },
    { operation: 'GET /v1/assignments/{id} (one assignment with history)', kind: 'get', staffId: people.head, path: `/v1/assignments/${id}` },
    { operation: 'GET /v1/org', kind: 'get', staffId: people.specialist, path: '/v1/org' },
    ...(hasDashboard(d)
      ? ([
          { operation: 'GET /v1/dashboard (department)', kind: 'dashboard', staffId: people.director, path: `${DASHBOARD_PATH}?period=${period}` },
          { operation: 'GET /v1/dashboard (unit)', kind: 'dashboard', staffId: people.head, path: `${DASHBOARD_PATH}?period=${period}&unitId=${people.unitId}` },
          { operation: 'GET /v1/dashboard (person)', kind: 'dashboard', staffId: people.specialist, path: `${DASHBOARD_PATH}?period=${period}&staffId=${people.specialist}` },
          { operation: "page /dashboard (the director's overview, with its trend)", kind: 'page', staffId: people.director, path: `/dashboard?period=${period}` },
          { operation: "page /dashboard/units/{id} (a head's unit)", kind: 'page', staffId: people.head, path: `/dashboard/units/${people.unitId}?period=${period}` },
          { operation: "page /decisions (the director's Chờ quyết định)", kind: 'page', staffId: people.director, path: '/decisions' },
          { operation: "page /my-work (a specialist's Việc của tôi)", kind: 'page', staffId: people.specialist, path: '/my-work' },
        ] as const)
      : []),
  ];
}

export async function measureRoundTrips(d: BenchDepartment, now: Date): Promise<RoundTrips[]> {
  const clock = formatInstant(now, d.rulebook.organisation.timeZone);
  const plan = await roundTripPlan(d, now);
  const results: RoundTrips[] = [];
  for (const p of plan) {
    const request = async () => {
      const res = await d.app.request(p.path, { headers: { authorization: `Bearer ${await d.token(p.staffId)}`, 'x-clock': clock } });
      const body = await res.text();
      if (res.status !== 200) throw new Error(`${p.operation}: answered ${res.status}: ${body.slice(0, 300)}`);
    };
    await d.token(p.staffId);
    await request(); // warm: what a warm process holds
    const { calls, units } = await d.meter.measure(request);
    results.push({ operation: p.operation, kind: p.kind, path: p.path, calls: calls.length, commands: calls.map((c) => c.command.replace(/Command$/, '')), readUnitsByCall: calls.map((c) => c.read), readUnits: units.read });
  }
  return results;
}

export function roundTripBudgets(results: readonly RoundTrips[], size: string): BudgetResult[] {
  return results.filter((r) => r.kind !== 'page').map((r) => {
    const limit = r.kind === 'dashboard' ? MAX_DASHBOARD_CALLS : MAX_GET_CALLS;
    return { operation: r.operation, budget: `DynamoDB calls per request at ${size}`, limit, actual: r.calls, ok: r.calls <= limit, item: 2 as const };
  });
}

export function roundTripTable(bySize: Readonly<Record<string, readonly RoundTrips[]>>, budgets: readonly BudgetResult[]): string {
  const sizes = Object.keys(bySize);
  const first = bySize[sizes[0]!]!;
  const rows = first.map((r) => {
    const at = (size: string) => bySize[size]!.find((x) => x.operation === r.operation)!;
    // Only this table's budget (item 2): a warm-latency budget of the same request has its own table.
    const mine = budgets.filter((b) => b.operation === r.operation && b.item === 2);
    const limit = r.kind === 'dashboard' ? MAX_DASHBOARD_CALLS : MAX_GET_CALLS;
    const verdict = r.kind === 'page' ? 'none (a page)' : mine.every((b) => b.ok) ? `ok (≤ ${limit})` : `**over: ≤ ${limit}**`;
    const last = at(sizes[sizes.length - 1]!);
    return `| ${r.operation} | ${sizes.map((s) => at(s).calls).join(' | ')} | ${sizes.map((s) => round(at(s).readUnits)).join(' | ')} | ${last.commands.map((c, i) => `${c} ${last.readUnitsByCall[i]}`).join(', ')} | ${verdict} |`;
  });
  return [
    `| request (warm process) | ${sizes.map((s) => `calls @ ${s}`).join(' | ')} | ${sizes.map((s) => `read units @ ${s}`).join(' | ')} | commands and their read units @ ${sizes[sizes.length - 1]} | budget |`,
    `|---|${sizes.map(() => '---:|').join('')}${sizes.map(() => '---:|').join('')}---|---|`,
    ...rows,
  ].join('\n');
}

const round = (n: number) => Math.round(n * 10) / 10;
