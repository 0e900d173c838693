import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { dirname } from 'node:path';
import {
  SignJWT,
  createRemoteJWKSet,
  customFetch,
  exportJWK,
  generateKeyPair,
  importJWK,
  jwtVerify,
  type JWK,
  type JWTPayload,
  type JWTVerifyGetKey,
  type CryptoKey,
  type FetchImplementation,
} from 'jose';
import { UnauthenticatedError } from '../domain/errors.js';
import { readBody } from './http-body.js';

/** Who a verified token names. Roles and unit are never taken from the token: they come from the records. */
export interface TokenIdentity {
  readonly staffId: string;
  readonly orgId?: string;
}

export interface TokenVerifier {
  /** Resolves the identity, or throws UnauthenticatedError. Expiry is checked against real time. */
  verify(token: string): Promise<TokenIdentity>;
  /** Fetches what verifying needs (the provider's published keys) ahead of the first token; verify checks as ever. */
  prepare?(): Promise<void>;
}

export interface JwtSettings {
  readonly issuer: string;
  /** Accepted in `aud` (ID tokens, OIDC) or `client_id` (Cognito access tokens). */
  readonly audience: readonly string[];
  readonly algorithms: readonly string[];
  /** The longest lifetime (`exp` − `iat`) and age accepted; 12 hours unless the deployment sets AUTH_MAX_TOKEN_LIFETIME_SECONDS. */
  readonly maxLifetimeSeconds?: number;
}

export const DEFAULT_MAX_TOKEN_LIFETIME_SECONDS = 12 * 3600;
/** How far the provider's clock may run ahead of ours before an `iat` counts as "in the future". */
const CLOCK_TOLERANCE_SECONDS = 60;

function identityFrom(payload: JWTPayload, settings: JwtSettings): TokenIdentity {
  const aud = payload.aud === undefined ? [] : Array.isArray(payload.aud) ? payload.aud : [payload.aud];
  const clientId = typeof payload.client_id === 'string' ? [payload.client_id] : [];
  if (![...aud, ...clientId].some((a) => settings.audience.includes(a))) {
    throw new UnauthenticatedError('The token was not issued for this service (audience).');
  }
  const claim = (name: string) => {
    const value = payload[name];
    return typeof value === 'string' && value.length > 0 ? value : undefined;
  };
  const staffId = claim('staffId') ?? claim('custom:staffId') ?? claim('sub');
  if (!staffId) throw new UnauthenticatedError('The token names no staff member.');
  const orgId = claim('orgId') ?? claim('custom:orgId');
  return orgId ? { staffId, orgId } : { staffId };
}

async function verifyWith(
  token: string,
  key: JWTVerifyGetKey | CryptoKey,
  settings: JwtSettings,
): Promise<TokenIdentity> {
  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(token, key as JWTVerifyGetKey, {
      issuer: settings.issuer,
      algorithms: [...settings.algorithms],
      requiredClaims: ['exp', 'iat'],
    }));
  } catch (error) {
    const reason = (error as { code?: string }).code ?? 'ERR_JWT_INVALID';
    throw new UnauthenticatedError(`The token is not valid (${reason}).`);
  }
  // jose's maxTokenAge would apply its clock tolerance to `exp` too; expiry stays exact, `iat` gets the tolerance.
  const { iat, exp } = payload as { iat: number; exp: number };
  if (iat > Math.floor(Date.now() / 1000) + CLOCK_TOLERANCE_SECONDS) throw new UnauthenticatedError('The token is not valid (issued in the future).');
  // A token minted to outlive the maximum is refused even while young: a stolen one must not last.
  if (exp - iat > (settings.maxLifetimeSeconds ?? DEFAULT_MAX_TOKEN_LIFETIME_SECONDS)) {
    throw new UnauthenticatedError('The token is not valid (lifetime over the maximum).');
  }
  return identityFrom(payload, settings);
}

/** The most a key set's answer may hold; a provider's is a few KB. */
const MAX_JWKS_BYTES = 1024 * 1024;

/**
 * jose's key-set fetch through node:http(s) instead of the global fetch, whose first use in a
 * process loads the rest of undici: the API's cold first event took 136 ms instead of 205 with
 * this alone (`npm run bench:cold`). Same request: GET, jose's headers and timeout signal,
 * redirects not followed; jose checks the status and the JSON.
 */
const nodeHttpGet: FetchImplementation = async (url, { headers, signal }) => {
  const { get } = url.startsWith('https:') ? await import('node:https') : await import('node:http');
  const response = await new Promise<IncomingMessage>((resolve, reject) => {
    // A connection of its own (no keep-alive): a socket kept across a frozen Lambda may be dead when the keys are next read.
    get(url, { headers: Object.fromEntries(headers), signal, agent: false }, resolve).on('error', reject);
  });
  const body = (await readBody(response, MAX_JWKS_BYTES)).toString('utf8');
  return { status: response.statusCode ?? 0, json: async () => JSON.parse(body) as unknown } as Response;
};

/** Tokens from Cognito or the province's OIDC provider, checked against its published keys. */
export function remoteJwksVerifier(settings: JwtSettings & { readonly jwksUrl: string }): TokenVerifier {
  const jwks = createRemoteJWKSet(new URL(settings.jwksUrl), { [customFetch]: nodeHttpGet });
  return {
    verify: (token) => verifyWith(token, jwks, settings),
    // jose shares a fetch under way: the first verify waits for this one instead of fetching again.
    prepare: () => (jwks.fresh || jwks.reloading ? Promise.resolve() : jwks.reload()),
  };
}

export const DEV_TOKEN_ISSUER = 'urn:quy-che-tracker:local';
export const DEV_TOKEN_AUDIENCE = 'quy-che-tracker-local';
const DEV_ALGORITHM = 'ES256';

/**
 * Local mode only: signs and verifies the dev tokens of `POST /dev/token` with a key pair of its
 * own (kept in a file under .data/ so tokens survive a restart of `npm start`).
 */
export class DevTokenAuthority implements TokenVerifier {
  private readonly settings: JwtSettings = {
    issuer: DEV_TOKEN_ISSUER,
    audience: [DEV_TOKEN_AUDIENCE],
    algorithms: [DEV_ALGORITHM],
  };

  private constructor(
    private readonly privateKey: CryptoKey,
    private readonly publicKey: CryptoKey,
    readonly publicJwk: JWK,
  ) {}

  static async create(keyFile?: string): Promise<DevTokenAuthority> {
    if (keyFile && existsSync(keyFile)) {
      const stored = JSON.parse(readFileSync(keyFile, 'utf8')) as { privateJwk: JWK; publicJwk: JWK };
      const privateKey = (await importJWK(stored.privateJwk, DEV_ALGORITHM)) as CryptoKey;
      const publicKey = (await importJWK(stored.publicJwk, DEV_ALGORITHM)) as CryptoKey;
      return new DevTokenAuthority(privateKey, publicKey, stored.publicJwk);
    }
    const { privateKey, publicKey } = await generateKeyPair(DEV_ALGORITHM, { extractable: true });
    const publicJwk = await exportJWK(publicKey);
    if (keyFile) {
      mkdirSync(dirname(keyFile), { recursive: true });
      writeFileSync(keyFile, JSON.stringify({ privateJwk: await exportJWK(privateKey), publicJwk }), { mode: 0o600 });
    }
    return new DevTokenAuthority(privateKey, publicKey, publicJwk);
  }

  /** Signs a token for a staff member; `now` is real time, never the X-Clock business time. */
  async issue(identity: TokenIdentity, options: { ttlSeconds?: number; now?: Date } = {}): Promise<string> {
    const iat = Math.floor((options.now ?? new Date()).getTime() / 1000);
    return new SignJWT({ staffId: identity.staffId, ...(identity.orgId ? { orgId: identity.orgId } : {}) })
      .setProtectedHeader({ alg: DEV_ALGORITHM, typ: 'JWT' })
      .setIssuer(DEV_TOKEN_ISSUER)
      .setAudience(DEV_TOKEN_AUDIENCE)
      .setSubject(identity.staffId)
      .setIssuedAt(iat)
      .setExpirationTime(iat + (options.ttlSeconds ?? 8 * 3600))
      .sign(this.privateKey);
  }

  verify(token: string): Promise<TokenIdentity> {
    return verifyWith(token, this.publicKey, this.settings);
  }
}
