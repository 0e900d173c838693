import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import config from '../../vitest.config.js';

// `npm test` runs every project; a test file no project includes would never run.
const projects = (config.test?.projects ?? []) as { test: { name: string; include: string[]; globalSetup?: string[] } }[];
const testFiles = spawnSync('git', ['ls-files', '-co', '--exclude-standard', 'test'], { encoding: 'utf8' })
  .stdout.split('\n')
  .filter((f) => /\.test\.tsx?$/.test(f));

describe('vitest projects', () => {
  it('each project is one folder of test/, and every test file is in exactly one', () => {
    expect(projects.map((p) => p.test.name)).toEqual(['unit', 'integration', 'reliability', 'e2e', 'infra']);
    for (const p of projects) expect(p.test.include).toEqual([`test/${p.test.name}/**/*.test.{ts,tsx}`]);
    expect(testFiles.length).toBeGreaterThan(100);
    for (const file of testFiles) expect(projects.filter((p) => file.startsWith(`test/${p.test.name}/`)).map((p) => p.test.name), file).toHaveLength(1);
  });

  it('unit and infra start no servers, and no unit test reaches for one', () => {
    expect(config.test?.globalSetup).toBeUndefined();
    for (const p of projects) expect(Boolean(p.test.globalSetup), p.test.name).toBe(!['unit', 'infra'].includes(p.test.name));
    for (const file of testFiles.filter((f) => f.startsWith('test/unit/') || f.startsWith('test/infra/'))) {
      expect(readFileSync(file, 'utf8'), file).not.toMatch(/support\/(app|browser)\.js|\binject\(/);
    }
  });
});
