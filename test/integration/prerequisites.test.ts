import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { onPath } from '../../scripts/lib/prerequisites.js';
import { START, startTracker } from '../support/start-tracker.js';

// `npm start` and `npm test` on a machine without Java or Chromium, made by a PATH of symlinks
// that leaves them out. A fake apt-get records what it was asked; it never installs anything
// (it links the machine's own binary into the PATH, as an install would).
const root = process.getuid?.() === 0;
const realJava = onPath('java')!;
const realChromium = onPath('chromium') ?? '/usr/bin/chromium';
const VITEST = ['node_modules/vitest/vitest.mjs', 'run'];
/** A short test of a project that uses DynamoDB Local (the unit project starts no servers). */
const SERVICE_TEST = 'test/integration/audit-store.test.ts';
/** Nobody: the non-root user, when the tests themselves run as root. */
const asNonRoot: SpawnSyncOptions = root ? { uid: 65534, gid: 65534 } : {};

interface FakeMachine {
  bin: string;
  aptLog: string;
  javaLog: string;
  env: NodeJS.ProcessEnv;
  aptCalls(): string[];
  javaCalls(): string[];
}

/** A PATH holding node, a fake apt-get and, if asked, java (logging each call) and chromium. */
function machine(has: { java?: boolean; chromium?: boolean }): FakeMachine {
  const dir = mkdtempSync(join(tmpdir(), 'prereq-'));
  chmodSync(dir, 0o777); // the non-root run writes its logs here
  const bin = join(dir, 'bin');
  const aptLog = join(dir, 'apt-get.log');
  const javaLog = join(dir, 'java.log');
  spawnSync('mkdir', ['-m', '755', bin]);
  symlinkSync(process.execPath, join(bin, 'node'));
  const script = (file: string, body: string) => {
    writeFileSync(file, `#!/bin/sh\n${body}\n`);
    chmodSync(file, 0o755);
  };
  // Java that logs each call, kept off the PATH until "installed".
  const javaWrapper = join(dir, 'java');
  script(javaWrapper, `echo "$*" >> ${javaLog}\nexec ${realJava} "$@"`);
  script(
    join(bin, 'apt-get'),
    [
      `echo "$*" >> ${aptLog}`,
      '[ "$1" = install ] || exit 0',
      'for p in "$@"; do case "$p" in',
      `  openjdk-17-jdk-headless) /bin/ln -s ${javaWrapper} ${bin}/java;;`,
      `  chromium) /bin/ln -s ${realChromium} ${bin}/chromium;;`,
      'esac; done',
    ].join('\n'),
  );
  if (has.java) symlinkSync(javaWrapper, join(bin, 'java'));
  if (has.chromium) symlinkSync(realChromium, join(bin, 'chromium'));
  const lines = (file: string) => (existsSync(file) ? readFileSync(file, 'utf8').trim().split('\n') : []);
  return {
    bin,
    aptLog,
    javaLog,
    env: { PATH: bin, HOME: tmpdir(), AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    aptCalls: () => lines(aptLog),
    javaCalls: () => lines(javaLog),
  };
}

const run = (m: FakeMachine, args: string[], options: SpawnSyncOptions = {}) =>
  spawnSync(join(m.bin, 'node'), args, { env: m.env, encoding: 'utf8', timeout: 120_000, ...options }) as ReturnType<typeof spawnSync> & {
    stdout: string;
    stderr: string;
  };

describe('npm start on a machine without Java', () => {
  it('not root: one line with the command to run, and nothing started', () => {
    const m = machine({});
    const result = run(m, [...START, '--in-memory'], asNonRoot);
    expect(result.status).toBe(1);
    expect(result.stderr.trim().split('\n')).toEqual([
      'Java is not installed (needed for DynamoDB Local): run `sudo apt-get update && sudo apt-get install -y --no-install-recommends openjdk-17-jdk-headless`, then try again.',
    ]);
    expect(result.stdout).toBe('');
    expect(m.aptCalls()).toEqual([]);
  }, 60_000);

  it.runIf(root)('root on Debian: installs it with apt-get, says so in one line, then runs', async () => {
    const m = machine({});
    const run = await startTracker(['--in-memory'], { node: join(m.bin, 'node'), env: m.env, readyWithinMs: 90_000 });
    await run.stop();
    const output = run.output();
    expect(output.split('\n')[0]).toBe('Java is missing (needed for DynamoDB Local): installing openjdk-17-jdk-headless with apt-get…');
    expect(m.aptCalls()).toEqual(['update', 'install -y --no-install-recommends openjdk-17-jdk-headless']);
    expect(output).toContain(`http://localhost:${run.port}/v1`);
    // The Java apt-get put on the PATH is the one DynamoDB Local ran on.
    expect(m.javaCalls().some((c) => c.includes('DynamoDBLocal'))).toBe(true);
  }, 120_000);
});

describe('npm test on a machine without Chromium', () => {
  it('not root: one line with the command to run, before DynamoDB Local or any test starts', () => {
    const m = machine({ java: true });
    // Vite writes a bundled config into node_modules, which the non-root user may not: load it in place.
    const result = run(m, [...VITEST, '--configLoader', 'runner', SERVICE_TEST], asNonRoot);
    expect(result.status).toBe(1);
    expect(result.stderr.trim().split('\n')).toEqual([
      'Chromium is not installed (needed for the browser tests): run `sudo apt-get update && sudo apt-get install -y --no-install-recommends chromium`, then try again.',
    ]);
    expect(result.stdout).not.toContain('Test Files');
    expect(m.aptCalls()).toEqual([]);
    // Java was asked its version, never started.
    expect(m.javaCalls().length).toBeGreaterThan(0);
    expect(m.javaCalls().every((c) => c === '-version')).toBe(true);
  }, 120_000);

  it('not root, neither Java nor Chromium: both in the one command', () => {
    const m = machine({});
    const result = run(m, [...VITEST, '--configLoader', 'runner', SERVICE_TEST], asNonRoot);
    expect(result.status).toBe(1);
    expect(result.stderr.trim().split('\n')).toEqual([
      'Java and Chromium are not installed (Java for DynamoDB Local, Chromium for the browser tests): run `sudo apt-get update && sudo apt-get install -y --no-install-recommends openjdk-17-jdk-headless chromium`, then try again.',
    ]);
  }, 120_000);

  it.runIf(root)('root on Debian: installs only what is missing, says so in one line, then runs the tests', () => {
    const m = machine({ java: true });
    const result = run(m, [...VITEST, SERVICE_TEST]);
    expect(result.stdout.split('\n')).toContain('Chromium is missing (needed for the browser tests): installing chromium with apt-get…');
    expect(m.aptCalls()).toEqual(['update', 'install -y --no-install-recommends chromium']);
    expect(result.stdout.replace(/\x1b\[[0-9;]*m/g, '')).toMatch(/Test Files\s+1 passed/);
    expect(result.status).toBe(0);
  }, 120_000);
});

// `npm run test:unit` is `vitest run --project unit`: pure code, no global setup.
describe('the unit tests on a machine with neither Java nor Chromium', () => {
  it('the unit project needs neither: no Java asked, nothing installed, the tests run', () => {
    const m = machine({});
    const result = run(m, [...VITEST, '--configLoader', 'runner', '--project', 'unit', 'test/unit/periods.test.ts'], asNonRoot);
    expect(result.stderr).not.toContain('not installed');
    expect(result.stdout.replace(/\x1b\[[0-9;]*m/g, '')).toMatch(/Test Files\s+1 passed/);
    expect(result.status).toBe(0);
    expect(m.aptCalls()).toEqual([]);
    expect(m.javaCalls()).toEqual([]);
  }, 120_000);
});
