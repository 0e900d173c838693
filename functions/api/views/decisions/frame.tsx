/** @jsxImportSource hono/jsx */
/** The frame of the decision pages: the site layout with the navigation's count, and the confirmation of the last action. */
import type { Child } from 'hono/jsx';
import { Layout } from '../layout.js';
import type { DecisionPageContext } from './page-context.js';

export function Frame(p: { ctx: DecisionPageContext; title: string; current?: 'decisions' | 'evaluations' | undefined; children: Child }) {
  const { ctx } = p;
  return (
    <Layout lang={ctx.lang} title={p.title} url={ctx.url} viewer={ctx.viewer} organisation={ctx.names.organisation} awaiting={ctx.awaiting} {...(p.current ? { current: p.current } : {})}>
      {ctx.confirmation ? (
        <div class="confirmation" role="status">
          <p>{ctx.confirmation}</p>
        </div>
      ) : null}
      {p.children}
    </Layout>
  );
}
