/** @jsxImportSource hono/jsx */
/**
 * Reports (issue #16): what the person owes this week and this month with `report.submit`, and a
 * report's page with the recipient's `report.acknowledge` / `report.return` and the approver's
 * `plan.decision`. Field names are the API's: content, attachments.N.url, comment, approve.
 */
import type { MissingEvidence } from '../../../../shared/domain/board-matter.js';
import type { FileRef } from '../../../../shared/domain/files.js';
import { ActionForm, ApproveField, SelectField, TextArea, TextField, type FieldContext } from '../../forms/fields.js';
import { FileField, FileList } from '../../forms/file-field.js';
import type { FormState } from '../../forms/parse.js';
import { day, href, instant } from '../dashboard/i18n.js';
import { Frame } from './frame.js';
import { BM } from './board-matter-words.js';
import { D, periodLabel } from './i18n.js';
import { personName, type DecisionPageContext } from './page-context.js';
import { RF } from './record-files-words.js';

export interface ObligationRow {
  readonly obligationId: string;
  readonly kind: 'report' | 'plan';
  readonly title: { readonly vi: string; readonly en: string };
  readonly period: string;
  readonly dueAt: string;
  readonly status: string;
  readonly reportId?: string | undefined;
  readonly reviewStatus?: string | undefined;
  readonly recipients: readonly string[];
}

const empty: FormState = { values: {}, errors: {} };
const ATTACHMENT_ROWS = [0, 1, 2];

function submitHref(lang: 'vi' | 'en', o: { obligationId: string; period: string }) {
  return href('/reports/new', { obligationId: o.obligationId, period: o.period }, lang);
}

export function ReportsPage(p: { ctx: DecisionPageContext; groups: readonly { title: string; items: readonly ObligationRow[] }[] }) {
  const { ctx } = p;
  const d = D[ctx.lang];
  return (
    <Frame ctx={ctx} title={d.reportsTitle}>
      <div class="page-heading">
        <h1>{d.reportsTitle}</h1>
      </div>
      {p.groups.map((g, n) => (
        <section aria-labelledby={`owed-${n}`}>
          <h2 id={`owed-${n}`}>{g.title}</h2>
          {g.items.length === 0 ? <p>{d.owedNone}</p> : null}
          <ul class="decision-list">
            {g.items.map((o) => (
              <li class="decision" data-obligation={o.obligationId} data-period={o.period}>
                <h3>{o.title[ctx.lang]}</h3>
                <p class="decision-meta">
                  {d.period}: {periodLabel(o.period, ctx.lang)} · {d.deadline}: {instant(o.dueAt, ctx.lang)} · {d.recipients}: {o.recipients.map((id) => personName(ctx, id)).join(', ') || '—'}
                </p>
                <p>
                  <span class={`badge ${o.status}`}>{d.obligationStatus[o.status] ?? o.status}</span>
                  {o.reviewStatus ? ` · ${d.reviewStatus[o.reviewStatus] ?? o.reviewStatus}` : ''}
                </p>
                <p>
                  {o.reportId ? (
                    <a href={href(`/reports/${encodeURIComponent(o.reportId)}`, {}, ctx.lang)}>{d.revisions}</a>
                  ) : null}
                  {o.reportId ? ' · ' : ''}
                  {!o.reportId || o.reviewStatus === 'returned' ? (
                    <a class="button-link" href={submitHref(ctx.lang, o)}>
                      {d.submit}
                      <span class="visually-hidden">: {o.title[ctx.lang]} {o.period}</span>
                    </a>
                  ) : null}
                </p>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </Frame>
  );
}

export function SubmitReportPage(p: {
  ctx: DecisionPageContext;
  obligation: ObligationRow;
  form: FormState;
  idem: string;
  version?: number | undefined;
  approved?: boolean;
  /** The rulebook's largest file (files.maxBytes). */
  maxFileBytes?: number | undefined;
}) {
  const { ctx, obligation: o } = p;
  const d = D[ctx.lang];
  const f: FieldContext = { form: 'submit', state: p.form, lang: ctx.lang };
  return (
    <Frame ctx={ctx} title={`${d.submit}: ${o.title[ctx.lang]}`}>
      <div class="page-heading">
        <h1>{o.title[ctx.lang]}</h1>
        <p class="subtitle">
          {d.period}: {periodLabel(o.period, ctx.lang)} · {d.deadline}: {instant(o.dueAt, ctx.lang)}
        </p>
      </div>
      <section class="actions">
        <ActionForm
          f={f}
          name="report.submit"
          action={href('/reports', {}, ctx.lang)}
          csrf={ctx.csrf}
          submit={d.submit}
          idem={p.idem}
          version={p.version}
          heading={d.submit}
          hidden={{ obligationId: o.obligationId, period: o.period }}
        >
          <TextArea f={f} name="content" label={d.content} required rows={8} maxlength={20000} />
          {ATTACHMENT_ROWS.map((i) => (
            <TextField f={f} name={`attachments.${i}.url`} type="url" label={`${d.attachmentUrl} ${i + 1}`} maxlength={2000} />
          ))}
          <FileField f={f} label={RF[ctx.lang][o.kind === 'plan' ? 'planFiles' : 'reportFiles']} {...(p.maxFileBytes !== undefined ? { maxBytes: p.maxFileBytes } : {})} />
          {p.approved ? <TextArea f={f} name="reason" label={d.changeReason} required rows={3} maxlength={5000} /> : null}
        </ActionForm>
      </section>
      <p>
        <a href={href('/reports', {}, ctx.lang)}>{d.back}</a>
      </p>
    </Frame>
  );
}

export interface ReportDetail {
  readonly id: string;
  readonly kind: 'report' | 'plan';
  readonly title: { readonly vi: string; readonly en: string };
  readonly staffId: string;
  readonly recipients: readonly string[];
  readonly period?: string;
  readonly dueAt: string;
  readonly reviewStatus: string;
  readonly version: number;
  readonly revisions: readonly {
    revision: number;
    content: string;
    attachments: readonly { url: string; title?: string }[];
    files?: readonly FileRef[];
    submittedAt: string;
    late: boolean;
    status: string;
    review?: { action: string; by: string; comment?: string };
  }[];
  readonly obligationId: string;
}

export type ReportForm = 'acknowledge' | 'return' | 'plan';

/** A5 (Điều 3.2): the board matters a plan's approval may rest on, when the rulebook says it needs one. */
export interface ApprovalBases {
  readonly category: { readonly id: string; readonly title: { readonly vi: string; readonly en: string } };
  readonly article: string;
  readonly items: readonly { id: string; title: string; year: number; meetingHeldOn?: string; missingEvidence?: MissingEvidence }[];
}

/** The `boardMatterId` choice: each matter with whether the board's discussion is on record, and where to record one. */
function BoardMatterChoice(p: { f: FieldContext; bases: ApprovalBases }) {
  const { lang } = p.f;
  const w = BM[lang];
  const category = p.bases.category.title[lang];
  const label = (m: ApprovalBases['items'][number]) =>
    `${m.title} (${m.year}) — ${m.missingEvidence ? (w.missing[m.missingEvidence.kind] ?? m.missingEvidence.kind) : `${w.basisOnRecord}${m.meetingHeldOn ? ` (${w.heldOn} ${day(m.meetingHeldOn, lang)})` : ''}`}`;
  const onRecord = p.bases.items.some((m) => !m.missingEvidence);
  return (
    <div class="board-basis">
      {p.bases.items.length ? (
        <SelectField
          f={p.f}
          name="boardMatterId"
          label={w.basisLabel}
          hint={w.basisHint(category, p.bases.article)}
          empty={w.basisChoose}
          options={p.bases.items.map((m) => ({ value: m.id, label: label(m) }))}
        />
      ) : (
        <p class="hint">
          {w.basisHint(category, p.bases.article)} {w.basisNone(category)}
        </p>
      )}
      {onRecord ? null : (
        <p>
          <a href={href('/board-matters', {}, lang)}>{w.basisRecord}</a>
        </p>
      )}
    </div>
  );
}

export function ReportPage(p: {
  ctx: DecisionPageContext;
  report: ReportDetail;
  answers: { acknowledge: boolean; decidePlan: boolean };
  /** Only when the plan's approval must rest on a board matter (A5, Điều 3.2). */
  bases?: ApprovalBases | undefined;
  posted?: { form: ReportForm; state: FormState } | undefined;
}) {
  const { ctx, report: r } = p;
  const d = D[ctx.lang];
  const f = (form: ReportForm): FieldContext => ({ form, state: p.posted?.form === form ? p.posted.state : empty, lang: ctx.lang });
  const ack = f('acknowledge');
  const ret = f('return');
  const plan = f('plan');
  const base = `/reports/${encodeURIComponent(r.id)}`;
  return (
    <Frame ctx={ctx} title={r.title[ctx.lang]}>
      <div class="page-heading">
        <h1>{r.title[ctx.lang]}</h1>
        <p class="subtitle">
          <span class={`badge ${r.reviewStatus}`}>{d.reviewStatus[r.reviewStatus] ?? r.reviewStatus}</span>
        </p>
      </div>
      <dl class="facts">
        <dt>{d.author}</dt>
        <dd>{personName(ctx, r.staffId)}</dd>
        <dt>{d.recipients}</dt>
        <dd>{r.recipients.map((id) => personName(ctx, id)).join(', ') || '—'}</dd>
        {r.period ? (
          <>
            <dt>{d.period}</dt>
            <dd>{periodLabel(r.period, ctx.lang)}</dd>
          </>
        ) : null}
        <dt>{d.deadline}</dt>
        <dd>{instant(r.dueAt, ctx.lang)}</dd>
      </dl>
      <section aria-labelledby="h-revisions">
        <h2 id="h-revisions">{d.revisions}</h2>
        <ol class="revisions">
          {[...r.revisions].reverse().map((rev) => (
            <li>
              <p class="decision-meta">
                {d.revision} {String(rev.revision)} · {d.submittedAt} {instant(rev.submittedAt, ctx.lang)} ({rev.late ? d.lateMark : d.onTimeMark})
                {rev.review ? ` · ${d.reviewStatus[rev.review.action] ?? rev.review.action}: ${personName(ctx, rev.review.by)}${rev.review.comment ? ` — ${rev.review.comment}` : ''}` : ''}
              </p>
              <p class="report-content">{rev.content}</p>
              {rev.attachments.length ? (
                <ul>
                  {rev.attachments.map((a) => (
                    <li>
                      <a href={a.url} rel="noopener noreferrer">
                        {a.title ?? a.url}
                      </a>
                    </li>
                  ))}
                </ul>
              ) : null}
              {rev.files?.length ? (
                <FileList files={rev.files} lang={ctx.lang} timeZone={ctx.names.timeZone} name={(id) => personName(ctx, id)} heading={RF[ctx.lang].revisionFiles} />
              ) : null}
            </li>
          ))}
        </ol>
      </section>
      {p.answers.acknowledge ? (
        <section class="actions" aria-label={d.acknowledge}>
          <ActionForm f={ack} name="report.acknowledge" action={href(`${base}/acknowledge`, {}, ctx.lang)} csrf={ctx.csrf} submit={d.acknowledge} version={r.version} heading={d.acknowledge}>
            <TextArea f={ack} name="comment" label={d.comment} rows={2} maxlength={5000} />
          </ActionForm>
          <ActionForm f={ret} name="report.return" action={href(`${base}/return`, {}, ctx.lang)} csrf={ctx.csrf} submit={d.returnReport} version={r.version} heading={d.returnReport}>
            <TextArea f={ret} name="comment" label={d.returnComment} required rows={3} maxlength={5000} />
          </ActionForm>
        </section>
      ) : null}
      {p.answers.decidePlan ? (
        <section class="actions" aria-label={d.planDecision}>
          <ActionForm f={plan} name="plan.decision" action={href(`${base}/decision`, {}, ctx.lang)} csrf={ctx.csrf} submit={d.planDecision} version={r.version} heading={d.planDecision}>
            <ApproveField f={plan} legend={d.decision} yes={d.approvePlan} no={d.returnPlan} />
            {p.bases ? <BoardMatterChoice f={plan} bases={p.bases} /> : null}
            <TextArea f={plan} name="comment" label={d.comment} hint={d.planCommentHint} rows={3} maxlength={5000} />
          </ActionForm>
        </section>
      ) : null}
      <p>
        <a href={href('/decisions', {}, ctx.lang)}>{d.back}</a>
      </p>
    </Frame>
  );
}

export { day };
