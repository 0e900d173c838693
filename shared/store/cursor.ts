import { ValidationError } from '../domain/errors.js';

/**
 * A position inside one partition: the LastEvaluatedKey, base64url-encoded. It never leaves the
 * process like this: every list seals it with shared/adapters/cursor-codec.ts (bound to the
 * caller, the list and its filters, expiring), so callers only ever see an opaque token.
 */
export function encodeCursor(key: Record<string, unknown>): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

const invalidCursor = () => new ValidationError('The cursor is not one this list gave out.', [{ path: 'query.cursor', message: 'invalid cursor' }]);

/**
 * Where a list read partition after partition stands: `<phase>.<cursor|start>`, the phase an index
 * into its `phases` partitions, then that partition's cursor or `start`. No cursor: the first.
 */
export function openPhaseCursor(cursor: string | undefined, phases: number): { phase: number; inner?: string } {
  if (!cursor) return { phase: 0 };
  const dot = cursor.indexOf('.');
  const phase = Number(cursor.slice(0, dot));
  const inner = cursor.slice(dot + 1);
  if (dot < 1 || !Number.isInteger(phase) || phase < 0 || phase >= phases || !inner) throw invalidCursor();
  return { phase, inner };
}

/**
 * Decodes a cursor and checks that it belongs to the partition being queried (`expected`), so a
 * crafted cursor can neither break the query nor move it to another partition.
 */
export function decodeCursor(
  cursor: string | undefined,
  expected: Record<string, string>,
): Record<string, unknown> | undefined {
  if (cursor === undefined) return undefined;
  const invalid = invalidCursor;
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  if (!key || typeof key !== 'object' || Array.isArray(key)) throw invalid();
  const record = key as Record<string, unknown>;
  if (Object.values(record).some((v) => typeof v !== 'string') || Object.keys(record).length > 6) throw invalid();
  for (const [name, value] of Object.entries(expected)) if (record[name] !== value) throw invalid();
  // A whole key or nothing: DynamoDB refuses a start key missing the table's or the index's sort key.
  const needed = ['PK', 'SK', ...Object.keys(expected).filter((n) => n.endsWith('PK')).map((n) => `${n.slice(0, -2)}SK`)];
  if (needed.some((n) => typeof record[n] !== 'string')) throw invalid();
  return record;
}
