/** @jsxImportSource hono/jsx */
// The one frame of the signed-in pages (dashboard, meeting page, calendar): the organisation,
// the navigation, who is signed in, the language switch. No inline style or script (strict CSP).
import { raw } from 'hono/html';
import type { Child } from 'hono/jsx';
import type { LocalizedText } from '../../../shared/domain/organisation.js';
import { T, type Lang } from './dashboard/i18n.js';
import { W } from '../forms/i18n.js';

export interface Viewer {
  readonly staffId: string;
  readonly name: string;
}

/** The same page in the other language: `lang=en` added or removed, everything else kept. */
export function otherLanguageHref(url: string, lang: Lang): string {
  const u = new URL(url, 'http://page.invalid');
  if (lang === 'vi') u.searchParams.set('lang', 'en');
  else u.searchParams.delete('lang');
  const q = u.searchParams.toString();
  return `${u.pathname}${q ? `?${q}` : ''}`;
}

export function Layout(props: {
  lang: Lang;
  title: string;
  /** This page's path and query, for the language switch. */
  url: string;
  viewer?: Viewer | undefined;
  organisation?: LocalizedText | undefined;
  /** Which navigation entry is this page: `workspace` is "Việc của tôi", `my-work` a person's figures. */
  current?: 'workspace' | 'decisions' | 'outgoing' | 'overview' | 'my-work' | 'findings' | 'evaluations' | 'calendar' | undefined;
  /** "Chờ quyết định": how many decisions await the viewer; shown in the navigation when given. */
  awaiting?: number | undefined;
  /** Pages with action forms may add the one optional script (functions/api/forms/enhance.ts); the rest stay script-free. */
  formsScript?: boolean | undefined;
  children: Child;
}) {
  const { lang, viewer } = props;
  const t = T[lang];
  const w = W[lang];
  const q = lang === 'en' ? '?lang=en' : '';
  const other: Lang = lang === 'vi' ? 'en' : 'vi';
  const current = (key: string) => (props.current === key ? { 'aria-current': 'page' as const } : {});
  return (
    <>
      {raw('<!DOCTYPE html>')}
      <html lang={lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{props.title}</title>
        <link rel="stylesheet" href="/assets/app.css" />
      </head>
      <body>
        <a class="skip-link" href="#main">
          {t.skip}
        </a>
        <header class="site-header">
          <p class="site-org">{props.organisation?.[lang] ?? ''}</p>
          {viewer ? (
            <nav class="site-nav" aria-label={t.siteNav}>
              <ul>
                <li>
                  <a href={`/my-work${q}`} {...current('workspace')}>
                    {w.myWork}
                  </a>
                </li>
                <li>
                  <a href={`/decisions${q}`} {...current('decisions')}>
                    {w.awaiting}
                    {props.awaiting !== undefined ? (
                      <>
                        {' '}
                        <span class={`nav-count${props.awaiting > 0 ? ' some' : ''}`}>
                          {String(props.awaiting)}
                        </span>
                      </>
                    ) : null}
                  </a>
                </li>
                <li>
                  <a href={`/outgoing${q}`} {...current('outgoing')}>
                    {w.outgoing}
                  </a>
                </li>
                <li>
                  <a href={`/dashboard${q}`} {...current('overview')}>
                    {t.overview}
                  </a>
                </li>
                <li>
                  <a href={`/dashboard/people/${encodeURIComponent(viewer.staffId)}${q}`} {...current('my-work')}>
                    {w.myFigures}
                  </a>
                </li>
                <li>
                  <a href={`/dashboard/findings${q}`} {...current('findings')}>
                    {t.findings}
                  </a>
                </li>
                <li>
                  <a href={`/evaluations${q}`} {...current('evaluations')}>
                    {w.evaluations}
                  </a>
                </li>
                <li>
                  <a href={`/calendar${q}`} {...current('calendar')}>
                    {w.calendar}
                  </a>
                </li>
              </ul>
            </nav>
          ) : null}
          <div class="site-account">
            <a class="lang-link" href={otherLanguageHref(props.url, lang)} hreflang={other} lang={other}>
              {t.otherLang}
            </a>
            {viewer ? (
              <form method="post" action="/auth/sign-out" class="sign-out">
                <span class="viewer">
                  <span class="visually-hidden">{t.signedInAs}: </span>
                  {viewer.name}
                </span>
                <button type="submit">{t.signOut}</button>
              </form>
            ) : null}
          </div>
        </header>
        <main id="main" tabindex={-1}>
          {props.children}
        </main>
        {/* Progressive enhancement of the forms only (functions/api/forms/enhance.ts). */}
        {props.formsScript ? <script src="/assets/forms.js"></script> : null}
      </body>
      </html>
    </>
  );
}
