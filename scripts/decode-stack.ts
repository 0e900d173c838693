/**
 * Decodes a stack trace logged by a deployed function: every `index.mjs:<line>:<column>` frame is
 * rewritten to the TypeScript file, line and column it was built from, using the `index.mjs.map`
 * that ships beside the bundle (the runtime does not load it: docs/deploying.md).
 *
 *   node --import tsx scripts/decode-stack.ts path/to/index.mjs.map < stack.txt
 *   node --import tsx scripts/decode-stack.ts path/to/index.mjs.map 'at a (file:///var/task/index.mjs:1:2345)'
 */
import { readFileSync } from 'node:fs';
import { SourceMap } from 'node:module';

const [mapFile, ...text] = process.argv.slice(2);
if (!mapFile) {
  console.error('usage: node --import tsx scripts/decode-stack.ts <index.mjs.map> [stack text]   (or the stack on standard input)');
  process.exit(2);
}
const map = new SourceMap(JSON.parse(readFileSync(mapFile, 'utf8')) as never);
const input = text.length > 0 ? text.join(' ') : readFileSync(0, 'utf8');

/** `index.mjs:1:2345` (1-based, as stack traces print) → `functions/api/app.ts:120:7`, or the frame as it was. */
export function decodeFrame(line: number, column: number): string | undefined {
  const entry = map.findEntry(line - 1, column - 1) as { originalSource?: string; originalLine?: number; originalColumn?: number; name?: string };
  if (!entry.originalSource) return undefined;
  const source = entry.originalSource.replace(/^.*?\b(functions|shared|infra|scripts|node_modules)\//, '$1/');
  return `${source}:${entry.originalLine! + 1}:${entry.originalColumn! + 1}${entry.name ? ` [${entry.name}]` : ''}`;
}

// Escaped newlines: a stack copied from a JSON log line.
process.stdout.write(
  input.replace(/\\n/g, '\n').replace(/(?:file:\/\/)?[^\s()]*index\.mjs:(\d+):(\d+)/g, (frame, l: string, c: string) => decodeFrame(Number(l), Number(c)) ?? frame),
);
if (!input.endsWith('\n')) process.stdout.write('\n');
