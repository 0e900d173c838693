/**
 * CSRF protection of the signed-in pages' forms (issue #16). The session cookie is HttpOnly and
 * SameSite=Lax; on a state-changing page route it authorises nothing unless the request also
 * (1) comes from this site — Sec-Fetch-Site `same-origin`, or else an Origin equal to ours — and
 * (2) carries this session's token in the hidden field `_csrf`.
 *
 * The token is an HMAC of the session token: stable for the session, unguessable without the
 * HttpOnly cookie, and needing no server-side state. A bearer request (an API client) needs
 * neither: another site cannot make a browser send an Authorization header.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Context } from 'hono';
import type { AppEnv } from '../context.js';
import { readSession } from '../session.js';

export const CSRF_FIELD = '_csrf';

const PURPOSE = 'quy-che-tracker/csrf/v1';

/** The CSRF token of a session token. */
export function csrfTokenFor(sessionToken: string): string {
  return createHmac('sha256', sessionToken).update(PURPOSE).digest('base64url');
}

/** The token to put in this request's forms ('' when there is no session cookie, e.g. a bearer client). */
export function csrfTokenOf(c: Context<AppEnv>): string {
  const session = readSession(c);
  return session ? csrfTokenFor(session) : '';
}

/** Whether `sent` is the token of `sessionToken`, compared in constant time. */
export function csrfTokenMatches(sessionToken: string, sent: unknown): boolean {
  if (typeof sent !== 'string' || sent.length === 0 || sent.length > 128) return false;
  const expected = Buffer.from(csrfTokenFor(sessionToken));
  const given = Buffer.from(sent);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/**
 * Whether the request comes from a page of this site. Browsers send Sec-Fetch-Site; under our
 * `Referrer-Policy: no-referrer` a form post's Origin is `null`, so Origin decides only where
 * Sec-Fetch-Site is absent, and `null` there is refused (nothing says where it came from).
 * A request with neither header is not from a browser's form; the CSRF token still guards it.
 */
export function sameOrigin(c: Context<AppEnv>): boolean {
  const site = c.req.header('sec-fetch-site');
  const origin = c.req.header('origin');
  if (site !== undefined) {
    if (site !== 'same-origin') return false;
    return origin === undefined || origin === 'null' || origin === new URL(c.req.url).origin;
  }
  if (origin === undefined) return true;
  return origin === new URL(c.req.url).origin;
}
