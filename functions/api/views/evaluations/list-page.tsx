/** @jsxImportSource hono/jsx */
/**
 * `/evaluations?period=` (issue #23; E1, Điều 24): the people the reader may see (the board all, a
 * head the unit, anyone else themselves) by unit, where each evaluation stands, the level the
 * criteria suggest, the level decided where visible, the next step's deadline; each opens the dossier.
 */
import { stepsFor } from '../../../../shared/domain/evaluation.js';
import { parsePeriod, periodContaining, previousPeriod, type Period } from '../../../../shared/domain/periods.js';
import { unitHeadRole, type UnitKind } from '../../../../shared/rulebook/roles.js';
import type { EvaluationStepId } from '../../../../shared/rulebook/schema.js';
import { href, instant, periodName } from '../dashboard/i18n.js';
import { Frame } from '../decisions/frame.js';
import { unitName, type DecisionPageContext } from '../decisions/page-context.js';
import { dossierHref, levelName, positionOf, stepOf, SuggestedText, type ListView, type Terms } from './pages.js';
import { E } from './words.js';

/** The periods offered: the twelve months up to last month, this year and the two before; the one shown always among them. */
function periodChoices(today: string, selected: string): { months: Period[]; years: Period[] } {
  const months: Period[] = [previousPeriod(periodContaining('month', today))];
  while (months.length < 12) months.push(previousPeriod(months.at(-1)!));
  const years: Period[] = [periodContaining('year', today)];
  while (years.length < 3) years.push(previousPeriod(years.at(-1)!));
  const chosen = parsePeriod(selected);
  if (chosen?.kind === 'month' && !months.some((p) => p.id === chosen.id)) months.push(chosen);
  if (chosen?.kind === 'year' && !years.some((p) => p.id === chosen.id)) years.push(chosen);
  return { months, years };
}

function PeriodPicker(p: { ctx: DecisionPageContext; period: string }) {
  const { ctx } = p;
  const e = E[ctx.lang];
  const { months, years } = periodChoices(ctx.names.today, p.period);
  return (
    <form method="get" action="/evaluations" class="period-picker">
      <label for="period">{e.period}</label>
      <select id="period" name="period">
        {(
          [
            [e.months, months],
            [e.years, years],
          ] as const
        ).map(([label, periods]) => (
          <optgroup label={label}>
            {periods.map((x) => (
              <option value={x.id} selected={x.id === p.period}>
                {periodName(x, ctx.lang)}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
      {ctx.lang === 'en' ? <input type="hidden" name="lang" value="en" /> : null}
      <button type="submit">{e.show}</button>
    </form>
  );
}

/** The people by unit (units by name), in each the head first, then the deputies, then the others by name. */
function byUnit(ctx: DecisionPageContext, items: ListView['items']): [string, ListView['items']][] {
  const groups = new Map<string, ListView['items'][number][]>();
  for (const item of items) groups.set(item.unitId, [...(groups.get(item.unitId) ?? []), item]);
  const rank = (item: ListView['items'][number]) => {
    const kind = ctx.names.unitKinds[item.unitId] as UnitKind | undefined;
    const roles = ctx.names.staff[item.staffId]?.roles ?? [];
    return kind && roles.includes(unitHeadRole(kind)) ? 0 : item.manager ? 1 : 2;
  };
  return [...groups.entries()]
    .sort(([a], [b]) => unitName(ctx, a).localeCompare(unitName(ctx, b), ctx.lang))
    .map(([unitId, list]) => [unitId, [...list].sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name, 'vi'))]);
}

export function EvaluationListPage(p: { ctx: DecisionPageContext; list: ListView; terms: Terms; now: string }) {
  const { ctx, list, terms } = p;
  const e = E[ctx.lang];
  const period = parsePeriod(list.period.id)!;
  const now = new Date(p.now).getTime();
  return (
    <Frame ctx={ctx} title={`${e.title} — ${periodName(period, ctx.lang)}`} current="evaluations">
      <div class="evaluation-page">
        <div class="page-heading">
          <h1>{e.title}</h1>
          <p class="subtitle">{periodName(period, ctx.lang)}</p>
        </div>
        <p class="muted">{e.intro}</p>
        <div class="period-bar">
          <PeriodPicker ctx={ctx} period={list.period.id} />
          {terms.board && list.period.kind === 'year' ? (
            <a class="button-link" href={href(`/evaluations/year/${list.period.id}`, {}, ctx.lang)}>
              {e.yearSummary} {list.period.id}
            </a>
          ) : null}
        </div>
        <h2>{e.people}</h2>
        {list.items.length === 0 ? <p>{e.none}</p> : null}
        {byUnit(ctx, list.items).map(([unitId, items]) => (
          <section class="evaluation-unit" aria-labelledby={`unit-${unitId}`}>
            <h3 id={`unit-${unitId}`}>{unitName(ctx, unitId)}</h3>
            <ul class="evaluation-list">
              {items.map((item) => {
                const order = stepsFor(item.manager);
                const next = item.stage === 'publication' ? undefined : order[order.indexOf(item.stage as EvaluationStepId) + 1];
                const due = next ? stepOf(terms, next).dueAt : undefined;
                const overdue = due !== undefined && new Date(due).getTime() < now;
                return (
                  <li class="evaluation-item" data-staff-id={item.staffId}>
                    <p class="work-title">
                      <a class="row-link" href={dossierHref(item.staffId, list.period.id, ctx.lang)}>
                        {item.name}
                      </a>
                    </p>
                    <dl class="work-facts">
                      <div>
                        <dt>{e.unit}:</dt>
                        <dd>{unitName(ctx, item.unitId)}</dd>
                      </div>
                      <div>
                        <dt>{e.position}:</dt>
                        <dd>{positionOf(ctx, item.staffId)}</dd>
                      </div>
                      <div>
                        <dt>{e.stage}:</dt>
                        <dd class="stage">{e.stages[item.stage]}</dd>
                      </div>
                      <div>
                        <dt>{e.suggested}:</dt>
                        <dd class="suggested">
                          <SuggestedText terms={terms} s={item.suggested} lang={ctx.lang} />
                        </dd>
                      </div>
                      <div>
                        <dt>{e.decided}:</dt>
                        <dd class="decided">
                          {item.level ? levelName(terms, item.level, ctx.lang) : e.dash}
                          {item.level && !item.published ? ` (${e.notPublished})` : ''}
                        </dd>
                      </div>
                      <div>
                        <dt>{e.nextDeadline}:</dt>
                        <dd>
                          {due && next ? (
                            <>
                              {instant(due, ctx.lang)} ({stepOf(terms, next).title[ctx.lang]}){' '}
                              {overdue ? <span class="badge overdue">{e.overdueBadge}</span> : null}
                            </>
                          ) : (
                            e.dash
                          )}
                        </dd>
                      </div>
                    </dl>
                  </li>
                );
              })}
            </ul>
          </section>
        ))}
      </div>
    </Frame>
  );
}

