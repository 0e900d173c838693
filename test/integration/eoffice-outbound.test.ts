import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createServer } from 'node:http';
import { generateWebhookSecret } from '../../shared/adapters/webhook-signing.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { json, signedPost, startEofficeReceiver, type ReceivedCallback } from '../support/eoffice.js';
import { person } from '../support/people.js';

// Callbacks to the e-office (issue #7): a transactional outbox, sent signed, retried with backoff.
const SECRET = generateWebhookSecret();
const DOCS = '/v1/integrations/eoffice/documents';
const CLOCK = '2026-11-26T15:30:00+07:00';
const director = person('director');
const chiefOfOffice = person('chief-of-office');
const admin = person('admin');
const itHead = person('head', 'it');
const itSpecialist = person('specialist', 'it');
const distributorId = 'pham-minh-tuan';

/** A local e-office: answers each call with the next scripted status, then with `then`; keeps what it received. */
let script: number[] = [];
let then = 200;
let receiver: Awaited<ReturnType<typeof startEofficeReceiver>>;
let received: ReceivedCallback[];
let callbackUrl: string;

beforeAll(async () => {
  receiver = await startEofficeReceiver(SECRET, () => script.shift() ?? then);
  ({ received, callbackUrl } = receiver);
});
afterAll(async () => {
  await receiver?.close();
});

let t: TestApp;
beforeEach(() => {
  received.length = 0;
  script = [];
  then = 200;
});

async function docAssignment(app: TestApp, externalId: string, dueDate = '2026-12-04') {
  const reg = await signedPost(
    app,
    DOCS,
    { externalId, number: '77/UBND-VX', title: 'V/v báo cáo chuyển đổi số', issuer: 'UBND tỉnh Sơn La', receivedAt: '2026-11-26T10:00:00+07:00' },
    { secrets: [SECRET], clock: CLOCK },
  );
  expect(reg.status).toBe(201);
  const dist = await signedPost(app, `${DOCS}/${externalId}/distribution`, { assigneeIds: [itSpecialist.id], distributedAt: CLOCK, dueDate }, { secrets: [SECRET], clock: CLOCK });
  expect(dist.status).toBe(201);
  return (await json(dist)).assignments[0];
}

const at = (iso: string, plusMs = 0) => new Date(new Date(iso).getTime() + plusMs);

describe('completion of a document’s assignment', () => {
  beforeAll(async () => {
    t = await createTestApp({ eoffice: { secrets: [SECRET], callbackUrl, retry: { maxAttempts: 5, baseDelayMs: 30_000, maxDelayMs: 3_600_000 } } });
  });
  afterAll(async () => {
    await t?.dispose();
  });

  it('is delivered to the e-office receiver, signed, after it fails twice, with exponential backoff', async () => {
    const app = t;
    const a = await docAssignment(app, 'VB-OUT-1');
    const COMPLETED = '2026-11-27T10:00:00+07:00';
    const done = await app.as(itSpecialist.id, `/v1/assignments/${a.id}/complete`, { method: 'POST', body: JSON.stringify({ note: 'Đã báo cáo UBND tỉnh' }), clock: COMPLETED });
    expect(done.status).toBe(200);
    // The outbox item was written with the completion.
    const pending = await json(await app.as(director.id, '/v1/admin/eoffice/deliveries?state=pending', { clock: COMPLETED }));
    expect(pending.items.map((d: any) => [d.id, d.type, d.state, d.attemptCount])).toEqual([[`${a.id}.completed.2`, 'assignment.completed', 'pending', 0]]);

    script = [500, 502];
    const t0 = at(COMPLETED);
    expect(await app.services.eoffice.runOnce(t0)).toEqual({ attempted: 1, delivered: 0, retrying: 1, failed: 0 });
    expect(received).toHaveLength(1);
    // Backoff: not again before 30 s have passed…
    expect(await app.services.eoffice.runOnce(at(COMPLETED, 29_999))).toEqual({ attempted: 0, delivered: 0, retrying: 0, failed: 0 });
    expect(received).toHaveLength(1);
    // …then the second attempt, which fails too, and 60 s after it the third.
    expect(await app.services.eoffice.runOnce(at(COMPLETED, 30_000))).toEqual({ attempted: 1, delivered: 0, retrying: 1, failed: 0 });
    expect(await app.services.eoffice.runOnce(at(COMPLETED, 89_999))).toEqual({ attempted: 0, delivered: 0, retrying: 0, failed: 0 });
    expect(await app.services.eoffice.runOnce(at(COMPLETED, 90_000))).toEqual({ attempted: 1, delivered: 1, retrying: 0, failed: 0 });
    expect(received).toHaveLength(3);

    // The same signed message each time: same webhook-id, same bytes, a valid signature.
    expect(received.every((r) => r.verified)).toBe(true);
    expect(new Set(received.map((r) => r.headers['webhook-id']))).toEqual(new Set([`${a.id}.completed.2`]));
    expect(new Set(received.map((r) => r.body)).size).toBe(1);
    expect(received[0]!.headers['content-type']).toBe('application/json');
    expect(JSON.parse(received[0]!.body)).toEqual({
      type: 'assignment.completed',
      timestamp: '2026-11-27T03:00:00.000Z',
      data: expect.objectContaining({
        assignmentId: a.id,
        externalId: 'VB-OUT-1',
        documentNumber: '77/UBND-VX',
        status: 'completed',
        completion: 'on-time',
        completedOnTime: true,
        note: 'Đã báo cáo UBND tỉnh',
        assigneeId: itSpecialist.id,
        assignerId: distributorId,
      }),
    });

    const delivery = await json(await app.as(director.id, `/v1/admin/eoffice/deliveries/${a.id}.completed.2`, { clock: COMPLETED }));
    expect(delivery).toMatchObject({ state: 'delivered', attemptCount: 3, deliveredAt: '2026-11-27T03:01:30.000Z' });
    expect(delivery.attempts.map((x: any) => [x.at, x.ok, x.status])).toEqual([
      ['2026-11-27T03:00:00.000Z', false, 500],
      ['2026-11-27T03:00:30.000Z', false, 502],
      ['2026-11-27T03:01:30.000Z', true, 200],
    ]);
    expect(delivery.attempts[0].error).toBe('The e-office answered HTTP 500.');
    // Nothing is sent twice.
    expect(await app.services.eoffice.runOnce(at(COMPLETED, 3_600_000))).toEqual({ attempted: 0, delivered: 0, retrying: 0, failed: 0 });
    expect(received).toHaveLength(3);
    expect((await json(await app.as(director.id, '/v1/admin/eoffice/deliveries?state=delivered', { clock: COMPLETED }))).items).toHaveLength(1);
  });

  it('a return for rework is reported too; an assignment not from a document reports nothing', async () => {
    const a = await docAssignment(t, 'VB-OUT-2');
    await t.as(itSpecialist.id, `/v1/assignments/${a.id}/complete`, { method: 'POST', body: JSON.stringify({ note: 'Xong' }), clock: CLOCK });
    const back = await t.as(distributorId, `/v1/assignments/${a.id}/return`, { method: 'POST', body: JSON.stringify({ reason: 'Thiếu số liệu' }), clock: CLOCK });
    expect(back.status).toBe(200);
    const plain = await json(
      await t.as(itHead.id, '/v1/assignments', { method: 'POST', body: JSON.stringify({ title: 'Việc thường', assigneeId: itSpecialist.id, dueDate: '2026-12-04' }), clock: CLOCK }),
    );
    await t.as(itSpecialist.id, `/v1/assignments/${plain.id}/complete`, { method: 'POST', body: JSON.stringify({ note: 'Xong' }), clock: CLOCK });
    const pending = await json(await t.as(admin.id, '/v1/admin/eoffice/deliveries?state=pending', { clock: CLOCK }));
    expect(pending.items.map((d: any) => d.id).sort()).toEqual([`${a.id}.completed.2`, `${a.id}.returned.3`].sort());
    const returned = pending.items.find((d: any) => d.type === 'assignment.returned');
    expect(returned.payload.data).toMatchObject({ reason: 'Thiếu số liệu', returnCount: 1, status: 'in-progress' });
  });
});

describe('deliveries that keep failing', () => {
  it('are set aside as failed after the last attempt, listed for an administrator, and retried on request', async () => {
    const app = await createTestApp({ eoffice: { secrets: [SECRET], callbackUrl, retry: { maxAttempts: 3, baseDelayMs: 1_000, maxDelayMs: 60_000 } } });
    try {
      const a = await docAssignment(app, 'VB-FAIL-1');
      const T = '2026-11-27T10:00:00+07:00';
      await app.as(itSpecialist.id, `/v1/assignments/${a.id}/complete`, { method: 'POST', body: JSON.stringify({ note: 'Xong' }), clock: T });
      then = 503;
      const id = `${a.id}.completed.2`;
      expect((await app.services.eoffice.runOnce(at(T))).retrying).toBe(1);
      expect((await app.services.eoffice.runOnce(at(T, 1_000))).retrying).toBe(1);
      expect(await app.services.eoffice.runOnce(at(T, 3_000))).toEqual({ attempted: 1, delivered: 0, retrying: 0, failed: 1 });
      expect(received).toHaveLength(3);
      // Failed: no longer sent.
      expect((await app.services.eoffice.runOnce(at(T, 3_600_000))).attempted).toBe(0);

      expect((await app.as(itSpecialist.id, '/v1/admin/eoffice/deliveries?state=failed', { clock: T })).status).toBe(403);
      expect((await app.as(itHead.id, `/v1/admin/eoffice/deliveries/${id}/retry`, { method: 'POST', clock: T })).status).toBe(403);
      const failed = await json(await app.as(chiefOfOffice.id, '/v1/admin/eoffice/deliveries?state=failed', { clock: T }));
      expect(failed.items).toHaveLength(1);
      expect(failed.items[0]).toMatchObject({ id, state: 'failed', attemptCount: 3, lastError: 'The e-office answered HTTP 503.', failedAt: '2026-11-27T03:00:03.000Z' });
      expect(failed.items[0].nextAttemptAt).toBeUndefined();

      const stale = await app.as(chiefOfOffice.id, `/v1/admin/eoffice/deliveries/${id}/retry`, { method: 'POST', headers: { 'if-match': '"1"' }, clock: T });
      expect(stale.status).toBe(412);
      const retried = await app.as(chiefOfOffice.id, `/v1/admin/eoffice/deliveries/${id}/retry`, {
        method: 'POST',
        headers: { 'if-match': `"${failed.items[0].version}"` },
        clock: '2026-11-27T11:00:00+07:00',
      });
      expect(retried.status).toBe(200);
      expect(await json(retried)).toMatchObject({ state: 'pending', attemptCount: 0, nextAttemptAt: '2026-11-27T04:00:00.000Z' });
      expect((await json(await app.as(director.id, '/v1/admin/eoffice/deliveries?state=failed', { clock: T }))).items).toEqual([]);

      then = 200;
      expect(await app.services.eoffice.runOnce(at('2026-11-27T11:00:00+07:00'))).toEqual({ attempted: 1, delivered: 1, retrying: 0, failed: 0 });
      const delivered = await json(await app.as(director.id, `/v1/admin/eoffice/deliveries/${id}`, { clock: T }));
      expect(delivered.attempts.map((x: any) => x.status)).toEqual([503, 503, 503, 200]);
      const again = await app.as(chiefOfOffice.id, `/v1/admin/eoffice/deliveries/${id}/retry`, { method: 'POST', clock: T });
      expect(again.status).toBe(409);
      const history = await json(await app.as(chiefOfOffice.id, `/v1/audit?entityId=${id}`, { clock: T }));
      expect(history.items.map((e: any) => [e.action, e.actorId])).toEqual([['retry-requested', chiefOfOffice.id]]);
      expect((await app.as(itSpecialist.id, `/v1/audit?entityId=${id}`, { clock: T })).status).toBe(404);
    } finally {
      await app.dispose();
    }
  });

  it('an unreachable e-office, or none configured, counts as a failed attempt with the reason', async () => {
    // A port that was free a moment ago: nothing listens there.
    const probe = createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', () => r()));
    const port = (probe.address() as { port: number }).port;
    await new Promise((r) => probe.close(r));
    const app = await createTestApp({ eoffice: { secrets: [SECRET], callbackUrl: `http://127.0.0.1:${port}/nothing-listens`, retry: { maxAttempts: 2, baseDelayMs: 1_000, maxDelayMs: 1_000 } } });
    try {
      const a = await docAssignment(app, 'VB-DOWN-1');
      await app.as(itSpecialist.id, `/v1/assignments/${a.id}/complete`, { method: 'POST', body: JSON.stringify({ note: 'Xong' }), clock: CLOCK });
      await app.services.eoffice.runOnce(at(CLOCK));
      const d = await json(await app.as(director.id, `/v1/admin/eoffice/deliveries/${a.id}.completed.2`, { clock: CLOCK }));
      expect(d.attempts[0]).toMatchObject({ ok: false, error: 'Could not reach the e-office: ECONNREFUSED.' });
    } finally {
      await app.dispose();
    }
    const none = await createTestApp({ eoffice: { secrets: [SECRET], retry: { maxAttempts: 1 } } });
    try {
      const a = await docAssignment(none, 'VB-NONE-1');
      await none.as(itSpecialist.id, `/v1/assignments/${a.id}/complete`, { method: 'POST', body: JSON.stringify({ note: 'Xong' }), clock: CLOCK });
      expect(await none.services.eoffice.runOnce(at(CLOCK))).toEqual({ attempted: 1, delivered: 0, retrying: 0, failed: 1 });
      const d = await json(await none.as(director.id, `/v1/admin/eoffice/deliveries/${a.id}.completed.2`, { clock: CLOCK }));
      expect(d).toMatchObject({ state: 'failed', lastError: 'No e-office callback URL is configured for this organisation.' });
    } finally {
      await none.dispose();
    }
  });
});

describe('the overdue sweep', () => {
  it('queues one overdue callback per assignment and due date, however often it runs', async () => {
    const app = await createTestApp({ eoffice: { secrets: [SECRET], callbackUrl } });
    try {
      const a = await docAssignment(app, 'VB-LATE-1', '2026-12-01');
      const plain = await json(
        await app.as(itHead.id, '/v1/assignments', { method: 'POST', body: JSON.stringify({ title: 'Việc thường', assigneeId: itSpecialist.id, dueDate: '2026-12-01' }), clock: CLOCK }),
      );
      expect(plain.status).toBe('assigned');
      const sweep = (iso: string) => app.services.eoffice.sweepOverdue(app.orgId, new Date(iso));
      // The last second of the due date is not overdue yet.
      expect(await sweep('2026-12-01T23:59:59+07:00')).toEqual({ queued: [], alreadyQueued: 0 });
      expect(await sweep('2026-12-02T00:00:00+07:00')).toEqual({ queued: [`${a.id}.overdue.2026-12-01`], alreadyQueued: 0 });
      expect(await sweep('2026-12-03T08:00:00+07:00')).toEqual({ queued: [], alreadyQueued: 1 });
      const both = await Promise.all([sweep('2026-12-04T08:00:00+07:00'), sweep('2026-12-04T08:00:00+07:00')]);
      expect(both.map((r) => r.queued.length)).toEqual([0, 0]);
      const pending = await json(await app.as(director.id, '/v1/admin/eoffice/deliveries?state=pending', { clock: CLOCK }));
      expect(pending.items.map((d: any) => d.id)).toEqual([`${a.id}.overdue.2026-12-01`]);
      expect(pending.items[0].payload).toMatchObject({ type: 'assignment.overdue', data: { assignmentId: a.id, dueDate: '2026-12-01', dueAt: '2026-12-01T23:59:59.000+07:00' } });

      expect(await app.services.eoffice.runOnce(new Date('2026-12-02T00:00:00+07:00'))).toEqual({ attempted: 1, delivered: 1, retrying: 0, failed: 0 });
      expect(JSON.parse(received.at(-1)!.body)).toMatchObject({ type: 'assignment.overdue', data: { externalId: 'VB-LATE-1' } });
    } finally {
      await app.dispose();
    }
  });
});
