/**
 * Cold start as deployed (issue #20, item 1): each Lambda bundled as infra deploys it (split
 * into index.mjs and chunks, infra/constructs/lambda-bundling.ts), imported by a fresh `node`
 * process with the environment infra gives it (NODE_OPTIONS included), which then answers its
 * first event against DynamoDB Local:
 * the API a `GET /v1/assignments` API Gateway v2 event with an RS256 token verified against a
 * JWKS served here; the compliance function a run of A6; the e-office dispatcher one outbox pass.
 * Beside them a baseline: Hono + the DocumentClient answering the same event with one Query,
 * bundled the same way. Median of `runs` processes each, interleaved so that the machine's load
 * falls on all alike. One more, untimed, process per function records the files its import and
 * first event load (a module hook): the bytes a cold start reads, against the deployed total.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { DeleteTableCommand } from '@aws-sdk/client-dynamodb';
import { buildApp } from '../../functions/api/app.js';
import { localDeps } from '../../functions/api/dependencies.js';
import { LAMBDA_BASE_ENVIRONMENT, type bundleLambda } from '../../infra/constructs/lambda-bundling.js';
import { rulebookForProvince } from '../../shared/rulebook/load.js';
import { seedOrganisations } from '../../shared/services/seed-service.js';
import { ensureTable } from '../../shared/store/create-table.js';
import { AssignmentItem } from '../../shared/store/keys.js';
import { OrganisationRepository } from '../../shared/store/organisation-repository.js';
import type { BudgetResult } from './budget.js';
import { buildLambda, LAMBDA_ENTRIES, type BuiltLambda } from './lambda-build.js';
import { apiGatewayEvent, lambdaEnvironments, startLocalIdentityAndSecrets } from './cold-start-local.js';
import { BASELINE_SOURCE, runChild, type Run } from './cold-start-process.js';

export { lambdaEnvironments };

/** Budgets (issue #20): the API's cold start (import + first event) at most this many times the baseline's… */
export const MAX_API_COLD_RATIO = 2.0;
/** …and the code its cold start loads to answer the first event (index.mjs and the chunks it imports) at most 1 MiB. */
export const MAX_API_BUNDLE_BYTES = 1024 * 1024;

/** How many assignments "my work" lists in the first event (fewer than a page; the page still gives a cursor to the closed ones, so the cursor key is read). */
const SEEDED_ASSIGNMENTS = 5;

export interface ColdStartTarget {
  readonly name: string;
  readonly entry: string;
  /** Bytes of the .mjs files loaded to answer the first event (index.mjs and the chunks imported on the way). */
  readonly loadedBytes: number;
  /** The files loaded, relative to the bundle's directory. */
  readonly loadedFiles: readonly string[];
  /** Bytes of every .mjs deployed. */
  readonly bundleBytes: number;
  readonly sourceMapBytes: number;
  readonly importMs: number;
  readonly firstEventMs: number;
  /** Median over the runs of import + first event, each run's sum. */
  readonly coldMs: number;
  readonly runsMs: readonly { readonly importMs: number; readonly firstEventMs: number }[];
  /** Each round's import + first event ÷ the baseline's in the same round (the targets take turns in a round): how far one run's ratio moves with the machine. */
  readonly coldRatioByRound: RoundRatios;
  /** To the baseline's. */
  readonly loadedRatio: number;
  readonly bundleRatio: number;
  readonly importRatio: number;
  readonly firstEventRatio: number;
  readonly coldRatio: number;
  /** What the first event returned, to show it did the work. */
  readonly firstEvent: string;
  readonly largest: readonly { readonly module: string; readonly kb: number }[];
}

export interface ColdStartResult {
  readonly runs: number;
  readonly node: string;
  readonly method: string;
  readonly targets: readonly ColdStartTarget[];
  readonly budgets: readonly BudgetResult[];
  readonly table: string;
}

export interface RoundRatios {
  readonly min: number;
  readonly median: number;
  readonly max: number;
}

/** The ratio of `target`'s import + first event to `baseline`'s, round by round (runs of the same index were made in the same round). */
export function roundRatios(target: readonly { importMs: number; firstEventMs: number }[], baseline: readonly { importMs: number; firstEventMs: number }[]): RoundRatios {
  if (target.length === 0 || target.length !== baseline.length) throw new Error(`roundRatios: ${target.length} runs against ${baseline.length}`);
  const ratios = target.map((t, i) => (t.importMs + t.firstEventMs) / (baseline[i]!.importMs + baseline[i]!.firstEventMs));
  return { min: ratio(Math.min(...ratios), 1), median: ratio(median(ratios), 1), max: ratio(Math.max(...ratios), 1) };
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
};
const round1 = (n: number) => Math.round(n * 10) / 10;
const ratio = (a: number, b: number) => Math.round((a / b) * 100) / 100;

/** Bytes in the given output files (relative to the bundle's directory) by package (`node_modules/<name>`) or by project folder. */
export function largestInputs(built: BuiltLambda, files: readonly string[], top = 8): { module: string; kb: number }[] {
  const outputs = Object.entries(built.metafile.outputs).filter(([path]) => files.some((f) => path.endsWith(`/${f}`) || path === f));
  if (outputs.length !== files.length) throw new Error(`Not every loaded file is in the metafile of ${built.file}`);
  const byModule = new Map<string, number>();
  for (const [path, { bytesInOutput }] of outputs.flatMap(([, output]) => Object.entries(output.inputs))) {
    const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path);
    const module = pkg ? pkg[1]! : path.split('/').slice(0, 2).join('/');
    byModule.set(module, (byModule.get(module) ?? 0) + bytesInOutput);
  }
  return [...byModule]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([module, bytes]) => ({ module, kb: round1(bytes / 1024) }));
}

/** What a first event returned, checked: a cold start that answered an error measures nothing. */
function checkFirstEvent(name: string, result: unknown): string {
  const r = result as Record<string, unknown>;
  if (name === 'api' || name.startsWith('api@') || name === 'baseline') {
    const body = typeof r.body === 'string' ? (JSON.parse(r.body) as { items?: unknown[] }) : {};
    if (r.statusCode !== 200 || body.items?.length !== SEEDED_ASSIGNMENTS) {
      throw new Error(`${name}: GET /v1/assignments answered ${String(r.statusCode)} ${String(r.body).slice(0, 300)}, not ${SEEDED_ASSIGNMENTS} items`);
    }
    return `200, ${body.items.length} assignments`;
  }
  if (name === 'compliance') {
    if (r.rule !== 'A6' || typeof r.findings !== 'number') throw new Error(`compliance: ${JSON.stringify(result).slice(0, 300)}`);
    return `A6 ran, ${r.findings} findings`;
  }
  if (typeof r.attempted !== 'number') throw new Error(`eoffice: ${JSON.stringify(result).slice(0, 300)}`);
  return `outbox pass, ${r.attempted} attempted`;
}

export interface ColdStartOptions {
  readonly repoRoot: string;
  /** DynamoDB Local's endpoint. */
  readonly endpoint: string;
  readonly runs: number;
  readonly log?: (message: string) => void;
  /** Writes a CPU profile of every child under `<profileDir>/<function>/` (its bundle and .map are copied beside it). */
  readonly profileDir?: string;
  /**
   * Another checkout of the tracker (a worktree of another commit): its API, built by this
   * checkout's bundling with this checkout's node_modules, is one more target `api@<label>` in the
   * same runs, so a change is measured side by side with the code before it. No budget reads it.
   * `theirBundling`: built by that checkout's own `infra/constructs/lambda-bundling.ts` instead, to
   * measure a change of the bundling itself.
   */
  readonly against?: { readonly label: string; readonly root: string; readonly theirBundling?: boolean };
}

export async function measureColdStart(options: ColdStartOptions): Promise<ColdStartResult> {
  const { repoRoot, endpoint, runs } = options;
  const log = options.log ?? (() => {});
  const dir = mkdtempSync(join(tmpdir(), 'tracker-cold-start-'));
  const tableName = `bench-cold-${Date.now()}`;
  const jwks = await startLocalIdentityAndSecrets();
  const rulebook = rulebookForProvince('son-la')[0]!;
  const orgId = rulebook.organisation.id;
  let dropTable: (() => Promise<void>) | undefined;
  try {
    // The table, the rulebook and a specialist's few assignments, written through the real app.
    const { deps, table } = await localDeps({ tableName, endpoint, logLevel: 'ERROR' });
    dropTable = async () => void (await table.client.send(new DeleteTableCommand({ TableName: tableName })));
    await ensureTable(table.client, tableName);
    await seedOrganisations(new OrganisationRepository(table), [rulebook], new Date(), { goLiveOn: (r) => r.effectiveFrom });
    const specialist = rulebook.staff.find((s) => s.roles.includes('specialist') && rulebook.staff.some((h) => h.unitId === s.unitId && h.roles.includes('head')))!;
    const head = rulebook.staff.find((h) => h.unitId === specialist.unitId && h.roles.includes('head'))!;
    const app = buildApp(deps);
    const headToken = await deps.local!.devTokens.issue({ staffId: head.id, orgId });
    const dueDate = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    for (let i = 1; i <= SEEDED_ASSIGNMENTS; i++) {
      const res = await app.request('/v1/assignments', {
        method: 'POST',
        headers: { authorization: `Bearer ${headToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({ title: `Cold-start bench ${i}`, assigneeId: specialist.id, dueDate }),
      });
      if (res.status !== 201) throw new Error(`Seeding an assignment answered ${res.status}: ${await res.text()}`);
    }

    const env = lambdaEnvironments({ tableName, dynamoEndpoint: endpoint, localAwsUrl: jwks.issuer, issuer: jwks.issuer, jwksUrl: jwks.jwksUrl });
    const apiEvent = JSON.stringify(apiGatewayEvent('/v1/assignments', await jwks.token(specialist.id, orgId)));
    const targets: { name: string; entry: string; source: { entry: string } | { contents: string }; env: Record<string, string>; root?: string; bundle?: typeof bundleLambda }[] = [
      {
        name: 'baseline',
        entry: '(Hono + DocumentClient, one Query)',
        source: { contents: BASELINE_SOURCE },
        env: { ...env.baseline, BENCH_BASELINE_PK: AssignmentItem.patterns.byResponsible.pk.build({ orgId, responsibleId: specialist.id }), BENCH_EVENT: apiEvent },
      },
      ...LAMBDA_ENTRIES.map(({ name, entry }) => ({
        name,
        entry,
        source: { entry },
        env: {
          ...env[name],
          BENCH_EVENT:
            name === 'api'
              ? apiEvent
              : name === 'compliance'
                ? JSON.stringify({ rule: 'A6' })
                : JSON.stringify({ source: 'aws.scheduler', 'detail-type': 'Scheduled Event', detail: {} }),
        },
      })),
    ];

    const apiTarget = targets.find((t) => t.name === 'api')!;
    if (options.against) {
      const { label, root, theirBundling } = options.against;
      const bundle = theirBundling
        ? ((await import(pathToFileURL(join(root, 'infra/constructs/lambda-bundling.ts')).href)) as typeof import('../../infra/constructs/lambda-bundling.js')).bundleLambda
        : undefined;
      targets.push({ ...apiTarget, name: `api@${label}`, entry: `${apiTarget.entry} at ${label}${bundle ? ', its own bundling' : ''}`, root, bundle });
    }

    const built = new Map<string, BuiltLambda>();
    for (const t of targets) {
      log(`cold start: building ${t.name}`);
      built.set(t.name, await buildLambda(t.root ?? repoRoot, t.source, join(dir, t.name), t.bundle));
    }
    const measured = new Map<string, Run[]>(targets.map((t) => [t.name, []]));
    const firstEvents = new Map<string, string>();
    for (let i = 0; i < runs; i++) {
      log(`cold start: run ${i + 1} of ${runs}`);
      for (const t of targets) {
        const profileDir = options.profileDir ? join(options.profileDir, t.name) : undefined;
        if (profileDir && i === 0) {
          mkdirSync(profileDir, { recursive: true });
          cpSync(dirname(built.get(t.name)!.file), profileDir, { recursive: true });
        }
        const run = await runChild(built.get(t.name)!.file, t.env, profileDir ? { profileDir } : {});
        try {
          firstEvents.set(t.name, checkFirstEvent(t.name, run.result));
        } catch (error) {
          throw new Error(`${(error as Error).message}\nIts logs:\n${run.logs.slice(-3000)}`);
        }
        measured.get(t.name)!.push(run);
      }
    }

    // What each cold start reads: the bundle's files its import and first event load, recorded by an untimed run.
    const loaded = new Map<string, string[]>();
    for (const t of targets) {
      const b = built.get(t.name)!;
      const traceFile = join(dir, `${t.name}.loaded`);
      checkFirstEvent(t.name, (await runChild(b.file, t.env, { traceFile })).result);
      const bundleDir = dirname(b.file);
      const files = [...new Set(readFileSync(traceFile, 'utf8').split('\n').filter(Boolean))]
        .map((url) => relative(bundleDir, fileURLToPath(url)))
        .filter((f) => !f.startsWith('..'));
      if (!files.includes('index.mjs')) throw new Error(`${t.name}: the traced run loaded no index.mjs`);
      loaded.set(t.name, files.sort());
    }

    const summary = targets.map((t) => {
      const r = measured.get(t.name)!;
      const files = loaded.get(t.name)!;
      return {
        files,
        loadedBytes: files.reduce((n, f) => n + statSync(join(dirname(built.get(t.name)!.file), f)).size, 0),
        name: t.name,
        entry: t.entry,
        b: built.get(t.name)!,
        importMs: median(r.map((x) => x.importMs)),
        firstEventMs: median(r.map((x) => x.firstEventMs)),
        coldMs: median(r.map((x) => x.importMs + x.firstEventMs)),
        runsMs: r.map((x) => ({ importMs: round1(x.importMs), firstEventMs: round1(x.firstEventMs) })),
      };
    });
    const base = summary[0]!;
    const results: ColdStartTarget[] = summary.map((s) => ({
      name: s.name,
      entry: s.entry,
      loadedBytes: s.loadedBytes,
      loadedFiles: s.files,
      bundleBytes: s.b.bytes,
      sourceMapBytes: s.b.mapBytes,
      importMs: round1(s.importMs),
      firstEventMs: round1(s.firstEventMs),
      coldMs: round1(s.coldMs),
      runsMs: s.runsMs,
      loadedRatio: ratio(s.loadedBytes, base.loadedBytes),
      bundleRatio: ratio(s.b.bytes, base.b.bytes),
      importRatio: ratio(s.importMs, base.importMs),
      firstEventRatio: ratio(s.firstEventMs, base.firstEventMs),
      coldRatio: ratio(s.coldMs, base.coldMs),
      coldRatioByRound: roundRatios(measured.get(s.name)!, measured.get(base.name)!),
      firstEvent: firstEvents.get(s.name)!,
      largest: largestInputs(s.b, s.files),
    }));
    const api = results.find((r) => r.name === 'api')!;
    const budgets: BudgetResult[] = [
      {
        operation: 'cold start: api',
        budget: 'import + first event ÷ baseline',
        limit: MAX_API_COLD_RATIO,
        actual: api.coldRatio,
        ok: api.coldRatio <= MAX_API_COLD_RATIO,
        item: 1,
        detail: `${api.coldMs.toFixed(1)} ms against ${results[0]!.coldMs.toFixed(1)} ms; its ${runs} rounds ${api.coldRatioByRound.min}–${api.coldRatioByRound.max}`,
      },
      {
        operation: 'cold start: api',
        budget: 'bytes of code loaded to answer the first event (index.mjs + chunks)',
        limit: MAX_API_BUNDLE_BYTES,
        actual: api.loadedBytes,
        ok: api.loadedBytes <= MAX_API_BUNDLE_BYTES,
        item: 1,
        detail: `${api.loadedFiles.length} files of the ${Math.round(api.bundleBytes / 1024).toLocaleString('en-US')} KB deployed`,
      },
    ];
    return {
      runs,
      node: process.version,
      method: `infra's bundling (infra/constructs/lambda-bundling.ts: esbuild, then Rollup's chunks: split ESM, index.mjs + chunks/); a fresh node process per run imports index.mjs and answers one event against DynamoDB Local; loaded = the .mjs files a traced, untimed run reads; env as infra sets it (NODE_OPTIONS=${LAMBDA_BASE_ENVIRONMENT.NODE_OPTIONS ?? '(none)'}); median of ${runs}`,
      targets: results,
      budgets,
      table: coldStartTable(results, budgets, runs),
    };
  } finally {
    await dropTable?.().catch(() => {});
    await jwks.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export function coldStartTable(targets: readonly ColdStartTarget[], budgets: readonly BudgetResult[], runs: number): string {
  const rows = [
    '| function | loaded KB (files) | × | deployed KB | × | import ms | × | first event ms | × | import + first ms | × | first event | largest loaded inputs (KB) |',
    '|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|---|---|',
    ...targets.map(
      (t) =>
        `| ${t.name} | ${Math.round(t.loadedBytes / 1024)} (${t.loadedFiles.length}) | ${t.loadedRatio} | ${Math.round(t.bundleBytes / 1024)} | ${t.bundleRatio} | ${t.importMs} | ${t.importRatio} | ${t.firstEventMs} | ${t.firstEventRatio} | ${t.coldMs} | ${t.coldRatio} | ${t.firstEvent} | ${t.largest
          .slice(0, 5)
          .map((l) => `${l.module} ${Math.round(l.kb)}`)
          .join(', ')} |`,
    ),
  ];
  const verdicts = budgets.map((b) => `- ${b.operation}: ${b.budget} = ${b.actual} (limit ${b.limit}) ${b.ok ? 'ok' : 'EXCEEDED'}`);
  const spread = targets
    .slice(1)
    .map((t) => `${t.name} ${t.coldRatioByRound.min}–${t.coldRatioByRound.max} (median ${t.coldRatioByRound.median})`)
    .join('; ');
  return [
    `Cold start (median of ${runs} fresh processes; × = to the baseline)`,
    '',
    ...rows,
    '',
    ...verdicts,
    `- import + first event ÷ the baseline's in the same round, lowest–highest of the ${runs} rounds (what one run's × can move by on this machine): ${spread}`,
  ].join('\n');
}
