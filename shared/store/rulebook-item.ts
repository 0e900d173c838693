/**
 * A rulebook version's item. The rulebook is about 78 KB of JSON: stored as a nested map it cost a
 * cold process 9.5 read units per version and the SDK's unmarshalling of thousands of values before
 * its first answer (issue #20). It is kept as gzip-compressed JSON in one binary attribute (about
 * 19 KB: 2.5 read units), read back with one inflate and one JSON.parse. Items written before this
 * (the rulebook as a map) are read as they are, until `npm run rulebook:compress` rewrites them.
 */
import { gunzipSync, gzipSync } from 'node:zlib';
import { rulebookPk, rulebookSk } from './keys.js';
import type { StoredRulebook } from './organisation-repository.js';
import { parseRulebook } from './parse-item.js';

const COMPRESSED = 'rulebookGz';

export function rulebookItem(orgId: string, stored: StoredRulebook): Record<string, unknown> {
  const { rulebook, ...rest } = stored;
  return {
    PK: rulebookPk(orgId),
    SK: rulebookSk(stored.effectiveFrom, stored.version),
    entity: 'Rulebook',
    ...rest,
    [COMPRESSED]: gzipSync(JSON.stringify(rulebook), { level: 9 }),
  };
}

/** A version written before the compression: the rulebook as a map (`npm run rulebook:compress` rewrites it). */
export const storedAsMap = (item: Record<string, unknown>): boolean => item[COMPRESSED] === undefined && item.rulebook !== undefined;

export function rulebookFromItem(item: Record<string, unknown>): StoredRulebook {
  const packed = item[COMPRESSED];
  if (packed === undefined) return parseRulebook(item);
  if (!(packed instanceof Uint8Array)) throw new Error(`Rulebook item ${String(item.PK)} / ${String(item.SK)}: ${COMPRESSED} is not binary.`);
  const { [COMPRESSED]: _, ...rest } = item;
  return parseRulebook({ ...rest, rulebook: JSON.parse(gunzipSync(packed).toString('utf8')) as unknown });
}
