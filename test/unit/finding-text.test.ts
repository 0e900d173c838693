// Each rule's finding, as a Vietnamese official reads it: the rule's own evaluation produces the
// facts, the finding is recorded from them, and the sentence is rendered at reading time. One test
// per rule id, each stating its sentence in full.
import { describe, expect, it } from 'vitest';
import type { DueRules } from '../../shared/domain/assignment.js';
import { approveSchedule, proposeSchedule } from '../../shared/domain/citizen-reception.js';
import { evaluateCitizenReception } from '../../shared/domain/compliance/citizen-reception.js';
import { evaluateDistribution } from '../../shared/domain/compliance/document-distribution.js';
import { evaluateExpectedMeetings } from '../../shared/domain/compliance/expected-meetings.js';
import { evaluateConclusions } from '../../shared/domain/compliance/meeting-conclusions.js';
import { evaluateMonthlyReports } from '../../shared/domain/compliance/monthly-reports.js';
import type { Observation } from '../../shared/domain/compliance/outcome.js';
import { evaluateOverdue } from '../../shared/domain/compliance/overdue.js';
import { evaluatePayroll } from '../../shared/domain/compliance/payroll.js';
import { evaluatePeriodicReports, reportDueOf } from '../../shared/domain/compliance/periodic-reports.js';
import { evaluateSettlements } from '../../shared/domain/compliance/settlements.js';
import { resolveDeadline } from '../../shared/domain/deadlines.js';
import { monthlyReportDueAt, monthlyReportEarliestAt, payrollDueAt, payrollDueOn } from '../../shared/domain/finance.js';
import { detectFinding } from '../../shared/domain/finding.js';
import { findingText, type FindingTextNames } from '../../shared/domain/finding-text.js';
import { parseInstant } from '../../shared/domain/local-time.js';
import { expectedMeetings, matchHeld } from '../../shared/domain/meeting-schedule.js';
import { orgSnapshotOf, periodicObligations } from '../../shared/domain/obligations.js';
import { calendarOf } from '../../shared/domain/working-calendar-of.js';
import { person, sonLa } from '../support/people.js';

const TZ = 'Asia/Ho_Chi_Minh';
const at = (s: string) => parseInstant(s)!;
const calendar = calendarOf(sonLa);
const names: FindingTextNames = {
  person: (id) => sonLa.staff.find((s) => s.id === id)?.name,
  unit: (id) => sonLa.units.find((u) => u.id === id)?.name,
  reportTitle: (rule) => (rule === 'F1' ? sonLa.finance.incomeExpenseReport?.title : rule === 'F5' ? sonLa.finance.cashReport?.title : undefined),
};
const article = (rule: string) => sonLa.rules!.find((r) => r.id === rule)!.article;

/** The finding recorded from the rule's one observation, read in Vietnamese (and English). */
function read(rule: string, observations: readonly Observation[], when: string, lang: 'vi' | 'en' = 'vi') {
  expect(observations).toHaveLength(1);
  const finding = detectFinding({ id: rule, article: article(rule) }, 'so-tttt-son-la', observations[0]!, at(when), TZ).next;
  return findingText(finding, lang, names);
}

const accountant = person('accountant');
const treasurer = person('treasurer');
const director = person('director');

describe('each rule’s finding in Vietnamese', () => {
  it('F1: the income-expense report submitted 8 hours late is "nộp chậm", with how late, when and the deadline', () => {
    const dueAt = monthlyReportDueAt(sonLa.finance.incomeExpenseReport!, '2026-11', calendar, TZ);
    const { observations } = evaluateMonthlyReports(
      {
        title: 'income-expense report',
        subject: { staffId: accountant.id, unitId: accountant.unitId },
        months: [
          {
            month: '2026-11',
            dueAt,
            earliestAt: monthlyReportEarliestAt(sonLa.finance.incomeExpenseReport!, '2026-11', calendar, TZ),
            report: { id: 'r', firstSubmittedAt: at('2026-12-01T08:00:00+07:00'), lastSubmittedAt: at('2026-12-01T08:00:00+07:00'), submittedBy: accountant.id },
          },
        ],
        timeZone: TZ,
      },
      at('2026-12-01T08:05+07:00'),
    );
    expect(read('F1', observations, '2026-12-01T08:05+07:00')).toBe(
      'Báo cáo thu, chi hằng tháng — Tháng 11/2026: Vũ Thị Lan Anh nộp chậm 8 giờ (lúc 01/12/2026 08:00; hạn 30/11/2026 23:59).',
    );
    expect(read('F1', observations, '2026-12-01T08:05+07:00', 'en')).toBe(
      'Monthly income and expense report — November 2026: Vũ Thị Lan Anh submitted it 8 hours late (at 2026-12-01 08:00; due 2026-11-30 23:59).',
    );
  });

  it('F2: the payroll not recorded as paid by the 14th', () => {
    const { observations } = evaluatePayroll(
      {
        subject: { staffId: accountant.id, unitId: accountant.unitId },
        months: [{ month: '2026-11', dueOn: payrollDueOn(sonLa.finance.payroll!, '2026-11', calendar), dueAt: payrollDueAt(sonLa.finance.payroll!, '2026-11', calendar, TZ) }],
        today: '2026-11-15',
        timeZone: TZ,
      },
      at('2026-11-15T00:05+07:00'),
    );
    expect(read('F2', observations, '2026-11-15T00:05+07:00')).toBe(
      'Chi trả lương, phụ cấp — Tháng 11/2026: Vũ Thị Lan Anh chưa ghi nhận đã chi trả; phải chi trả trước ngày 15, chậm nhất ngày 14/11/2026.',
    );
  });

  it('F3: a dossier settled after its 10 days', () => {
    const { observations } = evaluateSettlements({
      subject: { staffId: accountant.id, unitId: accountant.unitId },
      dossiers: [{ id: 'stl-1', dossierRef: 'HS-07/2026', completeOn: '2026-11-02', dueOn: '2026-11-12', settledOn: '2026-11-16', settledRecordedAt: at('2026-11-16T09:00+07:00') }],
      days: 10,
      today: '2026-11-16',
      timeZone: TZ,
    });
    expect(read('F3', observations, '2026-11-16T09:05+07:00')).toBe(
      'Hồ sơ thanh quyết toán HS-07/2026 (nhận đủ ngày 02/11/2026): Vũ Thị Lan Anh thanh quyết toán chậm, ngày 16/11/2026; hạn 12/11/2026.',
    );
  });

  it('F5: the cash report not submitted by the month’s last day', () => {
    const dueAt = monthlyReportDueAt(sonLa.finance.cashReport!, '2026-11', calendar, TZ);
    const { observations } = evaluateMonthlyReports(
      { title: 'cash report', subject: { staffId: treasurer.id, unitId: treasurer.unitId }, months: [{ month: '2026-11', dueAt, earliestAt: monthlyReportEarliestAt(sonLa.finance.cashReport!, '2026-11', calendar, TZ) }], timeZone: TZ },
      at('2026-12-01T00:05+07:00'),
    );
    expect(read('F5', observations, '2026-12-01T00:05+07:00')).toBe('Báo cáo quỹ tiền mặt hằng tháng — Tháng 11/2026: Hoàng Thị Yến chưa nộp (hạn 30/11/2026 23:59).');
  });

  it('F5 (Điều 9.3.2): the cash report for November filed on 02/11/2026 is filed too early, naming the day it is given', () => {
    const rule = sonLa.finance.cashReport!;
    const filed = at('2026-11-02T09:00:00+07:00');
    const { observations } = evaluateMonthlyReports(
      {
        title: 'cash report',
        subject: { staffId: treasurer.id, unitId: treasurer.unitId },
        months: [{ month: '2026-11', dueAt: monthlyReportDueAt(rule, '2026-11', calendar, TZ), earliestAt: monthlyReportEarliestAt(rule, '2026-11', calendar, TZ), report: { id: 'c', firstSubmittedAt: filed, lastSubmittedAt: filed, submittedBy: treasurer.id } }],
        timeZone: TZ,
      },
      at('2026-12-01T00:05+07:00'),
    );
    expect(read('F5', observations, '2026-12-01T00:05+07:00')).toBe(
      'Báo cáo quỹ tiền mặt hằng tháng — Tháng 11/2026: Hoàng Thị Yến nộp sớm (lúc 02/11/2026 09:00); báo cáo nộp vào ngày cuối tháng, từ 30/11/2026 00:00 đến 30/11/2026 23:59.',
    );
    expect(read('F5', observations, '2026-12-01T00:05+07:00', 'en')).toMatch(/submitted it too early \(at .*\); it is given on the month's last day, from .* to .*\./);
  });

  it('A6: an assignment one working day overdue is a reminder (nhắc nhở), not a breach headline', () => {
    const specialist = person('specialist', 'it');
    const dueRules: DueRules = { dueTime: '23:59:59', dueSoonWorkingDays: 3, timeZone: TZ };
    const { observations } = evaluateOverdue(
      {
        steps: sonLa.settings.overdueEscalation,
        counting: 'working',
        calendar,
        dueRules,
        open: [{ id: 'asg-1', title: 'Rà soát hệ thống', responsibleId: specialist.id, unitId: 'it', dueDate: '2026-11-20', status: 'assigned', confidentiality: 'normal' }],
        closedWithOpenFindings: [],
      },
      at('2026-11-23T00:05+07:00'),
    );
    expect(read('A6', observations, '2026-11-23T00:05+07:00')).toBe(
      'Nhắc nhở (mức 1): Lê Đình Khôi chưa hoàn thành nhiệm vụ “Rà soát hệ thống”, hạn 20/11/2026, đã quá hạn 1 ngày làm việc.',
    );
  });

  it('C1: a month without an approved citizen reception schedule, awaiting the director', () => {
    const proposed = proposeSchedule(
      { id: 'reception-schedule.2027-03', orgId: 'org', month: '2027-03', proposedBy: person('chief-inspector').id, sessions: [{ date: '2027-03-05', start: '08:00', end: '11:00', hostId: director.id }] },
      sonLa.citizenReception!,
      at('2027-02-26T09:00:00+07:00'),
    ).next;
    const { observations } = evaluateCitizenReception(
      {
        months: [{ month: '2027-03', dueAt: at('2027-03-01T17:00:00+07:00'), schedule: proposed }],
        proposer: { staffId: person('chief-inspector').id, unitId: 'inspectorate' },
        approver: { staffId: director.id, unitId: 'board' },
        unitOf: (id) => sonLa.staff.find((s) => s.id === id)!.unitId,
        timeZone: TZ,
      },
      at('2027-03-01T17:05:00+07:00'),
    );
    expect(read('C1', observations, '2027-03-01T17:05:00+07:00')).toBe(
      'Lịch tiếp công dân — Tháng 3/2027: lịch đã đề xuất, Nguyễn Văn Hùng chưa phê duyệt; hạn phê duyệt 01/03/2027 17:00.',
    );
    // Approved afterwards: the sessions then count; this one is not needed here.
    expect(approveSchedule(proposed, { by: director.id }, at('2027-03-02T08:00:00+07:00')).next.status).toBe('approved');
  });

  /** The expected meetings of a closed window, judged: the director answers for the board's, a head for the unit's. */
  function judgeMeetings(rule: string, range: { start: string; end: string }, now: string) {
    const expected = expectedMeetings({ obligations: sonLa.meetingObligations.filter((o) => o.rule === rule), units: sonLa.units.map((u) => ({ ...u })), calendar, range });
    return evaluateExpectedMeetings({
      statuses: matchHeld(expected, [], at(now), TZ).filter((s) => rule !== 'M4' || s.unitId === 'it'),
      recordedAt: new Map(),
      subjectOf: (e) => ({ staffId: e.unitId === 'board' ? director.id : person('head', e.unitId).id, unitId: e.unitId }),
      timeZone: TZ,
    }).observations;
  }

  it('M1: the weekly briefing of week 53, whose Friday is New Year’s Day, not held on the Thursday', () => {
    const observations = judgeMeetings('M1', { start: '2026-12-28', end: '2027-01-03' }, '2027-01-04T00:05:00+07:00');
    expect(read('M1', observations, '2027-01-04T00:05:00+07:00')).toBe(
      'Họp giao ban hàng tuần — Tuần 53/2026 (28/12/2026–03/01/2027): Nguyễn Văn Hùng không tổ chức họp; dự kiến ngày 31/12/2026 (dời từ ngày 01/01/2027, Tết Dương lịch).',
    );
  });

  it('M1 (Điều 11.1): the weekly briefing held on Thursday 26/11/2026 instead of Friday 27/11/2026 is held off schedule, in both languages', () => {
    const expected = expectedMeetings({ obligations: sonLa.meetingObligations.filter((o) => o.rule === 'M1'), units: sonLa.units.map((u) => ({ ...u })), calendar, range: { start: '2026-11-23', end: '2026-11-29' } });
    const held = [{ id: 'mtg-9', kind: 'weekly-briefing' as const, unitId: 'board', heldOn: '2026-11-26' }];
    const { observations } = evaluateExpectedMeetings({
      statuses: matchHeld(expected, held, at('2026-11-30T00:05:00+07:00'), TZ),
      recordedAt: new Map([['mtg-9', at('2026-11-26T17:00:00+07:00')]]),
      subjectOf: () => ({ staffId: director.id, unitId: 'board' }),
      timeZone: TZ,
    });
    expect(read('M1', observations, '2026-11-30T00:05:00+07:00')).toBe(
      'Họp giao ban hàng tuần — Tuần 48/2026 (23/11–29/11): Nguyễn Văn Hùng tổ chức họp không đúng ngày: họp ngày 26/11/2026, ngày quy định là 27/11/2026.',
    );
    expect(read('M1', observations, '2026-11-30T00:05:00+07:00', 'en')).toBe(
      'Weekly briefing — Week 48, 2026 (2026-11-23 – 2026-11-29): Nguyễn Văn Hùng held it off schedule, on 2026-11-26; it was due on 2026-11-27.',
    );
  });

  it('M2: the semi-annual review not held in its window', () => {
    const observations = judgeMeetings('M2', { start: '2026-06-01', end: '2026-07-31' }, '2026-08-01T00:05:00+07:00').filter((o) => (o.facts.kind as string) === 'semiannual-review');
    expect(read('M2', observations, '2026-08-01T00:05:00+07:00')).toBe(
      'Hội nghị sơ kết 6 tháng — Năm 2026: Nguyễn Văn Hùng không tổ chức họp; thời hạn từ ngày 01/06/2026 đến ngày 31/07/2026.',
    );
  });

  it('M3: conclusions issued 2 hours late are "ban hành chậm"', () => {
    const { observations } = evaluateConclusions(
      {
        meetings: [{ id: 'mtg-1', kind: 'weekly-briefing', title: sonLa.meetingObligations[0]!.title, heldOn: '2026-11-27', chairId: director.id, dueAt: at('2026-12-01T17:00:00+07:00'), issuedAt: at('2026-12-01T19:00:00+07:00') }],
        subjectOf: () => ({ staffId: director.id, unitId: 'board' }),
        timeZone: TZ,
      },
      at('2026-12-01T19:05:00+07:00'),
    );
    expect(read('M3', observations, '2026-12-01T19:05:00+07:00')).toBe(
      'Kết luận cuộc họp “Họp giao ban hàng tuần” ngày 27/11/2026: Nguyễn Văn Hùng ban hành chậm 2 giờ (lúc 01/12/2026 19:00; hạn 01/12/2026 17:00).',
    );
  });

  it('M4: the IT division’s monthly meeting not held in November', () => {
    const observations = judgeMeetings('M4', { start: '2026-11-01', end: '2026-11-30' }, '2026-12-01T00:05:00+07:00');
    expect(read('M4', observations, '2026-12-01T00:05:00+07:00')).toBe(
      'Họp phòng, đơn vị hằng tháng (Phòng Công nghệ thông tin) — Tháng 11/2026: Hoàng Văn Nam không tổ chức họp; thời hạn từ ngày 01/11/2026 đến ngày 30/11/2026.',
    );
  });

  /** One person's weekly or periodic report of a rule, judged at `when`. */
  function judgeReport(rule: string, staffId: string, periodId: string, when: string, submittedAt?: string) {
    const [due] = periodicObligations(sonLa, orgSnapshotOf(sonLa), calendar, { periodId, staffIds: [staffId] })
      .filter((i) => i.rule === rule)
      .map((i) => reportDueOf(i)!);
    return evaluatePeriodicReports(
      { due: [due!], submitted: new Map(submittedAt ? [[due!.key, { id: 'rep-1', firstSubmittedAt: at(submittedAt) }]] : []), timeZone: TZ },
      at(when),
    ).observations;
  }

  it('R1: a deputy director’s weekly report an hour late is "nộp chậm 1 giờ"', () => {
    const deputy = person('deputy-director');
    const observations = judgeReport('R1', deputy.id, '2026-W49', '2026-12-03T17:05:00+07:00', '2026-12-03T17:00:00+07:00');
    expect(read('R1', observations, '2026-12-03T17:05:00+07:00')).toBe(
      'Báo cáo tuần của Phó Giám đốc Sở về lĩnh vực phụ trách — Tuần 49/2026 (30/11–06/12): Lò Văn Thắng nộp chậm 1 giờ (lúc 03/12/2026 17:00; hạn 03/12/2026 16:00).',
    );
  });

  it('R2: a head’s monthly report not submitted', () => {
    const head = person('head', 'press');
    const observations = judgeReport('R2', head.id, '2026-11', '2026-12-02T17:05:00+07:00');
    expect(read('R2', observations, '2026-12-02T17:05:00+07:00')).toBe(
      'Báo cáo công tác định kỳ của Trưởng phòng, đơn vị — Tháng 11/2026: Trần Văn Long chưa nộp (hạn 02/12/2026 17:00).',
    );
  });

  it('R3: a specialist’s weekly report, the one the issue saw as "not submitted by 2026-12-03T10:00:00.000+07:00"', () => {
    const specialist = person('specialist', 'press');
    const observations = judgeReport('R3', specialist.id, '2026-W49', '2026-12-03T10:05:00+07:00');
    expect(read('R3', observations, '2026-12-03T10:05:00+07:00')).toBe(
      'Báo cáo định kỳ của Phó Trưởng phòng, công chức, người lao động với Trưởng phòng — Tuần 49/2026 (30/11–06/12): Lê Thị Ngọc Ánh chưa nộp (hạn 03/12/2026 10:00).',
    );
  });

  it('R6: the chief inspector’s quarterly report 45 minutes late', () => {
    const chief = person('chief-inspector');
    const observations = judgeReport('R6', chief.id, '2026-Q3', '2026-10-05T17:50:00+07:00', '2026-10-02T17:45:00+07:00');
    expect(read('R6', observations, '2026-10-05T17:50:00+07:00')).toBe(
      'Báo cáo công tác thanh tra, giải quyết khiếu nại, tố cáo, phòng chống tham nhũng — Quý III/2026: Nguyễn Thị Thanh Hà nộp chậm 45 phút (lúc 02/10/2026 17:45; hạn 02/10/2026 17:00).',
    );
  });

  it('D1: an incoming document not distributed by the start of the next working day', () => {
    const distributor = sonLa.documents.distribution!.distributorId!;
    const dueAt = resolveDeadline(sonLa.documents.distribution!.deadline, { eventDate: '2026-04-24' }, calendar, TZ);
    const { observations } = evaluateDistribution(
      {
        subject: { staffId: distributor, unitId: 'board' },
        documents: [{ id: 'doc-1', number: '12/UBND', title: 'V/v chuyển đổi số', confidentiality: 'normal', receivedAt: at('2026-04-24T15:00:00+07:00'), dueAt }],
        timeZone: TZ,
      },
      at('2026-04-28T09:05:00+07:00'),
    );
    expect(read('D1', observations, '2026-04-28T09:05:00+07:00')).toBe(
      'Văn bản đến “V/v chuyển đổi số” (số 12/UBND), nhận lúc 24/04/2026 15:00: Phạm Minh Tuấn chưa phân bổ (hạn 28/04/2026 09:00).',
    );
  });
});

describe('findings recorded before the texts were rendered', () => {
  it('an old record renders from its stored facts; one whose facts are unknown keeps its stored sentence', () => {
    const base = { rule: 'R3', key: 'k', period: '2026-W49', subjectId: person('specialist', 'press').id, unitId: 'press', detail: 'stored sentence' };
    const facts = { obligationId: 'r3-staff-report', title: { vi: 'Báo cáo tuần', en: 'Weekly report' }, period: '2026-W49', dueAt: '2026-12-03T10:00:00.000+07:00', submitted: false };
    expect(findingText({ ...base, facts }, 'vi', names)).toBe('Báo cáo tuần — Tuần 49/2026 (30/11–06/12): Lê Thị Ngọc Ánh chưa nộp (hạn 03/12/2026 10:00).');
    expect(findingText({ ...base, rule: 'Z9', facts }, 'vi', names)).toBe('stored sentence');
    expect(findingText({ ...base, facts: {} }, 'vi', names)).toBe('stored sentence');
  });
});
