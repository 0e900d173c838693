/**
 * Sign-in for the web pages in AWS: the OAuth 2.0 authorization code flow with PKCE (RFC 7636)
 * against the Cognito hosted UI, or the province's OIDC provider. The browser is sent to the
 * authorize endpoint; the provider sends it back to `/auth/callback` with a code, which is
 * exchanged here, server-side, for an ID token (a public client: no client secret).
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { optionalEnv } from '../env.js';

export interface HostedUiSettings {
  readonly authorizeUrl: string;
  readonly tokenUrl: string;
  readonly clientId: string;
  readonly scopes: readonly string[];
  /** Where the provider sends the browser back; `<the request's origin>/auth/callback` when absent. */
  readonly redirectUri?: string;
  /** The provider's logout endpoint (Cognito: `<domain>/logout`), if it has one. */
  readonly logoutUrl?: string;
}

const DEFAULT_SCOPES = ['openid', 'email', 'profile'];

/**
 * From the environment: `AUTH_HOSTED_UI_URL` (the Cognito domain, e.g.
 * `https://tracker-son-la.auth.ap-southeast-1.amazoncognito.com`, or a full authorize URL) and
 * `AUTH_CLIENT_ID`; for another OIDC provider `AUTH_AUTHORIZE_URL` and `AUTH_TOKEN_URL`
 * (optional `AUTH_LOGOUT_URL`). `AUTH_REDIRECT_URI` and `AUTH_SCOPES` are optional. Undefined
 * when nothing is configured.
 */
export function hostedUiFromEnv(env: NodeJS.ProcessEnv = process.env): HostedUiSettings | undefined {
  const base = optionalEnv('AUTH_HOSTED_UI_URL', env);
  const authorize = optionalEnv('AUTH_AUTHORIZE_URL', env);
  const token = optionalEnv('AUTH_TOKEN_URL', env);
  const clientId = optionalEnv('AUTH_CLIENT_ID', env);
  if (!base && !authorize) return undefined;
  if (!clientId) throw new Error('AUTH_CLIENT_ID must be set with AUTH_HOSTED_UI_URL or AUTH_AUTHORIZE_URL');
  let authorizeUrl = authorize;
  let tokenUrl = token;
  let logoutUrl = optionalEnv('AUTH_LOGOUT_URL', env);
  if (base) {
    const url = new URL(base);
    // Either the domain or its authorize endpoint: the token and logout endpoints sit beside it.
    const root = url.pathname.replace(/\/(oauth2\/)?authorize\/?$/, '').replace(/\/$/, '');
    authorizeUrl ??= `${url.origin}${root}/oauth2/authorize`;
    tokenUrl ??= `${url.origin}${root}/oauth2/token`;
    logoutUrl ??= `${url.origin}${root}/logout`;
  }
  if (!tokenUrl) throw new Error('AUTH_TOKEN_URL must be set with AUTH_AUTHORIZE_URL');
  const redirectUri = optionalEnv('AUTH_REDIRECT_URI', env);
  const scopes = optionalEnv('AUTH_SCOPES', env)?.split(/[\s,]+/).filter(Boolean) ?? DEFAULT_SCOPES;
  return { authorizeUrl: authorizeUrl!, tokenUrl, clientId, scopes, ...(redirectUri ? { redirectUri } : {}), ...(logoutUrl ? { logoutUrl } : {}) };
}

const base64url = (bytes: Buffer) => bytes.toString('base64url');

/** A one-time state and PKCE verifier, with the S256 challenge sent to the provider. */
export function newAuthorization(): { state: string; verifier: string; challenge: string } {
  const verifier = base64url(randomBytes(32));
  return { state: base64url(randomBytes(16)), verifier, challenge: pkceChallenge(verifier) };
}

export const pkceChallenge = (verifier: string) => base64url(createHash('sha256').update(verifier).digest());

export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export function authorizeRedirect(settings: HostedUiSettings, input: { state: string; challenge: string; redirectUri: string; lang?: string }): string {
  const url = new URL(settings.authorizeUrl);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('client_id', settings.clientId);
  url.searchParams.set('redirect_uri', input.redirectUri);
  url.searchParams.set('scope', settings.scopes.join(' '));
  url.searchParams.set('state', input.state);
  url.searchParams.set('code_challenge', input.challenge);
  url.searchParams.set('code_challenge_method', 'S256');
  if (input.lang) url.searchParams.set('lang', input.lang);
  return url.toString();
}

export class SignInFailed extends Error {
  override name = 'SignInFailed';
}

/** Exchanges the code for the provider's ID token; throws SignInFailed when the provider refuses. */
export async function exchangeCode(
  settings: HostedUiSettings,
  input: { code: string; verifier: string; redirectUri: string },
  fetchImpl: typeof fetch = fetch,
): Promise<string> {
  let res: Response;
  try {
    res = await fetchImpl(settings.tokenUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        client_id: settings.clientId,
        code: input.code,
        redirect_uri: input.redirectUri,
        code_verifier: input.verifier,
      }),
      signal: AbortSignal.timeout(10_000),
    });
  } catch (error) {
    throw new SignInFailed(`The sign-in provider could not be reached (${(error as Error).name}).`);
  }
  const body = (await res.json().catch(() => ({}))) as { id_token?: unknown; error?: unknown };
  if (!res.ok || typeof body.id_token !== 'string') {
    throw new SignInFailed(`The sign-in provider refused the code (${res.status}${typeof body.error === 'string' ? `, ${body.error}` : ''}).`);
  }
  return body.id_token;
}
