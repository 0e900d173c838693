import { Validations, type App } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { rulebookForProvince } from '../shared/rulebook/load.js';
import { complianceSchedules } from '../shared/services/compliance/schedules.js';
import type { ComplianceScheduleSpec } from './constructs/compliance-schedules.js';
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

/** `-c oidcIssuer=... -c oidcAudience=a,b [-c oidcJwksUrl=...]`; without them, a Cognito user pool. */
export function authFromContext(app: App): TrackerAuth {
  const issuer = contextString(app, 'oidcIssuer');
  const audience = contextString(app, 'oidcAudience');
  const jwksUrl = contextString(app, 'oidcJwksUrl');
  if (issuer === undefined) {
    if (audience !== undefined || jwksUrl !== undefined) throw new Error('-c oidcAudience / oidcJwksUrl need -c oidcIssuer');
    return { kind: 'cognito' };
  }
  if (!issuer.startsWith('https://')) throw new Error('-c oidcIssuer must be an https:// URL');
  const audiences = (audience ?? '').split(',').map((a) => a.trim()).filter((a) => a !== '');
  if (audiences.length === 0) throw new Error('-c oidcIssuer needs -c oidcAudience=<client id>[,<client id>...]');
  return jwksUrl === undefined
    ? { kind: 'oidc', issuer, audience: audiences }
    : { kind: 'oidc', issuer, audience: audiences, jwksUrl };
}

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
export function buildTrackerApp(app: App, schedulesFor: SchedulesForProvince = () => []): TrackerStack {
  const provinceId = provinceFromContext(app);
  const stack = new TrackerStack(app, stackNameFor(provinceId), {
    provinceId,
    auth: authFromContext(app),
    complianceSchedules: schedulesFor(provinceId),
    description: `Quy che tracker: assignments, reports and compliance checks (${provinceId})`,
  });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return stack;
}
