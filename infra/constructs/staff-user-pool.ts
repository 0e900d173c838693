import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import {
  AccountRecovery,
  ClientAttributes,
  FeaturePlan,
  Mfa,
  StandardThreatProtectionMode,
  StringAttribute,
  UserPool,
  UserPoolClient,
} from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import type { JwtIssuer } from './http-api.js';

/**
 * The department's staff directory when no external OIDC provider is given. Accounts are created
 * by an administrator (no self sign-up); `custom:staffId` and `custom:orgId` (in the ID token)
 * tie a login to a person and an organisation, and only administrators can change them.
 */
export class StaffUserPool extends Construct {
  readonly userPool: UserPool;
  readonly client: UserPoolClient;
  readonly issuer: JwtIssuer;

  constructor(scope: Construct, id: string, props: { provinceId: string }) {
    super(scope, id);

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

    const identity = { email: true, emailVerified: true, preferredUsername: true, fullname: true };
    this.client = this.userPool.addClient('WebClient', {
      generateSecret: false,
      // No hosted UI (no domain) yet, so no OAuth flows: the default would enable implicit grant.
      disableOAuth: true,
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
  }
}
