/** @jsxImportSource hono/jsx */
/**
 * A3 (Điều 4.1.2) on "Việc của tôi": the reports back a deputy director owes on the director's
 * authority he held (period, deadline, and the form `delegation.report-back`), and for the director
 * the reports back received. The form posts to the same service method as
 * POST /v1/delegations/{id}/report-back.
 */
import type { ReportBack } from '../../../../shared/domain/delegation-report.js';
import { day, instant, type Lang } from '../../../../shared/domain/format.js';
import { withLang } from '../../forms/action.js';
import { ActionForm, TextArea, type FieldContext } from '../../forms/fields.js';
import type { FormState } from '../../forms/parse.js';
import { BM } from '../decisions/board-matter-words.js';

export interface ReportBackOwedRow {
  readonly delegationId: string;
  readonly delegatorId: string;
  readonly from: string;
  readonly to: string;
  readonly endedOn: string;
  readonly dueOn: string;
  readonly dueAt: string;
  readonly status: string;
  readonly article: string;
}

export interface ReportBackReceivedRow {
  readonly delegationId: string;
  readonly delegateId: string;
  readonly from: string;
  readonly to: string;
  readonly reportBack: ReportBack;
}

export interface ReportBackData {
  readonly owed: readonly ReportBackOwedRow[];
  readonly received: readonly ReportBackReceivedRow[];
}

export function ReportBackSection(p: {
  lang: Lang;
  csrf: string;
  timeZone: string;
  name: (id: string) => string;
  data: ReportBackData;
  ok?: string | undefined;
  /** The form re-rendered with its errors (its delegation id and state). */
  failed?: { delegationId: string; state: FormState } | undefined;
}) {
  const { lang, data } = p;
  const w = BM[lang];
  const confirmation = p.ok ? w.confirm[p.ok] : undefined;
  if (data.owed.length === 0 && data.received.length === 0 && !confirmation) return null;
  return (
    <section aria-labelledby="h-report-back" class="report-back" id="report-back">
      {confirmation ? (
        <p class="notice" role="status">
          {confirmation}
        </p>
      ) : null}
      {data.owed.length ? (
        <>
          <h2 id="h-report-back">{w.reportsBackOwed}</h2>
          <p class="muted">{w.reportsBackIntro}</p>
          <ul class="decision-list">
            {data.owed.map((o) => {
              const f: FieldContext = { form: `report-back-${o.delegationId}`, state: p.failed?.delegationId === o.delegationId ? p.failed.state : { values: {}, errors: {} }, lang };
              return (
                <li class="decision" data-id={o.delegationId}>
                  <h3>
                    {w.delegationPeriod}: {day(o.from, lang)} – {day(o.to, lang)}
                    {o.endedOn !== o.to ? ` (${day(o.endedOn, lang)})` : ''}
                  </h3>
                  <p class="decision-meta">
                    {w.reportBackDue}: {instant(o.dueAt, lang)}
                    {o.status === 'missing' ? (
                      <>
                        {' '}
                        <span class="badge overdue">{w.overdue}</span>
                      </>
                    ) : null}
                  </p>
                  <div class="actions">
                  <ActionForm f={f} name="delegation.report-back" action={withLang(`/my-work/report-back/${encodeURIComponent(o.delegationId)}`, lang)} csrf={p.csrf} submit={w.submitReportBack}>
                    <TextArea f={f} name="content" label={w.reportBackContent} required rows={4} maxlength={20000} />
                  </ActionForm>
                  </div>
                </li>
              );
            })}
          </ul>
        </>
      ) : null}
      {data.received.length ? (
        <>
          <h2 id={data.owed.length ? 'h-report-back-received' : 'h-report-back'}>{w.reportsBackReceived}</h2>
          <ul class="decision-list">
            {data.received.map((r) => (
              <li class="decision" data-id={r.delegationId}>
                <h3>
                  {p.name(r.delegateId)} · {day(r.from, lang)} – {day(r.to, lang)}
                </h3>
                <p class="decision-meta">
                  {w.submittedAt} {instant(r.reportBack.submittedAt, lang, p.timeZone)}
                  {r.reportBack.late ? (
                    <>
                      {' '}
                      <span class="badge late">{w.late}</span>
                    </>
                  ) : null}
                </p>
                <p>{r.reportBack.content}</p>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
