import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { extraRules, ruleEnforcement, ruleTableMarkdown } from '../../scripts/lib/rule-table.js';
import { requireRulebook } from '../../shared/rulebook/load.js';
import { complianceRules } from '../../shared/services/compliance/registry.js';
import raw from '../../shared/rulebook/organisations/so-tttt-son-la.json' with { type: 'json' };

const rulebook = requireRulebook('so-tttt-son-la');
const read = (file: string) => readFileSync(new URL(`../../${file}`, import.meta.url), 'utf8');
const exists = (file: string) => existsSync(new URL(`../../${file}`, import.meta.url));
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const namesId = (text: string, id: string) => new RegExp(`(^|[^A-Za-z0-9])${escape(id)}([^0-9]|$)`).test(text);

function resolvePointer(doc: unknown, pointer: string): unknown {
  let at: unknown = doc;
  for (const part of pointer.split('/').slice(1).map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))) {
    if (at === null || typeof at !== 'object' || !(part in at)) return undefined;
    at = (at as Record<string, unknown>)[part];
  }
  return at;
}

const articleOf = (id: string) => rulebook.rules?.find((r) => r.id === id)?.article ?? extraRules[id]?.article ?? '';
/** The article numbers a test name may cite: `Điều 5.1, 6.1, 7.1` → 5, 6, 7. */
const articleNumbers = (article: string) => [...article.matchAll(/(\d+)(?:\.\d+)*/g)].map((m) => m[1]!);

describe('the rule table (docs/rules.md)', () => {
  it('has one entry for every rule of the rulebook and every rule the compliance engine runs', () => {
    const ids = new Set([...(rulebook.rules ?? []).map((r) => r.id), ...Object.keys(extraRules)]);
    for (const rule of complianceRules) expect(ids, `registry rule ${rule.id}`).toContain(rule.id);
    expect(new Set(Object.keys(ruleEnforcement))).toEqual(ids);
  });

  it.each(Object.keys(ruleEnforcement))('%s: its rulebook paths resolve, its code names it, its boundary tests exist and cite it', (id) => {
    const e = ruleEnforcement[id]!;
    expect(e.rulebook.length, 'rulebook paths').toBeGreaterThan(0);
    expect(e.code.length, 'code').toBeGreaterThan(0);
    expect(e.tests.length, 'boundary tests').toBeGreaterThan(0);
    for (const pointer of e.rulebook) expect(resolvePointer(raw, pointer), pointer).toBeDefined();
    for (const file of e.code) {
      expect(exists(file), file).toBe(true);
      expect(namesId(read(file), id), `${file} names ${id}`).toBe(true);
    }
    const numbers = articleNumbers(articleOf(id));
    for (const test of e.tests) {
      expect(exists(test.file), test.file).toBe(true);
      const source = read(test.file);
      for (const segment of test.name) {
        const literal = [`'${segment}'`, `"${segment}"`, `\`${segment}\``].some((q) => source.includes(q));
        expect(literal, `${test.file}: ${segment}`).toBe(true);
      }
      const name = test.name.join(' › ');
      expect(namesId(name, id), `${name} cites ${id}`).toBe(true);
      if (articleOf(id).startsWith('Điều')) {
        expect(numbers.some((n) => name.includes(`Điều ${n}`)), `${name} cites ${articleOf(id)}`).toBe(true);
      }
    }
  });

  it('docs/rules.md is what `npm run docs:rules` renders', () => {
    expect(read('docs/rules.md')).toBe(ruleTableMarkdown(rulebook));
  });
});
