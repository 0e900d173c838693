/**
 * The per-person figures of a period for the annual evaluation (E1, Điều 24): one row per person
 * the caller may see, Vietnamese headers, and a notes sheet saying where the figures come from.
 */
import type { SheetData } from '../adapters/spreadsheet-writer.js';
import type { LocalizedText } from '../domain/organisation.js';
import type { DashboardView, PersonEntry } from './dashboard-service.js';

const COLUMNS: readonly [header: string, value: (p: PersonEntry, names: Names) => string | number | null][] = [
  ['Mã cán bộ', (p) => p.staffId],
  ['Họ và tên', (p) => p.name],
  ['Đơn vị', (p, n) => n.units[p.unitId]?.vi ?? p.unitId],
  ['Chức vụ', (p, n) => p.roles.map((r) => n.roles[r]?.vi ?? r).join(', ')],
  ['Nhiệm vụ được giao', (p) => p.figures.assignments.assigned],
  ['Đang thực hiện trong hạn', (p) => p.figures.assignments.withinDeadline],
  ['Sắp đến hạn', (p) => p.figures.assignments.dueSoon],
  ['Quá hạn', (p) => p.figures.assignments.overdue],
  ['Hoàn thành đúng hạn', (p) => p.figures.assignments.completedOnTime],
  ['Hoàn thành đúng hạn sau gia hạn', (p) => p.figures.assignments.completedAfterExtension],
  ['Hoàn thành trễ hạn', (p) => p.figures.assignments.completedLate],
  ['Đã hủy', (p) => p.figures.assignments.cancelled],
  ['Tỷ lệ đúng hạn (%)', (p) => (p.figures.assignments.onTimeRate === null ? null : Math.round(p.figures.assignments.onTimeRate * 1000) / 10)],
  ['Báo cáo phải nộp', (p) => p.figures.reports.due],
  ['Báo cáo nộp đúng hạn', (p) => p.figures.reports.onTime],
  ['Báo cáo nộp trễ hạn', (p) => p.figures.reports.late],
  ['Báo cáo quá hạn chưa nộp', (p) => p.figures.reports.missing],
  ['Báo cáo chưa đến hạn', (p) => p.figures.reports.pending],
  ['Cuộc họp chủ trì', (p) => p.figures.meetings.held],
  ['Kết luận ban hành đúng hạn', (p) => p.figures.meetings.conclusionsOnTime],
  ['Kết luận ban hành trễ hạn', (p) => p.figures.meetings.conclusionsLate],
  ['Vi phạm phát hiện', (p) => p.figures.findings.detected],
  ['Vi phạm chưa khắc phục', (p) => p.figures.findings.open],
  ['Vi phạm đã xử lý', (p) => p.figures.findings.resolved],
];

export const EVALUATION_HEADERS = COLUMNS.map(([h]) => h);

interface Names {
  readonly units: Record<string, LocalizedText>;
  readonly roles: Record<string, LocalizedText>;
}

export function evaluationSheets(view: DashboardView, names: Names): SheetData[] {
  const rate = EVALUATION_HEADERS.indexOf('Tỷ lệ đúng hạn (%)');
  return [
    {
      name: `Đánh giá ${view.period.id}`,
      headers: EVALUATION_HEADERS,
      rows: view.people.map((p) => COLUMNS.map(([, value]) => value(p, names))),
      numberFormats: { [rate]: '0.0' },
    },
    {
      name: 'Ghi chú',
      headers: ['Mục', 'Nội dung'],
      rows: [
        ['Cơ quan', view.organisation.name.vi],
        ['Kỳ', `${view.period.id} (${view.period.start} – ${view.period.end})`],
        ['Số liệu tính đến', view.asOf],
        ['Căn cứ', 'Điều 24 Quy chế làm việc: kết quả thực hiện quy chế là căn cứ đánh giá, bình xét thi đua, khen thưởng hằng năm.'],
        ['Nhiệm vụ', 'Tính theo kỳ của hạn ban đầu; tình trạng quá hạn, sắp đến hạn tính tại thời điểm xuất.'],
        ['Tỷ lệ đúng hạn', '(Đúng hạn + đúng hạn sau gia hạn) / (tổng số đã hoàn thành + quá hạn).'],
        ['Báo cáo', 'Các báo cáo, kế hoạch có hạn nộp trong kỳ theo quy chế.'],
        ['Truy xuất', 'Mỗi số liệu có danh sách hồ sơ tương ứng trên trang theo dõi (/dashboard).'],
      ],
    },
  ];
}
