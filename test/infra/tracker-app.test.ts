import { App } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { authFromContext, provinceFromContext } from '../../infra/tracker-app.js';
import { stackNameFor } from '../../infra/tracker-stack.js';
import { appWithCdkJsonContext } from './support.js';

describe('app context', () => {
  it('defaults to son-la from cdk.json, and to son-la without it', () => {
    expect(provinceFromContext(appWithCdkJsonContext())).toBe('son-la');
    expect(provinceFromContext(new App())).toBe('son-la');
  });

  it('takes -c province=<id> and names the stack after it', () => {
    const provinceId = provinceFromContext(appWithCdkJsonContext({ province: 'lai-chau' }));
    expect(provinceId).toBe('lai-chau');
    expect(stackNameFor(provinceId)).toBe('QuyCheTracker-lai-chau');
  });

  it('rejects a province id that cannot name a stack', () => {
    expect(() => provinceFromContext(new App({ context: { province: 'Son La' } }))).toThrow(/province/);
  });

  it('uses Cognito unless an OIDC issuer is given', () => {
    expect(authFromContext(new App())).toEqual({ kind: 'cognito' });
    expect(
      authFromContext(new App({ context: { oidcIssuer: 'https://sso.example.gov.vn', oidcAudience: 'a, b' } })),
    ).toEqual({ kind: 'oidc', issuer: 'https://sso.example.gov.vn', audience: ['a', 'b'] });
  });

  it('refuses half an OIDC configuration', () => {
    expect(() => authFromContext(new App({ context: { oidcIssuer: 'https://sso.example.gov.vn' } }))).toThrow(/oidcAudience/);
    expect(() => authFromContext(new App({ context: { oidcAudience: 'a' } }))).toThrow(/oidcIssuer/);
    expect(() => authFromContext(new App({ context: { oidcIssuer: 'http://sso', oidcAudience: 'a' } }))).toThrow(/https/);
  });
});
