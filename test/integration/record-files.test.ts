/**
 * Evidence files on reports, plans, meetings and the Office's meeting preparation (issue #22,
 * item 2), against DynamoDB Local and the local S3-compatible server: each record takes the
 * caller's uploads in its own transaction, lists them with their SHA-256 in the record and its
 * history, serves them to whoever may see the record (404 to anyone else), and a replay claims
 * nothing twice.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { person } from '../support/people.js';
import { download, sha256, uploaded } from '../support/uploads.js';

process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.dispose();
});

const json = async (res: Response) => (await res.json()) as any;
const body = (b: unknown) => JSON.stringify(b);
const director = person('director');
const chiefOfOffice = person('chief-of-office');
const officeSpecialist = person('specialist', chiefOfOffice.unitId);
const pressHead = person('head', 'press');
const pressSpecialist = person('specialist', 'press');
const pressSpecialist2 = person('specialist', 'press', 1);
const itHead = person('head', 'it');
const itDeputyHead = person('deputy-head', 'it');
const itSpecialist = person('specialist', 'it');
const postsSpecialist = person('specialist', 'posts-telecom');

const pdf = (text: string) => Buffer.from(`%PDF-1.4\n% ${text}\n%%EOF\n`);
const ref = (ticket: any, bytes: Buffer, by: string) => expect.objectContaining({ id: ticket.id, name: ticket.name, size: bytes.length, sha256: sha256(bytes), uploadedBy: by });

describe('a report submission keeps files', () => {
  const CLOCK = '2026-11-25T15:00:00+07:00';
  const submit = (as: string, b: Record<string, unknown>, clock = CLOCK, headers: Record<string, string> = {}) =>
    t.as(as, '/v1/reports', { method: 'POST', body: body({ obligationId: 'r3-staff-report', period: '2026-W48', content: 'Kết quả công tác tuần 48', ...b }), clock, headers });
  const bytes = pdf('Báo cáo tuần 48 — bản ký');
  let file: any;
  let report: any;

  it('a bad id (and someone else’s upload) is refused with 422 naming body.files.N, and nothing is written', async () => {
    const mine = await uploaded(t, pressSpecialist2.id, bytes, 'bao-cao-tuan-48.pdf');
    const theirs = await uploaded(t, pressSpecialist.id, pdf('Của người khác'), 'khac.pdf');
    const before = await t.countItems();
    const res = await submit(pressSpecialist2.id, { files: [mine.id, '01JNOSUCHUPLOAD00000000000', theirs.id] });
    expect(res.status).toBe(422);
    expect((await json(res)).errors.map((e: any) => e.path)).toEqual(['body.files.1', 'body.files.2']);
    expect(await t.countItems()).toBe(before);
    // The good upload is still waiting: it serves the submission that follows.
    file = mine;
  });

  it('the submission lists the file with its SHA-256; the report’s revision and its history keep it', async () => {
    const res = await submit(pressSpecialist2.id, { files: [file.id] }, CLOCK, { 'idempotency-key': 'r3-w48-files' });
    expect(res.status).toBe(201);
    report = await json(res);
    expect(report.files).toEqual([ref(file, bytes, pressSpecialist2.id)]);
    const got = await json(await t.as(pressHead.id, `/v1/reports/${report.id}`, { clock: CLOCK }));
    expect(got.revisions[0].files).toEqual([ref(file, bytes, pressSpecialist2.id)]);
    const submitted = got.history.find((e: any) => e.action === 'submitted');
    expect(submitted.data.files).toEqual([ref(file, bytes, pressSpecialist2.id)]);
  });

  it('a replay (same Idempotency-Key) answers the same and attaches nothing twice', async () => {
    const count = await t.countItems();
    const again = await submit(pressSpecialist2.id, { files: [file.id] }, CLOCK, { 'idempotency-key': 'r3-w48-files' });
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect((await json(again)).files.map((f: any) => f.id)).toEqual([file.id]);
    expect(await t.countItems()).toBe(count);
    // Sent again without the key, the used upload is refused: one upload serves one record once.
    const twice = await submit(pressSpecialist2.id, { files: [file.id] }, '2026-11-25T15:01:00+07:00');
    expect(twice.status).toBe(422);
    expect((await json(twice)).errors[0].path).toBe('body.files.0');
    expect(await t.countItems()).toBe(count);
  });

  it('its recipient and the author download it; a colleague and another unit get 404, as for no file', async () => {
    expect((await download(t, pressHead.id, file.id, CLOCK)).bytes?.equals(bytes)).toBe(true);
    expect((await download(t, pressSpecialist2.id, file.id, CLOCK)).status).toBe(303);
    for (const outsider of [pressSpecialist, itSpecialist]) {
      const res = await t.as(outsider.id, `/v1/files/${file.id}`, { clock: CLOCK });
      expect(res.status, outsider.id).toBe(404);
      expect((await t.as(outsider.id, `/v1/audit?entityId=${file.id}`, { clock: CLOCK })).status, outsider.id).toBe(404);
    }
  });

  it('a resubmission keeps its own files; the first revision keeps its own', async () => {
    const second = pdf('Báo cáo tuần 48 — bản sửa');
    const f2 = await uploaded(t, pressSpecialist2.id, second, 'bao-cao-tuan-48-sua.pdf');
    const res = await submit(pressSpecialist2.id, { content: 'Bản sửa', files: [f2.id] }, '2026-11-26T08:00:00+07:00');
    expect(res.status).toBe(201);
    const got = await json(await t.as(pressHead.id, `/v1/reports/${report.id}`, { clock: '2026-11-26T08:00:00+07:00' }));
    expect(got.revisions.map((r: any) => (r.files ?? []).map((f: any) => f.id))).toEqual([[file.id], [f2.id]]);
    expect(got.history.find((e: any) => e.action === 'resubmitted').data.files[0]).toMatchObject({ id: f2.id, sha256: sha256(second) });
  });
});

describe('P1 (Điều 10.1): a plan’s files follow the revision that keeps them', () => {
  const submit = (b: Record<string, unknown>, clock: string) =>
    t.as(chiefOfOffice.id, '/v1/plans', { method: 'POST', body: body({ period: '2026-W49', obligationId: 'p1-weekly-programme', ...b }), clock });

  it('while a change awaits approval, everyone downloads the approved revision’s file and only the change’s readers the change’s; once approved, everyone', async () => {
    const v1 = pdf('Chương trình công tác tuần 49 — bản 1');
    const v2 = pdf('Chương trình công tác tuần 49 — bản 2');
    const a = await uploaded(t, chiefOfOffice.id, v1, 'chuong-trinh-tuan-49.pdf');
    const plan = await json(await submit({ content: 'Chương trình tuần 49 — bản 1', files: [a.id] }, '2026-11-27T15:00:00+07:00'));
    expect(plan.files).toEqual([ref(a, v1, chiefOfOffice.id)]);
    expect((await t.as(director.id, `/v1/plans/${plan.id}/approve`, { method: 'POST', body: body({}), clock: '2026-11-27T16:30:00+07:00' })).status).toBe(200);
    const b = await uploaded(t, chiefOfOffice.id, v2, 'chuong-trinh-tuan-49-sua.pdf');
    const changed = await submit({ content: 'Chương trình tuần 49 — bản 2', reason: 'Đổi lịch họp giao ban', files: [b.id] }, '2026-11-30T08:00:00+07:00');
    expect(changed.status).toBe(201);

    const at = '2026-11-30T09:00:00+07:00';
    expect((await download(t, pressSpecialist.id, a.id, at)).status).toBe(303);
    expect((await download(t, pressSpecialist.id, b.id, at)).status).toBe(404);
    const outsider = await json(await t.as(pressSpecialist.id, `/v1/plans/${plan.id}`, { clock: at }));
    expect(JSON.stringify(outsider)).not.toContain(b.id);
    expect(outsider.revisions[0].files[0]).toMatchObject({ id: a.id, sha256: sha256(v1) });
    for (const reader of [officeSpecialist, director]) expect((await download(t, reader.id, b.id, at)).bytes?.equals(v2), reader.id).toBe(true);

    expect((await t.as(director.id, `/v1/plans/${plan.id}/approve`, { method: 'POST', body: body({}), clock: '2026-11-30T10:00:00+07:00' })).status).toBe(200);
    expect((await download(t, pressSpecialist.id, b.id, '2026-11-30T10:00:00+07:00')).status).toBe(303);
  });
});

describe('a meeting’s minutes and conclusions keep files', () => {
  const NOW = '2026-11-20T16:00:00+07:00';
  const minutes = pdf('Biên bản họp giao ban 20/11/2026');
  const notice = pdf('Thông báo kết luận họp giao ban 20/11/2026');
  let meeting: any;
  let m: any;
  let c: any;
  const conclusions = () => ({ items: [{ text: 'Hoàn thành rà soát hệ thống một cửa điện tử', assigneeId: itHead.id, dueDate: '2026-11-27' }], files: [c.id] });

  beforeAll(async () => {
    m = await uploaded(t, chiefOfOffice.id, minutes, 'bien-ban-giao-ban.pdf');
    c = await uploaded(t, director.id, notice, 'thong-bao-ket-luan.pdf');
  });

  it('the recorded meeting lists its minutes’ file; someone else’s upload is refused and nothing is written', async () => {
    const before = await t.countItems();
    const refused = await t.as(chiefOfOffice.id, '/v1/meetings', {
      method: 'POST',
      body: body({ kind: 'weekly-briefing', heldOn: '2026-11-20', chairId: director.id, participantIds: [director.id, itHead.id], files: [c.id] }),
      clock: NOW,
    });
    expect(refused.status).toBe(422);
    expect((await json(refused)).errors[0].path).toBe('body.files.0');
    expect(await t.countItems()).toBe(before);
    const res = await t.as(chiefOfOffice.id, '/v1/meetings', {
      method: 'POST',
      body: body({ kind: 'weekly-briefing', heldOn: '2026-11-20', chairId: director.id, participantIds: [director.id, itHead.id], files: [m.id] }),
      clock: NOW,
    });
    expect(res.status).toBe(201);
    meeting = await json(res);
    expect(meeting.files).toEqual([ref(m, minutes, chiefOfOffice.id)]);
  });

  it('the conclusions list theirs; a bad id first is 422 naming it and writes nothing; a replay attaches nothing twice; the history keeps both hashes', async () => {
    const before = await t.countItems();
    const bad = await t.as(director.id, `/v1/meetings/${meeting.id}/conclusions`, { method: 'POST', body: body({ ...conclusions(), files: [c.id, m.id] }), clock: NOW });
    expect(bad.status).toBe(422);
    expect((await json(bad)).errors.map((e: any) => e.path)).toEqual(['body.files.1']);
    expect(await t.countItems()).toBe(before);
    const res = await t.as(director.id, `/v1/meetings/${meeting.id}/conclusions`, { method: 'POST', body: body(conclusions()), clock: NOW });
    expect(res.status).toBe(201);
    expect((await json(res)).conclusions.files).toEqual([ref(c, notice, director.id)]);
    const count = await t.countItems();
    const again = await t.as(director.id, `/v1/meetings/${meeting.id}/conclusions`, { method: 'POST', body: body(conclusions()), clock: NOW });
    expect(again.status).toBe(201);
    expect((await json(again)).conclusions.files.map((f: any) => f.id)).toEqual([c.id]);
    expect(await t.countItems()).toBe(count);
    const got = await json(await t.as(itHead.id, `/v1/meetings/${meeting.id}`, { clock: NOW }));
    expect(got.files[0]).toMatchObject({ id: m.id, sha256: sha256(minutes) });
    expect(got.history.find((e: any) => e.action === 'recorded').data.meeting.files[0]).toMatchObject({ id: m.id, sha256: sha256(minutes) });
    expect(got.history.find((e: any) => e.action === 'conclusions-issued').data.conclusions.files[0]).toMatchObject({ id: c.id, sha256: sha256(notice) });
  });

  it('its readers download both; a specialist outside it gets 404', async () => {
    expect((await download(t, itHead.id, m.id, NOW)).bytes?.equals(minutes)).toBe(true);
    expect((await download(t, itSpecialist.id, c.id, NOW)).bytes?.equals(notice)).toBe(true); // the conclusions went to the IT unit
    for (const id of [m.id, c.id]) expect((await t.as(postsSpecialist.id, `/v1/files/${id}`, { clock: NOW })).status).toBe(404);
  });

  it('a unit’s own meeting: its staff download the minutes, another unit’s specialist gets 404', async () => {
    const bytes = pdf('Biên bản họp phòng CNTT tháng 11');
    const f = await uploaded(t, itHead.id, bytes, 'bien-ban-phong.pdf');
    const res = await t.as(itHead.id, '/v1/meetings', {
      method: 'POST',
      body: body({ kind: 'monthly-unit', unitId: 'it', heldOn: '2026-11-19', chairId: itHead.id, participantIds: [itHead.id, itDeputyHead.id], files: [f.id] }),
      clock: NOW,
    });
    expect(res.status).toBe(201);
    expect((await download(t, itSpecialist.id, f.id, NOW)).status).toBe(303);
    expect((await download(t, pressSpecialist.id, f.id, NOW)).status).toBe(404);
  });
});

describe('M6 (Điều 11.1.a): the Office’s programme documents and minutes keep files', () => {
  const W49 = 'mprep.m1-weekly-briefing.2026-W49';
  const path = `/v1/meetings/preparations/${W49}`;
  const put = (as: string, sub: string, b: unknown, clock: string) => t.as(as, `${path}/${sub}`, { method: 'PUT', body: body(b), clock });
  const programme = { meetingOn: '2026-12-04', startTime: '08:00', location: 'Phòng họp tầng 2', participantIds: [director.id, itHead.id] };
  const agenda = pdf('Tài liệu họp giao ban tuần 49');
  const record = pdf('Biên bản giao ban tuần 49 (bản scan)');

  it('the programme’s documents as files: listed with the hash, the same PUT again writes nothing, a participant downloads, anyone else 404', async () => {
    const d = await uploaded(t, chiefOfOffice.id, agenda, 'tai-lieu-giao-ban.pdf');
    const res = await put(chiefOfOffice.id, 'programme', { ...programme, files: [d.id] }, '2026-12-03T15:00:00+07:00');
    expect(res.status).toBe(200);
    const view = await json(res);
    expect(view.files).toEqual([ref(d, agenda, chiefOfOffice.id)]);
    expect(view.history.at(-1).data.files[0]).toMatchObject({ id: d.id, sha256: sha256(agenda) });
    const count = await t.countItems();
    const again = await json(await put(chiefOfOffice.id, 'programme', { ...programme, files: [d.id] }, '2026-12-03T15:05:00+07:00'));
    expect(again).toMatchObject({ version: view.version, files: [expect.objectContaining({ id: d.id })] });
    expect(await t.countItems()).toBe(count);
    expect((await download(t, itHead.id, d.id, '2026-12-03T16:00:00+07:00')).bytes?.equals(agenda)).toBe(true);
    expect((await download(t, itSpecialist.id, d.id, '2026-12-03T16:00:00+07:00')).status).toBe(404);
  });

  it('minutes before the meeting’s day are refused before any file is touched; after it the minutes keep their file', async () => {
    const f = await uploaded(t, chiefOfOffice.id, record, 'bien-ban-tuan-49.pdf');
    const early = await put(chiefOfOffice.id, 'minutes', { text: 'Sớm', files: [f.id] }, '2026-12-03T17:00:00+07:00');
    expect(early.status).toBe(400);
    const res = await put(chiefOfOffice.id, 'minutes', { text: 'Biên bản họp giao ban tuần 49', files: [f.id] }, '2026-12-04T17:00:00+07:00');
    expect(res.status).toBe(200);
    const view = await json(res);
    expect(view.minutes.files).toEqual([ref(f, record, chiefOfOffice.id)]);
    expect(view.files).toHaveLength(1); // the documents' list is its own
    const foreign = await uploaded(t, itHead.id, pdf('Không phải của Văn phòng'), 'khac.pdf');
    const refused = await put(chiefOfOffice.id, 'minutes', { text: 'Biên bản họp giao ban tuần 49', files: [f.id, foreign.id] }, '2026-12-04T17:05:00+07:00');
    expect(refused.status).toBe(422);
    expect((await json(refused)).errors.map((e: any) => e.path)).toEqual(['body.files.1']);
    expect((await download(t, director.id, f.id, '2026-12-04T17:10:00+07:00')).status).toBe(303);
    expect((await download(t, postsSpecialist.id, f.id, '2026-12-04T17:10:00+07:00')).status).toBe(404);
  });
});
