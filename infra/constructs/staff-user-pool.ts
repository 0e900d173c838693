import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import {
  AccountRecovery,
  ClientAttributes,
  FeaturePlan,
  Mfa,
  OAuthScope,
  StandardThreatProtectionMode,
  StringAttribute,
  UserPool,
  UserPoolClient,
  UserPoolClientIdentityProvider,
  type UserPoolDomain,
} from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import type { JwtIssuer } from './http-api.js';
import type { TrackerFunction } from './node-function.js';


export interface StaffUserPoolProps {
  readonly provinceId: string;
  /** The hosted UI's domain prefix: unique in the region across all AWS accounts. */
  readonly domainPrefix: string;
  /** Where the web pages are served, e.g. the HTTP API's endpoint: the callback is `<webBaseUrl>/auth/callback`. */
  readonly webBaseUrl: string;
}

// Cognito's rules for a prefix of amazoncognito.com.
const DOMAIN_PREFIX = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

export function assertCognitoDomainPrefix(prefix: string): void {
  if (!DOMAIN_PREFIX.test(prefix)) {
    throw new Error(`Cognito domain prefix "${prefix}": use 1-63 lower-case letters, digits and "-", not at either end`);
  }
  if (/aws|amazon|cognito/.test(prefix)) {
    throw new Error(`Cognito domain prefix "${prefix}" may not contain "aws", "amazon" or "cognito"`);
  }
}

// The web app's pages (functions/api/routes/auth.tsx): where the hosted UI sends the code, and where its /logout returns.
export const SIGN_IN_CALLBACK_PATH = '/auth/callback';
export const SIGN_OUT_RETURN_PATH = '/auth/sign-in';

/** `-c cognitoDomainPrefix` or, by default, the stack's name in lower case. */
export const defaultCognitoDomainPrefix = (stackName: string): string => stackName.toLowerCase();

/**
 * The department's staff directory when no external OIDC provider is given. Accounts are created
 * by an administrator (no self sign-up); `custom:staffId` and `custom:orgId` (in the ID token)
 * tie a login to a person and an organisation, and only administrators can change them. The
 * hosted UI signs people in to the web pages and sends them back to `/auth/callback`.
 */
export class StaffUserPool extends Construct {
  readonly userPool: UserPool;
  readonly domain: UserPoolDomain;
  readonly client: UserPoolClient;
  readonly issuer: JwtIssuer;
  /** The hosted UI, e.g. `https://<prefix>.auth.<region>.amazoncognito.com` (its /oauth2/authorize, /oauth2/token, /logout). */
  readonly hostedUiUrl: string;

  constructor(scope: Construct, id: string, props: StaffUserPoolProps) {
    super(scope, id);
    assertCognitoDomainPrefix(props.domainPrefix);

    this.userPool = new UserPool(this, 'UserPool', {
      userPoolName: `quy-che-tracker-${props.provinceId}`,
      selfSignUpEnabled: false,
      signInAliases: { username: true, email: true },
      signInCaseSensitive: false,
      autoVerify: { email: true },
      standardAttributes: { email: { required: true, mutable: true } },
      customAttributes: {
        staffId: new StringAttribute({ minLen: 1, maxLen: 64, mutable: true }),
        orgId: new StringAttribute({ minLen: 1, maxLen: 64, mutable: true }),
      },
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      // Officials approve and sign off work in this system: a stolen password alone must not do.
      mfa: Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
      featurePlan: FeaturePlan.PLUS,
      standardThreatProtectionMode: StandardThreatProtectionMode.FULL_FUNCTION,
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.domain = this.userPool.addDomain('Domain', { cognitoDomain: { domainPrefix: props.domainPrefix } });

    const identity = { email: true, emailVerified: true, preferredUsername: true, fullname: true };
    this.client = this.userPool.addClient('WebClient', {
      // A public client: the dashboard signs in with the authorization code and PKCE, no client secret.
      generateSecret: false,
      oAuth: {
        flows: { authorizationCodeGrant: true, implicitCodeGrant: false, clientCredentials: false },
        scopes: [OAuthScope.OPENID, OAuthScope.EMAIL, OAuthScope.PROFILE],
        callbackUrls: [`${props.webBaseUrl}${SIGN_IN_CALLBACK_PATH}`],
        logoutUrls: [`${props.webBaseUrl}${SIGN_OUT_RETURN_PATH}`],
      },
      supportedIdentityProviders: [UserPoolClientIdentityProvider.COGNITO],
      authFlows: { userSrp: true },
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      idTokenValidity: Duration.hours(1),
      accessTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.days(30),
      readAttributes: new ClientAttributes().withStandardAttributes(identity).withCustomAttributes('staffId', 'orgId'),
      // Users must not move themselves to another organisation: custom attributes are not writable.
      writeAttributes: new ClientAttributes().withStandardAttributes({ fullname: true, preferredUsername: true }),
    });

    const stack = Stack.of(this);
    const issuerUrl = `https://cognito-idp.${stack.region}.${stack.urlSuffix}/${this.userPool.userPoolId}`;
    this.issuer = {
      issuer: issuerUrl,
      audience: [this.client.userPoolClientId],
      jwksUrl: `${issuerUrl}/.well-known/jwks.json`,
    };
    this.hostedUiUrl = this.domain.baseUrl();
  }

  /** AUTH_HOSTED_UI_URL and AUTH_CLIENT_ID: the pages' sign-in (shared/adapters/hosted-ui.ts). */
  configureSignIn(fn: TrackerFunction): void {
    fn.addEnvironment('AUTH_HOSTED_UI_URL', this.hostedUiUrl);
    fn.addEnvironment('AUTH_CLIENT_ID', this.client.userPoolClientId);
  }

  /** USER_POOL_ID and exactly what adding and ending a person's employment does to their account (issue #12). */
  grantAccountAdministration(fn: TrackerFunction): void {
    fn.addEnvironment('USER_POOL_ID', this.userPool.userPoolId);
    fn.allow(
      ['cognito-idp:AdminCreateUser', 'cognito-idp:AdminDisableUser', 'cognito-idp:AdminEnableUser'],
      [this.userPool.userPoolArn],
    );
  }
}
