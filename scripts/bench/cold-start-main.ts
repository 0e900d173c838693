/**
 * `npm run bench:cold`: the cold-start section of `npm run bench` alone (its own DynamoDB Local),
 * printed; exits 1 when a cold-start budget is exceeded. `npm run bench` runs the same section and
 * writes it to bench/results.json.
 *
 *   npm run bench:cold -- [--runs 7] [--profile <dir>]   (--profile: a CPU profile of every process, see docs/benchmark.md)
 */
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startDynamoLocal, stopOnExit } from '../lib/dynamo-local.js';
import { measureColdStart } from './cold-start.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
const { values } = parseArgs({ options: { runs: { type: 'string', default: '7' }, json: { type: 'boolean', default: false }, profile: { type: 'string' } } });
const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const local = await startDynamoLocal();
stopOnExit(local);
let exitCode = 0;
try {
  const result = await measureColdStart({
    repoRoot,
    endpoint: local.endpoint,
    runs: Number(values.runs),
    ...(values.profile ? { profileDir: resolve(values.profile) } : {}),
    log: (m) => console.error(`[bench ${new Date().toISOString().slice(11, 19)}] ${m}`),
  });
  console.log(values.json ? JSON.stringify({ ...result, table: undefined }, null, 2) : result.table);
  if (result.budgets.some((b) => !b.ok)) exitCode = 1;
} catch (error) {
  console.error(error);
  exitCode = 1;
} finally {
  await local.stop();
}
process.exit(exitCode);
