/** @jsxImportSource hono/jsx */
// The page a browser gets when a page cannot be shown (not found, a bad address, a failure),
// in the reader's language, inside the signed-in frame when someone is signed in.
import { T, href, type Lang } from './dashboard/i18n.js';
import { MessagePage } from './dashboard/pages.js';
import type { Viewer } from './layout.js';

export function ErrorPage(props: { status: number; lang: Lang; url: string; requestId?: string | undefined; viewer?: Viewer | undefined }) {
  const t = T[props.lang];
  const [title, message] =
    props.status === 404 || props.status === 405
      ? [t.notFound, t.notFoundDetail]
      : props.status === 400 || props.status === 422
        ? [t.badAddress, t.notFoundDetail]
        : props.status === 401 || props.status === 403
          ? [t.notFound, t.notFoundDetail]
          : [t.errorTitle, `${t.errorDetail} ${props.requestId ?? ''}`.trim()];
  return MessagePage({ ctx: { lang: props.lang, url: props.url, viewer: props.viewer }, title, message, link: [t.overview, href('/dashboard', {}, props.lang)] });
}
