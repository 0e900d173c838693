/** @jsxImportSource hono/jsx */
// The dashboard's pages (issue #8): the department overview, a unit, a person ("my work"), the
// records behind a figure, one assignment's history, and the findings with their articles.
// Markup only: the data comes from DashboardService; every figure is a link to its records.
import type { AuditEvent } from '../../../../shared/domain/assignment.js';
import type { Figures, FigureName } from '../../../../shared/domain/dashboard.js';
import { formatInstant } from '../../../../shared/domain/local-time.js';
import { findingText } from '../../../../shared/domain/finding-text.js';
import type { LocalizedText } from '../../../../shared/domain/organisation.js';
import { roleTitle } from '../../../../shared/rulebook/schema.js';
import { nextPeriod, parsePeriod, periodContaining, previousPeriod, type Period, type PeriodKind } from '../../../../shared/domain/periods.js';
import type { AssignmentView } from '../../../../shared/services/assignment-service.js';
import type { DashboardView, RecordView, RecordsView, TrendPoint } from '../../../../shared/services/dashboard-service.js';
import { Layout, type Viewer } from '../layout.js';
import { BarLegend, StackedBars, TrendChart } from './charts.js';
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
  percent,
  periodLabel,
  periodName,
  type Lang,
} from './i18n.js';

/** Names from the records and the rulebook (DashboardService.directory). */
export interface Directory {
  organisation: LocalizedText;
  units: Record<string, LocalizedText>;
  staff: Record<string, { name: string; unitId: string; roles: string[] }>;
  roles: Record<string, LocalizedText>;
  /** Each unit's kind, for the titles of its head and deputy (`unitTitles`). */
  unitKinds: Record<string, string>;
  unitTitles: Partial<Record<string, { head: LocalizedText; deputy: LocalizedText }>>;
  meetingKinds: Record<string, LocalizedText>;
  /** The finance reports' titles by rule id (F1, F5), for their findings' sentences. */
  reportTitles: Record<string, LocalizedText>;
  rules: Record<string, { title: LocalizedText; article: string }>;
  timeZone: string;
  today: string;
}

export interface PageContext {
  lang: Lang;
  /** This page's path and query. */
  url: string;
  viewer: Viewer;
  names: Directory;
  /** How many decisions await the viewer (the navigation's "Chờ quyết định"). */
  awaiting?: number | undefined;
}

type Scope = { unitId?: string | undefined; staffId?: string | undefined };

/** A stored UTC instant in the department's local time. */
const local = (ctx: PageContext, iso: string) => instant(formatInstant(new Date(iso), ctx.names.timeZone), ctx.lang);
const personName = (ctx: PageContext, id: string | null | undefined) => (id ? (ctx.names.staff[id]?.name ?? id) : '');
const unitName = (ctx: PageContext, id: string) => ctx.names.units[id]?.[ctx.lang] ?? id;
/** A person's titles as their unit calls them: the ICT Centre's head is its Giám đốc Trung tâm. */
const roleNames = (ctx: PageContext, roles: readonly string[], unitId: string) =>
  roles
    .map((r) => roleTitle({ roles: ctx.names.roles, unitTitles: ctx.names.unitTitles }, r, ctx.names.unitKinds[unitId])?.[ctx.lang] ?? r)
    .join(', ');
const ruleTitle = (ctx: PageContext, rule: string) => ctx.names.rules[rule]?.title[ctx.lang] ?? '';
/** A finding's sentence, rendered now from its facts in the reader's language. */
const findingSentence = (ctx: PageContext, f: Extract<RecordView, { type: 'finding' }>) =>
  findingText(f, ctx.lang, {
    person: (id) => ctx.names.staff[id]?.name,
    unit: (id) => ctx.names.units[id],
    reportTitle: (rule) => ctx.names.reportTitles[rule],
  });

export const recordsHref = (ctx: PageContext, period: string, figure: FigureName, scope: Scope, rule?: string) =>
  href('/dashboard/records', { period, figure, unitId: scope.unitId, staffId: scope.staffId, rule }, ctx.lang);

const FigureLink = (p: { ctx: PageContext; period: string; figure: FigureName; scope: Scope; value: number; label?: string }) => (
  <a
    class={`figure${p.value === 0 ? ' zero' : ''}`}
    href={recordsHref(p.ctx, p.period, p.figure, p.scope)}
    {...(p.label ? { 'aria-label': `${p.label}: ${p.value}` } : {})}
  >
    {String(p.value)}
  </a>
);

// -------------------------------------------------------------------------------------------
// The period picker

const KIND_NAMES: Record<Lang, Record<PeriodKind, string>> = {
  vi: { week: 'Tuần', month: 'Tháng', quarter: 'Quý', half: '6 tháng', year: 'Năm' },
  en: { week: 'Week', month: 'Month', quarter: 'Quarter', half: 'Half-year', year: 'Year' },
};

const COUNTS: Record<PeriodKind, number> = { week: 8, month: 12, quarter: 5, half: 3, year: 3 };

/** The latest periods of each kind up to today's, the chosen one always among them. */
function periodOptions(today: string, selected: Period): [PeriodKind, Period[]][] {
  return (Object.keys(COUNTS) as PeriodKind[]).map((kind) => {
    const list: Period[] = [periodContaining(kind, today)];
    while (list.length < COUNTS[kind]) list.push(previousPeriod(list.at(-1)!));
    if (selected.kind === kind && !list.some((p) => p.id === selected.id)) list.push(selected);
    return [kind, list];
  });
}

function PeriodPicker({ ctx, period, action, scope }: { ctx: PageContext; period: Period; action: string; scope?: Scope }) {
  const t = T[ctx.lang];
  const at = (p: Period) => href(action, { period: p.id, unitId: scope?.unitId, staffId: scope?.staffId }, ctx.lang);
  return (
    <div class="period-bar">
      <form method="get" action={action} class="period-picker">
        <label for="period">{t.period}</label>
        <select id="period" name="period">
          {periodOptions(ctx.names.today, period).map(([kind, periods]) => (
            <optgroup label={KIND_NAMES[ctx.lang][kind]}>
              {periods.map((p) => (
                <option value={p.id} selected={p.id === period.id}>
                  {periodName(p, ctx.lang)}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
        {ctx.lang === 'en' ? <input type="hidden" name="lang" value="en" /> : null}
        {scope?.unitId ? <input type="hidden" name="unitId" value={scope.unitId} /> : null}
        {scope?.staffId ? <input type="hidden" name="staffId" value={scope.staffId} /> : null}
        <button type="submit">{t.show}</button>
      </form>
      <p class="period-steps">
        <a href={at(previousPeriod(period))} rel="prev">
          ‹ {t.previous}
        </a>
        <a href={at(nextPeriod(period))} rel="next">
          {t.next} ›
        </a>
      </p>
    </div>
  );
}

// -------------------------------------------------------------------------------------------
// Figures

const TABLE_COLUMNS: [family: keyof Figures, figure: FigureName][] = [
  ['assignments', 'assignments.assigned'],
  ['assignments', 'assignments.withinDeadline'],
  ['assignments', 'assignments.dueSoon'],
  ['assignments', 'assignments.overdue'],
  ['assignments', 'assignments.completedOnTime'],
  ['assignments', 'assignments.completedAfterExtension'],
  ['assignments', 'assignments.completedLate'],
  ['reports', 'reports.due'],
  ['reports', 'reports.onTime'],
  ['reports', 'reports.late'],
  ['reports', 'reports.missing'],
  ['meetings', 'meetings.held'],
  ['meetings', 'meetings.conclusionsOnTime'],
  ['meetings', 'meetings.conclusionsLate'],
  ['findings', 'findings.open'],
  ['findings', 'findings.resolved'],
];

export const valueOf = (f: Figures, figure: FigureName): number => {
  const [family, name] = figure.split('.') as [keyof Figures, string];
  return (f[family] as unknown as Record<string, number>)[name]!;
};

function FiguresTable(props: {
  ctx: PageContext;
  period: string;
  caption: string;
  firstHeader: string;
  rows: { key: string; header: unknown; figures: Figures; scope: Scope }[];
}) {
  const { ctx } = props;
  const t = T[ctx.lang];
  const groups: [keyof Figures, string, number][] = [
    ['assignments', t.assignments, 8],
    ['reports', t.reports, 4],
    ['meetings', t.meetings, 3],
    ['findings', t.findingsShort, 2],
  ];
  return (
    <div class="table-scroll" role="region" aria-label={props.caption} tabindex={0}>
      <table class="figures">
        <caption>{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col" rowspan={2}>
              {props.firstHeader}
            </th>
            {groups.map(([, label, span]) => (
              <th scope="colgroup" colspan={span} class="group">
                {label}
              </th>
            ))}
          </tr>
          <tr>
            {TABLE_COLUMNS.slice(0, 7).map(([, figure]) => (
              <th scope="col">{FIGURE_LABELS[ctx.lang][figure]}</th>
            ))}
            <th scope="col">{t.rate}</th>
            {TABLE_COLUMNS.slice(7).map(([, figure]) => (
              <th scope="col">{FIGURE_LABELS[ctx.lang][figure]}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {props.rows.map((row) => (
            <tr>
              <th scope="row">{row.header}</th>
              {TABLE_COLUMNS.slice(0, 7).map(([, figure]) => (
                <td>
                  <FigureLink ctx={ctx} period={props.period} figure={figure} scope={row.scope} value={valueOf(row.figures, figure)} />
                </td>
              ))}
              <td class="rate">{percent(row.figures.assignments.onTimeRate, ctx.lang)}</td>
              {TABLE_COLUMNS.slice(7).map(([, figure]) => (
                <td>
                  <FigureLink ctx={ctx} period={props.period} figure={figure} scope={row.scope} value={valueOf(row.figures, figure)} />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

const CARDS: FigureName[] = ['assignments.assigned', 'assignments.overdue', 'assignments.dueSoon', 'reports.missing', 'meetings.conclusionsLate', 'findings.open'];

function SummaryCards({ ctx, period, figures, scope }: { ctx: PageContext; period: string; figures: Figures; scope: Scope }) {
  const t = T[ctx.lang];
  return (
    <ul class="cards">
      <li class="card rate-card">
        <span class="card-label">{t.rate}</span>
        <span class="card-value">{percent(figures.assignments.onTimeRate, ctx.lang)}</span>
      </li>
      {CARDS.map((figure) => (
        <li class={`card ${figure.replace('.', '-')}`}>
          <span class="card-label">{`${T[ctx.lang][figure.split('.')[0] === 'findings' ? 'findingsShort' : (figure.split('.')[0] as 'assignments' | 'reports' | 'meetings')]}: ${FIGURE_LABELS[ctx.lang][figure]}`}</span>
          <a class="card-value figure" href={recordsHref(ctx, period, figure, scope)}>
            {String(valueOf(figures, figure))}
          </a>
        </li>
      ))}
    </ul>
  );
}

/** A person's figures, family by family, each a link. */
function FigureGroups({ ctx, period, figures, scope }: { ctx: PageContext; period: string; figures: Figures; scope: Scope }) {
  const t = T[ctx.lang];
  const families: [keyof Figures, string, FigureName[]][] = [
    [
      'assignments',
      t.assignments,
      [
        'assignments.assigned',
        'assignments.withinDeadline',
        'assignments.dueSoon',
        'assignments.overdue',
        'assignments.completedOnTime',
        'assignments.completedAfterExtension',
        'assignments.completedLate',
        'assignments.cancelled',
      ],
    ],
    ['reports', t.reports, ['reports.due', 'reports.onTime', 'reports.late', 'reports.missing', 'reports.pending']],
    ['meetings', t.meetings, ['meetings.held', 'meetings.withConclusions', 'meetings.conclusionsOnTime', 'meetings.conclusionsLate']],
    ['findings', t.findingsShort, ['findings.detected', 'findings.open', 'findings.resolved']],
  ];
  return (
    <div class="figure-groups">
      {families.map(([family, label, list]) => (
        <section class="figure-group" aria-labelledby={`h-${family}`}>
          <h2 id={`h-${family}`}>{label}</h2>
          <dl>
            {list.map((figure) => (
              <div class="figure-row">
                <dt>{FIGURE_LABELS[ctx.lang][figure]}</dt>
                <dd>
                  <FigureLink ctx={ctx} period={period} figure={figure} scope={scope} value={valueOf(figures, figure)} />
                </dd>
              </div>
            ))}
            {family === 'assignments' ? (
              <div class="figure-row">
                <dt>{t.rate}</dt>
                <dd class="rate">{percent(figures.assignments.onTimeRate, ctx.lang)}</dd>
              </div>
            ) : null}
          </dl>
        </section>
      ))}
    </div>
  );
}

function TrendSection({ ctx, months, monthHref }: { ctx: PageContext; months: TrendPoint[]; monthHref: (m: string) => string }) {
  const t = T[ctx.lang];
  return (
    <section aria-labelledby="h-trend">
      <h2 id="h-trend">{t.trend}</h2>
      <TrendChart months={months} lang={ctx.lang} caption={t.trend} monthHref={monthHref} />
      <details>
        <summary>{t.trendTable}</summary>
        <div class="table-scroll" role="region" aria-label={t.trendTable} tabindex={0}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t.month}</th>
                <th scope="col">{FIGURE_LABELS[ctx.lang]['assignments.assigned']}</th>
                <th scope="col">{FIGURE_LABELS[ctx.lang]['assignments.completedOnTime']}</th>
                <th scope="col">{FIGURE_LABELS[ctx.lang]['assignments.completedAfterExtension']}</th>
                <th scope="col">{FIGURE_LABELS[ctx.lang]['assignments.completedLate']}</th>
                <th scope="col">{FIGURE_LABELS[ctx.lang]['assignments.overdue']}</th>
                <th scope="col">{t.rate}</th>
              </tr>
            </thead>
            <tbody>
              {months.map((m) => (
                <tr>
                  <th scope="row">
                    <a href={monthHref(m.period)}>{periodName(parsePeriod(m.period)!, ctx.lang)}</a>
                  </th>
                  <td>{String(m.assigned)}</td>
                  <td>{String(m.completedOnTime)}</td>
                  <td>{String(m.completedAfterExtension)}</td>
                  <td>{String(m.completedLate)}</td>
                  <td>{String(m.overdue)}</td>
                  <td>{percent(m.onTimeRate, ctx.lang)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </section>
  );
}

function ExportLinks({ ctx, period, scope }: { ctx: PageContext; period: string; scope: Scope }) {
  const t = T[ctx.lang];
  const at = (format: string) => href('/dashboard/export', { period, format, unitId: scope.unitId, staffId: scope.staffId }, ctx.lang);
  return (
    <section aria-labelledby="h-export" class="export">
      <h2 id="h-export">{t.export}</h2>
      <p>
        <a href={at('xlsx')} download>
          {t.exportXlsx}
        </a>{' '}
        ·{' '}
        <a href={at('csv')} download>
          {t.exportCsv}
        </a>
      </p>
    </section>
  );
}

function Heading({ ctx, title, view }: { ctx: PageContext; title: string; view: DashboardView }) {
  return (
    <div class="page-heading">
      <h1>{title}</h1>
      <p class="subtitle">
        {periodName(view.period, ctx.lang)} · {T[ctx.lang].asOf} {instant(view.asOf, ctx.lang)}
      </p>
    </div>
  );
}

function Breadcrumbs({ ctx, trail }: { ctx: PageContext; trail: [label: string, url: string | undefined][] }) {
  return (
    <nav class="breadcrumbs" aria-label={ctx.lang === 'vi' ? 'Vị trí' : 'Breadcrumb'}>
      <ol>
        {trail.map(([label, url], i) => (
          <li>{url && i < trail.length - 1 ? <a href={url}>{label}</a> : <span aria-current="page">{label}</span>}</li>
        ))}
      </ol>
    </nav>
  );
}

/** The trail from what the viewer sees at most down to this page. */
function trailTo(ctx: PageContext, view: Pick<DashboardView, 'period' | 'viewer'>, at: { unitId?: string; staffId?: string; last?: string }): [string, string | undefined][] {
  const p = view.period.id;
  const trail: [string, string | undefined][] = [];
  if (view.viewer.scope !== 'person' && !(view.viewer.scope === 'units' && view.viewer.unitIds.length === 1)) {
    trail.push([T[ctx.lang].overview, href('/dashboard', { period: p }, ctx.lang)]);
  }
  const unitShown = at.unitId && view.viewer.scope !== 'person';
  if (unitShown) trail.push([unitName(ctx, at.unitId!), href(`/dashboard/units/${at.unitId}`, { period: p }, ctx.lang)]);
  if (at.staffId) trail.push([personName(ctx, at.staffId), href(`/dashboard/people/${at.staffId}`, { period: p }, ctx.lang)]);
  if (at.last) trail.push([at.last, undefined]);
  return trail;
}

// -------------------------------------------------------------------------------------------
// Open now (issue #16): the period's figures count work by its original due date; these count
// every open task overdue or due soon today, so an overdue task from an earlier month shows.

const OPEN_NOW: Record<Lang, { title: string; overdue: string; dueSoon: string; note: string }> = {
  vi: { title: 'Đang mở hôm nay', overdue: 'Quá hạn', dueSoon: 'Sắp đến hạn', note: 'Mọi nhiệm vụ còn mở, không kể hạn ở kỳ nào.' },
  en: { title: 'Open today', overdue: 'Overdue', dueSoon: 'Due soon', note: 'All open work, whatever period it was due in.' },
};

function OpenNowCards({ ctx, view, personal }: { ctx: PageContext; view: DashboardView; personal?: boolean }) {
  const o = OPEN_NOW[ctx.lang];
  return (
    <section class="open-now" aria-labelledby="h-open-now">
      <h2 id="h-open-now">{o.title}</h2>
      <p class="open-now-note muted">{o.note}</p>
      <ul class="cards">
        <li class="card assignments-overdue open-now-overdue">
          <span class="card-label">{o.overdue}</span>
          <span class="card-value">{personal ? <a href={href('/my-work', {}, ctx.lang)}>{String(view.openNow.overdue)}</a> : String(view.openNow.overdue)}</span>
        </li>
        <li class="card open-now-due-soon">
          <span class="card-label">{o.dueSoon}</span>
          <span class="card-value">{personal ? <a href={href('/my-work', {}, ctx.lang)}>{String(view.openNow.dueSoon)}</a> : String(view.openNow.dueSoon)}</span>
        </li>
      </ul>
    </section>
  );
}

// -------------------------------------------------------------------------------------------
// Pages

export function OverviewPage({ ctx, view, trend }: { ctx: PageContext; view: DashboardView; trend: TrendPoint[] }) {
  const t = T[ctx.lang];
  const p = view.period.id;
  const title = `${t.dashboardTitle} — ${periodName(view.period, ctx.lang)}`;
  const unitHref = (unitId: string) => href(`/dashboard/units/${unitId}`, { period: p }, ctx.lang);
  return (
    <Layout lang={ctx.lang} title={title} url={ctx.url} viewer={ctx.viewer} organisation={ctx.names.organisation} awaiting={ctx.awaiting} current="overview">
      <Heading ctx={ctx} title={t.dashboardTitle} view={view} />
      <PeriodPicker ctx={ctx} period={view.period} action="/dashboard" />
      <OpenNowCards ctx={ctx} view={view} />
      <section aria-labelledby="h-summary">
        <h2 id="h-summary">
          {t.summary}: {view.scope.kind === 'department' ? t.department : view.units.map((u) => u.name[ctx.lang]).join(', ')}
        </h2>
        <SummaryCards ctx={ctx} period={p} figures={view.totals} scope={{}} />
      </section>
      <section aria-labelledby="h-units">
        <h2 id="h-units">{t.byUnit}</h2>
        <BarLegend lang={ctx.lang} />
        <StackedBars
          lang={ctx.lang}
          caption={`${t.assignments} — ${t.byUnit}`}
          rows={view.units.map((u) => ({
            label: u.name[ctx.lang],
            figures: u.figures.assignments,
            href: (figure) => recordsHref(ctx, p, figure as FigureName, { unitId: u.unitId }),
          }))}
        />
        <FiguresTable
          ctx={ctx}
          period={p}
          caption={`${t.byUnit} — ${periodName(view.period, ctx.lang)}`}
          firstHeader={t.unit}
          rows={view.units.map((u) => ({ key: u.unitId, header: <a href={unitHref(u.unitId)}>{u.name[ctx.lang]}</a>, figures: u.figures, scope: { unitId: u.unitId } }))}
        />
      </section>
      <TrendSection ctx={ctx} months={trend} monthHref={(m) => href('/dashboard', { period: m }, ctx.lang)} />
      <ExportLinks ctx={ctx} period={p} scope={{}} />
    </Layout>
  );
}

export function UnitPage({ ctx, view, trend }: { ctx: PageContext; view: DashboardView; trend: TrendPoint[] }) {
  const t = T[ctx.lang];
  const unit = view.units[0]!;
  const p = view.period.id;
  const scope = { unitId: unit.unitId };
  const people = view.people.filter((x) => x.unitId === unit.unitId);
  return (
    <Layout lang={ctx.lang} title={`${unit.name[ctx.lang]} — ${periodName(view.period, ctx.lang)}`} url={ctx.url} viewer={ctx.viewer} organisation={ctx.names.organisation} awaiting={ctx.awaiting} current={view.viewer.scope === 'units' && view.viewer.unitIds.length === 1 ? 'overview' : undefined}>
      <Breadcrumbs ctx={ctx} trail={trailTo(ctx, view, { unitId: unit.unitId })} />
      <Heading ctx={ctx} title={unit.name[ctx.lang]} view={view} />
      <PeriodPicker ctx={ctx} period={view.period} action={`/dashboard/units/${unit.unitId}`} />
      <OpenNowCards ctx={ctx} view={view} />
      <section aria-labelledby="h-summary">
        <h2 id="h-summary">{t.summary}</h2>
        <SummaryCards ctx={ctx} period={p} figures={unit.figures} scope={scope} />
      </section>
      <section aria-labelledby="h-people">
        <h2 id="h-people">{t.byPerson}</h2>
        <BarLegend lang={ctx.lang} />
        <StackedBars
          lang={ctx.lang}
          caption={`${t.assignments} — ${t.byPerson}`}
          rows={people.map((x) => ({
            label: x.name,
            figures: x.figures.assignments,
            href: (figure) => recordsHref(ctx, p, figure as FigureName, { staffId: x.staffId }),
          }))}
        />
        <FiguresTable
          ctx={ctx}
          period={p}
          caption={`${unit.name[ctx.lang]} — ${t.byPerson}`}
          firstHeader={t.person}
          rows={people.map((x) => ({
            key: x.staffId,
            header: (
              <span>
                <a href={href(`/dashboard/people/${x.staffId}`, { period: p }, ctx.lang)}>{x.name}</a>
                <span class="roles">{roleNames(ctx, x.roles, x.unitId)}</span>
              </span>
            ),
            figures: x.figures,
            scope: { staffId: x.staffId },
          }))}
        />
      </section>
      <TrendSection ctx={ctx} months={trend} monthHref={(m) => href(`/dashboard/units/${unit.unitId}`, { period: m }, ctx.lang)} />
      <ExportLinks ctx={ctx} period={p} scope={scope} />
    </Layout>
  );
}

export function PersonPage({ ctx, view, trend }: { ctx: PageContext; view: DashboardView; trend: TrendPoint[] }) {
  const t = T[ctx.lang];
  const person = view.people[0]!;
  const p = view.period.id;
  const self = person.staffId === ctx.viewer.staffId;
  const title = self ? t.myWork : `${t.myWorkOf} ${person.name}`;
  return (
    <Layout lang={ctx.lang} title={`${person.name} — ${periodName(view.period, ctx.lang)}`} url={ctx.url} viewer={ctx.viewer} organisation={ctx.names.organisation} awaiting={ctx.awaiting} current={self ? 'my-work' : undefined}>
      {self ? null : <Breadcrumbs ctx={ctx} trail={trailTo(ctx, view, { unitId: person.unitId, staffId: person.staffId })} />}
      <Heading ctx={ctx} title={title} view={view} />
      <p class="person-facts">
        {person.name} · {roleNames(ctx, person.roles, person.unitId)} · {unitName(ctx, person.unitId)}
      </p>
      <PeriodPicker ctx={ctx} period={view.period} action={`/dashboard/people/${person.staffId}`} />
      <OpenNowCards ctx={ctx} view={view} personal={view.scope.staffId === ctx.viewer.staffId} />
      <FigureGroups ctx={ctx} period={p} figures={person.figures} scope={{ staffId: person.staffId }} />
      <TrendSection ctx={ctx} months={trend} monthHref={(m) => href(`/dashboard/people/${person.staffId}`, { period: m }, ctx.lang)} />
      <ExportLinks ctx={ctx} period={p} scope={{ staffId: person.staffId }} />
    </Layout>
  );
}

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

export function MessagePage({ ctx, title, message, link }: { ctx: { lang: Lang; url: string; viewer?: Viewer | undefined; organisation?: LocalizedText | undefined }; title: string; message: string; link?: [string, string] }) {
  return (
    <Layout lang={ctx.lang} title={title} url={ctx.url} viewer={ctx.viewer} organisation={ctx.organisation}>
      <h1>{title}</h1>
      <p>{message}</p>
      {link ? (
        <p>
          <a href={link[1]}>{link[0]}</a>
        </p>
      ) : null}
    </Layout>
  );
}
