// Reports, continued from reports.test.ts: periods at the edges (week 53, Tết), missions and their reports (R5), and another department's rulebook.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import sonLaJson from '../../shared/rulebook/organisations/so-tttt-son-la.json' with { type: 'json' };
import { buildApp } from '../../functions/api/app.js';
import { localDeps } from '../../functions/api/dependencies.js';
import { parseRulebook } from '../../shared/rulebook/load.js';
import type { RulebookInput } from '../../shared/rulebook/schema.js';
import { counterFigures } from '../support/counters.js';
import { OrganisationRepository } from '../../shared/store/organisation-repository.js';
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
const pressHead = person('head', 'press');
const pressSpecialist = person('specialist', 'press');
const postsHead = person('head', 'posts-telecom');
const postsSpecialist = person('specialist', 'posts-telecom');
const postsSpecialist2 = person('specialist', 'posts-telecom', 1);

const obligations = (as: string, query: string, clock: string) => t.as(as, `/v1/reports/obligations?${query}`, { clock });
const submit = (as: string, input: Record<string, unknown>, clock: string, headers: Record<string, string> = {}) =>
  t.as(as, '/v1/reports', { method: 'POST', body: body({ content: 'Kết quả công tác tuần', ...input }), clock, headers });
/** [obligationId, period, dueAt, status] per item: the contract's fields, readable at a glance. */
const rows = (list: any) => list.items.map((i: any) => [i.obligationId, i.period, i.dueAt, i.status]);

async function counters(periodId: string, unitId: string, staffId?: string) {
  const item = await counterFigures(t.table, t.orgId, periodId, unitId, staffId);
  return Object.fromEntries(Object.entries(item).filter(([k]) => k.startsWith('rep_')));
}

describe('periods at the edges', () => {
  it('week 53 and the turn of the year: deadlines from the ISO weeks, counters in the periods of the due date', async () => {
    const clock = '2026-12-20T09:00:00+07:00';
    expect(rows(await json(await obligations(postsSpecialist2.id, 'period=2026-W53', clock)))).toEqual([
      ['p3-personal-programme', '2026-W53', '2026-12-28T10:00:00.000+07:00', 'pending'],
      ['r3-staff-report', '2026-W53', '2026-12-31T10:00:00.000+07:00', 'pending'],
    ]);
    // 2026-W01 runs Mon 29 Dec 2025 to Sun 4 Jan 2026; its Thursday is New Year's Day, so the report is due Wednesday.
    expect(rows(await json(await obligations(postsSpecialist2.id, 'period=2026-W01', '2025-12-30T09:00:00+07:00')))).toEqual([
      ['p3-personal-programme', '2026-W01', '2025-12-29T10:00:00.000+07:00', 'missing'],
      ['r3-staff-report', '2026-W01', '2025-12-31T10:00:00.000+07:00', 'pending'],
    ]);
    const december = await json(await obligations(postsSpecialist2.id, 'period=2026-12&subPeriods=true', clock));
    expect([...new Set(december.items.filter((i: any) => i.cadence === 'week').map((i: any) => i.period))]).toEqual([
      '2026-W49',
      '2026-W50',
      '2026-W51',
      '2026-W52',
      '2026-W53',
    ]);

    expect(await json(await submit(postsSpecialist2.id, { obligationId: 'r3-staff-report', period: '2026-W53' }, '2026-12-31T10:00:00+07:00'))).toMatchObject({ late: false });
    expect(await json(await submit(postsSpecialist2.id, { obligationId: 'r3-staff-report', period: '2026-W01' }, '2025-12-31T10:00:01+07:00'))).toMatchObject({ late: true });
    const counted = async (periodId: string) => counters(periodId, 'posts-telecom', postsSpecialist2.id);
    expect(await counted('2026-W53')).toEqual({ rep_submitted: 1, rep_onTime: 1 });
    expect(await counted('2026-12')).toEqual({ rep_submitted: 1, rep_onTime: 1 });
    expect(await counted('2026')).toEqual({ rep_submitted: 1, rep_onTime: 1 });
    // Week 2026-W01's report fell due in 2025, so that is where it counts.
    expect(await counted('2026-W01')).toEqual({ rep_submitted: 1, rep_late: 1 });
    expect(await counted('2025-12')).toEqual({ rep_submitted: 1, rep_late: 1 });
    expect(await counted('2025')).toEqual({ rep_submitted: 1, rep_late: 1 });
  });

  it('a Tết week owes nothing, and the weeks around Tết 2027 have their deadlines moved off the holidays', async () => {
    const clock = '2027-01-25T09:00:00+07:00';
    expect((await json(await obligations(pressSpecialist.id, 'period=2026-W08', clock))).items).toEqual([]);
    expect((await json(await obligations(pressHead.id, 'period=2026-W08&unitId=press', clock))).items).toEqual([]);
    // Tết Đinh Mùi: Thu 4 to Wed 10 Feb 2027. Thursday's report moves to Wednesday 3 Feb...
    expect(rows(await json(await obligations(pressSpecialist.id, 'period=2027-W05', clock)))).toEqual([
      ['p3-personal-programme', '2027-W05', '2027-02-01T10:00:00.000+07:00', 'pending'],
      ['r3-staff-report', '2027-W05', '2027-02-03T10:00:00.000+07:00', 'pending'],
    ]);
    // ...and the next week's programme is due on its first working day, Thursday 11 Feb.
    expect(rows(await json(await obligations(pressSpecialist.id, 'period=2027-W06', clock)))).toEqual([
      ['p3-personal-programme', '2027-W06', '2027-02-11T10:00:00.000+07:00', 'pending'],
      ['r3-staff-report', '2027-W06', '2027-02-11T10:00:00.000+07:00', 'pending'],
    ]);
  });
});

describe('missions and their reports (R5)', () => {
  it('a mission recorded by the director raises the mission report to the direct superior, submitted by missionId', async () => {
    const clock = '2026-11-23T09:00:00+07:00';
    const record = (as: string, input: Record<string, unknown>) =>
      t.as(as, '/v1/missions', { method: 'POST', body: body({ staffId: postsSpecialist.id, kind: 'training', title: 'Tập huấn an toàn thông tin', from: '2026-11-16', to: '2026-11-20', ...input }), clock });

    const before = await t.countItems();
    expect((await record(postsHead.id, {})).status).toBe(403);
    // A deputy director approves missions (Điều 16.2), not training (Điều 16.1).
    const deputyTraining = await record(postsDeputy.id, {});
    expect(deputyTraining.status).toBe(403);
    expect((await json(deputyTraining)).detail).toContain('Điều 16.1');
    const bad = await record(director.id, { staffId: 'ghost', from: '2026-11-21', to: '2026-11-20', kind: 'holiday' });
    expect(bad.status).toBe(400);
    expect((await json(bad)).errors.map((e: any) => e.path)).toEqual(['body.kind']);
    const inverted = await record(director.id, { from: '2026-11-21' });
    expect((await json(inverted)).errors).toEqual([{ path: 'body.to', message: 'must be on or after from' }]);
    expect(await t.countItems()).toBe(before);

    const created = await record(director.id, {});
    expect(created.status).toBe(201);
    const mission = await json(created);
    expect(mission).toMatchObject({ staffId: postsSpecialist.id, unitId: 'posts-telecom', kind: 'training', recordedBy: director.id, version: 1 });
    // Friday 20 Nov + 3 working days = Wednesday 25 Nov, 17:00.
    expect(mission.obligations).toEqual([
      {
        key: `r5-mission-report|mission-ended:${mission.id}|${postsSpecialist.id}`,
        obligationId: 'r5-mission-report',
        rule: 'R5',
        article: 'Điều 16.4',
        recipients: [postsHead.id],
        dueAt: '2026-11-25T17:00:00.000+07:00',
      },
    ]);
    expect((await record(postsDeputy.id, { kind: 'mission', title: 'Kiểm tra bưu cục', from: '2026-12-01', to: '2026-12-02' })).status).toBe(201);

    const r5 = (await json(await obligations(postsSpecialist.id, 'period=2026-11', clock))).items.filter((i: any) => i.rule === 'R5');
    expect(r5).toEqual([
      expect.objectContaining({ obligationId: 'r5-mission-report', period: '2026-11', missionId: mission.id, missionEndedOn: '2026-11-20', dueAt: '2026-11-25T17:00:00.000+07:00', status: 'pending' }),
    ]);
    const wrongWay = await submit(postsSpecialist.id, { obligationId: 'r5-mission-report', period: '2026-11' }, clock);
    expect((await json(wrongWay)).errors[0].path).toBe('body.obligationId');
    const notTheirs = await submit(postsSpecialist2.id, { obligationId: 'r5-mission-report', missionId: mission.id }, clock);
    expect((await json(notTheirs)).errors).toEqual([{ path: 'body.missionId', message: 'no mission of yours with this id' }]);

    const report = await submit(postsSpecialist.id, { obligationId: 'r5-mission-report', missionId: mission.id, content: 'Kết quả tập huấn' }, '2026-11-25T16:59:59+07:00');
    expect(report.status).toBe(201);
    expect(await json(report)).toMatchObject({ rule: 'R5', missionId: mission.id, late: false, recipients: [postsHead.id] });
    const after = (await json(await obligations(postsHead.id, `period=2026-W47&staffId=${postsSpecialist.id}`, '2026-11-26T09:00:00+07:00'))).items;
    expect(after.filter((i: any) => i.rule === 'R5').map((i: any) => i.status)).toEqual(['submitted']);

    const missions = await json(await t.as(postsHead.id, `/v1/missions?staffId=${postsSpecialist.id}`));
    expect(missions.items.map((m: any) => [m.kind, m.to])).toEqual([
      ['training', '2026-11-20'],
      ['mission', '2026-12-02'],
    ]);
    expect((await t.as(pressHead.id, `/v1/missions?staffId=${postsSpecialist.id}`)).status).toBe(404);
  });
});

describe('another department', () => {
  /** A small department written here: its own units, people, calendar and report rules, nothing of Sơn La's. */
  const laoCai: RulebookInput = {
    version: 1,
    organisation: {
      id: 'so-van-hoa-lao-cai',
      name: { vi: 'Sở Văn hóa, Thể thao và Du lịch tỉnh Lào Cai', en: 'Department of Culture, Sports and Tourism of Lào Cai province' },
      shortName: { vi: 'Sở VHTTDL Lào Cai', en: 'Lào Cai DCST' },
      province: { id: 'lao-cai', name: { vi: 'Tỉnh Lào Cai', en: 'Lào Cai province' } },
      timeZone: 'Asia/Ho_Chi_Minh',
    },
    regulation: {
      title: { vi: 'Quy chế làm việc của Sở VHTTDL', en: 'Working regulation of the Department of Culture, Sports and Tourism' },
      issuedOn: '2025-01-10',
      reference: '05/QĐ-SVHTTDL',
      source: 'regulation/quy-che-so-vhttdl-lao-cai.md',
    },
    effectiveFrom: '2025-01-10',
    roles: sonLaJson.roles as RulebookInput['roles'],
    units: [
      { id: 'board', name: { vi: 'Ban Giám đốc', en: 'Board' }, kind: 'board', overseenBy: null, article: 'Điều 2' },
      { id: 'tourism', name: { vi: 'Phòng Quản lý Du lịch', en: 'Tourism Management Division' }, kind: 'division', overseenBy: 'giang-a-pao', article: 'Điều 5' },
    ],
    staff: [
      { id: 'tao-van-chung', name: 'Tao Văn Chung', unitId: 'board', roles: ['director'] },
      { id: 'giang-a-pao', name: 'Giàng A Páo', unitId: 'board', roles: ['deputy-director'] },
      { id: 'lo-thi-mai', name: 'Lò Thị Mai', unitId: 'tourism', roles: ['head'] },
      { id: 'chang-van-su', name: 'Chang Văn Sử', unitId: 'tourism', roles: ['specialist'] },
    ],
    fields: [],
    districts: [],
    leaders: [
      { staffId: 'tao-van-chung', article: 'Điều 2', fields: [], districts: [], accountHolder: 'main' },
      { staffId: 'giang-a-pao', article: 'Điều 3', fields: [], districts: [] },
    ],
    calendar: {
      useNationalHolidays: false,
      holidays: [{ date: '2026-05-07', name: { vi: 'Ngày nghỉ của Sở', en: 'Department day off' } }],
    },
    reportObligations: [
      {
        id: 'weekly-activity-report',
        rule: 'R3',
        article: 'Điều 8',
        title: { vi: 'Báo cáo hoạt động tuần', en: 'Weekly activity report' },
        from: { roles: ['specialist'] },
        to: 'head-of-unit',
        cadences: {
          week: { deadline: { kind: 'weekday-in-period', weekday: 4, time: '11:00', nonWorkingDay: 'next-working-day' }, dataCutOff: { kind: 'at-deadline' } },
        },
      },
      {
        id: 'division-monthly-report',
        rule: 'R2',
        article: 'Điều 9',
        title: { vi: 'Báo cáo tháng của phòng', en: "Division's monthly report" },
        from: { roles: ['head'] },
        to: 'board',
        cadences: { month: { deadline: { kind: 'period-end', time: '17:00', nonWorkingDay: 'previous-working-day' }, dataCutOff: { kind: 'period-end' } } },
      },
    ],
    meetingObligations: [],
    finance: {},
    documents: {},
    leave: {},
  };

  it("yields its own obligations, on its own calendar, with no code change; Sơn La's are not owed there", async () => {
    const rulebook = parseRulebook(laoCai);
    const orgId = rulebook.organisation.id;
    await new OrganisationRepository(t.table).seed(rulebook, new Date().toISOString());
    const { deps, table } = await localDeps({ tableName: t.table.tableName, endpoint: inject('dynamoEndpoint'), orgId, logLevel: 'SILENT' });
    try {
      const app = buildApp(deps);
      const as = async (staffId: string, path: string, init: RequestInit & { clock: string }) =>
        app.request(path, {
          ...init,
          headers: {
            authorization: `Bearer ${await deps.local!.devTokens.issue({ staffId, orgId })}`,
            'x-clock': init.clock,
            'content-type': 'application/json',
          },
        });
      const clock = '2026-05-04T09:00:00+07:00';
      const week = await json(await as('chang-van-su', '/v1/reports/obligations?period=2026-W19', { clock }));
      // Its own day off, Thursday 7 May, moves the report to Friday.
      expect(week.items.map((i: any) => [i.key, i.dueAt, i.recipients, i.status])).toEqual([
        ['weekly-activity-report|2026-W19|chang-van-su', '2026-05-08T11:00:00.000+07:00', ['lo-thi-mai'], 'pending'],
      ]);
      // 30 April is a national holiday, but not in this rulebook's calendar.
      const w18 = await json(await as('chang-van-su', '/v1/reports/obligations?period=2026-W18', { clock }));
      expect(w18.items.map((i: any) => [i.obligationId, i.dueAt, i.status])).toEqual([['weekly-activity-report', '2026-04-30T11:00:00.000+07:00', 'missing']]);
      const month = await json(await as('giang-a-pao', '/v1/reports/obligations?period=2026-05&unitId=tourism', { clock }));
      // 31 May 2026 is a Sunday: the working day before is Friday 29 May.
      expect(month.items.map((i: any) => [i.key, i.dueAt, i.recipients])).toEqual([
        ['division-monthly-report|2026-05|lo-thi-mai', '2026-05-29T17:00:00.000+07:00', ['tao-van-chung', 'giang-a-pao']],
      ]);

      const sonLas = await as('chang-van-su', '/v1/reports', { method: 'POST', body: body({ obligationId: 'r3-staff-report', period: '2026-W19', content: 'x' }), clock });
      expect(sonLas.status).toBe(400);
      expect((await json(sonLas)).errors).toEqual([{ path: 'body.obligationId', message: 'not owed for 2026-W19; owed: weekly-activity-report' }]);
      const own = await as('chang-van-su', '/v1/reports', {
        method: 'POST',
        body: body({ obligationId: 'weekly-activity-report', period: '2026-W19', content: 'Tuần 19' }),
        clock: '2026-05-08T11:00:00+07:00',
      });
      expect(own.status).toBe(201);
      expect(await json(own)).toMatchObject({ rule: 'R3', dueAt: '2026-05-08T11:00:00.000+07:00', late: false, recipients: ['lo-thi-mai'] });
      // Its counters are its own organisation's.
      expect(await counterFigures(table, orgId, '2026-W19', 'tourism')).toMatchObject({ rep_submitted: 1, rep_onTime: 1 });
    } finally {
      table.client.destroy();
    }
  });
});
