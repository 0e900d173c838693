import { Validations, type App } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { rulebookForProvince } from '../shared/rulebook/load.js';
import { complianceSchedules } from '../shared/services/compliance/schedules.js';
import type { ComplianceScheduleSpec } from './constructs/compliance-schedules.js';
import { assertEmailAddress } from './constructs/email-sender.js';
import { assertCognitoDomainPrefix } from './constructs/staff-user-pool.js';
import { stackNameFor, TrackerStack, type TrackerAuth } from './tracker-stack.js';

export const DEFAULT_PROVINCE = 'son-la';
const PROVINCE_ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;

const contextString = (app: App, key: string): string | undefined => {
  const value: unknown = app.node.tryGetContext(key);
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') throw new Error(`-c ${key} must be a string`);
  return value;
};

/** `-c province=<id>`, default son-la. */
export function provinceFromContext(app: App): string {
  const provinceId = contextString(app, 'province') ?? DEFAULT_PROVINCE;
  if (!PROVINCE_ID.test(provinceId)) throw new Error(`-c province=${provinceId}: use lower-case words joined by "-"`);
  return provinceId;
}

/**
 * `-c oidcIssuer=... -c oidcAudience=a,b [-c oidcJwksUrl=...] [-c oidcAuthorizeUrl=... -c oidcTokenUrl=...]`;
 * without them, a Cognito user pool. The dashboard signs in with the first audience as its client id.
 */
export function authFromContext(app: App): TrackerAuth {
  const issuer = contextString(app, 'oidcIssuer');
  const audience = contextString(app, 'oidcAudience');
  const jwksUrl = contextString(app, 'oidcJwksUrl');
  const authorizeUrl = contextString(app, 'oidcAuthorizeUrl');
  const tokenUrl = contextString(app, 'oidcTokenUrl');
  if (issuer === undefined) {
    if ([audience, jwksUrl, authorizeUrl, tokenUrl].some((v) => v !== undefined)) {
      throw new Error('-c oidcAudience / oidcJwksUrl / oidcAuthorizeUrl / oidcTokenUrl need -c oidcIssuer');
    }
    return { kind: 'cognito' };
  }
  for (const [key, url] of Object.entries({ oidcIssuer: issuer, oidcJwksUrl: jwksUrl, oidcAuthorizeUrl: authorizeUrl, oidcTokenUrl: tokenUrl })) {
    if (url !== undefined && !url.startsWith('https://')) throw new Error(`-c ${key} must be an https:// URL`);
  }
  const audiences = (audience ?? '').split(',').map((a) => a.trim()).filter((a) => a !== '');
  if (audiences.length === 0) throw new Error('-c oidcIssuer needs -c oidcAudience=<client id>[,<client id>...]');
  if ((authorizeUrl === undefined) !== (tokenUrl === undefined)) throw new Error('-c oidcAuthorizeUrl and -c oidcTokenUrl go together');
  return {
    kind: 'oidc',
    issuer,
    audience: audiences,
    ...(jwksUrl !== undefined ? { jwksUrl } : {}),
    ...(authorizeUrl !== undefined && tokenUrl !== undefined ? { authorizeUrl, tokenUrl } : {}),
  };
}

/** `-c notifyEmailFrom=<address>`: notifications by e-mail through SES from that verified address. */
export function notifyEmailFromContext(app: App): string | undefined {
  const address = contextString(app, 'notifyEmailFrom');
  if (address !== undefined) assertEmailAddress(address, '-c notifyEmailFrom');
  return address;
}

/** `-c cognitoDomainPrefix=<prefix>` when the default (the stack name) is taken in the region. */
export function cognitoDomainPrefixFromContext(app: App): string | undefined {
  const prefix = contextString(app, 'cognitoDomainPrefix');
  if (prefix !== undefined) assertCognitoDomainPrefix(prefix);
  return prefix;
}

/** `-c apiReservedConcurrency=<n>|none` (default 20). */
export function apiReservedConcurrencyFromContext(app: App): number | 'none' | undefined {
  const value = contextString(app, 'apiReservedConcurrency');
  if (value === undefined || value === 'none') return value;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 1000) throw new Error(`-c apiReservedConcurrency must be a whole number from 1 to 1000, or none; got ${value}`);
  return n;
}

/** `-c wafRateLimit=<requests per address per 5 minutes>`: an AWS WAF rate-based rule on the Cognito sign-in. */
export function wafRateLimitFromContext(app: App): number | undefined {
  const value = contextString(app, 'wafRateLimit');
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 10) throw new Error(`-c wafRateLimit must be a whole number of requests per 5 minutes, 10 or more; got ${value}`);
  return n;
}

/** `-c filesObjectLockDays=<n>` (Object Lock, governance mode; only when the bucket is created) and `-c filesMalwareScan=true`. */
export function filesFromContext(app: App): { objectLockDays?: number; malwareScan?: boolean } {
  const days = contextString(app, 'filesObjectLockDays');
  const scan = contextString(app, 'filesMalwareScan');
  const out: { objectLockDays?: number; malwareScan?: boolean } = {};
  if (days !== undefined) {
    const n = Number(days);
    if (!Number.isInteger(n) || n < 1 || n > 36500) throw new Error(`-c filesObjectLockDays must be a whole number of days from 1 to 36500; got ${days}`);
    out.objectLockDays = n;
  }
  if (scan !== undefined) {
    if (scan !== 'true' && scan !== 'false') throw new Error(`-c filesMalwareScan must be true or false; got ${scan}`);
    if (scan === 'true') out.malwareScan = true;
  }
  return out;
}

export type OrganisationsForProvince = (provinceId: string) => string[];

/** The organisations of the province, from its rulebooks: one e-office secret each. */
export const organisationIdsForProvince: OrganisationsForProvince = (provinceId) => {
  const ids = rulebookForProvince(provinceId).map((r) => r.organisation.id);
  if (ids.length === 0) throw new Error(`No rulebook for province ${provinceId}`);
  return ids;
};

export type SchedulesForProvince = (provinceId: string) => ComplianceScheduleSpec[];

/**
 * The province's compliance schedules, one per rule schedule of its rulebooks (the same list the
 * `npm start` scheduler runs). An unknown province or an invalid rulebook fails synth.
 */
export const complianceSchedulesForProvince: SchedulesForProvince = (provinceId) => {
  const rulebooks = rulebookForProvince(provinceId);
  if (rulebooks.length === 0) throw new Error(`No rulebook for province ${provinceId}`);
  return complianceSchedules(rulebooks).map(({ name, rule, cron }) => ({ name, rule, cron }));
};

/**
 * Adds the province's stack (named from `-c province`) and the cdk-nag AwsSolutions checks to
 * `app`. Env-agnostic on purpose: synth needs no account, region nor credentials.
 */
export function buildTrackerApp(
  app: App,
  schedulesFor: SchedulesForProvince = () => [],
  organisationsFor: OrganisationsForProvince = organisationIdsForProvince,
): TrackerStack {
  const provinceId = provinceFromContext(app);
  const notifyEmailFrom = notifyEmailFromContext(app);
  const cognitoDomainPrefix = cognitoDomainPrefixFromContext(app);
  const apiReservedConcurrency = apiReservedConcurrencyFromContext(app);
  const wafRateLimit = wafRateLimitFromContext(app);
  const stack = new TrackerStack(app, stackNameFor(provinceId), {
    provinceId,
    organisationIds: organisationsFor(provinceId),
    auth: authFromContext(app),
    ...(notifyEmailFrom !== undefined ? { notifyEmailFrom } : {}),
    ...(cognitoDomainPrefix !== undefined ? { cognitoDomainPrefix } : {}),
    ...(apiReservedConcurrency !== undefined ? { apiReservedConcurrency } : {}),
    ...(wafRateLimit !== undefined ? { wafRateLimit } : {}),
    files: filesFromContext(app),
    complianceSchedules: schedulesFor(provinceId),
    description: `Quy che tracker: assignments, reports and compliance checks (${provinceId})`,
  });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return stack;
}
