/**
 * The web pages' session: a link cannot carry a bearer header, so the pages (`/my-work`,
 * `/assignments…`, `/dashboard…`, `/meetings/…`, `/calendar…`, …) also accept the signed token in an
 * HttpOnly, SameSite=Lax cookie. On GET the cookie alone is enough; a state-changing page route
 * takes it only with the session's CSRF token in the form (`_csrf`) and a same-origin request
 * (functions/api/forms/csrf.ts); the API under /v1 never takes the cookie. The token is the same
 * JWT the API takes: a dev token locally, the ID token of the Cognito hosted UI (or the OIDC
 * provider) in AWS, and it is verified on every request like a bearer token.
 */
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { decodeJwt } from 'jose';
import type { AppDeps, AppEnv } from './context.js';

export const SESSION_COOKIE = 'tracker_session';

/** Pages read with the session cookie (issue #8). */
export const READ_PAGE_PREFIXES = ['/dashboard', '/meetings', '/calendar'] as const;
/** The workspace (issue #16): pages where people do their work, with forms posted back to them. */
export const FORM_PAGE_PREFIXES = ['/my-work', '/assignments', '/decisions', '/reports', '/leave', '/findings', '/finance', '/meetings', '/outgoing', '/board-matters', '/files', '/evaluations'] as const;

const PAGE_PATHS = [...new Set([...READ_PAGE_PREFIXES, ...FORM_PAGE_PREFIXES])].map((prefix) => new RegExp(`^${prefix}(?:/|$)`));

/** Where everyone lands after signing in (issue #16). */
export const HOME_PATH = '/my-work';

/** A page route a browser navigates to: the session cookie is accepted there, and sign-in is a redirect. */
export const isPagePath = (path: string) => PAGE_PATHS.some((p) => p.test(path));

/** A browser navigation (it asks for HTML), as opposed to an API client. */
export const acceptsHtml = (c: Context<AppEnv>) => (c.req.header('accept') ?? '').includes('text/html');

/** Only a path on this site: never another origin (`//evil`, `/\evil`, `https://…`). */
export function safeNext(value: string | undefined, fallback = HOME_PATH): string {
  if (!value || !value.startsWith('/') || value.startsWith('//') || /[\\\s]/.test(value) || value.length > 2048) return fallback;
  return value;
}

export function signInPath(next: string): string {
  return `/auth/sign-in?next=${encodeURIComponent(safeNext(next))}`;
}

/** Secure everywhere but plain-HTTP local mode (http://localhost). */
export function secureCookies(c: Context<AppEnv>, deps: Pick<AppDeps, 'local'>): boolean {
  return !deps.local || new URL(c.req.url).protocol === 'https:';
}

export function readSession(c: Context<AppEnv>): string | undefined {
  return getCookie(c, SESSION_COOKIE);
}

/** Keeps the token until it expires (its `exp`), at most 12 hours. */
export function startSession(c: Context<AppEnv>, deps: Pick<AppDeps, 'local'>, token: string, now = new Date()): void {
  let maxAge = 3600;
  try {
    const { exp } = decodeJwt(token);
    if (typeof exp === 'number') maxAge = Math.max(0, Math.min(12 * 3600, exp - Math.floor(now.getTime() / 1000)));
  } catch {
    // The token is verified on use; a malformed one just gets the default lifetime.
  }
  setCookie(c, SESSION_COOKIE, token, { httpOnly: true, sameSite: 'Lax', path: '/', secure: secureCookies(c, deps), maxAge });
}

export function endSession(c: Context<AppEnv>, deps: Pick<AppDeps, 'local'>): void {
  deleteCookie(c, SESSION_COOKIE, { path: '/', secure: secureCookies(c, deps), httpOnly: true, sameSite: 'Lax' });
}
