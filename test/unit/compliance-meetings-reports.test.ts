import { describe, expect, it } from 'vitest';
import { evaluateDistribution, type DocumentFacts } from '../../shared/domain/compliance/document-distribution.js';
import { closedWindowCheckSchedule, evaluateExpectedMeetings, latestClosedWindow } from '../../shared/domain/compliance/expected-meetings.js';
import { findingNotification } from '../../shared/domain/compliance/finding-notification.js';
import { evaluateConclusions, type MeetingConclusionFacts } from '../../shared/domain/compliance/meeting-conclusions.js';
import { dailyCheckTimeAfter } from '../../shared/domain/compliance/periodic.js';
import { evaluatePeriodicReports, reportDueOf } from '../../shared/domain/compliance/periodic-reports.js';
import { resolveDeadline } from '../../shared/domain/deadlines.js';
import type { Finding } from '../../shared/domain/finding.js';
import { parseInstant } from '../../shared/domain/local-time.js';
import { expectedMeetings, matchHeld, type HeldMeeting } from '../../shared/domain/meeting-schedule.js';
import { orgSnapshotOf, periodicObligations } from '../../shared/domain/obligations.js';
import { calendarOf } from '../../shared/domain/working-calendar-of.js';
import { person, sonLa } from '../support/people.js';

const TZ = 'Asia/Ho_Chi_Minh';
const at = (s: string) => parseInstant(s)!;
const calendar = calendarOf(sonLa);
const director = person('director');
const names = { person: (id: string) => sonLa.staff.find((s) => s.id === id)?.name, unit: (id: string) => sonLa.units.find((u) => u.id === id)?.name };
const obligation = (rule: string, kind?: string) => sonLa.meetingObligations.filter((o) => o.rule === rule && (!kind || o.kind === kind));

/** The expected meetings of a window, matched at `now`, judged. */
function judge(rule: string, range: { start: string; end: string }, now: string, held: HeldMeeting[] = [], kind?: string) {
  const expected = expectedMeetings({ obligations: obligation(rule, kind), units: sonLa.units.map((u) => ({ ...u })), calendar, range });
  const statuses = matchHeld(expected, held, at(now), TZ);
  return evaluateExpectedMeetings({
    statuses,
    recordedAt: new Map(held.map((m) => [m.id, at(`${m.heldOn}T18:00:00+07:00`)])),
    subjectOf: (e) => ({ staffId: e.unitId === 'board' ? director.id : `head-of-${e.unitId}`, unitId: e.unitId }),
    timeZone: TZ,
  });
}

describe('M1: the weekly briefing, judged when its week is over', () => {
  // 2026-W53 runs from Monday 28 December to Sunday 3 January; Friday 1 January is New Year's Day.
  const W53 = { start: '2026-12-28', end: '2027-01-03' };

  it('is checked on Mondays at 00:05, judging the week before', () => {
    expect(closedWindowCheckSchedule(obligation('M1')[0]!.schedule)).toEqual({ kind: 'weekly', weekday: 1, time: '00:05' });
    expect(latestClosedWindow(obligation('M1')[0]!.schedule, '2027-01-04')).toEqual(W53);
    // On Sunday the week is still open: the week before it is the latest closed.
    expect(latestClosedWindow(obligation('M1')[0]!.schedule, '2027-01-03')).toEqual({ start: '2026-12-21', end: '2026-12-27' });
  });

  it('missed in a week whose Friday is a holiday: it was expected on Thursday', () => {
    const { observations, clearances } = judge('M1', W53, '2027-01-04T00:05:00+07:00');
    expect(clearances).toEqual([]);
    expect(observations).toHaveLength(1);
    expect(observations[0]).toMatchObject({
      identity: ['m1-weekly-briefing|2026-W53|board'],
      subjectId: director.id,
      unitId: 'board',
      period: '2026-W53',
      facts: { expectedOn: '2026-12-31', movedFrom: '2027-01-01', window: W53, held: false },
    });
    expect(observations[0]!.dueAt!.toISOString()).toBe('2027-01-03T16:59:59.999Z');
    expect(observations[0]!.detail).toBe(
      "The weekly briefing (2026-W53) was not held: it was expected on 2026-12-31 (moved from 2027-01-01, New Year's Day).",
    );
  });

  it('held on the Thursday (recorded late): the finding is put right when it was recorded', () => {
    const held = [{ id: 'mtg-1', kind: 'weekly-briefing' as const, unitId: 'board', heldOn: '2026-12-31' }];
    const { observations, clearances } = judge('M1', W53, '2027-01-04T00:05:00+07:00', held);
    expect(observations).toEqual([]);
    const putRight = { at: at('2026-12-31T18:00:00+07:00'), resolution: 'put-right', note: 'Held on 2026-12-31 (meeting mtg-1), recorded at 2026-12-31T18:00:00.000+07:00.' };
    // Held on its (moved) day: both the not-held and an off-schedule finding, if open, are put right.
    expect(clearances).toEqual([
      { identity: ['m1-weekly-briefing|2026-W53|board'], putRight },
      { identity: ['m1-weekly-briefing|2026-W53|board', 'off-schedule'], putRight },
    ]);
  });

  it('M1 (Điều 11.1): held on Friday 01/01/2027, a holiday, instead of Thursday 31/12/2026: held off schedule, its own finding naming both days and why', () => {
    const held = [{ id: 'mtg-2', kind: 'weekly-briefing' as const, unitId: 'board', heldOn: '2027-01-01' }];
    const { observations, clearances } = judge('M1', W53, '2027-01-04T00:05:00+07:00', held);
    expect(clearances.map((c) => c.identity)).toEqual([['m1-weekly-briefing|2026-W53|board']]);
    expect(observations).toHaveLength(1);
    expect(observations[0]).toMatchObject({
      identity: ['m1-weekly-briefing|2026-W53|board', 'off-schedule'],
      subjectId: director.id,
      period: '2026-W53',
      ref: 'mtg-2',
      facts: { expectedOn: '2026-12-31', movedFrom: '2027-01-01', held: 'off-schedule', heldOn: '2027-01-01', meetingId: 'mtg-2', window: W53 },
    });
    expect(observations[0]!.dueAt!.toISOString()).toBe('2026-12-31T16:59:59.999Z');
    expect(observations[0]!.detail).toBe(
      "The weekly briefing (2026-W53) was held off schedule, on 2027-01-01: it was expected on 2026-12-31 (moved from 2027-01-01, New Year's Day).",
    );
  });

  it('nothing is judged before the week is over (Sunday 23:59:59.999)', () => {
    expect(judge('M1', W53, '2027-01-03T23:59:59.999+07:00').observations).toEqual([]);
  });
});

describe('M2 (Điều 3.4, 11.1): the reviews, judged when their window closes', () => {
  const [semiannual] = obligation('M2', 'semiannual-review');
  const [annual] = obligation('M2', 'annual-review');

  it('each window is checked on the 1st of the month after it (1 August, 1 February)', () => {
    expect(closedWindowCheckSchedule(semiannual!.schedule)).toEqual({ kind: 'yearly', month: 8, day: 1, time: '00:05' });
    expect(closedWindowCheckSchedule(annual!.schedule)).toEqual({ kind: 'yearly', month: 2, day: 1, time: '00:05' });
  });

  it('the latest closed window: June–July of this year from 1 August; December–January from 1 February', () => {
    expect(latestClosedWindow(semiannual!.schedule, '2026-08-01')).toEqual({ start: '2026-06-01', end: '2026-07-31' });
    expect(latestClosedWindow(semiannual!.schedule, '2026-07-31')).toEqual({ start: '2025-06-01', end: '2025-07-31' });
    expect(latestClosedWindow(annual!.schedule, '2027-02-01')).toEqual({ start: '2026-12-01', end: '2027-01-31' });
    expect(latestClosedWindow(annual!.schedule, '2027-01-31')).toEqual({ start: '2025-12-01', end: '2026-01-31' });
  });

  it('the annual review not held by 31 January: a finding once the window has closed, none a millisecond before', () => {
    const window = { start: '2026-12-01', end: '2027-01-31' };
    expect(judge('M2', window, '2027-01-31T23:59:59.999+07:00', [], 'annual-review').observations).toEqual([]);
    const { observations } = judge('M2', window, '2027-02-01T00:00:00+07:00', [], 'annual-review');
    expect(observations.map((o) => [o.identity[0], o.period, o.subjectId])).toEqual([['m2-annual-review|2026|board', '2026', director.id]]);
    expect(observations[0]!.detail).toBe('The annual review conference (2026) was not held: it was due between 2026-12-01 and 2027-01-31.');
    const held = [{ id: 'mtg-2', kind: 'annual-review' as const, unitId: 'board', heldOn: '2027-01-31' }];
    expect(judge('M2', window, '2027-02-01T00:05:00+07:00', held, 'annual-review').observations).toEqual([]);
  });
});

describe('M4 (Điều 11.4): each unit’s monthly meeting', () => {
  it('every unit that did not meet in the month is a finding for its head; the unit that met is not', () => {
    const held = [{ id: 'mtg-3', kind: 'monthly-unit' as const, unitId: 'it', heldOn: '2026-10-30' }];
    const { observations, clearances } = judge('M4', { start: '2026-10-01', end: '2026-10-31' }, '2026-11-01T00:05:00+07:00', held);
    const units = sonLa.units.filter((u) => u.kind !== 'board' && u.id !== 'it').map((u) => u.id).sort();
    expect(observations.map((o) => o.unitId).sort()).toEqual(units);
    expect(observations.every((o) => o.subjectId === `head-of-${o.unitId}` && o.period === '2026-10')).toBe(true);
    expect(clearances.map((c) => c.identity)).toEqual([['m4-monthly-unit-meeting|2026-10|it']]);
  });
});

describe('M3 (Điều 3.4): written conclusions by their deadline, to the second', () => {
  const meeting = (issuedAt?: string): MeetingConclusionFacts => ({
    id: 'mtg-4',
    kind: 'extraordinary',
    title: { vi: 'Họp bất thường', en: 'Extraordinary meeting' },
    heldOn: '2026-11-23',
    chairId: director.id,
    dueAt: at('2026-11-25T17:00:00+07:00'),
    ...(issuedAt ? { issuedAt: at(issuedAt) } : {}),
  });
  const run = (m: MeetingConclusionFacts, when: string) =>
    evaluateConclusions({ meetings: [m], subjectOf: () => ({ staffId: director.id, unitId: 'board' }), timeZone: TZ }, at(when));

  it('checked daily at 17:05, after the rulebook’s 17:00', () => {
    expect(dailyCheckTimeAfter(sonLa.meetingConclusions!.time)).toBe('17:05');
    expect(dailyCheckTimeAfter('23:59:59')).toBe('00:05');
  });

  it('none issued: nothing at 17:00:00.999, a finding at 17:00:01', () => {
    expect(run(meeting(), '2026-11-25T17:00:00.999+07:00').observations).toEqual([]);
    const { observations } = run(meeting(), '2026-11-25T17:00:01+07:00');
    expect(observations).toHaveLength(1);
    expect(observations[0]).toMatchObject({ identity: ['mtg-4'], ref: 'mtg-4', period: '2026-11', subjectId: director.id, facts: { issued: false } });
    expect(observations[0]!.detail).toBe('The written conclusions of the extraordinary meeting held on 2026-11-23 were not issued by 2026-11-25T17:00:00.000+07:00.');
  });

  it('issued at 16:59:59 is on time; at 17:00:01 late, put right when issued', () => {
    expect(run(meeting('2026-11-25T16:59:59+07:00'), '2026-11-25T17:05:00+07:00')).toMatchObject({ observations: [], clearances: [{ identity: ['mtg-4'] }] });
    const late = run(meeting('2026-11-25T17:00:01+07:00'), '2026-11-25T17:05:00+07:00').observations[0]!;
    expect(late.putRight).toEqual({ at: at('2026-11-25T17:00:01+07:00'), resolution: 'put-right', note: 'Conclusions issued late, at 2026-11-25T17:00:01.000+07:00.' });
  });
});

describe('R1-R3, R6 (Điều 15.2, 15.3, 15.4, 6.1): each period’s report by its deadline', () => {
  const specialist = person('specialist', 'press');
  const [week] = periodicObligations(sonLa, orgSnapshotOf(sonLa), calendar, { periodId: '2026-W48', staffIds: [specialist.id] })
    .filter((i) => i.rule === 'R3')
    .map((i) => reportDueOf(i)!);
  const run = (when: string, submittedAt?: string) =>
    evaluatePeriodicReports(
      { due: [week!], submitted: new Map(submittedAt ? [[week!.key, { id: 'rep-1', firstSubmittedAt: at(submittedAt) }]] : []), timeZone: TZ },
      at(when),
    );

  it('the weekly R3 report of 2026-W48 is due on Thursday at 10:00', () => {
    expect(week).toMatchObject({ key: `r3-staff-report|2026-W48|${specialist.id}`, periodId: '2026-W48', staffId: specialist.id, unitId: 'press' });
    expect(week!.dueAt.toISOString()).toBe('2026-11-26T03:00:00.000Z');
  });

  it('missing one second after its deadline is a finding; not a moment before', () => {
    expect(run('2026-11-26T10:00:00.999+07:00').observations).toEqual([]);
    const { observations } = run('2026-11-26T10:00:01+07:00');
    expect(observations).toHaveLength(1);
    expect(observations[0]).toMatchObject({ identity: [week!.key], subjectId: specialist.id, unitId: 'press', period: '2026-W48', facts: { submitted: false } });
    expect(observations[0]!.putRight).toBeUndefined();
    expect(observations[0]!.detail).toBe("Deputy heads' and staff's periodic reports to their head for 2026-W48: not submitted by 2026-11-26T10:00:00.000+07:00.");
  });

  it('submitted late: the finding is put right at its submission; on time: cleared', () => {
    const late = run('2026-11-27T10:05:00+07:00', '2026-11-26T14:00:00+07:00').observations[0]!;
    expect(late).toMatchObject({ ref: 'rep-1', facts: { reportId: 'rep-1', submittedAt: '2026-11-26T14:00:00.000+07:00' } });
    expect(late.putRight).toEqual({ at: at('2026-11-26T14:00:00+07:00'), resolution: 'put-right', note: 'Submitted late, at 2026-11-26T14:00:00.000+07:00.' });
    expect(run('2026-11-26T10:05:00+07:00', '2026-11-26T10:00:00.999+07:00')).toMatchObject({ observations: [], clearances: [{ identity: [week!.key] }] });
  });
});

describe('D1 (Điều 9.1.4, 12.1): incoming documents distributed by the start of the next working day', () => {
  // Received on Friday afternoon, 24 April 2026; Monday 27 April is a holiday (Hùng Kings, compensatory).
  const dueAt = resolveDeadline(sonLa.documents.distribution!.deadline, { eventDate: '2026-04-24' }, calendar, TZ);
  const doc = (extra: Partial<DocumentFacts> = {}): DocumentFacts => ({
    id: 'doc-1',
    number: '12/UBND',
    title: 'V/v chuyển đổi số',
    confidentiality: 'normal',
    receivedAt: at('2026-04-24T15:00:00+07:00'),
    dueAt,
    ...extra,
  });
  const run = (d: DocumentFacts, when: string) => evaluateDistribution({ subject: { staffId: 'distributor', unitId: 'board' }, documents: [d], timeZone: TZ }, at(when));

  it('is due at the start of Tuesday’s work (09:00 by the rulebook)', () => {
    expect(dueAt.toISOString()).toBe(at('2026-04-28T09:00:00+07:00').toISOString());
    expect(dailyCheckTimeAfter(sonLa.documents.distribution!.deadline.time)).toBe('09:05');
  });

  it('distributed on Tuesday at 07:59 passes', () => {
    expect(run(doc({ firstDistributedAt: at('2026-04-28T07:59:00+07:00') }), '2026-04-28T09:05:00+07:00')).toMatchObject({
      observations: [],
      clearances: [{ identity: ['doc-1'] }],
    });
  });

  it('not distributed by then is a finding (at 09:00:01, not at 09:00:00)', () => {
    expect(run(doc(), '2026-04-28T09:00:00+07:00').observations).toEqual([]);
    const [o] = run(doc(), '2026-04-28T09:00:01+07:00').observations;
    expect(o).toMatchObject({ identity: ['doc-1'], subjectId: 'distributor', period: '2026-04', ref: 'doc-1', facts: { documentTitle: 'V/v chuyển đổi số', distributed: false } });
    expect(o!.detail).toBe(
      'Incoming document “V/v chuyển đổi số” (12/UBND), received at 2026-04-24T15:00:00.000+07:00, was not distributed by 2026-04-28T09:00:00.000+07:00.',
    );
  });

  it('a confidential document is never named', () => {
    const [o] = run(doc({ confidentiality: 'secret' }), '2026-04-28T09:05:00+07:00').observations;
    expect(o!.detail).toBe('A secret incoming document, received at 2026-04-24T15:00:00.000+07:00, was not distributed by 2026-04-28T09:00:00.000+07:00.');
    expect(JSON.stringify(o!.facts)).not.toContain('chuyển đổi');
    expect(o!.facts).toEqual({
      documentId: 'doc-1',
      confidentiality: 'secret',
      receivedAt: '2026-04-24T15:00:00.000+07:00',
      distributionDueAt: '2026-04-28T09:00:00.000+07:00',
      distributed: false,
    });
  });
});

describe('the notification a new finding sends its subject', () => {
  const base: Finding = {
    id: 'M1-abc',
    orgId: 'so-tttt-son-la',
    rule: 'M1',
    article: 'Điều 11.1',
    key: 'm1-weekly-briefing|2026-W53|board',
    subjectId: director.id,
    unitId: 'board',
    period: '2026-W53',
    periodStart: '2026-12-28',
    dueAt: '2027-01-03T23:59:59.999+07:00',
    detectedAt: '2027-01-03T17:05:00.000Z',
    detail: 'The weekly briefing (2026-W53) was not held.',
    facts: {
      title: { vi: 'Họp giao ban hàng tuần', en: 'Weekly briefing' },
      window: { start: '2026-12-28', end: '2027-01-03' },
      expectedOn: '2026-12-31',
      movedFrom: '2027-01-01',
      movedBecause: { vi: 'Tết Dương lịch', en: "New Year's Day" },
      held: false,
    },
    createdAt: '2027-01-03T17:05:00.000Z',
    updatedAt: '2027-01-03T17:05:00.000Z',
    version: 1,
  };

  it('a finding: Vietnamese first, citing the article; the same finding always gives the same id', () => {
    const n = findingNotification(base, TZ, names);
    expect(n).toMatchObject({
      recipientId: director.id,
      kind: 'finding-detected',
      subject: { vi: 'Chưa đúng hạn: Họp giao ban hàng tuần — Tuần 53/2026 (28/12/2026–03/01/2027)', en: 'Deadline missed: Weekly briefing — Week 53, 2026 (2026-12-28 – 2027-01-03)' },
      body: {
        vi: 'Họp giao ban hàng tuần — Tuần 53/2026 (28/12/2026–03/01/2027): Nguyễn Văn Hùng không tổ chức họp; dự kiến ngày 31/12/2026 (dời từ ngày 01/01/2027, Tết Dương lịch). Căn cứ: Điều 11.1 (M1).',
        en: "Weekly briefing — Week 53, 2026 (2026-12-28 – 2027-01-03): Nguyễn Văn Hùng did not hold it; expected on 2026-12-31 (moved from 2027-01-01, New Year's Day). Điều 11.1 (M1).",
      },
      about: { key: 'finding:M1-abc', obligationId: 'M1', periodId: '2026-W53' },
      createdAt: base.detectedAt,
    });
    expect(findingNotification(base, TZ).id).toBe(n.id);
    expect(findingNotification({ ...base, id: 'M1-def' }, TZ).id).not.toBe(n.id);
  });

  it('an A6 escalation: the overdue work and the step reached', () => {
    const n = findingNotification(
      {
        ...base,
        id: 'A6-x',
        rule: 'A6',
        article: 'Điều 5.1, 6.1, 7.1',
        escalation: { level: 'criticism', number: 2, name: { vi: 'phê bình', en: 'criticism' } },
        dueAt: '2026-11-20T23:59:59.000+07:00',
        facts: { assignmentTitle: 'Rà soát cổng thông tin', dueDate: '2026-11-20', daysOverdue: 5, dayCounting: 'working' },
      },
      TZ,
      names,
    );
    expect(n.kind).toBe('assignment-escalated');
    expect(n.subject).toEqual({ vi: 'Công việc quá hạn: Rà soát cổng thông tin — hạn 20/11/2026', en: 'Overdue work: Rà soát cổng thông tin — due 2026-11-20' });
    expect(n.body.vi).toBe(
      'Phê bình (mức 2): Nguyễn Văn Hùng chưa hoàn thành nhiệm vụ “Rà soát cổng thông tin”, hạn 20/11/2026, đã quá hạn 5 ngày làm việc. Căn cứ: Điều 5.1, 6.1, 7.1 (A6).',
    );
  });
});
