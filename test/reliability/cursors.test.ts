/**
 * Every paginated list of the app's own OpenAPI document (lists added later join by themselves):
 * a cursor opens only for the caller, list and filters it was given out for, within the hour;
 * tampered, foreign, stale and malformed cursors are a 400 naming query.cursor, never a 500.
 *
 * The oracle needs no data in the lists: cursors are sealed here with the app's key, all already
 * expired. The one bound exactly to the request must be refused as *expired* (so the route opened
 * it with that binding); every variation (another caller, organisation, list, filters or key; any
 * byte changed) must be refused as *invalid* before its expiry is even read. Lists that have a
 * next page with the seeded records are also replayed for real: same caller 200, another 400.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../functions/api/app.js';
import { localDeps } from '../../functions/api/dependencies.js';
import { CursorCodec, staticCursorKeys, type CursorBinding } from '../../shared/adapters/cursor-codec.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { person } from '../support/people.js';
import { operationsOf, type OpenApiDocument, type Operation } from './support/openapi-arbitraries.js';

const KEY = { current: 'reliability-cursor-key-0123456789abcdefghij' };
const codec = new CursorCodec(staticCursorKeys(KEY));
const otherKey = new CursorCodec(staticCursorKeys({ current: 'some-other-deployment-key-0123456789abcdef' }));
const CLOCK = '2026-11-26T09:00:00+07:00';
const NOW = new Date(CLOCK);
/** Sealed 61 minutes before the request: expired by then. */
const STALE = new Date(NOW.getTime() - 61 * 60_000);

const { deps: docDeps } = await localDeps({ tableName: 'openapi-only', endpoint: 'http://127.0.0.1:9', logLevel: 'SILENT' });
const doc = (await (await buildApp(docDeps).request('/v1/openapi.json')).json()) as OpenApiDocument;
const lists = operationsOf(doc).filter((op) => op.method === 'GET' && op.params.some((p) => p.in === 'query' && p.name === 'cursor'));

const director = person('director');
const chiefInspector = person('chief-inspector');
const itSpecialist = person('specialist', 'it');

let t: TestApp;
let assignmentId: string;

beforeAll(async () => {
  t = await createTestApp({ cursorSecrets: KEY });
  const post = async (as: string, path: string, body: unknown) => {
    const res = await t.as(as, path, { method: 'POST', body: JSON.stringify(body), clock: CLOCK });
    expect(res.status, `${path}: ${await res.clone().text()}`).toBe(201);
    return (await res.json()) as { id: string };
  };
  // A few records, so several lists have a second page to replay for real.
  assignmentId = (await post(director.id, '/v1/assignments', { title: 'Kiểm thử con trỏ 1', assigneeId: itSpecialist.id, dueDate: '2026-12-10' })).id;
  await post(director.id, '/v1/assignments', { title: 'Kiểm thử con trỏ 2', assigneeId: itSpecialist.id, dueDate: '2026-12-11' });
  await post(director.id, '/v1/meetings', { kind: 'weekly-briefing', heldOn: '2026-11-20', chairId: director.id, participantIds: [person('deputy-director').id] });
  await post(director.id, '/v1/meetings', { kind: 'weekly-briefing', heldOn: '2026-11-13', chairId: director.id, participantIds: [person('deputy-director').id] });
  await post(itSpecialist.id, '/v1/leave-requests', { kind: 'annual', startDate: '2026-12-07', reason: 'Việc gia đình' });
  await post(itSpecialist.id, '/v1/overtime', { date: '2026-11-21', hours: 2, reason: 'Trực hệ thống' });
  await post(itSpecialist.id, '/v1/overtime', { date: '2026-11-22', hours: 3, reason: 'Trực hệ thống' });
});
afterAll(async () => {
  await t?.dispose();
});

/** A value for each required parameter: its enum's first, or a seeded id. */
function requiredQuery(op: Operation): Record<string, string> {
  const known: Record<string, () => string> = { entityId: () => assignmentId, period: () => '2026-11' };
  return Object.fromEntries(
    op.params
      .filter((p) => p.in === 'query' && p.required)
      .map((p) => {
        const value = p.schema?.enum?.[0] ?? known[p.name]?.();
        if (value === undefined) throw new Error(`Give the test a value for the required ${op.path} ?${p.name}`);
        return [p.name, String(value)];
      }),
  );
}

/** What the route binds: the query with its defaults, without cursor, page size and language. */
function filtersOf(op: Operation, sent: Record<string, string>): Record<string, unknown> {
  const defaults = Object.fromEntries(op.params.filter((p) => p.in === 'query' && (p.schema as { default?: unknown })?.default !== undefined).map((p) => [p.name, (p.schema as { default?: unknown }).default]));
  const all: Record<string, unknown> = { ...defaults, ...sent };
  for (const k of ['cursor', 'limit', 'lang']) delete all[k];
  return all;
}

/** Another filter value the list accepts: an optional enum's other value, or an optional id. */
function otherFilter(op: Operation, sent: Record<string, string>): [string, string] {
  for (const p of op.params.filter((q) => q.in === 'query' && !['cursor', 'limit'].includes(q.name))) {
    const values = p.schema?.enum?.map(String);
    if (values && values.length > 1) return [p.name, values.find((v) => v !== (sent[p.name] ?? (p.schema as { default?: unknown }).default)) ?? values[1]!];
  }
  const id = op.params.find((q) => q.in === 'query' && !q.required && /Id$/.test(q.name));
  if (id) return [id.name, id.name === 'unitId' ? 'it' : director.id];
  // No filter at all: the only other query is one with a filter the list does not have.
  return ['', ''];
}

const url = (op: Operation, query: Record<string, string>) => `${op.path}?${new URLSearchParams(query).toString()}`;

async function refused(op: Operation, as: string, query: Record<string, string>, message: 'invalid cursor' | 'expired cursor', clock = CLOCK) {
  const res = await t.as(as, url(op, query), { clock });
  const text = await res.text();
  const where = `${op.path} as ${as}: ${res.status} ${text.slice(0, 300)}`;
  expect(res.status, where).toBe(400);
  expect(res.headers.get('content-type'), where).toMatch(/^application\/problem\+json/);
  expect(JSON.parse(text).errors, where).toEqual([{ path: 'query.cursor', message }]);
}

function flip(cursor: string, offset: number): string {
  const raw = Buffer.from(cursor, 'base64url');
  raw[offset < 0 ? raw.length + offset : offset]! ^= 0x01;
  return raw.toString('base64url');
}

const tally = { lists: 0, replayed: [] as string[], refusals: 0 };

describe('cursors on every paginated list of the OpenAPI document', () => {
  it('finds the paginated lists', () => {
    expect(lists.length).toBeGreaterThanOrEqual(16);
  });

  it.each(lists.map((op) => [op.path, op] as const))('%s', async (_name, op) => {
    tally.lists++;
    const sent = requiredQuery(op);
    const binding: CursorBinding = { orgId: t.orgId, staffId: director.id, list: `GET ${op.path}`, filters: filtersOf(op, sent) };
    const paged = op.params.some((p) => p.in === 'query' && p.name === 'limit');
    const limit: Record<string, string> = paged ? { limit: '1' } : {};
    const first = await t.as(director.id, url(op, { ...sent, ...limit }), { clock: CLOCK });
    expect(first.status, `${op.path}: ${await first.clone().text()}`).toBe(200);

    // Bound exactly to this request, but stale: the route opened it, so it is refused as expired.
    const exact = await codec.seal('0', binding, STALE);
    await refused(op, director.id, { ...sent, cursor: exact }, 'expired cursor');

    const [name, value] = otherFilter(op, sent);
    const variations: [string, string][] = [
      ['another caller', await codec.seal('0', { ...binding, staffId: chiefInspector.id }, STALE)],
      ['another organisation', await codec.seal('0', { ...binding, orgId: 'so-khac' }, STALE)],
      ['another list', await codec.seal('0', { ...binding, list: lists.find((o) => o !== op)!.path }, STALE)],
      ['other filters', await codec.seal('0', { ...binding, filters: { ...binding.filters, ...(name ? { [name]: value } : { unknown: 'x' }) } }, STALE)],
      ['another key', await otherKey.seal('0', binding, STALE)],
      ...[0, 1, 13, 29, -1].map((offset) => [`byte ${offset} changed`, flip(exact, offset)] as [string, string]),
      ['cut short', exact.slice(0, -2)],
      ['the old base64url JSON', Buffer.from(JSON.stringify({ PK: `ORG#${t.orgId}`, SK: 'x' })).toString('base64url')],
      ['a phase and the old JSON', `0.${Buffer.from(JSON.stringify({ GSI1PK: `ORG#${t.orgId}#RESP#${director.id}` })).toString('base64url')}`],
      ['plain text', 'trang-2'],
      ['not base64url', 'a+b/c=='],
    ];
    for (const [label, cursor] of variations) {
      await refused(op, director.id, { ...sent, cursor }, 'invalid cursor').catch((e: Error) => {
        throw new Error(`${label}: ${e.message}`);
      });
      tally.refusals++;
    }

    // A real next page where the seeded records make one: the caller continues, nobody else does.
    const page = (await first.json()) as { nextCursor?: string };
    if (page.nextCursor) {
      tally.replayed.push(op.path);
      const again = await t.as(director.id, url(op, { ...sent, ...limit, cursor: page.nextCursor }), { clock: CLOCK });
      expect(again.status, `${op.path}: ${await again.clone().text()}`).toBe(200);
      await refused(op, chiefInspector.id, { ...sent, cursor: page.nextCursor }, 'invalid cursor');
      await refused(op, director.id, { ...sent, cursor: flip(page.nextCursor, -1) }, 'invalid cursor');
      await refused(op, director.id, { ...sent, cursor: page.nextCursor }, 'expired cursor', new Date(NOW.getTime() + 61 * 60_000).toISOString());
      if (name) await refused(op, director.id, { ...sent, [name]: value, cursor: page.nextCursor }, 'invalid cursor');
    }
  });

  it('replayed real next pages where the seeded records make them', () => {
    console.log(`cursors: ${tally.lists} lists, ${tally.refusals} refused cursors; real next pages replayed on ${tally.replayed.length}: ${tally.replayed.join(', ')}`);
    expect(tally.replayed).toEqual(expect.arrayContaining(['/v1/assignments', '/v1/audit', '/v1/meetings', '/v1/overtime']));
  });
});
