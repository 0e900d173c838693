/** @jsxImportSource hono/jsx */
/**
 * M6 (Điều 11.1.a): the Office's preparation of one board meeting: the programme (day, time,
 * place, participants, documents as links and files) and the minutes (with their files), each with its deadline and state; the
 * Office's two forms `meeting.programme` and `meeting.minutes` (field names are the API's).
 */
import { instant, periodLabel } from '../../../../shared/domain/format.js';
import type { PreparationStatus, PreparationView } from '../../../../shared/services/meeting-preparation-service.js';
import { ActionForm, SelectField, TextArea, TextField, type FieldContext, type Option } from '../../forms/fields.js';
import { FileField, FileList } from '../../forms/file-field.js';
import type { FormState } from '../../forms/parse.js';
import { day, href } from '../dashboard/i18n.js';
import { Frame } from './frame.js';
import { personName, type DecisionPageContext } from './page-context.js';
import { RF } from './record-files-words.js';

const DOC_ROWS = [0, 1, 2];

export const PREP_LABELS = {
  vi: {
    preparation: 'Văn phòng chuẩn bị cuộc họp',
    expectedOn: 'Ngày họp theo lịch',
    programme: 'Chương trình họp',
    meetingOn: 'Ngày họp',
    startTime: 'Giờ bắt đầu (HH:MM)',
    endTime: 'Giờ kết thúc (HH:MM)',
    time: 'Thời gian',
    location: 'Địa điểm',
    agenda: 'Nội dung',
    participants: 'Thành phần',
    documents: 'Tài liệu (nếu có)',
    docUrl: (n: number) => `Liên kết tài liệu ${n}`,
    docTitle: (n: number) => `Tên tài liệu ${n}`,
    publishedAt: 'Công bố lúc',
    programmeDue: 'Hạn công bố chương trình',
    minutes: 'Biên bản',
    minutesText: 'Nội dung biên bản',
    minutesDue: 'Hạn ghi biên bản',
    recordedAt: 'Ghi lúc',
    notYet: 'Chưa có.',
    meeting: 'Cuộc họp đã ghi nhận',
    rule: 'Căn cứ',
    publish: 'Công bố chương trình',
    saveMinutes: 'Ghi biên bản',
    readOnly: 'Chỉ Văn phòng Sở chuẩn bị cuộc họp (Điều 11.1.a).',
    saved: { 'meeting.programme': 'Đã công bố chương trình họp.', 'meeting.minutes': 'Đã ghi biên bản.' } as Record<string, string>,
    status: { awaiting: 'Chưa đến hạn', overdue: 'Quá hạn', 'on-time': 'Đúng hạn', late: 'Chậm' } as Record<PreparationStatus, string>,
  },
  en: {
    preparation: "The Office's preparation of the meeting",
    expectedOn: 'Scheduled day',
    programme: 'Programme',
    meetingOn: 'Meeting day',
    startTime: 'Starts at (HH:MM)',
    endTime: 'Ends at (HH:MM)',
    time: 'Time',
    location: 'Place',
    agenda: 'Agenda',
    participants: 'Participants',
    documents: 'Documents (if any)',
    docUrl: (n: number) => `Document link ${n}`,
    docTitle: (n: number) => `Document title ${n}`,
    publishedAt: 'Published at',
    programmeDue: 'Programme due by',
    minutes: 'Minutes',
    minutesText: 'Minutes',
    minutesDue: 'Minutes due by',
    recordedAt: 'Recorded at',
    notYet: 'Not yet.',
    meeting: 'Recorded meeting',
    rule: 'Rule',
    publish: 'Publish the programme',
    saveMinutes: 'Record the minutes',
    readOnly: 'Only the Office prepares the meeting (Điều 11.1.a).',
    saved: { 'meeting.programme': 'Programme published.', 'meeting.minutes': 'Minutes recorded.' } as Record<string, string>,
    status: { awaiting: 'Not yet due', overdue: 'Overdue', 'on-time': 'On time', late: 'Late' } as Record<PreparationStatus, string>,
  },
} as const;

const peopleOptions = (ctx: DecisionPageContext): Option[] =>
  Object.entries(ctx.names.staff)
    .map(([id, s]) => ({ value: id, label: s.name, group: ctx.names.units[s.unitId]?.[ctx.lang] ?? s.unitId }))
    .sort((a, b) => a.group.localeCompare(b.group) || a.label.localeCompare(b.label));

function Status({ status, lang }: { status: PreparationStatus | undefined; lang: 'vi' | 'en' }) {
  return status ? (
    <>
      {' '}
      <span class={`badge ${status}`}>{PREP_LABELS[lang].status[status]}</span>
    </>
  ) : null;
}

export function PreparationPage(p: { ctx: DecisionPageContext; prep: PreparationView; form: FormState; formName?: string; ok?: string; maxFileBytes?: number | undefined }) {
  const { ctx, prep } = p;
  const lang = ctx.lang;
  const rf = RF[lang];
  const max = p.maxFileBytes !== undefined ? { maxBytes: p.maxFileBytes } : {};
  const files = (list: PreparationView['files'] | undefined, heading: string) =>
    list?.length ? <FileList files={list} lang={lang} timeZone={ctx.names.timeZone} name={(id) => personName(ctx, id)} heading={heading} /> : null;
  const t = PREP_LABELS[lang];
  const title = `${prep.title[lang]} — ${periodLabel(prep.occurrence, lang)}`;
  const prog = prep.programme;
  const fp: FieldContext = { form: 'programme', state: p.formName === 'meeting.programme' ? p.form : { values: {}, errors: {} }, lang };
  const fm: FieldContext = { form: 'minutes', state: p.formName === 'meeting.minutes' ? p.form : { values: {}, errors: {} }, lang };
  const action = (suffix: string) => href(`/meetings/preparations/${encodeURIComponent(prep.id)}/${suffix}`, {}, lang);
  const time = prog ? `${prog.startTime}${prog.endTime ? `–${prog.endTime}` : ''}` : '';
  return (
    <Frame ctx={ctx} title={title}>
      <div class="page-heading">
        <h1>{title}</h1>
        <p class="subtitle">
          {t.preparation} · {t.rule}: {prep.rule} ({prep.article}.a)
        </p>
      </div>
      {p.ok && t.saved[p.ok] ? <p class="confirmation" role="status">{t.saved[p.ok]}</p> : null}
      <section aria-labelledby="h-programme">
        <h2 id="h-programme">{t.programme}</h2>
        <dl class="facts">
          {prep.expectedOn ? (
            <>
              <dt>{t.expectedOn}</dt>
              <dd>{day(prep.expectedOn, lang)}</dd>
            </>
          ) : null}
          <dt>{t.programmeDue}</dt>
          <dd>
            {prep.programmeDueAt ? instant(prep.programmeDueAt, lang, ctx.names.timeZone) : '—'}
            <Status status={prep.programmeStatus} lang={lang} />
          </dd>
          {prog ? (
            <>
              <dt>{t.meetingOn}</dt>
              <dd>{day(prog.meetingOn, lang)}</dd>
              <dt>{t.time}</dt>
              <dd>{time}</dd>
              {prog.location ? (
                <>
                  <dt>{t.location}</dt>
                  <dd>{prog.location}</dd>
                </>
              ) : null}
              <dt>{t.participants}</dt>
              <dd>{prog.participantIds.map((id) => personName(ctx, id)).join(', ')}</dd>
              {prog.agenda ? (
                <>
                  <dt>{t.agenda}</dt>
                  <dd class="minutes">{prog.agenda}</dd>
                </>
              ) : null}
              <dt>{t.publishedAt}</dt>
              <dd>
                {instant(prog.publishedAt, lang, ctx.names.timeZone)} — {personName(ctx, prog.publishedBy)}
              </dd>
            </>
          ) : (
            <>
              <dt>{t.programme}</dt>
              <dd>{t.notYet}</dd>
            </>
          )}
        </dl>
        {prep.documents.length ? (
          <>
            <h3>{t.documents}</h3>
            <ul>
              {prep.documents.map((d) => (
                <li>
                  <a href={d.url} rel="noopener noreferrer">
                    {d.title ?? d.url}
                  </a>
                </li>
              ))}
            </ul>
          </>
        ) : null}
        {files(prep.files, rf.documentsFiles)}
      </section>
      <section aria-labelledby="h-prep-minutes">
        <h2 id="h-prep-minutes">{t.minutes}</h2>
        <dl class="facts">
          {prep.meeting ? (
            <>
              <dt>{t.meeting}</dt>
              <dd>
                <a href={href(`/meetings/${encodeURIComponent(prep.meeting.id)}`, {}, lang)}>{day(prep.meeting.heldOn, lang)}</a>
              </dd>
            </>
          ) : null}
          <dt>{t.minutesDue}</dt>
          <dd>
            {prep.minutesDueAt ? instant(prep.minutesDueAt, lang, ctx.names.timeZone) : '—'}
            <Status status={prep.minutesStatus} lang={lang} />
          </dd>
          {prep.minutes ? (
            <>
              <dt>{t.recordedAt}</dt>
              <dd>
                {instant(prep.minutes.recordedAt, lang, ctx.names.timeZone)} — {personName(ctx, prep.minutes.recordedBy)}
              </dd>
            </>
          ) : null}
        </dl>
        {prep.minutes ? <div class="minutes">{prep.minutes.text}</div> : prep.meeting?.minutes ? <div class="minutes">{prep.meeting.minutes}</div> : <p>{t.notYet}</p>}
        {files(prep.minutes?.files, rf.minutesFiles)}
      </section>
      {prep.mayEdit ? (
        <section class="actions">
          <ActionForm f={fp} name="meeting.programme" action={action('programme')} csrf={ctx.csrf} submit={t.publish} version={prep.version} heading={t.programme}>
            <TextField f={fp} name="meetingOn" type="date" label={t.meetingOn} value={prog?.meetingOn ?? prep.expectedOn ?? prep.window.start} required min={prep.window.start} max={prep.window.end} />
            <TextField f={fp} name="startTime" label={t.startTime} value={prog?.startTime ?? '08:00'} required maxlength={5} />
            <TextField f={fp} name="endTime" label={t.endTime} value={prog?.endTime} maxlength={5} />
            <TextField f={fp} name="location" label={t.location} value={prog?.location} maxlength={300} />
            <SelectField f={fp} name="participantIds" label={t.participants} multiple required values={prog?.participantIds ?? []} options={peopleOptions(ctx)} />
            <TextArea f={fp} name="agenda" label={t.agenda} value={prog?.agenda ?? ''} rows={4} maxlength={5000} />
            {DOC_ROWS.map((i) => (
              <fieldset class="field">
                <legend>{t.documents}</legend>
                <TextField f={fp} name={`documents.${i}.url`} type="url" label={t.docUrl(i + 1)} value={prep.documents[i]?.url} maxlength={2000} />
                <TextField f={fp} name={`documents.${i}.title`} label={t.docTitle(i + 1)} value={prep.documents[i]?.title} maxlength={300} />
              </fieldset>
            ))}
            <FileField f={fp} label={rf.documentsFiles} hint={prep.files.length ? rf.documentsFilesHint : undefined} {...max} />
          </ActionForm>
          <ActionForm f={fm} name="meeting.minutes" action={action('minutes')} csrf={ctx.csrf} submit={t.saveMinutes} version={prep.version} heading={t.minutes}>
            <TextArea f={fm} name="text" label={t.minutesText} value={prep.minutes?.text ?? ''} required rows={8} maxlength={20000} />
            <FileField f={fm} label={rf.minutesFiles} hint={prep.minutes?.files?.length ? rf.minutesFilesHint : undefined} {...max} />
          </ActionForm>
        </section>
      ) : (
        <p>{t.readOnly}</p>
      )}
    </Frame>
  );
}
