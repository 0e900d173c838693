/**
 * Matters for the board's collective discussion (A5, Điều 3.2), pure: "Giám đốc Sở bàn bạc thống
 * nhất trong tập thể Ban Giám đốc Sở thông qua tổ chức hội họp hoặc gửi văn bản dự thảo để lấy ý
 * kiến … trước khi quyết định". A matter records its category, the evidence of that discussion
 * (a board meeting, or a circulated draft with each board member's opinion or its window closed),
 * and the director's decision. A decision taken in the tracker without the evidence is refused; one
 * recorded after the fact is kept and marked, and the A5 rule makes it a finding.
 */
import type { CollectiveDecisions, MeetingKind } from '../rulebook/schema.js';
import { ConflictError, ValidationError } from './errors.js';
import { instant } from './format.js';
import type { LocalDate } from './local-time.js';
import { compareLocalDates } from './local-time.js';
import type { StaffMember, Unit } from './organisation.js';

export interface BoardMeetingEvidence {
  readonly kind: 'meeting';
  readonly meetingId: string;
  readonly meetingKind: MeetingKind;
  readonly heldOn: LocalDate;
  readonly linkedBy: string;
  readonly linkedAt: string;
}

export interface CirculationEvidence {
  readonly kind: 'circulation';
  readonly circulatedBy: string;
  readonly circulatedAt: string;
  /** Opinions are given until this instant (UTC ISO); after it the draft counts as discussed. */
  readonly closesAt: string;
  /** The board members asked, fixed when the draft is sent. */
  readonly askedIds: readonly string[];
  readonly draft?: string;
}

export interface BoardOpinion {
  readonly staffId: string;
  readonly opinion: string;
  readonly givenAt: string;
}

/** Why a decision lacks the board's discussion: no evidence at all, or a draft still awaiting opinions. */
export type MissingEvidence = { readonly kind: 'none' } | { readonly kind: 'circulation-open'; readonly closesAt: string; readonly awaitingIds: readonly string[] };

export interface BoardDecision {
  readonly decidedBy: string;
  /** When the director decided: now for a decision taken here, earlier for one recorded after the fact. */
  readonly decidedAt: string;
  readonly recordedBy: string;
  readonly recordedAt: string;
  readonly text: string;
  readonly afterTheFact: boolean;
  /** Set only on a decision recorded after the fact without the board's discussion on record. */
  readonly missingEvidence?: MissingEvidence;
}

export interface BoardMatter {
  readonly id: string;
  readonly orgId: string;
  readonly category: string;
  readonly article: string;
  readonly title: string;
  /** The year a self-review reviews; for other categories, the year it was raised. */
  readonly year: number;
  readonly raisedBy: string;
  readonly raisedAt: string;
  readonly meeting?: BoardMeetingEvidence;
  readonly circulation?: CirculationEvidence;
  readonly opinions: readonly BoardOpinion[];
  readonly decision?: BoardDecision;
  readonly version: number;
}

/** The board: the current members of the board unit (the director and the deputies). */
export function boardMemberIds(units: readonly Unit[], staff: readonly StaffMember[]): string[] {
  const board = units.find((u) => u.kind === 'board');
  return board ? staff.filter((s) => s.active && s.unitId === board.id).map((s) => s.id) : [];
}

export function categoryOf(rules: CollectiveDecisions, id: string) {
  const category = rules.categories.find((c) => c.id === id);
  if (!category) throw new ValidationError(`There is no category ${id} in the rulebook (${rules.article}).`, [{ path: 'body.category', message: `must be one of ${rules.categories.map((c) => c.id).join(', ')}` }]);
  return category;
}

/** The board members asked on a circulated draft who have not answered by `at`. */
export function awaitingOpinion(matter: BoardMatter, at: Date): string[] {
  const c = matter.circulation;
  if (!c) return [];
  const answered = new Set(matter.opinions.filter((o) => Date.parse(o.givenAt) <= at.getTime()).map((o) => o.staffId));
  return c.askedIds.filter((id) => !answered.has(id));
}

/**
 * The board's discussion on record at `at` (local date `today`): a board meeting held on or before
 * that day, or a circulated draft every asked member answered or whose window has closed.
 * Undefined when it is there; otherwise what is missing.
 */
export function missingEvidence(matter: BoardMatter, at: Date, today: LocalDate): MissingEvidence | undefined {
  if (matter.meeting && compareLocalDates(matter.meeting.heldOn, today) <= 0) return undefined;
  const c = matter.circulation;
  if (c && Date.parse(c.circulatedAt) <= at.getTime()) {
    const awaitingIds = awaitingOpinion(matter, at);
    if (awaitingIds.length === 0 || Date.parse(c.closesAt) <= at.getTime()) return undefined;
    return { kind: 'circulation-open', closesAt: c.closesAt, awaitingIds };
  }
  return { kind: 'none' };
}

/** A board member's opinion on a circulated draft: only those asked, only while it is open, once. */
export function giveOpinion(matter: BoardMatter, staffId: string, opinion: string, now: Date, timeZone: string): BoardMatter {
  const c = matter.circulation;
  if (matter.decision) throw alreadyDecided();
  if (!c) throw new ConflictError('No draft of this matter was circulated for opinions.', [], 'Dự thảo của vấn đề này chưa được gửi xin ý kiến.');
  if (!c.askedIds.includes(staffId)) {
    throw new ConflictError('Only the board members the draft was sent to give the board’s opinion (Điều 3.2).', [], 'Chỉ thành viên Ban Giám đốc được gửi dự thảo mới cho ý kiến (Điều 3.2).');
  }
  if (Date.parse(c.closesAt) <= now.getTime()) {
    throw new ConflictError(`The window for opinions closed at ${c.closesAt}.`, [], `Thời hạn cho ý kiến đã kết thúc lúc ${instant(c.closesAt, 'vi', timeZone)}.`);
  }
  if (matter.opinions.some((o) => o.staffId === staffId)) throw new ConflictError('This board member has already given an opinion.', [], 'Thành viên này đã cho ý kiến.');
  return { ...matter, opinions: [...matter.opinions, { staffId, opinion, givenAt: now.toISOString() }] };
}

/** The 409 of a decision taken twice. */
export const alreadyDecided = () => new ConflictError('The director has already decided this matter.', [], 'Giám đốc Sở đã quyết định vấn đề này.');

/**
 * A sentence naming the missing evidence, in English (the API's default) or Vietnamese (pages,
 * `Accept-Language: vi`); `names` turns a staff id into a person's name where the caller knows it.
 */
export function missingEvidenceDetail(missing: MissingEvidence, article: string, timeZone: string, lang: 'vi' | 'en' = 'en', names: (id: string) => string = (id) => id): string {
  if (lang === 'vi') {
    return missing.kind === 'none'
      ? `Ban Giám đốc chưa bàn bạc vấn đề này: chưa có cuộc họp Ban Giám đốc hay dự thảo gửi xin ý kiến nào được ghi nhận (${article}).`
      : `Dự thảo gửi xin ý kiến còn chờ ý kiến của ${missing.awaitingIds.map(names).join(', ')} đến ${instant(missing.closesAt, 'vi', timeZone)} (${article}).`;
  }
  return missing.kind === 'none'
    ? `The board has not discussed this matter: no board meeting and no circulated draft is on record (${article}).`
    : `The circulated draft is still awaiting the opinion of ${missing.awaitingIds.join(', ')} until ${missing.closesAt} (${article}).`;
}

/** The 409 of a decision without the board's discussion on record, in both languages; `field` names the request's field when there is one. */
export function missingEvidenceConflict(missing: MissingEvidence, article: string, timeZone: string, names?: (id: string) => string, field?: string): ConflictError {
  const en = missingEvidenceDetail(missing, article, timeZone, 'en');
  return new ConflictError(en, field ? [{ path: field, message: en }] : [], missingEvidenceDetail(missing, article, timeZone, 'vi', names));
}
