// Long file: one switch with a case for each of the rules (about thirty ids) rendering a finding in vi and en; split, the shared phrasings (dates, periods, names) would drift apart.
/**
 * A finding's sentence, rendered when it is read, in the reader's language, from the facts the
 * rule stored (who, what, which period, which deadline): never a sentence fixed at detection.
 * The wording fits the weight: a report an hour late was "nộp chậm 1 giờ", an overdue
 * assignment's first step is a "Nhắc nhở"; nothing here calls a lateness a "vi phạm".
 * A record whose facts this does not know (an older or unknown rule) falls back to the English
 * sentence stored with it. Pure.
 */
import { evaluationStepText } from './compliance/evaluation-steps.js';
import type { Finding } from './finding.js';
import { day, instant, lateness, periodLabel, type Lang } from './format.js';
import type { LocalizedText } from './organisation.js';

export type FindingTextInput = Pick<Finding, 'rule' | 'key' | 'facts' | 'period' | 'subjectId' | 'unitId' | 'escalation' | 'detail'>;

/** Names the sentence needs: people and units from the records, report titles from the rulebook. */
export interface FindingTextNames {
  person(id: string): string | undefined;
  unit(id: string): LocalizedText | undefined;
  /** The finance reports' titles (F1, F5) by rule id. */
  reportTitle?(rule: string): LocalizedText | undefined;
  /** The rulebook's fields (lĩnh vực) by id (D4: the field outside a deputy's portfolio). */
  field?(id: string): LocalizedText | undefined;
}

const SIGNATURE_LINES: Record<string, string> = {
  director: 'GIÁM ĐỐC',
  kt: 'KT. GIÁM ĐỐC – PHÓ GIÁM ĐỐC',
  tl: 'TL. GIÁM ĐỐC – CHÁNH VĂN PHÒNG',
  'unit-head': 'TRƯỞNG PHÒNG',
};

const OUTGOING_KINDS: Record<string, LocalizedText> = {
  'official-letter': { vi: 'công văn', en: 'official letters' },
  decision: { vi: 'quyết định', en: 'decisions' },
  report: { vi: 'báo cáo', en: 'reports' },
  plan: { vi: 'kế hoạch', en: 'plans' },
  submission: { vi: 'tờ trình', en: 'submissions' },
  invitation: { vi: 'giấy mời', en: 'invitations' },
  notice: { vi: 'thông báo', en: 'notices' },
};

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const text = (v: unknown): LocalizedText | undefined =>
  typeof v === 'object' && v !== null && typeof (v as LocalizedText).vi === 'string' && typeof (v as LocalizedText).en === 'string' ? (v as LocalizedText) : undefined;
const capitalise = (s: string) => s.charAt(0).toLocaleUpperCase('vi') + s.slice(1);

const CONFIDENTIAL: Record<string, LocalizedText> = {
  confidential: { vi: 'mật', en: 'confidential' },
  secret: { vi: 'tối mật', en: 'secret' },
  'top-secret': { vi: 'tuyệt mật', en: 'top-secret' },
};

const FINANCE_TITLES: Record<string, LocalizedText> = {
  F1: { vi: 'Báo cáo thu, chi hằng tháng', en: 'Monthly income and expense report' },
  F5: { vi: 'Báo cáo quỹ tiền mặt hằng tháng', en: 'Monthly cash fund report' },
};

/** The finding's sentence in `lang`. */
export function findingText(f: FindingTextInput, lang: Lang, names: FindingTextNames): string {
  return render(f, lang, names) ?? f.detail;
}

function render(f: FindingTextInput, lang: Lang, names: FindingTextNames): string | undefined {
  const vi = lang === 'vi';
  const facts = f.facts ?? {};
  const who = names.person(f.subjectId) ?? (vi ? 'Người chịu trách nhiệm' : 'The person responsible');
  const at = (v: unknown) => (str(v) ? instant(str(v)!, lang) : undefined);
  const date = (v: unknown) => (str(v) ? day(str(v)!, lang) : undefined);
  const period = periodLabel(f.period, lang);
  /** `nộp chậm 1 giờ (lúc …; hạn …)`: how late, when, and the deadline. */
  const late = (verbVi: string, verbEn: string, due: string, done: string) => {
    const by = lateness(due, done, lang);
    return vi
      ? `${verbVi} chậm${by ? ` ${by}` : ''} (lúc ${instant(done, lang)}; hạn ${instant(due, lang)})`
      : `${verbEn}${by ? ` ${by}` : ''} late (at ${instant(done, lang)}; due ${instant(due, lang)})`;
  };

  // P2 (Điều 10.1): a plan revision awaiting the approver's decision past the rulebook's deadline.
  if (f.rule === 'P2' && facts.stage === 'approval') {
    const title = text(facts.title);
    const due = str(facts.dueAt);
    const submittedAt = str(facts.submittedAt);
    const revision = num(facts.revision);
    if (!title || !due || !submittedAt || revision === undefined) return undefined;
    const unit = str(facts.planUnitId) ? names.unit(str(facts.planUnitId)!)?.[lang] : undefined;
    const decidedAt = str(facts.decidedAt);
    const approved = facts.decision === 'approved';
    const what = decidedAt
      ? late(approved ? 'phê duyệt' : 'trả lại', approved ? 'approved it' : 'returned it', due, decidedAt)
      : vi
        ? `chưa phê duyệt hoặc trả lại (hạn ${at(due)})`
        : `has neither approved nor returned it (due ${at(due)})`;
    return vi
      ? `${title.vi} — ${period}${unit ? ` của ${unit}` : ''} (bản ${revision}, nộp lúc ${at(submittedAt)}): ${who} ${what}.`
      : `${title.en} — ${period}${unit ? `, ${unit}` : ''} (revision ${revision}, submitted at ${at(submittedAt)}): ${who} ${what}.`;
  }

  switch (f.rule) {
    case 'R5': {
      const title = text(facts.title);
      const due = str(facts.dueAt);
      const mission = str(facts.missionTitle);
      const from = date(facts.missionFrom);
      const endedOn = date(facts.missionEndedOn);
      if (!title || !due || !mission || !endedOn) return undefined;
      const submitted = str(facts.submittedAt);
      const dates = from && from !== endedOn ? `${from} – ${endedOn}` : endedOn;
      const what = submitted ? late('nộp', 'submitted it', due, submitted) : vi ? `chưa nộp (hạn ${at(due)})` : `has not submitted it (due ${at(due)})`;
      return vi ? `${title.vi} — “${mission}” (${dates}): ${who} ${what}.` : `${title.en} — “${mission}” (${dates}): ${who} ${what}.`;
    }
    case 'F1':
    case 'F5':
    case 'P2':
    case 'P3':
    case 'R1':
    case 'R2':
    case 'R3':
    case 'R4':
    case 'R6':
    case 'F4':
    case 'P4': {
      const title = text(facts.title) ?? names.reportTitle?.(f.rule) ?? FINANCE_TITLES[f.rule];
      const due = str(facts.dueAt);
      if (!title || !due) return undefined;
      const submitted = str(facts.submittedAt);
      const earliest = str(facts.earliestAt);
      // F1, F5 "vào ngày cuối tháng": filed before the day is the other way to fail.
      if (facts.failure === 'too-early' && submitted && earliest) {
        return vi
          ? `${title.vi} — ${period}: ${who} nộp sớm (lúc ${at(submitted)}); báo cáo nộp vào ngày cuối tháng, từ ${at(earliest)} đến ${at(due)}.`
          : `${title.en} — ${period}: ${who} submitted it too early (at ${at(submitted)}); it is given on the month's last day, from ${at(earliest)} to ${at(due)}.`;
      }
      const what = submitted
        ? late('nộp', 'submitted it', due, submitted)
        : vi
          ? `chưa nộp (hạn ${at(due)})`
          : `has not submitted it (due ${at(due)})`;
      return `${title[lang]} — ${period}: ${who} ${what}.`;
    }
    case 'M6': {
      // The Office's preparation (Điều 11.1.a): the programme before the meeting, the minutes after.
      const title = text(facts.title);
      const due = str(facts.dueAt);
      const meetingOn = date(facts.meetingOn);
      if (!title || !due || !meetingOn || (facts.part !== 'programme' && facts.part !== 'minutes')) return undefined;
      const programme = facts.part === 'programme';
      const done = str(facts.doneAt);
      const thing = programme
        ? { vi: 'chương trình (thành phần, thời gian)', en: 'the programme (participants, time)' }
        : { vi: 'biên bản', en: 'the minutes' };
      const what = done
        ? late(programme ? 'công bố' : 'ghi', programme ? 'published it' : 'recorded them', due, done)
        : vi
          ? `chưa ${programme ? 'công bố' : 'ghi'} (hạn ${at(due)})`
          : `has not ${programme ? 'published it' : 'recorded them'} (due ${at(due)})`;
      return vi
        ? `${capitalise(thing.vi)} của ${title.vi.charAt(0).toLocaleLowerCase('vi')}${title.vi.slice(1)} ngày ${meetingOn} (${period}): ${who} ${what}.`
        : `${capitalise(thing.en)} of the ${title.en.toLowerCase()} of ${meetingOn} (${period}): ${who} ${what}.`;
    }
    case 'CAL': {
      const year = num(facts.year);
      const checkedOn = date(facts.checkedOn);
      if (year === undefined || !checkedOn) return undefined;
      return vi
        ? `Lịch làm việc năm ${year}: đến ngày ${checkedOn} vẫn là lịch dự kiến; ${who} cần nhập quyết định của Thủ tướng Chính phủ về ngày nghỉ lễ, Tết năm ${year} và đánh dấu năm ${year} đã công bố.`
        : `Working calendar ${year}: still provisional on ${checkedOn}; ${who} is to enter the Prime Minister's decision on the ${year} holidays and mark ${year} announced.`;
    }
    case 'P1': {
      // The department's plans: not submitted, submitted late, or not approved when the period's work began.
      const title = text(facts.title);
      const due = str(facts.dueAt);
      if (!title || !due) return undefined;
      if (facts.awaiting === 'approval') {
        const approved = str(facts.approvedAt);
        const what = approved
          ? late('được Giám đốc phê duyệt', 'approved by the director', due, approved)
          : vi
            ? `đã trình nhưng chưa được Giám đốc phê duyệt khi bắt đầu kỳ (${at(due)})`
            : `submitted but not approved by the director when the period began (${at(due)})`;
        return vi ? `${title.vi} — ${period}: ${what}; người trình: ${who}.` : `${title.en} — ${period}: ${what}; drafted by ${who}.`;
      }
      const submitted = str(facts.submittedAt);
      const what = submitted ? late('trình', 'submitted it', due, submitted) : vi ? `chưa trình Giám đốc (hạn ${at(due)})` : `has not submitted it to the director (due ${at(due)})`;
      return `${title[lang]} — ${period}: ${who} ${what}.`;
    }
    case 'A5': {
      if (facts.kind === 'self-review') {
        const year = num(facts.year);
        const dueOn = date(facts.dueOn);
        if (year === undefined || !dueOn) return undefined;
        const decidedAt = at(facts.decidedAt);
        return vi
          ? `Kiểm điểm công tác chỉ đạo, điều hành năm ${year} của Lãnh đạo Sở: ${decidedAt ? `Ban Giám đốc quyết định chậm, lúc ${decidedAt}` : 'Ban Giám đốc chưa bàn bạc, thống nhất'}; hạn ${dueOn}.`
          : `The leadership's ${year} self-review of its direction and management: ${decidedAt ? `the board decided it late, at ${decidedAt}` : 'the board has not discussed and agreed it'}; due ${dueOn}.`;
      }
      const title = str(facts.title);
      const decidedAt = at(facts.decidedAt);
      if (!title || !decidedAt) return undefined;
      const awaiting = Array.isArray(facts.awaitingIds) ? facts.awaitingIds.map((id) => names.person(String(id)) ?? String(id)).join(', ') : '';
      const missing =
        facts.missing === 'circulation-open'
          ? vi
            ? `dự thảo xin ý kiến còn chờ ý kiến của ${awaiting}`
            : `the circulated draft was still awaiting the opinion of ${awaiting}`
          : vi
            ? 'không có cuộc họp Ban Giám đốc hay văn bản dự thảo lấy ý kiến'
            : 'with no board meeting and no circulated draft';
      return vi
        ? `${who} quyết định “${title}” lúc ${decidedAt} trước khi bàn bạc tập thể Ban Giám đốc: ${missing}.`
        : `${who} decided “${title}” at ${decidedAt} before the board's collective discussion: ${missing}.`;
    }
    case 'F2': {
      const dueOn = date(facts.dueOn);
      if (!dueOn) return undefined;
      const paidOn = date(facts.paidOn);
      return vi
        ? `Chi trả lương, phụ cấp — ${period}: ${who} ${paidOn ? `chi trả chậm, ngày ${paidOn}` : 'chưa ghi nhận đã chi trả'}; phải chi trả trước ngày 15, chậm nhất ngày ${dueOn}.`
        : `Salaries and allowances — ${period}: ${who} ${paidOn ? `paid them late, on ${paidOn}` : 'has not recorded them as paid'}; they are paid before the 15th, by ${dueOn} at the latest.`;
    }
    case 'F3': {
      const ref = str(facts.dossierRef);
      const dueOn = date(facts.dueOn);
      const completeOn = date(facts.completeOn);
      if (!ref || !dueOn || !completeOn) return undefined;
      const settledOn = date(facts.settledOn);
      return vi
        ? `Hồ sơ thanh quyết toán ${ref} (nhận đủ ngày ${completeOn}): ${who} ${settledOn ? `thanh quyết toán chậm, ngày ${settledOn}` : 'chưa thanh quyết toán'}; hạn ${dueOn}.`
        : `Finance dossier ${ref} (complete on ${completeOn}): ${who} ${settledOn ? `settled it late, on ${settledOn}` : 'has not settled it'}; due ${dueOn}.`;
    }
    case 'A3': {
      if (facts.kind !== 'delegation-report-back') return undefined;
      const from = date(facts.from);
      const endedOn = date(facts.endedOn);
      const due = str(facts.dueAt);
      if (!from || !endedOn || !due) return undefined;
      const submitted = str(facts.submittedAt);
      const what = submitted
        ? late('báo cáo', 'reported', due, submitted)
        : vi
          ? `chưa báo cáo (hạn ${at(due)})`
          : `has not reported (due ${at(due)})`;
      return vi
        ? `Báo cáo Giám đốc Sở kết quả giải quyết công việc được ủy quyền từ ${from} đến ${endedOn}: ${who} ${what}.`
        : `Report back to the director on the work done under the delegation of ${from} to ${endedOn}: ${who} ${what}.`;
    }
    case 'A6': {
      const step = f.escalation;
      const dueDate = date(facts.dueDate);
      const days = num(facts.daysOverdue);
      if (!step || !dueDate || days === undefined) return undefined;
      const title = str(facts.assignmentTitle);
      const working = facts.dayCounting !== 'calendar';
      return vi
        ? `${capitalise(step.name.vi)} (mức ${step.number}): ${who} chưa hoàn thành ${title ? `nhiệm vụ “${title}”` : 'một nhiệm vụ mật'}, hạn ${dueDate}, đã quá hạn ${days} ngày${working ? ' làm việc' : ''}.`
        : `${capitalise(step.name.en)} (step ${step.number}): ${who} has not finished ${title ? `“${title}”` : 'a confidential assignment'}, due ${dueDate}: ${days} ${working ? 'working ' : ''}day${days === 1 ? '' : 's'} overdue.`;
    }
    case 'C1': {
      if (num(facts.n) !== undefined) {
        const sessionOn = date(facts.date);
        if (!sessionOn) return undefined;
        const host = (str(facts.hostId) && names.person(str(facts.hostId)!)) || who;
        const movedTo = date(facts.movedTo);
        const reason = str(facts.reason);
        if (movedTo) {
          return vi
            ? `Buổi tiếp công dân ngày ${sessionOn} — ${period}: ${host} không tiếp và dời lịch muộn sang ngày ${movedTo} (lúc ${at(facts.movedAt)})${reason ? `, lý do: ${reason}` : ''}.`
            : `Citizen reception of ${sessionOn} — ${period}: ${host} neither held it nor moved it in time; moved to ${movedTo} at ${at(facts.movedAt)}${reason ? `, because: ${reason}` : ''}.`;
        }
        return vi
          ? `Buổi tiếp công dân ngày ${sessionOn} — ${period}: ${host} không tiếp công dân và không dời lịch có lý do.`
          : `Citizen reception of ${sessionOn} — ${period}: ${host} neither held it nor moved it with a reason.`;
      }
      const due = str(facts.dueAt);
      if (!due) return undefined;
      const approvedAt = str(facts.approvedAt);
      if (approvedAt) {
        const by = lateness(due, approvedAt, lang);
        return vi
          ? `Lịch tiếp công dân — ${period}: được phê duyệt chậm${by ? ` ${by}` : ''} (lúc ${at(approvedAt)}; hạn ${at(due)}).`
          : `Citizen reception schedule — ${period}: approved${by ? ` ${by}` : ''} late (at ${at(approvedAt)}; due ${at(due)}).`;
      }
      const state: Record<string, LocalizedText> = {
        missing: { vi: `${who} chưa đề xuất lịch`, en: `${who} has not proposed one` },
        proposed: { vi: `lịch đã đề xuất, ${who} chưa phê duyệt`, en: `it was proposed and awaits approval by ${who}` },
        returned: { vi: `lịch bị trả lại, ${who} chưa đề xuất lại`, en: `it was returned and ${who} has not proposed it again` },
      };
      const s = state[str(facts.status) ?? 'missing'] ?? state.missing!;
      return vi ? `Lịch tiếp công dân — ${period}: ${s.vi}; hạn phê duyệt ${at(due)}.` : `Citizen reception schedule — ${period}: ${s.en}; due to be approved by ${at(due)}.`;
    }
    case 'M1':
    case 'M2':
    case 'M4': {
      const title = text(facts.title);
      const window = facts.window as { start?: unknown; end?: unknown } | undefined;
      if (!title || !str(window?.start) || !str(window?.end)) return undefined;
      const unit = f.rule === 'M4' && str(facts.unitId) ? names.unit(str(facts.unitId)!)?.[lang] : undefined;
      const expectedOn = date(facts.expectedOn);
      const movedFrom = date(facts.movedFrom);
      const because = text(facts.movedBecause)?.[lang];
      const when = expectedOn
        ? vi
          ? `dự kiến ngày ${expectedOn}${movedFrom ? ` (dời từ ngày ${movedFrom}${because ? `, ${because}` : ''})` : ''}`
          : `expected on ${expectedOn}${movedFrom ? ` (moved from ${movedFrom}${because ? `, ${because}` : ''})` : ''}`
        : vi
          ? `thời hạn từ ngày ${date(window!.start)} đến ngày ${date(window!.end)}`
          : `due between ${date(window!.start)} and ${date(window!.end)}`;
      // Held off schedule (M1, Điều 11.1): lighter than not held; it says which day it was and which day it should have been.
      const heldOn = facts.held === 'off-schedule' ? date(facts.heldOn) : undefined;
      if (heldOn && expectedOn) {
        const moved = movedFrom ? (vi ? ` (dời từ ngày ${movedFrom}${because ? `, ${because}` : ''})` : ` (moved from ${movedFrom}${because ? `, ${because}` : ''})`) : '';
        return vi
          ? `${title.vi}${unit ? ` (${unit})` : ''} — ${period}: ${who} tổ chức họp không đúng ngày: họp ngày ${heldOn}, ngày quy định là ${expectedOn}${moved}.`
          : `${title.en}${unit ? ` (${unit})` : ''} — ${period}: ${who} held it off schedule, on ${heldOn}; it was due on ${expectedOn}${moved}.`;
      }
      return vi
        ? `${title.vi}${unit ? ` (${unit})` : ''} — ${period}: ${who} không tổ chức họp; ${when}.`
        : `${title.en}${unit ? ` (${unit})` : ''} — ${period}: ${who} did not hold it; ${when}.`;
    }
    case 'M3': {
      const title = text(facts.title);
      const heldOn = date(facts.heldOn);
      const due = str(facts.conclusionsDueAt);
      if (!title || !heldOn || !due) return undefined;
      const issuedAt = str(facts.issuedAt);
      return vi
        ? `Kết luận cuộc họp “${title.vi}” ngày ${heldOn}: ${who} ${issuedAt ? late('ban hành', '', due, issuedAt) : `chưa ban hành (hạn ${at(due)})`}.`
        : `Conclusions of the “${title.en}” of ${heldOn}: ${who} ${issuedAt ? late('', 'issued them', due, issuedAt) : `has not issued them (due ${at(due)})`}.`;
    }
    case 'D1': {
      const due = str(facts.distributionDueAt);
      const received = str(facts.receivedAt);
      if (!due || !received) return undefined;
      const title = str(facts.documentTitle);
      const number = str(facts.documentNumber);
      const level = CONFIDENTIAL[str(facts.confidentiality) ?? 'confidential'] ?? CONFIDENTIAL.confidential!;
      const doc = title
        ? vi
          ? `Văn bản đến “${title}”${number ? ` (số ${number})` : ''}`
          : `Incoming document “${title}”${number ? ` (No. ${number})` : ''}`
        : vi
          ? `Một văn bản đến ${level.vi}`
          : `A ${level.en} incoming document`;
      const distributed = str(facts.distributedAt);
      return vi
        ? `${doc}, nhận lúc ${at(received)}: ${who} ${distributed ? late('phân bổ', '', due, distributed) : `chưa phân bổ (hạn ${at(due)})`}.`
        : `${doc}, received at ${at(received)}: ${who} ${distributed ? late('', 'distributed it', due, distributed) : `has not distributed it (due ${at(due)})`}.`;
    }
    case 'D5': {
      const due = str(facts.stepDueAt);
      const status = str(facts.status);
      if (!due || !status) return undefined;
      const title = str(facts.documentTitle);
      const level = CONFIDENTIAL[str(facts.confidentiality) ?? 'confidential'] ?? CONFIDENTIAL.confidential!;
      const doc = title ? (vi ? `Văn bản đi “${title}”` : `Outgoing document “${title}”`) : vi ? `Một văn bản đi ${level.vi}` : `A ${level.en} outgoing document`;
      const stepVi: Record<string, string> = { drafted: 'thẩm định', vetted: 'trình ký', submitted: 'kiểm tra thể thức', 'form-checked': 'ký', signed: 'cấp số', numbered: 'đóng dấu', sealed: 'phát hành', sent: 'lưu bản gốc', returned: 'hoàn thiện và trình lại' };
      const stepEn: Record<string, string> = { drafted: 'vetting', vetted: 'the proposal', submitted: 'the form check', 'form-checked': 'the signature', signed: 'the number', numbered: 'the seal', sealed: 'sending', sent: 'filing the original', returned: 'revising and resubmitting' };
      return vi
        ? `${doc}: ${who} chưa thực hiện bước ${stepVi[status] ?? status} (hạn ${at(due)}).`
        : `${doc}: ${who} has not taken ${stepEn[status] ?? status} (due ${at(due)}).`;
    }
    case 'D4': {
      const form = str(facts.form);
      const lacked = str(facts.lacked);
      const attemptedAt = str(facts.attemptedAt);
      if (!form || !lacked || !attemptedAt) return undefined;
      const title = str(facts.documentTitle);
      const level = CONFIDENTIAL[str(facts.confidentiality) ?? 'confidential'] ?? CONFIDENTIAL.confidential!;
      const doc = title ? (vi ? `Văn bản đi “${title}”` : `Outgoing document “${title}”`) : vi ? `Một văn bản đi ${level.vi}` : `A ${level.en} outgoing document`;
      const line = SIGNATURE_LINES[form] ?? form;
      const fieldId = str(facts.fieldId);
      const field = fieldId ? (names.field?.(fieldId)?.[lang] ?? fieldId) : '';
      const kind = OUTGOING_KINDS[str(facts.kind) ?? '']?.[lang] ?? str(facts.kind) ?? '';
      const why: Record<string, LocalizedText> = {
        'not-director': { vi: 'chỉ Giám đốc ký “GIÁM ĐỐC”', en: 'only the director signs as GIÁM ĐỐC' },
        'not-deputy': { vi: 'chỉ Phó Giám đốc ký “KT. GIÁM ĐỐC”', en: 'only a deputy director signs KT. GIÁM ĐỐC' },
        'field-outside-portfolio': { vi: `lĩnh vực “${field}” không thuộc lĩnh vực được phân công phụ trách`, en: `the field “${field}” is not in this deputy director’s portfolio` },
        'no-field': { vi: 'văn bản không ghi lĩnh vực nên không thuộc lĩnh vực phụ trách của Phó Giám đốc nào', en: 'the document names no field, so no deputy’s portfolio covers it' },
        'not-chief-of-office': { vi: 'chỉ Chánh Văn phòng ký “TL. GIÁM ĐỐC”', en: 'only the chief of office signs TL. GIÁM ĐỐC' },
        'kind-not-authorised': { vi: `Giám đốc không ủy quyền cho Chánh Văn phòng ký thừa lệnh ${kind}`, en: `the director has not authorised the chief of office to sign ${kind}` },
        'unit-document': { vi: 'văn bản của phòng do trưởng phòng ký (Điều 13.2)', en: 'a unit’s own document is signed by its head (Điều 13.2)' },
        'department-document': { vi: 'văn bản của Sở do Giám đốc hoặc Phó Giám đốc ký (Điều 13.1)', en: 'a department document is signed by the director or a deputy director (Điều 13.1)' },
        'not-unit-head': { vi: 'chỉ trưởng phòng soạn thảo ký văn bản của phòng (Điều 13.2)', en: 'only the head of the drafting unit signs its own documents (Điều 13.2)' },
      };
      const reason = why[lacked]?.[lang] ?? lacked;
      const seal = str(facts.step) === 'seal';
      return vi
        ? seal
          ? `${doc}: không đóng dấu dưới chữ ký “${line}” của ${who} (lúc ${at(attemptedAt)}) vì chữ ký không đúng thẩm quyền — ${reason}.`
          : `${doc}: ${who} ký “${line}” không đúng thẩm quyền (lúc ${at(attemptedAt)}) — ${reason}; chữ ký bị từ chối.`
        : seal
          ? `${doc}: the seal was refused under the “${line}” signature of ${who} (at ${at(attemptedAt)}), a signature outside authority — ${reason}.`
          : `${doc}: ${who} signed “${line}” outside their authority (at ${at(attemptedAt)}) — ${reason}; the signature was refused.`;
    }
    case 'E2':
    case 'E3':
    case 'E4':
    case 'E5':
    case 'E6':
      return evaluationStepText(f, lang, (id) => names.person(id));
    default:
      return undefined;
  }
}
