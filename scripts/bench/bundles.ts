/**
 * Each Lambda bundled as infra bundles it (infra/constructs/lambda-bundling.ts, through
 * lambda-build.ts), beside a bare Hono handler bundled the same way: the bytes an import reads
 * (index.mjs and the chunks it imports statically), the largest contributors to them (esbuild
 * metafile), and the cold import time (median of fresh `node` processes importing the bundle,
 * module evaluation included).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Metafile } from 'esbuild';
import { buildLambda, LAMBDA_ENTRIES, staticallyLoaded } from './lambda-build.js';

export interface BundleResult {
  readonly name: string;
  readonly entry: string;
  readonly bytes: number;
  readonly coldImportMs: number;
  readonly sizeRatio: number;
  readonly coldImportRatio: number;
  readonly largest: readonly { readonly module: string; readonly bytes: number }[];
}

const BARE_HANDLER = `import { Hono } from 'hono';
import { handle } from 'hono/aws-lambda';
const app = new Hono();
app.get('/', (c) => c.json({ ok: true }));
export const handler = handle(app);
`;

/** What the deployed functions read at cold start (no call leaves the machine while importing). */
const LAMBDA_ENV = {
  AWS_REGION: 'ap-southeast-1',
  PROVINCE_ID: 'son-la',
  TABLE_NAME: 'quy-che-tracker-bench',
  AUTH_ISSUER: 'https://cognito-idp.ap-southeast-1.amazonaws.com/ap-southeast-1_bench',
  AUTH_AUDIENCE: 'bench',
  AUTH_JWKS_URL: 'https://cognito-idp.ap-southeast-1.amazonaws.com/ap-southeast-1_bench/.well-known/jwks.json',
  CURSOR_SECRET_ID: 'arn:aws:secretsmanager:ap-southeast-1:000000000000:secret:bench-cursor-key',
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
};

/** Bytes in the given outputs (metafile paths) by package (`node_modules/<name>`) or by project folder. */
export function largestContributors(metafile: Metafile, outputs: readonly string[], top = 8): { module: string; bytes: number }[] {
  const byModule = new Map<string, number>();
  for (const [path, { bytesInOutput }] of outputs.flatMap((o) => Object.entries(metafile.outputs[o]!.inputs))) {
    const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path);
    const module = pkg ? pkg[1]! : path.includes('/') ? `${path.split('/')[0]}/ (project)` : path;
    byModule.set(module, (byModule.get(module) ?? 0) + bytesInOutput);
  }
  return [...byModule]
    .map(([module, bytes]) => ({ module, bytes }))
    .sort((a, b) => b.bytes - a.bytes)
    .slice(0, top);
}

function coldImportMs(file: string, runs: number): number {
  const script = 'const t = performance.now(); await import(process.env.BENCH_BUNDLE); process.stdout.write(String(performance.now() - t));';
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
      env: { PATH: process.env.PATH ?? '', ...LAMBDA_ENV, BENCH_BUNDLE: pathToFileURL(file).href },
      encoding: 'utf8',
      timeout: 60_000,
    });
    if (child.status !== 0) throw new Error(`Importing ${file} failed: ${child.stderr.slice(0, 500)}`);
    times.push(Number(child.stdout));
  }
  times.sort((a, b) => a - b);
  return Math.round(times[Math.floor(times.length / 2)]! * 10) / 10;
}

export async function measureBundles(repoRoot: string, runs: number): Promise<BundleResult[]> {
  const dir = mkdtempSync(join(tmpdir(), 'tracker-bench-bundles-'));
  try {
    const raw = [];
    for (const target of [{ name: 'bare Hono handler', entry: '(bench: hono + hono/aws-lambda)' }, ...LAMBDA_ENTRIES]) {
      const built = await buildLambda(repoRoot, target.entry.startsWith('(') ? { contents: BARE_HANDLER } : { entry: target.entry }, join(dir, target.name.replace(/\W+/g, '-')));
      const imported = staticallyLoaded(built);
      const bytes = imported.reduce((n, o) => n + built.metafile.outputs[o]!.bytes, 0);
      raw.push({ ...target, bytes, coldImportMs: coldImportMs(built.file, runs), largest: largestContributors(built.metafile, imported) });
    }
    const bare = raw[0]!;
    const ratio = (a: number, b: number) => Math.round((a / b) * 10) / 10;
    return raw.map((r) => ({ ...r, sizeRatio: ratio(r.bytes, bare.bytes), coldImportRatio: ratio(r.coldImportMs, bare.coldImportMs) }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
