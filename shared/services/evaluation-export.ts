/**
 * The per-person figures of a period for the annual evaluation (E1, Điều 24): one row per person
 * the caller may see, Vietnamese headers, and a notes sheet saying where the figures come from.
 */
import type { SheetData } from '../adapters/spreadsheet-writer.js';
import { instant, periodName, type Lang } from '../domain/format.js';
import type { LocalizedText } from '../domain/organisation.js';
import { roleTitle } from '../rulebook/roles.js';
import type { DashboardView, PersonEntry } from './dashboard-service.js';

const COLUMNS: readonly [header: LocalizedText, value: (p: PersonEntry, names: Names, lang: Lang) => string | number | null][] = [
  [{ vi: 'Mã cán bộ', en: 'Staff id' }, (p) => p.staffId],
  [{ vi: 'Họ và tên', en: 'Name' }, (p) => p.name],
  [{ vi: 'Đơn vị', en: 'Unit' }, (p, n, l) => n.units[p.unitId]?.[l] ?? p.unitId],
  [{ vi: 'Chức vụ', en: 'Title' }, (p, n, l) => p.roles.map((r) => roleTitle(n, r, n.unitKinds[p.unitId])?.[l] ?? r).join(', ')],
  [{ vi: 'Nhiệm vụ được giao', en: 'Assigned' }, (p) => p.figures.assignments.assigned],
  [{ vi: 'Đang thực hiện trong hạn', en: 'Within deadline' }, (p) => p.figures.assignments.withinDeadline],
  [{ vi: 'Sắp đến hạn', en: 'Due soon' }, (p) => p.figures.assignments.dueSoon],
  [{ vi: 'Quá hạn', en: 'Overdue' }, (p) => p.figures.assignments.overdue],
  [{ vi: 'Hoàn thành đúng hạn', en: 'Completed on time' }, (p) => p.figures.assignments.completedOnTime],
  [{ vi: 'Hoàn thành đúng hạn sau gia hạn', en: 'On time after extension' }, (p) => p.figures.assignments.completedAfterExtension],
  [{ vi: 'Hoàn thành trễ hạn', en: 'Completed late' }, (p) => p.figures.assignments.completedLate],
  [{ vi: 'Đã hủy', en: 'Cancelled' }, (p) => p.figures.assignments.cancelled],
  [{ vi: 'Tỷ lệ đúng hạn (%)', en: 'On-time rate (%)' }, (p) => (p.figures.assignments.onTimeRate === null ? null : Math.round(p.figures.assignments.onTimeRate * 1000) / 10)],
  [{ vi: 'Báo cáo phải nộp', en: 'Reports due' }, (p) => p.figures.reports.due],
  [{ vi: 'Báo cáo nộp đúng hạn', en: 'Reports on time' }, (p) => p.figures.reports.onTime],
  [{ vi: 'Báo cáo nộp trễ hạn', en: 'Reports late' }, (p) => p.figures.reports.late],
  [{ vi: 'Báo cáo quá hạn chưa nộp', en: 'Reports missing' }, (p) => p.figures.reports.missing],
  [{ vi: 'Báo cáo chưa đến hạn', en: 'Reports not yet due' }, (p) => p.figures.reports.pending],
  [{ vi: 'Cuộc họp chủ trì', en: 'Meetings chaired' }, (p) => p.figures.meetings.held],
  [{ vi: 'Kết luận ban hành đúng hạn', en: 'Conclusions on time' }, (p) => p.figures.meetings.conclusionsOnTime],
  [{ vi: 'Kết luận ban hành trễ hạn', en: 'Conclusions late' }, (p) => p.figures.meetings.conclusionsLate],
  [{ vi: 'Kết quả kiểm tra phát hiện', en: 'Findings detected' }, (p) => p.figures.findings.detected],
  [{ vi: 'Kết quả kiểm tra chưa khắc phục', en: 'Findings open' }, (p) => p.figures.findings.open],
  [{ vi: 'Kết quả kiểm tra đã xử lý', en: 'Findings resolved' }, (p) => p.figures.findings.resolved],
];

/** The Vietnamese headers, as the evaluation file has them by default. */
export const EVALUATION_HEADERS = COLUMNS.map(([h]) => h.vi);
export const EVALUATION_HEADERS_EN = COLUMNS.map(([h]) => h.en);

interface Names {
  readonly units: Record<string, LocalizedText>;
  readonly roles: Record<string, LocalizedText>;
  readonly unitKinds: Record<string, string>;
  readonly unitTitles: Partial<Record<string, { head: LocalizedText; deputy: LocalizedText }>>;
}

const NOTES: readonly [LocalizedText, LocalizedText][] = [
  [
    { vi: 'Căn cứ', en: 'Basis' },
    {
      vi: 'Điều 24 Quy chế làm việc: kết quả thực hiện quy chế là căn cứ đánh giá, bình xét thi đua, khen thưởng hằng năm.',
      en: 'Điều 24 of the working regulation: carrying out the regulation is the basis of the annual evaluation, emulation and rewards.',
    },
  ],
  [
    { vi: 'Nhiệm vụ', en: 'Assignments' },
    { vi: 'Tính theo kỳ của hạn ban đầu; tình trạng quá hạn, sắp đến hạn tính tại thời điểm xuất.', en: 'Counted in the period of their original due date; overdue and due soon as at the export.' },
  ],
  [
    { vi: 'Tỷ lệ đúng hạn', en: 'On-time rate' },
    { vi: '(Đúng hạn + đúng hạn sau gia hạn) / (tổng số đã hoàn thành + quá hạn).', en: '(On time + on time after extension) / (all completed + overdue).' },
  ],
  [
    { vi: 'Báo cáo', en: 'Reports' },
    { vi: 'Các báo cáo, kế hoạch có hạn nộp trong kỳ theo quy chế.', en: 'The reports and plans due in the period under the regulation.' },
  ],
  [
    { vi: 'Truy xuất', en: 'Tracing' },
    { vi: 'Mỗi số liệu có danh sách hồ sơ tương ứng trên trang theo dõi (/dashboard).', en: 'Each figure lists its records on the dashboard (/dashboard).' },
  ],
];

export function evaluationSheets(view: DashboardView, names: Names, lang: Lang = 'vi'): SheetData[] {
  const headers = lang === 'vi' ? EVALUATION_HEADERS : EVALUATION_HEADERS_EN;
  const rate = EVALUATION_HEADERS.indexOf('Tỷ lệ đúng hạn (%)');
  const vi = lang === 'vi';
  return [
    {
      // A sheet name has no '/' and at most 31 characters: the period's id, not its name.
      name: `${vi ? 'Đánh giá' : 'Evaluation'} ${view.period.id}`,
      headers,
      rows: view.people.map((p) => COLUMNS.map(([, value]) => value(p, names, lang))),
      numberFormats: { [rate]: '0.0' },
    },
    {
      name: vi ? 'Ghi chú' : 'Notes',
      headers: vi ? ['Mục', 'Nội dung'] : ['Item', 'Content'],
      rows: [
        [vi ? 'Cơ quan' : 'Organisation', view.organisation.name[lang]],
        [vi ? 'Kỳ' : 'Period', periodName(view.period, lang)],
        [vi ? 'Số liệu tính đến' : 'Figures as of', instant(view.asOf, lang)],
        ...NOTES.map(([k, v]) => [k[lang], v[lang]]),
      ],
    },
  ];
}
