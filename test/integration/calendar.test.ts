// The weekly work calendar (issue #13) against DynamoDB Local: delegation visits (Điều 17),
// missions and their return (Điều 16, R5), and the week as JSON, iCalendar, a subscription feed
// and a printable page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
const itDeputy = deputyDirectors().find((d) => unitOverseenBy(d.id).includes('it'))!;
const chiefOfOffice = person('chief-of-office');
const chiefInspector = person('chief-inspector');
const itHead = person('head', 'it');
const itSpecialist = person('specialist', 'it');
const pressSpecialist = person('specialist', 'press');
const pressHead = person('head', 'press');

const MONDAY = '2026-12-07T08:00:00+07:00';

/** A small RFC 5545 reader for the test: unfolds lines, splits components and properties, unescapes text. */
function parseIcs(text: string) {
  expect(text.endsWith('\r\n')).toBe(true);
  const lines = text.split('\r\n').slice(0, -1);
  for (const line of lines) expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
  const unfolded = lines.reduce<string[]>((acc, line) => {
    if (line.startsWith(' ') || line.startsWith('\t')) acc[acc.length - 1] += line.slice(1);
    else acc.push(line);
    return acc;
  }, []);
  type Component = { name: string; props: Record<string, { params: string; value: string }>; children: Component[] };
  const root: Component = { name: 'ROOT', props: {}, children: [] };
  const stack = [root];
  for (const line of unfolded) {
    const colon = line.indexOf(':');
    const [nameAndParams, value] = [line.slice(0, colon), line.slice(colon + 1)];
    const [name, ...params] = nameAndParams.split(';');
    if (name === 'BEGIN') {
      const c: Component = { name: value, props: {}, children: [] };
      stack.at(-1)!.children.push(c);
      stack.push(c);
    } else if (name === 'END') {
      expect(stack.pop()!.name).toBe(value);
    } else {
      stack.at(-1)!.props[name!] = { params: params.join(';'), value: value.replace(/\\n/gi, '\n').replace(/\\([,;\\])/g, '$1') };
    }
  }
  expect(stack).toHaveLength(1);
  expect(root.children.map((c) => c.name)).toEqual(['VCALENDAR']);
  const calendar = root.children[0]!;
  return { calendar, events: calendar.children.filter((c) => c.name === 'VEVENT') };
}

let missionId: string;
let visitId: string;
let meetingId: string;
let leaveId: string;

describe('setting up the week of 7–13 December 2026', () => {
  it('the Office records a delegation visit; each preparation becomes an assignment on the director’s authority (Điều 17)', async () => {
    const before = await t.countItems();
    const refused = await t.as(itSpecialist.id, '/v1/visits', {
      method: 'POST',
      body: body({ delegation: 'Đoàn công tác Bộ TT&TT', from: '2026-12-11', to: '2026-12-11', hostIds: [director.id] }),
      clock: MONDAY,
    });
    expect(refused.status).toBe(403);
    const late = await t.as(chiefOfOffice.id, '/v1/visits', {
      method: 'POST',
      body: body({ delegation: 'Đoàn công tác Bộ TT&TT', from: '2026-12-11', to: '2026-12-11', hostIds: [director.id], preparations: [{ text: 'Báo cáo', unitId: 'it', dueDate: '2026-12-12' }] }),
      clock: MONDAY,
    });
    expect(late.status).toBe(400);
    expect(((await json(late)).errors as any[]).map((e) => e.path)).toEqual(['body.preparations.0.dueDate']);
    expect(await t.countItems()).toBe(before);

    const res = await t.as(chiefOfOffice.id, '/v1/visits', {
      method: 'POST',
      body: body({
        delegation: 'Đoàn công tác Bộ Thông tin và Truyền thông',
        purpose: 'Kiểm tra chuyển đổi số',
        from: '2026-12-11',
        to: '2026-12-11',
        start: '09:00',
        end: '11:30',
        location: 'Hội trường tầng 3',
        hostIds: [director.id, itHead.id],
        preparations: [{ text: 'Chuẩn bị báo cáo chuyển đổi số', unitId: 'it', dueDate: '2026-12-10' }],
      }),
      clock: MONDAY,
    });
    expect(res.status).toBe(201);
    const visit = await json(res);
    visitId = visit.id;
    expect(visit).toMatchObject({ decidedBy: director.id, recordedBy: chiefOfOffice.id, preparationCount: 1, preparingUnitIds: ['it'] });
    expect(visit.preparations).toEqual([
      { n: 1, text: 'Chuẩn bị báo cáo chuyển đổi số', unitId: 'it', responsibleId: itHead.id, dueDate: '2026-12-10', assignmentId: `${visitId}.1`, state: 'created', status: 'assigned', timeliness: 'due-soon' },
    ]);
    const assignment = await json(await t.as(itHead.id, `/v1/assignments/${visitId}.1`, { clock: MONDAY }));
    expect(assignment).toMatchObject({ assignerId: chiefOfOffice.id, onBehalfOf: director.id, unitId: 'it', dueDate: '2026-12-10', source: { kind: 'ad-hoc', ref: visitId, itemId: '1' } });
  });

  it('the IT deputy director sends a specialist on a mission (Điều 16.2); training stays the director’s decision (16.1)', async () => {
    const refused = await t.as(itDeputy.id, '/v1/missions', {
      method: 'POST',
      body: body({ staffId: itSpecialist.id, kind: 'training', title: 'Tập huấn an toàn thông tin', from: '2026-12-14', to: '2026-12-15' }),
      clock: MONDAY,
    });
    expect(refused.status).toBe(403);
    const res = await t.as(itDeputy.id, '/v1/missions', {
      method: 'POST',
      body: body({ staffId: itSpecialist.id, kind: 'mission', title: 'Khảo sát hạ tầng huyện Sốp Cộp', from: '2026-12-08', to: '2026-12-11' }),
      clock: MONDAY,
    });
    expect(res.status).toBe(201);
    missionId = (await json(res)).id;
    const training = await t.as(director.id, '/v1/missions', {
      method: 'POST',
      body: body({ staffId: pressSpecialist.id, kind: 'training', title: 'Tập huấn báo chí', from: '2026-12-14', to: '2026-12-15' }),
      clock: MONDAY,
    });
    expect(training.status).toBe(201);
  });

  it('a unit meeting held on Monday, and a day’s leave approved', async () => {
    const meeting = await t.as(itHead.id, '/v1/meetings', {
      method: 'POST',
      // The chair among the participants too, as minutes often list them: the calendar names them once.
      body: body({ kind: 'monthly-unit', unitId: 'it', heldOn: '2026-12-07', chairId: itHead.id, participantIds: [itHead.id, itSpecialist.id] }),
      clock: MONDAY,
    });
    expect(meeting.status).toBe(201);
    meetingId = (await json(meeting)).id;
    const leave = await t.as(pressSpecialist.id, '/v1/leave-requests', {
      method: 'POST',
      body: body({ kind: 'annual', startDate: '2026-12-10', reason: 'Việc gia đình' }),
      clock: MONDAY,
    });
    expect(leave.status).toBe(201);
    const request = await json(leave);
    leaveId = request.id;
    const decided = await t.as(request.approverId, `/v1/leave-requests/${leaveId}/decision`, { method: 'POST', body: body({ approve: true }), clock: MONDAY });
    expect(decided.status).toBe(200);
  });
});

describe('a returned mission’s report (R5, Điều 16.4)', () => {
  it('the specialist records coming back early: the mission ends that day and R5 counts from it', async () => {
    const stranger = await t.as(pressSpecialist.id, `/v1/missions/${missionId}/return`, { method: 'POST', body: body({ returnedOn: '2026-12-09' }), clock: '2026-12-09T18:00:00+07:00' });
    expect(stranger.status).toBe(404);
    const future = await t.as(itSpecialist.id, `/v1/missions/${missionId}/return`, { method: 'POST', body: body({ returnedOn: '2026-12-10' }), clock: '2026-12-09T18:00:00+07:00' });
    expect(future.status).toBe(400);
    const res = await t.as(itSpecialist.id, `/v1/missions/${missionId}/return`, {
      method: 'POST',
      body: body({ returnedOn: '2026-12-09', note: 'Hoàn thành sớm' }),
      clock: '2026-12-09T18:00:00+07:00',
      headers: { 'if-match': '"1"' },
    });
    expect(res.status).toBe(200);
    const mission = await json(res);
    expect(mission).toMatchObject({ from: '2026-12-08', to: '2026-12-09', plannedTo: '2026-12-11', returnedOn: '2026-12-09', version: 2 });
    // The 3rd working day after Wednesday 9 December: Monday 14 December, 17:00.
    expect(mission.obligations).toEqual([
      expect.objectContaining({ obligationId: 'r5-mission-report', rule: 'R5', article: 'Điều 16.4', recipients: [itHead.id], dueAt: '2026-12-14T17:00:00.000+07:00' }),
    ]);
    const twice = await t.as(itSpecialist.id, `/v1/missions/${missionId}/return`, { method: 'POST', body: body({ returnedOn: '2026-12-09' }), clock: '2026-12-09T18:05:00+07:00' });
    expect(twice.status).toBe(409);
  });

  it('without a report it is pending up to the due second, then missing', async () => {
    const status = async (clock: string) => {
      const res = await t.as(itHead.id, `/v1/reports/obligations?period=2026-W50&staffId=${itSpecialist.id}`, { clock });
      expect(res.status).toBe(200);
      return ((await json(res)).items as any[]).filter((i) => i.missionId === missionId).map((i) => [i.obligationId, i.missionEndedOn, i.dueAt, i.status]);
    };
    expect(await status('2026-12-14T17:00:00+07:00')).toEqual([['r5-mission-report', '2026-12-09', '2026-12-14T17:00:00.000+07:00', 'pending']]);
    expect(await status('2026-12-14T17:00:01+07:00')).toEqual([['r5-mission-report', '2026-12-09', '2026-12-14T17:00:00.000+07:00', 'missing']]);
  });
});

describe('GET /v1/calendar?week=2026-W50', () => {
  const expectedUids = () => [
    `meeting.${meetingId}`,
    `mission.${missionId}`,
    `leave.${leaveId}`,
    'reception.reception-schedule.2026-12.1',
    'expected-meeting.m1-weekly-briefing.2026-W50.board',
    `visit.${visitId}`,
  ];

  it('the approved reception schedule puts its session on the calendar', async () => {
    expect(
      (await t.as(chiefInspector.id, '/v1/reception-schedules', {
        method: 'POST',
        body: body({ month: '2026-12', sessions: [{ date: '2026-12-10', start: '08:00', end: '11:00', hostId: director.id, location: 'Phòng tiếp công dân' }] }),
        clock: MONDAY,
      })).status,
    ).toBe(201);
    expect((await t.as(director.id, '/v1/reception-schedules/2026-12/approve', { method: 'POST', clock: MONDAY })).status).toBe(200);
  });

  it('the department’s week: every meeting, reception session, mission, visit and leave, day by day', async () => {
    const res = await t.as(director.id, '/v1/calendar?week=2026-W50', { clock: MONDAY });
    expect(res.status).toBe(200);
    const week = await json(res);
    expect(week).toMatchObject({ week: '2026-W50', start: '2026-12-07', end: '2026-12-13', timeZone: 'Asia/Ho_Chi_Minh' });
    expect((week.days as any[]).map((d) => [d.date, d.weekday, d.working])).toEqual([
      ['2026-12-07', 1, true],
      ['2026-12-08', 2, true],
      ['2026-12-09', 3, true],
      ['2026-12-10', 4, true],
      ['2026-12-11', 5, true],
      ['2026-12-12', 6, false],
      ['2026-12-13', 7, false],
    ]);
    expect((week.events as any[]).map((e) => e.uid)).toEqual(expectedUids());
    const byKind = Object.fromEntries((week.events as any[]).map((e) => [e.uid, e]));
    expect(byKind[`meeting.${meetingId}`].staffIds).toEqual([itHead.id, itSpecialist.id]);
    expect(byKind[`mission.${missionId}`]).toMatchObject({ kind: 'mission', start: '2026-12-08', end: '2026-12-09', status: 'returned', staffIds: [itSpecialist.id] });
    expect(byKind['reception.reception-schedule.2026-12.1']).toMatchObject({
      kind: 'reception',
      title: { vi: `Tiếp công dân định kỳ: ${director.name}`, en: `Citizen reception: ${director.name}` },
      start: '2026-12-10',
      startTime: '08:00',
      endTime: '11:00',
      location: 'Phòng tiếp công dân',
      status: 'scheduled',
    });
    expect(byKind['expected-meeting.m1-weekly-briefing.2026-W50.board']).toMatchObject({ kind: 'meeting', start: '2026-12-11', status: 'planned', departmentWide: true });
    expect(byKind[`leave.${leaveId}`]).toMatchObject({ kind: 'leave', start: '2026-12-10', end: '2026-12-10', staffIds: [pressSpecialist.id], status: 'approved' });
    expect(byKind[`visit.${visitId}`]).toMatchObject({ kind: 'visit', title: { vi: 'Tiếp đoàn: Đoàn công tác Bộ Thông tin và Truyền thông' }, startTime: '09:00', endTime: '11:30', staffIds: [director.id, itHead.id], unitIds: ['it'] });
    expect(week.staff[itSpecialist.id]).toMatchObject({ name: itSpecialist.name });
  });

  it('a unit’s week keeps what concerns the unit: the press division sees the briefing and its own leave', async () => {
    const res = await t.as(pressHead.id, '/v1/calendar?week=2026-W50&unitId=press', { clock: MONDAY });
    expect(res.status).toBe(200);
    expect(((await json(res)).events as any[]).map((e) => e.uid)).toEqual([`leave.${leaveId}`, 'expected-meeting.m1-weekly-briefing.2026-W50.board']);
  });

  it('names a bad week (400) and answers 404 for a unit that does not exist', async () => {
    const bad = await t.as(director.id, '/v1/calendar?week=2026-48', { clock: MONDAY });
    expect(bad.status).toBe(400);
    expect(((await json(bad)).errors as any[]).map((e) => e.path)).toEqual(['query.week']);
    expect((await t.as(director.id, '/v1/calendar?week=2026-W50&unitId=no-such-unit', { clock: MONDAY })).status).toBe(404);
    expect((await t.app.request('/v1/calendar?week=2026-W50')).status).toBe(401);
  });

  it('as iCalendar: the feed parses and holds exactly the week’s events', async () => {
    const res = await t.as(director.id, '/v1/calendar.ics?week=2026-W50', { clock: MONDAY });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    const { calendar, events } = parseIcs(await res.text());
    expect(calendar.props.VERSION?.value).toBe('2.0');
    expect(calendar.props.METHOD?.value).toBe('PUBLISH');
    expect(events.map((e) => e.props.UID?.value)).toEqual(expectedUids().map((uid) => `${uid}@${t.orgId}.quy-che-tracker`));
    const event = (uid: string) => events.find((e) => e.props.UID?.value.startsWith(uid))!.props;
    // Timed events in UTC; whole-day events as DATE with the exclusive end.
    expect(event('reception.')).toMatchObject({
      DTSTART: { params: '', value: '20261210T010000Z' },
      DTEND: { params: '', value: '20261210T040000Z' },
      SUMMARY: { params: '', value: `Tiếp công dân định kỳ: ${director.name}` },
      LOCATION: { params: '', value: 'Phòng tiếp công dân' },
    });
    expect(event('mission.')).toMatchObject({ DTSTART: { params: 'VALUE=DATE', value: '20261208' }, DTEND: { params: 'VALUE=DATE', value: '20261210' } });
    expect(event('visit.').SUMMARY?.value).toBe('Tiếp đoàn: Đoàn công tác Bộ Thông tin và Truyền thông');
    expect(event('expected-meeting.').STATUS?.value).toBe('TENTATIVE');
    expect(event('meeting.').DTSTAMP?.value).toBe('20261207T010000Z');
  });

  it('in English with ?lang=en', async () => {
    const { events } = parseIcs(await (await t.as(director.id, '/v1/calendar.ics?week=2026-W50&lang=en', { clock: MONDAY })).text());
    expect(events.find((e) => e.props.UID?.value.startsWith('visit.'))?.props.SUMMARY?.value).toBe('Delegation visit: Đoàn công tác Bộ Thông tin và Truyền thông');
  });
});

describe('a person’s subscription feed', () => {
  let url: string;

  it('a specialist creates one: the URL works without a bearer token and holds what concerns their unit', async () => {
    const res = await t.as(itSpecialist.id, '/v1/calendar/feed', { method: 'POST', clock: MONDAY });
    expect(res.status).toBe(201);
    const created = await json(res);
    expect(created.url).toBe(`http://localhost/v1/calendar/feeds/${encodeURIComponent(created.token)}/calendar.ics`);
    url = new URL(created.url).pathname;
    const feed = await t.app.request(url, { headers: { 'x-clock': MONDAY } });
    expect(feed.status).toBe(200);
    const { events } = parseIcs(await feed.text());
    // IT's meeting and mission, the visit IT prepares, the briefings of weeks 49 to 54; not the press leave or training.
    expect(events.map((e) => e.props.UID?.value.split('@')[0]).sort()).toEqual(
      [
        `meeting.${meetingId}`,
        `mission.${missionId}`,
        `visit.${visitId}`,
        'expected-meeting.m1-weekly-briefing.2026-W50.board',
        'expected-meeting.m1-weekly-briefing.2026-W51.board',
        'expected-meeting.m1-weekly-briefing.2026-W52.board',
        'expected-meeting.m1-weekly-briefing.2026-W53.board',
        'expected-meeting.m1-weekly-briefing.2027-W01.board',
        'expected-meeting.m1-weekly-briefing.2026-W49.board',
      ].sort(),
    );
    expect(await json(await t.as(itSpecialist.id, '/v1/calendar/feed', { clock: MONDAY }))).toEqual({ active: true, createdAt: '2026-12-07T01:00:00.000Z' });
  });

  it('rotating revokes the old URL at once; revoking the new one leaves nothing', async () => {
    const rotated = await json(await t.as(itSpecialist.id, '/v1/calendar/feed', { method: 'POST', clock: MONDAY }));
    expect((await t.app.request(url, { headers: { 'x-clock': MONDAY } })).status).toBe(404);
    const fresh = new URL(rotated.url).pathname;
    expect((await t.app.request(fresh, { headers: { 'x-clock': MONDAY } })).status).toBe(200);
    expect((await t.as(itSpecialist.id, '/v1/calendar/feed', { method: 'DELETE', clock: MONDAY })).status).toBe(204);
    expect((await t.app.request(fresh, { headers: { 'x-clock': MONDAY } })).status).toBe(404);
    expect(await json(await t.as(itSpecialist.id, '/v1/calendar/feed', { clock: MONDAY }))).toEqual({ active: false, revokedAt: '2026-12-07T01:00:00.000Z' });
    expect((await t.as(itSpecialist.id, '/v1/calendar/feed', { method: 'DELETE', clock: MONDAY })).status).toBe(404);
    expect((await t.app.request(`/v1/calendar/feeds/${t.orgId}.made-up-token-000/calendar.ics`)).status).toBe(404);
  });
});

describe('GET /calendar: the printable page', () => {
  it('Vietnamese first, one row group per day, the strict CSP, the A4 print stylesheet', async () => {
    const res = await t.as(director.id, '/calendar?week=2026-W50', { clock: MONDAY });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<html lang="vi">');
    expect(html).toContain('Lịch công tác tuần — Tuần 50/2026 (07/12–13/12)');
    expect(html.match(/<tbody/g)).toHaveLength(7);
    expect(html).toContain('Tiếp đoàn: Đoàn công tác Bộ Thông tin và Truyền thông');
    expect(html).not.toMatch(/style=|<script/);
    expect(res.headers.get('content-security-policy')).toContain("style-src 'self'");
    const css = await (await t.app.request('/assets/app.css')).text();
    expect(css).toContain('@page { size: A4 landscape; margin: 10mm; }');
  });

  it('in English with ?lang=en, and 401 without a token', async () => {
    const html = await (await t.as(director.id, '/calendar?week=2026-W50&lang=en', { clock: MONDAY })).text();
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('Weekly work calendar — Week 50, 2026 (2026-12-07 – 2026-12-13)');
    expect((await t.app.request('/calendar?week=2026-W50')).status).toBe(401);
  });
});
