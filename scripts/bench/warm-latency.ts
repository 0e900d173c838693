/**
 * Warm latency (issue #20, item 3): on the local server (@hono/node-server, 127.0.0.1), one
 * keep-alive connection, requests one after another, timed by the client; beside the same
 * Query "my work" makes, sent raw through the app's own DocumentClient in the same run. Then
 * throughput with 10 connections (autocannon) beside the raw Query with 10 in flight.
 */
import { Agent, request as httpRequest } from 'node:http';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import autocannon from 'autocannon';
import { formatInstant } from '../../shared/domain/local-time.js';
import { AssignmentItem } from '../../shared/store/keys.js';
import { serveLocally } from '../lib/serve-locally.js';
import type { BudgetResult } from './budget.js';
import type { BenchDepartment } from './department.js';
import { cast } from './operations.js';
import { roundTripPlan } from './round-trips.js';

/** "My work" p50 ≤ this × the raw Query's p50. */
export const MAX_MY_WORK_TO_RAW = 2.5;
/** The department dashboard's p50 ≤ this × "my work"'s p50. */
export const MAX_DASHBOARD_TO_MY_WORK = 3;

export interface LatencyStats {
  readonly name: string;
  readonly requests: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly meanMs: number;
}

export interface WarmLatency {
  readonly sequential: LatencyStats[];
  readonly throughput: { readonly name: string; readonly perSecond: number; readonly p50Ms: number }[];
  readonly ratios: { readonly myWorkToRaw: number; readonly dashboardToMyWork: number | null };
}

const round = (x: number, places = 2) => Math.round(x * 10 ** places) / 10 ** places;

function stats(name: string, samples: number[]): LatencyStats {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
  return { name, requests: samples.length, p50Ms: round(at(0.5), 3), p99Ms: round(at(0.99), 3), meanMs: round(samples.reduce((s, x) => s + x, 0) / samples.length, 3) };
}

const MY_WORK = 'GET /v1/assignments (my work)';
const ONE = 'GET /v1/assignments/{id} (one assignment with history)';
const DASHBOARD = 'GET /v1/dashboard (department)';
const RAW = 'raw DocumentClient Query (my work\'s Query)';

export async function measureWarmLatency(d: BenchDepartment, now: Date, options: { requests: number; seconds: number }): Promise<WarmLatency> {
  const people = cast(d);
  const clock = formatInstant(now, d.rulebook.organisation.timeZone);
  const plan = (await roundTripPlan(d, now)).filter((p) => [MY_WORK, ONE, DASHBOARD].includes(p.operation));
    const myWork = AssignmentItem.patterns.byResponsible;
  const rawQuery = () =>
    d.table.doc.send(
      new QueryCommand({
        TableName: d.table.tableName,
                ...myWork.keyCondition(
          { orgId: d.orgId, responsibleId: people.specialist },
          { between: [myWork.sk.start({ state: 'open', dueDate: '0000-00-00' }), myWork.sk.through({ state: 'open', dueDate: '9999-12-31' })] },
        ),
        Limit: 50,
      }),
    );

  const { server, port } = await serveLocally(d.app.fetch);
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  try {
    const get = (path: string, headers: Record<string, string>) =>
      new Promise<number>((resolve, reject) => {
        const req = httpRequest({ host: '127.0.0.1', port, path, agent, headers }, (res) => {
          res.resume();
          res.on('end', () => (res.statusCode === 200 ? resolve(res.statusCode) : reject(new Error(`${path} answered ${res.statusCode}`))));
        });
        req.on('error', reject);
        req.end();
      });
    const sequential: LatencyStats[] = [];
    const timeRaw = async () => {
      const samples: number[] = [];
      for (let i = 0; i < 20; i++) await rawQuery();
      for (let i = 0; i < options.requests; i++) {
        const t = performance.now();
        await rawQuery();
        samples.push(performance.now() - t);
      }
      return stats(RAW, samples);
    };
    // Raw first and last, so a drift of the machine during the run shows rather than hides.
    const rawBefore = await timeRaw();
    for (const p of plan) {
      const headers = { authorization: `Bearer ${await d.token(p.staffId)}`, 'x-clock': clock };
      for (let i = 0; i < 20; i++) await get(p.path, headers);
      const samples: number[] = [];
      for (let i = 0; i < options.requests; i++) {
        const t = performance.now();
        await get(p.path, headers);
        samples.push(performance.now() - t);
      }
      sequential.push(stats(p.operation, samples));
    }
    const rawAfter = await timeRaw();
    const raw = rawBefore.p50Ms <= rawAfter.p50Ms ? rawBefore : rawAfter;
    sequential.unshift(raw);

    const throughput: WarmLatency['throughput'] = [];
    if (options.seconds > 0) {
      const until = performance.now() + options.seconds * 1000;
      let done = 0;
      const samples: number[] = [];
      await Promise.all(
        Array.from({ length: 10 }, async () => {
          while (performance.now() < until) {
            const t = performance.now();
            await rawQuery();
            samples.push(performance.now() - t);
            done += 1;
          }
        }),
      );
      throughput.push({ name: `${RAW}, 10 in flight`, perSecond: Math.round(done / options.seconds), p50Ms: stats(RAW, samples).p50Ms });
      for (const p of plan) {
        const result = await autocannon({
          url: `http://127.0.0.1:${port}${p.path}`,
          duration: options.seconds,
          connections: 10,
          headers: { authorization: `Bearer ${await d.token(p.staffId)}`, 'x-clock': clock },
        });
        if (result.non2xx > 0 || result.errors > 0 || result.timeouts > 0) {
          throw new Error(`${p.operation}: ${result.non2xx} non-2xx answers, ${result.errors} errors, ${result.timeouts} timeouts under load`);
        }
        throughput.push({ name: `${p.operation}, 10 connections`, perSecond: Math.round(result.requests.average), p50Ms: result.latency.p50 });
      }
    }
    const p50 = (name: string) => sequential.find((s) => s.name === name)?.p50Ms;
    const dashboard = p50(DASHBOARD);
    return {
      sequential,
      throughput,
      ratios: {
        myWorkToRaw: round(p50(MY_WORK)! / raw.p50Ms),
        dashboardToMyWork: dashboard === undefined ? null : round(dashboard / p50(MY_WORK)!),
      },
    };
  } finally {
    agent.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

export function warmLatencyBudgets(w: WarmLatency): BudgetResult[] {
  const p50 = (name: string) => `${w.sequential.find((s) => s.name === name)!.p50Ms.toFixed(1)} ms`;
  return [
    {
      operation: MY_WORK,
      budget: 'warm p50 ÷ raw Query p50',
      limit: MAX_MY_WORK_TO_RAW,
      actual: w.ratios.myWorkToRaw,
      ok: w.ratios.myWorkToRaw <= MAX_MY_WORK_TO_RAW,
      item: 3,
      detail: `${p50(MY_WORK)} against ${p50(RAW)}`,
    },
    ...(w.ratios.dashboardToMyWork === null
      ? []
      : [
          {
            operation: DASHBOARD,
            budget: 'warm p50 ÷ my work p50',
            limit: MAX_DASHBOARD_TO_MY_WORK,
            actual: w.ratios.dashboardToMyWork,
            ok: w.ratios.dashboardToMyWork <= MAX_DASHBOARD_TO_MY_WORK,
            item: 3 as const,
            detail: `${p50(DASHBOARD)} against ${p50(MY_WORK)}`,
          },
        ]),
  ];
}

export function warmLatencyTable(w: WarmLatency, budgets: readonly BudgetResult[]): string {
  const raw = w.sequential[0]!.p50Ms;
  const verdict = (name: string) => {
    const mine = budgets.filter((b) => b.operation === name);
    if (mine.length === 0) return '';
    return mine.map((b) => `${b.ok ? 'ok' : '**over**'}: ${b.budget} ${b.actual} (≤ ${b.limit})`).join('; ');
  };
  return [
    `| one connection, sequential (${w.sequential[0]!.requests} each) | p50 ms | p99 ms | mean ms | p50 ÷ raw Query | budget |`,
    '|---|---:|---:|---:|---:|---|',
    ...w.sequential.map((s) => `| ${s.name} | ${s.p50Ms} | ${s.p99Ms} | ${s.meanMs} | ${round(s.p50Ms / raw)} | ${verdict(s.name)} |`),
    '',
    '| throughput | per second | p50 ms |',
    '|---|---:|---:|',
    ...w.throughput.map((t) => `| ${t.name} | ${t.perSecond} | ${t.p50Ms} |`),
  ].join('\n');
}
