/** Writes docs/benchmark-budgets.md from bench/results.json (npm run docs:bench); `npm run bench` does it too. */
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeBudgetPage } from './bench/summary.js';

console.log(`wrote ${writeBudgetPage(resolve(dirname(fileURLToPath(import.meta.url)), '..'))}`);
