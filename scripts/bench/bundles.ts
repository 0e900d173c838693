/**
 * Each Lambda bundled as infra's NodejsFunction bundles it (infra/constructs/lambda-bundling.ts,
 * through lambda-build.ts), beside a bare Hono handler bundled the same way: sizes, the
 * largest contributors (esbuild metafile), and the cold import time (median of fresh `node`
 * processes importing the bundle, module evaluation included).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, type BuildOptions, type Metafile } from 'esbuild';
import { lambdaEsbuildOptions, LAMBDA_ENTRIES } from './lambda-build.js';

export interface BundleResult {
  readonly name: string;
  readonly entry: string;
  readonly bytes: number;
  readonly coldImportMs: number;
  readonly sizeRatio: number;
  readonly coldImportRatio: number;
  readonly largest: readonly { readonly module: string; readonly bytes: number }[];
}

/** The bundling options of TrackerFunction's NodejsFunction, as esbuild options (lambda-build.ts). */
export const LAMBDA_BUNDLING: BuildOptions = { ...lambdaEsbuildOptions(), metafile: true, logLevel: 'warning' };

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

/** Bytes in the bundle by package (`node_modules/<name>`) or by project folder. */
export function largestContributors(metafile: Metafile, outfile: string, top = 8): { module: string; bytes: number }[] {
  const output = Object.entries(metafile.outputs).find(([path]) => path.endsWith(outfile))?.[1];
  if (!output) throw new Error(`No output ${outfile} in the metafile`);
  const byModule = new Map<string, number>();
  for (const [path, { bytesInOutput }] of Object.entries(output.inputs)) {
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
      const outfile = join(dir, target.name.replace(/\W+/g, '-'), 'index.mjs');
      const result = await build({
        ...LAMBDA_BUNDLING,
        absWorkingDir: repoRoot,
        outfile,
        ...(target.entry.startsWith('(') ? { stdin: { contents: BARE_HANDLER, resolveDir: repoRoot, loader: 'ts' as const } } : { entryPoints: [target.entry] }),
      });
      const metafile = result.metafile!;
      const bytes = Object.entries(metafile.outputs).find(([path]) => path.endsWith('index.mjs'))![1].bytes;
      raw.push({ ...target, bytes, coldImportMs: coldImportMs(outfile, runs), largest: largestContributors(metafile, 'index.mjs') });
    }
    const bare = raw[0]!;
    const ratio = (a: number, b: number) => Math.round((a / b) * 10) / 10;
    return raw.map((r) => ({ ...r, sizeRatio: ratio(r.bytes, bare.bytes), coldImportRatio: ratio(r.coldImportMs, bare.coldImportMs) }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
