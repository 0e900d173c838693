import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Webhook } from 'standardwebhooks';
import { generateWebhookSecret } from '../../shared/adapters/webhook-signing.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { json, signedPost } from '../support/eoffice.js';
import { person } from '../support/people.js';

// Signed calls from the e-office system (issue #7): Standard Webhooks, checked before anything is read.
const SECRET = generateWebhookSecret();
const OTHER = generateWebhookSecret();
const DOCS = '/v1/integrations/eoffice/documents';
const CLOCK = '2026-11-26T10:05:00+07:00';
const director = person('director');
const itSpecialist = person('specialist', 'it');

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ eoffice: { secrets: [SECRET] } });
});
afterAll(async () => {
  await t?.dispose();
});

let n = 0;
const doc = (extra: Record<string, unknown> = {}) => ({
  externalId: `VB-2026-${String(++n).padStart(5, '0')}`,
  number: `${1200 + n}/UBND-KT`,
  title: 'V/v triển khai chữ ký số cho cán bộ, công chức',
  issuer: 'UBND tỉnh Sơn La',
  receivedAt: '2026-11-26T10:00:00+07:00',
  ...extra,
});

describe('a valid delivery', () => {
  it('registers the document with its D1 deadline, and writes exactly its pointer, state, history and idempotency record', async () => {
    const before = await t.countItems();
    const body = doc();
    const res = await signedPost(t, DOCS, body, { secrets: [SECRET], id: 'evt_valid_1', clock: CLOCK });
    expect(res.status).toBe(201);
    const d = await json(res);
    expect(d).toMatchObject({
      externalId: body.externalId,
      number: body.number,
      title: body.title,
      issuer: 'UBND tỉnh Sơn La',
      receivedAt: '2026-11-26T10:00:00.000+07:00',
      confidentiality: 'normal',
      kind: 'normal',
      register: 'general',
      status: 'registered',
      // D1 (rulebook: 09:00 on the next working day): received Thursday, due Friday 09:00.
      distributionDueAt: '2026-11-27T09:00:00.000+07:00',
      distributionTimeliness: 'pending',
      webhookId: 'evt_valid_1',
      registeredAt: '2026-11-26T10:05:00.000+07:00',
      version: 1,
    });
    expect(d.complaint).toBeUndefined();
    expect(await t.countItems()).toBe(before + 4);
    const full = await json(await t.as(director.id, `/v1/documents/${d.id}`, { clock: CLOCK }));
    expect(full.history.map((e: any) => [e.action, e.actorId])).toEqual([['registered', 'eoffice']]);
  });

  it('received Friday afternoon: due at 09:00 on Monday, the next working day', async () => {
    const res = await signedPost(t, DOCS, doc({ receivedAt: '2026-11-27T16:30:00+07:00' }), { secrets: [SECRET], clock: CLOCK });
    expect((await json(res)).distributionDueAt).toBe('2026-11-30T09:00:00.000+07:00');
  });

  it('needs no bearer token, but a person’s token does not replace the signature', async () => {
    const res = await t.app.request(DOCS, {
      method: 'POST',
      body: JSON.stringify(doc()),
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await t.token(director.id)}` },
    });
    expect(res.status).toBe(401);
    expect((await json(res)).detail).toBe('Missing the Standard Webhooks headers webhook-id, webhook-timestamp, webhook-signature.');
  });
});

describe('refused before anything is written', () => {
  it('a forged signature (another secret), a tampered body, or no signature: 401', async () => {
    const before = await t.countItems();
    const body = doc();
    const forged = await signedPost(t, DOCS, body, { secrets: [OTHER] });
    expect(forged.status).toBe(401);
    expect(forged.headers.get('content-type')).toContain('application/problem+json');
    expect((await json(forged)).detail).toBe('No webhook-signature matches this body with the organisation’s secret.');

    // Signed, then changed on the way.
    const raw = JSON.stringify(body);
    const signedFor = await signedPost(t, DOCS, raw, { secrets: [SECRET], id: 'evt_tamper' });
    const count = await t.countItems();
    expect(signedFor.status).toBe(201);
    const now = new Date();
    const tampered = await t.app.request(DOCS, {
      method: 'POST',
      body: raw.replace('UBND tỉnh Sơn La', 'Kẻ giả mạo'),
      headers: {
        'content-type': 'application/json',
        'webhook-id': 'evt_tamper_2',
        'webhook-timestamp': String(Math.floor(now.getTime() / 1000)),
        'webhook-signature': new Webhook(SECRET).sign('evt_tamper_2', now, raw),
      },
    });
    expect(tampered.status).toBe(401);
    expect(await t.countItems()).toBe(count);

    const unsigned = await signedPost(t, DOCS, doc(), { secrets: [] });
    expect(unsigned.status).toBe(401);
    expect((await json(unsigned)).detail).toBe('Missing the Standard Webhooks header webhook-signature.');
    expect(await t.countItems()).toBe(count);
    expect(count).toBe(before + 4);
  });

  it('a stale timestamp (more than 5 minutes in the past, or in the future) is 401, checked against real time', async () => {
    const before = await t.countItems();
    const stale = await signedPost(t, DOCS, doc(), { secrets: [SECRET], timestamp: new Date(Date.now() - 6 * 60_000) });
    expect(stale.status).toBe(401);
    expect((await json(stale)).detail).toBe('webhook-timestamp is more than 5 minutes in the past; check the sender’s clock.');
    const future = await signedPost(t, DOCS, doc(), { secrets: [SECRET], timestamp: new Date(Date.now() + 6 * 60_000) });
    expect(future.status).toBe(401);
    expect((await json(future)).detail).toBe('webhook-timestamp is more than 5 minutes in the future; check the sender’s clock.');
    // X-Clock moves business time only: it cannot make a stale delivery fresh.
    const clocked = await signedPost(t, DOCS, doc(), {
      secrets: [SECRET],
      timestamp: new Date(Date.now() - 6 * 60_000),
      clock: new Date(Date.now() - 6 * 60_000).toISOString(),
    });
    expect(clocked.status).toBe(401);
    expect(await t.countItems()).toBe(before);
    // Four minutes late is within the window.
    expect((await signedPost(t, DOCS, doc(), { secrets: [SECRET], timestamp: new Date(Date.now() - 4 * 60_000) })).status).toBe(201);
  });

  it('a body over the limit is 413; malformed JSON is 400 naming the problem; bad fields are 400 naming each', async () => {
    const before = await t.countItems();
    const huge = JSON.stringify(doc({ title: 'x'.repeat(70 * 1024) }));
    const tooBig = await signedPost(t, DOCS, huge, { secrets: [SECRET] });
    expect(tooBig.status).toBe(413);
    expect((await json(tooBig)).detail).toBe('An e-office call may carry at most 65536 bytes.');

    const malformed = await signedPost(t, DOCS, '{"externalId": "VB-1", "title": ', { secrets: [SECRET] });
    expect(malformed.status).toBe(400);
    const problem = await json(malformed);
    expect(problem.detail).toMatch(/^The body is not valid JSON: /);
    expect(problem.errors).toHaveLength(1);
    expect(problem.errors[0].path).toBe('body');
    expect(problem.errors[0].message).toMatch(/^Malformed JSON: /);

    const invalid = await signedPost(t, DOCS, doc({ receivedAt: '2026-11-26 10:00', confidentiality: 'mật', issuer: undefined, extra: 1 }), { secrets: [SECRET] });
    expect(invalid.status).toBe(400);
    expect((await json(invalid)).errors.map((e: any) => e.path).sort()).toEqual(['body', 'body.confidentiality', 'body.issuer', 'body.receivedAt']);
    expect(await t.countItems()).toBe(before);
  });

  it('an organisation with no secret configured refuses every call', async () => {
    const bare = await createTestApp({ eoffice: {} });
    try {
      const res = await signedPost(bare, DOCS, doc(), { secrets: [SECRET] });
      expect(res.status).toBe(401);
      expect((await json(res)).detail).toBe('The e-office integration has no secret configured for this organisation.');
    } finally {
      await bare.dispose();
    }
  });
});

describe('replays', () => {
  it('the same webhook-id returns the first answer and creates nothing; with another body, 422', async () => {
    const body = doc();
    const first = await signedPost(t, DOCS, body, { secrets: [SECRET], id: 'evt_replay_1', clock: CLOCK });
    expect(first.status).toBe(201);
    const created = await json(first);
    const count = await t.countItems();
    // A redelivery is signed afresh (new timestamp) but carries the same id and body.
    const again = await signedPost(t, DOCS, body, { secrets: [SECRET], id: 'evt_replay_1', clock: '2026-11-26T11:00:00+07:00' });
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(await json(again)).toEqual(created);
    expect(await t.countItems()).toBe(count);

    const other = await signedPost(t, DOCS, { ...body, title: 'Khác' }, { secrets: [SECRET], id: 'evt_replay_1' });
    expect(other.status).toBe(422);
    expect((await json(other)).errors).toEqual([{ path: 'header.webhook-id', message: 'reused with another body' }]);
    expect(await t.countItems()).toBe(count);
  });

  it('the same document under a new webhook-id: the stored document (200); with other details, 409', async () => {
    const body = doc();
    const created = await json(await signedPost(t, DOCS, body, { secrets: [SECRET], clock: CLOCK }));
    const count = await t.countItems();
    const same = await signedPost(t, DOCS, body, { secrets: [SECRET], clock: CLOCK });
    expect(same.status).toBe(200);
    expect((await json(same)).id).toBe(created.id);
    const changed = await signedPost(t, DOCS, { ...body, title: 'Trích yếu khác' }, { secrets: [SECRET] });
    expect(changed.status).toBe(409);
    expect(await t.countItems()).toBe(count);
  });

  it('concurrent deliveries of one event register one document', async () => {
    const body = doc();
    const results = await Promise.all(Array.from({ length: 6 }, () => signedPost(t, DOCS, body, { secrets: [SECRET], id: 'evt_race', clock: CLOCK })));
    const ids = await Promise.all(results.map(async (r) => (expect(r.status).toBe(201), (await json(r)).id)));
    expect(new Set(ids).size).toBe(1);
  });
});

describe('secret rotation', () => {
  it('while both secrets are configured either one (or both signatures at once) is accepted; a third is not', async () => {
    const NEW = generateWebhookSecret();
    const rotating = await createTestApp({ eoffice: { secrets: [NEW, SECRET] } });
    try {
      expect((await signedPost(rotating, DOCS, doc(), { secrets: [SECRET] })).status).toBe(201);
      expect((await signedPost(rotating, DOCS, doc(), { secrets: [NEW] })).status).toBe(201);
      expect((await signedPost(rotating, DOCS, doc(), { secrets: [OTHER, NEW] })).status).toBe(201);
      expect((await signedPost(rotating, DOCS, doc(), { secrets: [OTHER] })).status).toBe(401);
    } finally {
      await rotating.dispose();
    }
    // After the rotation the old secret is refused.
    const rotated = await createTestApp({ eoffice: { secrets: [NEW] } });
    try {
      expect((await signedPost(rotated, DOCS, doc(), { secrets: [SECRET] })).status).toBe(401);
      expect((await signedPost(rotated, DOCS, doc(), { secrets: [NEW] })).status).toBe(201);
    } finally {
      await rotated.dispose();
    }
  });
});

describe('D3 (Điều 9.1.6): a complaint or denunciation letter', () => {
  it('is flagged to the director at once, in the register’s history; nobody else gets the flag', async () => {
    const res = await signedPost(t, DOCS, doc({ kind: 'denunciation', title: 'Đơn tố cáo cán bộ' }), { secrets: [SECRET], clock: CLOCK });
    expect(res.status).toBe(201);
    const d = await json(res);
    expect(d.complaint).toEqual({
      rule: 'D3',
      article: 'Điều 9.1.6',
      flagIds: [expect.any(String)],
      reportedTo: [director.id],
      dueAt: '2026-11-27T09:00:00.000+07:00',
    });
    const flags = await json(await t.as(director.id, '/v1/documents/flags', { clock: CLOCK }));
    expect(flags.items[0]).toMatchObject({
      id: d.complaint.flagIds[0],
      recipientId: director.id,
      rule: 'D3',
      kind: 'complaint-letter',
      documentId: d.id,
      title: 'Đơn tố cáo cán bộ',
      dueAt: '2026-11-27T02:00:00.000Z',
    });
    expect((await json(await t.as(itSpecialist.id, '/v1/documents/flags', { clock: CLOCK }))).items).toEqual([]);
    const history = (await json(await t.as(director.id, `/v1/documents/${d.id}`, { clock: CLOCK }))).history;
    expect(history.map((e: any) => e.action)).toEqual(['registered', 'reported-to-director']);
    expect(history[1].data).toMatchObject({ rule: 'D3', reportedTo: [director.id] });
  });
});

describe('the OpenAPI document', () => {
  it('describes the signed routes with their body schemas and the Standard Webhooks scheme', async () => {
    const doc = await json(await t.app.request('/v1/openapi.json'));
    const post = doc.paths['/v1/integrations/eoffice/documents'].post;
    expect(post.security).toEqual([{ standardWebhooks: [] }]);
    expect(post.requestBody.content['application/json'].schema.$ref).toBe('#/components/schemas/RegisterDocument');
    expect(doc.paths['/v1/integrations/eoffice/documents/{externalId}/distribution'].post.requestBody.content['application/json'].schema.$ref).toBe(
      '#/components/schemas/DocumentDistribution',
    );
    expect(doc.components.securitySchemes.standardWebhooks).toMatchObject({ type: 'apiKey', in: 'header', name: 'webhook-signature' });
  });
});
