/** @jsxImportSource hono/jsx */
// The dashboard's pages (issue #8): the department overview, a unit, a person ("my work"), the
// records behind a figure, one assignment's history, and the findings with their articles.
// Markup only: the data comes from DashboardService; every figure is a link to its records.
// Split by feature: common.tsx (names, context, figure links), figures.tsx (the figure blocks),
// record-pages.tsx (records, an assignment, findings), message-page.tsx; all exported from here.
import type { FigureName } from '../../../../shared/domain/dashboard.js';
import type { DashboardView, TrendPoint } from '../../../../shared/services/dashboard-service.js';
import { Layout } from '../layout.js';
import { BarLegend, StackedBars } from './charts.js';
import { T, href, periodName } from './i18n.js';
import { type PageContext, unitName, roleNames, recordsHref } from './common.js';
import { PeriodPicker, FiguresTable, SummaryCards, FigureGroups, TrendSection, ExportLinks, Heading, Breadcrumbs, trailTo, OpenNowCards } from './figures.js';

export type { Directory, PageContext } from './common.js';
export { recordsHref } from './common.js';
export { valueOf } from './figures.js';
export { AssignmentPage, FindingsPage, RecordsPage } from './record-pages.js';
export { MessagePage } from './message-page.js';

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
