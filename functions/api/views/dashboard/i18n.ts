/** The dashboard pages' words, Vietnamese first; names of units, people, roles and meetings come from the records and the rulebook. */
import type { FigureName } from '../../../../shared/domain/dashboard.js';
import type { Period } from '../../../../shared/domain/periods.js';

export type Lang = 'vi' | 'en';

/** Vietnamese unless English is asked for. */
export const langOf = (value: string | undefined): Lang => (value === 'en' ? 'en' : 'vi');

export const T = {
  vi: {
    skip: 'Bỏ qua, đến nội dung chính',
    siteNav: 'Điều hướng chính',
    overview: 'Tổng quan',
    myWork: 'Công việc của tôi',
    findings: 'Vi phạm quy chế',
    signOut: 'Đăng xuất',
    signedInAs: 'Đang đăng nhập',
    otherLang: 'English',
    dashboardTitle: 'Theo dõi trách nhiệm thực hiện quy chế',
    asOf: 'Số liệu tính đến',
    period: 'Kỳ',
    show: 'Xem',
    previous: 'Kỳ trước',
    next: 'Kỳ sau',
    summary: 'Tổng hợp',
    byUnit: 'Theo đơn vị',
    byPerson: 'Theo cán bộ',
    trend: 'Xu hướng 12 tháng: tỷ lệ hoàn thành nhiệm vụ đúng hạn',
    trendTable: 'Số liệu của biểu đồ',
    month: 'Tháng',
    unit: 'Đơn vị',
    person: 'Cán bộ',
    roles: 'Chức vụ',
    assignments: 'Nhiệm vụ',
    reports: 'Báo cáo, kế hoạch',
    meetings: 'Cuộc họp',
    findingsShort: 'Vi phạm',
    export: 'Xuất số liệu đánh giá cuối năm (Điều 24)',
    exportCsv: 'Tải CSV',
    exportXlsx: 'Tải Excel (XLSX)',
    records: 'hồ sơ',
    hidden: 'hồ sơ mật không hiển thị (được tính trong số liệu)',
    none: 'Không có hồ sơ nào.',
    more: 'Xem tiếp',
    back: 'Quay lại',
    department: 'Toàn Sở',
    legend: 'Chú giải',
    rate: 'Tỷ lệ đúng hạn',
    noRate: 'chưa có',
    history: 'Lịch sử xử lý',
    when: 'Thời gian',
    who: 'Người thực hiện',
    what: 'Nội dung',
    details: 'Chi tiết',
    onBehalfOf: 'thay mặt',
    title: 'Tên nhiệm vụ',
    assigner: 'Người giao',
    responsible: 'Người chịu trách nhiệm',
    coordinators: 'Phối hợp',
    originalDue: 'Hạn ban đầu',
    due: 'Hạn hiện tại',
    status: 'Tình trạng',
    progress: 'Tiến độ',
    source: 'Nguồn',
    confidentiality: 'Độ mật',
    completedAt: 'Hoàn thành lúc',
    obligation: 'Nghĩa vụ báo cáo',
    dueAt: 'Hạn nộp',
    submittedAt: 'Nộp lúc',
    rule: 'Quy định',
    article: 'Căn cứ',
    detail: 'Nội dung',
    subject: 'Đối tượng',
    detectedAt: 'Phát hiện lúc',
    resolvedAt: 'Xử lý lúc',
    heldOn: 'Ngày họp',
    chair: 'Chủ trì',
    kind: 'Loại',
    conclusions: 'Kết luận',
    byRule: 'Theo quy định',
    list: 'Danh sách',
    signInTitle: 'Đăng nhập',
    signInLocal: 'Chế độ chạy thử: chọn một cán bộ để đăng nhập (không dùng mật khẩu).',
    signInUnavailable: 'Chưa cấu hình đăng nhập cho môi trường này.',
    signInFailed: 'Đăng nhập không thành công',
    tryAgain: 'Đăng nhập lại',
    signedOut: 'Bạn đã đăng xuất.',
    signIn: 'Đăng nhập',
    notFound: 'Không tìm thấy, hoặc bạn không có quyền xem.',
    figureOf: 'Hồ sơ của số liệu',
    myWorkOf: 'Công việc của',
  },
  en: {
    skip: 'Skip to main content',
    siteNav: 'Main navigation',
    overview: 'Overview',
    myWork: 'My work',
    findings: 'Findings',
    signOut: 'Sign out',
    signedInAs: 'Signed in as',
    otherLang: 'Tiếng Việt',
    dashboardTitle: 'Accountability dashboard',
    asOf: 'Figures as of',
    period: 'Period',
    show: 'Show',
    previous: 'Previous period',
    next: 'Next period',
    summary: 'Summary',
    byUnit: 'By unit',
    byPerson: 'By person',
    trend: '12-month trend: assignments completed on time',
    trendTable: 'The chart’s figures',
    month: 'Month',
    unit: 'Unit',
    person: 'Person',
    roles: 'Roles',
    assignments: 'Assignments',
    reports: 'Reports and plans',
    meetings: 'Meetings',
    findingsShort: 'Findings',
    export: 'Export for the annual evaluation (Điều 24)',
    exportCsv: 'Download CSV',
    exportXlsx: 'Download Excel (XLSX)',
    records: 'records',
    hidden: 'confidential records not shown (counted in the figure)',
    none: 'No records.',
    more: 'More',
    back: 'Back',
    department: 'Whole department',
    legend: 'Legend',
    rate: 'On-time rate',
    noRate: 'n/a',
    history: 'History',
    when: 'When',
    who: 'By',
    what: 'What',
    details: 'Details',
    onBehalfOf: 'on behalf of',
    title: 'Title',
    assigner: 'Assigned by',
    responsible: 'Responsible',
    coordinators: 'Coordinating',
    originalDue: 'Original due date',
    due: 'Due date',
    status: 'Status',
    progress: 'Progress',
    source: 'Source',
    confidentiality: 'Confidentiality',
    completedAt: 'Completed at',
    obligation: 'Obligation',
    dueAt: 'Due',
    submittedAt: 'Submitted',
    rule: 'Rule',
    article: 'Article',
    detail: 'Detail',
    subject: 'Subject',
    detectedAt: 'Detected',
    resolvedAt: 'Resolved',
    heldOn: 'Held on',
    chair: 'Chair',
    kind: 'Kind',
    conclusions: 'Conclusions',
    byRule: 'By rule',
    list: 'List',
    signInTitle: 'Sign in',
    signInLocal: 'Local mode: choose a staff member to sign in as (no password).',
    signInUnavailable: 'Sign-in is not configured for this environment.',
    signInFailed: 'Sign-in failed',
    tryAgain: 'Sign in again',
    signedOut: 'You have signed out.',
    signIn: 'Sign in',
    notFound: 'Not found, or not yours to see.',
    figureOf: 'Records behind',
    myWorkOf: 'Work of',
  },
} as const;

export type Words = (typeof T)[Lang];

export const FIGURE_LABELS: Record<Lang, Record<FigureName, string>> = {
  vi: {
    'assignments.assigned': 'Được giao',
    'assignments.open': 'Đang thực hiện',
    'assignments.withinDeadline': 'Trong hạn',
    'assignments.dueSoon': 'Sắp đến hạn',
    'assignments.overdue': 'Quá hạn',
    'assignments.completedOnTime': 'Hoàn thành đúng hạn',
    'assignments.completedAfterExtension': 'Đúng hạn sau gia hạn',
    'assignments.completedLate': 'Hoàn thành trễ hạn',
    'assignments.cancelled': 'Đã hủy',
    'reports.due': 'Phải nộp',
    'reports.onTime': 'Nộp đúng hạn',
    'reports.late': 'Nộp trễ hạn',
    'reports.missing': 'Quá hạn chưa nộp',
    'reports.pending': 'Chưa đến hạn',
    'meetings.held': 'Đã họp',
    'meetings.withConclusions': 'Có kết luận',
    'meetings.conclusionsOnTime': 'Kết luận đúng hạn',
    'meetings.conclusionsLate': 'Kết luận trễ hạn',
    'findings.detected': 'Phát hiện',
    'findings.open': 'Chưa khắc phục',
    'findings.resolved': 'Đã xử lý',
  },
  en: {
    'assignments.assigned': 'Assigned',
    'assignments.open': 'Open',
    'assignments.withinDeadline': 'Within deadline',
    'assignments.dueSoon': 'Due soon',
    'assignments.overdue': 'Overdue',
    'assignments.completedOnTime': 'Completed on time',
    'assignments.completedAfterExtension': 'On time after extension',
    'assignments.completedLate': 'Completed late',
    'assignments.cancelled': 'Cancelled',
    'reports.due': 'Due',
    'reports.onTime': 'On time',
    'reports.late': 'Late',
    'reports.missing': 'Missing',
    'reports.pending': 'Not yet due',
    'meetings.held': 'Held',
    'meetings.withConclusions': 'With conclusions',
    'meetings.conclusionsOnTime': 'Conclusions on time',
    'meetings.conclusionsLate': 'Conclusions late',
    'findings.detected': 'Detected',
    'findings.open': 'Open',
    'findings.resolved': 'Resolved',
  },
};

export const TIMELINESS: Record<Lang, Record<string, string>> = {
  vi: {
    'within-deadline': 'Trong hạn',
    'due-soon': 'Sắp đến hạn',
    overdue: 'Quá hạn',
    'on-time': 'Đúng hạn',
    'on-time-after-extension': 'Đúng hạn (sau gia hạn)',
    late: 'Trễ hạn',
    cancelled: 'Đã hủy',
  },
  en: {
    'within-deadline': 'Within deadline',
    'due-soon': 'Due soon',
    overdue: 'Overdue',
    'on-time': 'On time',
    'on-time-after-extension': 'On time after extension',
    late: 'Late',
    cancelled: 'Cancelled',
  },
};

export const REPORT_STATUS: Record<Lang, Record<string, string>> = {
  vi: { submitted: 'Nộp đúng hạn', late: 'Nộp trễ hạn', missing: 'Quá hạn chưa nộp', pending: 'Chưa đến hạn' },
  en: { submitted: 'On time', late: 'Late', missing: 'Missing', pending: 'Not yet due' },
};

export const CONCLUSIONS: Record<Lang, Record<string, string>> = {
  vi: { none: 'Chưa ban hành', 'on-time': 'Ban hành đúng hạn', late: 'Ban hành trễ hạn' },
  en: { none: 'Not issued', 'on-time': 'Issued on time', late: 'Issued late' },
};

export const ACTIONS: Record<Lang, Record<string, string>> = {
  vi: {
    created: 'Giao nhiệm vụ',
    'progress-recorded': 'Cập nhật tiến độ',
    completed: 'Báo cáo hoàn thành',
    'returned-for-rework': 'Trả lại để làm lại',
    cancelled: 'Hủy nhiệm vụ',
    'extension-requested': 'Đề nghị gia hạn',
    'extension-approved': 'Đồng ý gia hạn',
    'extension-refused': 'Không đồng ý gia hạn',
    'handed-over': 'Bàn giao',
  },
  en: {
    created: 'Assigned',
    'progress-recorded': 'Progress recorded',
    completed: 'Completed',
    'returned-for-rework': 'Returned for rework',
    cancelled: 'Cancelled',
    'extension-requested': 'Extension requested',
    'extension-approved': 'Extension approved',
    'extension-refused': 'Extension refused',
    'handed-over': 'Handed over',
  },
};

export const STATUS: Record<Lang, Record<string, string>> = {
  vi: { assigned: 'Đã giao', 'in-progress': 'Đang thực hiện', completed: 'Hoàn thành', cancelled: 'Đã hủy' },
  en: { assigned: 'Assigned', 'in-progress': 'In progress', completed: 'Completed', cancelled: 'Cancelled' },
};

export const CONFIDENTIALITY: Record<Lang, Record<string, string>> = {
  vi: { normal: 'Thường', confidential: 'Mật', secret: 'Tối mật', 'top-secret': 'Tuyệt mật' },
  en: { normal: 'Normal', confidential: 'Confidential', secret: 'Secret', 'top-secret': 'Top secret' },
};

export const SOURCE: Record<Lang, Record<string, string>> = {
  vi: { document: 'Văn bản', meeting: 'Kết luận cuộc họp', plan: 'Kế hoạch', 'ad-hoc': 'Giao trực tiếp' },
  en: { document: 'Document', meeting: 'Meeting conclusion', plan: 'Plan', 'ad-hoc': 'Ad hoc' },
};

const VI_MONTHS = (m: number) => `Tháng ${m}`;
const EN_MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const ROMAN = ['I', 'II', 'III', 'IV'];

/** dd/mm/yyyy in Vietnamese, as official documents write it; ISO in English. */
export const day = (date: string, lang: Lang) => (lang === 'vi' ? date.slice(0, 10).split('-').reverse().join('/') : date.slice(0, 10));

/** A local timestamp (`2026-11-30T09:00:00.000+07:00`) as `30/11/2026 09:00`. */
export const instant = (iso: string, lang: Lang) => `${day(iso.slice(0, 10), lang)} ${iso.slice(11, 16)}`;

export function periodName(p: Period, lang: Lang): string {
  const year = p.id.slice(0, 4);
  switch (p.kind) {
    case 'week':
      return lang === 'vi'
        ? `Tuần ${Number(p.id.slice(6))}/${year} (${day(p.start, lang).slice(0, 5)} – ${day(p.end, lang)})`
        : `Week ${Number(p.id.slice(6))}, ${year} (${p.start} – ${p.end})`;
    case 'month': {
      const m = Number(p.id.slice(5, 7));
      return lang === 'vi' ? `${VI_MONTHS(m)}/${year}` : `${EN_MONTHS[m - 1]} ${year}`;
    }
    case 'quarter':
      return lang === 'vi' ? `Quý ${ROMAN[Number(p.id.slice(6)) - 1]}/${year}` : `Q${p.id.slice(6)} ${year}`;
    case 'half':
      return lang === 'vi' ? `6 tháng ${p.id.endsWith('1') ? 'đầu' : 'cuối'} năm ${year}` : `${p.id.endsWith('1') ? 'First' : 'Second'} half of ${year}`;
    case 'year':
      return lang === 'vi' ? `Năm ${year}` : year;
  }
}

/** A short month label for the trend axis: 11/26 or Nov 26. */
export const shortMonth = (monthId: string, lang: Lang) =>
  lang === 'vi' ? `${monthId.slice(5, 7)}/${monthId.slice(2, 4)}` : `${EN_MONTHS[Number(monthId.slice(5, 7)) - 1]!.slice(0, 3)} ${monthId.slice(2, 4)}`;

export const percent = (rate: number | null, lang: Lang) =>
  rate === null ? T[lang].noRate : `${(Math.round(rate * 1000) / 10).toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-GB')}%`;

/** A page link that keeps English when it was asked for. */
export function href(path: string, params: Record<string, string | undefined>, lang: Lang): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') q.set(k, v);
  if (lang === 'en') q.set('lang', 'en');
  const s = q.toString();
  return s ? `${path}?${s}` : path;
}
