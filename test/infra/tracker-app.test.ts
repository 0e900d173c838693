import { App } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import {
  authFromContext,
  cognitoDomainPrefixFromContext,
  notifyEmailFromContext,
  organisationIdsForProvince,
  provinceFromContext,
} from '../../infra/tracker-app.js';
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

  it('takes the OIDC sign-in endpoints together, as https URLs, and only with an issuer', () => {
    const oidc = { oidcIssuer: 'https://sso.example.gov.vn', oidcAudience: 'web,mobile' };
    const authorize = 'https://sso.example.gov.vn/auth';
    const token = 'https://sso.example.gov.vn/token';
    expect(authFromContext(new App({ context: { ...oidc, oidcAuthorizeUrl: authorize, oidcTokenUrl: token } }))).toEqual({
      kind: 'oidc',
      issuer: 'https://sso.example.gov.vn',
      audience: ['web', 'mobile'],
      authorizeUrl: authorize,
      tokenUrl: token,
    });
    expect(() => authFromContext(new App({ context: { ...oidc, oidcAuthorizeUrl: authorize } }))).toThrow(/go together/);
    expect(() => authFromContext(new App({ context: { ...oidc, oidcAuthorizeUrl: 'http://sso/auth', oidcTokenUrl: token } }))).toThrow(
      /-c oidcAuthorizeUrl must be an https/,
    );
    expect(() => authFromContext(new App({ context: { oidcAuthorizeUrl: authorize, oidcTokenUrl: token } }))).toThrow(/need -c oidcIssuer/);
  });

  it('takes the e-mail sender from -c notifyEmailFrom, and none without it', () => {
    expect(notifyEmailFromContext(new App())).toBeUndefined();
    expect(notifyEmailFromContext(new App({ context: { notifyEmailFrom: 'thongbao@stttt.sonla.gov.vn' } }))).toBe('thongbao@stttt.sonla.gov.vn');
    expect(() => notifyEmailFromContext(new App({ context: { notifyEmailFrom: 'Sở TT&TT <thongbao@stttt.sonla.gov.vn>' } }))).toThrow(
      /-c notifyEmailFrom must be a bare e-mail address/,
    );
  });

  it('takes a Cognito domain prefix from -c cognitoDomainPrefix when it is one Cognito accepts', () => {
    expect(cognitoDomainPrefixFromContext(new App())).toBeUndefined();
    expect(cognitoDomainPrefixFromContext(new App({ context: { cognitoDomainPrefix: 'sotttt-sonla' } }))).toBe('sotttt-sonla');
    expect(() => cognitoDomainPrefixFromContext(new App({ context: { cognitoDomainPrefix: 'amazon-sonla' } }))).toThrow(/may not contain/);
  });

  it("names the province's organisations from its rulebooks, and fails for an unknown province", () => {
    expect(organisationIdsForProvince('son-la')).toEqual(['so-tttt-son-la']);
    expect(() => organisationIdsForProvince('khong-co')).toThrow(/No rulebook for province khong-co/);
  });
});
