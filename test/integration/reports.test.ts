// Reports (R1–R4): the obligations a person owes, submitting, revising and reviewing a report, and who may read it. Periods at the edges, missions (R5) and another department: reports-periods.test.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { counterFigures } from '../support/counters.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { deputyDirectors, person, unitOverseenBy } from '../support/people.js';

// The log channel would print each notification; these tests read them from the store.
process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';

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
const postsDeputy = deputyDirectors().find((d) => unitOverseenBy(d.id).includes('posts-telecom'))!;
const itDeputy = deputyDirectors().find((d) => unitOverseenBy(d.id).includes('it'))!;
const chiefInspector = person('chief-inspector');
const accountant = person('accountant');
const treasurer = person('treasurer');
const chiefOfOffice = person('chief-of-office');
const pressHead = person('head', 'press');
const pressSpecialist = person('specialist', 'press');
const pressSpecialist2 = person('specialist', 'press', 1);
const itHead = person('head', 'it');
const itDeputyHead = person('deputy-head', 'it');
const itSpecialist = person('specialist', 'it');
const itSpecialist2 = person('specialist', 'it', 1);
const postsHead = person('head', 'posts-telecom');
const postsSpecialist = person('specialist', 'posts-telecom');
const postsSpecialist2 = person('specialist', 'posts-telecom', 1);
const postsSpecialist3 = person('specialist', 'posts-telecom', 2);

const obligations = (as: string, query: string, clock: string) => t.as(as, `/v1/reports/obligations?${query}`, { clock });
const submit = (as: string, input: Record<string, unknown>, clock: string, headers: Record<string, string> = {}) =>
  t.as(as, '/v1/reports', { method: 'POST', body: body({ content: 'Kết quả công tác tuần', ...input }), clock, headers });
/** [obligationId, period, dueAt, status] per item: the contract's fields, readable at a glance. */
const rows = (list: any) => list.items.map((i: any) => [i.obligationId, i.period, i.dueAt, i.status]);

async function counters(periodId: string, unitId: string, staffId?: string) {
  const item = await counterFigures(t.table, t.orgId, periodId, unitId, staffId);
  return Object.fromEntries(Object.entries(item).filter(([k]) => k.startsWith('rep_')));
}

describe('GET /v1/reports/obligations', () => {
  it("gives a specialist's week from the rulebook: what, to whom, by when, and pending or missing", async () => {
    const res = await obligations(pressSpecialist.id, 'period=2026-W48', '2026-11-23T09:00:00+07:00');
    expect(res.status).toBe(200);
    const list = await json(res);
    expect(list).toMatchObject({ period: '2026-W48', staffId: pressSpecialist.id, asOf: '2026-11-23T09:00:00.000+07:00' });
    expect(list.items).toEqual([
      {
        key: `p3-personal-programme|2026-W48|${pressSpecialist.id}`,
        obligationId: 'p3-personal-programme',
        kind: 'report',
        rule: 'P3',
        article: 'Điều 10.2',
        title: { vi: 'Chương trình công tác cá nhân tuần, tháng', en: 'Personal weekly and monthly work programme' },
        staffId: pressSpecialist.id,
        unitId: 'press',
        recipients: [pressHead.id],
        period: '2026-W48',
        cadence: 'week',
        dueAt: '2026-11-23T10:00:00.000+07:00',
        dataCutOffAt: '2026-11-29T23:59:59.999+07:00',
        status: 'pending',
      },
      expect.objectContaining({ obligationId: 'r3-staff-report', rule: 'R3', dueAt: '2026-11-26T10:00:00.000+07:00', status: 'pending' }),
    ]);
    // One second past the programme's deadline it is missing; the report is still pending.
    expect(rows(await json(await obligations(pressSpecialist.id, 'period=2026-W48', '2026-11-23T10:00:01+07:00')))).toEqual([
      ['p3-personal-programme', '2026-W48', '2026-11-23T10:00:00.000+07:00', 'missing'],
      ['r3-staff-report', '2026-W48', '2026-11-26T10:00:00.000+07:00', 'pending'],
    ]);
  });

  it('a missing report shows as missing to the person and to their head; those outside the line of authority get 404', async () => {
    const clock = '2026-11-27T09:00:00+07:00';
    const expected = [
      ['p3-personal-programme', '2026-W47', '2026-11-16T10:00:00.000+07:00', 'missing'],
      ['r3-staff-report', '2026-W47', '2026-11-19T10:00:00.000+07:00', 'missing'],
    ];
    expect(rows(await json(await obligations(itSpecialist.id, 'period=2026-W47', clock)))).toEqual(expected);
    expect(rows(await json(await obligations(itHead.id, `period=2026-W47&staffId=${itSpecialist.id}`, clock)))).toEqual(expected);
    // The head's view of the unit: every member's obligations, all missing.
    const unit = await json(await obligations(itHead.id, 'period=2026-W47&unitId=it', clock));
    expect(unit.unitId).toBe('it');
    expect(unit.items.map((i: any) => [i.staffId, i.obligationId, i.status]).sort()).toEqual(
      [
        [itHead.id, 'r2-head-report', 'missing'],
        // The head's own programme (Điều 10.2: every staff member), to the deputy director overseeing IT.
        [itHead.id, 'p3-personal-programme', 'missing'],
        ...[itDeputyHead.id, itSpecialist.id, itSpecialist2.id].flatMap((id) => [
          [id, 'p3-personal-programme', 'missing'],
          [id, 'r3-staff-report', 'missing'],
        ]),
      ].sort(),
    );
    // The board sees everyone's.
    expect((await obligations(postsDeputy.id, `period=2026-W47&staffId=${itSpecialist.id}`, clock)).status).toBe(200);
    expect((await obligations(director.id, 'period=2026-W47&unitId=it', clock)).status).toBe(200);
    for (const outsider of [pressHead.id, itDeputyHead.id, itSpecialist2.id]) {
      expect((await obligations(outsider, `period=2026-W47&staffId=${itSpecialist.id}`, clock)).status, outsider).toBe(404);
    }
    expect((await obligations(pressHead.id, 'period=2026-W47&unitId=it', clock)).status).toBe(404);
    expect((await obligations(itSpecialist.id, 'period=2026-W47&staffId=nobody', clock)).status).toBe(404);
  });

  it('pages a long list with limit and an opaque cursor bound to its query', async () => {
    const clock = '2026-11-27T09:00:00+07:00';
    const all = (await json(await obligations(itHead.id, 'period=2026-W47&unitId=it', clock))).items.map((i: any) => i.key);
    expect(all).toHaveLength(8);
    const keys: string[] = [];
    let cursor: string | undefined;
    const pages: number[] = [];
    do {
      const page = await json(await obligations(itHead.id, `period=2026-W47&unitId=it&limit=3${cursor ? `&cursor=${cursor}` : ''}`, clock));
      pages.push(page.items.length);
      keys.push(...page.items.map((i: any) => i.key));
      cursor = page.nextCursor;
    } while (cursor);
    expect(pages).toEqual([3, 3, 2]);
    expect(keys).toEqual(all);
    const first = await json(await obligations(itHead.id, 'period=2026-W47&unitId=it&limit=3', clock));
    // The cursor of another query is refused.
    const elsewhere = await obligations(itHead.id, `period=2026-W48&unitId=it&limit=3&cursor=${first.nextCursor}`, clock);
    expect(elsewhere.status).toBe(400);
    expect((await json(elsewhere)).errors).toEqual([{ path: 'query.cursor', message: 'invalid cursor' }]);
  });
});

describe('POST /v1/reports', () => {
  it('a submission at 23:59:59 on the deadline is on time; one second later it is late', async () => {
    // F1 and F5 are due on the last day of the month, 23:59:59 (Điều 9.2.3, 9.3.2).
    const onTime = await submit(accountant.id, { obligationId: 'finance.incomeExpenseReport', period: '2026-01' }, '2026-01-31T23:59:59+07:00');
    expect(onTime.status).toBe(201);
    expect(await json(onTime)).toMatchObject({
      kind: 'report',
      rule: 'F1',
      period: '2026-01',
      dueAt: '2026-01-31T23:59:59.000+07:00',
      submittedAt: '2026-01-31T23:59:59.000+07:00',
      late: false,
      status: 'submitted',
      revision: 1,
      reviewStatus: 'submitted',
      recipients: [chiefOfOffice.id, director.id],
      version: 1,
    });
    const late = await json(await submit(treasurer.id, { obligationId: 'finance.cashReport', period: '2026-01' }, '2026-02-01T00:00:00+07:00'));
    expect(late).toMatchObject({ rule: 'F5', dueAt: '2026-01-31T23:59:59.000+07:00', submittedAt: '2026-02-01T00:00:00.000+07:00', late: true, status: 'late' });

    const f1 = (await json(await obligations(accountant.id, 'period=2026-01', '2026-02-02T08:00:00+07:00'))).items.find((i: any) => i.rule === 'F1');
    expect(f1).toMatchObject({ status: 'submitted', submittedAt: '2026-01-31T23:59:59.000+07:00', revision: 1, reviewStatus: 'submitted' });
    const f5 = (await json(await obligations(treasurer.id, 'period=2026-01', '2026-02-02T08:00:00+07:00'))).items.find((i: any) => i.rule === 'F5');
    expect(f5).toMatchObject({ status: 'late', submittedAt: '2026-02-01T00:00:00.000+07:00' });

    // Counted in the periods of the due date (Saturday 31 Jan 2026 is in 2026-W05), in the same transaction.
    for (const periodId of ['2026-W05', '2026-01', '2026']) {
      expect(await counters(periodId, 'office'), periodId).toEqual({ rep_submitted: 2, rep_onTime: 1, rep_late: 1 });
      expect(await counters(periodId, 'office', accountant.id)).toEqual({ rep_submitted: 1, rep_onTime: 1 });
      expect(await counters(periodId, 'office', treasurer.id)).toEqual({ rep_submitted: 1, rep_late: 1 });
    }
  });

  it('a resubmission adds a revision, keeps the earlier one, and is not counted twice; a stale If-Match gets 412', async () => {
    const first = await json(await submit(pressSpecialist2.id, { obligationId: 'r3-staff-report', period: '2026-W48', content: 'Bản 1' }, '2026-11-25T15:00:00+07:00'));
    expect(first).toMatchObject({ revision: 1, late: false, status: 'submitted', version: 1 });

    const before = await t.countItems();
    const stale = await submit(pressSpecialist2.id, { obligationId: 'r3-staff-report', period: '2026-W48', content: 'Bản 2' }, '2026-11-27T08:00:00+07:00', { 'if-match': '"7"' });
    expect(stale.status).toBe(412);
    expect((await json(stale)).currentVersion).toBe(1);
    expect(await t.countItems()).toBe(before);

    const second = await submit(pressSpecialist2.id, { obligationId: 'r3-staff-report', period: '2026-W48', content: 'Bản 2' }, '2026-11-27T08:00:00+07:00', { 'if-match': '"1"' });
    expect(second.status).toBe(201);
    expect(await json(second)).toMatchObject({
      id: first.id,
      revision: 2,
      submittedAt: '2026-11-27T08:00:00.000+07:00',
      late: true,
      // The first submission decides: on time.
      status: 'submitted',
      firstSubmittedAt: '2026-11-25T15:00:00.000+07:00',
      version: 2,
    });
    const full = await json(await t.as(pressSpecialist2.id, `/v1/reports/${first.id}`, { clock: '2026-11-27T09:00:00+07:00' }));
    expect(full.revisions.map((r: any) => [r.revision, r.content, r.submittedAt, r.late, r.status])).toEqual([
      [1, 'Bản 1', '2026-11-25T15:00:00.000+07:00', false, 'replaced'],
      [2, 'Bản 2', '2026-11-27T08:00:00.000+07:00', true, 'awaiting-review'],
    ]);
    expect(full.history.map((e: any) => [e.action, e.version, e.actorId])).toEqual([
      ['submitted', 1, pressSpecialist2.id],
      ['resubmitted', 2, pressSpecialist2.id],
    ]);
    for (const periodId of ['2026-W48', '2026-11', '2026']) {
      expect(await counters(periodId, 'press', pressSpecialist2.id), periodId).toEqual({ rep_submitted: 1, rep_onTime: 1 });
    }
    // The audit route knows reports too.
    const audit = await json(await t.as(pressHead.id, `/v1/audit?entityId=${first.id}`));
    expect(audit.items.map((e: any) => e.action)).toEqual(['submitted', 'resubmitted']);
  });

  it('the recipient acknowledges or returns with a comment; the author is notified of a return', async () => {
    const clock = '2026-12-02T09:00:00+07:00';
    const r = await json(await submit(pressSpecialist.id, { obligationId: 'r3-staff-report', period: '2026-W49', content: 'Tuần 49' }, clock));
    const path = `/v1/reports/${r.id}`;
    const post = (as: string, action: string, b: unknown, headers: Record<string, string> = {}) =>
      t.as(as, `${path}/${action}`, { method: 'POST', body: body(b), clock, headers });

    const before = await t.countItems();
    // The director sees it (the board sees all) but is not its recipient; another unit's specialist may not even see it.
    const byDirector = await post(director.id, 'acknowledge', {});
    expect(byDirector.status).toBe(403);
    expect((await json(byDirector)).rule).toBe('A1');
    expect((await post(itSpecialist.id, 'acknowledge', {})).status).toBe(404);
    const noComment = await post(pressHead.id, 'return', { comment: '' });
    expect(noComment.status).toBe(400);
    expect((await json(noComment)).errors.map((e: any) => e.path)).toEqual(['body.comment']);
    expect((await post(pressHead.id, 'return', { comment: 'Bổ sung số liệu' }, { 'if-match': '"9"' })).status).toBe(412);
    expect(await t.countItems()).toBe(before);

    const returned = await post(pressHead.id, 'return', { comment: 'Bổ sung số liệu' }, { 'if-match': '"1"' });
    expect(returned.status).toBe(200);
    expect(await json(returned)).toMatchObject({ reviewStatus: 'returned', version: 2, lastReview: { action: 'returned', by: pressHead.id, comment: 'Bổ sung số liệu' } });
    expect((await post(pressHead.id, 'acknowledge', {})).status).toBe(409);

    const inbox = await json(await t.as(pressSpecialist.id, '/v1/notifications', { clock }));
    expect(inbox.items).toHaveLength(1);
    expect(inbox.items[0]).toMatchObject({
      kind: 'report-returned',
      recipientId: pressSpecialist.id,
      about: { key: r.key, obligationId: 'r3-staff-report', periodId: '2026-W49', reportId: r.id },
      channel: 'log',
      delivery: 'sent',
    });
    expect(inbox.items[0].body.vi).toContain('Bổ sung số liệu');

    await submit(pressSpecialist.id, { obligationId: 'r3-staff-report', period: '2026-W49', content: 'Tuần 49, đã bổ sung' }, clock);
    const acknowledged = await json(await post(pressHead.id, 'acknowledge', { comment: 'Đã nhận' }));
    expect(acknowledged).toMatchObject({ reviewStatus: 'acknowledged', revision: 2, version: 4 });
    const full = await json(await t.as(pressHead.id, path));
    expect(full.revisions.map((x: any) => [x.revision, x.status, x.review?.by])).toEqual([
      [1, 'returned', pressHead.id],
      [2, 'acknowledged', pressHead.id],
    ]);
  });

  it('names each bad field and writes nothing', async () => {
    const clock = '2026-11-25T09:00:00+07:00';
    const before = await t.countItems();
    const malformed = await t.as(pressSpecialist.id, '/v1/reports', {
      method: 'POST',
      body: body({ obligationId: 'r3 staff', period: '2026-W54', content: '', attachments: [{ url: 'not a url' }], extra: true }),
      clock,
    });
    expect(malformed.status).toBe(400);
    expect((await json(malformed)).errors.map((e: any) => e.path).sort()).toEqual(['body', 'body.attachments.0.url', 'body.content', 'body.obligationId', 'body.period']);

    const notOwed = await submit(pressSpecialist.id, { obligationId: 'r1-deputy-weekly-report', period: '2026-W48' }, clock);
    expect(notOwed.status).toBe(400);
    expect((await json(notOwed)).errors).toEqual([
      { path: 'body.obligationId', message: 'not owed for 2026-W48; owed: p3-personal-programme, r3-staff-report' },
    ]);
    const neither = await submit(pressSpecialist.id, { obligationId: 'r3-staff-report' }, clock);
    expect((await json(neither)).errors.map((e: any) => e.path)).toEqual(['body.period']);
    const tet = await submit(pressSpecialist.id, { obligationId: 'r3-staff-report', period: '2026-W08' }, clock);
    expect(tet.status).toBe(400);
    expect((await json(tet)).errors).toEqual([{ path: 'body.period', message: 'no report is owed for 2026-W08' }]);
    const badQuery = await obligations(pressSpecialist.id, 'period=2026-W54&limit=0', clock);
    expect((await json(badQuery)).errors.map((e: any) => e.path).sort()).toEqual(['query.limit', 'query.period']);
    const both = await obligations(pressHead.id, `period=2026-W48&staffId=${pressSpecialist.id}&unitId=press`, clock);
    expect((await json(both)).errors.map((e: any) => e.path)).toEqual(['query.unitId']);
    expect(await t.countItems()).toBe(before);
  });

  it('Idempotency-Key: a replay returns the first answer and writes nothing; another body gets 422', async () => {
    const headers = { 'idempotency-key': 'bc-tuan-50' };
    const input = { obligationId: 'r3-staff-report', period: '2026-W50', content: 'Tuần 50' };
    const first = await submit(postsSpecialist3.id, input, '2026-12-09T09:00:00+07:00', headers);
    expect(first.status).toBe(201);
    const count = await t.countItems();
    const again = await submit(postsSpecialist3.id, input, '2026-12-09T09:05:00+07:00', headers);
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(await json(again)).toEqual(await json(first));
    expect(await t.countItems()).toBe(count);
    const other = await submit(postsSpecialist3.id, { ...input, content: 'Khác' }, '2026-12-09T09:05:00+07:00', headers);
    expect(other.status).toBe(422);
    expect(await t.countItems()).toBe(count);
  });

  it('concurrent first submissions of one obligation make one report with two revisions, counted once', async () => {
    const results = await Promise.all(
      ['A', 'B'].map((v) => submit(itSpecialist2.id, { obligationId: 'r3-staff-report', period: '2026-W50', content: v }, '2026-12-09T09:00:00+07:00')),
    );
    expect(results.map((r) => r.status)).toEqual([201, 201]);
    const ids = new Set(await Promise.all(results.map(async (r) => (await json(r)).id)));
    expect(ids.size).toBe(1);
    const full = await json(await t.as(itSpecialist2.id, `/v1/reports/${[...ids][0]}`));
    expect(full.revisions.map((r: any) => r.revision)).toEqual([1, 2]);
    expect(await counters('2026-W50', 'it', itSpecialist2.id)).toEqual({ rep_submitted: 1, rep_onTime: 1 });
  });
});

describe('visibility follows the lines of authority', () => {
  it('the author, the head of the unit and the board see a report; other heads and colleagues get 404', async () => {
    const r = await json(await submit(postsSpecialist.id, { obligationId: 'r3-staff-report', period: '2026-W48' }, '2026-11-25T09:00:00+07:00'));
    const status = async (as: string) => (await t.as(as, `/v1/reports/${r.id}`)).status;
    for (const reader of [postsSpecialist.id, postsHead.id, postsDeputy.id, itDeputy.id, director.id, chiefInspector.id]) {
      expect(await status(reader), reader).toBe(200);
    }
    for (const outsider of [itHead.id, pressHead.id, postsSpecialist2.id]) expect(await status(outsider), outsider).toBe(404);
    expect((await t.as(itHead.id, `/v1/audit?entityId=${r.id}`)).status).toBe(404);
  });
});
