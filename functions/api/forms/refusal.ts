/** The pages' answer to a refused request: a page, not JSON, saying that nothing was recorded. */
import type { Context } from 'hono';
import type { AppEnv } from '../context.js';
import { langOf } from '../views/dashboard/i18n.js';
import { MessagePage } from '../views/dashboard/pages.js';
import { W } from './i18n.js';
import { HOME_PATH } from '../session.js';

export function refusedPage(c: Context<AppEnv>, why: 'csrf' | 'origin'): Response | Promise<Response> {
  const lang = langOf(c.req.query('lang'));
  const w = W[lang];
  const actor = c.get('actor');
  c.header('cache-control', 'private, no-store');
  return c.html(
    MessagePage({
      ctx: { lang, url: c.req.path, ...(actor ? { viewer: { staffId: actor.staffId, name: actor.name } } : {}) },
      title: w.refusedTitle,
      message: why === 'csrf' ? w.refusedCsrf : w.refusedOrigin,
      link: [w.backToMyWork, lang === 'en' ? `${HOME_PATH}?lang=en` : HOME_PATH],
    }),
    403,
  );
}
