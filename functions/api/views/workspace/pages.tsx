/** @jsxImportSource hono/jsx */
// Long file: one feature, the assignment workspace; its three pages share the frame, the due-date and history helpers.
// The workspace pages (issue #16): "Việc của tôi", one assignment with the actions the person may
// take, and the form to assign work. Server-rendered, no script needed; every action is a plain
// form (functions/api/forms/fields.tsx) posting to a page route that calls the API's service.
import type { AuditEvent } from '../../../../shared/domain/assignment.js';
import { periodLabel } from '../../../../shared/domain/format.js';
import { formatInstant } from '../../../../shared/domain/local-time.js';
import type { AssignmentView, MyWork, MyWorkItem } from '../../../../shared/services/assignment-service.js';
import type { ObligationView } from '../../../../shared/services/report-service.js';
import type { PageFrame } from '../../forms/action.js';
import { withLang } from '../../forms/action.js';
import { ActionForm, Confirmation, ApproveField, SelectField, TextArea, TextField, type FieldContext, type Option } from '../../forms/fields.js';
import { emptyForm, type FormState } from '../../forms/parse.js';
import { FileField, FileList, FW } from '../../forms/file-field.js';
import type { FileRef } from '../../../../shared/domain/files.js';
import { ACTIONS, CONFIDENTIALITY, SOURCE, STATUS, TIMELINESS, day, instant, type Lang } from '../dashboard/i18n.js';
import type { Directory } from '../dashboard/pages.js';
import { Layout } from '../layout.js';
import { PRIORITY, REPORT_STATUS_WORDS, V, WORK_ACTIONS } from './words.js';
import { OutgoingWaitingLink } from './outgoing-pages.js';

export interface WorkspaceContext {
  readonly frame: PageFrame;
  readonly names: Directory;
}

const personName = (ctx: WorkspaceContext, id: string | null | undefined) => (id ? (ctx.names.staff[id]?.name ?? id) : '');
const unitName = (ctx: WorkspaceContext, id: string) => ctx.names.units[id]?.[ctx.frame.lang] ?? id;
const local = (ctx: WorkspaceContext, iso: string) => instant(formatInstant(new Date(iso), ctx.names.timeZone), ctx.frame.lang);

function Frame(p: { ctx: WorkspaceContext; title: string; current?: 'workspace'; children: unknown }) {
  const { frame } = p.ctx;
  return (
    <Layout
      lang={frame.lang}
      title={p.title}
      url={frame.url}
      viewer={frame.viewer}
      organisation={p.ctx.names.organisation}
      awaiting={frame.awaiting}
      formsScript
      {...(p.current ? { current: p.current } : {})}
    >
      {p.children as never}
    </Layout>
  );
}

// -------------------------------------------------------------------------------------------
// Việc của tôi

function DueDates({ ctx, a }: { ctx: WorkspaceContext; a: AssignmentView }) {
  const v = V[ctx.frame.lang];
  const lang = ctx.frame.lang;
  return a.dueDate !== a.originalDueDate ? (
    <>
      {day(a.dueDate, lang)}{' '}
      <span class="muted">
        ({v.originalDue} {day(a.originalDueDate, lang)}; {v.extendedTo} {day(a.dueDate, lang)})
      </span>
    </>
  ) : (
    <>{day(a.dueDate, lang)}</>
  );
}

function WorkItem({ ctx, item, counting }: { ctx: WorkspaceContext; item: MyWorkItem; counting: 'working' | 'calendar' }) {
  const { lang } = ctx.frame;
  const v = V[lang];
  const a = item.assignment;
  const status = a.awaitingAcceptance ? 'awaiting' : a.timeliness;
  return (
    <li class={`work-item ${status}`} data-assignment={a.id}>
      <p class="work-title">
        <a href={withLang(`/assignments/${encodeURIComponent(a.id)}`, lang)}>{a.title}</a>
      </p>
      <p class="work-badges">
        <span class={`badge ${status}`}>{a.awaitingAcceptance ? v.awaitingBadge : TIMELINESS[lang][a.timeliness]}</span>
        {item.daysOverdue > 0 ? <span class="badge overdue days-overdue">{v.daysOverdue(item.daysOverdue, counting === 'working')}</span> : null}
        {item.escalation ? (
          <span class="badge escalation">
            {v.escalation}: {item.escalation.name[lang]}
          </span>
        ) : null}
        {a.priority !== 'normal' ? <span class={`badge priority-${a.priority}`}>{PRIORITY[lang][a.priority]}</span> : null}
        {item.role === 'coordinator' ? <span class="badge">{v.coordinatorRole}</span> : null}
        {item.pendingExtension ? <span class="badge pending">{v.pendingExtension(day(item.pendingExtension.newDueDate, lang))}</span> : null}
      </p>
      <dl class="work-facts">
        <div>
          <dt>{v.assigner}</dt>
          <dd>{personName(ctx, a.assignerId)}</dd>
        </div>
        <div>
          <dt>{v.unit}</dt>
          <dd>{unitName(ctx, a.unitId)}</dd>
        </div>
        <div>
          <dt>{v.due}</dt>
          <dd>
            <DueDates ctx={ctx} a={a} />
          </dd>
        </div>
        <div>
          <dt>{v.priority}</dt>
          <dd>{PRIORITY[lang][a.priority]}</dd>
        </div>
        <div>
          <dt>{v.progress}</dt>
          <dd>{`${a.percent}%`}</dd>
        </div>
      </dl>
    </li>
  );
}

function WorkGroup({ ctx, id, title, items, counting }: { ctx: WorkspaceContext; id: string; title: string; items: MyWorkItem[]; counting: 'working' | 'calendar' }) {
  return (
    <section class={`work-group ${id}`} aria-labelledby={`h-${id}`}>
      <h2 id={`h-${id}`}>
        {title} <span class="count-badge">{String(items.length)}</span>
      </h2>
      {items.length ? (
        <ul class="work-list">
          {items.map((item) => (
            <WorkItem ctx={ctx} item={item} counting={counting} />
          ))}
        </ul>
      ) : (
        <p class="muted">{V[ctx.frame.lang].none}</p>
      )}
    </section>
  );
}

/** One entry per obligation and due instant: a quarter, half-year and year report due the same day are one line naming each period. */
function groupedByDue(items: readonly ObligationView[]): ObligationView[][] {
  const groups = new Map<string, ObligationView[]>();
  for (const o of items) {
    const key = `${o.obligationId}|${o.dueAt}`;
    groups.set(key, [...(groups.get(key) ?? []), o]);
  }
  return [...groups.values()];
}

function Obligations({ ctx, title, items }: { ctx: WorkspaceContext; title: string; items: readonly ObligationView[] }) {
  const { lang } = ctx.frame;
  const v = V[lang];
  const submitLink = (o: ObligationView) =>
    o.status === 'pending' || o.status === 'missing' ? (
      <a href={withLang(`/reports/new?obligationId=${encodeURIComponent(o.obligationId)}&period=${encodeURIComponent(o.period)}`, lang)}>{v.submitReport}</a>
    ) : null;
  return (
    <section class="owed" aria-label={title}>
      <h3>{title}</h3>
      {items.length ? (
        <ul class="owed-list">
          {groupedByDue(items).map((group) => {
            const o = group[0]!;
            if (group.length === 1) {
              return (
                <li class={`owed-item ${o.status}`}>
                  {/* The period tells this week's programme from next week's, due this Friday (P1). */}
                  <p class="owed-title">
                    {o.title[lang]} — {periodLabel(o.period, lang)}
                  </p>
                  <p>
                    {v.reportDue}: {instant(o.dueAt, lang)} <span class={`badge ${o.status}`}>{REPORT_STATUS_WORDS[lang][o.status] ?? o.status}</span>
                  </p>
                  {submitLink(o) ? <p>{submitLink(o)}</p> : null}
                </li>
              );
            }
            const worst = group.find((g) => g.status === 'missing') ?? group.find((g) => g.status === 'pending') ?? o;
            return (
              <li class={`owed-item ${worst.status}`}>
                <p class="owed-title">
                  {o.title[lang]} — {group.map((g) => periodLabel(g.period, lang)).join(', ')}
                </p>
                <p>
                  {v.reportDue}: {instant(o.dueAt, lang)}
                </p>
                <ul class="owed-periods">
                  {group.map((g) => (
                    <li>
                      {periodLabel(g.period, lang)} <span class={`badge ${g.status}`}>{REPORT_STATUS_WORDS[lang][g.status] ?? g.status}</span> {submitLink(g)}
                    </li>
                  ))}
                </ul>
              </li>
            );
          })}
        </ul>
      ) : (
        <p class="muted">{v.noReports}</p>
      )}
    </section>
  );
}

export function MyWorkPage(p: { ctx: WorkspaceContext; work: MyWork; week: readonly ObligationView[]; month: readonly ObligationView[]; mayAssign: boolean; ok?: string | undefined; extra?: unknown; outgoingWaiting?: number }) {
  const { ctx, work } = p;
  const { lang } = ctx.frame;
  const v = V[lang];
  return (
    <Frame ctx={ctx} title={`${v.myWorkTitle} — ${ctx.names.organisation[lang]}`} current="workspace">
      <div class="page-heading">
        <h1>{v.myWorkTitle}</h1>
        <p class="subtitle">{v.myWorkIntro}</p>
      </div>
      <Confirmation lang={lang} ok={p.ok} />
      <OutgoingWaitingLink lang={lang} count={p.outgoingWaiting ?? 0} />
      {p.mayAssign ? (
        <p>
          <a class="button-link" href={withLang('/assignments/new', lang)}>
            {v.newAssignment}
          </a>
        </p>
      ) : null}
      <div class="workspace">
        <div class="workspace-main">
          {p.extra /* A3: reports back owed or received (report-back-section.tsx) */}
          <WorkGroup ctx={ctx} id="overdue" title={v.overdue} items={work.overdue} counting={work.counting} />
          <WorkGroup ctx={ctx} id="due-soon" title={v.dueSoon} items={work.dueSoon} counting={work.counting} />
          <WorkGroup ctx={ctx} id="within-deadline" title={v.withinDeadline} items={work.withinDeadline} counting={work.counting} />
          <WorkGroup ctx={ctx} id="awaiting-acceptance" title={v.awaitingAcceptance} items={work.awaitingAcceptance} counting={work.counting} />
        </div>
        <aside class="workspace-side" aria-labelledby="h-reports">
          <h2 id="h-reports">{v.reportsTitle}</h2>
          <Obligations ctx={ctx} title={v.thisWeek} items={p.week} />
          <Obligations ctx={ctx} title={v.thisMonth} items={p.month} />
        </aside>
      </div>
    </Frame>
  );
}

// -------------------------------------------------------------------------------------------
// One assignment and its actions

/** Which form a re-rendered page shows with its state (errors, typed values, a conflict). */
export interface FailedForm {
  readonly form: string;
  readonly state: FormState;
}

export interface AssignmentPageData {
  readonly assignment: AssignmentView;
  readonly history: AuditEvent[];
  readonly may: { act: boolean; decide: boolean };
  /** A fresh idempotency key per form rendering. */
  readonly idem: string;
  /** The largest evidence file the department accepts (rulebook files.maxBytes). */
  readonly maxFileBytes?: number;
}

const fc = (ctx: WorkspaceContext, form: string, failed?: FailedForm): FieldContext => ({
  form,
  lang: ctx.frame.lang,
  state: failed?.form === form ? failed.state : emptyForm,
});

function AssignmentActions({ ctx, data, failed }: { ctx: WorkspaceContext; data: AssignmentPageData; failed?: FailedForm | undefined }) {
  const { lang, csrf } = ctx.frame;
  const v = V[lang];
  const a = data.assignment;
  const open = a.status === 'assigned' || a.status === 'in-progress';
  const pending = a.extensionRequests.find((r) => r.status === 'pending');
  const base = `/assignments/${encodeURIComponent(a.id)}`;
  const act = (path: string) => withLang(`${base}/${path}`, lang);
  const common = { csrf, version: a.version, idem: data.idem };
  const files = data.maxFileBytes !== undefined ? { maxBytes: data.maxFileBytes } : {};
  const forms: unknown[] = [];
  if (data.may.act && open) {
    forms.push(
      <ActionForm f={fc(ctx, 'progress', failed)} name="assignment.progress" action={act('progress')} submit={v.progressSubmit} heading={v.progressHeading} {...common}>
        <TextField f={fc(ctx, 'progress', failed)} name="percent" label={v.percent} type="number" min={0} max={100} value={String(a.percent)} required />
        <TextArea f={fc(ctx, 'progress', failed)} name="note" label={v.note} required maxlength={5000} />
        <FileField f={fc(ctx, 'progress', failed)} {...files} />
      </ActionForm>,
      <ActionForm f={fc(ctx, 'complete', failed)} name="assignment.complete" action={act('complete')} submit={v.completeSubmit} heading={v.completeHeading} {...common}>
        <TextArea f={fc(ctx, 'complete', failed)} name="note" label={v.completionNote} required maxlength={5000} />
        {/* The files first: on a phone the evidence is a photo or a scan more often than a link. */}
        <FileField f={fc(ctx, 'complete', failed)} label={FW[lang].evidenceFiles} {...files} />
        {[0, 1, 2].map((i) => (
          <div class="evidence-row">
            <TextField f={fc(ctx, 'complete', failed)} name={`evidence.${i}.url`} label={v.evidenceUrl(i + 1)} type="url" />
            <TextField f={fc(ctx, 'complete', failed)} name={`evidence.${i}.title`} label={v.evidenceTitle(i + 1)} maxlength={300} />
          </div>
        ))}
      </ActionForm>,
    );
    if (!pending) {
      forms.push(
        <ActionForm f={fc(ctx, 'extension', failed)} name="assignment.extension-request" action={act('extension-request')} submit={v.extensionSubmit} heading={v.extensionHeading} {...common}>
          <TextField f={fc(ctx, 'extension', failed)} name="newDueDate" label={v.newDueDate} type="date" required min={a.dueDate} />
          <TextArea f={fc(ctx, 'extension', failed)} name="reason" label={v.reason} hint={v.reasonHint} required maxlength={5000} />
        </ActionForm>,
      );
    } else {
      forms.push(
        <ActionForm
          f={fc(ctx, 'withdraw', failed)}
          name="assignment.extension-withdraw"
          action={act('extension-withdraw')}
          submit={v.withdrawSubmit}
          heading={v.withdrawHeading}
          hidden={{ requestId: pending.id }}
          {...common}
        >
          <p>{v.requested(day(pending.newDueDate, lang), personName(ctx, pending.requestedBy))}</p>
        </ActionForm>,
      );
    }
  }
  if (data.may.decide && open && pending) {
    forms.push(
      <ActionForm
        f={fc(ctx, 'decision', failed)}
        name="assignment.extension-decision"
        action={act('extension-decision')}
        submit={v.decisionSubmit}
        heading={v.decisionHeading}
        hidden={{ requestId: pending.id }}
        {...common}
      >
        <p>
          {v.requested(day(pending.newDueDate, lang), personName(ctx, pending.requestedBy))}. {v.reason}: {pending.reason}
        </p>
        <ApproveField f={fc(ctx, 'decision', failed)} legend={v.decision} yes={v.approve} no={v.refuse} />
        <TextArea f={fc(ctx, 'decision', failed)} name="note" label={v.decisionNote} required maxlength={5000} />
      </ActionForm>,
    );
  }
  if (data.may.decide && a.awaitingAcceptance) {
    forms.push(
      <ActionForm f={fc(ctx, 'accept', failed)} name="assignment.accept" action={act('accept')} submit={v.acceptSubmit} heading={v.acceptHeading} {...common}>
        <TextArea f={fc(ctx, 'accept', failed)} name="note" label={v.acceptNote} maxlength={5000} />
      </ActionForm>,
      <ActionForm f={fc(ctx, 'return', failed)} name="assignment.return" action={act('return')} submit={v.returnSubmit} heading={v.returnHeading} {...common}>
        <TextArea f={fc(ctx, 'return', failed)} name="reason" label={v.reason} required maxlength={5000} />
      </ActionForm>,
    );
  }
  if (data.may.decide && open) {
    forms.push(
      <ActionForm f={fc(ctx, 'cancel', failed)} name="assignment.cancel" action={act('cancel')} submit={v.cancelSubmit} heading={v.cancelHeading} {...common}>
        <TextArea f={fc(ctx, 'cancel', failed)} name="reason" label={v.reason} required maxlength={5000} />
      </ActionForm>,
    );
  }
  return (
    <section class="actions" aria-labelledby="h-actions">
      <h2 id="h-actions">{v.actions}</h2>
      {failed?.state.kind === 'conflict' && !forms.length ? (
        <div class="form-message conflict" role="alert">
          <p>{failed.state.message}</p>
        </div>
      ) : null}
      {forms.length ? <div class="action-forms">{forms as never}</div> : <p class="muted">{v.noActions}</p>}
    </section>
  );
}

export function AssignmentWorkPage(p: { ctx: WorkspaceContext; data: AssignmentPageData; failed?: FailedForm | undefined; ok?: string | undefined }) {
  const { ctx, data } = p;
  const { lang } = ctx.frame;
  const v = V[lang];
  const a = data.assignment;
  const status = a.awaitingAcceptance ? 'awaiting' : a.timeliness;
  return (
    <Frame ctx={ctx} title={a.title}>
      <div class="page-heading">
        <h1>{a.title}</h1>
        <p class="subtitle">
          <span class={`badge ${status}`}>{TIMELINESS[lang][a.timeliness]}</span> {STATUS[lang][a.status] ?? a.status}
          {a.status === 'completed' ? <span class={`badge ${a.awaitingAcceptance ? 'awaiting' : 'on-time'}`}>{a.awaitingAcceptance ? v.awaitingBadge : v.acceptedBadge}</span> : null}
        </p>
      </div>
      <Confirmation lang={lang} ok={p.ok} />
      <div class="assignment-layout">
        <div>
          {a.description ? <p class="description">{a.description}</p> : null}
          <dl class="facts">
            <dt>{v.assigner}</dt>
            <dd>{personName(ctx, a.assignerId)}</dd>
            <dt>{v.responsible}</dt>
            <dd>
              {personName(ctx, a.responsibleId)} · {unitName(ctx, a.unitId)}
            </dd>
            <dt>{v.coordinators}</dt>
            <dd>{a.coordinatorIds.length ? a.coordinatorIds.map((id) => personName(ctx, id)).join(', ') : '—'}</dd>
            <dt>{v.due}</dt>
            <dd>
              <DueDates ctx={ctx} a={a} />
            </dd>
            <dt>{v.priority}</dt>
            <dd>{PRIORITY[lang][a.priority]}</dd>
            <dt>{v.progress}</dt>
            <dd>{`${a.percent}%`}</dd>
            {a.completedAt ? (
              <>
                <dt>{v.completedAt}</dt>
                <dd>{local(ctx, a.completedAt)}</dd>
              </>
            ) : null}
            {a.acceptedAt ? (
              <>
                <dt>{v.acceptedAt}</dt>
                <dd>
                  {local(ctx, a.acceptedAt)} · {personName(ctx, a.acceptedBy)}
                </dd>
              </>
            ) : null}
            <dt>{v.source}</dt>
            <dd>
              {SOURCE[lang][a.source.kind]}
              {a.source.ref ? ` (${a.source.ref})` : ''}
            </dd>
            <dt>{v.confidentiality}</dt>
            <dd>{CONFIDENTIALITY[lang][a.confidentiality]}</dd>
          </dl>
          <section class="record-files" aria-labelledby="h-files">
            <h2 id="h-files">{FW[lang].files}</h2>
            <FileList files={a.files ?? []} lang={lang} timeZone={ctx.names.timeZone} name={(id) => personName(ctx, id)} />
            {(a.files ?? []).length === 0 ? <p class="muted">{FW[lang].noFiles}</p> : null}
          </section>
        </div>
        <AssignmentActions ctx={ctx} data={data} failed={p.failed} />
      </div>
      <section aria-labelledby="h-history">
        <h2 id="h-history">{v.history}</h2>
        <ol class="history-list">
          {[...data.history].reverse().map((e) => (
            <li>
              <p>
                <strong>{ACTIONS[lang][e.action] ?? WORK_ACTIONS[lang][e.action] ?? e.action}</strong> · {personName(ctx, e.actorId)} · <time>{local(ctx, e.at)}</time>
              </p>
              {historyDetail(e) ? <p class="muted">{historyDetail(e)}</p> : null}
              {historyFiles(e).length ? <FileList files={historyFiles(e)} lang={lang} timeZone={ctx.names.timeZone} name={(id) => personName(ctx, id)} compact /> : null}
            </li>
          ))}
        </ol>
      </section>
    </Frame>
  );
}

/** The files an event added (progress, completion), each with its SHA-256 as the record keeps it. */
function historyFiles(e: AuditEvent): FileRef[] {
  const files = (e.data as { files?: unknown }).files;
  return Array.isArray(files) ? (files as FileRef[]) : [];
}

function historyDetail(e: AuditEvent): string {
  const d = e.data as Record<string, unknown>;
  const parts = [d.note, d.reason, (d.request as { reason?: string } | undefined)?.reason].filter((x): x is string => typeof x === 'string' && x.length > 0);
  if (typeof d.percent === 'number') parts.unshift(`${d.percent}%`);
  return parts.join(' — ');
}

// -------------------------------------------------------------------------------------------
// Assign work

export interface NewAssignmentData {
  readonly people: readonly Option[];
  readonly units: readonly Option[];
  readonly coordinators: readonly Option[];
  readonly fields: readonly Option[];
  readonly idem: string;
  readonly today: string;
}

export function NewAssignmentPage(p: { ctx: WorkspaceContext; data: NewAssignmentData; state?: FormState | undefined }) {
  const { ctx, data } = p;
  const { lang, csrf } = ctx.frame;
  const v = V[lang];
  const f: FieldContext = { form: 'create', lang, state: p.state ?? emptyForm };
  const options = (m: Record<string, string>): Option[] => Object.entries(m).map(([value, label]) => ({ value, label }));
  return (
    <Frame ctx={ctx} title={v.createTitle}>
      <div class="page-heading">
        <h1>{v.createTitle}</h1>
      </div>
      {data.people.length === 0 && data.units.length === 0 ? (
        <p>{v.cannotAssign}</p>
      ) : (
        <div class="actions page-create">
        <ActionForm f={f} name="assignment.create" action={withLang('/assignments/new', lang)} submit={v.createSubmit} csrf={csrf} idem={data.idem}>
          <TextField f={f} name="title" label={v.title} required maxlength={500} />
          <TextArea f={f} name="description" label={v.description} rows={4} maxlength={10000} />
          <SelectField f={f} name="assigneeId" label={v.assigneeId} options={data.people} empty={v.nobody} hint={v.assigneeHint} />
          <SelectField f={f} name="unitId" label={v.unitId} options={data.units} empty={v.nobody} />
          <SelectField f={f} name="coordinatorIds" label={v.coordinatorIds} options={data.coordinators} multiple hint={v.coordinatorsHint} />
          <TextField f={f} name="dueDate" label={v.dueDate} type="date" required min={data.today} />
          <SelectField f={f} name="priority" label={v.priority} options={options(PRIORITY[lang])} value="normal" />
          <SelectField f={f} name="source.kind" label={v.sourceKind} options={options(SOURCE[lang])} value="ad-hoc" />
          <TextField f={f} name="source.ref" label={v.sourceRef} maxlength={300} />
          <SelectField f={f} name="confidentiality" label={v.confidentiality} options={options(CONFIDENTIALITY[lang])} value="normal" />
          {data.fields.length ? <SelectField f={f} name="fieldId" label={v.fieldId} options={data.fields} empty={v.nobody} /> : null}
        </ActionForm>
        </div>
      )}
    </Frame>
  );
}

export const langOfFrame = (ctx: WorkspaceContext): Lang => ctx.frame.lang;
