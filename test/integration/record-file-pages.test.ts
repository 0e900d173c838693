/**
 * Evidence files on the pages of reports, plans, meetings and the Office's preparation (issue
 * #22): each form carries the file field, posts its upload ids as `files` to the same service
 * call as the API, and the record's page lists each kept file with its hash and the download
 * link. Against DynamoDB Local and the local S3-compatible server.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csrfTokenFor } from '../../functions/api/forms/csrf.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { person } from '../support/people.js';
import { sha256, uploaded } from '../support/uploads.js';

process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.dispose();
});

const director = person('director');
const chiefOfOffice = person('chief-of-office');
const pressHead = person('head', 'press');
const pressSpecialist2 = person('specialist', 'press', 1);
const itHead = person('head', 'it');
const pdf = (text: string) => Buffer.from(`%PDF-1.4\n% ${text}\n%%EOF\n`);

/** A browser: the session cookie, and forms posted from this site with the session's CSRF token. */
async function browser(staffId: string, clock: string) {
  const token = await t.token(staffId);
  const headers = { cookie: `tracker_session=${token}`, accept: 'text/html', 'x-clock': clock };
  return {
    get: async (path: string) => t.app.request(path, { headers }),
    post: (path: string, fields: Record<string, string | string[]>) => {
      const form = new URLSearchParams({ _csrf: csrfTokenFor(token) });
      for (const [k, v] of Object.entries(fields)) for (const x of Array.isArray(v) ? v : [v]) form.append(k, x);
      return t.app.request(path, {
        method: 'POST',
        body: form.toString(),
        headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'same-origin', origin: 'http://localhost' },
      });
    },
  };
}

/** The page lists the file: its name as a link to /files/{id} and the start of its SHA-256. */
const listsFile = (html: string, ticket: any, bytes: Buffer) => {
  expect(html).toContain(`href="/files/${ticket.id}"`);
  expect(html).toContain(ticket.name);
  expect(html).toContain(sha256(bytes).slice(0, 12));
};

describe('report pages', () => {
  const CLOCK = '2026-11-25T15:00:00+07:00';
  it('the submit form has the file field; a bad id is shown on the form (422) and writes nothing; the posted ids are kept and listed on the report’s page', async () => {
    const b = await browser(pressSpecialist2.id, CLOCK);
    const form = await b.get('/reports/new?obligationId=r3-staff-report&period=2026-W48');
    expect(form.status).toBe(200);
    const html = await form.text();
    expect(html).toContain('data-file-field=""');
    expect(html).toContain('Tệp báo cáo (bản có chữ ký, phụ lục…)');
    const before = await t.countItems();
    const fields = { obligationId: 'r3-staff-report', period: '2026-W48', content: 'Kết quả công tác tuần 48', _idem: 'page-r3-w48' };
    const bad = await b.post('/reports', { ...fields, files: '01JNOSUCHUPLOAD00000000000' });
    expect(bad.status).toBe(422);
    expect(await bad.text()).toContain('Tệp đính kèm không còn dùng được');
    expect(await t.countItems()).toBe(before);
    const bytes = pdf('Báo cáo tuần 48 — bản ký');
    const file = await uploaded(t, pressSpecialist2.id, bytes, 'bao-cao-tuan-48.pdf');
    const res = await b.post('/reports', { ...fields, _idem: 'page-r3-w48-2', files: file.id });
    expect(res.status).toBe(303);
    const page = await (await browser(pressHead.id, CLOCK)).get(res.headers.get('location')!);
    expect(page.status).toBe(200);
    const shown = await page.text();
    listsFile(shown, file, bytes);
    expect(shown).toContain('Tệp của lần nộp này');
  });
});

describe('meeting pages', () => {
  const NOW = '2026-11-20T16:00:00+07:00';
  it('the record and conclusions forms keep their files; the meeting page lists the minutes’ and the conclusions’ files, in Vietnamese and English', async () => {
    const office = await browser(chiefOfOffice.id, NOW);
    expect(await (await office.get('/meetings')).text()).toContain('Biên bản (bản chụp, văn bản)');
    const minutes = pdf('Biên bản giao ban 20/11/2026');
    const m = await uploaded(t, chiefOfOffice.id, minutes, 'bien-ban-giao-ban.pdf');
    const recorded = await office.post('/meetings', {
      kind: 'weekly-briefing',
      heldOn: '2026-11-20',
      chairId: director.id,
      participantIds: [director.id, itHead.id],
      files: m.id,
      _idem: 'page-meeting-1',
    });
    expect(recorded.status).toBe(303);
    const conclusionsPath = recorded.headers.get('location')!;
    const meetingId = conclusionsPath.split('/')[2]!;
    const chair = await browser(director.id, NOW);
    const form = await (await chair.get(conclusionsPath)).text();
    expect(form).toContain('Thông báo kết luận (bản có chữ ký)');
    const version = /name="_version" value="(\d+)"/.exec(form)![1]!;
    const notice = pdf('Thông báo kết luận giao ban 20/11/2026');
    const c = await uploaded(t, director.id, notice, 'thong-bao-ket-luan.pdf');
    const issued = await chair.post(conclusionsPath, {
      'items.0.text': 'Hoàn thành rà soát hệ thống một cửa điện tử',
      'items.0.assigneeId': itHead.id,
      'items.0.dueDate': '2026-11-27',
      files: c.id,
      _idem: 'page-conclusions-1',
      _version: version,
    });
    expect(issued.status).toBe(303);
    const page = await (await browser(itHead.id, NOW).then((x) => x.get(`/meetings/${meetingId}`))).text();
    listsFile(page, m, minutes);
    listsFile(page, c, notice);
    expect(page).toContain('Tệp biên bản');
    expect(page).toContain('Tệp thông báo kết luận');
    const en = await (await browser(itHead.id, NOW).then((x) => x.get(`/meetings/${meetingId}?lang=en`))).text();
    expect(en).toContain('Written conclusions files');
    expect(en).toContain(`href="/files/${c.id}?lang=en"`);
  });
});

describe('the Office’s preparation page (M6)', () => {
  const W49 = 'mprep.m1-weekly-briefing.2026-W49';
  it('the programme and minutes forms keep their files; the page lists each under its part', async () => {
    const CLOCK = '2026-12-04T17:00:00+07:00';
    const office = await browser(chiefOfOffice.id, CLOCK);
    const path = `/meetings/preparations/${W49}`;
    const agenda = pdf('Tài liệu giao ban tuần 49');
    const d = await uploaded(t, chiefOfOffice.id, agenda, 'tai-lieu-giao-ban.pdf');
    const published = await office.post(`${path}/programme`, { meetingOn: '2026-12-04', startTime: '08:00', participantIds: [director.id, itHead.id], files: d.id, _version: '0' });
    expect(published.status).toBe(303);
    const record = pdf('Biên bản giao ban tuần 49 (bản scan)');
    const f = await uploaded(t, chiefOfOffice.id, record, 'bien-ban-tuan-49.pdf');
    const minutes = await office.post(`${path}/minutes`, { text: 'Biên bản họp giao ban tuần 49', files: f.id, _version: '1' });
    expect(minutes.status).toBe(303);
    const page = await (await browser(itHead.id, CLOCK).then((x) => x.get(path))).text();
    listsFile(page, d, agenda);
    listsFile(page, f, record);
    expect(page).toContain('Tài liệu họp (tệp)');
    const own = await (await office.get(path)).text();
    expect(own).toContain('Tệp đã lưu được giữ nguyên; tệp chọn thêm được bổ sung vào biên bản.');
  });
});
