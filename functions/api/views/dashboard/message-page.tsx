/** @jsxImportSource hono/jsx */
// A page that says one thing (a refusal, a missing record, a confirmation), with one link onwards.
import type { LocalizedText } from '../../../../shared/domain/organisation.js';
import { Layout, type Viewer } from '../layout.js';
import type { Lang } from './i18n.js';

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
