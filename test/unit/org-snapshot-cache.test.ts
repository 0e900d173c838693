/**
 * Issue #20: the stored copy of an organisation's snapshot and rulebook versions that a cold
 * process reads with the version item (shared/store/org-snapshot-cache.ts).
 */
import { randomBytes } from 'node:crypto';
import { brotliCompressSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { rulebookForProvince } from '../../shared/rulebook/load.js';
import type { OrganisationSnapshot, StoredRulebook } from '../../shared/store/organisation-repository.js';
import { cachedSnapshotOf, MAX_SNAPSHOT_CACHE_BYTES, snapshotCacheItem, type CachedSnapshot } from '../../shared/store/org-snapshot-cache.js';
import { snapshotCacheKey } from '../../shared/store/keys.js';

const rulebook = rulebookForProvince('son-la')[0]!;
const snapshot = {
  organisation: { ...rulebook.organisation, rulebookVersion: 2, seededAt: '2026-11-01T00:00:00.000Z' },
  units: rulebook.units.map((u) => ({ ...u, version: 1 })),
  staff: rulebook.staff.map((s) => ({ ...s, active: true, version: 1 })),
} as unknown as OrganisationSnapshot;
const version = (v: number, effectiveFrom: string, reason?: string): StoredRulebook => ({
  version: v,
  effectiveFrom,
  rulebook: { ...rulebook, settings: { ...rulebook.settings, dueSoonWorkingDays: rulebook.settings.dueSoonWorkingDays + v } },
  recordedAt: '2026-11-01T00:00:00.000Z',
  ...(reason ? { reason } : {}),
});
const one: CachedSnapshot = { version: 7, snapshot, versions: [version(1, rulebook.effectiveFrom)] };
const two: CachedSnapshot = { ...one, versions: [...one.versions, version(2, '2026-12-01', 'Sửa đổi thời hạn')] };
const bodyBytes = (item: Record<string, unknown> | undefined) => (item!.body as Uint8Array).byteLength;

describe('the stored copy of an organisation (org-snapshot-cache.ts)', () => {
  it('reads back as written, under its own key, tagged with the version it was read at', () => {
    const item = snapshotCacheItem('so-tttt-son-la', two)!;
    expect(item).toMatchObject({ ...snapshotCacheKey('so-tttt-son-la'), entity: 'OrgSnapshotCache', v: 7 });
    expect(item.PK).not.toBe('ORG#so-tttt-son-la');
    expect(cachedSnapshotOf(item)).toEqual(two);
  });

  it('stores a second rulebook version in a few KB: versions differ little and the window holds them all', () => {
    const first = bodyBytes(snapshotCacheItem('o', one));
    const second = bodyBytes(snapshotCacheItem('o', two)) - first;
    expect(first).toBeLessThan(40 * 1024);
    expect(second).toBeLessThan(4 * 1024);
  });

  it('is not written when it would come near the item limit: the records are read instead', () => {
    const huge = { ...one, snapshot: { ...snapshot, organisation: { ...snapshot.organisation, note: randomBytes(MAX_SNAPSHOT_CACHE_BYTES).toString('base64') } } };
    expect(snapshotCacheItem('o', huge as CachedSnapshot)).toBeUndefined();
  });

  it('takes an item without a version, or whose body is not a copy, as no copy', () => {
    const item = snapshotCacheItem('o', one)!;
    expect(cachedSnapshotOf(undefined)).toBeUndefined();
    expect(cachedSnapshotOf({ ...item, v: '7' })).toBeUndefined();
    expect(cachedSnapshotOf({ ...item, body: 'not binary' })).toBeUndefined();
    // Binary but not a copy: not Brotli, or Brotli of something else; never an error that fails the cold start.
    expect(cachedSnapshotOf({ ...item, body: new Uint8Array([1, 2, 3, 4]) })).toBeUndefined();
    expect(cachedSnapshotOf({ ...item, body: brotliCompressSync('{"snapshot":null}') })).toBeUndefined();
  });
});
