/** Writes docs/data-model-indexes.md from the access-pattern declarations (npm run docs:indexes). */
import { writeFileSync } from 'node:fs';
import { indexTableMarkdown } from './lib/index-table.js';

const target = new URL('../docs/data-model-indexes.md', import.meta.url);
writeFileSync(target, indexTableMarkdown());
console.log(`wrote ${target.pathname}`);
