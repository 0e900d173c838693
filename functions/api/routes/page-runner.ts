import type { Context } from 'hono';
import { NotFoundError, ValidationError } from '../../../shared/domain/errors.js';
import type { AppEnv } from '../context.js';
import { T, langOf, type Lang } from '../views/dashboard/i18n.js';
import { MessagePage } from '../views/dashboard/pages.js';

/**
 * Runs a page whose reader may ask for what does not exist: a record not found (or not visible) is
 * the 404 page and a bad address the 400 page naming its fields, in the reader's words (the
 * domain's English message is for the API), each with a link back to `home`.
 */
export function pageWith(home: (lang: Lang) => readonly [label: string, href: string]) {
  return (handler: (c: Context<AppEnv>, lang: Lang) => Promise<Response>) => async (c: Context<AppEnv>) => {
    const lang = langOf(c.req.query('lang'));
    // A person's records: never kept by a shared cache or the browser's back-forward store.
    c.header('cache-control', 'private, no-store');
    try {
      return await handler(c, lang);
    } catch (error) {
      const actor = c.get('actor');
      const frame = { lang, url: `${c.req.path}${new URL(c.req.url).search}`, viewer: { staffId: actor.staffId, name: actor.name } };
      const link: [string, string] = [...home(lang)];
      const t = T[lang];
      if (error instanceof NotFoundError) return c.html(MessagePage({ ctx: frame, title: t.notFound, message: t.notFoundDetail, link }), 404);
      if (error instanceof ValidationError) {
        const fields = error.issues.map((i) => `${i.path.replace(/^query\./, '')} ${i.message === 'is required' ? t.required : t.invalid}`);
        return c.html(MessagePage({ ctx: frame, title: t.badAddress, message: `${t.badAddressDetail} ${fields.join('; ')}.`, link }), 400);
      }
      throw error;
    }
  };
}
