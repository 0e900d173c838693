/**
 * `npm run bench:cold`: the cold-start section of `npm run bench` alone (its own DynamoDB Local),
 * printed; exits 1 when a cold-start budget is exceeded. `npm run bench` runs the same section and
 * writes it to bench/results.json; `--write` writes this run's section there instead (its
 * `coldStart`, its cold-start budgets and table), the rest of the file as the last full run left it.
 *
 *   npm run bench:cold -- [--runs 7] [--profile <dir>] [--against <commit> [--their-bundling]] [--write [--out bench/results.json]]
 *   (--profile: a CPU profile of every process; --against: the API of another commit measured in
 *   the same runs, side by side, from a git worktree removed afterwards, built by this checkout's
 *   bundling or, with --their-bundling, by that commit's; see docs/benchmark.md)
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startDynamoLocal, stopOnExit } from '../lib/dynamo-local.js';
import { measureColdStart } from './cold-start.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '7' },
    json: { type: 'boolean', default: false },
    profile: { type: 'string' },
    against: { type: 'string' },
    'their-bundling': { type: 'boolean', default: false },
    write: { type: 'boolean', default: false },
    out: { type: 'string', default: 'bench/results.json' },
  },
});
const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
if (values.against && values.write) {
  console.error('--against measures a comparison; it does not write the results file (run without --write).');
  process.exit(2);
}
if (values['their-bundling'] && !values.against) {
  console.error('--their-bundling builds the commit --against names with its own bundling: name one.');
  process.exit(2);
}
const against = values.against ? { ...checkout(values.against), theirBundling: values['their-bundling'] } : undefined;
const started = { at: new Date(), load: loadavg() };
const local = await startDynamoLocal();
stopOnExit(local);
let exitCode = 0;
try {
  const result = await measureColdStart({
    repoRoot,
    endpoint: local.endpoint,
    runs: Number(values.runs),
    ...(values.profile ? { profileDir: resolve(values.profile) } : {}),
    ...(against ? { against } : {}),
    log: (m) => console.error(`[bench ${new Date().toISOString().slice(11, 19)}] ${m}`),
  });
  console.log(values.json ? JSON.stringify({ ...result, table: undefined }, null, 2) : result.table);
  if (values.write) writeColdStart(resolve(repoRoot, values.out), result, started);
  if (result.budgets.some((b) => !b.ok)) exitCode = 1;
} catch (error) {
  console.error(error);
  exitCode = 1;
} finally {
  await local.stop();
}
process.exit(exitCode);

/** A detached git worktree of `ref` in a temporary directory, sharing this checkout's node_modules. */
function checkout(ref: string): { label: string; root: string } {
  const git = (...args: string[]) => execFileSync('git', ['-C', repoRoot, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
  let commit: string;
  try {
    commit = git('rev-parse', '--verify', '--quiet', `${ref}^{commit}`);
  } catch {
    console.error(`--against: ${ref} names no commit of this repository.`);
    process.exit(2);
  }
  const root = join(mkdtempSync(join(tmpdir(), 'tracker-against-')), 'tree');
  git('worktree', 'add', '--detach', root, commit);
  // Removed however the process ends (an error, Ctrl-C: stopOnExit exits), not only after a run.
  process.once('exit', () => {
    git('worktree', 'remove', '--force', root);
    rmSync(dirname(root), { recursive: true, force: true });
  });
  symlinkSync(join(repoRoot, 'node_modules'), join(root, 'node_modules'), 'dir');
  return { label: git('rev-parse', '--short', commit), root };
}

/**
 * This run's cold-start section into the results file: `coldStart` (with the command, when and at
 * what load it ran), the cold-start budgets and the cold-start table; the rest as it was.
 */
function writeColdStart(file: string, result: Awaited<ReturnType<typeof measureColdStart>>, started: { at: Date; load: number[] }) {
  const results = (existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {}) as { budgets?: { operation: string }[]; tables?: string; coldStart?: unknown };
  const { table, ...coldStart } = result;
  const load = (l: number[]) => l.map((n) => n.toFixed(2)).join(' ');
  results.coldStart = {
    command: `npm run bench:cold -- --runs ${result.runs} --write`,
    measuredAt: `${started.at.toISOString().slice(0, 16)}Z to ${new Date().toISOString().slice(11, 16)}Z, load average (1, 5, 15 min) ${load(started.load)} at the start, ${load(loadavg())} at the end`,
    ...coldStart,
  };
  results.budgets = [...(results.budgets ?? []).filter((b) => !b.operation.startsWith('cold start:')), ...result.budgets];
  const at = results.tables?.indexOf('Cold start (median') ?? -1;
  results.tables = `${at >= 0 ? results.tables!.slice(0, at) : results.tables ? `${results.tables}\n\n` : ''}${table}`;
  writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  console.error(`wrote the cold-start section of ${file}`);
}
