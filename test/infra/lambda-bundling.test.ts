import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Stack } from 'aws-cdk-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../infra/constructs/node-function.js';
import { bundleLambda, LAMBDA_BASE_ENVIRONMENT, reachedStatically, WORK_LIST_MODULES, ZOD_UNBUNDLED_MESSAGE } from '../../infra/constructs/lambda-bundling.js';
import { buildTrackerApp } from '../../infra/tracker-app.js';
import type { TrackerStack } from '../../infra/tracker-stack.js';
import { apiGatewayEvent, lambdaEnvironments } from '../../scripts/bench/cold-start-local.js';
import { runChild } from '../../scripts/bench/cold-start-process.js';
import { buildLambda, LAMBDA_ENTRIES, staticallyLoaded } from '../../scripts/bench/lambda-build.js';
import { appWithCdkJsonContext } from './support.js';

// The bench measures the cold start of the bundles it builds itself; these tests hold that those
// are byte for byte the bundles `cdk synth` deploys, started with the environment infra sets.
describe('the Lambda bundles the bench measures are the ones infra deploys', () => {
  let assembly: string;
  let stack: TrackerStack;
  let resources: Record<string, { Type: string; Properties: Record<string, any> }>;
  const benchDir = mkdtempSync(join(tmpdir(), 'tracker-bundling-test-'));

  beforeAll(() => {
    const app = appWithCdkJsonContext({ notifyEmailFrom: 'thongbao@stttt.sonla.gov.vn' });
    buildTrackerApp(app);
    assembly = app.synth().directory;
    stack = app.node.children.find((c): c is TrackerStack => c instanceof Stack) as TrackerStack;
    resources = (JSON.parse(readFileSync(join(assembly, `${stack.artifactId}.template.json`), 'utf8')) as { Resources: typeof resources }).Resources;
  }, 180_000);
  afterAll(() => rmSync(benchDir, { recursive: true, force: true }));
  let apiBuild: Awaited<ReturnType<typeof buildLambda>> | undefined;
  const builds = new Map<string, Awaited<ReturnType<typeof buildLambda>>>();

  const functions = () => ({
    api: stack.apiFunction,
    compliance: stack.complianceFunction,
    eoffice: stack.eofficeDispatcherFunction,
  });
  const resourceOf = (name: keyof ReturnType<typeof functions>) => resources[stack.getLogicalId(functions()[name].fn.node.defaultChild as never)]!;

  it('covers every function of the stack', () => {
    const deployed = Object.values(resources).filter((r) => r.Type === 'AWS::Lambda::Function' && r.Properties.Handler === 'index.handler');
    expect(deployed).toHaveLength(LAMBDA_ENTRIES.length);
    expect(LAMBDA_ENTRIES.map((e) => e.name).sort()).toEqual(Object.keys(functions()).sort());
  });

  for (const { name, entry } of LAMBDA_ENTRIES) {
    it(`${name}: the bench's build of ${entry} is the deployed asset, file for file and byte for byte, each with its source map beside it`, async () => {
      const s3Key = resourceOf(name).Properties.Code.S3Key as string;
      const assetDir = join(assembly, `asset.${s3Key.replace(/\.zip$/, '')}`);
      const built = await buildLambda(repoRoot, { entry }, join(benchDir, name));
      const deployedFiles = (readdirSync(assetDir, { recursive: true, withFileTypes: true }) as import('node:fs').Dirent[])
        .filter((d) => d.isFile())
        .map((d) => join(d.parentPath, d.name).slice(assetDir.length + 1))
        .sort();
      expect(deployedFiles).toEqual(built.files.map((f) => f.path));
      // The handler, and chunks beside it: the split output the bench measures.
      expect(deployedFiles).toContain('index.mjs');
      expect(deployedFiles.filter((f) => f.startsWith('chunks/') && f.endsWith('.mjs')).length).toBeGreaterThan(0);
      for (const f of built.files) {
        const deployed = readFileSync(join(assetDir, f.path));
        if (f.path.endsWith('.mjs')) expect(deployed.equals(readFileSync(join(benchDir, name, f.path))), f.path).toBe(true);
        // A source map names the sources relative to where it was written: the same length, not the same bytes.
        else expect(deployed.length, f.path).toBe(f.bytes);
        // Code has its map; a file copied as it is (the PDF font, assets/) is compared byte for byte.
        if (f.path.startsWith('assets/')) expect(deployed.equals(readFileSync(join(benchDir, name, f.path))), f.path).toBe(true);
        else expect(deployedFiles.includes(`${f.path}.map`) || f.path.endsWith('.map'), `${f.path} has its .map`).toBe(true);
      }
      if (name === 'api') apiBuild = built;
      builds.set(name, built);
    }, 120_000);
  }

  it('every function’s code is ASCII: one other character (esbuild leaves those of a regular-expression literal as written) makes V8 read the whole chunk as a two-byte string', () => {
    expect([...builds.keys()].sort()).toEqual(LAMBDA_ENTRIES.map((e) => e.name).sort());
    const found: string[] = [];
    for (const [name, built] of builds) {
      for (const f of built.files.filter((file) => file.path.endsWith('.mjs'))) {
        const code = readFileSync(join(dirname(built.file), f.path), 'utf8');
        const at = code.search(/[^\x00-\x7f]/);
        if (at >= 0) found.push(`${name}/${f.path}: …${code.slice(Math.max(0, at - 60), at + 20)}…`);
      }
    }
    expect(found).toEqual([]);
  });

  it('api: a frame in its code decodes through the maps to the TypeScript line (esbuild’s maps carried through the chunking)', () => {
    const built = apiBuild!;
    const dir = dirname(built.file);
    const literal = 'The token is not valid (issued in the future).';
    const holder = built.files.map((f) => f.path).find((p) => p.endsWith('.mjs') && readFileSync(join(dir, p), 'utf8').includes(literal))!;
    expect(holder).toMatch(/^chunks\//);
    const code = readFileSync(join(dir, holder), 'utf8');
    const at = code.indexOf(literal);
    const line = code.slice(0, at).split('\n').length;
    const column = at - code.lastIndexOf('\n', at - 1);
    const source = readFileSync(join(repoRoot, 'shared/adapters/tokens.ts'), 'utf8').split('\n');
    const tsLine = source.findIndex((l) => l.includes(literal)) + 1;
    const decoded = execFileSync(process.execPath, ['--import', 'tsx', 'scripts/decode-stack.ts', dir, `at x (file:///var/task/${holder}:${line}:${column})`], { cwd: repoRoot, encoding: 'utf8' });
    expect(decoded).toContain(`shared/adapters/tokens.ts:${tsLine}:`);
  });

  it('api: the PDF export’s font (regular, bold, its OFL licence) ships under assets/, read by chunks no cold start loads', () => {
    const built = apiBuild!;
    expect(built.files.filter((f) => f.path.startsWith('assets/')).map((f) => f.path.replace(/-[A-Z0-9]{8}(\.ttf)?$/, '$1'))).toEqual([
      'assets/BeVietnamPro_400Regular.ttf',
      'assets/BeVietnamPro_700Bold.ttf',
      'assets/LICENSE_FONT',
    ]);
    const fonts = built.files.filter((f) => f.path.endsWith('.ttf')).reduce((n, f) => n + f.bytes, 0);
    expect(fonts).toBeLessThan(300_000);
    const pdfChunks = Object.entries(built.metafile.outputs)
      .filter(([, o]) => Object.keys(o.inputs).some((i) => /pdf-font-files|pdf-writer|node_modules\/pdfkit\//.test(i)))
      .map(([p]) => p);
    expect(pdfChunks.length).toBeGreaterThan(0);
    const coldStart = staticallyLoaded(built);
    expect(pdfChunks.filter((p) => coldStart.includes(p))).toEqual([]);
  });

  it('api: what its import loads holds no client or package only some routes use', () => {
    const built = apiBuild!;
    const coldStart = new Set(staticallyLoaded(built));
    const inputs = Object.entries(built.metafile.outputs)
      .filter(([p]) => coldStart.has(p))
      .flatMap(([, o]) => Object.keys(o.inputs));
    const onlySome = /node_modules\/(standardwebhooks|@aws-sdk\/client-(secrets-manager|s3|sesv2|sqs|cognito-identity-provider)|pdfkit|write-excel-file|read-excel-file|ical-generator)\//;
    expect(inputs.length).toBeGreaterThan(0);
    expect([...new Set(inputs.filter((i) => onlySome.test(i)).map((i) => onlySome.exec(i)![1]))]).toEqual([]);
  });

  it('api: zod’s parser generator and JSON Schema reader, which nothing calls, are left out of every bundle; zod still parses, and a call says why', async () => {
    const toolFiles = /node_modules\/zod\/v4\/(core\/compile|classic\/from-json-schema)\.js$/;
    const coldStart = new Set(staticallyLoaded(apiBuild!));
    const apiInputs = Object.entries(apiBuild!.metafile.outputs).flatMap(([p, o]) => Object.keys(o.inputs).map((i) => ({ i, cold: coldStart.has(p) })));
    expect(apiInputs.filter(({ i, cold }) => cold && /node_modules\/zod\//.test(i)).length).toBeGreaterThan(10);
    expect(apiInputs.filter(({ i }) => toolFiles.test(i))).toEqual([]);

    const built = await bundleLambda(repoRoot, { contents: "import { z } from 'zod';\nexport const zod = z;\n" }, join(benchDir, 'zod'));
    expect(Object.values(built.metafile.outputs).flatMap((o) => Object.keys(o.inputs)).filter((i) => toolFiles.test(i))).toEqual([]);
    // In a process of its own, as the bundle runs on Lambda (and without the test runner's source-map hooks).
    const probe = `const { zod: z } = await import(${JSON.stringify(pathToFileURL(built.file).href)});
      const schema = z.object({ title: z.string().min(1), due: z.iso.date() });
      const call = (f) => { try { f(); return 'no error'; } catch (e) { return e.message; } };
      console.log(JSON.stringify({
        parsed: schema.parse({ title: 'Báo cáo tuần', due: '2026-12-04' }),
        refused: schema.safeParse({ title: '', due: '04/12/2026' }).error.issues.map((i) => i.path.join('.')),
        jsonSchema: z.toJSONSchema(schema).required,
        compile: call(() => z.compile(schema)),
        fromJSONSchema: call(() => z.fromJSONSchema({ type: 'string' })),
      }));`;
    expect(JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', probe], { encoding: 'utf8' }))).toEqual({
      parsed: { title: 'Báo cáo tuần', due: '2026-12-04' },
      refused: ['title', 'due'],
      jsonSchema: ['title', 'due'],
      compile: `zod's compile ${ZOD_UNBUNDLED_MESSAGE}`,
      fromJSONSchema: `zod's fromJSONSchema ${ZOD_UNBUNDLED_MESSAGE}`,
    });
  }, 60_000);

  it('api: the rulebook’s schema is read by the group that amends the rulebook alone, not by a page, the dashboard or a sign-in', () => {
    const outputs = apiBuild!.metafile.outputs;
    const rulebookSchema = Object.keys(outputs).filter((o) => 'shared/rulebook/schema-obligations.ts' in outputs[o]!.inputs);
    expect(rulebookSchema.length).toBeGreaterThan(0);
    const groupModule = /^(functions\/api\/routes\/|shared\/features\/)/;
    const groupOutputs = Object.keys(outputs).filter((o) => Object.keys(outputs[o]!.inputs).some((i) => groupModule.test(i)));
    expect(groupOutputs.length).toBeGreaterThan(40);
    const reading = groupOutputs
      .filter((o) => [...reachedStatically(outputs, [o])].some((r) => rulebookSchema.includes(r)))
      .flatMap((o) => Object.keys(outputs[o]!.inputs).filter((i) => groupModule.test(i)));
    expect(reading.sort()).toEqual(['functions/api/routes/organisation-admin.ts', 'shared/features/organisation-admin.ts']);
    const coldStart = new Set(staticallyLoaded(apiBuild!));
    expect(rulebookSchema.filter((o) => coldStart.has(o))).toEqual([]);
  });

  it('api: the work list’s first request reads the modules its routes and feature share in one chunk beside theirs', () => {
    const outputs = apiBuild!.metafile.outputs;
    const coldStart = new Set(staticallyLoaded(apiBuild!));
    const roots = Object.keys(outputs).filter((o) => WORK_LIST_MODULES.some((m) => m in outputs[o]!.inputs));
    expect(roots).toHaveLength(2);
    const shared = [...reachedStatically(outputs, roots)].filter((o) => !coldStart.has(o) && !roots.includes(o));
    expect(shared.map((o) => o.replace(/^.*\/chunks\/|-[\w-]{8}\.mjs$/g, ''))).toEqual(['work']);
    // What it holds: the services' and the routes' own imports (the idempotency record, the assignments' store, their schemas).
    const inputs = Object.keys(outputs[shared[0]!]!.inputs);
    for (const input of ['shared/store/assignment-repository.ts', 'shared/store/idempotency-repository.ts', 'functions/api/schemas/assignment.ts']) expect(inputs).toContain(input);
  });

  it('api: through the bundle, GET /v1/openapi.json (every route group loaded, their schemas built) answers the document the sources answer', async () => {
    const env = {
      ...lambdaEnvironments({ tableName: 't', dynamoEndpoint: 'http://127.0.0.1:9', localAwsUrl: 'http://127.0.0.1:9', issuer: 'http://127.0.0.1:9', jwksUrl: 'http://127.0.0.1:9/jwks' }).api,
      BENCH_EVENT: JSON.stringify(apiGatewayEvent('/v1/openapi.json', 'none')),
    };
    // The document reads no table and no token: each process answers it alone, the bundle as Lambda runs it (the bench's child), the sources through tsx.
    const answer = async (file: string, tsx: boolean) => {
      const { result } = await runChild(file, env, { tsx });
      const { statusCode, body } = result as { statusCode: number; body: string };
      expect(statusCode).toBe(200);
      return JSON.parse(body) as { paths: Record<string, unknown> };
    };
    const bundled = await answer(apiBuild!.file, false);
    expect(Object.keys(bundled.paths).length).toBeGreaterThan(100);
    expect(bundled).toEqual(await answer(join(repoRoot, 'functions/api/lambda.ts'), true));
  }, 120_000);

  it('starts each function with the environment names infra sets and the same base environment', () => {
    const bench = lambdaEnvironments({ tableName: 't', dynamoEndpoint: 'http://127.0.0.1:1', localAwsUrl: 'http://127.0.0.1:2', issuer: 'i', jwksUrl: 'j' });
    for (const name of Object.keys(functions()) as (keyof ReturnType<typeof functions>)[]) {
      const deployed = resourceOf(name).Properties.Environment.Variables as Record<string, unknown>;
      const benchEnv = bench[name] as Record<string, string>;
      const infraNames = Object.keys(deployed).sort();
      expect(infraNames.filter((n) => !(n in benchEnv)), `${name}: set by infra, not by the bench`).toEqual([]);
      for (const [key, value] of Object.entries(LAMBDA_BASE_ENVIRONMENT)) expect(deployed[key]).toBe(value);
      // What runs at cold start is decided by these; a name the bench sets must not be one infra leaves out.
      const trackerNames = Object.keys(benchEnv).filter((n) => !n.startsWith('AWS_') && n !== 'TZ');
      expect(trackerNames.sort(), `${name}: set by the bench, not by infra`).toEqual(infraNames);
    }
  });
});
