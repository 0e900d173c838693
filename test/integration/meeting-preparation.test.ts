import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findingText } from '../../shared/domain/finding-text.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { person, sonLa } from '../support/people.js';

// M6 (Điều 11.1.a): the Office's programme before the weekly briefing and its minutes after, at
// the rulebook's deadlines (programme: 1 working day before at 16:30; minutes: 1 working day after
// at 17:00), through POST /v1/checks/run and the API, against DynamoDB Local.
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.dispose();
});

const json = async (res: Response) => (await res.json()) as any;
const director = person('director');
const chief = person('chief-of-office');
const itHead = person('head', 'it');
const itSpecialist = person('specialist', 'it');
const W49 = 'mprep.m1-weekly-briefing.2026-W49';
const W50 = 'mprep.m1-weekly-briefing.2026-W50';

async function check(at: string) {
  const res = await t.as(director.id, '/v1/checks/run', { method: 'POST', body: JSON.stringify({ rule: 'M6', at }), clock: at });
  expect(res.status).toBe(200);
  return (await json(res)).findings as any[];
}
const put = (as: string, path: string, b: unknown, clock: string) => t.as(as, path, { method: 'PUT', body: JSON.stringify(b), clock });
const programme = { meetingOn: '2026-12-04', startTime: '08:00', endTime: '11:00', location: 'Phòng họp tầng 2', participantIds: [director.id, itHead.id], documents: [{ url: 'https://vpdt.sonla.gov.vn/tai-lieu/1', title: 'Báo cáo tuần' }] };
const names = { person: (id: string) => sonLa.staff.find((s) => s.id === id)?.name, unit: (id: string) => sonLa.units.find((u) => u.id === id)?.name };

describe('M6 (Điều 11.1.a): the programme of the weekly briefing', () => {
  it('M6 (Điều 11.1.a): the programme of the briefing of Friday 04/12/2026 is due by Thursday 03/12/2026 16:30:00; nothing at 16:30:00, a finding to the chief of office from 16:30:01', async () => {
    expect((await check('2026-12-03T16:30:00+07:00')).filter((f) => f.period === '2026-W49')).toEqual([]);
    const found = (await check('2026-12-03T16:30:01+07:00')).filter((f) => f.period === '2026-W49');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({
      rule: 'M6',
      subjectId: chief.id,
      dueAt: '2026-12-03T16:30:00.000+07:00',
      facts: { part: 'programme', meetingOn: '2026-12-04', done: false, preparationId: W49 },
    });
    expect(findingText(found[0], 'vi', names)).toBe(
      `Chương trình (thành phần, thời gian) của họp giao ban hàng tuần ngày 04/12/2026 (Tuần 49/2026 (30/11–06/12)): ${chief.name} chưa công bố (hạn 03/12/2026 16:30).`,
    );
    expect(findingText(found[0], 'en', names)).toContain(`The programme (participants, time) of the weekly briefing of 2026-12-04 (Week 49, 2026`);
    // Run again: the same finding, nothing twice.
    expect((await check('2026-12-03T18:00:00+07:00')).filter((f) => f.period === '2026-W49').map((f) => f.id)).toEqual([found[0].id]);
  });

  it('M6 (Điều 11.1.a): only the Office publishes it; a participant reads it (403 to write), anyone else gets 404; a bad day names body.meetingOn and writes nothing', async () => {
    expect((await put(itSpecialist.id, `/v1/meetings/preparations/${W49}/programme`, programme, '2026-12-03T16:40:00+07:00')).status).toBe(404);
    const bad = await put(chief.id, `/v1/meetings/preparations/${W49}/programme`, { ...programme, meetingOn: '2026-12-07' }, '2026-12-03T16:40:00+07:00');
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await json(bad))).toContain('body.meetingOn');
    expect((await json(await t.as(chief.id, `/v1/meetings/preparations/${W49}`, { clock: '2026-12-03T16:41:00+07:00' }))).version).toBe(0);
    expect((await t.as(chief.id, '/v1/meetings/preparations/mprep.m4-monthly-unit-meeting.2026-W49', { clock: '2026-12-03T16:41:00+07:00' })).status).toBe(404);
  });

  it('M6 (Điều 11.1.a): published at 16:45 the finding is put right, late; the same PUT again writes nothing; the participant reads it', async () => {
    const [f] = (await check('2026-12-03T16:40:00+07:00')).filter((x) => x.period === '2026-W49');
    const res = await put(chief.id, `/v1/meetings/preparations/${W49}/programme`, programme, '2026-12-03T16:45:00+07:00');
    expect(res.status).toBe(200);
    const view = await json(res);
    expect(view).toMatchObject({ version: 1, programmeStatus: 'late', programmeDueAt: '2026-12-03T16:30:00.000+07:00', programme: { meetingOn: '2026-12-04', startTime: '08:00', publishedBy: chief.id } });
    const again = await json(await put(chief.id, `/v1/meetings/preparations/${W49}/programme`, programme, '2026-12-03T16:50:00+07:00'));
    expect(again.version).toBe(1);
    const finding = await json(await t.as(director.id, `/v1/findings/${f.id}`));
    expect(finding).toMatchObject({ resolution: 'put-right', resolvedAt: '2026-12-03T09:45:00.000Z' });
    expect(findingText({ ...finding, facts: { ...finding.facts, doneAt: '2026-12-03T16:45:00.000+07:00' } }, 'vi', names)).toContain('công bố chậm 15 phút');
    expect((await t.as(itHead.id, `/v1/meetings/preparations/${W49}`, { clock: '2026-12-03T17:00:00+07:00' })).status).toBe(200);
    expect((await put(itHead.id, `/v1/meetings/preparations/${W49}/programme`, programme, '2026-12-03T17:00:00+07:00')).status).toBe(403);
  });

  it('M6 (Điều 11.1.a): published by 16:30:00 on Thursday 10/12/2026, the next briefing’s programme is on time: no finding at 16:30:01', async () => {
    const res = await put(chief.id, `/v1/meetings/preparations/${W50}/programme`, { ...programme, meetingOn: '2026-12-11' }, '2026-12-10T16:30:00+07:00');
    expect((await json(res)).programmeStatus).toBe('on-time');
    expect((await check('2026-12-10T16:30:01+07:00')).filter((f) => f.period === '2026-W50')).toEqual([]);
  });
});

describe('M6 (Điều 11.1.a): the minutes of the weekly briefing', () => {
  it('M6 (Điều 11.1.a): held Friday 04/12/2026 without minutes, they are due Monday 07/12/2026 17:00:00; nothing then, a finding from 17:00:01; recorded at 17:10 it is put right, late', async () => {
    const rec = await t.as(director.id, '/v1/meetings', {
      method: 'POST',
      body: JSON.stringify({ kind: 'weekly-briefing', heldOn: '2026-12-04', chairId: director.id, participantIds: [itHead.id] }),
      clock: '2026-12-04T11:30:00+07:00',
    });
    expect(rec.status).toBe(201);
    const minutesOf = (fs: any[]) => fs.filter((f) => f.facts.part === 'minutes' && f.period === '2026-W49');
    expect(minutesOf(await check('2026-12-07T17:00:00+07:00'))).toEqual([]);
    const [f] = minutesOf(await check('2026-12-07T17:00:01+07:00'));
    expect(f).toMatchObject({ subjectId: chief.id, dueAt: '2026-12-07T17:00:00.000+07:00', facts: { meetingOn: '2026-12-04', done: false } });
    expect(findingText(f, 'vi', names)).toContain(`Biên bản của họp giao ban hàng tuần ngày 04/12/2026`);
    // Minutes before the meeting's day are refused; after it the Office records them.
    expect((await put(chief.id, `/v1/meetings/preparations/${W50}/minutes`, { text: 'Sớm' }, '2026-12-10T09:00:00+07:00')).status).toBe(400);
    const res = await put(chief.id, `/v1/meetings/preparations/${W49}/minutes`, { text: 'Biên bản họp giao ban tuần 49' }, '2026-12-07T17:10:00+07:00');
    expect(res.status).toBe(200);
    expect(await json(res)).toMatchObject({ minutesStatus: 'late', minutes: { recordedBy: chief.id }, meeting: { heldOn: '2026-12-04' } });
    expect(await json(await t.as(director.id, `/v1/findings/${f.id}`))).toMatchObject({ resolution: 'put-right', resolvedAt: '2026-12-07T10:10:00.000Z' });
  });
});
