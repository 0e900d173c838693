/** @jsxImportSource hono/jsx */
// The records behind a figure, one assignment with its history, and the findings page with their articles.
// Markup only: the data comes from DashboardService.
import type { AuditEvent } from '../../../../shared/domain/assignment.js';
import type { AssignmentView } from '../../../../shared/services/assignment-service.js';
import type { DashboardView, RecordView, RecordsView } from '../../../../shared/services/dashboard-service.js';
import { Layout } from '../layout.js';
import {
  ACTIONS,
  CONCLUSIONS,
  CONFIDENTIALITY,
  FIGURE_LABELS,
  REPORT_STATUS,
  SOURCE,
  STATUS,
  T,
  TIMELINESS,
  day,
  href,
  instant,
  periodLabel,
  periodName,
} from './i18n.js';
import { type PageContext, type Scope, local, personName, unitName, ruleTitle, findingSentence, recordsHref } from './common.js';
import { PeriodPicker, Heading, Breadcrumbs, trailTo } from './figures.js';

function RecordRows({ ctx, items }: { ctx: PageContext; items: RecordView[] }) {
  const t = T[ctx.lang];
  const first = items[0];
  if (!first) return <p>{t.none}</p>;
  switch (first.type) {
    case 'assignment':
      return (
        <table class="records">
          <thead>
            <tr>
              <th scope="col">{t.title}</th>
              <th scope="col">{t.responsible}</th>
              <th scope="col">{t.unit}</th>
              <th scope="col">{t.originalDue}</th>
              <th scope="col">{t.due}</th>
              <th scope="col">{t.status}</th>
            </tr>
          </thead>
          <tbody>
            {(items as Extract<RecordView, { type: 'assignment' }>[]).map((a) => (
              <tr>
                <th scope="row">
                  <a href={href(`/dashboard/assignments/${a.id}`, {}, ctx.lang)}>{a.title}</a>
                </th>
                <td>{personName(ctx, a.responsibleId)}</td>
                <td>{unitName(ctx, a.unitId)}</td>
                <td>{day(a.originalDueDate, ctx.lang)}</td>
                <td>{day(a.dueDate, ctx.lang)}</td>
                <td>
                  <span class={`badge ${a.timeliness}`}>{TIMELINESS[ctx.lang][a.timeliness] ?? a.timeliness}</span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      );
    case 'report':
      return (
        <table class="records">
          <thead>
            <tr>
              <th scope="col">{t.obligation}</th>
              <th scope="col">{t.person}</th>
              <th scope="col">{t.period}</th>
              <th scope="col">{t.dueAt}</th>
              <th scope="col">{t.submittedAt}</th>
              <th scope="col">{t.status}</th>
              <th scope="col">{t.article}</th>
            </tr>
          </thead>
          <tbody>
            {(items as Extract<RecordView, { type: 'report' }>[]).map((r) => (
              <tr>
                <th scope="row">{r.title[ctx.lang]}</th>
                <td>{personName(ctx, r.staffId)}</td>
                <td>{r.period ? periodLabel(r.period, ctx.lang) : ''}</td>
                <td>{instant(r.dueAt, ctx.lang)}</td>
                <td>{r.submittedAt ? instant(r.submittedAt, ctx.lang) : ''}</td>
                <td>
                  <span class={`badge ${r.status}`}>{REPORT_STATUS[ctx.lang][r.status]}</span>
                </td>
                <td>{`${r.rule} (${r.article})`}</td>
              </tr>
            ))}
          </tbody>
        </table>
      );
    case 'meeting':
      return (
        <table class="records">
          <thead>
            <tr>
              <th scope="col">{t.kind}</th>
              <th scope="col">{t.heldOn}</th>
              <th scope="col">{t.unit}</th>
              <th scope="col">{t.chair}</th>
              <th scope="col">{t.conclusions}</th>
              <th scope="col">{t.article}</th>
            </tr>
          </thead>
          <tbody>
            {(items as Extract<RecordView, { type: 'meeting' }>[]).map((m) => (
              <tr>
                <th scope="row">
                  <a href={href(`/meetings/${m.id}`, {}, ctx.lang)}>
                    {ctx.names.meetingKinds[m.kind]?.[ctx.lang] ?? m.kind}
                    {m.subject ? `: ${m.subject}` : ''}
                  </a>
                </th>
                <td>{day(m.heldOn, ctx.lang)}</td>
                <td>{unitName(ctx, m.unitId)}</td>
                <td>{personName(ctx, m.chairId)}</td>
                <td>
                  <span class={`badge ${m.conclusions === 'none' ? 'awaiting' : m.conclusions}`}>{CONCLUSIONS[ctx.lang][m.conclusions]}</span>
                </td>
                <td>{`${m.rule} (${m.article})`}</td>
              </tr>
            ))}
          </tbody>
        </table>
      );
    case 'finding':
      return <FindingRows ctx={ctx} items={items as Extract<RecordView, { type: 'finding' }>[]} />;
  }
}

function FindingRows({ ctx, items }: { ctx: PageContext; items: Extract<RecordView, { type: 'finding' }>[] }) {
  const t = T[ctx.lang];
  if (items.length === 0) return <p>{t.none}</p>;
  return (
    <table class="records">
      <thead>
        <tr>
          <th scope="col">{t.rule}</th>
          <th scope="col">{t.article}</th>
          <th scope="col">{t.detail}</th>
          <th scope="col">{t.subject}</th>
          <th scope="col">{t.unit}</th>
          <th scope="col">{t.period}</th>
          <th scope="col">{t.detectedAt}</th>
          <th scope="col">{t.status}</th>
        </tr>
      </thead>
      <tbody>
        {items.map((f) => (
          <tr id={`finding-${f.id}`}>
            <th scope="row">
              <abbr title={ruleTitle(ctx, f.rule) || f.rule}>{f.rule}</abbr>
            </th>
            <td>{f.article}</td>
            <td>
              {findingSentence(ctx, f)}
              {f.ref && /^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(f.ref) && f.rule === 'A6' ? (
                <span>
                  {' '}
                  (<a href={href(`/dashboard/assignments/${f.ref}`, {}, ctx.lang)}>{T[ctx.lang].openAssignment}</a>)
                </span>
              ) : f.ref && /^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(f.ref) && f.rule === 'M3' ? (
                <span>
                  {' '}
                  (<a href={href(`/meetings/${f.ref}`, {}, ctx.lang)}>{T[ctx.lang].openMeeting}</a>)
                </span>
              ) : null}
            </td>
            <td>{personName(ctx, f.subjectId)}</td>
            <td>{unitName(ctx, f.unitId)}</td>
            <td>{periodLabel(f.period, ctx.lang)}</td>
            <td>{instant(f.detectedAt, ctx.lang)}</td>
            <td>
              {f.resolvedAt ? (
                <span class="badge on-time">{`${FIGURE_LABELS[ctx.lang]['findings.resolved']} ${instant(f.resolvedAt, ctx.lang)}`}</span>
              ) : (
                <span class="badge overdue">{FIGURE_LABELS[ctx.lang]['findings.open']}</span>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function RecordsPage({ ctx, records, moreHref }: { ctx: PageContext; records: RecordsView; moreHref?: string | undefined }) {
  const t = T[ctx.lang];
  const scope = records.scope;
  const who = scope.staffId ? personName(ctx, scope.staffId) : scope.unitIds.length === 1 ? unitName(ctx, scope.unitIds[0]!) : t.department;
  const label = FIGURE_LABELS[ctx.lang][records.figure];
  const family = T[ctx.lang][records.figure.startsWith('findings') ? 'findingsShort' : (records.figure.split('.')[0] as 'assignments' | 'reports' | 'meetings')];
  const title = `${family}: ${label} — ${who}`;
  return (
    <Layout lang={ctx.lang} title={`${title} — ${periodName(records.period, ctx.lang)}`} url={ctx.url} viewer={ctx.viewer} organisation={ctx.names.organisation} awaiting={ctx.awaiting}>
      <Breadcrumbs
        ctx={ctx}
        trail={trailTo(ctx, records, {
          ...(scope.unitIds.length === 1 ? { unitId: scope.unitIds[0]! } : {}),
          ...(scope.staffId ? { staffId: scope.staffId } : {}),
          last: `${family}: ${label}`,
        })}
      />
      <div class="page-heading">
        <h1>{title}</h1>
        <p class="subtitle">
          {periodName(records.period, ctx.lang)} · {T[ctx.lang].asOf} {instant(records.asOf, ctx.lang)}
        </p>
      </div>
      <p class="count" id="records-count">
        <strong>{String(records.items.length)}</strong> {t.records}
        {records.hidden > 0 ? ` · ${records.hidden} ${t.hidden}` : ''}
      </p>
      <div class="table-scroll" role="region" aria-labelledby="records-count" tabindex={0}>
        <RecordRows ctx={ctx} items={records.items} />
      </div>
      {moreHref ? (
        <p>
          <a href={moreHref} rel="next">
            {t.more}
          </a>
        </p>
      ) : null}
    </Layout>
  );
}

function eventDetail(e: AuditEvent, ctx: PageContext): string {
  const d = e.data as Record<string, unknown>;
  const parts: string[] = [];
  const text = (k: string) => (typeof d[k] === 'string' ? (d[k] as string) : undefined);
  if (typeof d.percent === 'number') parts.push(`${d.percent}%`);
  for (const k of ['note', 'reason']) if (text(k)) parts.push(text(k)!);
  const request = d.request as { newDueDate?: string; reason?: string } | undefined;
  if (request?.newDueDate) parts.push(`→ ${day(request.newDueDate, ctx.lang)}${e.action === 'extension-requested' && request.reason ? `: ${request.reason}` : ''}`);
  if (typeof d.completion === 'string') parts.push(TIMELINESS[ctx.lang][d.completion] ?? d.completion);
  if (typeof d.to === 'string') parts.push(`→ ${personName(ctx, d.to)}`);
  return parts.join(' · ');
}

export function AssignmentPage({ ctx, assignment, history }: { ctx: PageContext; assignment: AssignmentView; history: AuditEvent[] }) {
  const t = T[ctx.lang];
  const a = assignment;
  return (
    <Layout lang={ctx.lang} title={a.title} url={ctx.url} viewer={ctx.viewer} organisation={ctx.names.organisation} awaiting={ctx.awaiting}>
      <div class="page-heading">
        <h1>{a.title}</h1>
        <p class="subtitle">
          <span class={`badge ${a.timeliness}`}>{TIMELINESS[ctx.lang][a.timeliness]}</span> {STATUS[ctx.lang][a.status] ?? a.status}
        </p>
      </div>
      {a.description ? <p class="description">{a.description}</p> : null}
      <dl class="facts">
        <dt>{t.assigner}</dt>
        <dd>
          {personName(ctx, a.assignerId)}
          {a.onBehalfOf ? ` (${t.onBehalfOf} ${personName(ctx, a.onBehalfOf)})` : ''}
        </dd>
        <dt>{t.responsible}</dt>
        <dd>
          {personName(ctx, a.responsibleId)} · {unitName(ctx, a.unitId)}
        </dd>
        <dt>{t.coordinators}</dt>
        <dd>{a.coordinatorIds.length ? a.coordinatorIds.map((id) => personName(ctx, id)).join(', ') : '—'}</dd>
        <dt>{t.originalDue}</dt>
        <dd>{day(a.originalDueDate, ctx.lang)}</dd>
        <dt>{t.due}</dt>
        <dd>{instant(a.dueAt, ctx.lang)}</dd>
        <dt>{t.progress}</dt>
        <dd>{`${a.percent}%`}</dd>
        {a.completedAt ? (
          <>
            <dt>{t.completedAt}</dt>
            <dd>{local(ctx, a.completedAt)}</dd>
          </>
        ) : null}
        <dt>{t.source}</dt>
        <dd>
          {SOURCE[ctx.lang][a.source.kind]}
          {a.source.kind === 'meeting' && a.source.ref ? (
            <span>
              {' '}
              (<a href={href(`/meetings/${a.source.ref}`, {}, ctx.lang)}>{t.openMeeting}</a>)
            </span>
          ) : a.source.ref ? (
            ` (${a.source.ref})`
          ) : (
            ''
          )}
        </dd>
        <dt>{t.confidentiality}</dt>
        <dd>{CONFIDENTIALITY[ctx.lang][a.confidentiality]}</dd>
      </dl>
      <section aria-labelledby="h-history">
        <h2 id="h-history">{t.history}</h2>
        <div class="table-scroll" role="region" aria-labelledby="h-history" tabindex={0}>
          <table class="records history">
            <thead>
              <tr>
                <th scope="col">{t.when}</th>
                <th scope="col">{t.who}</th>
                <th scope="col">{t.what}</th>
                <th scope="col">{t.details}</th>
              </tr>
            </thead>
            <tbody>
              {history.map((e) => (
                <tr>
                  <td>{local(ctx, e.at)}</td>
                  <td>
                    {personName(ctx, e.actorId)}
                    {e.onBehalfOf ? ` (${t.onBehalfOf} ${personName(ctx, e.onBehalfOf)})` : ''}
                  </td>
                  <th scope="row">{ACTIONS[ctx.lang][e.action] ?? e.action}</th>
                  <td>{eventDetail(e, ctx)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </Layout>
  );
}

export function FindingsPage({ ctx, view, records }: { ctx: PageContext; view: DashboardView; records: RecordsView }) {
  const t = T[ctx.lang];
  const p = view.period.id;
  const scope: Scope = view.scope.staffId ? { staffId: view.scope.staffId } : view.scope.unitIds.length === 1 ? { unitId: view.scope.unitIds[0] } : {};
  const rules = Object.entries(view.totals.findings.byRule);
  return (
    <Layout lang={ctx.lang} title={`${t.findings} — ${periodName(view.period, ctx.lang)}`} url={ctx.url} viewer={ctx.viewer} organisation={ctx.names.organisation} awaiting={ctx.awaiting} current="findings">
      <Heading ctx={ctx} title={t.findings} view={view} />
      <PeriodPicker ctx={ctx} period={view.period} action="/dashboard/findings" scope={scope} />
      <section aria-labelledby="h-rules">
        <h2 id="h-rules">{t.byRule}</h2>
        {rules.length === 0 ? (
          <p>{t.none}</p>
        ) : (
          <div class="table-scroll" role="region" aria-labelledby="h-rules" tabindex={0}>
            <table class="records">
              <thead>
                <tr>
                  <th scope="col">{t.rule}</th>
                  <th scope="col">{t.article}</th>
                  <th scope="col">{FIGURE_LABELS[ctx.lang]['findings.detected']}</th>
                  <th scope="col">{FIGURE_LABELS[ctx.lang]['findings.open']}</th>
                  <th scope="col">{FIGURE_LABELS[ctx.lang]['findings.resolved']}</th>
                </tr>
              </thead>
              <tbody>
                {rules.map(([rule, f]) => (
                  <tr>
                    <th scope="row">
                      {rule} — {ruleTitle(ctx, rule)}
                    </th>
                    <td>{view.rules.find((r) => r.id === rule)?.article ?? ''}</td>
                    {(['detected', 'open', 'resolved'] as const).map((k) => (
                      <td>
                        <a class="figure" href={recordsHref(ctx, p, `findings.${k}`, scope, rule)}>
                          {String(f[k])}
                        </a>
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <section aria-labelledby="h-list">
        <h2 id="h-list">{t.list}</h2>
        <div class="table-scroll" role="region" aria-labelledby="h-list" tabindex={0}>
          <FindingRows ctx={ctx} items={records.items as Extract<RecordView, { type: 'finding' }>[]} />
        </div>
      </section>
    </Layout>
  );
}
