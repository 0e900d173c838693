import type { Context } from 'hono';
import type { CursorBinding } from '../../shared/adapters/cursor-codec.js';
import type { AppDeps, AppEnv } from './context.js';

/** Query parameters that choose how a page is shown, not what the list holds: not bound into the cursor. */
const NOT_FILTERS = new Set(['cursor', 'limit', 'lang']);

/** The binding of a list request: the caller, the list (method and path) and its filters. */
export function cursorBinding(c: Context<AppEnv>, query: Readonly<Record<string, unknown>>): CursorBinding {
  const actor = c.get('actor');
  return {
    orgId: actor.orgId,
    staffId: actor.staffId,
    list: `${c.req.method} ${c.req.path}`,
    filters: Object.fromEntries(Object.entries(query).filter(([k]) => !NOT_FILTERS.has(k))),
  };
}

/**
 * Runs one page of a list: opens the incoming cursor (a 400 naming query.cursor unless it was
 * given out to this caller, for this list and these filters, within the hour) before the list
 * runs, and seals the position of the next page. Services only ever see the inner position.
 */
export async function paginate<P extends { nextCursor?: string }>(
  deps: Pick<AppDeps, 'cursors'>,
  c: Context<AppEnv>,
  query: Readonly<Record<string, unknown>> & { readonly cursor?: string | undefined },
  list: (cursor: string | undefined) => Promise<P>,
): Promise<P> {
  const binding = cursorBinding(c, query);
  const now = c.get('now');
  // Most first pages give out a cursor: the key is read while the list's own reads run.
  deps.cursors.prepare();
  const position = query.cursor === undefined || query.cursor === '' ? undefined : await deps.cursors.open(query.cursor, binding, now);
  const page = await list(position);
  if (page.nextCursor === undefined) return page;
  return { ...page, nextCursor: await deps.cursors.seal(page.nextCursor, binding, now) };
}
