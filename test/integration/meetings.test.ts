// Long file: the listing tests at the end read every meeting the describes above record (the briefings of 23 Oct–20 Nov, the unit meetings of Sep–Oct, the 23 Oct meeting of the bad-input test); split, each file would have to record them again.
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { counterFigures } from '../support/counters.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { deputyDirectors, person, unitOverseenBy } from '../support/people.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.dispose();
});

const body = (b: unknown) => JSON.stringify(b);
const json = async (res: Response) => (await res.json()) as any;

const director = person('director');
const itDeputyDirector = deputyDirectors().find((d) => unitOverseenBy(d.id).includes('it'))!;
const chiefOfOffice = person('chief-of-office');
const itHead = person('head', 'it');
const itDeputyHead = person('deputy-head', 'it');
const itSpecialist = person('specialist', 'it');
const pressHead = person('head', 'press');
const pressSpecialist = person('specialist', 'press');
const postsSpecialist = person('specialist', 'posts-telecom');
const leaders = [director.id, itDeputyDirector.id, chiefOfOffice.id, itHead.id, pressHead.id];

async function recordMeeting(as: string, input: Record<string, unknown>, clock: string, headers: Record<string, string> = {}) {
  return t.as(as, '/v1/meetings', {
    method: 'POST',
    body: body({ kind: 'weekly-briefing', chairId: director.id, participantIds: leaders, ...input }),
    clock,
    headers,
  });
}

async function issue(as: string, meetingId: string, items: unknown[], clock: string, headers: Record<string, string> = {}, extra: Record<string, unknown> = {}) {
  return t.as(as, `/v1/meetings/${meetingId}/conclusions`, { method: 'POST', body: body({ items, ...extra }), clock, headers });
}

async function counters(periodId: string, unitId: string, staffId?: string) {
  const item = await counterFigures(t.table, t.orgId, periodId, unitId, staffId);
  return Object.fromEntries(Object.entries(item).filter(([k]) => k.startsWith('mtg_')));
}

describe('a weekly briefing whose conclusions become assignments (M1, M3)', () => {
  const HELD = '2026-11-20';
  const NOW = '2026-11-20T16:00:00+07:00';
  const ITEMS = [
    { text: 'Hoàn thành rà soát hệ thống một cửa điện tử', assigneeId: itHead.id, dueDate: '2026-11-27' },
    { text: 'Báo cáo tình hình báo chí tháng 11', unitId: 'press', dueDate: '2026-12-04', detail: 'Gửi Văn phòng tổng hợp' },
    { text: 'Kiểm tra điểm bưu điện văn hóa xã', assigneeId: postsSpecialist.id, dueDate: '2026-11-30', priority: 'high' },
  ];
  let meeting: any;

  it('the Office records the briefing chaired by the director: 201, conclusions due two working days later at 17:00', async () => {
    const res = await recordMeeting(chiefOfOffice.id, { heldOn: HELD, minutes: 'Các phòng báo cáo kết quả tuần 47.', attachments: [{ url: 'https://ioffice.sonla.gov.vn/bb/47', title: 'Biên bản' }] }, NOW);
    expect(res.status).toBe(201);
    meeting = await json(res);
    expect(meeting).toMatchObject({
      kind: 'weekly-briefing',
      obligationId: 'm1-weekly-briefing',
      rule: 'M1',
      article: 'Điều 11.1',
      level: 'department',
      unitId: 'board',
      heldOn: HELD,
      chairId: director.id,
      recordedBy: chiefOfOffice.id,
      participantIds: leaders,
      conclusionsDueAt: '2026-11-24T17:00:00.000+07:00',
      conclusionStatus: 'awaiting',
      attachments: [{ url: 'https://ioffice.sonla.gov.vn/bb/47', title: 'Biên bản' }],
      version: 1,
    });
    expect(meeting.onBehalfOf).toBeUndefined();
    expect(meeting.conclusions).toBeUndefined();
  });

  it('the chair issues three conclusions: three assignments whose source is the meeting and its item', async () => {
    const res = await issue(director.id, meeting.id, ITEMS, NOW, {}, { summary: 'Tập trung hoàn thành chỉ tiêu năm.' });
    expect(res.status).toBe(201);
    const detail = await json(res);
    expect(detail).toMatchObject({
      id: meeting.id,
      version: 2,
      conclusionStatus: 'on-time',
      conclusions: { issuedBy: director.id, itemCount: 3, onTime: true, summary: 'Tập trung hoàn thành chỉ tiêu năm.', issuedAt: '2026-11-20T09:00:00.000Z' },
    });
    expect(detail.conclusions.requestHash).toBeUndefined();
    expect(detail.items.map((i: any) => [i.n, i.assignmentId, i.responsibleId, i.unitId, i.dueDate, i.state, i.status, i.timeliness])).toEqual([
      [1, `${meeting.id}.1`, itHead.id, 'it', '2026-11-27', 'created', 'assigned', 'within-deadline'],
      [2, `${meeting.id}.2`, pressHead.id, 'press', '2026-12-04', 'created', 'assigned', 'within-deadline'],
      [3, `${meeting.id}.3`, postsSpecialist.id, 'posts-telecom', '2026-11-30', 'created', 'assigned', 'within-deadline'],
    ]);
    for (const [i, item] of ITEMS.entries()) {
      const a = await json(await t.as(director.id, `/v1/assignments/${meeting.id}.${i + 1}`, { clock: NOW }));
      expect(a).toMatchObject({
        title: item.text,
        source: { kind: 'meeting', ref: meeting.id, itemId: String(i + 1) },
        assignerId: director.id,
        dueDate: item.dueDate,
        status: 'assigned',
        version: 1,
      });
      expect(a.history.map((e: any) => e.action)).toEqual(['created']);
    }
    const fromMeetings = await json(await t.as(director.id, '/v1/assignments?sourceKind=meeting', { clock: NOW }));
    expect(fromMeetings.items.map((a: any) => a.id).sort()).toEqual([1, 2, 3].map((n) => `${meeting.id}.${n}`));
  });

  it('keeps the meeting counters of the board and the chair for the week, month and year of the meeting', async () => {
    const expected = { mtg_held: 1, mtg_withConclusions: 1, mtg_conclusionsOnTime: 1 };
    expect(await counters('2026-W47', 'board')).toEqual(expected);
    expect(await counters('2026-W47', 'board', director.id)).toEqual(expected);
  });

  it('the meeting shows each conclusion’s live status; the full assignment only to those who may see it', async () => {
    const done = await t.as(itHead.id, `/v1/assignments/${meeting.id}.1/complete`, { method: 'POST', body: body({ note: 'Đã hoàn thành' }), clock: '2026-11-25T10:00:00+07:00' });
    expect(done.status).toBe(200);
    const later = '2026-11-29T10:00:00+07:00';
    const asDirector = await json(await t.as(director.id, `/v1/meetings/${meeting.id}`, { clock: later }));
    expect(asDirector.items.map((i: any) => [i.status, i.timeliness, i.percent])).toEqual([
      ['completed', 'on-time', 100],
      ['assigned', 'within-deadline', 0],
      ['assigned', 'due-soon', 0],
    ]);
    expect(asDirector.items.every((i: any) => i.assignment?.id === i.assignmentId)).toBe(true);
    expect(asDirector.history.map((e: any) => e.action)).toEqual(['recorded', 'conclusions-issued']);
    const asSpecialist = await json(await t.as(pressSpecialist.id, `/v1/meetings/${meeting.id}`, { clock: later }));
    expect(asSpecialist.items.map((i: any) => [i.status, i.assignment === undefined])).toEqual([
      ['completed', true],
      ['assigned', true],
      ['assigned', true],
    ]);
    const audit = await json(await t.as(pressSpecialist.id, `/v1/audit?entityId=${meeting.id}`, { clock: later }));
    expect(audit.items.map((e: any) => [e.action, e.version])).toEqual([
      ['recorded', 1],
      ['conclusions-issued', 2],
    ]);
  });

  it('the meeting page renders it in Vietnamese first, English with ?lang=en, with no inline style or script, and needs the token', async () => {
    const page = await t.as(director.id, `/meetings/${meeting.id}`, { clock: '2026-11-29T10:00:00+07:00' });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.headers.get('content-security-policy')).toContain("style-src 'self'");
    const html = await page.text();
    expect(html).toContain('<html lang="vi">');
    for (const text of ['Họp giao ban hàng tuần', 'Kết luận cuộc họp', 'Ban hành đúng hạn', '24/11/2026 17:00', 'Hoàn thành', 'Đúng hạn', 'Sắp đến hạn', ITEMS[0]!.text, 'Nguyễn Văn Hùng', 'Phòng Thông tin – Báo chí – Xuất bản']) {
      expect(html).toContain(text);
    }
    expect(html).not.toMatch(/style=|<script|<style/i);
    const en = await (await t.as(director.id, `/meetings/${meeting.id}?lang=en`, { clock: '2026-11-29T10:00:00+07:00' })).text();
    expect(en).toContain('<html lang="en">');
    for (const text of ['Weekly briefing', 'Conclusions', 'Issued on time', '2026-11-24 17:00', 'Completed', 'Due soon']) expect(en).toContain(text);
    expect((await t.app.request(`/meetings/${meeting.id}`)).status).toBe(401);
    expect((await t.as(director.id, '/meetings/no-such-meeting')).status).toBe(404);
  });
});

describe('issuing conclusions once (Idempotency-Key, retries, If-Match)', () => {
  const NOW = '2026-11-13T16:00:00+07:00';
  const ITEMS = [{ text: 'Cập nhật cổng thông tin điện tử', assigneeId: itSpecialist.id, dueDate: '2026-11-20' }];

  it('the same key returns the first answer and creates nothing; another body with it gets 422; a second issue gets 409', async () => {
    const m = await json(await recordMeeting(director.id, { heldOn: '2026-11-13' }, NOW));
    const headers = { 'idempotency-key': 'gb-46-kl' };
    const first = await issue(director.id, m.id, ITEMS, NOW, headers);
    expect(first.status).toBe(201);
    const count = await t.countItems();
    const again = await issue(director.id, m.id, ITEMS, NOW, headers);
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect((await json(again)).items.map((i: any) => i.assignmentId)).toEqual([`${m.id}.1`]);
    // The same body without the key is the same request again: nothing new.
    const natural = await issue(director.id, m.id, ITEMS, NOW);
    expect(natural.status).toBe(201);
    expect(natural.headers.get('idempotent-replayed')).toBe('true');
    const other = await issue(director.id, m.id, [{ ...ITEMS[0], text: 'Khác' }], NOW, headers);
    expect(other.status).toBe(422);
    expect((await json(other)).errors[0].path).toBe('header.idempotency-key');
    const second = await issue(director.id, m.id, [{ ...ITEMS[0], text: 'Khác' }], NOW);
    expect(second.status).toBe(409);
    expect(await t.countItems()).toBe(count);
    expect(await counters('2026-W46', 'board')).toEqual({ mtg_held: 1, mtg_withConclusions: 1, mtg_conclusionsOnTime: 1 });
  });

  it('recording a meeting with the same key twice creates one meeting', async () => {
    const headers = { 'idempotency-key': 'gb-ext-1' };
    const first = await recordMeeting(director.id, { kind: 'extraordinary', heldOn: '2026-11-12', subject: 'Ứng phó sự cố mạng' }, NOW, headers);
    const count = await t.countItems();
    const again = await recordMeeting(director.id, { kind: 'extraordinary', heldOn: '2026-11-12', subject: 'Ứng phó sự cố mạng' }, NOW, headers);
    expect([first.status, again.status]).toEqual([201, 201]);
    expect((await json(again)).id).toBe((await json(first)).id);
    expect(await t.countItems()).toBe(count);
  });

  it('a crash between the transactions leaves items pending; a retry with the key completes them and duplicates nothing', async () => {
    const m = await json(await recordMeeting(director.id, { kind: 'extraordinary', heldOn: '2026-11-11', subject: 'Chuyển đổi số' }, NOW));
    // Due in a week no other test uses, so its counters count these alone.
    const items = [
      { text: 'Một', assigneeId: itSpecialist.id, dueDate: '2026-12-16' },
      { text: 'Hai', unitId: 'press', dueDate: '2026-12-16' },
      { text: 'Ba', assigneeId: postsSpecialist.id, dueDate: '2026-12-16' },
    ];
    const headers = { 'idempotency-key': 'crash-1' };
    const send = t.table.doc.send.bind(t.table.doc);
    let transactions = 0;
    // The process dies after the conclusions and the first assignment are written.
    (t.table.doc as any).send = async (command: unknown, ...rest: unknown[]) => {
      if (command instanceof TransactWriteCommand && ++transactions === 3) throw new Error('simulated crash');
      return (send as any)(command, ...rest);
    };
    let crashed: Response;
    try {
      crashed = await issue(director.id, m.id, items, NOW, headers);
    } finally {
      (t.table.doc as any).send = send;
    }
    expect(crashed.status).toBe(500);
    const halfway = await json(await t.as(director.id, `/v1/meetings/${m.id}`, { clock: NOW }));
    expect(halfway.conclusionStatus).toBe('on-time');
    expect(halfway.items.map((i: any) => i.state)).toEqual(['created', 'pending', 'pending']);
    const retry = await issue(director.id, m.id, items, NOW, headers);
    expect(retry.status).toBe(201);
    expect((await json(retry)).items.map((i: any) => [i.assignmentId, i.state])).toEqual([
      [`${m.id}.1`, 'created'],
      [`${m.id}.2`, 'created'],
      [`${m.id}.3`, 'created'],
    ]);
    const completed = await t.countItems();
    const again = await issue(director.id, m.id, items, NOW, headers);
    expect(again.status).toBe(201);
    expect(await t.countItems()).toBe(completed);
    for (const n of [1, 2, 3]) {
      const a = await json(await t.as(director.id, `/v1/assignments/${m.id}.${n}`, { clock: NOW }));
      expect(a.history.map((e: any) => e.action)).toEqual(['created']);
    }
    // Each counted once.
    for (const unitId of ['it', 'press', 'posts-telecom']) {
      const c = await counterFigures(t.table, t.orgId, '2026-W51', unitId);
      expect([unitId, c.asg_assigned, c.asg_open]).toEqual([unitId, 1, 1]);
    }
  });

  it('concurrent deliveries of the same conclusions create each assignment once', async () => {
    const m = await json(await recordMeeting(director.id, { kind: 'extraordinary', heldOn: '2026-11-09', subject: 'Bầu cử' }, NOW));
    const items = [
      { text: 'Tuyên truyền', unitId: 'press', dueDate: '2026-12-23' },
      { text: 'Bảo đảm mạng', assigneeId: itHead.id, dueDate: '2026-12-23' },
    ];
    const before = await counters('2026-W46', 'board', director.id);
    const results = await Promise.all(Array.from({ length: 6 }, (_, i) => issue(director.id, m.id, items, NOW, i % 2 ? { 'idempotency-key': 'race-kl' } : {})));
    expect(results.map((r) => r.status)).toEqual(Array(6).fill(201));
    expect(results.filter((r) => r.headers.get('idempotent-replayed') === 'true')).toHaveLength(5);
    for (const unitId of ['press', 'it']) {
      const c = await counterFigures(t.table, t.orgId, '2026-W52', unitId);
      expect([unitId, c.asg_assigned]).toEqual([unitId, 1]);
    }
    // Held on the 9th, due on the 11th at 17:00, issued on the 13th: late, counted once.
    const after = await counters('2026-W46', 'board', director.id);
    expect([(after.mtg_withConclusions ?? 0) - (before.mtg_withConclusions ?? 0), (after.mtg_conclusionsLate ?? 0) - (before.mtg_conclusionsLate ?? 0)]).toEqual([1, 1]);
  });

  it('If-Match with a stale version gets 412 and writes nothing', async () => {
    const m = await json(await recordMeeting(director.id, { kind: 'topical', heldOn: '2026-11-10', subject: 'An toàn thông tin' }, NOW));
    const count = await t.countItems();
    const stale = await issue(director.id, m.id, ITEMS, NOW, { 'if-match': '"7"' });
    expect(stale.status).toBe(412);
    expect((await json(stale)).currentVersion).toBe(1);
    expect(await t.countItems()).toBe(count);
    expect((await issue(director.id, m.id, ITEMS, NOW, { 'if-match': '"1"' })).status).toBe(201);
  });
});

describe('who may chair and record (M1 Điều 11.3, M4 Điều 11.4)', () => {
  it('a deputy director without a delegation may not chair the briefing: 403, nothing written; with A2 they chair for the director', async () => {
    const before = await t.countItems();
    const refused = await recordMeeting(itDeputyDirector.id, { heldOn: '2026-10-30', chairId: itDeputyDirector.id }, '2026-10-30T16:00:00+07:00');
    expect(refused.status).toBe(403);
    const problem = await json(refused);
    expect(problem.rule).toBe('A2');
    expect(problem.detail).toMatch(/Điều 11\.3/);
    expect(await t.countItems()).toBe(before);

    const delegation = await t.as(director.id, '/v1/delegations', {
      method: 'POST',
      body: body({ delegateId: itDeputyDirector.id, from: '2026-10-26', to: '2026-10-28', note: 'Đi công tác' }),
      clock: '2026-10-26T08:00:00+07:00',
    });
    expect(delegation.status).toBe(201);
    const chaired = await recordMeeting(itDeputyDirector.id, { kind: 'extraordinary', heldOn: '2026-10-27', chairId: itDeputyDirector.id }, '2026-10-27T16:00:00+07:00');
    expect(chaired.status).toBe(201);
    expect(await json(chaired)).toMatchObject({ chairId: itDeputyDirector.id, onBehalfOf: director.id, level: 'department', unitId: 'board' });
    // The delegation ended on the 28th: the briefing of the 30th still needs the director.
    expect((await recordMeeting(itDeputyDirector.id, { heldOn: '2026-10-30', chairId: itDeputyDirector.id }, '2026-10-30T16:00:00+07:00')).status).toBe(403);
  });

  it('a unit meeting is chaired by its head, or their deputy under A4; not by another unit’s head; and recorded by its chair', async () => {
    const before = await t.countItems();
    const clock = '2026-10-29T16:00:00+07:00';
    const monthly = (as: string, chairId: string) => recordMeeting(as, { kind: 'monthly-unit', unitId: 'it', heldOn: '2026-10-29', chairId, participantIds: [itSpecialist.id] }, clock);
    const other = await monthly(pressHead.id, pressHead.id);
    expect(other.status).toBe(403);
    expect((await monthly(itDeputyHead.id, itDeputyHead.id)).status).toBe(403);
    // A specialist may not put a meeting on the director's record.
    const forged = await recordMeeting(pressSpecialist.id, { heldOn: '2026-10-23' }, '2026-10-23T16:00:00+07:00');
    expect(forged.status).toBe(403);
    expect(await t.countItems()).toBe(before);
    const held = await monthly(itHead.id, itHead.id);
    expect(held.status).toBe(201);
    expect(await json(held)).toMatchObject({ kind: 'monthly-unit', level: 'unit', unitId: 'it', rule: 'M4', chairId: itHead.id });
    expect(await counters('2026-10', 'it', itHead.id)).toEqual({ mtg_held: 1 });
  });

  it('the unit head’s conclusions may assign only within the unit: an item outside it is 403 and nothing is written', async () => {
    const m = await json(await recordMeeting(itHead.id, { kind: 'monthly-unit', unitId: 'it', heldOn: '2026-09-29', chairId: itHead.id, participantIds: [] }, '2026-09-29T16:00:00+07:00'));
    const before = await t.countItems();
    const res = await issue(
      itHead.id,
      m.id,
      [
        { text: 'Trong phòng', assigneeId: itSpecialist.id, dueDate: '2026-10-09' },
        { text: 'Ngoài phòng', assigneeId: pressSpecialist.id, dueDate: '2026-10-09' },
      ],
      '2026-09-30T09:00:00+07:00',
    );
    expect(res.status).toBe(403);
    expect((await json(res)).detail).toMatch(/^Conclusion item 2: /);
    expect(await t.countItems()).toBe(before);
    // Only the chair issues the conclusions.
    expect((await issue(director.id, m.id, [{ text: 'x', assigneeId: itSpecialist.id, dueDate: '2026-10-09' }], '2026-09-30T09:00:00+07:00')).status).toBe(403);
    expect(await t.countItems()).toBe(before);
  });
});

describe('bad input: 400 naming each field, nothing written', () => {
  it('a malformed meeting', async () => {
    const before = await t.countItems();
    const res = await t.as(director.id, '/v1/meetings', {
      method: 'POST',
      body: body({ kind: 'weekly', heldOn: '2026-02-30', chairId: 7, participantIds: 'all', attachments: [{ url: 'javascript:alert(1)' }], extra: true }),
      clock: '2026-11-20T16:00:00+07:00',
    });
    expect(res.status).toBe(400);
    const paths = (await json(res)).errors.map((e: any) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['body.kind', 'body.heldOn', 'body.chairId', 'body.participantIds', 'body.attachments.0.url']));
    // Well-formed, but: a monthly meeting names no unit, a participant does not exist, and it is in the future.
    const wrong = await recordMeeting(itHead.id, { kind: 'monthly-unit', chairId: itHead.id, heldOn: '2026-11-21', participantIds: [itSpecialist.id, 'ghost'] }, '2026-11-20T16:00:00+07:00');
    expect(wrong.status).toBe(400);
    expect((await json(wrong)).errors.map((e: any) => e.path)).toEqual(['body.unitId', 'body.participantIds.1', 'body.heldOn']);
    expect(await t.countItems()).toBe(before);
  });

  it('conclusion items that cannot become assignments name the item and field', async () => {
    const m = await json(await recordMeeting(director.id, { heldOn: '2026-10-23' }, '2026-10-23T16:00:00+07:00'));
    const before = await t.countItems();
    const res = await issue(
      director.id,
      m.id,
      [
        { text: 'Đúng', assigneeId: itSpecialist.id, dueDate: '2026-10-30' },
        { text: 'Sai người', assigneeId: 'ghost', dueDate: '2026-10-30' },
        { text: 'Hạn đã qua', unitId: 'it', dueDate: '2026-10-01' },
      ],
      '2026-10-23T17:00:00+07:00',
    );
    expect(res.status).toBe(400);
    expect((await json(res)).errors.map((e: any) => e.path)).toEqual(['body.items.1.assigneeId', 'body.items.2.dueDate']);
    const empty = await issue(director.id, m.id, [], '2026-10-23T17:00:00+07:00');
    expect(empty.status).toBe(400);
    expect((await json(empty)).errors.map((e: any) => e.path)).toEqual(['body.items']);
    expect(await t.countItems()).toBe(before);
    expect((await json(await t.as(director.id, `/v1/meetings/${m.id}`, { clock: '2026-10-23T17:00:00+07:00' }))).conclusionStatus).toBe('awaiting');
  });
});

describe('the expected schedule (M1, M2, M4)', () => {
  it('a holiday Friday moves the expected briefing to the last working day before it; holding it then counts', async () => {
    const expected = async (clock: string) =>
      (await json(await t.as(itSpecialist.id, '/v1/meetings/expected?from=2026-04-27&to=2026-05-03', { clock }))).items.filter((e: any) => e.kind === 'weekly-briefing');
    expect(await expected('2026-04-28T09:00:00+07:00')).toEqual([
      expect.objectContaining({
        key: 'm1-weekly-briefing|2026-W18|board',
        expectedOn: '2026-04-29',
        movedFrom: '2026-05-01',
        movedBecause: { vi: 'Ngày Quốc tế lao động (1/5)', en: 'International Labour Day (1 May)' },
        status: 'pending',
        meetings: [],
      }),
    ]);
    const m = await json(await recordMeeting(director.id, { heldOn: '2026-04-29' }, '2026-04-29T16:00:00+07:00'));
    expect(m.conclusionsDueAt).toBe('2026-05-05T17:00:00.000+07:00');
    const after = await expected('2026-05-04T09:00:00+07:00');
    expect(after.map((e: any) => [e.status, e.meetings.map((x: any) => x.id)])).toEqual([['held', [m.id]]]);
    const all = (await json(await t.as(itSpecialist.id, '/v1/meetings/expected?from=2026-04-27&to=2026-05-03', { clock: '2026-05-04T09:00:00+07:00' }))).items;
    expect(all.filter((e: any) => e.kind === 'monthly-unit').map((e: any) => `${e.occurrence}:${e.status}`)).toEqual([
      ...Array(6).fill('2026-04:missed'),
      ...Array(6).fill('2026-05:pending'),
    ]);
  });

  it('refuses a reversed range', async () => {
    const res = await t.as(director.id, '/v1/meetings/expected?from=2026-05-03&to=2026-04-27');
    expect(res.status).toBe(400);
    expect((await json(res)).errors.map((e: any) => e.path)).toEqual(['query.to']);
  });
});

describe('listing meetings (Query, never Scan)', () => {
  it('withoutConclusions: a meeting shows once its allowed working days have passed with none, and leaves when they are issued', async () => {
    const m = await json(await recordMeeting(director.id, { heldOn: '2026-11-06' }, '2026-11-06T16:00:00+07:00'));
    expect(m.conclusionsDueAt).toBe('2026-11-10T17:00:00.000+07:00');
    const overdue = async (clock: string) =>
      (await json(await t.as(director.id, '/v1/meetings?withoutConclusions=true&from=2026-11-02&to=2026-11-08', { clock }))).items.map((x: any) => [x.id, x.conclusionStatus]);
    expect(await overdue('2026-11-10T17:00:00+07:00')).toEqual([]);
    expect(await overdue('2026-11-10T17:00:01+07:00')).toEqual([[m.id, 'overdue']]);
    const kindFiltered = await json(await t.as(director.id, '/v1/meetings?withoutConclusions=true&kind=monthly-unit&from=2026-11-02&to=2026-11-08', { clock: '2026-11-12T09:00:00+07:00' }));
    expect(kindFiltered.items).toEqual([]);
    const late = await issue(director.id, m.id, [{ text: 'Muộn', assigneeId: itHead.id, dueDate: '2026-11-20' }], '2026-11-11T08:00:00+07:00');
    expect(late.status).toBe(201);
    expect((await json(late)).conclusionStatus).toBe('late');
    expect(await overdue('2026-11-12T09:00:00+07:00')).toEqual([]);
    expect(await counters('2026-W45', 'board')).toEqual({ mtg_held: 1, mtg_withConclusions: 1, mtg_conclusionsLate: 1 });
  });

  it('by kind, unit and date range, oldest first, page by page', async () => {
    const clock = '2026-12-01T09:00:00+07:00';
    // The board reads every meeting (docs/security/meetings.md); who else reads what is tested in meeting-visibility.test.ts.
    const list = async (query: string) => json(await t.as(director.id, `/v1/meetings?${query}`, { clock }));
    const briefings = await list('kind=weekly-briefing&from=2026-11-01&to=2026-11-30');
    expect(briefings.items.map((x: any) => x.heldOn)).toEqual(['2026-11-06', '2026-11-13', '2026-11-20']);
    const october = await list('from=2026-10-01&to=2026-10-31');
    expect(october.items.map((x: any) => [x.heldOn, x.kind])).toEqual([
      ['2026-10-23', 'weekly-briefing'],
      ['2026-10-27', 'extraordinary'],
      ['2026-10-29', 'monthly-unit'],
    ]);
    const it = await list('unitId=it');
    expect(it.items.map((x: any) => [x.heldOn, x.kind, x.unitId])).toEqual([
      ['2026-09-29', 'monthly-unit', 'it'],
      ['2026-10-29', 'monthly-unit', 'it'],
    ]);
    const pages: string[][] = [];
    let cursor = '';
    do {
      const page = await list(`unitId=board&from=2026-11-01&to=2026-11-30&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      pages.push(page.items.map((x: any) => x.heldOn));
      cursor = page.nextCursor ?? '';
    } while (cursor && pages.length < 10);
    expect(pages).toEqual([
      ['2026-11-06', '2026-11-09'],
      ['2026-11-10', '2026-11-11'],
      ['2026-11-12', '2026-11-13'],
      ['2026-11-20'],
    ]);
    expect((await t.as(director.id, '/v1/meetings?cursor=bogus')).status).toBe(400);
    expect((await json(await t.as(director.id, '/v1/meetings?unitId=nowhere'))).errors.map((e: any) => e.path)).toEqual(['query.unitId']);
  });
});
