/**
 * What `npm start` (Java, for DynamoDB Local) and `npm test` (Java and Chromium) need from the
 * machine. Root on Debian or Ubuntu: installed with apt-get, said in one line. Anyone else: one
 * line with the one command to run, and nothing else is started.
 */
import { spawnSync } from 'node:child_process';
import { accessSync, constants, readFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';

export type Prerequisite = 'java' | 'chromium';

const PREREQUISITES: Record<Prerequisite, { label: string; aptPackage: string; neededBy: string }> = {
  java: { label: 'Java', aptPackage: 'openjdk-17-jdk-headless', neededBy: 'DynamoDB Local' },
  chromium: { label: 'Chromium', aptPackage: 'chromium', neededBy: 'the browser tests' },
};

/** The executable `name` on the PATH, as a shell would find it. */
export function onPath(name: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const file = join(dir, name);
    try {
      accessSync(file, constants.X_OK);
      return file;
    } catch {
      // not here
    }
  }
  return undefined;
}

function present(name: Prerequisite): boolean {
  if (name === 'chromium') return onPath('chromium') !== undefined;
  if (!onPath('java')) return false;
  const probe = spawnSync('java', ['-version'], { stdio: 'ignore' });
  return !probe.error && probe.status === 0;
}

function debianLike(): boolean {
  try {
    const release = readFileSync('/etc/os-release', 'utf8');
    return /^(ID|ID_LIKE)=.*\b(debian|ubuntu)\b/m.test(release);
  } catch {
    return false;
  }
}

const listOf = (words: string[]) => words.join(' and ');

export type PrerequisiteCheck = { ok: true; installed: Prerequisite[] } | { ok: false; message: string };

/**
 * Checks `names`; installs what is missing when that can be done here (root, Debian or Ubuntu,
 * apt-get on the PATH), announcing it in one line through `say`. Otherwise answers the one line
 * a person needs: what is missing and the command that installs it.
 */
export function ensurePrerequisites(names: Prerequisite[], say: (line: string) => void): PrerequisiteCheck {
  const missing = names.filter((n) => !present(n));
  if (missing.length === 0) return { ok: true, installed: [] };
  const labels = listOf(missing.map((n) => PREREQUISITES[n].label));
  const packages = missing.map((n) => PREREQUISITES[n].aptPackage);
  const why =
    missing.length === 1
      ? `needed for ${PREREQUISITES[missing[0]!].neededBy}`
      : missing.map((n) => `${PREREQUISITES[n].label} for ${PREREQUISITES[n].neededBy}`).join(', ');
  const root = process.getuid?.() === 0;
  const debian = debianLike();

  if (root && debian && onPath('apt-get')) {
    say(`${labels} ${missing.length > 1 ? 'are' : 'is'} missing (${why}): installing ${packages.join(' ')} with apt-get…`);
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    for (const args of [['update'], ['install', '-y', '--no-install-recommends', ...packages]]) {
      const run = spawnSync('apt-get', args, { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
      if (run.error || run.status !== 0) {
        const reason = (run.stderr ?? '').trim().split('\n').at(-1) || run.error?.message || `exit code ${run.status}`;
        return { ok: false, message: `apt-get ${args[0]} failed (${reason}): install ${packages.join(' ')}, then try again.` };
      }
    }
    const still = missing.filter((n) => !present(n));
    if (still.length > 0) {
      return { ok: false, message: `apt-get installed ${packages.join(' ')}, but ${listOf(still.map((n) => PREREQUISITES[n].label))} is still not on the PATH.` };
    }
    return { ok: true, installed: missing };
  }

  const sudo = root ? '' : 'sudo ';
  const apt = `${sudo}apt-get update && ${sudo}apt-get install -y --no-install-recommends ${packages.join(' ')}`;
  const what = `${labels} ${missing.length > 1 ? 'are' : 'is'} not installed (${why})`;
  return {
    ok: false,
    message: debian
      ? `${what}: run \`${apt}\`, then try again.`
      : `${what}: install ${listOf(missing.map((n) => (n === 'java' ? 'Java 17+' : 'Chromium')))} (on Debian or Ubuntu: \`${apt}\`), then try again.`,
  };
}
