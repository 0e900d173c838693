import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { deputyDirectors, person, sonLa, unitOverseenBy } from '../support/people.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.dispose();
});

const NOW = '2026-11-26T09:00:00+07:00';
const body = (b: unknown) => JSON.stringify(b);
const json = async (res: Response) => (await res.json()) as any;

const director = person('director');
const itDeputy = deputyDirectors().find((d) => unitOverseenBy(d.id).includes('it'))!;
const postsDeputy = deputyDirectors().find((d) => unitOverseenBy(d.id).includes('posts-telecom'))!;
const itHead = person('head', 'it');
const itDeputyHead = person('deputy-head', 'it');
const itSpecialist = person('specialist', 'it');
const itSpecialist2 = person('specialist', 'it', 1);
const pressSpecialist = person('specialist', 'press');
const chiefInspector = person('chief-inspector');

async function assign(as: string, input: Record<string, unknown>, clock = NOW, headers: Record<string, string> = {}) {
  return t.as(as, '/v1/assignments', {
    method: 'POST',
    body: body({ title: 'Rà soát hệ thống một cửa điện tử', dueDate: '2026-12-04', ...input }),
    clock,
    headers,
  });
}

describe('creating an assignment', () => {
  it('a head assigns to a specialist of their unit: 201 with status assigned, version 1 and history', async () => {
    const res = await assign(itHead.id, { assigneeId: itSpecialist.id, coordinatorIds: [itSpecialist2.id], priority: 'high', source: { kind: 'plan', ref: 'KH-12/2026' } });
    expect(res.status).toBe(201);
    const a = await json(res);
    expect(a).toMatchObject({
      status: 'assigned',
      assigneeId: itSpecialist.id,
      responsibleId: itSpecialist.id,
      unitId: 'it',
      assignerId: itHead.id,
      coordinatorIds: [itSpecialist2.id],
      dueDate: '2026-12-04',
      originalDueDate: '2026-12-04',
      dueAt: '2026-12-04T23:59:59.000+07:00',
      priority: 'high',
      source: { kind: 'plan', ref: 'KH-12/2026' },
      confidentiality: 'normal',
      version: 1,
      timeliness: 'within-deadline',
    });
    const full = await json(await t.as(itSpecialist.id, `/v1/assignments/${a.id}`, { clock: NOW }));
    expect(full.history).toHaveLength(1);
    expect(full.history[0]).toMatchObject({ action: 'created', actorId: itHead.id, version: 1 });
  });

  it('to a unit: its head answers for it', async () => {
    const a = await json(await assign(director.id, { unitId: 'press' }));
    expect(a).toMatchObject({ assigneeId: null, unitId: 'press', responsibleId: person('head', 'press').id });
  });

  it('a specialist may not assign: 403 citing the rule, and nothing is written', async () => {
    const before = await t.countItems();
    const res = await assign(itSpecialist.id, { assigneeId: itSpecialist2.id });
    expect(res.status).toBe(403);
    expect((await json(res)).detail).toMatch(/A1|A4/);
    expect(await t.countItems()).toBe(before);
  });

  it('a head may not assign outside their unit; a deputy director not outside their units unless in their fields (A3)', async () => {
    const before = await t.countItems();
    expect((await assign(itHead.id, { assigneeId: pressSpecialist.id })).status).toBe(403);
    expect((await assign(itDeputy.id, { assigneeId: pressSpecialist.id })).status).toBe(403);
    expect(await t.countItems()).toBe(before);
    const itField = sonLa.leaders.find((l) => l.staffId === itDeputy.id)!.fields[0]!;
    const res = await assign(itDeputy.id, { assigneeId: pressSpecialist.id, fieldId: itField });
    expect(res.status).toBe(201);
    expect((await json(res)).onBehalfOf).toBeUndefined();
  });

  it('names each bad field and writes nothing', async () => {
    const before = await t.countItems();
    const res = await t.as(director.id, '/v1/assignments', {
      method: 'POST',
      body: body({ title: '', dueDate: '2026-02-30', assigneeId: 7, priority: 'now', extra: true }),
      clock: NOW,
    });
    expect(res.status).toBe(400);
    const paths = (await json(res)).errors.map((e: any) => e.path).sort();
    expect(paths).toEqual(expect.arrayContaining(['body.title', 'body.dueDate', 'body.assigneeId', 'body.priority']));
    const unknownPerson = await assign(director.id, { assigneeId: 'nobody-at-all', coordinatorIds: ['ghost'] });
    expect(unknownPerson.status).toBe(400);
    expect((await json(unknownPerson)).errors.map((e: any) => e.path)).toEqual(['body.assigneeId', 'body.coordinatorIds.0']);
    const past = await assign(director.id, { assigneeId: itSpecialist.id, dueDate: '2026-11-25' });
    expect(past.status).toBe(400);
    expect(await t.countItems()).toBe(before);
  });

  it('Idempotency-Key: a replay returns the first answer and creates nothing; another body gets 422', async () => {
    const headers = { 'idempotency-key': 'eoffice-4711' };
    const first = await assign(itHead.id, { assigneeId: itSpecialist.id, title: 'Báo cáo an toàn thông tin' }, NOW, headers);
    expect(first.status).toBe(201);
    const created = await json(first);
    const count = await t.countItems();
    const again = await assign(itHead.id, { assigneeId: itSpecialist.id, title: 'Báo cáo an toàn thông tin' }, NOW, headers);
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect((await json(again)).id).toBe(created.id);
    expect(await t.countItems()).toBe(count);
    const other = await assign(itHead.id, { assigneeId: itSpecialist.id, title: 'Khác' }, NOW, headers);
    expect(other.status).toBe(422);
    expect((await json(other)).errors[0].path).toBe('header.idempotency-key');
    expect(await t.countItems()).toBe(count);
  });

  it('concurrent replays of one key create exactly one assignment', async () => {
    const headers = { 'idempotency-key': 'race-1' };
    const results = await Promise.all(
      Array.from({ length: 8 }, () => assign(itHead.id, { assigneeId: itSpecialist2.id, title: 'Một lần thôi' }, NOW, headers)),
    );
    const ids = new Set(await Promise.all(results.map(async (r) => (expect(r.status).toBe(201), (await json(r)).id))));
    expect(ids.size).toBe(1);
  });
});

describe('the life of an assignment', () => {
  it('progress, completion, return for rework, completion again; every step in the history', async () => {
    const a = await json(await assign(itHead.id, { assigneeId: itSpecialist.id }));
    const p = await t.as(itSpecialist.id, `/v1/assignments/${a.id}/progress`, { method: 'POST', body: body({ percent: 40, note: 'Đã rà soát 4/10 thủ tục' }), clock: NOW });
    expect(p.status).toBe(200);
    expect(await json(p)).toMatchObject({ status: 'in-progress', percent: 40, version: 2 });
    // Only the assignee records progress.
    expect((await t.as(itSpecialist2.id, `/v1/assignments/${a.id}/progress`, { method: 'POST', body: body({ percent: 50, note: 'x' }), clock: NOW })).status).toBe(404);
    expect((await t.as(itHead.id, `/v1/assignments/${a.id}/progress`, { method: 'POST', body: body({ percent: 50, note: 'x' }), clock: NOW })).status).toBe(403);
    const done = await json(
      await t.as(itSpecialist.id, `/v1/assignments/${a.id}/complete`, {
        method: 'POST',
        body: body({ note: 'Hoàn thành', evidence: [{ url: 'https://ioffice.sonla.gov.vn/vb/123', title: 'Báo cáo' }] }),
        clock: '2026-12-01T10:00:00+07:00',
      }),
    );
    expect(done).toMatchObject({ status: 'completed', completedOnTime: true, completion: 'on-time', timeliness: 'on-time', percent: 100 });
    // A completed assignment cannot be completed again.
    expect((await t.as(itSpecialist.id, `/v1/assignments/${a.id}/complete`, { method: 'POST', body: body({ note: 'again' }), clock: NOW })).status).toBe(409);
    // The assignee cannot return their own work; the assigner can.
    expect((await t.as(itSpecialist.id, `/v1/assignments/${a.id}/return`, { method: 'POST', body: body({ reason: 'x' }), clock: NOW })).status).toBe(403);
    const back = await json(await t.as(itHead.id, `/v1/assignments/${a.id}/return`, { method: 'POST', body: body({ reason: 'Thiếu số liệu quý IV' }), clock: '2026-12-02T08:00:00+07:00' }));
    expect(back).toMatchObject({ status: 'in-progress', returnCount: 1, timeliness: 'due-soon' });
    expect(back.completion).toBeUndefined();
    const late = await json(await t.as(itSpecialist.id, `/v1/assignments/${a.id}/complete`, { method: 'POST', body: body({ note: 'Bổ sung' }), clock: '2026-12-05T08:00:00+07:00' }));
    expect(late).toMatchObject({ completion: 'late', completedOnTime: false });
    const history = (await json(await t.as(director.id, `/v1/assignments/${a.id}`, { clock: NOW }))).history.map((e: any) => e.action);
    expect(history).toEqual(['created', 'progress-recorded', 'completed', 'returned-for-rework', 'completed']);
  });

  it('cancellation needs the assigner and a reason', async () => {
    const a = await json(await assign(itHead.id, { assigneeId: itSpecialist.id }));
    const noReason = await t.as(itHead.id, `/v1/assignments/${a.id}/cancel`, { method: 'POST', body: body({ reason: '' }), clock: NOW });
    expect(noReason.status).toBe(400);
    expect((await json(noReason)).errors[0].path).toBe('body.reason');
    const cancelled = await json(await t.as(itHead.id, `/v1/assignments/${a.id}/cancel`, { method: 'POST', body: body({ reason: 'Đã có văn bản thay thế' }), clock: NOW }));
    expect(cancelled).toMatchObject({ status: 'cancelled', timeliness: 'cancelled', cancellationReason: 'Đã có văn bản thay thế' });
  });

  it('If-Match with a stale version gets 412 and changes nothing', async () => {
    const a = await json(await assign(itHead.id, { assigneeId: itSpecialist.id }));
    const res = await t.as(itSpecialist.id, `/v1/assignments/${a.id}/progress`, {
      method: 'POST',
      body: body({ percent: 10, note: 'x' }),
      headers: { 'if-match': '"7"' },
      clock: NOW,
    });
    expect(res.status).toBe(412);
    const now = await json(await t.as(itSpecialist.id, `/v1/assignments/${a.id}`, { clock: NOW }));
    expect(now.version).toBe(1);
    expect(now.history).toHaveLength(1);
    const current = await t.as(itSpecialist.id, `/v1/assignments/${a.id}/progress`, {
      method: 'POST',
      body: body({ percent: 10, note: 'x' }),
      headers: { 'if-match': '"1"' },
      clock: NOW,
    });
    expect(current.status).toBe(200);
  });

  it('50 concurrent progress updates all land in the history, no version repeated', async () => {
    const a = await json(await assign(itHead.id, { assigneeId: itSpecialist.id }));
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        t.as(itSpecialist.id, `/v1/assignments/${a.id}/progress`, { method: 'POST', body: body({ percent: i + 1, note: `bước ${i + 1}` }), clock: NOW }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(Array(50).fill(200));
    const full = await json(await t.as(itSpecialist.id, `/v1/assignments/${a.id}`, { clock: NOW }));
    expect(full.version).toBe(51);
    const progress = full.history.filter((e: any) => e.action === 'progress-recorded');
    expect(progress).toHaveLength(50);
    expect(new Set(full.history.map((e: any) => e.version)).size).toBe(51);
    expect(progress.map((e: any) => e.data.note).sort()).toEqual(Array.from({ length: 50 }, (_, i) => `bước ${i + 1}`).sort());
  });
});

describe('extensions (Điều 10.1) and deadlines at the second', () => {
  async function withExtension(decide: boolean) {
    const a = await json(await assign(itHead.id, { assigneeId: itSpecialist.id, dueDate: '2026-12-04' }));
    const noReason = await t.as(itSpecialist.id, `/v1/assignments/${a.id}/extension-requests`, { method: 'POST', body: body({ newDueDate: '2026-12-11' }), clock: NOW });
    expect(noReason.status).toBe(400);
    expect((await json(noReason)).errors[0].path).toBe('body.reason');
    const requested = await json(
      await t.as(itSpecialist.id, `/v1/assignments/${a.id}/extension-requests`, { method: 'POST', body: body({ newDueDate: '2026-12-11', reason: 'Chờ số liệu của Sở Tài chính' }), clock: NOW }),
    );
    const request = requested.extensionRequests[0];
    expect(request).toMatchObject({ status: 'pending', reason: 'Chờ số liệu của Sở Tài chính' });
    // The assignee cannot decide their own request; a peer neither.
    expect((await t.as(itSpecialist.id, `/v1/assignments/${a.id}/extension-requests/${request.id}/decision`, { method: 'POST', body: body({ approve: true }), clock: NOW })).status).toBe(403);
    const decided = await json(
      await t.as(director.id, `/v1/assignments/${a.id}/extension-requests/${request.id}/decision`, { method: 'POST', body: body({ approve: decide, note: 'Đồng ý' }), clock: NOW }),
    );
    expect(decided.originalDueDate).toBe('2026-12-04');
    expect(decided.dueDate).toBe(decide ? '2026-12-11' : '2026-12-04');
    return decided;
  }

  it('completed at 23:59:59 on the original due date is on time; one second later, after an approved extension, on time after extension', async () => {
    const a = await withExtension(true);
    const b = await withExtension(true);
    const onTime = await json(await t.as(itSpecialist.id, `/v1/assignments/${a.id}/complete`, { method: 'POST', body: body({ note: 'x' }), clock: '2026-12-04T23:59:59+07:00' }));
    expect(onTime.completion).toBe('on-time');
    const after = await json(await t.as(itSpecialist.id, `/v1/assignments/${b.id}/complete`, { method: 'POST', body: body({ note: 'x' }), clock: '2026-12-05T00:00:00+07:00' }));
    expect(after.completion).toBe('on-time-after-extension');
    expect(after.completedOnTime).toBe(true);
    const history = (await json(await t.as(director.id, `/v1/assignments/${b.id}`, { clock: NOW }))).history.map((e: any) => e.action);
    expect(history).toEqual(['created', 'extension-requested', 'extension-approved', 'completed']);
  });

  it('after a refused extension, one second past the due date is late; past the extended date too', async () => {
    const a = await withExtension(false);
    const late = await json(await t.as(itSpecialist.id, `/v1/assignments/${a.id}/complete`, { method: 'POST', body: body({ note: 'x' }), clock: '2026-12-05T00:00:00+07:00' }));
    expect(late.completion).toBe('late');
    const b = await withExtension(true);
    const lateAfter = await json(await t.as(itSpecialist.id, `/v1/assignments/${b.id}/complete`, { method: 'POST', body: body({ note: 'x' }), clock: '2026-12-12T00:00:00+07:00' }));
    expect(lateAfter.completion).toBe('late');
  });

  it('open work is within deadline, due soon (3 working days), then overdue after the last second', async () => {
    const a = await json(await assign(itHead.id, { assigneeId: itSpecialist.id, dueDate: '2026-12-04' }));
    const at = async (clock: string) => (await json(await t.as(itSpecialist.id, `/v1/assignments/${a.id}`, { clock }))).timeliness;
    expect(await at('2026-11-26T09:00:00+07:00')).toBe('within-deadline');
    expect(await at('2026-12-01T09:00:00+07:00')).toBe('due-soon');
    expect(await at('2026-12-04T23:59:59+07:00')).toBe('due-soon');
    expect(await at('2026-12-05T00:00:00+07:00')).toBe('overdue');
  });
});

describe('delegation (A2) and acting on behalf', () => {
  it('while the director is away, the delegated deputy assigns anywhere on the director’s behalf, and it is recorded', async () => {
    const outside = person('specialist', 'press');
    expect((await assign(postsDeputy.id, { assigneeId: outside.id })).status).toBe(403);
    const delegation = await t.as(director.id, '/v1/delegations', {
      method: 'POST',
      body: body({ delegateId: postsDeputy.id, from: '2026-11-26', to: '2026-11-30', note: 'Công tác Hà Nội' }),
      clock: NOW,
    });
    expect(delegation.status).toBe(201);
    const d = await json(delegation);
    const res = await assign(postsDeputy.id, { assigneeId: outside.id });
    expect(res.status).toBe(201);
    const a = await json(res);
    expect(a.onBehalfOf).toBe(director.id);
    const full = await json(await t.as(director.id, `/v1/assignments/${a.id}`, { clock: NOW }));
    expect(full.history[0]).toMatchObject({ actorId: postsDeputy.id, onBehalfOf: director.id });
    // The day after it ends, the authority is gone.
    expect((await assign(postsDeputy.id, { assigneeId: outside.id }, '2026-12-01T08:00:00+07:00')).status).toBe(403);
    // A specialist cannot delegate; only the delegator or the director revokes.
    expect((await t.as(itSpecialist.id, '/v1/delegations', { method: 'POST', body: body({ delegateId: itSpecialist2.id, from: '2026-11-26', to: '2026-11-27' }), clock: NOW })).status).toBe(403);
    const revoked = await t.as(director.id, `/v1/delegations/${d.id}/revoke`, { method: 'POST', body: body({ note: 'Về sớm' }), clock: NOW });
    expect(revoked.status).toBe(200);
    expect((await assign(postsDeputy.id, { assigneeId: outside.id })).status).toBe(403);
    const audit = await json(await t.as(director.id, `/v1/audit?entityId=${d.id}`, { clock: NOW }));
    expect(audit.items.map((e: any) => e.action)).toEqual(['delegated', 'revoked']);
  });
});

describe('visibility', () => {
  it('a specialist sees their own and what they coordinate; another unit’s assignment is 404, not 403', async () => {
    const mine = await json(await assign(itHead.id, { assigneeId: itSpecialist.id, coordinatorIds: [itSpecialist2.id] }));
    const theirs = await json(await assign(director.id, { assigneeId: pressSpecialist.id }));
    expect((await t.as(itSpecialist2.id, `/v1/assignments/${mine.id}`, { clock: NOW })).status).toBe(200);
    const hidden = await t.as(itSpecialist.id, `/v1/assignments/${theirs.id}`, { clock: NOW });
    expect(hidden.status).toBe(404);
    expect((await t.as(itSpecialist.id, `/v1/audit?entityId=${theirs.id}`, { clock: NOW })).status).toBe(404);
    expect((await t.as(itSpecialist.id, `/v1/assignments/${theirs.id}/progress`, { method: 'POST', body: body({ percent: 1, note: 'x' }), clock: NOW })).status).toBe(404);
    expect((await t.as(itHead.id, `/v1/assignments/${theirs.id}`, { clock: NOW })).status).toBe(404);
    expect((await t.as(chiefInspector.id, `/v1/assignments/${theirs.id}`, { clock: NOW })).status).toBe(200);
    expect((await t.as(postsDeputy.id, `/v1/assignments/${theirs.id}`, { clock: NOW })).status).toBe(404);
  });

  it('a confidential assignment: only its assigner, assignee, coordinators and the director', async () => {
    const secret = await json(await assign(itHead.id, { assigneeId: itSpecialist.id, coordinatorIds: [itDeputyHead.id], confidentiality: 'confidential' }));
    for (const [who, status] of [
      [itHead.id, 200],
      [itSpecialist.id, 200],
      [itDeputyHead.id, 200],
      [director.id, 200],
      [chiefInspector.id, 404],
      [itDeputy.id, 404],
      [itSpecialist2.id, 404],
    ] as const) {
      expect((await t.as(who, `/v1/assignments/${secret.id}`, { clock: NOW })).status, who).toBe(status);
    }
    const list = await json(await t.as(chiefInspector.id, '/v1/assignments?unitId=it&limit=100', { clock: NOW }));
    expect(list.items.map((a: any) => a.id)).not.toContain(secret.id);
  });
});

describe('lists', () => {
  it('by assignee, unit, status, overdue, due range and source kind, paginated', async () => {
    const own = await createTestApp();
    try {
      const a = (as: string, input: Record<string, unknown>) =>
        own.as(as, '/v1/assignments', { method: 'POST', body: body({ title: 'Việc', dueDate: '2026-12-04', ...input }), clock: NOW });
      const ids: string[] = [];
      for (let i = 0; i < 5; i++) ids.push((await json(await a(itHead.id, { assigneeId: itSpecialist.id, dueDate: `2026-12-0${i + 1}` }))).id);
      await a(itHead.id, { assigneeId: itSpecialist2.id, source: { kind: 'meeting', ref: 'GB-48' } });
      await a(director.id, { unitId: 'press' });
      const later = '2026-12-03T09:00:00+07:00';
      const list = async (as: string, q: string, clock = NOW) => json(await own.as(as, `/v1/assignments?${q}`, { clock }));

      expect((await list(itSpecialist.id, '')).items).toHaveLength(5);
      expect((await list(itHead.id, 'unitId=it')).items).toHaveLength(6);
      expect((await list(director.id, '')).items).toHaveLength(7);
      expect((await list(itHead.id, `assigneeId=${itSpecialist.id}&dueAfter=2026-12-02&dueBefore=2026-12-04`)).items.map((x: any) => x.dueDate)).toEqual([
        '2026-12-02',
        '2026-12-03',
        '2026-12-04',
      ]);
      expect((await list(itHead.id, 'unitId=it&sourceKind=meeting')).items).toHaveLength(1);
      const overdue = await list(itHead.id, 'unitId=it&overdue=true', later);
      expect(overdue.items.map((x: any) => x.dueDate)).toEqual(['2026-12-01', '2026-12-02']);
      expect(overdue.items.every((x: any) => x.timeliness === 'overdue')).toBe(true);
      await own.as(itSpecialist.id, `/v1/assignments/${ids[4]}/complete`, { method: 'POST', body: body({ note: 'xong' }), clock: NOW });
      expect((await list(itHead.id, 'unitId=it&status=completed')).items.map((x: any) => x.id)).toEqual([ids[4]]);
      expect((await list(itHead.id, 'unitId=it&status=assigned')).items).toHaveLength(5);

      const seen: string[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const page = await list(director.id, `limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
        seen.push(...page.items.map((x: any) => x.id));
        cursor = page.nextCursor;
        pages++;
      } while (cursor && pages < 20);
      expect(new Set(seen).size).toBe(7);
      expect(seen).toHaveLength(7);

      const bad = await own.as(director.id, '/v1/assignments?cursor=not-a-cursor', { clock: NOW });
      expect(bad.status).toBe(400);
      expect((await json(bad)).errors[0].path).toBe('query.cursor');
      const unknown = await own.as(director.id, '/v1/assignments?colour=red', { clock: NOW });
      expect(unknown.status).toBe(400);
    } finally {
      await own.dispose();
    }
  });
});

describe('history is append-only', () => {
  it('no route edits or deletes audit events', async () => {
    const a = await json(await assign(itHead.id, { assigneeId: itSpecialist.id }));
    expect((await t.as(director.id, `/v1/audit?entityId=${a.id}`, { method: 'DELETE', clock: NOW })).status).toBe(405);
    expect((await t.as(director.id, `/v1/assignments/${a.id}`, { method: 'DELETE', clock: NOW })).status).toBe(405);
    expect((await t.as(director.id, `/v1/assignments/${a.id}`, { method: 'PUT', body: body({}), clock: NOW })).status).toBe(405);
  });
});
