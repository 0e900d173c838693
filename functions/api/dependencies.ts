import { Logger } from '@aws-lambda-powertools/logger';
import { DevTokenAuthority, remoteJwksVerifier } from '../../shared/adapters/tokens.js';
import { systemClock, type Clock } from '../../shared/domain/clock.js';
import { optionalEnv, requireEnv } from '../../shared/env.js';
import { rulebookForProvince } from '../../shared/rulebook/load.js';
import { createTableContext } from '../../shared/store/client.js';
import { buildServices } from '../../shared/services/index.js';
import type { AppDeps } from './context.js';

function defaultOrgIdOf(provinceId: string): string {
  const [first] = rulebookForProvince(provinceId);
  if (!first) throw new Error(`No rulebook for province ${provinceId}`);
  return first.organisation.id;
}

function services(tableName: string, endpoint: string | undefined, orgId: string) {
  const table = createTableContext({ tableName, ...(endpoint ? { endpoint } : {}) });
  const all = buildServices(table, orgId);
  return { table, organisations: all.organisations, services: all };
}

/** In AWS: settings from the environment, read once at cold start; never local mode. */
export function deployedDeps(env: NodeJS.ProcessEnv = process.env): AppDeps {
  const provinceId = requireEnv('PROVINCE_ID', env);
  const { organisations, services: all } = services(requireEnv('TABLE_NAME', env), undefined, defaultOrgIdOf(provinceId));
  return {
    organisations,
    services: all,
    tokens: remoteJwksVerifier({
      issuer: requireEnv('AUTH_ISSUER', env),
      audience: requireEnv('AUTH_AUDIENCE', env).split(','),
      jwksUrl: requireEnv('AUTH_JWKS_URL', env),
      algorithms: ['RS256'],
    }),
    clock: systemClock,
    logger: new Logger({ serviceName: 'tracker-api' }),
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
  clock?: Clock;
  logLevel?: 'DEBUG' | 'INFO' | 'WARN' | 'ERROR' | 'SILENT';
  maxBodyBytes?: number;
}

/** `npm start` and the tests: DynamoDB Local, dev tokens and the X-Clock header. */
export async function localDeps(options: LocalDepsOptions) {
  const orgId = options.orgId ?? defaultOrgIdOf(options.provinceId ?? 'son-la');
  const { table, organisations, services: all } = services(options.tableName, options.endpoint, orgId);
  const devTokens = await DevTokenAuthority.create(options.keyFile);
  const deps: AppDeps = {
    organisations,
    services: all,
    tokens: devTokens,
    clock: options.clock ?? systemClock,
    logger: new Logger({ serviceName: 'tracker-api', logLevel: options.logLevel ?? 'INFO' }),
    local: { devTokens },
    ...(options.maxBodyBytes ? { maxBodyBytes: options.maxBodyBytes } : {}),
  };
  return { deps, table, orgId };
}
