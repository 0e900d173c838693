/**
 * Issue #18.1: cursors leaked what filters hide. A filter the caller may not use answers nothing
 * (no item, no cursor, no query run); every cursor is sealed and opens only for its caller, list
 * and filters, within the hour; anything else is a 400 naming query.cursor, never a 500.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CursorCodec, staticCursorKeys } from '../../shared/adapters/cursor-codec.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { person } from '../support/people.js';

const KEY = { current: 'cursor-integration-test-key-0123456789abcdef' };
const codec = new CursorCodec(staticCursorKeys(KEY));

let t: TestApp;
const NOW = '2026-11-26T09:00:00+07:00';
const at = (minutes: number) => new Date(new Date(NOW).getTime() + minutes * 60_000).toISOString();
const json = async (res: Response) => (await res.json()) as any;

const director = person('director');
const chiefInspector = person('chief-inspector');
const itSpecialist = person('specialist', 'it');
const pressSpecialist = person('specialist', 'press');
const pressHead = person('head', 'press');

let pressLeaveApprover: string;
const pressAssignments: string[] = [];

beforeAll(async () => {
  t = await createTestApp({ cursorSecrets: KEY });
  for (const [i, due] of ['2026-12-04', '2026-12-08', '2026-12-11'].entries()) {
    const res = await t.as(director.id, '/v1/assignments', {
      method: 'POST',
      body: JSON.stringify({ title: `Việc mật ${i + 1}`, assigneeId: pressSpecialist.id, dueDate: due, confidentiality: i === 0 ? 'secret' : 'normal' }),
      clock: NOW,
    });
    expect(res.status, await res.clone().text()).toBe(201);
    pressAssignments.push((await json(res)).id);
  }
  const leave = await t.as(pressSpecialist.id, '/v1/leave-requests', {
    method: 'POST',
    body: JSON.stringify({ kind: 'sick', startDate: '2026-12-07', reason: 'Khám bệnh' }),
    clock: NOW,
  });
  expect(leave.status, await leave.clone().text()).toBe(201);
  pressLeaveApprover = (await json(leave)).approverId;
  expect(pressLeaveApprover).toEqual(expect.any(String));
});
afterAll(async () => {
  await t?.dispose();
});

const get = (as: string, path: string, clock = NOW) => t.as(as, path, { clock });

async function expectCursorRefused(res: Response, message = 'invalid cursor') {
  const text = await res.text();
  expect(res.status, text).toBe(400);
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect(JSON.parse(text).errors).toEqual([{ path: 'query.cursor', message }]);
}

describe('a filter the caller may not use', () => {
  const forbidden = () => [
    `/v1/assignments?assigneeId=${pressSpecialist.id}&limit=1`,
    '/v1/assignments?unitId=press&limit=1',
    `/v1/leave-requests?staffId=${pressSpecialist.id}&limit=1`,
    '/v1/leave-requests?unitId=press&limit=1',
    `/v1/leave-requests?approverId=${pressLeaveApprover}&limit=1`,
    `/v1/overtime?staffId=${pressSpecialist.id}&limit=1`,
    `/v1/findings?subjectId=${pressSpecialist.id}&limit=1`,
  ];

  it('answers no item and no cursor to a specialist of another division', async () => {
    for (const path of forbidden()) {
      const res = await get(itSpecialist.id, path);
      const body = await json(res);
      expect(res.status, path).toBe(200);
      expect(body.items, path).toEqual([]);
      expect(body.nextCursor, path).toBeUndefined();
    }
  });

  it('still answers those entitled: the director pages through all three, behind opaque cursors', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const path = `/v1/assignments?assigneeId=${pressSpecialist.id}&limit=1${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
      const res = await get(director.id, path);
      expect(res.status, path).toBe(200);
      const page = await json(res);
      seen.push(...page.items.map((a: { id: string }) => a.id));
      cursor = page.nextCursor;
      if (cursor) {
        const raw = Buffer.from(cursor, 'base64url');
        expect(() => JSON.parse(raw.toString('utf8'))).toThrow();
        for (const id of pressAssignments) expect(raw.includes(id)).toBe(false);
        expect(cursor).not.toMatch(/^\d\./);
      }
      pages++;
    } while (cursor && pages < 10);
    expect(seen.sort()).toEqual([...pressAssignments].sort());
    // The head of the press unit sees the unit's normal assignments, with the same leave visible to them.
    const unit = await json(await get(pressHead.id, '/v1/assignments?unitId=press&limit=10'));
    expect(unit.items.map((a: { id: string }) => a.id).sort()).toEqual(pressAssignments.slice(1).sort());
    const leave = await json(await get(pressLeaveApprover, `/v1/leave-requests?approverId=${pressLeaveApprover}&limit=10`));
    expect(leave.items).toHaveLength(1);
  });
});

describe('a cursor', () => {
  const first = async (as = director.id, clock = NOW) => {
    const page = await json(await get(as, `/v1/assignments?assigneeId=${pressSpecialist.id}&limit=1`, clock));
    expect(page.nextCursor).toEqual(expect.any(String));
    return page.nextCursor as string;
  };
  const next = (cursor: string, query = `assigneeId=${pressSpecialist.id}&limit=1`) => `/v1/assignments?${query}&cursor=${encodeURIComponent(cursor)}`;

  it('opens for the caller it was given to, with another page size', async () => {
    const cursor = await first();
    expect((await get(director.id, next(cursor))).status).toBe(200);
    expect((await get(director.id, next(cursor, `assigneeId=${pressSpecialist.id}&limit=5`))).status).toBe(200);
  });

  it('replayed by another caller who could list the same is refused', async () => {
    await expectCursorRefused(await get(chiefInspector.id, next(await first())));
  });

  it('used on another list is refused', async () => {
    const cursor = await first();
    await expectCursorRefused(await get(director.id, `/v1/leave-requests?staffId=${pressSpecialist.id}&limit=1&cursor=${encodeURIComponent(cursor)}`));
    await expectCursorRefused(await get(director.id, `/v1/findings?subjectId=${pressSpecialist.id}&limit=1&cursor=${encodeURIComponent(cursor)}`));
    await expectCursorRefused(await get(director.id, `/v1/dashboard/records?figure=assignments.open&staffId=${pressSpecialist.id}&cursor=${encodeURIComponent(cursor)}`));
  });

  it('with the filters changed is refused', async () => {
    const cursor = await first();
    await expectCursorRefused(await get(director.id, next(cursor, `assigneeId=${pressSpecialist.id}&status=assigned&limit=1`)));
    await expectCursorRefused(await get(director.id, next(cursor, `assigneeId=${itSpecialist.id}&limit=1`)));
    await expectCursorRefused(await get(director.id, next(cursor, 'unitId=press&limit=1')));
    await expectCursorRefused(await get(director.id, next(cursor, 'limit=1')));
  });

  it('expires an hour after it was given out', async () => {
    const cursor = await first();
    expect((await get(director.id, next(cursor), at(59))).status).toBe(200);
    await expectCursorRefused(await get(director.id, next(cursor), at(61)), 'expired cursor');
  });

  it('altered, hand-made or in the old format is a 400, never a 500', async () => {
    const cursor = await first();
    const raw = Buffer.from(cursor, 'base64url');
    for (const offset of [0, 5, 20, raw.length - 1]) {
      const tampered = Buffer.from(raw);
      tampered[offset] = tampered[offset]! ^ 0x80;
      await expectCursorRefused(await get(director.id, next(tampered.toString('base64url'))));
    }
    // The old format: the last key read, base64url JSON; naming only the partition answered 500.
    const partitionOnly = Buffer.from(JSON.stringify({ GSI1PK: `ORG#${t.orgId}#RESP#${pressSpecialist.id}` })).toString('base64url');
    for (const bad of [`0.${partitionOnly}`, partitionOnly, '0.start', 'not-a-cursor']) await expectCursorRefused(await get(director.id, next(bad)));
  });

  it('sealed with another key is refused', async () => {
    const binding = { orgId: t.orgId, staffId: director.id, list: 'GET /v1/assignments', filters: { assigneeId: pressSpecialist.id } };
    // The same binding and a valid position open with the app's key, not with another.
    const own = await codec.seal('0.start', binding, new Date(NOW));
    expect((await get(director.id, next(own))).status).toBe(200);
    const other = new CursorCodec(staticCursorKeys({ current: 'another-deployment-key-0123456789abcdefgh' }));
    await expectCursorRefused(await get(director.id, next(await other.seal('0.start', binding, new Date(NOW)))));
  });
});

describe('the dashboard’s records page', () => {
  const page = (as: string, query: string) => t.as(as, `/dashboard/records?${query}`, { clock: NOW, headers: { accept: 'text/html' } });
  const filters = { period: '2026-11', figure: 'assignments.open', unitId: 'press', staffId: undefined, rule: undefined };
  const binding = (staffId: string, list = 'GET /dashboard/records') => ({ orgId: t.orgId, staffId, list, filters });
  // The records page's own position: start at the first source.
  const START = Buffer.from(JSON.stringify({ s: 0 })).toString('base64url');
  const query = (cursor: string) => `period=2026-11&figure=assignments.open&unitId=press&cursor=${encodeURIComponent(cursor)}`;

  it('uses the same sealed cursors: its own open, another caller’s, another list’s, an expired or a raw one do not', async () => {
    const mine = await codec.seal(START, binding(director.id), new Date(NOW));
    const ok = await page(director.id, query(mine));
    expect(ok.status, await ok.clone().text()).toBe(200);
    for (const bad of [
      await codec.seal(START, binding(chiefInspector.id), new Date(NOW)),
      await codec.seal(START, binding(director.id, 'GET /v1/dashboard/records'), new Date(NOW)),
      await codec.seal(START, binding(director.id), new Date(at(-61))),
      START,
    ]) {
      const res = await page(director.id, query(bad));
      expect(res.status).toBe(400);
      expect(await res.text()).not.toContain('"s"');
    }
  });
});
