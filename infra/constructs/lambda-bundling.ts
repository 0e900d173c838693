/**
 * How every Lambda of the stack is bundled and what its runtime is told, in one place: the
 * function construct (node-function.ts) deploys what `bundleLambda` writes, and `npm run bench`
 * builds and runs the bundles it measures with the same function (scripts/bench/cold-start.ts),
 * so the cold start measured is the one deployed (test/infra/lambda-bundling.test.ts compares
 * the bytes, file by file).
 *
 * The output is split: `index.mjs` and the chunks it imports are what a cold start loads; a
 * module imported with `import()` (a route group, an AWS SDK client used by a few routes, the
 * spreadsheet and calendar writers) is in a chunk of its own under `chunks/`, read the first time
 * it is used. esbuild compiles and splits; Rollup then chunks its output again (`rechunk`).
 * NodejsFunction writes one file, hence the custom asset.
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import { build, type BuildOptions, type Metafile, type Plugin } from 'esbuild';
import { rollup, type OutputChunk } from 'rollup';
import { PDF_FONT_PACKAGE_FILES } from '../../shared/adapters/pdf-font-files.js';

// ESM output still meets CommonJS dependencies that call require(); this gives them one (in every chunk).
export const ESM_REQUIRE_BANNER =
  "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);";

/**
 * zod's `z.locales` and `z.core.locales` namespaces hold every language's error messages (about
 * 260 KB minified); the project sets no locale (zod registers English itself, from its own
 * module), so the namespaces keep English alone.
 */
export const zodEnglishOnly: Plugin = {
  name: 'zod-english-only',
  setup(b) {
    b.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
      /[\\/]node_modules[\\/]zod[\\/]v4[\\/](classic[\\/]external|core[\\/]index|mini[\\/]external)\.js$/.test(args.importer)
        ? { path: join(args.resolveDir, '../locales/en.js'), namespace: 'zod-english-only', pluginData: args.resolveDir }
        : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'zod-english-only' }, (args) => ({
      contents: `export { default as en } from ${JSON.stringify(args.path)};`,
      resolveDir: args.pluginData as string,
      loader: 'js',
    }));
  },
};

/**
 * zod's `z.compile` (its parser code generator, core/compile.js) and `z.fromJSONSchema`
 * (classic/from-json-schema.js), 41 KB minified, are loaded with `z` at every cold start because
 * `@hono/zod-openapi` passes the whole namespace around; the project calls neither, and zod's own
 * parse reaches the compiler only through a schema that `z.compile` has made. Each is replaced by
 * a module with the same exports that says, if ever called, why it is missing.
 */
export const ZOD_UNBUNDLED_MESSAGE = 'is left out of the Lambda bundles (infra/constructs/lambda-bundling.ts, zodWithoutUnusedTools)';
export const zodWithoutUnusedTools: Plugin = {
  name: 'zod-without-unused-tools',
  setup(b) {
    const missing = (name: string) => `function ${name}() { throw new Error(${JSON.stringify(`zod's ${name} ${ZOD_UNBUNDLED_MESSAGE}`)}); }`;
    const stubs: Record<string, { importer: RegExp; contents: string }> = {
      './compile.js': {
        importer: /[\\/]node_modules[\\/]zod[\\/]v4[\\/]core[\\/]index\.js$/,
        contents: [
          'export const INVALID = Symbol.for("zod.compile.invalid");',
          'export class ZodCompileAsyncError extends Error {}',
          'export class ZodCompileUnsupportedError extends Error {}',
          ...['compile', 'withParser', 'compileFn'].map((name) => `export ${missing(name)}`),
        ].join('\n'),
      },
      './from-json-schema.js': {
        importer: /[\\/]node_modules[\\/]zod[\\/]v4[\\/]classic[\\/]external\.js$/,
        contents: `export ${missing('fromJSONSchema')}`,
      },
    };
    b.onResolve({ filter: /^\.\/(compile|from-json-schema)\.js$/ }, (args) =>
      stubs[args.path]!.importer.test(args.importer) ? { path: args.path, namespace: 'zod-without-unused-tools' } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'zod-without-unused-tools' }, (args) => ({ contents: stubs[args.path]!.contents, loader: 'js' }));
  },
};

/**
 * The PDF exports' font (shared/adapters/pdf-font-files.ts) is read from node_modules when run
 * from the source; a bundle has no node_modules, so that module is replaced by one importing the
 * same files with esbuild's `file` loader: they are copied under `assets/` (with the font's
 * licence, as the OFL asks) and named relative to the chunk that reads them, which only the PDF
 * export imports (test/infra/lambda-bundling.test.ts: no cold start loads it).
 */
export const pdfFontFiles: Plugin = {
  name: 'pdf-font-files',
  setup(b) {
    b.onLoad({ filter: /[\\/]shared[\\/]adapters[\\/]pdf-font-files\.ts$/ }, (args) => ({
      contents: [
        "import { fileURLToPath } from 'node:url';",
        ...Object.entries(PDF_FONT_PACKAGE_FILES).map(([name, spec]) => `import ${name} from ${JSON.stringify(spec)};`),
        `export const PDF_FONT_PACKAGE_FILES = ${JSON.stringify(PDF_FONT_PACKAGE_FILES)};`,
        `const files = { ${Object.keys(PDF_FONT_PACKAGE_FILES).join(', ')} };`,
        'export function pdfFontFile(file) { return fileURLToPath(new URL(files[file], import.meta.url)); }',
      ].join('\n'),
      loader: 'js',
      resolveDir: dirname(args.path),
    }));
    // The licence has no extension for `loader` to name.
    b.onLoad({ filter: /[\\/]LICENSE_FONT$/ }, async (args) => ({ contents: await readFile(args.path), loader: 'file' }));
  },
};

export const LAMBDA_BUNDLING = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node22',
  mainFields: ['module', 'main'],
  banner: { js: ESM_REQUIRE_BANNER },
  minify: true,
  splitting: true,
  entryNames: 'index',
  chunkNames: 'chunks/[name]-[hash]',
  // Files a chunk reads at run time (the PDF font): copied as they are.
  assetNames: 'assets/[name]-[hash]',
  loader: { '.ttf': 'file' },
  outExtension: { '.js': '.mjs' },
  // Each .mjs ships with its .map (docs/deploying.md decodes a stack trace with them); the
  // runtime does not load them: --enable-source-maps costs ~200 ms at every cold start.
  sourcemap: true,
  sourcesContent: false,
  // Bundle the AWS SDK too: the deployed code runs the SDK version the tests ran, and minified
  // chunks load faster than the runtime's copy of the SDK spread over many files.
  external: [],
  plugins: [zodEnglishOnly, zodWithoutUnusedTools, pdfFontFiles],
  metafile: true,
  logLevel: 'warning',
} as const satisfies BuildOptions;

/**
 * The environment every function gets before its own settings: nothing. NODE_OPTIONS=
 * --enable-source-maps would make every cold start parse the source maps (about 200 ms
 * measured); stack traces are decoded offline with the .map files instead (docs/deploying.md).
 */
export const LAMBDA_BASE_ENVIRONMENT: Readonly<Record<string, string>> = {};

export interface BundledLambda {
  /** The handler file, `<outdir>/index.mjs`. */
  readonly file: string;
  /** Every file written (relative to outdir) with its bytes: .mjs and .map. */
  readonly files: readonly { readonly path: string; readonly bytes: number }[];
  readonly metafile: Metafile;
}

/**
 * Bundles `entry` (a file relative to repoRoot, or source text for a bench baseline) into
 * `outdir` (index.mjs, chunks/, their .map files).
 */
export async function bundleLambda(repoRoot: string, source: { entry: string } | { contents: string }, outdir: string): Promise<BundledLambda> {
  const staging = mkdtempSync(join(tmpdir(), 'lambda-esbuild-'));
  try {
    const { metafile: split } = await esbuildSplit(repoRoot, source, staging);
    const metafile = await rechunk(repoRoot, staging, split, outdir);
    const files = Object.keys(metafile.outputs)
      .map((p) => relative(outdir, join(repoRoot, p)))
      .sort()
      .map((path) => ({ path, bytes: statSync(join(outdir, path)).size }));
    return { file: join(outdir, 'index.mjs'), files, metafile };
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

function esbuildSplit(repoRoot: string, source: { entry: string } | { contents: string }, outdir: string) {
  return build({
    ...LAMBDA_BUNDLING,
    mainFields: [...LAMBDA_BUNDLING.mainFields],
    external: [...LAMBDA_BUNDLING.external],
    plugins: [...LAMBDA_BUNDLING.plugins],
    loader: { ...LAMBDA_BUNDLING.loader },
    absWorkingDir: repoRoot,
    outdir,
    ...('entry' in source
      ? { entryPoints: { index: source.entry } }
      : { stdin: { contents: source.contents, resolveDir: repoRoot, loader: 'ts' as const, sourcefile: 'index.ts' } }),
  });
}

/** A metafile's output key: the path from the working directory, with forward slashes as esbuild writes them. */
const outputKey = (repoRoot: string, file: string) => relative(repoRoot, file).split(sep).join('/');

/**
 * esbuild puts each module in a chunk by the set of entry points (index.mjs and every module
 * imported with `import()`) that reach it, so the modules index.mjs imports, always loaded at a
 * cold start, were spread over some 40 files by which lazily loaded modules use them too: the
 * API's first request read 62 files. Rollup, reading esbuild's output, knows that what index.mjs
 * imports is already loaded when any `import()` runs: those modules become one chunk, and the
 * first request reads 23 files (about 25 ms less, `npm run bench:cold`). Each chunk's source map
 * still leads to the TypeScript sources (Rollup follows esbuild's maps); the metafile returned
 * has esbuild's shape, each output's inputs counted from the esbuild chunks it holds.
 *
 * The modules of the work list's first request are then one chunk too ({@link WORK_LIST_MODULES}).
 */
async function rechunk(repoRoot: string, staging: string, split: Metafile, outdir: string): Promise<Metafile> {
  const bundle = await rollup({
    input: join(staging, 'index.mjs'),
    // What esbuild left unbundled: Node's own modules.
    external: (id) => !id.startsWith('.') && !id.startsWith('/') && !/^[a-zA-Z]:/.test(id),
    plugins: [
      {
        name: 'esbuild-source-maps',
        load(id) {
          const code = readFileSync(id, 'utf8').replace(/\n\/\/# sourceMappingURL=\S+\s*$/, '');
          return existsSync(`${id}.map`) ? { code, map: readFileSync(`${id}.map`, 'utf8') } : code;
        },
      },
    ],
    onwarn(warning, warn) {
      // esbuild's own output: its `this` at the top of a chunk is expected.
      if (warning.code !== 'THIS_IS_UNDEFINED') warn(warning);
    },
  });
  const chunkOf = manualChunks(repoRoot, split);
  const { output } = await bundle.write({
    manualChunks: (id) => chunkOf.get(id),
    dir: outdir,
    format: 'es',
    entryFileNames: 'index.mjs',
    chunkFileNames: 'chunks/[name]-[hash].mjs',
    sourcemap: true,
    sourcemapExcludeSources: true,
  });
  await bundle.close();
  // Files a chunk reads at run time, by a path relative to it (the PDF font), as they are.
  // Copied, not renamed: the staging directory may be on another file system than the output.
  if (existsSync(join(staging, 'assets'))) cpSync(join(staging, 'assets'), join(outdir, 'assets'), { recursive: true });
  const outputs: Metafile['outputs'] = {};
  for (const [key, o] of Object.entries(split.outputs)) {
    if (key.split('/').includes('assets')) outputs[outputKey(repoRoot, join(outdir, relative(staging, join(repoRoot, key))))] = o;
  }
  const written = new Set(output.map((o) => o.fileName));
  for (const o of output) {
    const file = join(outdir, o.fileName);
    if (o.type === 'asset') {
      outputs[outputKey(repoRoot, file)] = { bytes: statSync(file).size, inputs: {}, imports: [], exports: [] };
      continue;
    }
    outputs[outputKey(repoRoot, file)] = {
      bytes: statSync(file).size,
      inputs: inputsOf(o, split, repoRoot),
      imports: [
        ...o.imports.map((i) => (written.has(i) ? { path: outputKey(repoRoot, join(outdir, i)), kind: 'import-statement' as const } : { path: i, kind: 'import-statement' as const, external: true })),
        ...o.dynamicImports.map((i) => ({ path: outputKey(repoRoot, join(outdir, i)), kind: 'dynamic-import' as const })),
      ],
      exports: o.exports,
      ...(o.isEntry ? { entryPoint: outputKey(repoRoot, join(staging, 'index.mjs')) } : {}),
    };
  }
  return { inputs: split.inputs, outputs };
}

/**
 * The work list ("Việc của tôi", `GET /v1/assignments`) is what a department opens first on a
 * Monday morning, and most pages use the assignments feature too. Both modules are loaded with
 * `import()`, and what they import beyond the handler's own import was some 18 small chunks, each
 * shared with another set of lazily loaded modules; each file loaded costs about half a
 * millisecond of its own (resolved, read, compiled, linked). Those modules are one chunk: the
 * first request reads 6 files instead of 23, the same bytes, about 2.5% less side by side
 * (docs/benchmark.md). A group that uses one of them reads them all: at most 34 KB more, in fewer files.
 */
export const WORK_LIST_MODULES = ['functions/api/routes/assignments.ts', 'shared/features/assignments.ts'];

/**
 * Rollup's manual chunks, by module id (the esbuild outputs it reads): `work` for the modules the
 * work list reads (above) and `index` for those the handler's import reads. The second keeps them
 * where they were: a manual chunk also takes the dependencies of its modules that no other
 * manual chunk holds, and the `work` modules import the cold start's. A bundle without the work
 * list's modules, or that imports them statically, is chunked as Rollup chooses.
 */
function manualChunks(repoRoot: string, split: Metafile): Map<string, string> {
  const outputs = split.outputs;
  const coldStart = loadedByImport(outputs);
  const workList = Object.keys(outputs).filter((o) => o.endsWith('.mjs') && !coldStart.has(o) && WORK_LIST_MODULES.some((m) => m in outputs[o]!.inputs));
  const work = [...reachedStatically(outputs, workList)].filter((o) => !coldStart.has(o) && !workList.includes(o));
  if (work.length === 0) return new Map();
  return new Map([...[...coldStart].map((o) => [join(repoRoot, o), 'index'] as const), ...work.map((o) => [join(repoRoot, o), 'work'] as const)]);
}

/** The outputs (metafile paths) an import of the handler, `index.mjs`, reads before any `import()`; none without it. */
export function loadedByImport(outputs: Metafile['outputs']): Set<string> {
  const entry = Object.keys(outputs).find((o) => o.endsWith('/index.mjs') || o === 'index.mjs');
  return reachedStatically(outputs, entry ? [entry] : []);
}

/** The outputs (metafile paths) that loading `from` reads: they and what they import statically, on and on. */
export function reachedStatically(outputs: Metafile['outputs'], from: readonly string[]): Set<string> {
  const seen = new Set<string>();
  const visit = (output: string) => {
    if (seen.has(output)) return;
    seen.add(output);
    for (const i of outputs[output]!.imports) if (i.kind === 'import-statement' && !i.external) visit(i.path);
  };
  from.forEach(visit);
  return seen;
}

/** The sources in a Rollup chunk: each esbuild chunk it holds, its sources counted in proportion to what Rollup kept of it. */
function inputsOf(chunk: OutputChunk, split: Metafile, repoRoot: string): Metafile['outputs'][string]['inputs'] {
  const inputs: Record<string, { bytesInOutput: number }> = {};
  for (const [id, { renderedLength }] of Object.entries(chunk.modules)) {
    const from = split.outputs[outputKey(repoRoot, id)];
    if (!from) continue;
    const total = Object.values(from.inputs).reduce((n, i) => n + i.bytesInOutput, 0);
    const kept = total > 0 ? Math.min(1, renderedLength / total) : 0;
    for (const [path, { bytesInOutput }] of Object.entries(from.inputs)) {
      inputs[path] = { bytesInOutput: (inputs[path]?.bytesInOutput ?? 0) + Math.round(bytesInOutput * kept) };
    }
  }
  return inputs;
}
