/**
 * The year-end lists as files (issue #23; E1, Điều 24): the unit ratings as an XLSX workbook for
 * the department's year-end report, the emulation list as an XLSX workbook and an A4 PDF for the
 * emulation council. Vietnamese headers; English with `lang=en`. Pure: the writers
 * (spreadsheet-writer.ts, pdf-writer.ts) turn these into bytes.
 */
import type { SheetData } from '../adapters/spreadsheet-writer.js';
import type { PdfDocument, PdfTable } from '../adapters/pdf-writer.js';
import { instant, periodName, type Lang } from '../domain/format.js';
import type { LocalizedText } from '../domain/organisation.js';
import { parsePeriod } from '../domain/periods.js';
import type { EvaluationLevelId, EvaluationStepId } from '../rulebook/schema.js';
import type { EmulationView, HeadLevel, UnitRatingsView, YearHeader } from './evaluation-year.js';

type Words = Record<string, LocalizedText>;

/** The words of the lists, shared with the page. */
export const YEAR_WORDS = {
  no: { vi: 'STT', en: 'No.' },
  name: { vi: 'Họ và tên', en: 'Name' },
  title: { vi: 'Chức vụ', en: 'Title' },
  unit: { vi: 'Đơn vị', en: 'Unit' },
  yearLevel: { vi: 'Xếp loại năm', en: 'Yearly level' },
  published: { vi: 'Đã công bố', en: 'Published' },
  months: { vi: 'Xếp loại các tháng', en: 'Monthly levels' },
  councilNotes: { vi: 'Ghi chú của Hội đồng', en: 'Council’s notes' },
  stage: { vi: 'Bước hiện tại', en: 'Current step' },
  undecided: { vi: 'Chưa có quyết định xếp loại', en: 'No decision on the level yet' },
  assigned: { vi: 'Nhiệm vụ được giao', en: 'Assigned' },
  onTime: { vi: 'Hoàn thành đúng hạn', en: 'Completed on time' },
  afterExtension: { vi: 'Đúng hạn sau gia hạn', en: 'On time after extension' },
  late: { vi: 'Hoàn thành trễ hạn', en: 'Completed late' },
  overdue: { vi: 'Quá hạn', en: 'Overdue' },
  rate: { vi: 'Tỷ lệ đúng hạn (%)', en: 'On-time rate (%)' },
  reportsOnTime: { vi: 'Báo cáo đúng hạn', en: 'Reports on time' },
  reportsLate: { vi: 'Báo cáo trễ hạn', en: 'Reports late' },
  reportsMissing: { vi: 'Báo cáo chưa nộp', en: 'Reports missing' },
  head: { vi: 'Người đứng đầu', en: 'Head' },
  headLevel: { vi: 'Xếp loại năm của người đứng đầu', en: 'Head’s yearly level' },
  heading: { vi: 'DANH SÁCH ĐỀ NGHỊ DANH HIỆU THI ĐUA NĂM', en: 'LIST OF PEOPLE PROPOSED FOR EMULATION TITLES,' },
  unitsHeading: { vi: 'Kết quả thực hiện nhiệm vụ của các đơn vị', en: 'The units’ results' },
  minimum: { vi: 'Mức xếp loại năm tối thiểu', en: 'Minimum yearly level' },
  basis: { vi: 'Căn cứ', en: 'Basis' },
  titleWord: { vi: 'Danh hiệu', en: 'Title' },
  none: { vi: 'Chưa có', en: 'None yet' },
  nobody: { vi: 'Không có người đủ điều kiện đề nghị.', en: 'Nobody meets the title’s minimum level.' },
  nobodyUndecided: { vi: 'Tất cả đều đã có quyết định xếp loại.', en: 'Everyone has a decision.' },
  proposedBy: { vi: 'đề xuất', en: 'proposed' },
  notPublished: { vi: 'đã quyết định, chưa công bố', en: 'decided, not yet published' },
  asOf: { vi: 'Số liệu tính đến', en: 'Figures as of' },
  organisation: { vi: 'Cơ quan', en: 'Organisation' },
  period: { vi: 'Kỳ', en: 'Period' },
  item: { vi: 'Mục', en: 'Item' },
  content: { vi: 'Nội dung', en: 'Content' },
  notesSheet: { vi: 'Ghi chú', en: 'Notes' },
} as const satisfies Words;

export const STAGE_WORDS: Record<EvaluationStepId | 'none', LocalizedText> = {
  none: { vi: 'Chưa bắt đầu', en: 'Not started' },
  'self-assessment': { vi: 'Đã tự đánh giá', en: 'Self-assessed' },
  'head-comment': { vi: 'Đã có nhận xét của thủ trưởng', en: 'Head has commented' },
  'board-review': { vi: 'Ban Giám đốc đã xem xét', en: 'Reviewed by the board' },
  'director-decision': { vi: 'Đã quyết định, chưa công bố', en: 'Decided, not yet published' },
  publication: { vi: 'Đã công bố', en: 'Published' },
};

const PROPOSAL_STEP: Record<'self-assessment' | 'head-comment' | 'board-review', LocalizedText> = {
  'self-assessment': { vi: 'tự đánh giá', en: 'self-assessment' },
  'head-comment': { vi: 'thủ trưởng đề xuất', en: 'the head’s proposal' },
  'board-review': { vi: 'Ban Giám đốc đề xuất', en: 'the board’s proposal' },
};

const NOTES: readonly [LocalizedText, LocalizedText][] = [
  [
    { vi: 'Căn cứ', en: 'Basis' },
    {
      vi: 'Điều 24 Quy chế làm việc: thực hiện tốt quy chế là cơ sở để xếp loại đánh giá công chức, viên chức, người lao động và xét thi đua, khen thưởng hằng năm.',
      en: 'Điều 24 of the working regulation: carrying out the regulation is the basis of the annual rating, emulation and rewards.',
    },
  ],
  [
    { vi: 'Đề nghị', en: 'Proposal' },
    {
      vi: 'Danh sách gồm những người có quyết định xếp loại năm đạt mức tối thiểu của danh hiệu; Hội đồng Thi đua – Khen thưởng xem xét, quyết định.',
      en: 'The list holds those whose decided yearly level meets the title’s minimum; the emulation council considers and decides.',
    },
  ],
];

const levelName = (h: YearHeader, id: EvaluationLevelId, lang: Lang) => h.levels.find((l) => l.id === id)?.name[lang] ?? id;
const monthName = (id: string, lang: Lang) => {
  const p = parsePeriod(id);
  return p ? periodName(p, lang) : id;
};

// Written as a string so that the bundle stays ASCII (shared/domain/text.ts says why).
const PROVINCE_PREFIX = new RegExp('^(Tỉnh|Thành phố)\\s+', 'i');

/** 'Sơn La, ngày 04 tháng 12 năm 2026' (English: 'Sơn La, 4 December 2026'). */
export function placeAndDate(province: LocalizedText, asOf: string, lang: Lang): string {
  const place = province.vi.replace(PROVINCE_PREFIX, '');
  const [y, m, d] = [asOf.slice(0, 4), asOf.slice(5, 7), asOf.slice(8, 10)];
  if (lang === 'vi') return `${place}, ngày ${d} tháng ${m} năm ${y}`;
  const month = new Date(Date.UTC(Number(y), Number(m) - 1, 1)).toLocaleString('en-GB', { month: 'long', timeZone: 'UTC' });
  return `${place}, ${Number(d)} ${month} ${y}`;
}

export function headLevelText(h: YearHeader, level: HeadLevel | null, lang: Lang): string {
  const w = YEAR_WORDS;
  if (!level) return w.none[lang];
  const name = levelName(h, level.level, lang);
  if (level.status !== 'proposed') return level.status === 'published' ? name : `${name} (${w.notPublished[lang]})`;
  return `${name} (${w.proposedBy[lang]}: ${PROPOSAL_STEP[level.step][lang]})`;
}

export const monthsText = (h: YearHeader, months: readonly { period: string; level: EvaluationLevelId }[], lang: Lang) =>
  months.map((m) => `${monthName(m.period, lang)}: ${levelName(h, m.level, lang)}`).join('; ');

const rate = (r: number | null) => (r === null ? null : Math.round(r * 1000) / 10);

function notesSheet(h: YearHeader, lang: Lang, extra: (readonly [string, string])[]): SheetData {
  const w = YEAR_WORDS;
  return {
    name: w.notesSheet[lang],
    headers: [w.item[lang], w.content[lang]],
    rows: [
      [w.organisation[lang], h.organisation.name[lang]],
      [w.period[lang], periodName(parsePeriod(h.year)!, lang)],
      [w.asOf[lang], instant(h.asOf, lang)],
      ...NOTES.map(([k, v]) => [k[lang], v[lang]] as const),
      ...extra,
    ],
  };
}

/** The unit ratings' columns, in order (the sheet's and the page's). */
export const UNIT_COLUMNS = ['unit', 'assigned', 'onTime', 'afterExtension', 'late', 'overdue', 'rate', 'reportsOnTime', 'reportsLate', 'reportsMissing', 'head', 'headLevel'] as const;

export function unitRatingSheets(view: UnitRatingsView, lang: Lang = 'vi'): SheetData[] {
  const w = YEAR_WORDS;
  return [
    {
      name: `${lang === 'vi' ? 'Đơn vị' : 'Units'} ${view.year}`,
      headers: UNIT_COLUMNS.map((c) => w[c][lang]),
      rows: view.units.map((u) => [
        u.name[lang],
        u.assignments.assigned,
        u.assignments.completedOnTime,
        u.assignments.completedAfterExtension,
        u.assignments.completedLate,
        u.assignments.overdue,
        rate(u.assignments.onTimeRate),
        u.reports.onTime,
        u.reports.late,
        u.reports.missing,
        u.head ? `${u.head.name} (${u.head.title[lang]})` : '',
        u.head ? headLevelText(view, u.head.level, lang) : '',
      ]),
      numberFormats: { [UNIT_COLUMNS.indexOf('rate')]: '0.0' },
    },
    notesSheet(view, lang, [
      [
        w.onTime[lang],
        lang === 'vi'
          ? 'Đếm như trang theo dõi (/dashboard): nhiệm vụ theo kỳ của hạn ban đầu; tỷ lệ đúng hạn = (đúng hạn + đúng hạn sau gia hạn) / (tổng số đã hoàn thành + quá hạn).'
          : 'Counted as the dashboard counts (/dashboard): assignments in the period of their original due date; on-time rate = (on time + on time after extension) / (all completed + overdue).',
      ],
      [
        w.headLevel[lang],
        lang === 'vi'
          ? 'Mức đã quyết định (và đã công bố hay chưa); nếu chưa có quyết định, mức đề xuất gần nhất và bước đề xuất.'
          : 'The level decided (published or not); without a decision, the latest proposal and its step.',
      ],
    ]),
  ];
}

/** The emulation list's sheet columns: one sheet per title, then the undecided, then the notes. */
export function emulationSheets(view: EmulationView, lang: Lang = 'vi'): SheetData[] {
  const w = YEAR_WORDS;
  const person = [w.no, w.name, w.title, w.unit].map((x) => x[lang]);
  // A sheet name has at most 31 characters and none of : \ / ? * [ ].
  const sheetName = (s: string) => s.replace(/[:\\/?*[\]]/g, ' ').slice(0, 31);
  return [
    ...view.titles.map((t) => ({
      name: sheetName(t.name[lang]),
      headers: [...person, w.yearLevel[lang], w.published[lang], w.months[lang], w.councilNotes[lang]],
      rows: t.people.map((p, i) => [i + 1, p.name, p.title[lang], p.unit[lang], levelName(view, p.level, lang), p.published ? (lang === 'vi' ? 'Có' : 'Yes') : lang === 'vi' ? 'Chưa' : 'No', monthsText(view, p.months, lang), '']),
    })),
    {
      name: sheetName(w.undecided[lang]),
      headers: [...person, w.stage[lang]],
      rows: view.undecided.map((p, i) => [i + 1, p.name, p.title[lang], p.unit[lang], STAGE_WORDS[p.stage][lang]]),
    },
    notesSheet(
      view,
      lang,
      view.titles.map((t) => [`${w.titleWord[lang]} "${t.name[lang]}"`, titleNote(view, t, lang)] as const),
    ),
  ];
}

/**
 * A title's minimum and what it asks, in the reader's language: the rulebook's `requirement`; in
 * English, the `basis` where none is written (it is the rulebook's note, written in English).
 */
export function titleNote(view: YearHeader, t: EmulationView['titles'][number], lang: Lang): string {
  const w = YEAR_WORDS;
  const asks = t.requirement?.[lang] ?? (lang === 'en' ? t.basis : undefined);
  return `${w.minimum[lang]}: ${levelName(view, t.minimumLevel, lang)}.${asks ? ` ${w.basis[lang]}: ${asks}` : ''}`;
}

/** The emulation list for the council, as an A4 document. */
export function emulationPdf(view: EmulationView, lang: Lang = 'vi'): PdfDocument {
  const w = YEAR_WORDS;
  const headers = [w.no, w.name, w.title, w.unit, w.yearLevel, w.months, w.councilNotes].map((x) => x[lang]);
  const tables: PdfTable[] = view.titles.map((t, i) => ({
    caption: `${i + 1}. ${w.titleWord[lang]} “${t.name[lang]}”`,
    note: titleNote(view, t, lang),
    headers,
    widths: [4, 15, 13, 15, 13, 26, 14],
    rows: t.people.map((p, n) => [String(n + 1), p.name, p.title[lang], p.unit[lang], `${levelName(view, p.level, lang)}${p.published ? '' : ` (${w.notPublished[lang]})`}`, monthsText(view, p.months, lang), '']),
    empty: w.nobody[lang],
  }));
  tables.push({
    caption: `${view.titles.length + 1}. ${w.undecided[lang]}`,
    headers: [w.no, w.name, w.title, w.unit, w.stage].map((x) => x[lang]),
    widths: [4, 22, 22, 26, 26],
    rows: view.undecided.map((p, n) => [String(n + 1), p.name, p.title[lang], p.unit[lang], STAGE_WORDS[p.stage][lang]]),
    empty: w.nobodyUndecided[lang],
  });
  const vi = lang === 'vi';
  return {
    info: { title: `${w.heading[lang]} ${view.year}`, author: view.organisation.name[lang] },
    issuer: [vi ? `UBND ${view.organisation.province.vi.toUpperCase()}` : view.organisation.province.en.toUpperCase(), view.organisation.name[lang].toUpperCase()],
    motto: vi ? ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc'] : ['SOCIALIST REPUBLIC OF VIETNAM', 'Independence - Freedom - Happiness'],
    placeAndDate: placeAndDate(view.organisation.province, view.asOf, lang),
    heading: `${w.heading[lang]} ${view.year}`,
    subheading: vi
      ? `(Đề nghị theo kết quả xếp loại năm ${view.year}; Hội đồng Thi đua – Khen thưởng xem xét, quyết định)`
      : `(Proposed from the levels decided for ${view.year}; the emulation council decides)`,
    tables,
    notes: NOTES.map(([k, v]) => `${k[lang]}: ${v[lang]}`),
    pageLabel: vi ? 'Trang {page}/{pages}' : 'Page {page} of {pages}',
  };
}
