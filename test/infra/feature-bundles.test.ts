import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../infra/constructs/node-function.js';
import { reachedStatically } from '../../infra/constructs/lambda-bundling.js';
import { buildLambda, LAMBDA_ENTRIES, staticallyLoaded, type BuiltLambda } from '../../scripts/bench/lambda-build.js';

// What a Lambda's import reads before its first event: no feature (shared/features/) and no
// use case of one (shared/services/); each is a chunk of its own, read when a route or handler
// needing it first runs. A static import of a feature from the entry's graph fails here.
const dir = mkdtempSync(join(tmpdir(), 'tracker-feature-bundles-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The source files (metafile inputs) of the outputs an import of index.mjs reads. */
function staticInputs(built: BuiltLambda): string[] {
  return staticallyLoaded(built).flatMap((output) => Object.keys(built.metafile.outputs[output]!.inputs));
}

/** The container and its catalogue, and the services every request uses (who is calling, the organisation). */
const CORE = ['shared/features/container.ts', 'shared/features/catalogue.ts', 'shared/services/organisation-service.ts', 'shared/services/org-context.ts'];

describe('each Lambda loads a feature only when its first event uses it', () => {
  it.each(LAMBDA_ENTRIES.map((e) => [e.name, e.entry] as const))('%s: no feature and no feature’s service is imported statically', async (name, entry) => {
    const built = await buildLambda(repoRoot, { entry }, join(dir, name));
    const inputs = staticInputs(built);
    expect(inputs).toContain(entry);
    const features = inputs.filter((i) => (i.startsWith('shared/features/') || i.startsWith('shared/services/')) && !CORE.includes(i));
    expect(features).toEqual([]);
    // …and no page view either: the error and refusal pages are read when a page needs one.
    expect(inputs.filter((i) => i.startsWith('functions/api/views/') || i.startsWith('functions/api/forms/refusal'))).toEqual([]);
  }, 120_000);

  it('the API: the assignment routes’ chunk graph holds the assignments feature and no other', async () => {
    const built = await buildLambda(repoRoot, { entry: 'functions/api/lambda.ts' }, join(dir, 'api-graph'));
    const outputs = built.metafile.outputs;
    const outputOf = (input: string) => Object.keys(outputs).find((o) => input in outputs[o]!.inputs)!;
    // What a first GET /v1/assignments reads: the routes' and the feature's chunks and their static imports.
    const seen = reachedStatically(outputs, [...staticallyLoaded(built), outputOf('functions/api/routes/assignments.ts'), outputOf('shared/features/assignments.ts')]);
    const inputs = [...seen].flatMap((o) => Object.keys(outputs[o]!.inputs));
    expect(inputs).toContain('shared/services/assignment-service.ts');
    // (audit-service.ts is read for its auditVisibility helper, which every service's records use.)
    const others = inputs.filter((i) => /^shared\/features\/(?!assignments|edges|feature|container|catalogue)/.test(i) || /^shared\/services\/(meeting|report|leave|compliance|dashboard|inbox|file|finance|calendar)/.test(i));
    expect(others).toEqual([]);
  }, 120_000);
});
