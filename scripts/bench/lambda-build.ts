/**
 * Builds a Lambda exactly as infra deploys it: the NodejsFunction bundling options of
 * infra/constructs/lambda-bundling.ts turned into the esbuild options NodejsFunction passes to
 * esbuild. test/infra/lambda-bundling.test.ts checks the bytes against CDK's own bundle, so this
 * translation cannot drift from the deployment.
 */
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { build, type BuildOptions, type Metafile } from 'esbuild';
import { LAMBDA_BUNDLING } from '../../infra/constructs/lambda-bundling.js';

/** The esbuild options of `LAMBDA_BUNDLING`, as NodejsFunction's esbuild command line sets them. */
export function lambdaEsbuildOptions(bundling: typeof LAMBDA_BUNDLING = LAMBDA_BUNDLING): BuildOptions {
  return {
    bundle: true,
    platform: 'node',
    format: bundling.format,
    target: bundling.target,
    mainFields: [...bundling.mainFields],
    banner: { js: bundling.banner },
    minify: bundling.minify,
    sourcemap: bundling.sourceMap,
    sourcesContent: bundling.sourcesContent,
    external: [...bundling.externalModules],
  };
}

export const LAMBDA_ENTRIES = [
  { name: 'api', entry: 'functions/api/lambda.ts' },
  { name: 'compliance', entry: 'functions/compliance/lambda.ts' },
  { name: 'eoffice', entry: 'functions/eoffice/lambda.ts' },
] as const;

export interface BuiltLambda {
  /** The handler file, `index.mjs`. */
  readonly file: string;
  /** Bytes of index.mjs. */
  readonly bytes: number;
  /** Bytes of index.mjs.map beside it (shipped, never loaded by the runtime). */
  readonly mapBytes: number;
  readonly metafile: Metafile;
}

/** Builds `entry` (a file relative to repoRoot, or source text for a bench baseline) into `outdir/index.mjs`. */
export async function buildLambda(repoRoot: string, source: { entry: string } | { contents: string }, outdir: string): Promise<BuiltLambda> {
  const file = join(outdir, 'index.mjs');
  const result = await build({
    ...lambdaEsbuildOptions(),
    absWorkingDir: repoRoot,
    outfile: file,
    metafile: true,
    logLevel: 'warning',
    ...('entry' in source ? { entryPoints: [source.entry] } : { stdin: { contents: source.contents, resolveDir: repoRoot, loader: 'ts' as const } }),
  });
  return { file, bytes: statSync(file).size, mapBytes: statSync(`${file}.map`).size, metafile: result.metafile! };
}
