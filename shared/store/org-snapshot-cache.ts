/**
 * What a cold process reads of its organisation, in one item (issue #20): the snapshot (meta,
 * units, staff) and every rulebook version, as they were at a snapshot version, tagged with that
 * version. A cold process reads it with the version item in one BatchGetItem instead of the
 * version, the snapshot's Query and the versions' Query. It is a copy, written by a process that
 * read the records after the version item (so they are at least that version); it is used only
 * when its tag equals the version item read in the same call: any change to the organisation
 * moves the version in its own transaction, so a copy of an earlier version is never used, and
 * the reader falls back to the records (and writes the copy anew). Its own partition, so writing
 * it moves no version.
 *
 * Brotli with a window of 4 MB: each rulebook version is about 78 KB of JSON, and versions differ
 * little, so the second and later versions cost a few KB each (gzip's 32 KB window would store
 * each whole). A copy that would not fit well within DynamoDB's 400 KB item is not written.
 */
import { brotliCompressSync, brotliDecompressSync, constants } from 'node:zlib';
import type { OrganisationSnapshot, StoredRulebook } from './organisation-repository.js';
import { snapshotCacheKey } from './keys.js';

export interface CachedSnapshot {
  /** The snapshot version the copy was read at. */
  readonly version: number;
  readonly snapshot: OrganisationSnapshot;
  readonly versions: readonly StoredRulebook[];
}

const BODY = 'body';
/** Above this the copy is not written (the item limit is 400 KB): the records are read instead. */
export const MAX_SNAPSHOT_CACHE_BYTES = 300 * 1024;

export function snapshotCacheItem(orgId: string, cached: CachedSnapshot): Record<string, unknown> | undefined {
  const body = brotliCompressSync(JSON.stringify({ snapshot: cached.snapshot, versions: cached.versions }), {
    params: { [constants.BROTLI_PARAM_QUALITY]: 5, [constants.BROTLI_PARAM_LGWIN]: 22 },
  });
  if (body.byteLength > MAX_SNAPSHOT_CACHE_BYTES) return undefined;
  return { ...snapshotCacheKey(orgId), entity: 'OrgSnapshotCache', v: cached.version, [BODY]: body };
}

/** The copy in an item, or undefined for an item that is not one, its body included (it is then read from the records). */
export function cachedSnapshotOf(item: Record<string, unknown> | undefined): CachedSnapshot | undefined {
  const body = item?.[BODY];
  if (typeof item?.v !== 'number' || !(body instanceof Uint8Array)) return undefined;
  let read: Partial<Omit<CachedSnapshot, 'version'>>;
  try {
    read = JSON.parse(brotliDecompressSync(body).toString('utf8')) as typeof read;
  } catch {
    return undefined;
  }
  return read.snapshot && Array.isArray(read.versions) ? { version: item.v, snapshot: read.snapshot, versions: read.versions } : undefined;
}
