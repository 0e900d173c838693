import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../infra/constructs/node-function.js';

const run = promisify(execFile);
const git = (...args: string[]) => execFileSync('git', ['-C', repoRoot, ...args], { encoding: 'utf8' }).trim();
const worktrees = () => git('worktree', 'list', '--porcelain').split('\n').filter((l) => l.startsWith('worktree ')).length;

/** `npm run bench:cold` with these arguments: its exit code and what it printed. */
async function benchCold(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', 'scripts/bench/cold-start-main.ts', ...args], {
      cwd: repoRoot,
      env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
      maxBuffer: 16 * 1024 * 1024,
    });
    return { code: 0, out: stdout, err: stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, out: e.stdout, err: e.stderr };
  }
}

// The side-by-side figures in docs/benchmark.md come from `--against`: the API of another commit
// built and started in the same runs as this checkout's.
describe('npm run bench:cold -- --against <commit>', () => {
  it('measures the API of that commit beside this one, then removes its worktree', async () => {
    const before = worktrees();
    const head = git('rev-parse', '--short', 'HEAD');
    const { out, err } = await benchCold('--runs', '1', '--against', 'HEAD');
    const row = out.split('\n').find((l) => l.startsWith(`| api@${head} |`));
    expect(row, `${out}\n${err.slice(-2000)}`).toBeDefined();
    // It answered the same first event, and loads the same code (HEAD is this checkout's code).
    expect(row).toContain('200, 5 assignments');
    const loaded = (name: string) => out.split('\n').find((l) => l.startsWith(`| ${name} |`))!.split('|')[2]!.trim();
    expect(loaded(`api@${head}`)).toBe(loaded('api'));
    // Only the API's own figures are budgeted.
    expect(out.match(/^- cold start: api@/m)).toBeNull();
    expect(worktrees()).toBe(before);
    expect(existsSync(join(repoRoot, 'node_modules', 'hono'))).toBe(true);
  }, 300_000);

  it('--their-bundling: builds that commit with its own bundling, to measure a change of the bundling itself', async () => {
    // A commit (no branch, no change to this checkout) whose bundling keeps zod's parser generator
    // and JSON Schema reader: this checkout's leaves them out, so by its own bundling it loads more.
    const file = 'infra/constructs/lambda-bundling.ts';
    const bundling = git('show', `HEAD:${file}`);
    const without = bundling.replace('zodWithoutUnusedTools, pdfFontFiles]', 'pdfFontFiles]');
    expect(without).not.toBe(bundling);
    const blob = execFileSync('git', ['-C', repoRoot, 'hash-object', '-w', '--stdin'], { input: `${without}\n`, encoding: 'utf8' }).trim();
    const index = join(mkdtempSync(join(tmpdir(), 'their-bundling-')), 'index');
    const withIndex = (...args: string[]) => execFileSync('git', ['-C', repoRoot, ...args], { encoding: 'utf8', env: { ...process.env, GIT_INDEX_FILE: index } }).trim();
    withIndex('read-tree', 'HEAD');
    withIndex('update-index', '--cacheinfo', `100644,${blob},${file}`);
    const tree = withIndex('write-tree');
    rmSync(dirname(index), { recursive: true, force: true });
    const commit = git('commit-tree', tree, '-p', 'HEAD', '-m', 'bench test: the bundling without zodWithoutUnusedTools');
    const label = `api@${commit.slice(0, 7)}`;
    const measure = async (...extra: string[]) => {
      const { out, err } = await benchCold('--runs', '1', '--json', '--against', commit, ...extra);
      const target = (JSON.parse(out) as { targets: { name: string; entry: string; loadedBytes: number }[] }).targets.find((t) => t.name === label);
      expect(target, err.slice(-2000)).toBeDefined();
      return target!;
    };
    const ours = await measure();
    const theirs = await measure('--their-bundling');
    expect(ours.entry).not.toContain('its own bundling');
    expect(theirs.entry).toContain('its own bundling');
    expect(theirs.loadedBytes - ours.loadedBytes).toBeGreaterThan(30 * 1024);
  }, 600_000);

  it('refuses a name that is no commit, and refuses to write the results file, before measuring anything', async () => {
    const before = worktrees();
    const missing = await benchCold('--against', 'no-such-commit-anywhere');
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('no-such-commit-anywhere names no commit');
    const writing = await benchCold('--against', 'HEAD', '--write');
    expect(writing.code).toBe(2);
    expect(writing.err).toContain('does not write the results file');
    const alone = await benchCold('--their-bundling');
    expect(alone.code).toBe(2);
    expect(alone.err).toContain('--their-bundling builds the commit --against names');
    expect(worktrees()).toBe(before);
  }, 60_000);
});
