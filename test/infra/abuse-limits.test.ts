// Issue #18: one stage-wide throttle was all that protected the API. The unauthenticated routes
// get limits of their own, the API function a reserved (and capped) concurrency, the sign-in an
// optional AWS WAF rate-based rule; the e-office secret outlives the stack like the table.
import { Stack, type CfnResource as CdkCfnResource } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { beforeAll, describe, expect, it } from 'vitest';
import { PUBLIC_ROUTES } from '../../infra/constructs/http-api.js';
import { buildTrackerApp } from '../../infra/tracker-app.js';
import { TrackerStack } from '../../infra/tracker-stack.js';
import { appWithCdkJsonContext, onlyResource, resourcesOfType } from './support.js';

const ORG = 'so-tttt-son-la';
const OIDC = { kind: 'oidc' as const, issuer: 'https://sso.sonla.gov.vn/realms/staff', audience: ['quy-che-tracker'] };
let base: TrackerStack;
let baseT: Template;
let guardedT: Template;
let guarded: TrackerStack;

const logicalId = (construct: { node: { defaultChild?: unknown } }): string => {
  const child = construct.node.defaultChild as CdkCfnResource;
  return Stack.of(child).getLogicalId(child);
};

beforeAll(() => {
  const app = appWithCdkJsonContext({}, { bundle: false });
  base = new TrackerStack(app, 'Base', { provinceId: 'son-la', organisationIds: [ORG] });
  guarded = new TrackerStack(app, 'Guarded', { provinceId: 'son-la', organisationIds: [ORG], apiReservedConcurrency: 8, wafRateLimit: 300 });
  baseT = Template.fromStack(base);
  guardedT = Template.fromStack(guarded);
});

describe('per-route throttling', () => {
  it('gives every unauthenticated route its own limits, under the stage-wide ones', () => {
    const [, stage] = onlyResource(baseT, 'AWS::ApiGatewayV2::Stage');
    const settings = stage.Properties.RouteSettings as Record<string, { ThrottlingRateLimit: number; ThrottlingBurstLimit: number }>;
    const stageWide = stage.Properties.DefaultRouteSettings as { ThrottlingRateLimit: number; ThrottlingBurstLimit: number };
    expect(Object.keys(settings).sort()).toEqual(PUBLIC_ROUTES.map((r) => `${r.method} ${r.path}`).sort());
    for (const [key, limits] of Object.entries(settings)) {
      expect(limits.ThrottlingRateLimit, key).toBeGreaterThan(0);
      expect(limits.ThrottlingRateLimit, key).toBeLessThan(stageWide.ThrottlingRateLimit);
      expect(limits.ThrottlingBurstLimit, key).toBeLessThan(stageWide.ThrottlingBurstLimit);
    }
    expect(settings['POST /v1/integrations/{proxy+}']).toEqual({ ThrottlingRateLimit: 10, ThrottlingBurstLimit: 20 });
    expect(settings['GET /v1/calendar/feeds/{proxy+}']).toEqual({ ThrottlingRateLimit: 5, ThrottlingBurstLimit: 10 });
  });

  it('names only routes the API has, and the stage is deployed after them', () => {
    const [, stage] = onlyResource(baseT, 'AWS::ApiGatewayV2::Stage');
    const routes = resourcesOfType(baseT, 'AWS::ApiGatewayV2::Route');
    const keys = new Map(routes.map(([id, r]) => [r.Properties.RouteKey as string, id]));
    for (const key of Object.keys(stage.Properties.RouteSettings as object)) {
      expect(keys.has(key), key).toBe(true);
      expect(stage.DependsOn ?? [], key).toContain(keys.get(key));
    }
  });
});

describe('reserved concurrency', () => {
  it('keeps 20 executions for the API function by default, and caps it there; the other functions have none', () => {
    const resources = baseT.toJSON().Resources;
    expect(resources[logicalId(base.apiFunction.fn)].Properties.ReservedConcurrentExecutions).toBe(20);
    expect(resources[logicalId(base.complianceFunction.fn)].Properties.ReservedConcurrentExecutions).toBeUndefined();
    expect(guardedT.toJSON().Resources[logicalId(guarded.apiFunction.fn)].Properties.ReservedConcurrentExecutions).toBe(8);
  });

  it('takes -c apiReservedConcurrency=<n>, or none for an account whose quota is too small, and refuses nonsense', () => {
    const synthWith = (value: string) => {
      const app = appWithCdkJsonContext({ apiReservedConcurrency: value }, { bundle: false });
      const stack = buildTrackerApp(app);
      return Template.fromStack(stack).toJSON().Resources[logicalId(stack.apiFunction.fn)].Properties.ReservedConcurrentExecutions;
    };
    expect(synthWith('5')).toBe(5);
    expect(synthWith('none')).toBeUndefined();
    expect(() => synthWith('0')).toThrow(/apiReservedConcurrency/);
    expect(() => synthWith('lots')).toThrow(/apiReservedConcurrency/);
  });
});

describe('the optional AWS WAF rule on the sign-in', () => {
  it('is absent unless asked for', () => {
    baseT.resourceCountIs('AWS::WAFv2::WebACL', 0);
  });

  it('blocks an address over the rate, on the stack’s Cognito user pool', () => {
    const [aclId, acl] = onlyResource(guardedT, 'AWS::WAFv2::WebACL');
    expect(acl.Properties).toMatchObject({
      Scope: 'REGIONAL',
      DefaultAction: { Allow: {} },
      Rules: [{ Action: { Block: {} }, Statement: { RateBasedStatement: { Limit: 300, AggregateKeyType: 'IP' } } }],
    });
    const [, association] = onlyResource(guardedT, 'AWS::WAFv2::WebACLAssociation');
    expect(association.Properties).toEqual({
      ResourceArn: { 'Fn::GetAtt': [logicalId(guarded.staffUserPool!.userPool), 'Arn'] },
      WebACLArn: { 'Fn::GetAtt': [aclId, 'Arn'] },
    });
  });

  it('is refused with an external OIDC provider (no user pool here to guard) and with a nonsense rate', () => {
    const app = appWithCdkJsonContext({}, { bundle: false });
    expect(() => new TrackerStack(app, 'OidcWaf', { provinceId: 'son-la', organisationIds: [ORG], auth: OIDC, wafRateLimit: 300 })).toThrow(/wafRateLimit/);
    expect(() => buildTrackerApp(appWithCdkJsonContext({ wafRateLimit: '5' }, { bundle: false }))).toThrow(/wafRateLimit/);
  });

  it('passes the AwsSolutions checks', () => {
    const app = appWithCdkJsonContext({ wafRateLimit: '500', apiReservedConcurrency: '10' }, { bundle: false });
    buildTrackerApp(app);
    const errors = new AwsSolutionsChecks()
      .validateScope(app)
      .violations.filter((v) => v.severity === 'error')
      .map((v) => `${v.ruleName}: ${v.violatingResources.map((r) => r.constructPath).join(', ')}`);
    expect(errors).toEqual([]);
  });
});

describe('the e-office secret', () => {
  it('is retained when the stack is deleted or the secret replaced, like the table', () => {
    const secrets = resourcesOfType(baseT, 'AWS::SecretsManager::Secret').filter(([, s]) => String(s.Properties.Name).includes('/eoffice/'));
    expect(secrets.length).toBe(1);
    for (const [, secret] of secrets) {
      expect(secret.DeletionPolicy).toBe('Retain');
      expect(secret.UpdateReplacePolicy).toBe('Retain');
    }
  });
});
