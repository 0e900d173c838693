/** @jsxImportSource hono/jsx */
// The meeting page: the meeting, its written conclusions and where each resulting assignment
// stands, so the next briefing can review what the last one decided. Markup only: the data
// comes from MeetingService.pageData. No inline styles or scripts (strict CSP): /assets/app.css.
import { day, instant, langOf, type Lang } from '../../../shared/domain/format.js';
import type { PreparationView } from '../../../shared/services/meeting-preparation-service.js';
import type { ConclusionItemView, MeetingPageData } from '../../../shared/services/meeting-service.js';
import { FileList } from '../forms/file-field.js';
import { Layout, type Viewer } from './layout.js';

export type { Lang };

/** Vietnamese unless English is asked for. */
export const pageLanguage = langOf;

const LABELS = {
  vi: {
    heldOn: 'Ngày họp',
    chair: 'Chủ trì',
    onBehalfOf: 'thay mặt',
    unit: 'Đơn vị',
    participants: 'Thành phần tham dự',
    recordedBy: 'Người ghi nhận',
    dueAt: 'Hạn ban hành kết luận',
    conclusionStatus: 'Tình trạng kết luận',
    minutes: 'Biên bản',
    attachments: 'Tài liệu kèm theo',
    conclusions: 'Kết luận cuộc họp',
    issuedAt: 'Ban hành lúc',
    noConclusions: 'Chưa ban hành kết luận.',
    n: 'STT',
    text: 'Nội dung kết luận',
    owner: 'Chủ trì thực hiện',
    due: 'Hạn',
    status: 'Trạng thái',
    progress: 'Tiến độ',
    rule: 'Căn cứ',
    other: 'English',
    none: '(không có)',
    hidden: 'Nội dung mật',
    pageTitle: 'Cuộc họp',
    preparation: 'Văn phòng chuẩn bị (Điều 11.1.a)',
    programme: 'Chương trình',
    prepMinutes: 'Biên bản của Văn phòng',
    notYet: 'chưa có',
    openPreparation: 'Chương trình, tài liệu và biên bản',
    minutesFiles: 'Tệp biên bản',
    conclusionsFiles: 'Tệp thông báo kết luận',
    documentsFiles: 'Tài liệu họp (tệp)',
    prepMinutesFiles: 'Tệp biên bản của Văn phòng',
    prepStatus: { awaiting: 'chưa đến hạn', overdue: 'quá hạn', 'on-time': 'đúng hạn', late: 'chậm' },
  },
  en: {
    heldOn: 'Held on',
    chair: 'Chair',
    onBehalfOf: 'on behalf of',
    unit: 'Unit',
    participants: 'Participants',
    recordedBy: 'Recorded by',
    dueAt: 'Conclusions due by',
    conclusionStatus: 'Conclusions',
    minutes: 'Minutes',
    attachments: 'Attachments',
    conclusions: 'Conclusions',
    issuedAt: 'Issued at',
    noConclusions: 'No conclusions have been issued yet.',
    n: 'No.',
    text: 'Conclusion',
    owner: 'Responsible',
    due: 'Due',
    status: 'Status',
    progress: 'Progress',
    rule: 'Rule',
    other: 'Tiếng Việt',
    none: '(none)',
    hidden: 'Confidential content',
    pageTitle: 'Meeting',
    preparation: "The Office's preparation (Điều 11.1.a)",
    programme: 'Programme',
    prepMinutes: "The Office's minutes",
    notYet: 'none yet',
    openPreparation: 'Programme, documents and minutes',
    minutesFiles: 'Minutes files',
    conclusionsFiles: 'Written conclusions files',
    documentsFiles: 'Meeting documents (files)',
    prepMinutesFiles: "The Office's minutes files",
    prepStatus: { awaiting: 'not yet due', overdue: 'overdue', 'on-time': 'on time', late: 'late' },
  },
} as const;

const CONCLUSION_STATUS = {
  vi: { awaiting: 'Đang chờ kết luận', overdue: 'Quá hạn, chưa có kết luận', 'on-time': 'Ban hành đúng hạn', late: 'Ban hành trễ hạn' },
  en: { awaiting: 'Awaiting conclusions', overdue: 'Overdue: no conclusions', 'on-time': 'Issued on time', late: 'Issued late' },
} as const;

const STATUS = {
  vi: { assigned: 'Đã giao', 'in-progress': 'Đang thực hiện', completed: 'Hoàn thành', cancelled: 'Đã hủy', pending: 'Đang tạo nhiệm vụ' },
  en: { assigned: 'Assigned', 'in-progress': 'In progress', completed: 'Completed', cancelled: 'Cancelled', pending: 'Being created' },
} as const;

const TIMELINESS = {
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
} as const;


function ItemRow({ item, data, lang }: { item: ConclusionItemView; data: MeetingPageData; lang: Lang }) {
  // A confidential conclusion the viewer may not see: its number only (docs/security/meetings.md).
  if (item.hidden || item.unitId === undefined) {
    return (
      <tr>
        <td>{item.n}</td>
        <td>
          <em>{LABELS[lang].hidden}</em>
        </td>
        <td>—</td>
        <td>—</td>
        <td>—</td>
        <td></td>
      </tr>
    );
  }
  const owner = item.assigneeId ? (data.staff[item.assigneeId]?.name ?? item.assigneeId) : (data.units[item.unitId]?.[lang] ?? item.unitId);
  const status = item.status ? STATUS[lang][item.status] : STATUS[lang].pending;
  return (
    <tr>
      <td>{item.n}</td>
      <td>
        {item.text}
        {item.detail ? <div class="detail">{item.detail}</div> : null}
      </td>
      <td>{owner}</td>
      <td>{day(item.assignment?.dueDate ?? item.dueDate ?? '', lang)}</td>
      <td>
        {status}
        {item.timeliness ? (
          <>
            {' '}
            <span class={`badge ${item.timeliness}`}>{TIMELINESS[lang][item.timeliness]}</span>
          </>
        ) : null}
      </td>
      <td>{item.percent === undefined ? '' : `${item.percent}%`}</td>
    </tr>
  );
}

function PreparationSection({ prep, data, lang }: { prep: PreparationView; data: MeetingPageData; lang: Lang }) {
  const t = LABELS[lang];
  const p = prep.programme;
  const name = (id: string) => data.staff[id]?.name ?? id;
  const link = `/meetings/preparations/${encodeURIComponent(prep.id)}${lang === 'en' ? '?lang=en' : ''}`;
  return (
    <section aria-labelledby="h-preparation">
      <h2 id="h-preparation">{t.preparation}</h2>
      <dl class="facts">
        <dt>{t.programme}</dt>
        <dd>
          {p ? `${day(p.meetingOn, lang)} ${p.startTime}${p.endTime ? `–${p.endTime}` : ''}${p.location ? `, ${p.location}` : ''} · ${p.participantIds.map(name).join(', ')}` : t.notYet}
          {prep.programmeStatus ? ' ' : null}
          {prep.programmeStatus ? <span class={`badge ${prep.programmeStatus}`}>{t.prepStatus[prep.programmeStatus]}</span> : null}
        </dd>
        <dt>{t.prepMinutes}</dt>
        <dd>
          {prep.minutes || prep.meeting?.minutes ? instant(prep.minutes?.recordedAt ?? data.meeting.createdAt, lang, data.timeZone) : t.notYet}
          {prep.minutesStatus ? ' ' : null}
          {prep.minutesStatus ? <span class={`badge ${prep.minutesStatus}`}>{t.prepStatus[prep.minutesStatus]}</span> : null}
        </dd>
      </dl>
      {prep.documents.length ? (
        <ul>
          {prep.documents.map((a) => (
            <li>
              <a href={a.url} rel="noopener noreferrer">
                {a.title ?? a.url}
              </a>
            </li>
          ))}
        </ul>
      ) : null}
      {/* One line per file here (the Office may not be among the meeting's people); who and when are on the preparation's page. */}
      {prep.files.length ? (
        <>
          <h3>{t.documentsFiles}</h3>
          <FileList files={prep.files} lang={lang} timeZone={data.timeZone} name={name} compact />
        </>
      ) : null}
      {prep.minutes ? <div class="minutes">{prep.minutes.text}</div> : null}
      {prep.minutes?.files?.length ? (
        <>
          <h3>{t.prepMinutesFiles}</h3>
          <FileList files={prep.minutes.files} lang={lang} timeZone={data.timeZone} name={name} compact />
        </>
      ) : null}
      <p>
        <a href={link}>{t.openPreparation}</a>
      </p>
    </section>
  );
}

export function MeetingPage({ data, lang, viewer, url, awaiting, preparation }: { data: MeetingPageData; lang: Lang; viewer?: Viewer; url?: string; awaiting?: number; preparation?: PreparationView | undefined }) {
  const t = LABELS[lang];
  const m = data.meeting;
  const name = (id: string) => data.staff[id]?.name ?? id;
  const title = `${data.title[lang]}${m.subject ? `: ${m.subject}` : ''}`;
  // The signed-in pages' frame (functions/api/views/layout.tsx): navigation, account, language.
  return (
    <Layout lang={lang} title={`${t.pageTitle} — ${title} — ${day(m.heldOn, lang)}`} url={url ?? `/meetings/${m.id}`} viewer={viewer} organisation={data.organisation} awaiting={awaiting}>
        <div class="meeting">
          <p class="org">{data.organisation[lang]}</p>
          <h1>
            {title} <small>{day(m.heldOn, lang)}</small>
          </h1>
          <dl class="facts">
            <dt>{t.heldOn}</dt>
            <dd>{day(m.heldOn, lang)}</dd>
            <dt>{t.chair}</dt>
            <dd>
              {name(m.chairId)}
              {m.onBehalfOf ? ` (${t.onBehalfOf} ${name(m.onBehalfOf)})` : ''}
            </dd>
            <dt>{t.unit}</dt>
            <dd>{data.units[m.unitId]?.[lang] ?? m.unitId}</dd>
            <dt>{t.participants}</dt>
            <dd>{m.participantIds.length ? m.participantIds.map(name).join(', ') : t.none}</dd>
            <dt>{t.recordedBy}</dt>
            <dd>{name(m.recordedBy)}</dd>
            <dt>{t.dueAt}</dt>
            <dd>{instant(m.conclusionsDueAt, lang, data.timeZone)}</dd>
            <dt>{t.conclusionStatus}</dt>
            <dd>
              <span class={`badge ${m.conclusionStatus}`}>{CONCLUSION_STATUS[lang][m.conclusionStatus]}</span>
            </dd>
            <dt>{t.rule}</dt>
            <dd>
              {`${m.rule} (${m.article}); M3 (Điều 3.4)`}
            </dd>
          </dl>
          {m.minutes || m.files?.length ? (
            <section aria-labelledby="h-minutes">
              <h2 id="h-minutes">{t.minutes}</h2>
              {m.minutes ? <div class="minutes">{m.minutes}</div> : null}
              {m.files?.length ? <FileList files={m.files} lang={lang} timeZone={data.timeZone} name={name} heading={t.minutesFiles} /> : null}
            </section>
          ) : null}
          {m.attachments.length ? (
            <section aria-labelledby="h-attachments">
              <h2 id="h-attachments">{t.attachments}</h2>
              <ul>
                {m.attachments.map((a) => (
                  <li>
                    <a href={a.url} rel="noopener noreferrer">
                      {a.title ?? a.url}
                    </a>
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
          {preparation ? <PreparationSection prep={preparation} data={data} lang={lang} /> : null}
          <section aria-labelledby="h-conclusions">
            <h2 id="h-conclusions">{t.conclusions}</h2>
            {m.conclusions ? (
              <div>
                <p>
                  {t.issuedAt} {instant(m.conclusions.issuedAt, lang, data.timeZone)} — {name(m.conclusions.issuedBy)}
                </p>
                {m.conclusions.summary ? <p class="summary">{m.conclusions.summary}</p> : null}
                {m.conclusions.files?.length ? (
                  <FileList files={m.conclusions.files} lang={lang} timeZone={data.timeZone} name={name} heading={t.conclusionsFiles} />
                ) : null}
                <div class="table-scroll" tabindex={0} role="region" aria-labelledby="h-conclusions">
                  <table class="conclusions">
                    <thead>
                      <tr>
                        <th scope="col">{t.n}</th>
                        <th scope="col">{t.text}</th>
                        <th scope="col">{t.owner}</th>
                        <th scope="col">{t.due}</th>
                        <th scope="col">{t.status}</th>
                        <th scope="col">{t.progress}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {m.items.map((item) => (
                        <ItemRow item={item} data={data} lang={lang} />
                      ))}
                    </tbody>
                  </table>
                </div>
              </div>
            ) : (
              <p>{t.noConclusions}</p>
            )}
          </section>
        </div>
    </Layout>
  );
}
