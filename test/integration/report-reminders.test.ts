import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import sonLaJson from '../../shared/rulebook/organisations/so-tttt-son-la.json' with { type: 'json' };
import type { DeliveryOutcome, Notifier, OutgoingNotification } from '../../shared/adapters/notifier.js';
import { parseRulebook } from '../../shared/rulebook/load.js';
import type { RulebookInput } from '../../shared/rulebook/schema.js';
import { buildServices, type Services } from '../../shared/services/index.js';
import { OrganisationRepository } from '../../shared/store/organisation-repository.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { person } from '../support/people.js';

/** The channel as a test sees it: what was sent, and a switch to make it fail for someone. */
class RecordingNotifier implements Notifier {
  readonly channel = 'test';
  readonly sent: OutgoingNotification[] = [];
  readonly failFor = new Set<string>();
  async send(n: OutgoingNotification): Promise<DeliveryOutcome> {
    if (this.failFor.has(n.recipientId)) throw new Error('channel down');
    this.sent.push(n);
    return 'sent';
  }
  sentTo(staffId: string) {
    return this.sent.filter((n) => n.recipientId === staffId);
  }
}

let t: TestApp;
let services: Services;
const notifier = new RecordingNotifier();
beforeAll(async () => {
  t = await createTestApp();
  services = buildServices(t.table, t.orgId, { notifier });
});
afterAll(async () => {
  await t?.dispose();
});

const json = async (res: Response) => (await res.json()) as any;
const at = (s: string) => new Date(s);

const director = person('director');
const pressSpecialist = person('specialist', 'press');
const pressHead = person('head', 'press');
const itSpecialist = person('specialist', 'it');
const itHead = person('head', 'it');
const postsHead = person('head', 'posts-telecom');

const inbox = async (staffId: string) => (await json(await t.as(staffId, '/v1/notifications?limit=100'))).items as any[];
const kindsAndKeys = (items: { kind: string; about: { key: string } }[]) => items.map((n) => [n.kind, n.about.key]).sort();

describe('ReportReminderService.run', () => {
  it('reminds a working day before each deadline and once it is missed; a rerun or a double delivery adds nothing', async () => {
    // A training course ending Friday 20 Nov: its report (R5) is due Wednesday 25 Nov, 17:00.
    const mission = await json(
      await t.as(director.id, '/v1/missions', {
        method: 'POST',
        body: JSON.stringify({ staffId: itSpecialist.id, kind: 'training', title: 'Tập huấn', from: '2026-11-18', to: '2026-11-20' }),
        clock: '2026-11-23T08:00:00+07:00',
      }),
    );

    // Wednesday 25 Nov 2026, 09:00. Due by the next working day (Thursday): R1, R2, R3 of 2026-W48 and the R5 report.
    const first = await services.reportReminders.run(t.orgId, at('2026-11-25T09:00:00+07:00'));
    // Due soon: R3 x 21 staff, R2 x 6 heads, R1 x 2 deputies, R5 x 1. Missed in the last 7 days:
    // the W48 programmes (P3 x 32: every staff member but the director, Điều 10.2; the Office's x 1,
    // Monday 10:00), the department's W48 programme (P1, due Friday 20 Nov 16:00) and W47's R3 x 21, R2 x 6, R1 x 2.
    expect(first).toMatchObject({ dueSoon: 30, missed: 63, resent: 0 });
    expect(first.notificationIds).toHaveLength(93);
    expect(notifier.sent).toHaveLength(93);

    expect(kindsAndKeys(await inbox(pressSpecialist.id))).toEqual([
      ['report-due-soon', `r3-staff-report|2026-W48|${pressSpecialist.id}`],
      ['report-missed', `p3-personal-programme|2026-W48|${pressSpecialist.id}`],
      ['report-missed', `r3-staff-report|2026-W47|${pressSpecialist.id}`],
    ]);
    expect(kindsAndKeys(await inbox(pressHead.id))).toEqual([
      ['report-due-soon', `r2-head-report|2026-W48|${pressHead.id}`],
      ['report-missed', `p3-personal-programme|2026-W48|${pressHead.id}`],
      ['report-missed', `r2-head-report|2026-W47|${pressHead.id}`],
    ]);
    expect(kindsAndKeys((await inbox(itSpecialist.id)).filter((n) => n.about.missionId))).toEqual([
      ['report-due-soon', `r5-mission-report|mission-ended:${mission.id}|${itSpecialist.id}`],
    ]);
    const dueSoon = (await inbox(pressSpecialist.id)).find((n) => n.kind === 'report-due-soon');
    expect(dueSoon).toMatchObject({
      recipientId: pressSpecialist.id,
      about: { obligationId: 'r3-staff-report', periodId: '2026-W48', dueAt: '2026-11-26T03:00:00.000Z' },
      channel: 'test',
      delivery: 'sent',
      createdAt: '2026-11-25T02:00:00.000Z',
    });
    expect(dueSoon.body.vi).toBe('Hạn nộp 26/11/2026 10:00.');
    expect(notifier.sentTo(pressSpecialist.id).map((n) => n.recipient)).toEqual(Array(3).fill({ name: pressSpecialist.name }));

    // She submits; a rerun creates and sends nothing.
    const submitted = await t.as(pressSpecialist.id, '/v1/reports', {
      method: 'POST',
      body: JSON.stringify({ obligationId: 'r3-staff-report', period: '2026-W48', content: 'Tuần 48' }),
      clock: '2026-11-25T09:30:00+07:00',
    });
    expect(submitted.status).toBe(201);
    const count = await t.countItems();
    expect(await services.reportReminders.run(t.orgId, at('2026-11-25T09:45:00+07:00'))).toMatchObject({ dueSoon: 0, missed: 0, resent: 0, notificationIds: [] });
    expect(notifier.sent).toHaveLength(93);
    expect(await t.countItems()).toBe(count);

    // Thursday 10:00:01: R3 of W48 is missed by the 20 who did not submit (not by her), and the R5 report
    // (due Wednesday 17:00) too. Two deliveries of the same run at once store and send each once.
    const [a, b] = await Promise.all([
      services.reportReminders.run(t.orgId, at('2026-11-26T10:00:01+07:00')),
      services.reportReminders.run(t.orgId, at('2026-11-26T10:00:01+07:00')),
    ]);
    expect(a.missed + b.missed).toBe(21);
    // And the department's W49 programme (P1), due Friday 16:00, is a working day away: 22 notifications.
    expect(new Set([...a.notificationIds, ...b.notificationIds]).size).toBe(22);
    expect(kindsAndKeys(await inbox(person('chief-of-office').id))).toContainEqual(['report-due-soon', `p1-weekly-programme|2026-W49|${person('chief-of-office').id}`]);
    expect(a.dueSoon + b.dueSoon).toBe(1);
    expect(notifier.sent).toHaveLength(115);
    expect(await inbox(pressSpecialist.id)).toHaveLength(3);
    expect(kindsAndKeys(await inbox(itSpecialist.id)).filter(([kind]) => kind === 'report-missed')).toContainEqual([
      'report-missed',
      `r3-staff-report|2026-W48|${itSpecialist.id}`,
    ]);
  });

  it('keeps a notification the channel refused, and sends it again once, on a later run', async () => {
    notifier.failFor.add(itHead.id);
    // Thursday 16:00:01: the heads' R2 and the deputies' R1 of W48 are missed.
    const failing = services.reportReminders.run(t.orgId, at('2026-11-26T16:00:01+07:00'));
    await expect(failing).rejects.toThrow('1 report notification(s) could not be delivered');
    const stored = (await inbox(itHead.id)).find((n) => n.about.key === `r2-head-report|2026-W48|${itHead.id}` && n.kind === 'report-missed');
    expect(stored).toBeDefined();
    expect(stored.deliveredAt).toBeUndefined();
    expect(notifier.sentTo(itHead.id).filter((n) => n.id === stored.id)).toHaveLength(0);
    expect(notifier.sentTo(postsHead.id).filter((n) => n.kind === 'report-missed' && n.about.key === `r2-head-report|2026-W48|${postsHead.id}`)).toHaveLength(1);

    notifier.failFor.clear();
    // A retry of the same run soon after does not race the first attempt...
    expect(await services.reportReminders.run(t.orgId, at('2026-11-26T16:05:00+07:00'))).toMatchObject({ missed: 0, resent: 0 });
    // ...a run after the attempt went stale sends it, once.
    expect(await services.reportReminders.run(t.orgId, at('2026-11-26T16:20:00+07:00'))).toMatchObject({ missed: 0, resent: 1 });
    expect(await services.reportReminders.run(t.orgId, at('2026-11-26T16:40:00+07:00'))).toMatchObject({ missed: 0, resent: 0 });
    expect(notifier.sentTo(itHead.id).filter((n) => n.id === stored.id)).toHaveLength(1);
    const delivered = (await inbox(itHead.id)).find((n) => n.id === stored.id);
    expect(delivered).toMatchObject({ deliveredAt: '2026-11-26T09:20:00.000Z', channel: 'test', delivery: 'sent' });
  });

  it('counts the days before in working days: before Tết 2027 the next week’s programme is reminded on Wednesday 3 Feb', async () => {
    const run = await services.reportReminders.run(t.orgId, at('2027-02-03T09:00:00+07:00'));
    expect(run.dueSoon).toBeGreaterThan(0);
    const dueSoon = (await inbox(pressSpecialist.id)).filter((n) => n.kind === 'report-due-soon' && n.createdAt === '2027-02-03T02:00:00.000Z');
    // Thursday 4 to Wednesday 10 Feb are Tết: the working day before Thursday 11 Feb is Wednesday 3 Feb, so
    // W06's programme and report are reminded along with W05's report, due that Wednesday (moved off Thursday 4).
    expect(kindsAndKeys(dueSoon)).toEqual([
      ['report-due-soon', `p3-personal-programme|2027-W06|${pressSpecialist.id}`],
      ['report-due-soon', `r3-staff-report|2027-W05|${pressSpecialist.id}`],
      ['report-due-soon', `r3-staff-report|2027-W06|${pressSpecialist.id}`],
    ]);
  });

  it('notifications: the recipient lists them, unread first-class, and marks one read; nobody else can', async () => {
    const unread = (await json(await t.as(pressHead.id, '/v1/notifications?unread=true&limit=100'))).items as any[];
    expect(unread.length).toBeGreaterThan(0);
    const [newest] = unread;
    expect((await t.as(itHead.id, `/v1/notifications/${newest.id}/read`, { method: 'POST' })).status).toBe(404);
    expect((await t.as(pressHead.id, `/v1/notifications/${newest.id}/read`, { method: 'POST', headers: { 'if-match': '"2"' } })).status).toBe(412);
    const read = await json(await t.as(pressHead.id, `/v1/notifications/${newest.id}/read`, { method: 'POST', clock: '2026-11-27T08:00:00+07:00' }));
    expect(read).toMatchObject({ id: newest.id, readAt: '2026-11-27T01:00:00.000Z', version: 2 });
    const after = (await json(await t.as(pressHead.id, '/v1/notifications?unread=true&limit=100'))).items.map((n: any) => n.id);
    expect(after).toEqual(unread.slice(1).map((n) => n.id));
    // Reading it again changes nothing.
    expect(await json(await t.as(pressHead.id, `/v1/notifications/${newest.id}/read`, { method: 'POST' }))).toMatchObject({ version: 2, readAt: '2026-11-27T01:00:00.000Z' });
  });

  it("reads the setting from the organisation's rulebook: two working days before, in another department", async () => {
    const input: RulebookInput = {
      version: 1,
      organisation: {
        id: 'so-cong-thuong-ha-giang',
        name: { vi: 'Sở Công Thương tỉnh Hà Giang', en: 'Department of Industry and Trade of Hà Giang province' },
        shortName: { vi: 'Sở Công Thương Hà Giang', en: 'Hà Giang DOIT' },
        province: { id: 'ha-giang', name: { vi: 'Tỉnh Hà Giang', en: 'Hà Giang province' } },
        timeZone: 'Asia/Ho_Chi_Minh',
      },
      regulation: { title: { vi: 'Quy chế làm việc', en: 'Working regulation' }, issuedOn: '2025-02-01', reference: '9/QĐ-SCT', source: 'regulation/ha-giang.md' },
      effectiveFrom: '2025-02-01',
      roles: sonLaJson.roles as RulebookInput['roles'],
      units: [
        { id: 'board', name: { vi: 'Ban Giám đốc', en: 'Board' }, kind: 'board', overseenBy: null, article: 'Điều 2' },
        { id: 'trade', name: { vi: 'Phòng Thương mại', en: 'Trade Division' }, kind: 'division', overseenBy: 'vang-a-dinh', article: 'Điều 5' },
      ],
      staff: [
        { id: 'vang-a-dinh', name: 'Vàng A Dình', unitId: 'board', roles: ['director'] },
        { id: 'sung-thi-me', name: 'Sùng Thị Mẻ', unitId: 'trade', roles: ['head'] },
        { id: 'lu-van-pao', name: 'Lù Văn Páo', unitId: 'trade', roles: ['specialist'] },
      ],
      fields: [],
      districts: [],
      leaders: [{ staffId: 'vang-a-dinh', article: 'Điều 2', fields: [], districts: [], accountHolder: 'main' }],
      calendar: { useNationalHolidays: false },
      reportObligations: [
        {
          id: 'market-report',
          rule: 'R3',
          article: 'Điều 7',
          title: { vi: 'Báo cáo thị trường tuần', en: 'Weekly market report' },
          from: { roles: ['specialist'] },
          to: 'head-of-unit',
          cadences: { week: { deadline: { kind: 'weekday-in-period', weekday: 5, time: '15:00' }, dataCutOff: { kind: 'at-deadline' } } },
        },
      ],
      meetingObligations: [],
      finance: {},
      documents: {},
      leave: {},
      settings: { reportReminderWorkingDaysBefore: 2 },
    };
    const rulebook = parseRulebook(input);
    const orgId = rulebook.organisation.id;
    await new OrganisationRepository(t.table).seed(rulebook, new Date().toISOString());
    // Due Friday 15:00; two working days before is Wednesday. Tuesday's run only finds last Friday's report missed.
    expect(await services.reportReminders.run(orgId, at('2026-12-01T23:59:59+07:00'))).toMatchObject({ dueSoon: 0, missed: 1 });
    const wednesday = await services.reportReminders.run(orgId, at('2026-12-02T00:00:00+07:00'));
    expect(wednesday).toMatchObject({ dueSoon: 1, missed: 0 });
    const [missed, dueSoon] = notifier.sentTo('lu-van-pao');
    expect(missed).toMatchObject({ orgId, kind: 'report-missed', about: { key: 'market-report|2026-W48|lu-van-pao' } });
    expect(dueSoon).toMatchObject({ orgId, kind: 'report-due-soon', about: { key: 'market-report|2026-W49|lu-van-pao' } });
    expect(dueSoon!.subject.vi).toBe('Sắp đến hạn: Báo cáo thị trường tuần — Tuần 49/2026 (30/11–06/12)');
  });
});
