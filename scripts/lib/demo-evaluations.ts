/**
 * The demo's evaluation cycle (issue #23; E2–E6, Điều 24): for a month that has ended, each step
 * of each person rated, by whom and when, placed on the working days before the rulebook's
 * deadlines (`/evaluation/steps/*\/deadlines`). Pure: `demo-month.ts` writes each step through
 * `POST /v1/evaluations/{staffId}/{period}/{step}` at its time, and only the steps before now.
 *
 * Most people assess themselves on time with varied levels; the heads comment, the board reviews
 * the heads and deputies, the director decides (once differing from the proposal, with a reason)
 * and publishes, part on the head's deadline day and the rest by their own deadlines. Left on
 * purpose for the checks to find:
 * - Vì Văn Khánh (press) never assesses himself: E2, open.
 * - Trịnh Đức Anh (posts) assesses himself the morning after the deadline: E2, put right.
 * - Trần Văn Long (head of press) comments on his division the morning after his deadline: E3 for
 *   each of its three people, put right when he does.
 */
import { createHash } from 'node:crypto';
import type { WorkingCalendar } from '../../shared/domain/calendar.js';
import { stepDueAt } from '../../shared/domain/evaluation.js';
import { localDateTimeToInstant, toLocalDate, type LocalDate } from '../../shared/domain/local-time.js';
import type { Period } from '../../shared/domain/periods.js';
import type { EvaluationLevelId, EvaluationStepId, Rulebook } from '../../shared/rulebook/schema.js';
import { unitDeputyRole, unitHeadRole } from '../../shared/rulebook/schema.js';

export interface DemoEvaluationStep {
  readonly at: Date;
  readonly actor: string;
  readonly staffId: string;
  readonly step: EvaluationStepId;
  readonly body: { text?: string; level?: EvaluationLevelId; reason?: string };
}

/** The deliberate gaps (docs/demo-department.md, test/integration/demo-month.test.ts). */
export const DEMO_EVALUATION = {
  neverSelfAssessed: 'vi-van-khanh',
  lateSelfAssessment: 'trinh-duc-anh',
  lateHead: 'tran-van-long',
  lateHeadUnit: 'press',
  /** Board-reviewed, decided (and for IT published) on the head's deadline day. */
  earlyUnits: ['office', 'inspectorate', 'it'],
  earlyDecisionUnits: ['office', 'it'],
  earlyPublicationUnits: ['it'],
  /** The board proposes excellent, the director decides good, with a reason. */
  decidedOtherwise: 'ngo-thi-thuy',
} as const;

const chance = (key: string) => parseInt(createHash('sha256').update(key).digest('hex').slice(0, 8), 16) / 0x1_0000_0000;
const pick = <T>(items: readonly T[], key: string): T => items[Math.floor(chance(key) * items.length)]!;

const SELF: Record<'excellent' | 'good' | 'completed', string[]> = {
  excellent: [
    'Hoàn thành 100% nhiệm vụ được giao đúng hạn, trong đó có nhiệm vụ vượt tiến độ; chủ động đề xuất giải pháp nâng cao hiệu quả công việc; chấp hành tốt nội quy, quy chế cơ quan.',
    'Hoàn thành toàn bộ nhiệm vụ trong tháng đúng hạn, bảo đảm chất lượng; tham mưu kịp thời các văn bản được giao; không có báo cáo chậm.',
  ],
  good: [
    'Hoàn thành các nhiệm vụ được giao đúng hạn, bảo đảm chất lượng; còn một số văn bản phải chỉnh sửa theo ý kiến của lãnh đạo; chấp hành tốt nội quy, quy chế cơ quan.',
    'Thực hiện đầy đủ nhiệm vụ được giao trong tháng; phối hợp tốt với đồng nghiệp; báo cáo định kỳ nộp đúng hạn.',
    'Hoàn thành tốt nhiệm vụ chuyên môn; tham gia đầy đủ các cuộc họp của cơ quan; cần chủ động hơn trong đề xuất, tham mưu.',
  ],
  completed: [
    'Hoàn thành cơ bản các nhiệm vụ được giao; một số nhiệm vụ còn chậm so với kế hoạch do khối lượng công việc lớn; sẽ khắc phục trong tháng tới.',
    'Hoàn thành nhiệm vụ được giao; còn một báo cáo nộp chậm, đã rút kinh nghiệm.',
  ],
};
const COMMENT_SAME = [
  'Đồng ý với nội dung tự đánh giá. Đồng chí có tinh thần trách nhiệm, hoàn thành nhiệm vụ được giao đúng tiến độ.',
  'Thống nhất với tự đánh giá; đồng chí phối hợp tốt với các thành viên trong đơn vị, chất lượng tham mưu bảo đảm.',
  'Đồng ý mức tự đánh giá; đề nghị tiếp tục phát huy trong tháng tới.',
];
const COMMENT_LOWER = 'Ghi nhận kết quả công tác trong tháng; tuy nhiên còn nhiệm vụ phải chỉnh sửa, bổ sung nhiều lần, đề nghị xếp loại thấp hơn mức tự đánh giá.';
const COMMENT_MANAGER = 'Lãnh đạo đơn vị điều hành tốt công việc chuyên môn; đơn vị hoàn thành các nhiệm vụ trọng tâm trong tháng, không có nhiệm vụ quá hạn kéo dài.';
const COMMENT_NO_SELF = 'Đồng chí chưa nộp bản tự đánh giá; còn nhiệm vụ thẩm định hồ sơ quá hạn. Đề nghị xếp loại Hoàn thành nhiệm vụ.';
const REASON_OTHERWISE =
  'Phòng Công nghệ thông tin còn nhiệm vụ tổng hợp chỉ số chuyển đổi số chưa hoàn thành trong tháng; chưa đủ điều kiện xếp loại Hoàn thành xuất sắc nhiệm vụ theo Quy chế làm việc.';

const LEVEL_DOWN: Record<EvaluationLevelId, EvaluationLevelId> = { excellent: 'good', good: 'completed', completed: 'completed', 'not-completed': 'not-completed' };

/** The steps of the cycle of `month`, in no particular order (the caller sorts them with the month's other events). */
export function demoEvaluationSteps(rulebook: Rulebook, calendar: WorkingCalendar, month: Period): DemoEvaluationStep[] {
  const settings = rulebook.evaluation;
  if (!settings?.periods.includes('month')) return [];
  const timeZone = rulebook.organisation.timeZone;
  const period = { ...month, kind: 'month' as const };
  const dueDay = (step: EvaluationStepId): LocalDate => toLocalDate(stepDueAt(settings, step, period, calendar, timeZone), timeZone);
  const at = (day: LocalDate, n: number, time: string, minutes = 0) => new Date(localDateTimeToInstant(calendar.addWorkingDays(day, n), time, timeZone).getTime() + minutes * 60_000);
  const [e2, e3, e4, e5, e6] = (['self-assessment', 'head-comment', 'board-review', 'director-decision', 'publication'] as const).map(dueDay) as [LocalDate, LocalDate, LocalDate, LocalDate, LocalDate];
  const director = rulebook.staff.find((s) => s.roles.includes('director'))!.id;
  const unitOf = new Map(rulebook.units.map((u) => [u.id, u]));
  const headOf = (unitId: string) => rulebook.staff.find((s) => s.unitId === unitId && s.roles.includes(unitHeadRole(unitOf.get(unitId)!.kind)))?.id;
  const key = `${month.id}`;

  const steps: DemoEvaluationStep[] = [];
  const rated = rulebook.staff.filter((s) => unitOf.get(s.unitId)?.kind !== 'board');
  rated.forEach((p, i) => {
    const unit = unitOf.get(p.unitId)!;
    const manager = p.roles.includes(unitHeadRole(unit.kind)) || p.roles.includes(unitDeputyRole(unit.kind));
    const head = headOf(p.unitId);
    const commenter = head && head !== p.id ? head : (unit.overseenBy ?? director);
    const early = (DEMO_EVALUATION.earlyUnits as readonly string[]).includes(p.unitId);
    const lateHead = commenter === DEMO_EVALUATION.lateHead;

    // E2: the day before the deadline or on it, in working hours.
    const roll = chance(`${key}.${p.id}.level`);
    const level: 'excellent' | 'good' | 'completed' = p.id === DEMO_EVALUATION.decidedOtherwise ? 'excellent' : roll < 0.22 ? 'excellent' : roll < 0.85 ? 'good' : 'completed';
    const self = { text: pick(SELF[level], `${key}.${p.id}.self`), level };
    if (p.id === DEMO_EVALUATION.lateSelfAssessment) steps.push({ at: at(e2, 1, '08:30'), actor: p.id, staffId: p.id, step: 'self-assessment', body: self });
    else if (p.id !== DEMO_EVALUATION.neverSelfAssessed) {
      const time = pick(['08:45', '09:30', '10:15', '14:00', '15:20', '16:10'], `${key}.${p.id}.time`);
      steps.push({ at: at(e2, chance(`${key}.${p.id}.day`) < 0.5 ? -1 : 0, time), actor: p.id, staffId: p.id, step: 'self-assessment', body: self });
    }

    // E3: the head the day before the deadline (the overseeing leader at 16:00 for a head); the ICT Centre on the day; press late.
    const proposed: EvaluationLevelId = p.id === DEMO_EVALUATION.neverSelfAssessed ? 'completed' : level === 'excellent' && p.id !== DEMO_EVALUATION.decidedOtherwise && chance(`${key}.${p.id}.lower`) < 0.4 ? LEVEL_DOWN[level] : level;
    const text = p.id === DEMO_EVALUATION.neverSelfAssessed ? COMMENT_NO_SELF : head === p.id ? COMMENT_MANAGER : proposed === level ? pick(COMMENT_SAME, `${key}.${p.id}.comment`) : COMMENT_LOWER;
    const commentAt = lateHead ? at(e3, 1, '09:30', i) : head === p.id ? at(e3, -1, '16:00', i) : p.unitId === 'ict-centre' ? at(e3, 0, '10:30', i) : at(e3, -1, p.unitId === 'inspectorate' ? '10:00' : '09:00', i);
    steps.push({ at: commentAt, actor: commenter, staffId: p.id, step: 'head-comment', body: { text, level: proposed } });

    // E4: the board's meeting on the head's deadline day for the early units, the next afternoon for the rest.
    if (manager) {
      const reviewAt = early ? at(e3, 0, '09:00', i) : at(e4, 0, '14:00', i);
      steps.push({ at: reviewAt, actor: director, staffId: p.id, step: 'board-review', body: { text: 'Ban Giám đốc thảo luận tập thể tại cuộc họp giao ban, thống nhất mức xếp loại đề xuất.', level: proposed } });
    }

    // E5, E6: the early units' on the head's deadline day; the rest by their own deadlines.
    const earlyDecision = (DEMO_EVALUATION.earlyDecisionUnits as readonly string[]).includes(p.unitId);
    const otherwise = p.id === DEMO_EVALUATION.decidedOtherwise;
    steps.push({
      at: earlyDecision ? at(e3, 0, '15:30', i) : at(e5, 0, '10:00', i),
      actor: director,
      staffId: p.id,
      step: 'director-decision',
      body: otherwise ? { level: LEVEL_DOWN[proposed], reason: REASON_OTHERWISE } : { level: proposed },
    });
    const earlyPublication = (DEMO_EVALUATION.earlyPublicationUnits as readonly string[]).includes(p.unitId);
    steps.push({ at: earlyPublication ? at(e3, 0, '16:30', i) : at(e6, 0, '09:00', i), actor: director, staffId: p.id, step: 'publication', body: {} });
  });
  return steps;
}
