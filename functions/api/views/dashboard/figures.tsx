/** @jsxImportSource hono/jsx */
// The dashboard's figure blocks: the period picker, the tables and cards of figures, the trend,
// the export links, the heading and breadcrumbs, and the open-now cards.
import type { Figures, FigureName } from '../../../../shared/domain/dashboard.js';
import { nextPeriod, parsePeriod, periodContaining, previousPeriod, type Period, type PeriodKind } from '../../../../shared/domain/periods.js';
import type { DashboardView, TrendPoint } from '../../../../shared/services/dashboard-service.js';
import { TrendChart } from './charts.js';
import { FIGURE_LABELS, T, href, instant, percent, periodName, type Lang } from './i18n.js';
import { type PageContext, type Scope, personName, unitName, recordsHref, FigureLink } from './common.js';

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

export function PeriodPicker({ ctx, period, action, scope }: { ctx: PageContext; period: Period; action: string; scope?: Scope }) {
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

export function FiguresTable(props: {
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

export function SummaryCards({ ctx, period, figures, scope }: { ctx: PageContext; period: string; figures: Figures; scope: Scope }) {
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
export function FigureGroups({ ctx, period, figures, scope }: { ctx: PageContext; period: string; figures: Figures; scope: Scope }) {
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

export function TrendSection({ ctx, months, monthHref }: { ctx: PageContext; months: TrendPoint[]; monthHref: (m: string) => string }) {
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

export function ExportLinks({ ctx, period, scope }: { ctx: PageContext; period: string; scope: Scope }) {
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

export function Heading({ ctx, title, view }: { ctx: PageContext; title: string; view: DashboardView }) {
  return (
    <div class="page-heading">
      <h1>{title}</h1>
      <p class="subtitle">
        {periodName(view.period, ctx.lang)} · {T[ctx.lang].asOf} {instant(view.asOf, ctx.lang)}
      </p>
    </div>
  );
}

export function Breadcrumbs({ ctx, trail }: { ctx: PageContext; trail: [label: string, url: string | undefined][] }) {
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
export function trailTo(ctx: PageContext, view: Pick<DashboardView, 'period' | 'viewer'>, at: { unitId?: string; staffId?: string; last?: string }): [string, string | undefined][] {
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

export function OpenNowCards({ ctx, view, personal }: { ctx: PageContext; view: DashboardView; personal?: boolean }) {
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
