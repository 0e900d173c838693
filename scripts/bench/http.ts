/**
 * Throughput and latency of the main endpoints on the local server (@hono/node-server, the same
 * app `npm start` serves) under autocannon, beside a bare route registered only on the bench's
 * own app: the same server, middleware and run, no handler work and no DynamoDB.
 */
import autocannon from 'autocannon';
import { formatInstant } from '../../shared/domain/local-time.js';
import { serveLocally } from '../lib/serve-locally.js';
import { BARE_PATH, type BenchDepartment } from './department.js';
import { cast, DASHBOARD_PATH, hasDashboard } from './operations.js';

export interface HttpResult {
  readonly endpoint: string;
  readonly requestsPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  /** Ratios to the bare route: throughput (below 1: slower) and latency (above 1: slower). */
  readonly throughputRatio: number;
  readonly p50Ratio: number;
  readonly p99Ratio: number;
}

export async function measureHttp(d: BenchDepartment, now: Date, seconds: number, connections = 10): Promise<HttpResult[]> {
  const people = cast(d);
  const clock = formatInstant(now, d.rulebook.organisation.timeZone);
  const anAssignment = (await (await d.app.request(`/v1/assignments?unitId=${people.unitId}&limit=1`, {
    headers: { authorization: `Bearer ${await d.token(people.head)}`, 'x-clock': clock },
  })).json()) as { items: { id: string }[] };
  const month = clock.slice(0, 7);
  const endpoints: { endpoint: string; path: string; staffId: string }[] = [
    { endpoint: `GET ${BARE_PATH} (bare Hono route)`, path: BARE_PATH, staffId: people.specialist },
    { endpoint: 'GET /v1/assignments (my work)', path: '/v1/assignments', staffId: people.specialist },
    { endpoint: 'GET /v1/assignments?unitId&overdue=true', path: `/v1/assignments?unitId=${people.unitId}&overdue=true`, staffId: people.head },
    { endpoint: 'GET /v1/assignments/{id} (with history)', path: `/v1/assignments/${anAssignment.items[0]!.id}`, staffId: people.head },
    { endpoint: 'GET /v1/org', path: '/v1/org', staffId: people.specialist },
    ...(hasDashboard(d) ? [{ endpoint: 'GET /v1/dashboard (department)', path: `${DASHBOARD_PATH}?period=${month}`, staffId: people.director }] : []),
  ];
  const { server, port } = await serveLocally(d.app.fetch);
  try {
    const raw = [];
    for (const e of endpoints) {
      const result = await autocannon({
        url: `http://127.0.0.1:${port}${e.path}`,
        duration: seconds,
        connections,
        headers: { authorization: `Bearer ${await d.token(e.staffId)}`, 'x-clock': clock },
      });
      if (result.non2xx > 0 || result.errors > 0 || result.timeouts > 0) {
        throw new Error(`${e.endpoint}: ${result.non2xx} non-2xx answers, ${result.errors} errors, ${result.timeouts} timeouts under load`);
      }
      raw.push({ endpoint: e.endpoint, requestsPerSecond: result.requests.average, p50Ms: result.latency.p50, p99Ms: result.latency.p99 });
    }
    const bare = raw[0]!;
    const ratio = (a: number, b: number) => Math.round((a / Math.max(b, 1e-9)) * 100) / 100;
    return raw.map((r) => ({
      ...r,
      throughputRatio: ratio(r.requestsPerSecond, bare.requestsPerSecond),
      p50Ratio: ratio(Math.max(r.p50Ms, 1), Math.max(bare.p50Ms, 1)),
      p99Ratio: ratio(Math.max(r.p99Ms, 1), Math.max(bare.p99Ms, 1)),
    }));
  } finally {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
