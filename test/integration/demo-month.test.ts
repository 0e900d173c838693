import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_EVALUATION, demoEvaluationSteps } from '../../scripts/lib/demo-evaluations.js';
import { demoGoLiveOn, seedDemoMonth, type DemoDeps } from '../../scripts/lib/demo-month.js';
import { stepDueAt } from '../../shared/domain/evaluation.js';
import { localDateTimeToInstant, toLocalDate } from '../../shared/domain/local-time.js';
import { periodsOverlapping } from '../../shared/domain/periods.js';
import { calendarOf } from '../../shared/domain/working-calendar-of.js';
import type { EvaluationStepId } from '../../shared/rulebook/schema.js';
import { SeedMarkerRepository } from '../../shared/store/seed-marker-repository.js';
import { AssignmentSchema } from '../../functions/api/schemas/assignment.js';
import { FindingSchema } from '../../functions/api/schemas/finding.js';
import { MeetingSchema } from '../../functions/api/schemas/meeting.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { person, sonLa } from '../support/people.js';

// The demo month `npm start` seeds: written through the app's routes at each event's business
// time, once. Run against today's date, as a newcomer's first start is.
const now = new Date();
const today = toLocalDate(now, 'Asia/Ho_Chi_Minh');
const goLiveOn = demoGoLiveOn(sonLa, today);
const director = person('director');

const depsOf = (t: TestApp, extra: Partial<DemoDeps> = {}): DemoDeps => ({
  app: t.app,
  token: t.token,
  runRule: (rule, at) => t.services.compliance.runForOrganisations([t.orgId], rule, at),
  markers: new SeedMarkerRepository(t.table),
  rulebook: sonLa,
  now,
  ...extra,
});

async function all<T>(t: TestApp, path: string): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | undefined;
  do {
    const res = await t.as(director.id, `${path}${path.includes('?') ? '&' : '?'}limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    expect(res.status, path).toBe(200);
    const page = (await res.json()) as { items: T[]; nextCursor?: string };
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return items;
}

let t: TestApp;
let first: Awaited<ReturnType<typeof seedDemoMonth>>;
let itemsAfterFirst: number;
beforeAll(async () => {
  t = await createTestApp({ goLiveOn });
  first = await seedDemoMonth(depsOf(t));
  itemsAfterFirst = await t.countItems();
}, 300_000);
afterAll(async () => {
  await t?.dispose();
});

describe('the demo month', () => {
  it('goes live about a month before today and lays a month of work out to today', () => {
    expect(first.outcome).toBe('seeded');
    expect(first.goLiveOn).toBe(goLiveOn);
    const days = (Date.parse(today) - Date.parse(goLiveOn)) / 86_400_000;
    expect(days).toBeGreaterThanOrEqual(28);
    expect(days).toBeLessThanOrEqual(45);
  });

  it('has an assignment in every state, each valid by the API response schema, with its history', async () => {
    const assignments = await all<Record<string, any>>(t, '/v1/assignments');
    for (const a of assignments) AssignmentSchema().parse(a);
    const timeliness = new Set(assignments.map((a) => a.timeliness));
    for (const state of ['within-deadline', 'due-soon', 'overdue', 'on-time', 'on-time-after-extension', 'late', 'cancelled']) expect(timeliness, state).toContain(state);
    const byTitle = (fragment: string) => assignments.find((a) => a.title.includes(fragment))!;
    expect(byTitle('SOC').extensionRequests.at(-1)).toMatchObject({ status: 'pending' });
    const returned = byTitle('Kế hoạch ứng dụng');
    expect(returned.status).not.toBe('completed');
    const history = await t.as(director.id, `/v1/audit?entityId=${returned.id}`);
    expect(((await history.json()) as { items: { action: string }[] }).items.map((e) => e.action)).toEqual(expect.arrayContaining(['created', 'completed', 'returned-for-rework']));
  });

  it('meetings hold conclusions on time and one late; the leave request waits; the payroll is recorded', async () => {
    const meetings = await all<Record<string, any>>(t, `/v1/meetings?from=${goLiveOn}&to=${today}`);
    for (const m of meetings) MeetingSchema.parse(m);
    const statuses = meetings.map((m) => m.conclusionStatus);
    expect(statuses).toContain('on-time');
    expect(statuses.filter((s) => s === 'late')).toHaveLength(1);
    const leave = await all<Record<string, any>>(t, `/v1/leave-requests?staffId=${person('specialist', 'press').id}`);
    expect(leave.map((l) => l.status)).toContain('pending');
  });

  it('the compliance rules, run on their schedules over the month, found what happened (by rule id)', async () => {
    const findings = await all<Record<string, any>>(t, '/v1/findings');
    for (const f of findings) FindingSchema.parse(f);
    const rules = new Set(findings.map((f) => f.rule));
    // Overdue work at each escalation step, missing and late reports, the skipped briefing and unit meeting, late conclusions, the late cash report.
    for (const rule of ['A6', 'R3', 'M1', 'M3', 'M4', 'F5']) expect(rules, rule).toContain(rule);
    const steps = new Set(findings.filter((f) => f.rule === 'A6').map((f) => f.escalation?.level ?? f.facts?.level));
    expect(steps).toEqual(new Set(['reminder', 'criticism', 'review']));
    // Nothing before go-live.
    for (const f of findings) expect(f.dueAt === undefined || toLocalDate(new Date(f.dueAt), 'Asia/Ho_Chi_Minh') > goLiveOn, f.id).toBe(true);
  });

  it('outgoing documents at three stages (D5) and a board matter circulated for opinions (A5): each waits where the pages show it', async () => {
    const register = await all<Record<string, any>>(t, '/v1/outgoing-documents?view=general');
    const byTitle = (fragment: string) => register.find((d) => d.title.includes(fragment));
    expect(byTitle('an toàn thông tin mạng')).toMatchObject({ status: 'filed', signature: { signerId: sonLa.leaders.find((l) => l.fields.includes('cybersecurity'))!.staffId, form: 'kt' } });
    expect(byTitle('báo chí, xuất bản')).toMatchObject({ status: 'form-checked', ownerId: director.id });
    expect(byTitle('tập huấn')).toMatchObject({ status: 'drafted', ownerId: person('head', 'it').id });
    const awaitingDirector = await all<Record<string, any>>(t, '/v1/outgoing-documents?view=mine');
    expect(awaitingDirector.map((d) => d.title)).toContain(byTitle('báo chí, xuất bản')!.title);
    const matters = (await (await t.as(director.id, `/v1/board-matters?year=${today.slice(0, 4)}`)).json()) as { items: Record<string, any>[] };
    expect(matters.items.filter((m) => m.category === 'work-plan' && m.circulation && !m.decision)).toHaveLength(1);
  });

  it('the evaluation cycle (issue #23) of the month ended: partly done at the times the plan gives, through the steps\' route', async () => {
    const calendar = calendarOf(sonLa);
    const month = periodsOverlapping('month', { start: goLiveOn, end: today }).filter((m) => m.end < today).at(-1)!;
    const due = (step: EvaluationStepId) => stepDueAt(sonLa.evaluation!, step, { ...month, kind: 'month' }, calendar, 'Asia/Ho_Chi_Minh');
    const list = (await (await t.as(director.id, `/v1/evaluations?period=${month.id}`)).json()) as { items: { staffId: string; stage: string; level?: string; published: boolean }[] };
    const stage = new Map(list.items.map((i) => [i.staffId, i.stage]));
    expect(list.items).toHaveLength(30);
    // Each person's last step taken by now, as planned (a step the API refused would leave the stage behind).
    const planned = new Map<string, string>();
    for (const s of demoEvaluationSteps(sonLa, calendar, month).filter((s) => s.at <= now).sort((a, b) => a.at.getTime() - b.at.getTime())) planned.set(s.staffId, s.step);
    expect(Object.fromEntries(stage)).toEqual(Object.fromEntries(list.items.map((i) => [i.staffId, planned.get(i.staffId) ?? 'none'])));

    const count = () => Object.fromEntries([...new Set(stage.values())].sort().map((s) => [s, [...stage.values()].filter((x) => x === s).length]));
    // The evening of the head's deadline day (E3) until the next morning: the picture docs/demo-department.md describes.
    const e3 = due('head-comment');
    if (now.getTime() >= e3.getTime() + 5 * 60_000 && now < localDateTimeToInstant(calendar.addWorkingDays(toLocalDate(e3, 'Asia/Ho_Chi_Minh'), 1), '09:00', 'Asia/Ho_Chi_Minh')) {
      expect(count()).toEqual({ 'board-review': 2, 'director-decision': 9, 'head-comment': 12, none: 1, publication: 4, 'self-assessment': 2 });
      for (const id of ['hoang-van-nam', 'ngo-thi-thuy', 'le-dinh-khoi', 'cam-thi-duyen']) expect(stage.get(id), id).toBe('publication');
      expect(stage.get(DEMO_EVALUATION.neverSelfAssessed)).toBe('none');
      expect(stage.get('le-thi-ngoc-anh')).toBe('self-assessment');
    }
    // After the publication deadline: everyone published.
    if (now > due('publication')) expect(count()).toEqual({ publication: 30 });
    if (now > localDateTimeToInstant(toLocalDate(e3, 'Asia/Ho_Chi_Minh'), '16:00', 'Asia/Ho_Chi_Minh')) {
      // The one decision differing from the proposal carries its reason (Điều 3.3.2).
      const dossier = (await (await t.as(director.id, `/v1/evaluations/${DEMO_EVALUATION.decidedOtherwise}/${month.id}`)).json()) as { evaluation: Record<string, any> };
      expect(dossier.evaluation.boardReview.level).toBe('excellent');
      expect(dossier.evaluation.decision).toMatchObject({ level: 'good', reason: expect.stringContaining('Hoàn thành xuất sắc') });
      expect(dossier.evaluation.selfAssessment.text).toMatch(/nhiệm vụ/);
    }
  });

  it('E2/E3 find exactly the gaps the demo leaves (E4–E6 none): one self-assessment missing, one late, the press head\'s comments late', async () => {
    const calendar = calendarOf(sonLa);
    const tz = 'Asia/Ho_Chi_Minh';
    // The months' cycles (the year's is not seeded: its steps fall due from 5 December).
    const findings = (await all<Record<string, any>>(t, '/v1/findings')).filter((f) => /^E[2-6]$/.test(f.rule) && /^\d{4}-\d{2}$/.test(f.period));
    const expected: Record<string, unknown>[] = [];
    for (const month of periodsOverlapping('month', { start: goLiveOn, end: today }).filter((m) => m.end < today)) {
      const due = (step: EvaluationStepId) => stepDueAt(sonLa.evaluation!, step, { ...month, kind: 'month' }, calendar, tz);
      // A daily check at 17:05 on the working day judges; a step taken late the next morning is put right by the next day's check.
      const judged = (d: Date) => now.getTime() >= d.getTime() + 5 * 60_000;
      const nextCheck = (d: Date) => localDateTimeToInstant(calendar.addWorkingDays(toLocalDate(d, tz), 1), '17:05', tz);
      const e2 = due('self-assessment');
      if (judged(e2)) {
        expected.push({ rule: 'E2', period: month.id, staffId: DEMO_EVALUATION.neverSelfAssessed, subjectId: DEMO_EVALUATION.neverSelfAssessed, resolved: false });
        expected.push({ rule: 'E2', period: month.id, staffId: DEMO_EVALUATION.lateSelfAssessment, subjectId: DEMO_EVALUATION.lateSelfAssessment, resolved: now >= nextCheck(e2) });
      }
      const e3 = due('head-comment');
      if (judged(e3)) {
        for (const staffId of ['ha-thi-phuong', 'le-thi-ngoc-anh', 'vi-van-khanh']) expected.push({ rule: 'E3', period: month.id, staffId, subjectId: DEMO_EVALUATION.lateHead, resolved: now >= nextCheck(e3) });
      }
    }
    const key = (f: Record<string, unknown>) => `${f.rule}|${f.period}|${f.staffId}`;
    const actual = findings.map((f) => ({ rule: f.rule, period: f.period, staffId: f.facts.staffId, subjectId: f.subjectId, resolved: f.resolvedAt !== undefined }));
    expect(actual.sort((a, b) => key(a).localeCompare(key(b)))).toEqual(expected.sort((a, b) => key(a).localeCompare(key(b))));
    // The E3 finding for the one who never assessed himself names the missing earlier step.
    const khanh = findings.find((f) => f.rule === 'E3' && f.facts.staffId === DEMO_EVALUATION.neverSelfAssessed && !f.facts.takenAt);
    if (khanh) expect(khanh.facts.earlierMissing).toEqual(['self-assessment']);
  });

  it('a restart seeds nothing twice', async () => {
    const again = await seedDemoMonth(depsOf(t));
    expect(again.outcome).toBe('already-seeded');
    expect(await t.countItems()).toBe(itemsAfterFirst);
  });

  it('interrupted half-way, a rerun completes it with no duplicates: the same items as one run', async () => {
    const other = await createTestApp({ goLiveOn });
    try {
      await expect(seedDemoMonth(depsOf(other, { stopAfter: Math.floor(first.steps / 2) }))).rejects.toThrow(/interrupted/);
      const rerun = await seedDemoMonth(depsOf(other));
      expect(rerun.outcome).toBe('seeded');
      expect(await other.countItems()).toBe(itemsAfterFirst);
    } finally {
      await other.dispose();
    }
  }, 300_000);
});
