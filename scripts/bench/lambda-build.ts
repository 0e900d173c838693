/**
 * Builds a Lambda exactly as infra deploys it: infra/constructs/lambda-bundling.ts's
 * `bundleLambda`, the one function the stack's assets are written with
 * (test/infra/lambda-bundling.test.ts compares the files).
 */
import { bundleLambda, loadedByImport, type BundledLambda } from '../../infra/constructs/lambda-bundling.js';

export const LAMBDA_ENTRIES = [
  { name: 'api', entry: 'functions/api/lambda.ts' },
  { name: 'compliance', entry: 'functions/compliance/lambda.ts' },
  { name: 'eoffice', entry: 'functions/eoffice/lambda.ts' },
] as const;

export interface BuiltLambda extends BundledLambda {
  /** Bytes of every .mjs written: what is deployed and could be loaded. */
  readonly bytes: number;
  /** Bytes of the .map files beside them (shipped, never loaded by the runtime). */
  readonly mapBytes: number;
}

/**
 * Builds `entry` (a file relative to repoRoot, or source text for a bench baseline) into `outdir`,
 * with this checkout's `bundleLambda` unless given another's (`npm run bench:cold -- --their-bundling`).
 */
export async function buildLambda(
  repoRoot: string,
  source: { entry: string } | { contents: string },
  outdir: string,
  bundle: typeof bundleLambda = bundleLambda,
): Promise<BuiltLambda> {
  const bundled = await bundle(repoRoot, source, outdir);
  const sum = (ext: string) => bundled.files.filter((f) => f.path.endsWith(ext)).reduce((n, f) => n + f.bytes, 0);
  return { ...bundled, bytes: sum('.mjs'), mapBytes: sum('.map') };
}

/** The .mjs files an import of index.mjs reads before any `import()`: it and the chunks it imports statically (metafile paths). */
export function staticallyLoaded(built: BundledLambda): string[] {
  const loaded = loadedByImport(built.metafile.outputs);
  if (loaded.size === 0) throw new Error(`No index.mjs in the metafile of ${built.file}`);
  return [...loaded];
}
