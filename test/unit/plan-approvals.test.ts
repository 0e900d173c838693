// P2 (Điều 10.1) approval findings, pure: the boundary second of the approver's deadline and the
// sentence each outcome reads as, in Vietnamese and English.
import { describe, expect, it } from 'vitest';
import { evaluatePlanApprovals, type PlanRevisionToJudge } from '../../shared/domain/compliance/plan-approvals.js';
import { resolveDeadline } from '../../shared/domain/deadlines.js';
import { detectFinding } from '../../shared/domain/finding.js';
import { findingText, type FindingTextNames } from '../../shared/domain/finding-text.js';
import { parseInstant } from '../../shared/domain/local-time.js';
import { calendarOf } from '../../shared/domain/working-calendar-of.js';
import { parseRulebook } from '../../shared/rulebook/load.js';
import sonLaJson from '../../shared/rulebook/organisations/so-tttt-son-la.json' with { type: 'json' };
import { person, sonLa } from '../support/people.js';

const TZ = 'Asia/Ho_Chi_Minh';
const at = (s: string) => parseInstant(s)!;
const names: FindingTextNames = {
  person: (id) => sonLa.staff.find((s) => s.id === id)?.name,
  unit: (id) => sonLa.units.find((u) => u.id === id)?.name,
};
const itHead = person('head', 'it');
const itDeputy = sonLa.staff.find((s) => s.id === sonLa.units.find((u) => u.id === 'it')!.overseenBy)!;

function revision(decision?: PlanRevisionToJudge['decision']): PlanRevisionToJudge {
  const deadline = sonLa.plans!.approval.deadline;
  return {
    planId: 'plan-1',
    key: `p2-unit-plan|2026-Q4|${itHead.id}`,
    obligationId: 'p2-unit-plan',
    title: sonLa.reportObligations.find((o) => o.id === 'p2-unit-plan')!.title,
    staffId: itHead.id,
    unitId: 'it',
    periodId: '2026-Q4',
    revision: 1,
    // Friday 02/10/2026: the 5th working day after is Friday 09/10/2026.
    submittedAt: at('2026-10-02T15:00:00+07:00'),
    approvalDueAt: resolveDeadline(deadline, { eventDate: '2026-10-02' }, calendarOf(sonLa), TZ),
    approverId: itDeputy.id,
    approverUnitId: 'board',
    ...(decision ? { decision } : {}),
  };
}
const read = (r: PlanRevisionToJudge, when: string, lang: 'vi' | 'en') => {
  const { observations } = evaluatePlanApprovals([r], at(when), TZ);
  expect(observations).toHaveLength(1);
  return findingText(detectFinding({ id: 'P2', article: 'Điều 10.1' }, 'so-tttt-son-la', observations[0]!, at(when), TZ).next, lang, names);
};

describe('P2 (Điều 10.1): a plan approved by the director or the overseeing deputy in time', () => {
  it('P2 (Điều 10.1): submitted Friday 02/10/2026, a decision is due Friday 09/10/2026 17:00 (rulebook plans.approval, 5 working days)', () => {
    expect(revision().approvalDueAt).toEqual(at('2026-10-09T17:00:00+07:00'));
    expect(evaluatePlanApprovals([revision()], at('2026-10-09T17:00:00+07:00'), TZ).observations).toEqual([]);
    expect(evaluatePlanApprovals([revision()], at('2026-10-09T17:00:01+07:00'), TZ).observations).toHaveLength(1);
  });

  it('P2 (Điều 10.1): approved at 17:00:00 on the due day clears; at 17:00:01 it is recorded, put right late', () => {
    const onTime = evaluatePlanApprovals([revision({ action: 'approved', by: itDeputy.id, at: at('2026-10-09T17:00:00+07:00') })], at('2026-10-10T09:00:00+07:00'), TZ);
    expect(onTime.observations).toEqual([]);
    expect(onTime.clearances).toHaveLength(1);
    const late = revision({ action: 'approved', by: itDeputy.id, at: at('2026-10-09T19:00:01+07:00') });
    const { observations } = evaluatePlanApprovals([late], at('2026-10-10T09:00:00+07:00'), TZ);
    expect(observations[0]).toMatchObject({ subjectId: itDeputy.id, unitId: 'board', putRight: { resolution: 'put-right' } });
    expect(read(late, '2026-10-10T09:00:00+07:00', 'vi')).toBe(
      `Kế hoạch công tác của phòng, đơn vị — Quý IV/2026 của Phòng Công nghệ thông tin (bản 1, nộp lúc 02/10/2026 15:00): ${itDeputy.name} phê duyệt chậm 2 giờ (lúc 09/10/2026 19:00; hạn 09/10/2026 17:00).`,
    );
    expect(read(late, '2026-10-10T09:00:00+07:00', 'en')).toBe(
      `Unit's work plan — Q4 2026, Information Technology Division (revision 1, submitted at 2026-10-02 15:00): ${itDeputy.name} approved it 2 hours late (at 2026-10-09 19:00; due 2026-10-09 17:00).`,
    );
  });

  it('P2 (Điều 10.1): a return with a comment is a decision too', () => {
    const returned = revision({ action: 'returned', by: itDeputy.id, at: at('2026-10-12T08:00:00+07:00') });
    expect(read(returned, '2026-10-12T09:00:00+07:00', 'vi')).toContain(`${itDeputy.name} trả lại chậm 2 ngày (lúc 12/10/2026 08:00; hạn 09/10/2026 17:00)`);
    expect(evaluatePlanApprovals([revision({ action: 'returned', by: itDeputy.id, at: at('2026-10-05T08:00:00+07:00') })], at('2026-10-12T09:00:00+07:00'), TZ).observations).toEqual([]);
  });
});

describe('P2 (Điều 5.1, 7.1): the training plan’s yearly deadline, a month and day of the rulebook', () => {
  const training = sonLa.reportObligations.find((o) => o.id === 'p2-training-plan')!;
  const dueFor = (year: string) => resolveDeadline(training.cadences!.year!.deadline, { period: { kind: 'year', id: year, start: `${year}-01-01`, end: `${year}-12-31` } }, calendarOf(sonLa), TZ);

  it('P2 (Điều 5.1, 7.1): 31/01/2027 is a Sunday, so the 2027 plan is due Friday 29/01/2027 17:00; 31/01/2028 is a Monday and stays', () => {
    expect(dueFor('2027')).toEqual(at('2027-01-29T17:00:00+07:00'));
    expect(dueFor('2028')).toEqual(at('2028-01-31T17:00:00+07:00'));
  });

  it('a month of the year is refused on any cadence but a yearly one, naming the field', () => {
    const json = structuredClone(sonLaJson) as any;
    const plan = json.reportObligations.find((o: any) => o.id === 'p2-training-plan');
    plan.cadences = { quarter: plan.cadences.year };
    const index = json.reportObligations.indexOf(plan);
    expect(() => parseRulebook(json)).toThrow(`reportObligations[${index}].cadences.quarter.deadline.month: a month of the year fits a yearly cadence only`);
  });
});
