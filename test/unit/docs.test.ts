import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { sonLa } from '../support/people.js';

// The documentation is checked against the code and the tree, so it cannot drift silently.
const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const tracked = spawnSync('git', ['ls-files', '-co', '--exclude-standard'], { cwd: root, encoding: 'utf8' })
  .stdout.split('\n')
  .filter((f) => f && existsSync(join(root, f)));
const read = (file: string) => readFileSync(join(root, file), 'utf8');
const readme = read('README.md');

/** Documentation pages written on other branches at the same time; remove each once it is in the tree. */
const PENDING_PAGES = new Set(['docs/workspace.md']);

/** Every environment variable name the code reads (or the stack sets for it to read). */
function variablesInCode(): Map<string, string> {
  const found = new Map<string, string>();
  const patterns = [
    /\bprocess\.env\.([A-Z][A-Z0-9_]*)/g,
    /\bprocess\.env\[\s*['"]([A-Z][A-Z0-9_]*)['"]\s*\]/g,
    /\benv\.([A-Z][A-Z0-9_]*)/g,
    /\benv\[\s*['"]([A-Z][A-Z0-9_]*)['"]\s*\]/g,
    /\b(?:requireEnv|optionalEnv)\(\s*['"]([A-Z][A-Z0-9_]*)['"]/g,
    /\baddEnvironment\(\s*['"]([A-Z][A-Z0-9_]*)['"]/g,
  ];
  const code = tracked.filter((f) => /^(functions|shared|scripts|infra|test)\//.test(f) && /\.(ts|tsx|mjs|js)$/.test(f));
  for (const file of code) {
    const text = read(file);
    for (const p of patterns) for (const m of text.matchAll(p)) if (!found.has(m[1]!)) found.set(m[1]!, file);
    // webhook-secrets.ts reads through a local `read(name)`; tests name rule ids (F1, A6) with helpers of that name.
    if (!file.startsWith('test/')) for (const m of text.matchAll(/\bread\(\s*['"]([A-Z][A-Z0-9_]*)['"]/g)) if (!found.has(m[1]!)) found.set(m[1]!, file);
    // The stack's function environment: upper-case keys of `environment: { … }`.
    if (file.startsWith('infra/')) {
      for (const block of text.matchAll(/environment:\s*\{([^}]*)\}/g)) {
        for (const m of block[1]!.matchAll(/^\s*([A-Z][A-Z0-9_]+):/gm)) if (!found.has(m[1]!)) found.set(m[1]!, file);
      }
    }
  }
  return found;
}

/** The operating system's own, passed through to child processes. */
const SYSTEM = new Set(['PATH', 'HOME']);

/** Read by the AWS SDK rather than by our code, and set by Lambda or by the tests. */
const READ_BY_THE_SDK = ['AWS_REGION', 'AWS_ENDPOINT_URL_DYNAMODB'];

function documentedVariables(): Set<string> {
  const page = read('docs/configuration.md');
  const table = page.slice(page.indexOf('## Variables'), page.indexOf('\n## ', page.indexOf('## Variables') + 1));
  return new Set([...table.matchAll(/^\| `([A-Z][A-Z0-9_]*)` \|/gm)].map((m) => m[1]!));
}

/** Relative links of a Markdown file: [text](target), without the #fragment. */
function markdownLinks(file: string): string[] {
  return [...read(file).matchAll(/\]\(([^)\s]+)\)/g)]
    .map((m) => m[1]!.split('#')[0]!)
    .filter((t) => t && !/^[a-z]+:/i.test(t));
}

describe('configuration.md', () => {
  it('documents every environment variable the functions, scripts, infra and tests read', () => {
    const inCode = variablesInCode();
    // The scan itself must see what it is meant to see, or it would pass on nothing.
    for (const name of ['TABLE_NAME', 'AUTH_LOGOUT_URL', 'AUTH_REDIRECT_URI', 'AUTH_SCOPES', 'EOFFICE_DLQ_URL', 'POWERTOOLS_SERVICE_NAME']) {
      expect(inCode.has(name), name).toBe(true);
    }
    const documented = documentedVariables();
    const missing = [...inCode.keys(), ...READ_BY_THE_SDK].filter((n) => !documented.has(n) && !SYSTEM.has(n)).map((n) => `${n} (${inCode.get(n) ?? 'AWS SDK'})`);
    expect(missing).toEqual([]);
  });
});

describe('the repository documents itself', () => {
  it('points at nothing outside the repository', () => {
    const outside: string[] = [];
    // The fuzzer's hostile paths (../../etc/passwd) are input, not pointers.
    const text = tracked.filter(
      (f) => (/\.(ts|tsx|mjs|js|json|md|sh|yml|yaml)$/.test(f) || f === '.ci/run') && f !== 'test/reliability/support/openapi-arbitraries.ts',
    );
    for (const file of text) {
      for (const m of read(file).matchAll(/(?:\.\.\/)+[\w@.\-/]*/g)) {
        const target = resolve(root, dirname(file), m[0]);
        if (relative(root, target).startsWith('..')) outside.push(`${file}: ${m[0]}`);
      }
    }
    expect(outside).toEqual([]);
  });

  it('keeps the regulation, its English extraction and the contract under docs/', () => {
    expect(read('docs/regulation/quy-che-lam-viec-so-tttt-son-la-2019.md')).toContain('Quy chế làm việc');
    expect(existsSync(join(root, sonLa.regulation.source))).toBe(true);
    // Rule ids with their articles, as the rulebook cites them (test/unit/rulebook.test.ts reads the same file).
    expect(read('docs/domain.md')).toMatch(/^- A1 \(Điều/m);
    expect(read('docs/api.md')).toContain('## Who is calling');
  });

  it('links only to files that exist', () => {
    const pages = tracked.filter((f) => f === 'README.md' || (f.startsWith('docs/') && f.endsWith('.md')));
    const broken: string[] = [];
    for (const page of pages) {
      for (const link of markdownLinks(page)) {
        const target = relative(root, resolve(root, dirname(page), decodeURIComponent(link)));
        if (!existsSync(join(root, target)) && !PENDING_PAGES.has(target)) broken.push(`${page} -> ${link}`);
      }
    }
    expect(broken).toEqual([]);
  });
});

describe('README.md', () => {
  const lines = readme.split('\n');

  it('is a front page: the two commands first, at most about 150 lines', () => {
    expect(lines.length).toBeLessThanOrEqual(150);
    const top = lines.slice(0, 8).join('\n');
    expect(top).toContain('npm install && npm start');
    expect(top).toMatch(/^npm test\b/m);
  });

  it('names every person of the demo department with their unit', () => {
    const table = readme.slice(readme.indexOf('## The demo department'), readme.indexOf('\n## ', readme.indexOf('## The demo department') + 1));
    for (const unit of sonLa.units) {
      const row = table.split('\n').find((l) => l.startsWith(`| ${unit.name.vi} |`));
      expect(row, unit.id).toBeDefined();
      for (const person of sonLa.staff.filter((s) => s.unitId === unit.id)) expect(row, person.id).toContain(person.name);
    }
    expect(table).toContain(`(${sonLa.staff.length};`);
  });

  it('describes the layout as the tree is: every top folder named, every folder named exists', () => {
    const block = readme.slice(readme.indexOf('## Layout'));
    const code = block.slice(block.indexOf('```') + 3, block.indexOf('```', block.indexOf('```') + 3));
    const folders = new Set(tracked.flatMap((f) => f.split('/').slice(0, -1).map((_, i, parts) => parts.slice(0, i + 1).join('/'))));
    const topFolders = [...folders].filter((f) => !f.includes('/'));
    const named = new Map<string, string>(); // top folder -> its text
    let current = '';
    for (const line of code.split('\n')) {
      const top = /^([\w.-]+)\/\s/.exec(line);
      if (top) current = top[1]!;
      if (current) named.set(current, `${named.get(current) ?? ''} ${top ? line.slice(top[0].length) : line}`);
    }
    expect([...named.keys()].sort()).toEqual(topFolders.sort());
    const missing: string[] = [];
    for (const [top, text] of named) {
      for (const m of text.matchAll(/(?<![\w./-])([\w.-]+)\/(?=[\s,)]|$)/g)) {
        if (![...folders].some((f) => f.startsWith(`${top}/`) && f.split('/').at(-1) === m[1])) missing.push(`${top}: ${m[1]}/`);
      }
      for (const m of text.matchAll(/(?<![\w./-])([\w.-]+\.(?:ts|json|mjs))\b/g)) {
        if (!tracked.some((f) => f.startsWith(`${top}/`) && f.endsWith(`/${m[1]}`))) missing.push(`${top}: ${m[1]}`);
      }
    }
    expect(missing).toEqual([]);
  });
});
