/** @jsxImportSource hono/jsx */
/**
 * Leave (issue #16, L1, L2, A2): the person's requests and `leave.request`; a request's page with
 * `leave.decision` for whoever decides it, and for the director's own leave with nobody standing
 * in, `delegation.create`. Field names are the API's: kind, startDate, endDate, startHalf,
 * endHalf, reason, emergency, emergencyReason; approve, note; delegateId, from, to.
 */
import type { LeaveView } from '../../../../shared/services/leave-service.js';
import { FileField, FileList } from '../../forms/file-field.js';
import { ActionForm, CheckboxField, ApproveField, SelectField, TextArea, TextField, type FieldContext } from '../../forms/fields.js';
import type { FormState } from '../../forms/parse.js';
import { day, href } from '../dashboard/i18n.js';
import { Frame } from './frame.js';
import { D } from './i18n.js';
import { personName, type DecisionPageContext } from './page-context.js';

const empty: FormState = { values: {}, errors: {} };
const KINDS = ['annual', 'personal', 'sick', 'other'];

export function LeaveListPage(p: { ctx: DecisionPageContext; mine: readonly LeaveView[]; form: FormState; idem: string; maxFileBytes: number }) {
  const { ctx } = p;
  const d = D[ctx.lang];
  const f: FieldContext = { form: 'leave', state: p.form, lang: ctx.lang };
  return (
    <Frame ctx={ctx} title={d.leaveTitle}>
      <div class="page-heading">
        <h1>{d.leaveTitle}</h1>
      </div>
      <section class="actions">
        <ActionForm f={f} name="leave.request" action={href('/leave', {}, ctx.lang)} csrf={ctx.csrf} submit={d.leaveRequest} idem={p.idem} heading={d.leaveRequest}>
          <SelectField f={f} name="kind" label={d.leaveKind} required options={KINDS.map((k) => ({ value: k, label: d.leaveKinds[k] ?? k }))} />
          <TextField f={f} name="startDate" type="date" label={d.startDate} required />
          <SelectField f={f} name="startHalf" label={d.startHalf} options={[{ value: 'morning', label: d.halves.morning! }, { value: 'afternoon', label: d.halves.afternoon! }]} />
          <TextField f={f} name="endDate" type="date" label={d.endDate} />
          <SelectField f={f} name="endHalf" label={d.endHalf} options={[{ value: 'afternoon', label: d.halves.afternoon! }, { value: 'morning', label: d.halves.morning! }]} />
          <TextArea f={f} name="reason" label={d.leaveReason} required rows={3} maxlength={2000} />
          <CheckboxField f={f} name="emergency" label={d.emergency} />
          <TextArea f={f} name="emergencyReason" label={d.emergencyReason} rows={2} maxlength={2000} />
          <FileField f={f} label={d.certificateFiles} maxBytes={p.maxFileBytes} />
        </ActionForm>
      </section>
      <section aria-labelledby="h-mine">
        <h2 id="h-mine">{d.myLeave}</h2>
        {p.mine.length === 0 ? <p>—</p> : null}
        <ul class="decision-list">
          {p.mine.map((l) => (
            <li class="decision" data-id={l.id}>
              <h3>
                <a href={href(`/leave/${encodeURIComponent(l.id)}`, {}, ctx.lang)}>
                  {d.leaveKinds[l.kind] ?? l.kind}: {day(l.startDate, ctx.lang)} – {day(l.endDate, ctx.lang)}
                </a>
              </h3>
              <p class="decision-meta">
                <span class={`badge ${l.status}`}>{d.leaveStatus[l.status] ?? l.status}</span> · {d.days}: {String(l.days)}
              </p>
            </li>
          ))}
        </ul>
      </section>
    </Frame>
  );
}

export type LeaveForm = 'decision' | 'delegate' | 'files';

export function LeavePage(p: {
  ctx: DecisionPageContext;
  leave: LeaveView;
  mayDecide: boolean;
  /** Deputy directors the director may delegate to, when the director's own leave is not covered (A2). */
  delegates: readonly { id: string; name: string }[];
  /** The viewer is the applicant: they may add files (a medical certificate brought later). */
  mayAddFiles: boolean;
  maxFileBytes: number;
  posted?: { form: LeaveForm; state: FormState } | undefined;
}) {
  const { ctx, leave: l } = p;
  const d = D[ctx.lang];
  const f = (form: LeaveForm): FieldContext => ({ form, state: p.posted?.form === form ? p.posted.state : empty, lang: ctx.lang });
  const decision = f('decision');
  const delegate = f('delegate');
  const more = f('files');
  const uncovered = l.delegation && !l.delegation.covered ? l.delegation.uncoveredDays : [];
  return (
    <Frame ctx={ctx} title={`${d.leaveTitle}: ${personName(ctx, l.applicantId)}`}>
      <div class="page-heading">
        <h1>
          {d.leaveKinds[l.kind] ?? l.kind}: {personName(ctx, l.applicantId)}
        </h1>
        <p class="subtitle">
          <span class={`badge ${l.status}`}>{d.leaveStatus[l.status] ?? l.status}</span>
        </p>
      </div>
      <dl class="facts">
        <dt>{d.dates}</dt>
        <dd>
          {day(l.startDate, ctx.lang)}
          {l.startHalf === 'afternoon' ? ` (${d.halves.afternoon})` : ''} – {day(l.endDate, ctx.lang)}
          {l.endHalf === 'morning' ? ` (${d.halves.morning})` : ''}
        </dd>
        <dt>{d.days}</dt>
        <dd>{String(l.days)}</dd>
        <dt>{d.leaveReason}</dt>
        <dd>{l.reason}</dd>
        <dt>{d.approver}</dt>
        <dd>{l.approverId ? personName(ctx, l.approverId) : '—'}</dd>
        <dt>{d.rule}</dt>
        <dd>
          {l.route.rule} ({l.route.article})
        </dd>
        {l.decisionNote ? (
          <>
            <dt>{d.note}</dt>
            <dd>{l.decisionNote}</dd>
          </>
        ) : null}
        {uncovered.length ? (
          <>
            <dt>{d.uncovered}</dt>
            <dd>{uncovered.map((x) => day(x, ctx.lang)).join(', ')}</dd>
          </>
        ) : null}
      </dl>
      <section class="leave-files">
        <FileList files={l.files ?? []} lang={ctx.lang} timeZone={ctx.names.timeZone} name={(id) => personName(ctx, id)} heading={d.files} />
        {p.mayAddFiles ? (
          <ActionForm f={more} name="leave.files" action={href(`/leave/${encodeURIComponent(l.id)}/files`, {}, ctx.lang)} csrf={ctx.csrf} submit={d.addFiles} version={l.version}>
            <FileField f={more} label={d.certificateFiles} maxBytes={p.maxFileBytes} />
          </ActionForm>
        ) : null}
      </section>
      {p.mayDecide ? (
        <section class="actions">
          <ActionForm f={decision} name="leave.decision" action={href(`/leave/${encodeURIComponent(l.id)}/decision`, {}, ctx.lang)} csrf={ctx.csrf} submit={d.leaveDecision} version={l.version} heading={d.leaveDecision}>
            <ApproveField f={decision} legend={d.decision} yes={d.approve} no={d.refuse} />
            <TextArea f={decision} name="note" label={d.note} rows={2} maxlength={2000} />
          </ActionForm>
        </section>
      ) : null}
      {p.delegates.length && uncovered.length ? (
        <section class="actions">
          <ActionForm f={delegate} name="delegation.create" action={href(`/leave/${encodeURIComponent(l.id)}/delegation`, {}, ctx.lang)} csrf={ctx.csrf} submit={d.delegate} heading={d.delegate}>
            <SelectField f={delegate} name="delegateId" label={d.delegateTo} required options={p.delegates.map((x) => ({ value: x.id, label: x.name }))} />
            <TextField f={delegate} name="from" type="date" label={d.startDate} value={l.startDate} required />
            <TextField f={delegate} name="to" type="date" label={d.endDate} value={l.endDate} required />
          </ActionForm>
        </section>
      ) : null}
      <p>
        <a href={href('/decisions', {}, ctx.lang)}>{d.back}</a>
      </p>
    </Frame>
  );
}
