import sonLaJson from '../../shared/rulebook/organisations/so-tttt-son-la.json' with { type: 'json' };
import type { RulebookInput } from '../../shared/rulebook/schema.js';

/** A two-unit department of another province, with thresholds of its own: proves no Sơn La constant hides in the code. */
export const laiChau: RulebookInput = {
  version: 3,
  organisation: {
    id: 'so-tu-phap-lai-chau',
    name: { vi: 'Sở Tư pháp tỉnh Lai Châu', en: 'Department of Justice of Lai Châu province' },
    shortName: { vi: 'Sở Tư pháp Lai Châu', en: 'Lai Châu DOJ' },
    province: { id: 'lai-chau', name: { vi: 'Tỉnh Lai Châu', en: 'Lai Châu province' } },
    timeZone: 'Asia/Ho_Chi_Minh',
  },
  regulation: {
    title: { vi: 'Quy chế làm việc của Sở Tư pháp', en: 'Working regulation of the Department of Justice' },
    issuedOn: '2024-01-05',
    reference: '01/QĐ-STP',
    source: 'regulation/quy-che-so-tu-phap-lai-chau.md',
  },
  effectiveFrom: '2024-02-01',
  roles: sonLaJson.roles as RulebookInput['roles'],
  units: [
    { id: 'board', name: { vi: 'Ban Giám đốc', en: 'Board' }, kind: 'board', overseenBy: null, article: 'Điều 3' },
    { id: 'office', name: { vi: 'Văn phòng', en: 'Office' }, kind: 'office', overseenBy: 'lo-thi-mai', article: 'Điều 5' },
  ],
  staff: [
    { id: 'giang-a-sinh', name: 'Giàng A Sính', unitId: 'board', roles: ['director'] },
    { id: 'lo-thi-mai', name: 'Lò Thị Mai', unitId: 'board', roles: ['deputy-director'] },
    { id: 'tran-quoc-viet', name: 'Trần Quốc Việt', unitId: 'office', roles: ['chief-of-office'] },
    { id: 'vang-thi-chu', name: 'Vàng Thị Chu', unitId: 'office', roles: ['accountant', 'treasurer'], email: 'chu@example.vn' },
  ],
  fields: [{ id: 'legal-aid', name: { vi: 'Trợ giúp pháp lý', en: 'Legal aid' } }],
  districts: [{ id: 'tam-duong', name: { vi: 'Huyện Tam Đường', en: 'Tam Đường district' } }],
  leaders: [
    { staffId: 'giang-a-sinh', article: 'Điều 3', fields: [], districts: ['tam-duong'], accountHolder: 'main' },
    { staffId: 'lo-thi-mai', article: 'Điều 4', fields: ['legal-aid'], districts: [] },
  ],
  calendar: { workingWeekendDays: [{ date: '2026-01-03', name: { vi: 'Làm bù', en: 'Make-up day' }, replaces: '2026-01-02' }] },
  reportObligations: [
    {
      id: 'office-monthly-report',
      rule: 'R2',
      article: 'Điều 12',
      title: { vi: 'Báo cáo tháng', en: 'Monthly report' },
      from: { roles: ['chief-of-office'] },
      to: 'director',
      cadences: { month: { deadline: { kind: 'day-of-month', day: 20, time: '17:00' }, dataCutOff: { kind: 'day-of-month', day: 14 } } },
    },
  ],
  meetingObligations: [
    {
      id: 'monday-briefing',
      rule: 'M1',
      article: 'Điều 9',
      kind: 'weekly-briefing',
      title: { vi: 'Giao ban đầu tuần', en: 'Monday briefing' },
      chairRoles: ['director'],
      scope: 'department',
      schedule: { kind: 'weekly', weekday: 1, nonWorkingDay: 'next-working-day' },
      conclusionWorkingDays: 1,
    },
  ],
  finance: {
    payroll: { rule: 'F2', article: 'Điều 15', from: { roles: ['accountant'] }, deadline: { kind: 'day-of-month', day: 10, time: '17:00' }, reminderWorkingDaysBefore: 2 },
    settlement: { rule: 'F3', article: 'Điều 15', from: { roles: ['accountant'] }, days: 15, dayCounting: 'working' },
  },
  documents: {},
  leave: {
    approval: { rule: 'L1', article: 'Điều 18', thresholds: [{ upToDays: 2, approver: 'head-of-unit' }, { upToDays: null, approver: 'director' }], leaderRoles: ['deputy-director', 'chief-of-office'], leadersApprovedBy: 'director' },
    notice: { rule: 'L2', article: 'Điều 18', noticeDays: 5, dayCounting: 'working' },
  },
  settings: { dueSoonWorkingDays: 5, overdueEscalation: [{ afterDaysOverdue: 2, level: 'reminder', name: { vi: 'nhắc nhở', en: 'reminder' } }] },
};
