/**
 * The notification a new finding sends its subject, Vietnamese first: an A6 escalation of their
 * overdue work (nhắc nhở, phê bình, kiểm điểm), or any other finding about them. Its id follows
 * from the finding, so it is stored (and sent) once however often the check runs. Pure, except
 * for the hash.
 */
import { createHash } from 'node:crypto';
import type { LocalizedText } from '../../rulebook/schema.js';
import type { Finding } from '../finding.js';
import { formatInstant } from '../local-time.js';
import { notificationText, type Notification, type NotificationKind } from '../notification.js';

const isLocalized = (v: unknown): v is LocalizedText =>
  typeof v === 'object' && v !== null && typeof (v as LocalizedText).vi === 'string' && typeof (v as LocalizedText).en === 'string';

/** What the finding is about, in both languages, from its facts; confidential records stay unnamed. */
function titleOf(f: Finding): LocalizedText {
  const { title, assignmentTitle, documentTitle, confidentiality } = f.facts;
  if (isLocalized(title)) return title;
  if (typeof assignmentTitle === 'string') return { vi: assignmentTitle, en: assignmentTitle };
  if (f.escalation) return { vi: 'Công việc được giao (mật)', en: 'A confidential assignment' };
  if (typeof documentTitle === 'string') return { vi: `Phân phối văn bản đến “${documentTitle}”`, en: `Distribution of the incoming document “${documentTitle}”` };
  if (typeof confidentiality === 'string') return { vi: 'Phân phối văn bản đến (mật)', en: 'Distribution of a confidential incoming document' };
  return { vi: `Quy định ${f.rule}`, en: `Rule ${f.rule}` };
}

export function findingNotification(f: Finding, timeZone: string): Notification {
  const kind: NotificationKind = f.escalation ? 'assignment-escalated' : 'finding-detected';
  const dueAt = new Date(f.dueAt ?? f.detectedAt);
  // An escalation is about work due on a day; any other finding about a period.
  const periodId = f.escalation && typeof f.facts.dueDate === 'string' ? f.facts.dueDate : f.period;
  const text = notificationText(kind, { key: `finding:${f.id}`, obligationId: f.rule, title: titleOf(f), periodId, dueAt }, timeZone);
  const resolved = f.resolvedAt ? { vi: ` Đã khắc phục muộn lúc ${formatInstant(new Date(f.resolvedAt), timeZone)}.`, en: ` Put right late, at ${formatInstant(new Date(f.resolvedAt), timeZone)}.` } : { vi: '', en: '' };
  const cite = f.escalation
    ? { vi: ` Hình thức: ${f.escalation.name.vi} (mức ${f.escalation.number}, ${f.article}).`, en: ` Escalation ${f.escalation.number}: ${f.escalation.name.en} (${f.article}).` }
    : { vi: ` Căn cứ: ${f.article} (${f.rule}).`, en: ` ${f.article} (${f.rule}).` };
  const id = `ntf-${createHash('sha256').update([kind, f.orgId, f.id, f.subjectId].join('|')).digest('hex').slice(0, 32)}`;
  return {
    id,
    orgId: f.orgId,
    recipientId: f.subjectId,
    kind,
    subject: text.subject,
    body: { vi: `${text.body.vi}${cite.vi}${resolved.vi}`, en: `${text.body.en}${cite.en} ${f.detail}${resolved.en}` },
    about: { key: `finding:${f.id}`, obligationId: f.rule, periodId: f.period, dueAt: dueAt.toISOString() },
    createdAt: f.detectedAt,
    version: 1,
  };
}
