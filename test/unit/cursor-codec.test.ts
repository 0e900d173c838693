import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CURSOR_TTL_MS, CursorCodec, devCursorKeys, staticCursorKeys, type CursorBinding } from '../../shared/adapters/cursor-codec.js';
import { ValidationError } from '../../shared/domain/errors.js';

const KEY = 'k'.repeat(40);
const OTHER_KEY = 'o'.repeat(40);
const NOW = new Date('2026-11-26T09:00:00+07:00');
const binding: CursorBinding = {
  orgId: 'so-tttt-son-la',
  staffId: 'nguyen-van-a',
  list: 'GET /v1/assignments',
  filters: { assigneeId: 'tran-thi-b', status: 'assigned' },
};
const POSITION = '0.eyJQSyI6Im9yZyNzb24tbGEjQVNTSUdOTUVOVCMwMUoifQ';

/** The refusal every bad cursor gets: a ValidationError naming query.cursor, with this message. */
async function refusal(p: Promise<unknown>): Promise<string> {
  const error = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ValidationError);
  const issues = (error as ValidationError).issues;
  expect(issues).toHaveLength(1);
  expect(issues[0]!.path).toBe('query.cursor');
  return issues[0]!.message;
}

const codec = (key = KEY, previous?: string) => new CursorCodec(staticCursorKeys({ current: key, ...(previous ? { previous } : {}) }));

describe('the cursor codec', () => {
  it('round-trips a position for the same caller, list and filters, in any filter order', async () => {
    const c = codec();
    const sealed = await c.seal(POSITION, binding, NOW);
    expect(await c.open(sealed, binding, NOW)).toBe(POSITION);
    const reordered = { ...binding, filters: { status: 'assigned', assigneeId: 'tran-thi-b', dueAfter: undefined } };
    expect(await c.open(sealed, reordered, NOW)).toBe(POSITION);
  });

  it('is opaque: nothing of the position or the binding can be read from it, and no two seals are alike', async () => {
    const c = codec();
    const a = await c.seal(POSITION, binding, NOW);
    const b = await c.seal(POSITION, binding, NOW);
    expect(a).not.toBe(b);
    const raw = Buffer.from(a, 'base64url');
    for (const needle of [POSITION, 'ASSIGNMENT', 'nguyen-van-a', 'tran-thi-b', '"p"']) expect(raw.includes(needle)).toBe(false);
    expect(() => JSON.parse(raw.toString('utf8'))).toThrow();
  });

  it('refuses a cursor with any single byte changed, in each region: version, IV, tag, ciphertext', async () => {
    const c = codec();
    const raw = Buffer.from(await c.seal(POSITION, binding, NOW), 'base64url');
    const regions = { version: [0], iv: [1, 6, 12], tag: [13, 20, 28], ciphertext: [29, Math.floor((29 + raw.length) / 2), raw.length - 1] };
    for (const [region, offsets] of Object.entries(regions)) {
      for (const offset of offsets) {
        const tampered = Buffer.from(raw);
        tampered[offset] = tampered[offset]! ^ 0x01;
        expect(await refusal(c.open(tampered.toString('base64url'), binding, NOW)), `${region} byte ${offset}`).toBe('invalid cursor');
      }
    }
    // Cut short, or lengthened.
    expect(await refusal(c.open(raw.subarray(0, raw.length - 1).toString('base64url'), binding, NOW))).toBe('invalid cursor');
    expect(await refusal(c.open(Buffer.concat([raw, Buffer.from([0])]).toString('base64url'), binding, NOW))).toBe('invalid cursor');
  });

  it('refuses a cursor for another caller, organisation, list or filters', async () => {
    const c = codec();
    const sealed = await c.seal(POSITION, binding, NOW);
    const foreign: CursorBinding[] = [
      { ...binding, staffId: 'le-van-c' },
      { ...binding, orgId: 'so-khac' },
      { ...binding, list: 'GET /v1/leave-requests' },
      { ...binding, filters: { assigneeId: 'tran-thi-b' } },
      { ...binding, filters: { ...binding.filters, unitId: 'it' } },
      { ...binding, filters: { assigneeId: 'tran-thi-b', status: 'completed' } },
    ];
    for (const b of foreign) expect(await refusal(c.open(sealed, b, NOW)), JSON.stringify(b)).toBe('invalid cursor');
  });

  it('refuses a cursor sealed with another key, and opens the previous key’s cursors during a rotation only', async () => {
    const old = await codec(OTHER_KEY).seal(POSITION, binding, NOW);
    expect(await refusal(codec(KEY).open(old, binding, NOW))).toBe('invalid cursor');
    const rotating = codec(KEY, OTHER_KEY);
    expect(await rotating.open(old, binding, NOW)).toBe(POSITION);
    // New cursors are sealed with the current key.
    expect(await codec(KEY).open(await rotating.seal(POSITION, binding, NOW), binding, NOW)).toBe(POSITION);
  });

  it('expires one hour after it was given out', async () => {
    const c = codec();
    const sealed = await c.seal(POSITION, binding, NOW);
    expect(CURSOR_TTL_MS).toBe(3_600_000);
    expect(await c.open(sealed, binding, new Date(NOW.getTime() + CURSOR_TTL_MS - 1))).toBe(POSITION);
    expect(await refusal(c.open(sealed, binding, new Date(NOW.getTime() + CURSOR_TTL_MS)))).toBe('expired cursor');
    expect(await refusal(c.open(sealed, binding, new Date(NOW.getTime() + 86_400_000)))).toBe('expired cursor');
  });

  it('refuses malformed cursors without throwing anything else', async () => {
    const c = codec();
    const oldStyle = Buffer.from(JSON.stringify({ GSI1PK: 'ORG#so-tttt-son-la#RESP#x' })).toString('base64url');
    const sealed = await c.seal(POSITION, binding, NOW);
    for (const bad of ['x', 'not a cursor', 'AAAA', oldStyle, `0.${oldStyle}`, '%00', 'é', `${sealed}=`, `${sealed}.`, sealed.slice(1), 'A'.repeat(5000), Buffer.alloc(64).toString('base64url')]) {
      expect(await refusal(c.open(bad, binding, NOW)), bad.slice(0, 40)).toBe('invalid cursor');
    }
  });

  it('refuses key material shorter than 32 characters', () => {
    expect(() => staticCursorKeys({ current: 'short' })).toThrow(/at least 32/);
    expect(() => staticCursorKeys({ current: KEY, previous: 'short' })).toThrow(/at least 32/);
  });

  it('keeps the local key in a file readable by its owner only, and reuses it after a restart', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'cursor-key-')), 'dev-cursor-key.json');
    const first = new CursorCodec(devCursorKeys(file));
    const sealed = await first.seal(POSITION, binding, NOW);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(file, 'utf8')).current).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(await new CursorCodec(devCursorKeys(file)).open(sealed, binding, NOW)).toBe(POSITION);
    expect(await refusal(new CursorCodec(devCursorKeys()).open(sealed, binding, NOW))).toBe('invalid cursor');
  });
});
