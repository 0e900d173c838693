/** @jsxImportSource hono/jsx */
/**
 * Signing in to the web pages (issue #8). Locally: a page listing the demo staff; choosing one
 * posts to /dev/sign-in, which sets the session cookie with a dev token. In AWS: /auth/login sends
 * the browser to the Cognito hosted UI (or the OIDC provider) with a PKCE challenge, and
 * /auth/callback exchanges the code for the ID token, checks it like any bearer token and keeps
 * it in the session cookie. Either way the cookie holds a token the API would accept.
 */
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { authorizeRedirect, exchangeCode, newAuthorization, sameSecret, SignInFailed } from '../../../shared/adapters/hosted-ui.js';
import { UnauthenticatedError } from '../../../shared/domain/errors.js';
import type { Actor } from '../../../shared/services/organisation-service.js';
import type { AppDeps, AppEnv } from '../context.js';
import { createRouter } from '../router.js';
import { IdSchema } from '../schemas/common.js';
import { endSession, safeNext, secureCookies, startSession } from '../session.js';
import { MessagePage } from '../views/dashboard/pages.js';
import { roleTitle } from '../../../shared/rulebook/roles.js';
import { T, langOf, type Lang } from '../views/dashboard/i18n.js';
import { SignInPage } from '../views/sign-in-page.js';

const OAUTH_COOKIE = 'tracker_oauth';

interface PendingSignIn {
  /** state, PKCE verifier, where to go after */
  s: string;
  v: string;
  n: string;
}

const urlOf = (c: Context<AppEnv>) => `${c.req.path}${new URL(c.req.url).search}`;
const withLang = (path: string, lang: Lang) => (lang === 'en' ? `${path}${path.includes('?') ? '&' : '?'}lang=en` : path);

function readPending(c: Context<AppEnv>): PendingSignIn | undefined {
  const raw = getCookie(c, OAUTH_COOKIE);
  if (!raw) return undefined;
  try {
    const v = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as Partial<PendingSignIn>;
    return typeof v.s === 'string' && typeof v.v === 'string' && typeof v.n === 'string' ? { s: v.s, v: v.v, n: safeNext(v.n) } : undefined;
  } catch {
    return undefined;
  }
}

export function authRoutes(deps: AppDeps) {
  const router = createRouter();
  const message = (c: Context<AppEnv>, lang: Lang, status: 400 | 401 | 403 | 404 | 502 | 503, title: string, text: string, link?: [string, string]) =>
    c.html(MessagePage({ ctx: { lang, url: urlOf(c) }, title, message: text, ...(link ? { link } : {}) }), status);

  router.get('/auth/sign-in', async (c) => {
    const lang = langOf(c.req.query('lang'));
    const next = safeNext(c.req.query('next'));
    if (deps.signIn) return c.redirect(withLang(`/auth/login?next=${encodeURIComponent(next)}`, lang), 303);
    if (!deps.local) return message(c, lang, 503, T[lang].signInTitle, T[lang].signInUnavailable);
    const orgId = deps.organisations.defaultOrgId;
    const [staff, names] = await Promise.all([
      deps.organisations.listStaff(orgId),
      deps.services.dashboard.directory({ orgId } as Actor, deps.clock()),
    ]);
    const choices = Object.entries(names.units).map(([id, name]) => ({
      unit: { id, name },
      staff: staff
        .filter((s) => s.unitId === id)
        .map((s) => ({ id: s.id, name: s.name, roles: s.roles.map((r) => roleTitle(names, r, names.unitKinds[id])?.[lang] ?? r).join(', ') })),
    }));
    return c.html(
      SignInPage({
        lang,
        url: urlOf(c),
        next,
        organisation: names.organisation,
        choices: choices.filter((ch) => ch.staff.length > 0),
        ...(c.req.query('signedOut') ? { notice: T[lang].signedOut } : {}),
      }),
    );
  });

  if (deps.local) {
    const devTokens = deps.local.devTokens;
    router.post('/dev/sign-in', async (c) => {
      // A form of this site only: another site cannot sign a browser in as someone. Browsers say
      // where a request comes from in Sec-Fetch-Site (the Origin header is `null` under no-referrer).
      const site = c.req.header('sec-fetch-site');
      const origin = c.req.header('origin');
      const crossSite = site !== undefined ? site !== 'same-origin' && site !== 'none' : origin !== undefined && origin !== 'null' && origin !== new URL(c.req.url).origin;
      if (crossSite) return c.text('Cross-site sign-in refused.', 403);
      const form = await c.req.parseBody();
      const staffId = IdSchema.safeParse(form.staffId);
      const next = safeNext(typeof form.next === 'string' ? form.next : undefined);
      const orgId = deps.organisations.defaultOrgId;
      const staff = staffId.success ? (await deps.organisations.listStaff(orgId)).find((s) => s.id === staffId.data) : undefined;
      if (!staff) return c.redirect(`/auth/sign-in?next=${encodeURIComponent(next)}`, 303);
      startSession(c, deps, await devTokens.issue({ staffId: staff.id, orgId }));
      return c.redirect(next, 303);
    });
  }

  router.get('/auth/login', async (c) => {
    const lang = langOf(c.req.query('lang'));
    const settings = deps.signIn;
    if (!settings) return message(c, lang, 404, T[lang].signInTitle, T[lang].signInUnavailable);
    const { state, verifier, challenge } = newAuthorization();
    const pending: PendingSignIn = { s: state, v: verifier, n: withLang(safeNext(c.req.query('next')), lang) };
    setCookie(c, OAUTH_COOKIE, Buffer.from(JSON.stringify(pending), 'utf8').toString('base64url'), {
      httpOnly: true,
      secure: secureCookies(c, deps),
      sameSite: 'Lax',
      path: '/auth',
      maxAge: 600,
    });
    const redirectUri = settings.redirectUri ?? `${new URL(c.req.url).origin}/auth/callback`;
    return c.redirect(authorizeRedirect(settings, { state, challenge, redirectUri, lang }), 302);
  });

  router.get('/auth/callback', async (c) => {
    const lang = langOf(c.req.query('lang'));
    const t = T[lang];
    const settings = deps.signIn;
    if (!settings) return message(c, lang, 404, t.signInTitle, t.signInUnavailable);
    const pending = readPending(c);
    deleteCookie(c, OAUTH_COOKIE, { path: '/auth', secure: secureCookies(c, deps) });
    const retry: [string, string] = [t.tryAgain, `/auth/login?next=${encodeURIComponent(pending?.n ?? '/dashboard')}`];
    const refused = c.req.query('error');
    if (refused) return message(c, lang, 401, t.signInFailed, `${refused}: ${c.req.query('error_description') ?? ''}`.trim(), retry);
    const code = c.req.query('code');
    const state = c.req.query('state');
    if (!pending || !code || !state || !sameSecret(state, pending.s)) {
      return message(c, lang, 400, t.signInFailed, t.signInExpired, retry);
    }
    const redirectUri = settings.redirectUri ?? `${new URL(c.req.url).origin}/auth/callback`;
    let idToken: string;
    try {
      idToken = await exchangeCode(settings, { code, verifier: pending.v, redirectUri });
    } catch (error) {
      if (error instanceof SignInFailed) {
        // The provider's own words are for the operator, in the log; the person reads what to do.
        c.get('logger')?.warn('Sign-in failed', { requestId: c.get('requestId'), reason: error.message });
        return message(c, lang, 502, t.signInFailed, t.signInProviderFailed, retry);
      }
      throw error;
    }
    try {
      await deps.organisations.resolveActor(await deps.tokens.verify(idToken));
    } catch (error) {
      if (error instanceof UnauthenticatedError) return message(c, lang, 403, t.signInFailed, t.signInUnknown, retry);
      throw error;
    }
    startSession(c, deps, idToken);
    return c.redirect(pending.n, 303);
  });

  router.post('/auth/sign-out', async (c) => {
    endSession(c, deps);
    return c.redirect(deps.signIn ? '/auth/signed-out' : '/auth/sign-in?signedOut=1', 303);
  });

  // In AWS the provider keeps its own session: a link (not a redirect of the form, which the CSP's form-action forbids) ends it too.
  router.get('/auth/signed-out', (c) => {
    const lang = langOf(c.req.query('lang'));
    const t = T[lang];
    const settings = deps.signIn;
    const origin = new URL(c.req.url).origin;
    const link: [string, string] = settings?.logoutUrl
      ? [t.signIn, `${settings.logoutUrl}?client_id=${encodeURIComponent(settings.clientId)}&logout_uri=${encodeURIComponent(`${origin}/auth/sign-in`)}`]
      : [t.signIn, '/auth/sign-in'];
    return c.html(MessagePage({ ctx: { lang, url: urlOf(c) }, title: t.signedOut, message: t.signedOut, link }));
  });
  return router;
}
