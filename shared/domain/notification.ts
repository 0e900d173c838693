/**
 * Notifications to a person: report reminders and answers to what they submitted. Ids are
 * derived from their cause, so the same cause never stores (or sends) a second one. Pure.
 */
import { day, instant, periodLabel, type Lang } from './format.js';
import { isValidLocalDate } from './local-time.js';
import type { LocalizedText } from './organisation.js';

export type NotificationKind =
  | 'report-due-soon'
  | 'report-missed'
  | 'report-returned'
  | 'plan-approved'
  | 'plan-returned'
  // Compliance findings (issue #6): a finding recorded about the recipient; an A6 escalation of their overdue work.
  | 'finding-detected'
  | 'assignment-escalated';

export interface Notification {
  readonly id: string;
  readonly orgId: string;
  readonly recipientId: string;
  readonly kind: NotificationKind;
  readonly subject: LocalizedText;
  readonly body: LocalizedText;
  /** What it is about: the obligation instance, and the report when there is one. */
  readonly about: {
    readonly key: string;
    readonly obligationId: string;
    readonly periodId?: string;
    readonly missionId?: string;
    readonly reportId?: string;
    readonly dueAt: string;
  };
  readonly createdAt: string;
  /** Set when the channel accepted it. */
  readonly deliveredAt?: string;
  readonly channel?: string;
  /** `no-address`: the channel could not reach the person; the notification is still listed in the app. */
  readonly delivery?: 'sent' | 'no-address';
  readonly readAt?: string;
  readonly version: number;
}

export interface NotificationSubject {
  readonly key: string;
  readonly obligationId: string;
  readonly title: LocalizedText;
  readonly periodId?: string;
  readonly event?: { readonly ref: string };
  readonly dueAt: Date;
  readonly reportId?: string;
}

/** The period (`Tuần 49/2026 (30/11–06/12)`) or the day (`20/11/2026`) it is about; an event's id is never shown. */
const forWhat = (s: NotificationSubject, lang: Lang) =>
  !s.periodId ? '' : isValidLocalDate(s.periodId) ? `${lang === 'vi' ? 'hạn' : 'due'} ${day(s.periodId, lang)}` : periodLabel(s.periodId, lang);

/** The text of a reminder or an answer, in both languages; times in the organisation's zone. */
export function notificationText(
  kind: NotificationKind,
  subject: NotificationSubject,
  timeZone: string,
  comment?: string,
): { subject: LocalizedText; body: LocalizedText } {
  const due = { vi: instant(subject.dueAt, 'vi', timeZone), en: instant(subject.dueAt, 'en', timeZone) };
  const of = (lang: Lang) => (forWhat(subject, lang) ? ` — ${forWhat(subject, lang)}` : '');
  const what = { vi: `${subject.title.vi}${of('vi')}`, en: `${subject.title.en}${of('en')}` };
  const note = comment ? { vi: ` Ý kiến: ${comment}`, en: ` Comment: ${comment}` } : { vi: '', en: '' };
  switch (kind) {
    case 'report-due-soon':
      return { subject: { vi: `Sắp đến hạn: ${what.vi}`, en: `Due soon: ${what.en}` }, body: { vi: `Hạn nộp ${due.vi}.`, en: `Due by ${due.en}.` } };
    case 'report-missed':
      return {
        subject: { vi: `Quá hạn chưa nộp: ${what.vi}`, en: `Missed: ${what.en}` },
        body: { vi: `Hạn nộp ${due.vi} đã qua mà chưa nộp.`, en: `It was due by ${due.en} and has not been submitted.` },
      };
    case 'report-returned':
    case 'plan-returned':
      return {
        subject: { vi: `Trả lại: ${what.vi}`, en: `Returned: ${what.en}` },
        body: { vi: `Đề nghị chỉnh sửa và nộp lại.${note.vi}`, en: `Please revise and submit it again.${note.en}` },
      };
    case 'plan-approved':
      return { subject: { vi: `Đã phê duyệt: ${what.vi}`, en: `Approved: ${what.en}` }, body: { vi: `Kế hoạch đã được phê duyệt.${note.vi}`, en: `The plan is approved.${note.en}` } };
    case 'finding-detected':
      return {
        subject: { vi: `Chưa đúng hạn: ${what.vi}`, en: `Deadline missed: ${what.en}` },
        body: { vi: `Hạn ${due.vi} chưa được bảo đảm.${note.vi}`, en: `The deadline ${due.en} was missed.${note.en}` },
      };
    case 'assignment-escalated':
      return {
        subject: { vi: `Công việc quá hạn: ${what.vi}`, en: `Overdue work: ${what.en}` },
        body: { vi: `Hạn ${due.vi} đã qua mà công việc chưa hoàn thành.${note.vi}`, en: `It was due by ${due.en} and is not finished.${note.en}` },
      };
  }
}
