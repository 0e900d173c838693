/** @jsxImportSource hono/jsx */
/**
 * The board's matters (A5, Điều 3.2): the year's list with `board-matter.raise`, and a matter's
 * page — its category, the board meeting or circulated draft on record, the opinions, the
 * decision and its basis, the history — with `board-matter.meeting`, `board-matter.circulate`,
 * `board-matter.opinion` and `board-matter.decide` for whoever may use each now. Field names are
 * the API's (category, title, year; meetingId; closesOn, draft; opinion; text, decidedOn).
 */
import type { AuditEvent } from '../../../../shared/domain/assignment.js';
import { missingEvidenceDetail, type BoardMatter, type MissingEvidence } from '../../../../shared/domain/board-matter.js';
import { ActionForm, SelectField, TextArea, TextField, type FieldContext } from '../../forms/fields.js';
import type { FormState } from '../../forms/parse.js';
import { day, href, instant } from '../dashboard/i18n.js';
import { BM } from './board-matter-words.js';
import { Frame } from './frame.js';
import { personName, type DecisionPageContext } from './page-context.js';

type LocalText = { readonly vi: string; readonly en: string };
export type MatterView = Omit<BoardMatter, 'orgId'> & { readonly missingEvidence?: MissingEvidence; readonly awaitingOpinionIds: readonly string[] };
export type BoardMatterForm = 'meeting' | 'circulate' | 'opinion' | 'decide';

const empty: FormState = { values: {}, errors: {} };

export function BoardMattersPage(p: {
  ctx: DecisionPageContext;
  year: number;
  items: readonly MatterView[];
  categories: readonly { id: string; title: LocalText }[];
  form: FormState;
  idem: string;
}) {
  const { ctx } = p;
  const w = BM[ctx.lang];
  const f: FieldContext = { form: 'raise', state: p.form, lang: ctx.lang };
  const titleOf = (id: string) => p.categories.find((c) => c.id === id)?.title[ctx.lang] ?? id;
  return (
    <Frame ctx={ctx} title={w.listTitle}>
      <div class="page-heading">
        <h1>
          {w.listTitle} — {w.year} {String(p.year)}
        </h1>
        <p class="subtitle">{w.listIntro}</p>
      </div>
      <section aria-labelledby="h-matters">
        <h2 id="h-matters">
          {w.listTitle} <span class="count-badge">{String(p.items.length)}</span>
        </h2>
        {p.items.length === 0 ? <p class="empty">{w.none}</p> : null}
        <ul class="decision-list">
          {[...p.items].reverse().map((m) => (
            <li class="decision" data-id={m.id}>
              <h3>
                <a href={href(`/board-matters/${encodeURIComponent(m.id)}`, {}, ctx.lang)}>{m.title}</a>
              </h3>
              <p class="decision-meta">
                {titleOf(m.category)} · <span class={`badge ${m.decision ? 'submitted' : 'pending'}`}>{m.decision ? w.statusDecided : w.statusOpen}</span>
                {!m.decision && m.missingEvidence ? ` · ${w.missing[m.missingEvidence.kind]}` : ''}
                {m.decision?.missingEvidence ? ` · ${w.flagged}` : ''}
              </p>
            </li>
          ))}
        </ul>
      </section>
      <section class="actions">
        <ActionForm f={f} name="board-matter.raise" action={href('/board-matters', {}, ctx.lang)} csrf={ctx.csrf} submit={w.raise} idem={p.idem} heading={w.raise}>
          <SelectField f={f} name="category" label={w.category} required options={p.categories.map((c) => ({ value: c.id, label: c.title[ctx.lang] }))} />
          <TextArea f={f} name="title" label={w.title} required rows={2} maxlength={500} />
        </ActionForm>
      </section>
    </Frame>
  );
}

export interface BoardMatterPageData {
  readonly matter: MatterView & { readonly history: readonly AuditEvent[] };
  readonly category: { readonly id: string; readonly title: LocalText; readonly article: string };
  readonly article: string;
  readonly earliestClose: string;
  readonly meetings: readonly { id: string; kind: string; heldOn: string; subject?: string }[];
  readonly may: { readonly linkMeeting: boolean; readonly circulate: boolean; readonly giveOpinion: boolean; readonly decide: boolean };
}

export function BoardMatterPage(p: { ctx: DecisionPageContext; data: BoardMatterPageData; posted?: { form: BoardMatterForm; state: FormState } | undefined }) {
  const { ctx, data } = p;
  const { matter: m } = data;
  const w = BM[ctx.lang];
  const lang = ctx.lang;
  const tz = ctx.names.timeZone;
  const at = (iso: string) => instant(iso, lang, tz);
  const f = (form: BoardMatterForm): FieldContext => ({ form, state: p.posted?.form === form ? p.posted.state : empty, lang });
  const kindName = (kind: string) => ctx.names.meetingKinds[kind]?.[lang] ?? kind;
  const c = m.circulation;
  const d = m.decision;
  const base = `/board-matters/${encodeURIComponent(m.id)}`;
  const basis = m.meeting
    ? w.basisMeeting(kindName(m.meeting.meetingKind), day(m.meeting.heldOn, lang))
    : c
      ? w.basisCirculation(at(c.closesAt))
      : '—';
  return (
    <Frame ctx={ctx} title={`${w.listTitle}: ${m.title}`}>
      <div class="page-heading">
        <h1>{m.title}</h1>
        <p class="subtitle">
          <span class={`badge ${d ? 'submitted' : 'pending'}`}>{d ? w.statusDecided : w.statusOpen}</span> · {data.category.title[lang]} ({data.category.article})
        </p>
      </div>
      <dl class="facts">
        <dt>{w.category}</dt>
        <dd>{data.category.title[lang]}</dd>
        <dt>{w.year}</dt>
        <dd>{String(m.year)}</dd>
        <dt>{w.raisedBy}</dt>
        <dd>
          {personName(ctx, m.raisedBy)} · {at(m.raisedAt)}
        </dd>
      </dl>

      <section aria-labelledby="h-evidence">
        <h2 id="h-evidence">{w.evidence}</h2>
        {!m.meeting && !c ? <p>{w.nothingYet}</p> : null}
        {m.meeting || c ? (
        <dl class="facts">
          {m.meeting ? (
            <>
              <dt>{w.meeting}</dt>
              <dd>
                {kindName(m.meeting.meetingKind)}, {w.heldOn} {day(m.meeting.heldOn, lang)}
              </dd>
            </>
          ) : null}
          {c ? (
            <>
              <dt>{w.circulation}</dt>
              <dd>
                {personName(ctx, c.circulatedBy)} · {at(c.circulatedAt)}
              </dd>
              <dt>{w.closesAt}</dt>
              <dd>{at(c.closesAt)}</dd>
              <dt>{w.asked}</dt>
              <dd>{c.askedIds.map((id) => personName(ctx, id)).join(', ')}</dd>
              {c.draft ? (
                <>
                  <dt>{w.draft}</dt>
                  <dd>{c.draft}</dd>
                </>
              ) : null}
            </>
          ) : null}
        </dl>
        ) : null}
        {c ? (
          <>
            <h3>{w.opinions}</h3>
            {m.opinions.length === 0 ? <p>{w.noOpinions}</p> : null}
            <ul class="history-list" id="opinions">
              {m.opinions.map((o) => (
                <li data-staff={o.staffId}>
                  <p>
                    <strong>{personName(ctx, o.staffId)}</strong> · <time>{at(o.givenAt)}</time>
                  </p>
                  <p>{o.opinion}</p>
                </li>
              ))}
            </ul>
            {!d && m.awaitingOpinionIds.length ? (
              <p>
                {w.awaitingOpinion}: {m.awaitingOpinionIds.map((id) => personName(ctx, id)).join(', ')}
              </p>
            ) : null}
          </>
        ) : null}
        {!d && m.missingEvidence ? (
          <div class="actions">
            <div class="form-message state" role="note" id="missing-evidence">
              <p>
                {w.cannotDecide} {missingEvidenceDetail(m.missingEvidence, data.article, tz, lang, (id) => personName(ctx, id))}
              </p>
            </div>
          </div>
        ) : null}
      </section>

      {d ? (
        <section aria-labelledby="h-decision">
          <h2 id="h-decision">{w.decision}</h2>
          <dl class="facts">
            <dt>{w.decisionText}</dt>
            <dd>{d.text}</dd>
            <dt>{w.decidedBy}</dt>
            <dd>
              {personName(ctx, d.decidedBy)} · {at(d.decidedAt)}
            </dd>
            <dt>{w.basis}</dt>
            <dd>{d.missingEvidence ? <strong>{w.flagged}</strong> : basis}</dd>
            {d.afterTheFact ? (
              <>
                <dt>{w.afterTheFact}</dt>
                <dd>{at(d.recordedAt)}</dd>
              </>
            ) : null}
          </dl>
        </section>
      ) : null}

      {data.may.linkMeeting || data.may.circulate || data.may.giveOpinion || data.may.decide ? (
        <section class="actions">
          {data.may.giveOpinion ? (
            <ActionForm f={f('opinion')} name="board-matter.opinion" action={href(`${base}/opinion`, {}, lang)} csrf={ctx.csrf} submit={w.giveOpinion} heading={w.opinion}>
              <TextArea f={f('opinion')} name="opinion" label={w.opinion} required rows={3} maxlength={5000} />
            </ActionForm>
          ) : null}
          {data.may.linkMeeting ? (
            data.meetings.length ? (
              <ActionForm f={f('meeting')} name="board-matter.meeting" action={href(`${base}/meeting`, {}, lang)} csrf={ctx.csrf} submit={w.linkMeeting} version={m.version} heading={w.linkMeeting}>
                <SelectField
                  f={f('meeting')}
                  name="meetingId"
                  label={w.meetingField}
                  required
                  options={data.meetings.map((x) => ({ value: x.id, label: `${kindName(x.kind)} — ${day(x.heldOn, lang)}${x.subject ? ` — ${x.subject}` : ''}` }))}
                />
              </ActionForm>
            ) : (
              <p class="muted">
                {w.noMeetings} <a href={href('/meetings', {}, lang)}>{w.recordMeeting}</a>
              </p>
            )
          ) : null}
          {data.may.circulate ? (
            <ActionForm f={f('circulate')} name="board-matter.circulate" action={href(`${base}/circulation`, {}, lang)} csrf={ctx.csrf} submit={w.circulate} version={m.version} heading={w.circulate}>
              <TextField f={f('circulate')} name="closesOn" type="date" label={w.closesOn} required min={data.earliestClose} value={data.earliestClose} hint={w.closesHint(day(data.earliestClose, lang))} />
              <TextArea f={f('circulate')} name="draft" label={w.draft} rows={5} maxlength={20000} />
            </ActionForm>
          ) : null}
          {data.may.decide ? (
            <ActionForm f={f('decide')} name="board-matter.decide" action={href(`${base}/decision`, {}, lang)} csrf={ctx.csrf} submit={w.decide} version={m.version} heading={w.decide}>
              <TextArea f={f('decide')} name="text" label={w.decisionText} required rows={3} maxlength={5000} />
              <TextField f={f('decide')} name="decidedOn" type="date" label={w.decidedOn} max={ctx.names.today} hint={w.decidedOnHint} />
            </ActionForm>
          ) : null}
        </section>
      ) : null}

      <section aria-labelledby="h-history">
        <h2 id="h-history">{w.history}</h2>
        <ol class="history-list">
          {[...m.history].reverse().map((e) => (
            <li>
              <p>
                <strong>{w.actions[e.action] ?? e.action}</strong> · {personName(ctx, e.actorId)} · <time>{at(e.at)}</time>
              </p>
              {historyDetail(e) ? <p class="muted">{historyDetail(e)}</p> : null}
            </li>
          ))}
        </ol>
      </section>
      <p>
        <a href={href('/board-matters', { year: String(m.year) }, lang)}>{w.back}</a>
      </p>
    </Frame>
  );
}

function historyDetail(e: AuditEvent): string {
  const d = e.data as Record<string, unknown>;
  const decision = d.decision as { text?: string } | undefined;
  return [d.opinion, decision?.text].filter((x): x is string => typeof x === 'string' && x.length > 0).join(' — ');
}
