/**
 * Who may read a meeting (issue 18, item 5; docs/security/meetings.md): the people in it, the
 * units its conclusions were sent to, the board; anyone else gets 404 on the API, the page, its
 * history and the lists. A confidential conclusion follows its assignment: its text and detail
 * only to those who may see that assignment ("Nội dung mật" to the others).
 */
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

const NOW = '2026-11-20T16:00:00+07:00';
const json = async (res: Response) => (await res.json()) as any;
const body = (b: unknown) => JSON.stringify(b);
const director = person('director');
const chiefOfOffice = person('chief-of-office');
const chiefInspector = person('chief-inspector');
const itDeputyDirector = deputyDirectors().find((d) => unitOverseenBy(d.id).includes('it'))!;
const otherDeputyDirector = deputyDirectors().find((d) => d.id !== itDeputyDirector.id)!;
const itHead = person('head', 'it');
const itDeputyHead = person('deputy-head', 'it');
const itSpecialist = person('specialist', 'it');
const pressSpecialist = person('specialist', 'press');
const postsSpecialist = person('specialist', 'posts-telecom');
const SECRET = 'Rà soát nhân sự liên quan vụ việc tố cáo số 12';
const SECRET_DETAIL = 'Báo cáo riêng Giám đốc, không lưu hệ thống chung';
let briefing: any;
let unitMeeting: any;

beforeAll(async () => {
  const recorded = await t.as(chiefOfOffice.id, '/v1/meetings', {
    method: 'POST',
    body: body({ kind: 'weekly-briefing', heldOn: '2026-11-20', chairId: director.id, participantIds: [director.id, itDeputyDirector.id, chiefOfOffice.id, itHead.id] }),
    clock: NOW,
  });
  expect(recorded.status).toBe(201);
  briefing = await json(recorded);
  const issued = await t.as(director.id, `/v1/meetings/${briefing.id}/conclusions`, {
    method: 'POST',
    body: body({
      items: [
        { text: 'Hoàn thành rà soát hệ thống một cửa điện tử', assigneeId: itHead.id, dueDate: '2026-11-27' },
        { text: SECRET, detail: SECRET_DETAIL, assigneeId: itSpecialist.id, dueDate: '2026-11-30', confidentiality: 'confidential' },
        { text: 'Báo cáo tình hình báo chí tháng 11', detail: 'Gửi Văn phòng tổng hợp', unitId: 'press', dueDate: '2026-12-04' },
      ],
    }),
    clock: NOW,
  });
  expect(issued.status).toBe(201);
  const unit = await t.as(itHead.id, '/v1/meetings', { method: 'POST', body: body({ kind: 'monthly-unit', unitId: 'it', heldOn: '2026-11-19', chairId: itHead.id, participantIds: [itHead.id, itDeputyHead.id] }), clock: NOW });
  expect(unit.status).toBe(201);
  unitMeeting = await json(unit);
});

describe('who may read a meeting', () => {
  it('a specialist outside it gets 404 on the meeting, its page and its history, exactly as for a meeting that does not exist', async () => {
    const missing = await t.as(postsSpecialist.id, '/v1/meetings/01NOSUCHMEETING000000000000', { clock: NOW });
    const hidden = await t.as(postsSpecialist.id, `/v1/meetings/${briefing.id}`, { clock: NOW });
    expect(hidden.status).toBe(404);
    expect(missing.status).toBe(404);
    const [a, b] = [await json(hidden), await json(missing)];
    expect(a.detail.replace(briefing.id, 'X')).toBe(b.detail.replace('01NOSUCHMEETING000000000000', 'X'));
    expect(a.detail).not.toContain(SECRET);
    const page = await t.as(postsSpecialist.id, `/meetings/${briefing.id}`, { clock: NOW });
    expect(page.status).toBe(404);
    expect(await page.text()).not.toContain('Hoàn thành rà soát');
    expect((await t.as(postsSpecialist.id, `/v1/audit?entityId=${briefing.id}`, { clock: NOW })).status).toBe(404);
    // A unit's own meeting: its staff read it, another unit's specialist does not.
    expect((await t.as(itSpecialist.id, `/v1/meetings/${unitMeeting.id}`, { clock: NOW })).status).toBe(200);
    expect((await t.as(pressSpecialist.id, `/v1/meetings/${unitMeeting.id}`, { clock: NOW })).status).toBe(404);
  });

  it('lists leave out what the caller may not read', async () => {
    const list = async (as: string) => (await json(await t.as(as, '/v1/meetings?from=2026-11-01&to=2026-11-30', { clock: NOW }))).items.map((m: any) => m.id).sort();
    expect(await list(postsSpecialist.id)).toEqual([]);
    expect(await list(pressSpecialist.id)).toEqual([briefing.id]);
    expect(await list(itSpecialist.id)).toEqual([briefing.id, unitMeeting.id].sort());
    expect(await list(otherDeputyDirector.id)).toEqual([briefing.id, unitMeeting.id].sort());
    const awaiting = await json(await t.as(postsSpecialist.id, '/v1/meetings?withoutConclusions=true', { clock: '2026-12-01T09:00:00+07:00' }));
    expect(awaiting.items).toEqual([]);
    const awaitingIt = await json(await t.as(itDeputyHead.id, '/v1/meetings?withoutConclusions=true', { clock: '2026-12-01T09:00:00+07:00' }));
    expect(awaitingIt.items.map((m: any) => m.id)).toEqual([unitMeeting.id]);
  });

  it('a confidential conclusion shows "Nội dung mật" to whoever may not see its assignment, on the API and the page', async () => {
    // In the unit it was sent to, but not a party: the meeting yes, the secret no.
    for (const reader of [itDeputyHead, otherDeputyDirector, chiefInspector, chiefOfOffice, itHead]) {
      const res = await t.as(reader.id, `/v1/meetings/${briefing.id}`, { clock: NOW });
      expect(res.status, reader.id).toBe(200);
      const raw = await res.text();
      expect(raw, reader.id).not.toContain(SECRET);
      expect(raw, reader.id).not.toContain(SECRET_DETAIL);
      const item = JSON.parse(raw).items[1];
      expect(item, reader.id).toEqual({ n: 2, text: 'Nội dung mật', hidden: true, confidentiality: 'confidential', assignmentId: `${briefing.id}.2`, state: 'created' });
      expect((await t.as(reader.id, `/v1/assignments/${briefing.id}.2`, { clock: NOW })).status, reader.id).toBe(404);
      const page = await (await t.as(reader.id, `/meetings/${briefing.id}`, { clock: NOW })).text();
      expect(page).toContain('Nội dung mật');
      expect(page).not.toContain(SECRET);
      expect(page).not.toContain(itSpecialist.name);
    }
    const en = await (await t.as(itDeputyHead.id, `/meetings/${briefing.id}?lang=en`, { clock: NOW })).text();
    expect(en).toContain('Confidential content');
    expect(en).not.toContain(SECRET);
    // Those who may see the assignment see the conclusion: its assignee and the director.
    for (const reader of [itSpecialist, director]) {
      const detail = await json(await t.as(reader.id, `/v1/meetings/${briefing.id}`, { clock: NOW }));
      expect(detail.items[1], reader.id).toMatchObject({ text: SECRET, detail: SECRET_DETAIL, assigneeId: itSpecialist.id, confidentiality: 'confidential', assignment: { id: `${briefing.id}.2` } });
      expect(await (await t.as(reader.id, `/meetings/${briefing.id}`, { clock: NOW })).text()).toContain(SECRET);
    }
  });

  it('an ordinary conclusion is announced to the units it went to; its detail only to those who may open its assignment', async () => {
    const asPress = await json(await t.as(pressSpecialist.id, `/v1/meetings/${briefing.id}`, { clock: NOW }));
    expect(asPress.items[2]).toMatchObject({ text: 'Báo cáo tình hình báo chí tháng 11', unitId: 'press', status: 'assigned' });
    expect(asPress.items[2].detail).toBeUndefined();
    expect(asPress.items[2].assignment).toBeUndefined();
    const asDirector = await json(await t.as(director.id, `/v1/meetings/${briefing.id}`, { clock: NOW }));
    expect(asDirector.items[2].detail).toBe('Gửi Văn phòng tổng hợp');
  });
});
