import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Webhook } from 'standardwebhooks';
import { ulid } from 'ulidx';
import { buildApp } from '../../functions/api/app.js';
import { localDeps } from '../../functions/api/dependencies.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { signedPost } from '../support/eoffice.js';
import { person, sonLa } from '../support/people.js';
import { fuzzCases } from './support/fuzz-cases.js';
import { liveCount as liveItemCount } from './support/table.js';
import { operationsOf, type FuzzCase, type Hints, type OpenApiDocument, type Operation } from './support/openapi-arbitraries.js';

// Every operation of the app's own OpenAPI document (routes added later join by themselves) gets
// RUNS generated requests, valid-looking and hostile, from a fixed seed. The answer is never a
// 5xx; a refusal is a problem+json whose 400 names each bad field; a refused request writes
// nothing (the table's items are counted after every request); nothing pollutes Object.prototype.
/** Per operation; FUZZ_RUNS raises it for a longer local run. */
const RUNS = Number(process.env.FUZZ_RUNS ?? 200);
const SEED = 20_261_126;
const CLOCK = '2026-11-26T09:00:00+07:00';
const SECRET = `whsec_${Buffer.from('reliability-fuzz-secret-32-bytes!').toString('base64')}`;

const { deps: docDeps } = await localDeps({ tableName: 'openapi-only', endpoint: 'http://127.0.0.1:9', logLevel: 'SILENT' });
const doc = (await (await buildApp(docDeps).request('/v1/openapi.json')).json()) as OpenApiDocument;
const operations = operationsOf(doc);

const director = person('director');
const callers = [director.id, director.id, person('admin').id, person('chief-of-office').id, person('accountant').id, person('head', 'it').id, person('specialist', 'it').id];
/**
 * Operations that authorise before they read the query (issue #23's year-end lists): whoever may
 * not read them gets 404 whatever the input, as if they did not exist; the callers named here get
 * the usual 400 naming the field.
 */
const AUTHORISED_FIRST: Readonly<Record<string, readonly string[]>> = {
  'GET /v1/evaluations/units': [director.id],
  'GET /v1/evaluations/emulation': [director.id, person('chief-of-office').id],
};

let t: TestApp;
/** The table's item count after the last request: a refusal must leave it as it is. */
let items = 0;
let hints: Hints;
/** Requests by kind of input, over all operations (the README's figures). */
const kinds = new Map<string, number>();
const KINDS: [RegExp, string][] = [
  [/^valid-looking$/, 'valid-looking'],
  [/^body\..* = /, 'a body field of the wrong type, format or size'],
  [/^body\..* hostile$/, 'a body field hostile (unicode, Vietnamese, huge, nested, impossible dates, injections)'],
  [/^body with key /, 'an unknown or prototype-pollution key'],
  [/^whole body /, 'malformed JSON, a non-object, deep nesting or an oversized body'],
  [/^upload$/, 'a hostile file upload'],
  [/^query\.\S+=/, 'a query parameter out of its schema'],
  [/^query .* hostile$/, 'a hostile query string (bad encodings, repeats, unknown keys)'],
  [/^path\./, 'a hostile path segment'],
  [/^header /, 'a bad header (If-Match, Idempotency-Key, X-Clock, Content-Type)'],
];
const kindOf = (label: string) => KINDS.find(([re]) => re.test(label))?.[1] ?? 'other';
const tally = new Map<string, { runs: number; accepted: number; refused: number; mustReject: number; serverErrors: number }>();

const json = async (res: Response) => (await res.json()) as any;
/** Exact on DynamoDB Local; each operation's run starts and ends by checking it against a full Scan. */
const liveCount = () => liveItemCount(t);

beforeAll(async () => {
  t = await createTestApp({ eoffice: { secrets: [SECRET] } });
  const post = async (as: string, path: string, body: unknown) => {
    const res = await t.as(as, path, { method: 'POST', body: JSON.stringify(body), clock: CLOCK });
    expect(res.status, `${path}: ${await res.clone().text()}`).toBe(201);
    return (await json(res)).id as string;
  };
  const itSpecialist = person('specialist', 'it');
  // Records the fuzzer can aim at, so valid-looking requests reach the use cases behind the ids.
  const seeded = [
    await post(director.id, '/v1/assignments', { title: 'Mục tiêu kiểm thử', assigneeId: itSpecialist.id, dueDate: '2026-12-10' }),
    await post(director.id, '/v1/meetings', { kind: 'weekly-briefing', heldOn: '2026-11-20', chairId: director.id, participantIds: [person('deputy-director').id] }),
    await post(itSpecialist.id, '/v1/leave-requests', { kind: 'annual', startDate: '2026-12-07', reason: 'Việc gia đình' }),
    await post(person('accountant').id, '/v1/finance/settlements', { dossierRef: 'HS-FUZZ-1', completeOn: '2026-11-20' }),
    await post(itSpecialist.id, '/v1/overtime', { date: '2026-11-21', hours: 2, reason: 'Trực hệ thống' }),
  ];
  const registered = await signedPost(t, '/v1/integrations/eoffice/documents', { externalId: 'VB-FUZZ-1', title: 'Văn bản kiểm thử', issuer: 'UBND tỉnh Sơn La', receivedAt: '2026-11-26T08:00:00+07:00' }, { secrets: [SECRET], clock: CLOCK });
  expect(registered.status).toBe(201);
  seeded.push((await json(registered)).id);
  const staff = sonLa.staff.map((s) => s.id);
  const units = sonLa.units.map((u) => u.id);
  // Administrative ids never name a caller: ending the director's employment would turn every later request into a 401.
  const bystanders = staff.filter((id) => !callers.includes(id));
  hints = {
    byName: {
      id: [...seeded, ...bystanders.slice(0, 2), 'it'],
      entityId: seeded,
      staffId: staff,
      assigneeId: staff,
      coordinatorId: staff,
      participantId: staff,
      chairId: staff,
      successorId: staff,
      subjectId: staff,
      approverId: staff,
      delegateId: staff,
      overseenBy: staff,
      unitId: units,
      obligationId: sonLa.reportObligations.map((o) => o.id),
      rule: ['A6', 'F1', 'F2', 'F3', 'F5'],
      month: ['2026-10', '2026-11'],
      externalId: ['VB-FUZZ-1'],
    },
  };
  items = await t.countItems();
});

afterAll(async () => {
  const rows = [...tally.values()];
  const sum = (k: 'runs' | 'accepted' | 'refused' | 'mustReject' | 'serverErrors') => rows.reduce((n, r) => n + r[k], 0);
  console.log(
    `bad input: ${rows.length} operations, ${sum('runs')} requests (${sum('accepted')} accepted, ${sum('refused')} refused, ${sum('mustReject')} certainly invalid), ${sum('serverErrors')} 5xx`,
  );
  console.log([...kinds].sort(([, a], [, b]) => b - a).map(([k, n]) => `  ${n}\t${k}`).join('\n'));
  await t?.dispose();
});

function request(op: Operation, c: FuzzCase, caller: string) {
  const path = op.path.replace(/\{(\w+)\}/g, (_m, name: string) => c.pathParams[name] ?? 'x');
  const qs = c.query.map(([k, v]) => `${k}=${v}`).join('&');
  const headers: Record<string, string> = {
    'x-clock': CLOCK,
    ...(c.body !== undefined ? { 'content-type': op.bodyTypes[0] ?? 'application/json' } : {}),
    ...c.headers,
  };
  return { url: qs ? `${path}?${qs}` : path, headers, caller };
}

async function send(op: Operation, c: FuzzCase, caller: string): Promise<Response> {
  const { url, headers } = request(op, c, caller);
  if (op.bearer) headers.authorization = `Bearer ${await t.token(caller)}`;
  else if (op.path.startsWith('/v1/integrations/')) {
    const id = `evt_${ulid()}`;
    const now = new Date();
    Object.assign(headers, {
      'webhook-id': id,
      'webhook-timestamp': String(Math.floor(now.getTime() / 1000)),
      'webhook-signature': new Webhook(SECRET).sign(id, now, c.body ?? ''),
    });
  }
  return t.app.request(url, { method: op.method, headers, ...(c.body !== undefined ? { body: c.body } : {}) });
}

/** Does some issue name the field: its path, a path inside it, or its parent with the key in the message (unknown keys)? */
const namesField = (errors: { path: string; message: string }[], field: string) => {
  const key = field.split('.').pop()!;
  return errors.some((e) => e.path === field || e.path.startsWith(`${field}.`) || (field.startsWith(`${e.path}.`) && e.message.includes(key)));
};

async function judge(op: Operation, c: FuzzCase, res: Response, caller: string) {
  const text = await res.text();
  const where = `${op.method} ${op.path} as ${caller} [${c.label}] ${request(op, c, caller).url.slice(0, 200)} → ${res.status} ${text.slice(0, 400)}`;
  const s = tally.get(`${op.method} ${op.path}`)!;
  s.runs++;
  expect(kindOf(c.label), c.label).not.toBe('other');
  kinds.set(kindOf(c.label), (kinds.get(kindOf(c.label)) ?? 0) + 1);
  if (c.mustReject) s.mustReject++;
  if (res.status >= 500) s.serverErrors++;
  expect(res.status, where).toBeLessThan(500);
  expect(Object.prototype, where).not.toHaveProperty('polluted');
  expect(Object.prototype, where).not.toHaveProperty('isAdmin');
  if (res.status >= 400) {
    s.refused++;
    expect(res.headers.get('content-type'), where).toMatch(/^application\/problem\+json/);
    const problem = JSON.parse(text) as { type: string; status: number; detail: string; errors?: { path: string; message: string }[] };
    expect(problem.status, where).toBe(res.status);
    expect(problem.type, where).toMatch(/^urn:quy-che-tracker:problem:[a-z-]+$/);
    expect(problem.detail, where).toEqual(expect.any(String));
    if (res.status === 400) {
      expect(problem.errors?.length, where).toBeGreaterThan(0);
      for (const e of problem.errors!) expect(e.path, where).toMatch(/^(body|query|path|header)(\.|$)/);
    }
    expect(await liveCount(), `a refused request wrote: ${where}`).toBe(items);
    const readers = AUTHORISED_FIRST[`${op.method} ${op.path}`];
    // The headers (the test clock) are read by the app before any route: a bad one is 400 for anyone.
    if (readers && !readers.includes(caller) && !c.mustReject?.field.startsWith('header.')) expect(res.status, where).toBe(404);
    else if (c.mustReject) {
      expect(c.mustReject.status, where).toContain(res.status);
      if (res.status === 400) expect(namesField(problem.errors!, c.mustReject.field), `${c.mustReject.field} not named: ${where}`).toBe(true);
    }
  } else {
    s.accepted++;
    expect(c.mustReject, `accepted an invalid request: ${where}`).toBeUndefined();
    items = await liveCount();
  }
}

describe('bad input on every operation of the OpenAPI document', () => {
  it('finds every operation, with bodies and queries to fuzz', () => {
    expect(operations.length).toBeGreaterThanOrEqual(70);
    expect(operations.filter((o) => o.body).length).toBeGreaterThanOrEqual(35);
    expect(operations.filter((o) => o.params.some((p) => p.in === 'query')).length).toBeGreaterThanOrEqual(20);
  });

  it.each(operations.map((op) => [`${op.method} ${op.path}`, op] as const))('%s', async (name, op) => {
    items = await t.countItems();
    expect(await liveCount()).toBe(items);
    tally.set(name, { runs: 0, accepted: 0, refused: 0, mustReject: 0, serverErrors: 0 });
    await fc.assert(
      fc.asyncProperty(fuzzCases(op, hints), fc.constantFrom(...callers), async (c, caller) => judge(op, c, await send(op, c, caller), caller)),
      { seed: SEED, numRuns: RUNS, endOnFailure: true },
    );
    expect(tally.get(name)!.runs).toBe(RUNS);
    expect(await t.countItems()).toBe(items);
  }, 180_000);
});

describe('a record grown to DynamoDB’s 400 KB item limit', () => {
  it('answers 422 naming the body, not 500, and changes nothing', async () => {
    const assignee = person('specialist', 'it');
    const created = await t.as(director.id, '/v1/assignments', { method: 'POST', body: JSON.stringify({ title: 'Gia hạn nhiều lần', assigneeId: assignee.id, dueDate: '2026-12-10' }), clock: CLOCK });
    const a = await json(created);
    // Each round adds a refused request whose reason and note are 5,000 three-byte characters: ~30 KB.
    const long = 'ệ'.repeat(5000);
    let refusal: { res: Response; before: number; version: number } | undefined;
    for (let round = 0; round < 20 && !refusal; round++) {
      const before = await t.countItems();
      const { version } = await json(await t.as(director.id, `/v1/assignments/${a.id}`, { clock: CLOCK }));
      const asked = await t.as(assignee.id, `/v1/assignments/${a.id}/extension-requests`, { method: 'POST', body: JSON.stringify({ newDueDate: '2026-12-20', reason: long }), clock: CLOCK });
      if (asked.status !== 201) {
        refusal = { res: asked, before, version };
        break;
      }
      const requestId = (await json(asked)).extensionRequests.at(-1).id;
      const before2 = await t.countItems();
      const decided = await t.as(director.id, `/v1/assignments/${a.id}/extension-requests/${requestId}/decision`, { method: 'POST', body: JSON.stringify({ approve: false, note: long }), clock: CLOCK });
      if (decided.status !== 200) refusal = { res: decided, before: before2, version: version + 1 };
    }
    expect(refusal, 'the record never reached the limit').toBeDefined();
    const { res, before, version } = refusal!;
    expect(res.status).toBe(422);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect((await json(res)).errors).toEqual([{ path: 'body', message: 'the record would exceed 400 KB' }]);
    expect(await t.countItems()).toBe(before);
    expect((await json(await t.as(director.id, `/v1/assignments/${a.id}`, { clock: CLOCK }))).version).toBe(version);
  }, 120_000);
});
