/** @jsxImportSource hono/jsx */
// What every dashboard page shares: the names it shows, its context, and a figure as a link to its records.
import type { FigureName } from '../../../../shared/domain/dashboard.js';
import { formatInstant } from '../../../../shared/domain/local-time.js';
import { findingText } from '../../../../shared/domain/finding-text.js';
import type { LocalizedText } from '../../../../shared/domain/organisation.js';
import { roleTitle } from '../../../../shared/rulebook/roles.js';
import type { RecordView } from '../../../../shared/services/dashboard-service.js';
import { type Viewer } from '../layout.js';
import { href, instant, type Lang } from './i18n.js';

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

export type Scope = { unitId?: string | undefined; staffId?: string | undefined };

/** A stored UTC instant in the department's local time. */
export const local = (ctx: PageContext, iso: string) => instant(formatInstant(new Date(iso), ctx.names.timeZone), ctx.lang);
export const personName = (ctx: PageContext, id: string | null | undefined) => (id ? (ctx.names.staff[id]?.name ?? id) : '');
export const unitName = (ctx: PageContext, id: string) => ctx.names.units[id]?.[ctx.lang] ?? id;
/** A person's titles as their unit calls them: the ICT Centre's head is its Giám đốc Trung tâm. */
export const roleNames = (ctx: PageContext, roles: readonly string[], unitId: string) =>
  roles
    .map((r) => roleTitle({ roles: ctx.names.roles, unitTitles: ctx.names.unitTitles }, r, ctx.names.unitKinds[unitId])?.[ctx.lang] ?? r)
    .join(', ');
export const ruleTitle = (ctx: PageContext, rule: string) => ctx.names.rules[rule]?.title[ctx.lang] ?? '';
/** A finding's sentence, rendered now from its facts in the reader's language. */
export const findingSentence = (ctx: PageContext, f: Extract<RecordView, { type: 'finding' }>) =>
  findingText(f, ctx.lang, {
    person: (id) => ctx.names.staff[id]?.name,
    unit: (id) => ctx.names.units[id],
    reportTitle: (rule) => ctx.names.reportTitles[rule],
  });

export const recordsHref = (ctx: PageContext, period: string, figure: FigureName, scope: Scope, rule?: string) =>
  href('/dashboard/records', { period, figure, unitId: scope.unitId, staffId: scope.staffId, rule }, ctx.lang);

export const FigureLink = (p: { ctx: PageContext; period: string; figure: FigureName; scope: Scope; value: number; label?: string }) => (
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
