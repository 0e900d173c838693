/**
 * Decodes a stack trace logged by a deployed function: every `<file>.mjs:<line>:<column>` frame
 * (index.mjs or one of its chunks under chunks/) is rewritten to the TypeScript file, line and
 * column it was built from, using the `.map` that ships beside each file (the runtime does not
 * load them: docs/deploying.md).
 *
 *   node --import tsx scripts/decode-stack.ts <the function's code directory> < stack.txt
 *   node --import tsx scripts/decode-stack.ts <dir> 'at a (file:///var/task/chunks/assignments-X.mjs:1:2345)'
 *
 * (A path to index.mjs.map is taken as its directory.)
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { dirname, join } from 'node:path';

const [where, ...text] = process.argv.slice(2);
if (!where) {
  console.error('usage: node --import tsx scripts/decode-stack.ts <code directory with index.mjs and chunks/> [stack text]   (or the stack on standard input)');
  process.exit(2);
}
const dir = statSync(where).isDirectory() ? where : dirname(where);
const input = text.length > 0 ? text.join(' ') : readFileSync(0, 'utf8');

const maps = new Map<string, SourceMap | undefined>();
function mapOf(file: string): SourceMap | undefined {
  if (!maps.has(file)) {
    const path = join(dir, `${file}.map`);
    maps.set(file, existsSync(path) ? new SourceMap(JSON.parse(readFileSync(path, 'utf8')) as never) : undefined);
  }
  return maps.get(file);
}

/** `chunks/x.mjs:1:2345` (1-based, as stack traces print) → `functions/api/app.ts:120:7`, or undefined. */
export function decodeFrame(file: string, line: number, column: number): string | undefined {
  const entry = mapOf(file)?.findEntry(line - 1, column - 1) as { originalSource?: string; originalLine?: number; originalColumn?: number; name?: string } | undefined;
  if (!entry?.originalSource) return undefined;
  const source = entry.originalSource.replace(/^.*?\b(functions|shared|infra|scripts|node_modules)\//, '$1/');
  return `${source}:${entry.originalLine! + 1}:${entry.originalColumn! + 1}${entry.name ? ` [${entry.name}]` : ''}`;
}

// Escaped newlines: a stack copied from a JSON log line. A frame's file is taken relative to /var/task.
process.stdout.write(
  input
    .replace(/\\n/g, '\n')
    .replace(/(?:file:\/\/)?(?:\/var\/task\/)?((?:chunks\/)?[\w.-]+\.mjs):(\d+):(\d+)/g, (frame, file: string, l: string, c: string) => decodeFrame(file, Number(l), Number(c)) ?? frame),
);
if (!input.endsWith('\n')) process.stdout.write('\n');
