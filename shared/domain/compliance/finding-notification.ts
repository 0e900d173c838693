/**
 * The notification a new finding sends its subject, Vietnamese first: an A6 escalation of their
 * overdue work (nhắc nhở, phê bình, kiểm điểm), or any other finding about them. Its id follows
 * from the finding, so it is stored (and sent) once however often the check runs. Pure, except
 * for the hash.
 */
import { createHash } from 'node:crypto';
import type { LocalizedText } from '../../rulebook/schema.js';
import type { Finding } from '../finding.js';
import { findingText, type FindingTextNames } from '../finding-text.js';
import { instant } from '../format.js';
import { notificationText, type Notification, type NotificationKind } from '../notification.js';

const isLocalized = (v: unknown): v is LocalizedText =>
  typeof v === 'object' && v !== null && typeof (v as LocalizedText).vi === 'string' && typeof (v as LocalizedText).en === 'string';

/** What the finding is about, in both languages, from its facts; confidential records stay unnamed. */
function titleOf(f: Finding): LocalizedText {
  const { title, assignmentTitle, documentTitle, confidentiality } = f.facts;
  if (isLocalized(title)) return title;
  if (typeof assignmentTitle === 'string') return { vi: assignmentTitle, en: assignmentTitle };
  if (f.escalation) return { vi: 'Công việc được giao (mật)', en: 'A confidential assignment' };
  // Outgoing documents: D4 (a signature outside authority) and D5 (a step not taken in time).
  if (f.rule === 'D4' || f.rule === 'D5') {
    return typeof documentTitle === 'string' ? { vi: `Văn bản đi “${documentTitle}”`, en: `Outgoing document “${documentTitle}”` } : { vi: 'Văn bản đi (mật)', en: 'A confidential outgoing document' };
  }
  if (typeof documentTitle === 'string') return { vi: `Phân phối văn bản đến “${documentTitle}”`, en: `Distribution of the incoming document “${documentTitle}”` };
  if (typeof confidentiality === 'string') return { vi: 'Phân phối văn bản đến (mật)', en: 'Distribution of a confidential incoming document' };
  return { vi: `Quy định ${f.rule}`, en: `Rule ${f.rule}` };
}

/**
 * The notification of a new finding to its subject: the subject line names what and when; the
 * body is the finding's own sentence (rendered from its facts, as the pages show it), the article
 * it cites and, when already put right, when. `names` gives the people and units it mentions.
 */
export function findingNotification(f: Finding, timeZone: string, names?: FindingTextNames): Notification {
  const kind: NotificationKind = f.escalation ? 'assignment-escalated' : 'finding-detected';
  const dueAt = new Date(f.dueAt ?? f.detectedAt);
  // An escalation is about work due on a day; any other finding about a period.
  const periodId = f.escalation && typeof f.facts.dueDate === 'string' ? f.facts.dueDate : f.period;
  const text = notificationText(kind, { key: `finding:${f.id}`, obligationId: f.rule, title: titleOf(f), periodId, dueAt }, timeZone);
  const lookup: FindingTextNames = names ?? { person: () => undefined, unit: () => undefined };
  const sentence = { vi: findingText(f, 'vi', lookup), en: findingText(f, 'en', lookup) };
  const resolvedAt = f.resolvedAt ? new Date(f.resolvedAt) : undefined;
  const resolved = resolvedAt
    ? { vi: ` Đã khắc phục muộn lúc ${instant(resolvedAt, 'vi', timeZone)}.`, en: ` Put right late, at ${instant(resolvedAt, 'en', timeZone)}.` }
    : { vi: '', en: '' };
  // The sentence already names an escalation's step (Nhắc nhở, mức 1): the article is what is left to cite.
  const cite = { vi: ` Căn cứ: ${f.article} (${f.rule}).`, en: ` ${f.article} (${f.rule}).` };
  const id = `ntf-${createHash('sha256').update([kind, f.orgId, f.id, f.subjectId].join('|')).digest('hex').slice(0, 32)}`;
  return {
    id,
    orgId: f.orgId,
    recipientId: f.subjectId,
    kind,
    subject: text.subject,
    body: { vi: `${sentence.vi}${cite.vi}${resolved.vi}`, en: `${sentence.en}${cite.en}${resolved.en}` },
    about: { key: `finding:${f.id}`, obligationId: f.rule, periodId: f.period, dueAt: dueAt.toISOString() },
    createdAt: f.detectedAt,
    version: 1,
  };
}

const CAPACITY: Record<string, LocalizedText> = {
  head: { vi: 'trưởng đơn vị', en: 'head of the unit' },
  'overseeing-leader': { vi: 'lãnh đạo Sở phụ trách đơn vị', en: 'leader overseeing the unit' },
  director: { vi: 'Giám đốc Sở', en: 'director' },
};

/**
 * Every notification a new finding sends: its subject's, and for an A6 escalation one to each
 * person the step is reported to (`facts.escalatedTo`, Điều 5.1, 6.1, 7.1: "kịp thời báo cáo Phó
 * Giám đốc phụ trách lĩnh vực và Giám đốc Sở"). Each id follows from the finding and the
 * recipient, so a rerun or a double delivery stores and sends none twice.
 */
export function findingNotifications(f: Finding, timeZone: string, names?: FindingTextNames): Notification[] {
  const own = findingNotification(f, timeZone, names);
  const to = Array.isArray(f.facts.escalatedTo) ? (f.facts.escalatedTo as { as?: unknown; staffId?: unknown }[]) : [];
  const lookup: FindingTextNames = names ?? { person: () => undefined, unit: () => undefined };
  const who = lookup.person(f.subjectId) ?? f.subjectId;
  const title = titleOf(f);
  const sentence = { vi: findingText(f, 'vi', lookup), en: findingText(f, 'en', lookup) };
  // D4 (Điều 9.1.8): a signature outside authority is reported to the chief of office.
  const reported = f.rule === 'D4' && Array.isArray(f.facts.reportedTo) ? f.facts.reportedTo.filter((id): id is string => typeof id === 'string' && id !== f.subjectId) : [];
  const toChief = reported.map((staffId) => ({
    ...own,
    id: `ntf-${createHash('sha256').update([own.kind, f.orgId, f.id, staffId].join('|')).digest('hex').slice(0, 32)}`,
    recipientId: staffId,
    subject: { vi: `Chữ ký không đúng thẩm quyền: ${title.vi}`, en: `Signature outside authority: ${title.en}` },
    body: {
      vi: `${sentence.vi} Báo cáo đồng chí Chánh Văn phòng theo ${f.article} (${f.rule}).`,
      en: `${sentence.en} Reported to you as the chief of office, ${f.article} (${f.rule}).`,
    },
  }));
  const others = to.flatMap((r) => {
    if (typeof r.staffId !== 'string' || r.staffId === f.subjectId || typeof r.as !== 'string') return [];
    const capacity = CAPACITY[r.as] ?? { vi: 'lãnh đạo', en: 'leader' };
    const id = `ntf-${createHash('sha256').update([own.kind, f.orgId, f.id, r.staffId].join('|')).digest('hex').slice(0, 32)}`;
    const n: Notification = {
      ...own,
      id,
      recipientId: r.staffId,
      subject: { vi: `Báo cáo công việc quá hạn của ${who}: ${title.vi}`, en: `Overdue work of ${who}: ${title.en}` },
      body: {
        vi: `${sentence.vi} Báo cáo tới đồng chí với tư cách ${capacity.vi}, để có biện pháp giải quyết. Căn cứ: ${f.article} (${f.rule}).`,
        en: `${sentence.en} Reported to you as the ${capacity.en}, to decide what to do. ${f.article} (${f.rule}).`,
      },
    };
    return [n];
  });
  return [own, ...others, ...toChief];
}
