import { createRouter } from '../router.js';
import { appCss } from '../views/app.css.js';
import { docsCss, docsJs } from '../views/docs-assets.js';

const CSS = { 'content-type': 'text/css; charset=utf-8', 'cache-control': 'public, max-age=3600' };

/** The pages' style sheet and the API reference's style and script (strict CSP: nothing inline). */
export function assetRoutes() {
  return createRouter()
    .get('/assets/app.css', (c) => c.body(appCss, 200, CSS))
    .get('/assets/docs.css', (c) => c.body(docsCss, 200, CSS))
    .get('/assets/docs.js', (c) => c.body(docsJs, 200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'public, max-age=3600' }));
}
