/** @jsxImportSource hono/jsx */
/**
 * "Chờ quyết định" (issue #16): what awaits the signed-in person's decision, grouped by kind, each
 * item a card with a link to where it is decided. A list of cards, not a table, so a phone at
 * 390 px needs no horizontal scrolling.
 */
import { formatInstant } from '../../../../shared/domain/local-time.js';
import { INBOX_KINDS, type Inbox, type InboxItem } from '../../../../shared/services/inbox-service.js';
import { day, href, instant } from '../dashboard/i18n.js';
import { boardMatterFacts } from './board-matter-words.js';
import { Frame } from './frame.js';
import { D, periodLabel } from './i18n.js';
import type { DecisionPageContext } from './page-context.js';
import { personName } from './page-context.js';
import { outgoingFacts } from '../workspace/outgoing-pages.js';

function Facts({ ctx, item }: { ctx: DecisionPageContext; item: InboxItem }) {
  const d = D[ctx.lang];
  const f = item.facts;
  const rows: [string, string][] = [];
  const date = (k: string) => (typeof f[k] === 'string' ? day(f[k] as string, ctx.lang) : '');
  switch (item.kind) {
    case 'extension':
      rows.push([d.dueDate, date('dueDate')], [d.newDueDate, date('newDueDate')], [d.reason, String(f.reason ?? '')]);
      break;
    case 'acceptance':
      rows.push([d.dueDate, date('dueDate')]);
      break;
    case 'report':
    case 'plan':
      if (f.period) rows.push([d.period, periodLabel(String(f.period), ctx.lang)]);
      rows.push([d.deadline, instant(formatInstant(new Date(String(f.dueAt)), ctx.names.timeZone), ctx.lang)], [d.revision, String(f.revision)]);
      break;
    case 'leave':
      rows.push(
        [d.leaveKind, d.leaveKinds[String(f.leaveKind)] ?? String(f.leaveKind)],
        [d.dates, `${date('startDate')} – ${date('endDate')}`],
        [d.days, String(f.days)],
      );
      break;
    case 'reception-schedule':
      rows.push([d.sessions, String(f.sessions)]);
      break;
    case 'request-to-delegate':
      rows.push([d.dates, `${date('from')} – ${date('to')}`], [d.uncovered, String(f.uncoveredDays ?? '')]);
      break;
    case 'finding':
      rows.push([d.rule, `${f.rule} (${f.article})`], [d.period, periodLabel(String(f.period), ctx.lang)]);
      break;
    case 'outgoing-signature':
      rows.push(...outgoingFacts(ctx, f));
      break;
    case 'board-matter':
      rows.push(...boardMatterFacts(f, ctx.lang, ctx.names.timeZone));
      break;
  }
  return (
    <dl class="decision-facts">
      {rows.map(([k, v]) => (
        <>
          <dt>{k}</dt>
          <dd>{v}</dd>
        </>
      ))}
    </dl>
  );
}

/** A readable title in the page's language: records' own titles, or what the kind and its facts say. */
function titleOf(ctx: DecisionPageContext, item: InboxItem): string {
  const d = D[ctx.lang];
  const f = item.facts;
  switch (item.kind) {
    case 'reception-schedule':
      return d.receptionTitle(`${String(f.month).slice(5, 7)}/${String(f.month).slice(0, 4)}`);
    case 'request-to-delegate':
      return `${d.kinds['request-to-delegate']}: ${day(String(f.from), ctx.lang)} – ${day(String(f.to), ctx.lang)}`;
    case 'finding':
      // The rule's title from the rulebook, in the page's language, with its id, article and period.
      return `${ctx.names.rules[String(f.rule)]?.title[ctx.lang] ?? String(f.rule)} (${f.rule}, ${f.article}) — ${periodLabel(String(f.period), ctx.lang)}`;
    default:
      return typeof item.title === 'string' ? item.title : item.title[ctx.lang];
  }
}

export function InboxPage({ ctx, inbox }: { ctx: DecisionPageContext; inbox: Inbox }) {
  const d = D[ctx.lang];
  const kinds = INBOX_KINDS.filter((k) => inbox.counts[k] > 0);
  return (
    <Frame ctx={ctx} title={`${d.awaiting} (${inbox.items.length})`} current="decisions">
      <div class="page-heading">
        <h1>
          {d.awaiting} <span class="count-badge">{String(inbox.items.length)}</span>
        </h1>
        <p class="subtitle">{d.awaitingIntro}</p>
      </div>
      {kinds.length === 0 ? <p class="empty">{d.nothing}</p> : null}
      {kinds.length > 1 ? (
        <nav class="decision-kinds" aria-label={d.awaiting}>
          <ul>
            {kinds.map((k) => (
              <li>
                <a href={`#k-${k}`}>
                  {d.kinds[k]} ({String(inbox.counts[k])})
                </a>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
      {kinds.map((k) => (
        <section aria-labelledby={`k-${k}`} class="decision-group">
          <h2 id={`k-${k}`}>
            {d.kinds[k]} <span class="count-badge">{String(inbox.counts[k])}</span>
          </h2>
          <ul class="decision-list">
            {inbox.items
              .filter((i) => i.kind === k)
              .map((item) => (
                <li class="decision" data-kind={item.kind} data-id={item.id}>
                  <h3>
                    <a href={href(item.href, {}, ctx.lang)}>{titleOf(ctx, item)}</a>
                  </h3>
                  <p class="decision-meta">
                    {item.kind === 'finding' ? d.subject : d.from}: {personName(ctx, item.fromId)} · {d.since}: {instant(formatInstant(new Date(item.since), ctx.names.timeZone), ctx.lang)}
                    {item.onBehalfOf ? ` · ${d.onBehalfOf} ${personName(ctx, item.onBehalfOf)}` : ''}
                  </p>
                  <Facts ctx={ctx} item={item} />
                  <p>
                    <a class="button-link" href={href(item.href, {}, ctx.lang)}>
                      {d.decide}
                      <span class="visually-hidden">: {titleOf(ctx, item)}</span>
                    </a>
                  </p>
                </li>
              ))}
          </ul>
        </section>
      ))}
    </Frame>
  );
}
