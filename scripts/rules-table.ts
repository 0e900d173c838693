/** Writes docs/rules.md from scripts/lib/rule-table.ts (npm run docs:rules). */
import { writeFileSync } from 'node:fs';
import { requireRulebook } from '../shared/rulebook/load.js';
import { ruleTableMarkdown } from './lib/rule-table.js';

const target = new URL('../docs/rules.md', import.meta.url);
writeFileSync(target, ruleTableMarkdown(requireRulebook('so-tttt-son-la')));
console.log(`wrote ${target.pathname}`);
