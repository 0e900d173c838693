/** @jsxImportSource hono/jsx */
// Long file: one feature, the outgoing documents; desk, document and register share the card, the steps and the facts.
/**
 * Outgoing documents on the pages (D4, D5; Điều 9.1.1, 9.1.3, 9.1.8, 12, 13): the desk (draft, what
 * waits for me, my drafts), one document with its steps, history and the forms of the steps the
 * viewer may take now, and the Office's register. Field names are the API body's:
 * title, kind, scope, fieldId, confidentiality; note; signerId, form; recipients; originalRef; reason.
 */
import type { Child } from 'hono/jsx';
import type { AuditEvent } from '../../../../shared/domain/assignment.js';
import { formatInstant } from '../../../../shared/domain/local-time.js';
import type { OutgoingAction, OutgoingDocument } from '../../../../shared/domain/outgoing-document.js';
import { ActionForm, SelectField, TextArea, TextField, type FieldContext } from '../../forms/fields.js';
import { emptyForm, type FormState } from '../../forms/parse.js';
import { day, href, instant, type Lang } from '../dashboard/i18n.js';
import type { DecisionPageContext } from '../decisions/page-context.js';
import { personName, unitName } from '../decisions/page-context.js';
import { Layout } from '../layout.js';
import { O } from './outgoing-words.js';

type Doc = OutgoingDocument;
const docHref = (id: string, lang: Lang) => href(`/outgoing/${encodeURIComponent(id)}`, {}, lang);

function OutgoingFrame(p: { ctx: DecisionPageContext; title: string; children: Child }) {
  const { ctx } = p;
  return (
    <Layout lang={ctx.lang} title={p.title} url={ctx.url} viewer={ctx.viewer} organisation={ctx.names.organisation} awaiting={ctx.awaiting} current="outgoing">
      {ctx.confirmation ? (
        <p class="notice" role="status">
          {ctx.confirmation}
        </p>
      ) : null}
      {p.children}
    </Layout>
  );
}

const when = (ctx: DecisionPageContext, iso: string | undefined) => (iso ? instant(iso, ctx.lang, ctx.names.timeZone) : '—');
const isLate = (d: Pick<Doc, 'status' | 'stepDueAt'>, now: string) => d.status !== 'filed' && !!d.stepDueAt && d.stepDueAt < now;

/** One document as a card: title, status, current step with its owner and deadline. */
function DocCard({ ctx, d, now }: { ctx: DecisionPageContext; d: Doc; now: string }) {
  const o = O[ctx.lang];
  const late = isLate(d, now);
  return (
    <li class="decision" data-id={d.id} data-status={d.status}>
      <h3>
        <a href={docHref(d.id, ctx.lang)}>{d.title}</a>
      </h3>
      <p class="decision-meta">
        <span class={`badge ${late ? 'late' : d.status === 'returned' ? 'overdue' : 'awaiting'}`}>{o.statuses[d.status] ?? d.status}</span> · {o.kinds[d.kind] ?? d.kind}
        {d.number ? ` · ${o.number}: ${d.number}` : ''}
      </p>
      <dl class="decision-facts">
        {d.status !== 'filed' ? (
          <>
            <dt>{o.currentStep}</dt>
            <dd>{o.nextStep[d.status] ?? d.status}</dd>
            <dt>{o.owner}</dt>
            <dd>{personName(ctx, d.ownerId) || '—'}</dd>
            <dt>{o.deadline}</dt>
            <dd>
              {when(ctx, d.stepDueAt)}
              {late ? ` (${o.late})` : ''}
            </dd>
          </>
        ) : null}
        <dt>{o.unit}</dt>
        <dd>{unitName(ctx, d.unitId)}</dd>
      </dl>
    </li>
  );
}

export interface DeskData {
  readonly mine: readonly Doc[];
  readonly drafted: readonly Doc[];
  readonly fields: readonly { id: string; name: { vi: string; en: string } }[];
  readonly registers: readonly string[];
  readonly idem: string;
  /** The business now, ISO (lateness). */
  readonly now: string;
}

export function OutgoingDeskPage(p: { ctx: DecisionPageContext; data: DeskData; form: FormState }) {
  const { ctx, data } = p;
  const o = O[ctx.lang];
  const f: FieldContext = { form: 'draft', state: p.form, lang: ctx.lang };
  const options = (words: Record<string, string>) => Object.entries(words).map(([value, label]) => ({ value, label }));
  return (
    <OutgoingFrame ctx={ctx} title={o.deskTitle}>
      <div class="page-heading">
        <h1>{o.deskTitle}</h1>
        <p class="subtitle">{o.deskIntro}</p>
      </div>
      {data.registers.map((r) => (
        <p>
          <a class="button-link" href={href('/outgoing/register', r === 'general' ? {} : { view: r }, ctx.lang)}>
            {o.registers[r] ?? r}
          </a>
        </p>
      ))}
      <section aria-labelledby="h-mine">
        <h2 id="h-mine">{o.mineHeading}</h2>
        {data.mine.length === 0 ? <p class="empty">{o.mineNone}</p> : null}
        <ul class="decision-list outgoing-mine">
          {data.mine.map((d) => (
            <DocCard ctx={ctx} d={d} now={data.now} />
          ))}
        </ul>
      </section>
      <section aria-labelledby="h-drafted">
        <h2 id="h-drafted">{o.draftedHeading}</h2>
        {data.drafted.length === 0 ? <p class="empty">{o.draftedNone}</p> : null}
        <ul class="decision-list outgoing-drafted">
          {data.drafted.map((d) => (
            <DocCard ctx={ctx} d={d} now={data.now} />
          ))}
        </ul>
      </section>
      <section class="actions">
        <ActionForm f={f} name="outgoing.draft" action={href('/outgoing', {}, ctx.lang)} csrf={ctx.csrf} submit={o.draftSubmit} idem={data.idem} heading={o.draftHeading}>
          <TextArea f={f} name="title" label={o.title} required rows={2} maxlength={500} />
          <SelectField f={f} name="kind" label={o.kind} required options={options(o.kinds)} />
          <SelectField f={f} name="scope" label={o.scope} hint={o.scopeHint} required options={options(o.scopes)} />
          <SelectField f={f} name="fieldId" label={o.field} hint={o.fieldHint} empty={o.noField} options={data.fields.map((x) => ({ value: x.id, label: x.name[ctx.lang] }))} />
          <SelectField f={f} name="confidentiality" label={o.confidentiality} options={options(o.levels)} />
        </ActionForm>
      </section>
    </OutgoingFrame>
  );
}

// -------------------------------------------------------------------------------------------
// One document

export interface DocumentPageData {
  readonly document: Doc & { history: AuditEvent[] };
  readonly actions: readonly OutgoingAction[];
  readonly signatures: readonly { signerId: string; form: string }[];
  readonly idem: string;
  readonly now: string;
}

/** The steps so far (from the history: who, when, the deadline it had, on time or late) and the one waiting. */
function Steps({ ctx, data }: { ctx: DecisionPageContext; data: DocumentPageData }) {
  const o = O[ctx.lang];
  const d = data.document;
  const steps = d.history.filter((e) => e.action !== 'signature-refused');
  let due: string | undefined;
  const rows = steps.map((e) => {
    const deadline = due;
    due = typeof e.data?.stepDueAt === 'string' ? e.data.stepDueAt : undefined;
    const late = deadline !== undefined && e.at > deadline;
    const reason = e.action === 'return' && typeof e.data?.reason === 'string' ? ` — ${e.data.reason}` : '';
    return { e, deadline, outcome: `${late ? o.lateDone : deadline ? o.onTime : ''}${reason}` };
  });
  // A list, not a table: at 390 px each step stacks with nothing to scroll sideways.
  const line = (label: string, value: string) => (
    <span class="step-fact">
      {label}: {value}
    </span>
  );
  return (
    <ol class="history-list outgoing-steps" aria-labelledby="h-steps">
      {rows.map((r) => (
        <li data-step={r.e.action}>
          <p>
            <strong>{o.actions[r.e.action] ?? r.e.action}</strong> — {personName(ctx, r.e.actorId)}, {when(ctx, r.e.at)}
          </p>
          {r.deadline ? (
            <p>
              {line(o.deadline, when(ctx, r.deadline))} · {line(o.outcome, r.outcome)}
            </p>
          ) : r.outcome ? (
            <p>{line(o.outcome, r.outcome)}</p>
          ) : null}
        </li>
      ))}
      {d.status !== 'filed' ? (
        <li data-step="waiting" class="waiting">
          <p>
            <strong>{o.nextStep[d.status] ?? d.status}</strong> — {personName(ctx, d.ownerId) || '—'}
          </p>
          <p>
            {line(o.deadline, when(ctx, d.stepDueAt))} · {line(o.outcome, isLate(d, data.now) ? o.late : o.waiting)}
          </p>
        </li>
      ) : null}
    </ol>
  );
}

const ACTION_PATH: Readonly<Record<OutgoingAction, string>> = {
  vet: 'vet',
  submit: 'submit',
  'check-form': 'check-form',
  sign: 'sign',
  number: 'number',
  seal: 'seal',
  send: 'send',
  file: 'file',
  return: 'return',
};

function StepForm({ ctx, data, action, failed, prefix = 'step' }: { ctx: DecisionPageContext; data: DocumentPageData; action: OutgoingAction; failed?: { form: string; state: FormState } | undefined; prefix?: string }) {
  const o = O[ctx.lang];
  const d = data.document;
  const f: FieldContext = { form: `${prefix}-${action}`, state: failed?.form === action ? failed.state : emptyForm, lang: ctx.lang };
  const common = {
    f,
    name: `outgoing.${action}`,
    action: href(`/outgoing/${encodeURIComponent(d.id)}/${ACTION_PATH[action]}`, {}, ctx.lang),
    csrf: ctx.csrf,
    submit: o.actions[action] ?? action,
    heading: o.actions[action] ?? action,
    version: d.version,
    idem: data.idem,
  };
  switch (action) {
    case 'vet':
    case 'check-form':
      return (
        <ActionForm {...common}>
          <TextArea f={f} name="note" label={o.note} rows={2} maxlength={2000} />
        </ActionForm>
      );
    case 'submit': {
      // One choice per allowed signer and form: `signerId|form`, split by the route into the API's two fields.
      const first = data.signatures.find((s) => s.signerId === d.proposal?.signerId && s.form === d.proposal?.form) ?? data.signatures[0];
      return (
        <ActionForm {...common}>
          <SelectField
            f={f}
            name="signature"
            label={o.signer}
            required
            value={first ? `${first.signerId}|${first.form}` : ''}
            options={data.signatures.map((s) => ({ value: `${s.signerId}|${s.form}`, label: `${personName(ctx, s.signerId)} — ${o.forms[s.form] ?? s.form}` }))}
          />
          <TextArea f={f} name="note" label={o.note} rows={2} maxlength={2000} />
        </ActionForm>
      );
    }
    case 'send':
      return (
        <ActionForm {...common}>
          <TextArea f={f} name="recipients" label={o.recipientsLabel} required rows={3} maxlength={10000} />
        </ActionForm>
      );
    case 'file':
      return (
        <ActionForm {...common}>
          <TextField f={f} name="originalRef" label={o.originalLabel} required maxlength={300} />
        </ActionForm>
      );
    case 'return':
      return (
        <ActionForm {...common}>
          <TextArea f={f} name="reason" label={o.reason} required rows={3} maxlength={2000} />
        </ActionForm>
      );
    default:
      return <ActionForm {...common} />;
  }
}

export function OutgoingDocumentPage(p: { ctx: DecisionPageContext; data: DocumentPageData; failed?: { form: string; state: FormState } | undefined }) {
  const { ctx, data } = p;
  const o = O[ctx.lang];
  const d = data.document;
  const refused = d.history.filter((e) => e.action === 'signature-refused');
  return (
    <OutgoingFrame ctx={ctx} title={`${o.deskTitle}: ${d.title}`}>
      <div class="page-heading">
        <h1>{d.title}</h1>
        <p class="subtitle">
          <span class={`badge ${isLate(d, data.now) ? 'late' : 'awaiting'}`}>{o.statuses[d.status] ?? d.status}</span> · {o.kinds[d.kind] ?? d.kind}
        </p>
      </div>
      <dl class="facts">
        <dt>{o.unit}</dt>
        <dd>{unitName(ctx, d.unitId)}</dd>
        <dt>{o.drafter}</dt>
        <dd>{personName(ctx, d.drafterId)}</dd>
        <dt>{o.scope}</dt>
        <dd>{o.scopes[d.scope] ?? d.scope}</dd>
        <dt>{o.confidentiality}</dt>
        <dd>
          {o.levels[d.confidentiality] ?? d.confidentiality} ({o.registers[d.register] ?? d.register})
        </dd>
        {d.proposal ? (
          <>
            <dt>{o.proposal}</dt>
            <dd>
              {personName(ctx, d.proposal.signerId)} — {o.forms[d.proposal.form] ?? d.proposal.form}
              {d.proposedById ? ` (${o.proposedBy}: ${personName(ctx, d.proposedById)})` : ''}
              {d.proposal.note ? ` — ${d.proposal.note}` : ''}
            </dd>
          </>
        ) : null}
        {d.signature ? (
          <>
            <dt>{o.signature}</dt>
            <dd>
              {o.forms[d.signature.form] ?? d.signature.form}: {personName(ctx, d.signature.signerId)}, {when(ctx, d.signature.signedAt)}
            </dd>
          </>
        ) : null}
        <Fact term={o.number} value={d.number} />
        <Fact term={o.recipients} value={d.recipients?.join('; ')} />
        <Fact term={o.originalRef} value={d.originalRef} />
      </dl>
      {refused.length ? (
        <p class="form-message state" role="note">
          {o.refusedSignature}: {refused.map((e) => `${personName(ctx, String(e.data?.signerId ?? e.actorId))} (${when(ctx, e.at)})`).join('; ')}
        </p>
      ) : null}
      <h2 id="h-steps">{o.stepsHeading}</h2>
      <Steps ctx={ctx} data={data} />
      {d.returns.length ? (
        <>
          <h2>{o.returnsHeading}</h2>
          <ul class="history-list outgoing-returns">
            {d.returns.map((r) => (
              <li>
                <p>
                  {when(ctx, r.at)} — {personName(ctx, r.byId)} ({o.statuses[r.from] ?? r.from}): {r.reason}
                </p>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <section class="actions" aria-labelledby="h-actions">
        <h2 id="h-actions">{o.actionsHeading}</h2>
        {data.actions.length === 0 ? <p class="empty">{o.noActions}</p> : null}
        {data.actions.map((a) => (
          <StepForm ctx={ctx} data={data} action={a} failed={p.failed} />
        ))}
      </section>
      <h2>{o.historyHeading}</h2>
      <ul class="history-list">
        {[...d.history].reverse().map((e) => (
          <li data-action={e.action}>
            <p>
              <strong>{o.actions[e.action] ?? e.action}</strong> — {personName(ctx, e.actorId)}, {when(ctx, e.at)}
            </p>
            {typeof e.data?.note === 'string' ? <p>{e.data.note}</p> : null}
            {typeof e.data?.reason === 'string' ? <p>{e.data.reason}</p> : null}
          </li>
        ))}
      </ul>
      <p>
        <a href={href('/outgoing', {}, ctx.lang)}>{o.back}</a>
      </p>
    </OutgoingFrame>
  );
}

// -------------------------------------------------------------------------------------------
// The register

export interface RegisterData {
  readonly view: 'general' | 'confidential';
  readonly registers: readonly string[];
  readonly items: readonly Doc[];
  readonly status?: string | undefined;
  readonly month?: string | undefined;
  /** The months offered by the filter, newest first. */
  readonly months: readonly string[];
  /** The register's own steps (number, seal, send, file) the viewer takes now, by document. */
  readonly steps: Readonly<Record<string, OutgoingAction>>;
  readonly idem: string;
  readonly now: string;
}

/** `12/2026` (vi) or `2026-12` (en). */
const monthLabel = (m: string, lang: Lang) => (lang === 'vi' ? `${m.slice(5, 7)}/${m.slice(0, 4)}` : m);

export function OutgoingRegisterPage({ ctx, data }: { ctx: DecisionPageContext; data: RegisterData }) {
  const o = O[ctx.lang];
  const title = o.registers[data.view] ?? o.registerTitle;
  return (
    <OutgoingFrame ctx={ctx} title={title}>
      <div class="page-heading">
        <h1>{title}</h1>
        <p class="subtitle">{o.registerIntro}</p>
      </div>
      {data.registers
        .filter((r) => r !== data.view)
        .map((r) => (
          <p>
            <a href={href('/outgoing/register', r === 'general' ? {} : { view: r }, ctx.lang)}>{o.registers[r] ?? r}</a>
          </p>
        ))}
      <form method="get" action="/outgoing/register" class="actions register-filters">
        {data.view !== 'general' ? <input type="hidden" name="view" value={data.view} /> : null}
        {ctx.lang === 'en' ? <input type="hidden" name="lang" value="en" /> : null}
        <div class="field">
          <label for="filter-status">{o.filterStatus}</label>
          <select id="filter-status" name="status">
            <option value="">{o.allStatuses}</option>
            {Object.entries(o.statuses).map(([value, label]) => (
              <option value={value} selected={data.status === value}>
                {label}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="filter-month">{o.filterMonth}</label>
          <select id="filter-month" name="month">
            <option value="" selected={!data.month}>
              {o.allMonths}
            </option>
            {data.months.map((m) => (
              <option value={m} selected={data.month === m}>
                {monthLabel(m, ctx.lang)}
              </option>
            ))}
          </select>
        </div>
        <div class="form-actions">
          <button type="submit">{o.filter}</button>
        </div>
      </form>
      {data.items.length === 0 ? <p class="empty">{o.registerNone}</p> : null}
      <ul class="decision-list outgoing-register">
        {data.items.map((d) => (
          <li class="decision" data-id={d.id} data-status={d.status}>
            <h3>
              <a href={docHref(d.id, ctx.lang)}>
                {d.number ? `${d.number} — ` : ''}
                {d.title}
              </a>
            </h3>
            <p class="decision-meta">
              <span class={`badge ${isLate(d, data.now) ? 'late' : d.status === 'filed' ? 'on-time' : 'awaiting'}`}>{o.statuses[d.status] ?? d.status}</span> · {o.kinds[d.kind] ?? d.kind} ·{' '}
              {unitName(ctx, d.unitId)}
            </p>
            <dl class="decision-facts">
              <dt>{o.created}</dt>
              <dd>{day(formatInstant(new Date(d.createdAt), ctx.names.timeZone).slice(0, 10), ctx.lang)}</dd>
              {d.signature ? (
                <>
                  <dt>{o.signature}</dt>
                  <dd>
                    {personName(ctx, d.signature.signerId)} — {o.forms[d.signature.form] ?? d.signature.form}
                  </dd>
                </>
              ) : null}
              {d.status !== 'filed' ? (
                <>
                  <dt>{o.owner}</dt>
                  <dd>{personName(ctx, d.ownerId) || '—'}</dd>
                  <dt>{o.deadline}</dt>
                  <dd>{when(ctx, d.stepDueAt)}</dd>
                </>
              ) : null}
              <Fact term={o.recipients} value={d.recipients?.join('; ')} />
              <Fact term={o.originalRef} value={d.originalRef} />
            </dl>
            {data.steps[d.id] ? (
              <div class="actions">
                <StepForm ctx={ctx} data={{ document: { ...d, history: [] }, actions: [data.steps[d.id]!], signatures: [], idem: `${data.idem}-${d.id}`, now: data.now }} action={data.steps[d.id]!} prefix={`r${d.id}`} />
              </div>
            ) : null}
          </li>
        ))}
      </ul>
      <p>
        <a href={href('/outgoing', {}, ctx.lang)}>{o.back}</a>
      </p>
    </OutgoingFrame>
  );
}

/** The facts of a document awaiting signature on "Chờ quyết định": the signature form and the deadline. */
/** A row of a document's facts, left out when it has no value yet (number, recipients, where the original is kept). */
function Fact({ term, value }: { term: string; value: string | undefined }) {
  return value ? (
    <>
      <dt>{term}</dt>
      <dd>{value}</dd>
    </>
  ) : null;
}

export function outgoingFacts(ctx: DecisionPageContext, facts: Readonly<Record<string, string | number>>): [string, string][] {
  const o = O[ctx.lang];
  return [
    [o.form, o.forms[String(facts.form)] ?? String(facts.form)],
    [o.deadline, when(ctx, typeof facts.dueAt === 'string' ? facts.dueAt : undefined)],
  ];
}

/** On "Việc của tôi": how many outgoing documents wait for the person's step, linking to "Văn bản đi". */
export function OutgoingWaitingLink({ lang, count }: { lang: Lang; count: number }) {
  return count > 0 ? (
    <p class="outgoing-waiting">
      <a href={href('/outgoing', {}, lang)}>{O[lang].waitingLink(count)}</a>
    </p>
  ) : null;
}
