/**
 * The operations whose DynamoDB cost the bench measures: each through the real app
 * (`app.request`, a dev token, X-Clock) or, for compliance rules, the real compliance service.
 */
import { addDays, formatInstant, toLocalDate } from '../../shared/domain/local-time.js';
import { periodContaining } from '../../shared/domain/periods.js';
import type { CapacityUnits } from '../../shared/store/capacity.js';
import type { WriteNeed } from './budget.js';
import type { BenchDepartment } from './department.js';

export interface OperationCost {
  readonly name: string;
  readonly kind: 'read' | 'write' | 'dashboard' | 'compliance';
  readonly status: number;
  readonly units: CapacityUnits;
  /** Writes: each transaction, item by item, with the units it needs. */
  readonly transactions?: WriteNeed[][];
  /** What the answer held (items listed, findings), so sizes can be compared like for like. */
  readonly detail: string;
}

export const DASHBOARD_PATH = '/v1/dashboard';

/** Whether the app serves GET /v1/dashboard: measured and budgeted as soon as it does. */
export const hasDashboard = (d: BenchDepartment) => d.routes.some((r) => r.method === 'GET' && r.path === DASHBOARD_PATH);

const staffWith = (d: BenchDepartment, role: string, unitId?: string) => {
  const s = d.rulebook.staff.find((p) => p.roles.includes(role as never) && (unitId === undefined || p.unitId === unitId));
  if (!s) throw new Error(`No ${role}${unitId ? ` in ${unitId}` : ''} in the rulebook`);
  return s.id;
};

/** The unit whose work the bench lists: the first division, with its head and a specialist. */
export function cast(d: BenchDepartment) {
  const unitId = d.rulebook.units.find((u) => u.kind === 'division')!.id;
  return {
    unitId,
    director: staffWith(d, 'director'),
    head: staffWith(d, 'head', unitId),
    specialist: staffWith(d, 'specialist', unitId),
  };
}

export async function measureOperations(d: BenchDepartment, now: Date): Promise<OperationCost[]> {
  const tz = d.rulebook.organisation.timeZone;
  const clock = formatInstant(now, tz);
  const people = cast(d);
  const request = async (staffId: string, path: string, init: { method?: string; body?: unknown; headers?: Record<string, string> } = {}) => {
    const headers = new Headers(init.headers);
    headers.set('authorization', `Bearer ${await d.token(staffId)}`);
    headers.set('x-clock', clock);
    if (init.body !== undefined) headers.set('content-type', 'application/json');
    return d.app.request(path, { method: init.method ?? 'GET', headers, ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}) });
  };
  const costs: OperationCost[] = [];
  const http = async (name: string, kind: OperationCost['kind'], staffId: string, path: string, init: Parameters<typeof request>[2] = {}) => {
    const { result, units, transactions } = await d.measure(async () => {
      const res = await request(staffId, path, init);
      return { status: res.status, body: (await res.json()) as Record<string, unknown> };
    });
    if (result.status >= 300) throw new Error(`${name}: ${init.method ?? 'GET'} ${path} answered ${result.status}: ${JSON.stringify(result.body).slice(0, 300)}`);
    const items = Array.isArray(result.body.items) ? `${result.body.items.length} items` : '';
    costs.push({ name, kind, status: result.status, units, ...(kind === 'write' ? { transactions } : {}), detail: items });
    return result.body;
  };

  // Warm: the rulebook versions are cached per process after the first request, as in a warm Lambda.
  await request(people.director, '/v1/org');

  await http('list my work', 'read', people.specialist, '/v1/assignments');
  await http("list a unit's overdue work", 'read', people.head, `/v1/assignments?unitId=${people.unitId}&overdue=true`);

  if (hasDashboard(d)) {
    const period = periodContaining('month', toLocalDate(now, tz)).id;
    await http('dashboard: department', 'dashboard', people.director, `${DASHBOARD_PATH}?period=${period}`);
    await http('dashboard: unit', 'dashboard', people.head, `${DASHBOARD_PATH}?period=${period}&unitId=${people.unitId}`);
    await http('dashboard: person', 'dashboard', people.specialist, `${DASHBOARD_PATH}?period=${period}&staffId=${people.specialist}`);
  }

  const created = await http('create an assignment', 'write', people.head, '/v1/assignments', {
    method: 'POST',
    headers: { 'idempotency-key': `bench-${now.getTime()}` },
    body: { title: 'Rà soát hồ sơ chuyển đổi số', assigneeId: people.specialist, dueDate: addDays(toLocalDate(now, tz), 10) },
  });
  const id = String(created.id);
  await http('update an assignment (progress)', 'write', people.specialist, `/v1/assignments/${id}/progress`, {
    method: 'POST',
    headers: { 'if-match': `"${String(created.version)}"` },
    body: { percent: 60, note: 'Đã rà soát 60% hồ sơ.' },
  });
  await http('complete an assignment', 'write', people.specialist, `/v1/assignments/${id}/complete`, {
    method: 'POST',
    headers: { 'if-match': `"${Number(created.version) + 1}"` },
    body: { note: 'Đã hoàn thành rà soát.' },
  });

  // Each rule as the schedule runs it: yesterday's run (not measured) leaves the steady state a daily run meets.
  for (const rule of d.services.compliance.rules) {
    await d.services.compliance.run(d.orgId, rule.id, new Date(now.getTime() - 24 * 3600_000));
    const { result, units } = await d.measure(() => d.services.compliance.run(d.orgId, rule.id, now));
    costs.push({
      name: `compliance ${rule.id}`,
      kind: 'compliance',
      status: 200,
      units,
      detail: `${result.findings.length} findings, ${result.created.length} new`,
    });
  }
  return costs;
}
