import { Logger } from '@aws-lambda-powertools/logger';
import { DevTokenAuthority, remoteJwksVerifier } from '../../shared/adapters/tokens.js';
import { systemClock, type Clock } from '../../shared/domain/clock.js';
import { optionalEnv, requireEnv } from '../../shared/env.js';
import { organisationIdsOfProvince } from '../../shared/rulebook/provinces.js';
import { createTableContext } from '../../shared/store/client.js';
import { createServices, type ServiceOptions } from '../../shared/features/container.js';
import { FEATURE_LOADERS, type FeatureName } from '../../shared/features/catalogue.js';
import {
  eofficeSettingsForDeployment,
  eofficeSettingsFromEnv,
  staticEofficeSettings,
  type EofficeSettingsSource,
} from '../../shared/adapters/webhook-secrets.js';
import type { RetryPolicy } from '../../shared/domain/eoffice-delivery.js';
import { CognitoIdentityDirectory, type IdentityDirectory } from '../../shared/adapters/identity-directory.js';
import { hostedUiFromEnv } from '../../shared/adapters/hosted-ui.js';
import { CursorCodec, devCursorKeys, secretsManagerCursorKeys, staticCursorKeys, type CursorSecrets } from '../../shared/adapters/cursor-codec.js';
import type { AppDeps } from './context.js';
import { S3FileStorage, uploadOrigin, type FileStorageSettings } from '../../shared/adapters/file-storage.js';
import type { RemoteFileSettings } from '../../shared/adapters/remote-file.js';

function defaultOrgIdOf(provinceId: string): string {
  const [first] = organisationIdsOfProvince(provinceId);
  if (!first) throw new Error(`No rulebook for province ${provinceId}`);
  return first;
}

/** AUTH_MAX_TOKEN_LIFETIME_SECONDS: the longest token lifetime accepted (default 12 hours). A bad value fails the cold start. */
function maxTokenLifetimeFromEnv(env: NodeJS.ProcessEnv): { maxLifetimeSeconds?: number } {
  const value = optionalEnv('AUTH_MAX_TOKEN_LIFETIME_SECONDS', env);
  if (value === undefined) return {};
  const seconds = Number(value);
  if (!Number.isInteger(seconds) || seconds < 300 || seconds > 7 * 24 * 3600) {
    throw new Error(`AUTH_MAX_TOKEN_LIFETIME_SECONDS must be a whole number of seconds from 300 to 604800, got ${value}`);
  }
  return { maxLifetimeSeconds: seconds };
}

function services(
  tableName: string,
  endpoint: string | undefined,
  orgId: string,
  eoffice: { settings: EofficeSettingsSource; orgIds?: readonly string[]; retry?: Partial<RetryPolicy> },
  identity?: IdentityDirectory,
  files?: FileStorageSettings,
) {
  const table = createTableContext({ tableName, ...(endpoint ? { endpoint } : {}) });
  const options: ServiceOptions = { eoffice, ...(identity ? { identity } : {}), ...(files ? { files: new S3FileStorage(files) } : {}) };
  // Each feature's services are built when a route needing them first runs (shared/features/).
  const all = createServices(table, orgId, options);
  return { table, organisations: all.organisations, services: all, options };
}

/** FILES_BUCKET (the stack's evidence bucket) and FILES_MALWARE_SCAN=1 (GuardDuty tags each object); no bucket, no files. */
function filesFromEnv(env: NodeJS.ProcessEnv): FileStorageSettings | undefined {
  const bucket = optionalEnv('FILES_BUCKET', env);
  return bucket ? { bucket, malwareScan: optionalEnv('FILES_MALWARE_SCAN', env) === '1' } : undefined;
}

/** In AWS: settings from the environment, read once at cold start; never local mode. */
export function deployedDeps(env: NodeJS.ProcessEnv = process.env): AppDeps {
  const provinceId = requireEnv('PROVINCE_ID', env);
  // E-office: one Secrets Manager secret per organisation, named by EOFFICE_SECRET_ID (`…/{orgId}`); unset: not configured (401).
  const eofficeSettings = eofficeSettingsForDeployment(env);
  // The ids alone: checking the whole rulebook at every cold start buys nothing a request uses.
  const orgIds = organisationIdsOfProvince(provinceId);
  if (!orgIds[0]) throw new Error(`No rulebook for province ${provinceId}`);
  // Adding a person creates their Cognito user; ending employment disables it (issue #12).
  const userPoolId = optionalEnv('USER_POOL_ID', env);
  // The pages' sign-in (issue #8): AUTH_HOSTED_UI_URL + AUTH_CLIENT_ID (Cognito), or AUTH_AUTHORIZE_URL + AUTH_TOKEN_URL (OIDC).
  const signIn = hostedUiFromEnv(env);
  const files = filesFromEnv(env);
  // The pages' uploads go to the bucket's own endpoint; a bad FILES_UPLOAD_ORIGIN fails the cold start.
  const filesOrigin = files ? uploadOrigin(files, optionalEnv('AWS_REGION', env), optionalEnv('FILES_UPLOAD_ORIGIN', env)) : undefined;
  const { organisations, services: all } = services(
    requireEnv('TABLE_NAME', env),
    undefined,
    orgIds[0],
    { settings: eofficeSettings, orgIds },
    userPoolId ? new CognitoIdentityDirectory(userPoolId) : undefined,
    files,
  );
  const tokens = remoteJwksVerifier({
    issuer: requireEnv('AUTH_ISSUER', env),
    audience: requireEnv('AUTH_AUDIENCE', env).split(','),
    jwksUrl: requireEnv('AUTH_JWKS_URL', env),
    algorithms: ['RS256'],
    ...maxTokenLifetimeFromEnv(env),
  });
  return {
    organisations,
    services: all,
    eoffice: { settings: eofficeSettings },
    tokens,
    // A cold start's round trips (the JWKS, the organisation's version item, snapshot and rulebook
    // versions) overlap the loading of the first request's route group instead of following it.
    prefetch: (scope) => Promise.all([tokens.prepare?.(), organisations.prepare(scope)]),
    clock: systemClock,
    logger: new Logger({ serviceName: 'tracker-api' }),
    // The cursor key: a Secrets Manager secret the stack creates, read on the first list request.
    cursors: new CursorCodec(secretsManagerCursorKeys(requireEnv('CURSOR_SECRET_ID', env))),
    ...(signIn ? { signIn } : {}),
    ...(filesOrigin ? { filesOrigin } : {}),
  };
}

export interface LocalDepsOptions {
  tableName: string;
  endpoint: string;
  provinceId?: string;
  /** The organisation dev tokens and /dev/staff serve; the province's first when absent. */
  orgId?: string;
  /** Where the dev signing key is kept; in memory when absent. */
  keyFile?: string;
  /** Where the dev cursor key is kept; in memory when absent. */
  cursorKeyFile?: string;
  /** A fixed cursor key instead (tests that seal cursors of their own). */
  cursorSecrets?: CursorSecrets;
  clock?: Clock;
  logLevel?: 'DEBUG' | 'INFO' | 'WARN' | 'ERROR' | 'SILENT';
  maxBodyBytes?: number;
  /**
   * The e-office integration; from EOFFICE_WEBHOOK_SECRET, EOFFICE_WEBHOOK_SECRET_PREVIOUS and
   * EOFFICE_CALLBACK_URL (see .env.example) when absent.
   */
  eoffice?: { secrets?: readonly string[]; callbackUrl?: string; maxBodyBytes?: number; retry?: Partial<RetryPolicy>; files?: RemoteFileSettings };
  /** Evidence files on the local S3-compatible server (scripts/lib/s3-local.ts); none when absent. */
  files?: FileStorageSettings;
  /**
   * 'on-first-use' (as in AWS): each feature's services are built when a route needing them
   * first runs, so a route group that does not list a feature it uses fails its tests.
   * 'all' (the default): every feature is built before this returns (a caller building routes by hand).
   */
  features?: 'all' | 'on-first-use';
  /** A response that does not match the OpenAPI document: a 500 (`fail`, the default: tests) or a logged error (`log`: npm start). */
  responseValidation?: 'fail' | 'log';
}

const ALL_FEATURE_NAMES = Object.keys(FEATURE_LOADERS) as FeatureName[];

/** `npm start` and the tests: DynamoDB Local, dev tokens and the X-Clock header. */
export async function localDeps(options: LocalDepsOptions) {
  const orgId = options.orgId ?? defaultOrgIdOf(options.provinceId ?? 'son-la');
  const e = options.eoffice;
  const eofficeSettings = e
    ? staticEofficeSettings({
        ...(e.secrets?.[0] ? { current: e.secrets[0] } : {}),
        ...(e.secrets?.[1] ? { previous: e.secrets[1] } : {}),
        ...(e.callbackUrl ? { callbackUrl: e.callbackUrl } : {}),
        ...(e.files ? { files: e.files } : {}),
      })
    : eofficeSettingsFromEnv();
  const { table, organisations, services: all, options: serviceOptions } = services(
    options.tableName,
    options.endpoint,
    orgId,
    { settings: eofficeSettings, ...(e?.retry ? { retry: e.retry } : {}) },
    undefined,
    options.files,
  );
  if (options.features !== 'on-first-use') await all.load(ALL_FEATURE_NAMES);
  const devTokens = await DevTokenAuthority.create(options.keyFile);
  const deps: AppDeps = {
    organisations,
    services: all,
    tokens: devTokens,
    clock: options.clock ?? systemClock,
    logger: new Logger({ serviceName: 'tracker-api', logLevel: options.logLevel ?? 'INFO' }),
    cursors: new CursorCodec(options.cursorSecrets ? staticCursorKeys(options.cursorSecrets) : devCursorKeys(options.cursorKeyFile)),
    local: { devTokens, ...(options.responseValidation ? { responseValidation: options.responseValidation } : {}) },
    ...(options.maxBodyBytes ? { maxBodyBytes: options.maxBodyBytes } : {}),
    eoffice: { settings: eofficeSettings, ...(e?.maxBodyBytes ? { maxBodyBytes: e.maxBodyBytes } : {}) },
    ...(options.files ? { filesOrigin: uploadOrigin(options.files, undefined, optionalEnv('FILES_UPLOAD_ORIGIN')) } : {}),
  };
  // serviceOptions: for a test's or script's own buildServices on the same table.
  return { deps, table, orgId, serviceOptions };
}
