// Long file: its beforeAll synthesizes four variants of the stack once, which every describe below reads; split, each file would synthesize them again.
import { Stack, type CfnResource as CdkCfnResource } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { assertValidSchedules } from '../../infra/constructs/compliance-schedules.js';
import { TrackerFunction } from '../../infra/constructs/node-function.js';
import { TrackerTable } from '../../infra/constructs/tracker-table.js';
import { TrackerStack } from '../../infra/tracker-stack.js';
import { keyAttributes, trackerTable } from '../../shared/store/table-definition.js';
import {
  appWithCdkJsonContext,
  asArray,
  getAtt,
  onlyResource,
  resourcesOfType,
  statementsOfFunction,
  type Statement,
} from './support.js';

const F2 = { name: 'f2-payroll', rule: 'F2', cron: 'cron(5 0 15 * ? *)' };
const OIDC = { kind: 'oidc' as const, issuer: 'https://sso.sonla.gov.vn/realms/staff', audience: ['quy-che-tracker', 'mobile'] };
const OIDC_SIGN_IN = {
  ...OIDC,
  authorizeUrl: 'https://sso.sonla.gov.vn/realms/staff/protocol/openid-connect/auth',
  tokenUrl: 'https://sso.sonla.gov.vn/realms/staff/protocol/openid-connect/token',
};
const ORG = 'so-tttt-son-la';
const SECOND_ORG = 'so-noi-vu-son-la';
const SENDER = 'thongbao@stttt.sonla.gov.vn';

// Built once, without esbuild: these tests read the templates, not the code (lambda-bundling.test.ts
// and feature-bundles.test.ts bundle it); bundling four stacks took about a minute, the hook's whole timeout.
let base: TrackerStack;
let scheduled: TrackerStack;
let oidc: TrackerStack;
let oidcSignIn: TrackerStack;
let baseT: Template;
let scheduledT: Template;
let oidcT: Template;
let oidcSignInT: Template;

beforeAll(() => {
  const app = appWithCdkJsonContext({}, { bundle: false });
  base = new TrackerStack(app, 'Base', { provinceId: 'son-la', organisationIds: [ORG] });
  // Two organisations and e-mail notifications.
  scheduled = new TrackerStack(app, 'Scheduled', {
    provinceId: 'son-la',
    organisationIds: [ORG, SECOND_ORG],
    complianceSchedules: [F2],
    notifyEmailFrom: SENDER,
  });
  oidc = new TrackerStack(app, 'Oidc', { provinceId: 'son-la', organisationIds: [ORG], auth: OIDC });
  oidcSignIn = new TrackerStack(app, 'OidcSignIn', { provinceId: 'son-la', organisationIds: [ORG], auth: OIDC_SIGN_IN });
  baseT = Template.fromStack(base);
  scheduledT = Template.fromStack(scheduled);
  oidcT = Template.fromStack(oidc);
  oidcSignInT = Template.fromStack(oidcSignIn);
});

const logicalId = (construct: { node: { defaultChild?: unknown } }): string => {
  const child = construct.node.defaultChild as CdkCfnResource;
  return Stack.of(child).getLogicalId(child);
};
const functionsOf = (stack: TrackerStack) => ({
  api: logicalId(stack.apiFunction.fn),
  compliance: logicalId(stack.complianceFunction.fn),
  dispatcher: logicalId(stack.eofficeDispatcherFunction.fn),
});
const envOf = (template: Template, fnId: string): Record<string, unknown> =>
  template.toJSON().Resources[fnId].Properties.Environment.Variables;
const allTemplates = () => [baseT, scheduledT, oidcT, oidcSignInT];
const sesIdentity = (name: string) => ({
  'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':ses:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }, `:identity/${name}`]],
});
const hostedUi = (domainId: string) => ({
  'Fn::Join': ['', ['https://', { Ref: domainId }, '.auth.', { Ref: 'AWS::Region' }, '.amazoncognito.com']],
});

describe('table', () => {
  const keySchema = (pk: string, sk: string) => [
    { AttributeName: pk, KeyType: 'HASH' },
    { AttributeName: sk, KeyType: 'RANGE' },
  ];

  it('has the keys, attributes and indexes of shared/store/table-definition.ts', () => {
    const [, table] = onlyResource(baseT, 'AWS::DynamoDB::Table');
    expect(table.Properties.KeySchema).toEqual(keySchema(trackerTable.partitionKey.name, trackerTable.sortKey.name));
    const byName = (a: { AttributeName: string }, b: { AttributeName: string }) => a.AttributeName.localeCompare(b.AttributeName);
    expect([...table.Properties.AttributeDefinitions].sort(byName)).toEqual(
      keyAttributes(trackerTable)
        .map((a) => ({ AttributeName: a.name, AttributeType: a.type }))
        .sort(byName),
    );
    expect(table.Properties.GlobalSecondaryIndexes).toEqual(
      trackerTable.globalIndexes.map((index) => ({
        IndexName: index.indexName,
        KeySchema: keySchema(index.partitionKey.name, index.sortKey.name),
        Projection: { ProjectionType: index.projection },
      })),
    );
    expect(table.Properties.LocalSecondaryIndexes).toBeUndefined();
  });

  it('is on-demand, recoverable, protected, encrypted, with TTL, and retained', () => {
    const [, table] = onlyResource(baseT, 'AWS::DynamoDB::Table');
    expect(table.Properties).toMatchObject({
      BillingMode: 'PAY_PER_REQUEST',
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      DeletionProtectionEnabled: true,
      SSESpecification: { SSEEnabled: true },
      TimeToLiveSpecification: { AttributeName: trackerTable.timeToLiveAttribute, Enabled: true },
    });
    expect(table.DeletionPolicy).toBe('Retain');
    expect(table.UpdateReplacePolicy).toBe('Retain');
  });
});

describe('functions', () => {
  it('are exactly the API, the compliance and the e-office dispatcher function, all nodejs22.x on arm64', () => {
    for (const [stack, template] of [
      [base, baseT],
      [scheduled, scheduledT],
      [oidc, oidcT],
    ] as const) {
      const functions = resourcesOfType(template, 'AWS::Lambda::Function');
      expect(functions.map(([id]) => id).sort()).toEqual(Object.values(functionsOf(stack)).sort());
      for (const [, fn] of functions) {
        expect(fn.Properties.Runtime).toBe('nodejs22.x');
        expect(fn.Properties.Architectures).toEqual(['arm64']);
        expect(fn.Properties.Handler).toBe('index.handler');
      }
    }
  });

  it('get exactly their environment (Cognito stack, no e-mail)', () => {
    const ids = functionsOf(base);
    const [tableId] = onlyResource(baseT, 'AWS::DynamoDB::Table');
    const [poolId] = onlyResource(baseT, 'AWS::Cognito::UserPool');
    const [clientId] = onlyResource(baseT, 'AWS::Cognito::UserPoolClient');
    const [domainId] = onlyResource(baseT, 'AWS::Cognito::UserPoolDomain');
    const common = { PROVINCE_ID: 'son-la', TABLE_NAME: { Ref: tableId } };
    const issuerParts = ['https://cognito-idp.', { Ref: 'AWS::Region' }, '.', { Ref: 'AWS::URLSuffix' }, '/', { Ref: poolId }];
    const issuer = { 'Fn::Join': ['', issuerParts] };
    expect(envOf(baseT, ids.api)).toEqual({
      ...common,
      POWERTOOLS_SERVICE_NAME: 'tracker-api',
      AUTH_ISSUER: issuer,
      AUTH_AUDIENCE: { Ref: clientId },
      AUTH_JWKS_URL: { 'Fn::Join': ['', [...issuerParts, '/.well-known/jwks.json']] },
      AUTH_CLIENT_ID: { Ref: clientId },
      AUTH_HOSTED_UI_URL: hostedUi(domainId),
      USER_POOL_ID: { Ref: poolId },
      EOFFICE_SECRET_ID: 'quy-che-tracker/eoffice/{orgId}',
      CURSOR_SECRET_ID: { Ref: logicalId(base.cursorKey.secret) },
      FILES_BUCKET: { 'Fn::Join': ['', ['quy-che-files-son-la-', { Ref: 'AWS::AccountId' }, '-', { Ref: 'AWS::Region' }]] },
      // The pages' uploads PUT to the bucket's regional endpoint: the CSP's connect-src names it.
      FILES_UPLOAD_ORIGIN: {
        'Fn::Join': ['', ['https://quy-che-files-son-la-', { Ref: 'AWS::AccountId' }, '-', { Ref: 'AWS::Region' }, '.s3.', { Ref: 'AWS::Region' }, '.', { Ref: 'AWS::URLSuffix' }]],
      },
    });
    expect(envOf(baseT, ids.compliance)).toEqual({ ...common, POWERTOOLS_SERVICE_NAME: 'tracker-compliance' });
    expect(envOf(baseT, ids.dispatcher)).toEqual({
      ...common,
      POWERTOOLS_SERVICE_NAME: 'tracker-eoffice-dispatcher',
      EOFFICE_SECRET_ID: 'quy-che-tracker/eoffice/{orgId}',
      EOFFICE_DLQ_URL: { Ref: logicalId(base.eoffice.failedDeliveries) },
    });
  });

  it('tell the API and compliance functions, and only them, the e-mail sender when one is given', () => {
    const ids = functionsOf(scheduled);
    expect(envOf(scheduledT, ids.api).NOTIFY_EMAIL_FROM).toBe(SENDER);
    expect(envOf(scheduledT, ids.compliance).NOTIFY_EMAIL_FROM).toBe(SENDER);
    expect(envOf(scheduledT, ids.dispatcher)).not.toHaveProperty('NOTIFY_EMAIL_FROM');
    for (const fnId of Object.values(functionsOf(base))) expect(envOf(baseT, fnId)).not.toHaveProperty('NOTIFY_EMAIL_FROM');
  });

  it('get no user pool and no hosted UI in the OIDC stack; the sign-in endpoints when given', () => {
    const withoutSignIn = envOf(oidcT, functionsOf(oidc).api);
    expect(Object.keys(withoutSignIn).filter((k) => k.startsWith('AUTH_') || k === 'USER_POOL_ID').sort()).toEqual([
      'AUTH_AUDIENCE',
      'AUTH_ISSUER',
      'AUTH_JWKS_URL',
    ]);
    const withSignIn = envOf(oidcSignInT, functionsOf(oidcSignIn).api);
    expect(Object.fromEntries(Object.entries(withSignIn).filter(([k]) => k.startsWith('AUTH_') || k === 'USER_POOL_ID'))).toEqual({
      AUTH_ISSUER: OIDC.issuer,
      AUTH_AUDIENCE: 'quy-che-tracker,mobile',
      AUTH_JWKS_URL: `${OIDC.issuer}/.well-known/jwks.json`,
      AUTH_CLIENT_ID: 'quy-che-tracker',
      AUTH_AUTHORIZE_URL: OIDC_SIGN_IN.authorizeUrl,
      AUTH_TOKEN_URL: OIDC_SIGN_IN.tokenUrl,
    });
    expect(withSignIn.EOFFICE_SECRET_ID).toBe('quy-che-tracker/eoffice/{orgId}');
  });

  it('never carry a local/dev mode switch', () => {
    for (const template of allTemplates()) {
      for (const [id, fn] of resourcesOfType(template, 'AWS::Lambda::Function')) {
        const variables: Record<string, unknown> = fn.Properties.Environment?.Variables ?? {};
        expect(Object.keys(variables), id).not.toContain('TRACKER_LOCAL_MODE');
        expect(Object.keys(variables).filter((name) => /LOCAL|DEV|OFFLINE|MOCK|FAKE/i.test(name)), id).toEqual([]);
        const flags = Object.entries(variables).filter(
          ([, value]) => typeof value === 'string' && /^(local|true|1|yes|on|dev|development)$/i.test(value),
        );
        expect(flags, id).toEqual([]);
      }
    }
  });

  it('refuse to synthesize with TRACKER_LOCAL_MODE set', () => {
    const app = appWithCdkJsonContext({}, { bundle: false });
    const stack = new Stack(app, 'LocalModeGuard');
    new TrackerFunction(stack, 'Fn', {
      entry: 'functions/compliance/lambda.ts',
      provinceId: 'son-la',
      serviceName: 'guard',
      environment: { TRACKER_LOCAL_MODE: 'true' },
    });
    expect(() => app.synth()).toThrow(/TRACKER_LOCAL_MODE/);
  });

  it('log to their own log group, kept for a year, with no log-retention custom resource', () => {
    const logGroups = Object.fromEntries(resourcesOfType(baseT, 'AWS::Logs::LogGroup'));
    for (const [id, fn] of resourcesOfType(baseT, 'AWS::Lambda::Function')) {
      const logGroupId = fn.Properties.LoggingConfig.LogGroup.Ref as string;
      expect(logGroups[logGroupId]?.Properties.RetentionInDays, id).toBe(365);
    }
    for (const [id, group] of Object.entries(logGroups)) expect(group.Properties.RetentionInDays, id).toBe(365);
    expect(resourcesOfType(baseT, 'Custom::LogRetention')).toEqual([]);
  });
});

describe('IAM', () => {
  const actionsOf = (statements: Statement[]) => statements.flatMap((s) => asArray(s.Action));
  const tableIds = (template: Template) => {
    const [tableId] = onlyResource(template, 'AWS::DynamoDB::Table');
    const index = (name: string) => ({ 'Fn::Join': ['', [getAtt(tableId), `/index/${name}`]] });
    return { table: getAtt(tableId), index, allIndexes: trackerTable.globalIndexes.map((i) => index(i.indexName)) };
  };
  const isTableOrLogs = (a: string) => a.startsWith('dynamodb:') || a.startsWith('logs:');
  /** The function's statements other than its logs and the table. */
  const otherStatements = (template: Template, fnId: string) =>
    statementsOfFunction(template, fnId).filter((s) => !asArray(s.Action).every(isTableOrLogs));
  const dynamoStatements = (template: Template, fnId: string) =>
    statementsOfFunction(template, fnId).filter((s) => asArray(s.Action).some((a) => a.startsWith('dynamodb:')));
  const secretRefs = (stack: TrackerStack) => [...stack.eoffice.secrets.values()].map((secret) => ({ Ref: logicalId(secret) }));
  const cursorSecretRef = (stack: TrackerStack) => ({ Ref: logicalId(stack.cursorKey.secret) });

  it('gives each function exactly its DynamoDB actions, on the table and named indexes only, never Scan nor a wildcard', () => {
    for (const [stack, template] of [
      [base, baseT],
      [scheduled, scheduledT],
      [oidc, oidcT],
    ] as const) {
      const ids = functionsOf(stack);
      const { table, index, allIndexes } = tableIds(template);
      const expected = {
        [ids.api]: [
          { Action: ['dynamodb:BatchGetItem', 'dynamodb:ConditionCheckItem', 'dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query', 'dynamodb:UpdateItem'], Resource: table },
          { Action: 'dynamodb:Query', Resource: allIndexes },
        ],
        [ids.compliance]: [
          { Action: ['dynamodb:BatchGetItem', 'dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query', 'dynamodb:UpdateItem'], Resource: table },
          { Action: 'dynamodb:Query', Resource: allIndexes },
        ],
        [ids.dispatcher]: [
          { Action: ['dynamodb:BatchGetItem', 'dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query'], Resource: table },
          { Action: 'dynamodb:Query', Resource: index('GSI1') },
        ],
      };
      for (const [fnId, statements] of Object.entries(expected)) {
        expect(dynamoStatements(template, fnId), fnId).toEqual(statements.map((s) => ({ ...s, Effect: 'Allow' })));
      }
    }
    for (const template of allTemplates()) {
      for (const [id, policy] of resourcesOfType(template, 'AWS::IAM::Policy')) {
        const actions = actionsOf(asArray(policy.Properties.PolicyDocument.Statement) as Statement[]);
        expect(actions.filter((a) => a === 'dynamodb:Scan' || a === 'dynamodb:*' || a === '*'), id).toEqual([]);
      }
    }
  });

  it('has no statement on Resource "*" and no AWS managed policy on any role', () => {
    for (const template of allTemplates()) {
      for (const [id, policy] of resourcesOfType(template, 'AWS::IAM::Policy')) {
        for (const statement of asArray(policy.Properties.PolicyDocument.Statement) as Statement[]) {
          expect(asArray(statement.Resource), id).not.toContain('*');
        }
      }
      for (const [id, role] of resourcesOfType(template, 'AWS::IAM::Role')) {
        expect(role.Properties.ManagedPolicyArns, id).toBeUndefined();
      }
    }
  });

  it('lets the API function administer accounts of its user pool, read the e-office secrets, and nothing else beyond logs and table', () => {
    const [poolId] = onlyResource(baseT, 'AWS::Cognito::UserPool');
    // The cursor key and the e-office secret: CDK merges the two reads into one statement.
    // The evidence files (issue #22): sign uploads, read and copy under pending/ and files/, use the bucket's key; never delete.
    const filesStatements = (stack: TrackerStack) => {
      const under = (prefix: string) => ({
        'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':s3:::quy-che-files-son-la-', { Ref: 'AWS::AccountId' }, '-', { Ref: 'AWS::Region' }, `/${prefix}/*`]],
      });
      return [
        { Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject'], Resource: [under('files'), under('pending')] },
        { Effect: 'Allow', Action: ['kms:Decrypt', 'kms:GenerateDataKey'], Resource: getAtt(logicalId(stack.files.key)) },
      ];
    };
    expect(otherStatements(baseT, functionsOf(base).api)).toEqual([
      { Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: [cursorSecretRef(base), secretRefs(base)[0]] },
      {
        Effect: 'Allow',
        Action: ['cognito-idp:AdminCreateUser', 'cognito-idp:AdminDisableUser', 'cognito-idp:AdminEnableUser'],
        Resource: getAtt(poolId),
      },
      ...filesStatements(base),
    ]);
    const logs = actionsOf(statementsOfFunction(baseT, functionsOf(base).api)).filter((a) => a.startsWith('logs:'));
    expect(logs.sort()).toEqual(['logs:CreateLogStream', 'logs:PutLogEvents']);
    // OIDC: no user pool, so no Cognito permission at all.
    expect(otherStatements(oidcT, functionsOf(oidc).api)).toEqual([
      { Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: [cursorSecretRef(oidc), secretRefs(oidc)[0]] },
      ...filesStatements(oidc),
    ]);
  });

  it('lets the API and compliance functions send e-mail from the configured sender only, and no function without one', () => {
    const sendFromSender = {
      Effect: 'Allow',
      Action: 'ses:SendEmail',
      Resource: [sesIdentity('stttt.sonla.gov.vn'), sesIdentity(SENDER)],
      Condition: { StringEquals: { 'ses:FromAddress': SENDER } },
    };
    const ids = functionsOf(scheduled);
    const ses = (fnId: string) => otherStatements(scheduledT, fnId).filter((s) => actionsOf([s]).some((a) => a.startsWith('ses:')));
    expect(ses(ids.api)).toEqual([sendFromSender]);
    expect(ses(ids.compliance)).toEqual([sendFromSender]);
    expect(ses(ids.dispatcher)).toEqual([]);
    for (const template of [baseT, oidcT, oidcSignInT]) {
      for (const [id, policy] of resourcesOfType(template, 'AWS::IAM::Policy')) {
        expect(JSON.stringify(policy.Properties.PolicyDocument), id).not.toContain('ses:');
      }
    }
  });

  it('lets only the API and dispatcher functions read the e-office secrets, with GetSecretValue alone', () => {
    const ids = functionsOf(scheduled);
    const readers = [ids.api, ids.dispatcher].map((fnId) => scheduledT.toJSON().Resources[fnId].Properties.Role['Fn::GetAtt'][0]);
    for (const [id, policy] of resourcesOfType(scheduledT, 'AWS::IAM::Policy')) {
      const statements = asArray(policy.Properties.PolicyDocument.Statement) as Statement[];
      // The cursor key is the API's alone (its own test below): left out here.
      const cursorKey = JSON.stringify(cursorSecretRef(scheduled));
      const onSecrets = statements
        .filter((s) => actionsOf([s]).some((a) => a.startsWith('secretsmanager:')))
        .map((s) => ({ ...s, Resource: asArray(s.Resource).filter((r: unknown) => JSON.stringify(r) !== cursorKey) }));
      if (onSecrets.length === 0) continue;
      const roles = asArray(policy.Properties.Roles).map((r: any) => r.Ref as string);
      expect(roles, id).toHaveLength(1);
      expect(readers, id).toContain(roles[0]);
      const byRef = (a: { Ref: string }, b: { Ref: string }) => a.Ref.localeCompare(b.Ref);
      expect(onSecrets.map((s) => ({ ...s, Resource: [...(s.Resource as { Ref: string }[])].sort(byRef) })), id).toEqual([
        { Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: secretRefs(scheduled).sort(byRef) },
      ]);
    }
    for (const fnId of [ids.api, ids.dispatcher]) {
      expect(actionsOf(statementsOfFunction(scheduledT, fnId))).toContain('secretsmanager:GetSecretValue');
    }
    expect(actionsOf(statementsOfFunction(scheduledT, ids.compliance)).filter((a) => a.startsWith('secretsmanager:'))).toEqual([]);
  });

  it('lets only the API function read the cursor key, with GetSecretValue alone', () => {
    const ids = functionsOf(scheduled);
    const key = JSON.stringify(cursorSecretRef(scheduled));
    const onKey = (fnId: string) => statementsOfFunction(scheduledT, fnId).filter((s) => asArray(s.Resource).some((r: unknown) => JSON.stringify(r) === key));
    expect(onKey(ids.api).map((s) => s.Action)).toEqual(['secretsmanager:GetSecretValue']);
    expect(onKey(ids.compliance)).toEqual([]);
    expect(onKey(ids.dispatcher)).toEqual([]);
  });

  it('lets the compliance function reach only its own failure queue besides logs, table and e-mail', () => {
    const queueId = logicalId(scheduled.complianceSchedules!.deadLetterQueue);
    const sqs = otherStatements(scheduledT, functionsOf(scheduled).compliance).filter((s) => actionsOf([s]).some((a) => a.startsWith('sqs:')));
    expect(sqs).toEqual([
      { Effect: 'Allow', Action: ['sqs:GetQueueAttributes', 'sqs:GetQueueUrl', 'sqs:SendMessage'], Resource: getAtt(queueId) },
    ]);
    expect(otherStatements(baseT, functionsOf(base).compliance)).toEqual([]);
  });

  it('lets the dispatcher send failed deliveries to their queue and failed runs to theirs, and nothing else', () => {
    expect(otherStatements(baseT, functionsOf(base).dispatcher)).toEqual([
      { Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: secretRefs(base)[0] },
      { Effect: 'Allow', Action: 'sqs:SendMessage', Resource: getAtt(logicalId(base.eoffice.failedDeliveries)) },
      {
        Effect: 'Allow',
        Action: ['sqs:GetQueueAttributes', 'sqs:GetQueueUrl', 'sqs:SendMessage'],
        Resource: getAtt(logicalId(base.eoffice.failedRuns)),
      },
    ]);
  });

  it('grants exactly the listed table actions, Query on the listed indexes, and refuses an unknown index', () => {
    const app = appWithCdkJsonContext({}, { bundle: false });
    const stack = new Stack(app, 'ReadOnly');
    const table = new TrackerTable(stack, 'Data');
    const fn = (id: string) => new TrackerFunction(stack, id, { entry: 'functions/compliance/lambda.ts', provinceId: 'son-la', serviceName: id });
    const reader = fn('Reader');
    reader.bindTable(table, { actions: ['GetItem', 'Query'], indexes: ['GSI2'] });
    const getter = fn('Getter');
    getter.bindTable(table, { actions: ['GetItem'] });
    expect(() => table.grant(getter.fn, { actions: ['Query'], indexes: ['GSI9'] })).toThrow(/no index GSI9/);
    expect(() => table.grant(getter.fn, { actions: [] })).toThrow(/at least one action/);
    const template = Template.fromStack(stack);
    const { table: tableArn, index } = tableIds(template);
    expect(dynamoStatements(template, logicalId(reader.fn))).toEqual([
      { Effect: 'Allow', Action: ['dynamodb:GetItem', 'dynamodb:Query'], Resource: tableArn },
      { Effect: 'Allow', Action: 'dynamodb:Query', Resource: index('GSI2') },
    ]);
    expect(dynamoStatements(template, logicalId(getter.fn))).toEqual([{ Effect: 'Allow', Action: 'dynamodb:GetItem', Resource: tableArn }]);
  });
});

describe('HTTP API', () => {
  const routes = (template: Template) => resourcesOfType(template, 'AWS::ApiGatewayV2::Route').map(([, r]) => r.Properties);

  it('has a JWT authorizer on the Cognito user pool of the stack', () => {
    const [poolId] = onlyResource(baseT, 'AWS::Cognito::UserPool');
    const [clientId] = onlyResource(baseT, 'AWS::Cognito::UserPoolClient');
    const [, authorizer] = onlyResource(baseT, 'AWS::ApiGatewayV2::Authorizer');
    expect(authorizer.Properties).toMatchObject({
      AuthorizerType: 'JWT',
      IdentitySource: ['$request.header.Authorization'],
      JwtConfiguration: { Audience: [{ Ref: clientId }] },
    });
    expect(JSON.stringify(authorizer.Properties.JwtConfiguration.Issuer)).toContain(`"Ref":"${poolId}"`);
    expect(JSON.stringify(authorizer.Properties.JwtConfiguration.Issuer)).toContain('https://cognito-idp.');
  });

  it('leaves exactly the documentation, the signed integrations and the web pages without a token', () => {
    for (const template of [baseT, oidcT]) {
      const [authorizerId] = onlyResource(template, 'AWS::ApiGatewayV2::Authorizer');
      const open = routes(template).filter((r) => r.AuthorizationType === undefined || r.AuthorizationType === 'NONE');
      expect(open.map((r) => r.RouteKey).sort()).toEqual(
        [
          'GET /docs',
          'GET /v1/openapi.json',
          'POST /v1/integrations/{proxy+}',
          // The pages: read with the session cookie; the workspace's forms post to theirs (issue #16).
          'GET /',
          'GET /dashboard',
          'GET /dashboard/{proxy+}',
          'GET /meetings',
          'GET /meetings/{proxy+}',
          'GET /calendar',
          'GET /calendar/{proxy+}',
          'GET /my-work',
          'GET /my-work/{proxy+}',
          'GET /assignments',
          'GET /assignments/{proxy+}',
          'GET /decisions',
          'GET /decisions/{proxy+}',
          'GET /reports',
          'GET /reports/{proxy+}',
          'GET /leave',
          'GET /leave/{proxy+}',
          'GET /findings',
          'GET /findings/{proxy+}',
          'GET /finance',
          'GET /finance/{proxy+}',
          'POST /my-work',
          'POST /my-work/{proxy+}',
          'POST /assignments',
          'POST /assignments/{proxy+}',
          'POST /decisions',
          'POST /decisions/{proxy+}',
          'POST /reports',
          'POST /reports/{proxy+}',
          'POST /leave',
          'POST /leave/{proxy+}',
          'POST /findings',
          'POST /findings/{proxy+}',
          'POST /finance',
          'POST /finance/{proxy+}',
          'POST /meetings',
          'POST /meetings/{proxy+}',
          // Outgoing documents and the board's matters (issue #19).
          'GET /outgoing',
          'GET /outgoing/{proxy+}',
          'POST /outgoing',
          'POST /outgoing/{proxy+}',
          'GET /board-matters',
          'GET /board-matters/{proxy+}',
          'POST /board-matters',
          'POST /board-matters/{proxy+}',
          // Evidence files for the pages (issue #22): the upload the forms script asks for, and downloads.
          'GET /files',
          'GET /files/{proxy+}',
          'POST /files',
          'POST /files/{proxy+}',
          // The evaluation cycle's pages and forms, the year-end page among them (issue #23).
          'GET /evaluations',
          'GET /evaluations/{proxy+}',
          'POST /evaluations',
          'POST /evaluations/{proxy+}',
          'GET /assets/{proxy+}',
          'GET /auth/{proxy+}',
          'POST /auth/sign-out',
          'GET /v1/calendar/feeds/{proxy+}',
        ].sort(),
      );
      const closed = routes(template).filter((r) => !open.includes(r));
      expect(closed.map((r) => r.RouteKey).sort()).toEqual(['ANY /dashboard', 'ANY /v1/{proxy+}', 'ANY /{proxy+}']);
      for (const route of closed) {
        expect(route, route.RouteKey).toMatchObject({ AuthorizationType: 'JWT', AuthorizerId: { Ref: authorizerId } });
      }
    }
  });

  it('tells the API function the issuer, audience and JWKS URL the authorizer uses', () => {
    const [, authorizer] = onlyResource(baseT, 'AWS::ApiGatewayV2::Authorizer');
    const { Issuer, Audience } = authorizer.Properties.JwtConfiguration;
    const env = baseT.toJSON().Resources[functionsOf(base).api].Properties.Environment.Variables;
    expect(env.AUTH_ISSUER).toEqual(Issuer);
    expect(env.AUTH_AUDIENCE).toEqual(Audience[0]);
    expect(env.AUTH_JWKS_URL).toEqual({
      'Fn::Join': ['', [...Issuer['Fn::Join'][1], '/.well-known/jwks.json']],
    });
    const complianceEnv = baseT.toJSON().Resources[functionsOf(base).compliance].Properties.Environment.Variables;
    expect(Object.keys(complianceEnv).filter((k) => k.startsWith('AUTH_'))).toEqual([]);
  });

  it('routes everything to the API function', () => {
    const [, integration] = onlyResource(baseT, 'AWS::ApiGatewayV2::Integration');
    expect(integration.Properties).toMatchObject({
      IntegrationType: 'AWS_PROXY',
      IntegrationUri: getAtt(functionsOf(base).api),
      PayloadFormatVersion: '2.0',
    });
  });

  it('logs access on the default stage and throttles it', () => {
    const [, stage] = onlyResource(baseT, 'AWS::ApiGatewayV2::Stage');
    expect(stage.Properties).toMatchObject({
      StageName: '$default',
      AutoDeploy: true,
      AccessLogSettings: { DestinationArn: { 'Fn::GetAtt': [expect.any(String), 'Arn'] }, Format: expect.stringContaining('$context.requestId') },
      DefaultRouteSettings: { ThrottlingRateLimit: expect.any(Number), ThrottlingBurstLimit: expect.any(Number) },
    });
  });

  it('has a staff user pool: no self sign-up, staffId and orgId, strong passwords, MFA, threat protection', () => {
    const [, pool] = onlyResource(baseT, 'AWS::Cognito::UserPool');
    expect(pool.Properties).toMatchObject({
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      MfaConfiguration: 'ON',
      UserPoolTier: 'PLUS',
      UserPoolAddOns: { AdvancedSecurityMode: 'ENFORCED' },
      Policies: {
        PasswordPolicy: {
          MinimumLength: expect.any(Number),
          RequireLowercase: true,
          RequireUppercase: true,
          RequireNumbers: true,
          RequireSymbols: true,
        },
      },
    });
    expect(pool.Properties.Policies.PasswordPolicy.MinimumLength).toBeGreaterThanOrEqual(12);
    expect(pool.Properties.Schema).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ Name: 'staffId', AttributeDataType: 'String' }),
        expect.objectContaining({ Name: 'orgId', AttributeDataType: 'String' }),
      ]),
    );
    const [, client] = onlyResource(baseT, 'AWS::Cognito::UserPoolClient');
    expect(client.Properties.GenerateSecret).toBe(false);
    expect(client.Properties.ReadAttributes).toEqual(expect.arrayContaining(['custom:staffId', 'custom:orgId']));
    expect((client.Properties.WriteAttributes as string[]).filter((a) => a.startsWith('custom:'))).toEqual([]);
  });

  it('signs the dashboard in through the hosted UI: authorization code (PKCE, no secret), openid/email/profile, back to the API', () => {
    const [apiId] = onlyResource(baseT, 'AWS::ApiGatewayV2::Api');
    const [poolId] = onlyResource(baseT, 'AWS::Cognito::UserPool');
    const [, client] = onlyResource(baseT, 'AWS::Cognito::UserPoolClient');
    const onApi = (path: string) => ({ 'Fn::Join': ['', [getAtt(apiId, 'ApiEndpoint'), path]] });
    expect(client.Properties).toMatchObject({
      GenerateSecret: false,
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthFlows: ['code'],
      AllowedOAuthScopes: ['openid', 'email', 'profile'],
      CallbackURLs: [onApi('/auth/callback')],
      // Where the hosted UI's /logout sends the browser back (functions/api/routes/auth.tsx).
      LogoutURLs: [onApi('/auth/sign-in')],
      SupportedIdentityProviders: ['COGNITO'],
    });
    const [, domain] = onlyResource(baseT, 'AWS::Cognito::UserPoolDomain');
    expect(domain.Properties).toEqual({ Domain: 'base', UserPoolId: { Ref: poolId } });
    const [, scheduledDomain] = onlyResource(scheduledT, 'AWS::Cognito::UserPoolDomain');
    expect(scheduledDomain.Properties.Domain).toBe('scheduled');
  });

  it('takes the hosted UI prefix from the stack name, or as given, and refuses one Cognito would', () => {
    const domainOf = (id: string, cognitoDomainPrefix?: string) => {
      const app = appWithCdkJsonContext({}, { bundle: false });
      const stack = new TrackerStack(app, id, {
        provinceId: 'lai-chau',
        organisationIds: ['so-tttt-lai-chau'],
        ...(cognitoDomainPrefix !== undefined ? { cognitoDomainPrefix } : {}),
      });
      return onlyResource(Template.fromStack(stack), 'AWS::Cognito::UserPoolDomain')[1].Properties.Domain;
    };
    expect(domainOf('QuyCheTracker-lai-chau')).toBe('quychetracker-lai-chau');
    expect(domainOf('QuyCheTracker-lai-chau', 'sotttt-laichau')).toBe('sotttt-laichau');
    for (const prefix of ['Sotttt', 'my-cognito-login', '-sotttt', 'so_tttt', 'x'.repeat(64)]) {
      expect(() => domainOf('Bad', prefix), prefix).toThrow(/Cognito domain prefix/);
    }
  });

  it('uses an external OIDC issuer when given, and creates no user pool', () => {
    for (const template of [oidcT, oidcSignInT]) {
      template.resourceCountIs('AWS::Cognito::UserPool', 0);
      template.resourceCountIs('AWS::Cognito::UserPoolClient', 0);
      template.resourceCountIs('AWS::Cognito::UserPoolDomain', 0);
    }
    oidcT.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'JWT',
      JwtConfiguration: { Issuer: OIDC.issuer, Audience: OIDC.audience },
    });
    const env = oidcT.toJSON().Resources[functionsOf(oidc).api].Properties.Environment.Variables;
    expect(env).toMatchObject({
      AUTH_ISSUER: OIDC.issuer,
      AUTH_AUDIENCE: 'quy-che-tracker,mobile',
      AUTH_JWKS_URL: `${OIDC.issuer}/.well-known/jwks.json`,
    });
  });
});

describe('alarms', () => {
  const alarms = (template: Template) => resourcesOfType(template, 'AWS::CloudWatch::Alarm').map(([, a]) => a.Properties);

  it("watch each function's errors and throttles and the table's throttles and system errors", () => {
    const [topicId] = onlyResource(baseT, 'AWS::SNS::Topic');
    for (const fnId of Object.values(functionsOf(base))) {
      for (const metric of ['Errors', 'Throttles']) {
        const matching = alarms(baseT).filter(
          (a) => a.MetricName === metric && a.Namespace === 'AWS/Lambda' && JSON.stringify(a.Dimensions).includes(`"Ref":"${fnId}"`),
        );
        expect(matching, `${fnId} ${metric}`).toHaveLength(1);
      }
    }
    const [tableId] = onlyResource(baseT, 'AWS::DynamoDB::Table');
    const tableMetrics = alarms(baseT)
      .filter((a) => JSON.stringify(a.Metrics ?? []).includes(`"Ref":"${tableId}"`))
      .flatMap((a) => (a.Metrics as { MetricStat?: { Metric: { MetricName: string } } }[]).map((m) => m.MetricStat?.Metric.MetricName))
      .filter((name): name is string => name !== undefined);
    expect(new Set(tableMetrics)).toEqual(new Set(['ThrottledRequests', 'SystemErrors']));
    for (const alarm of alarms(baseT)) expect(alarm.AlarmActions).toEqual([{ Ref: topicId }]);
  });

  it('notify an encrypted topic that only accepts TLS', () => {
    // The evidence files' bucket has its own key (test/infra/evidence-bucket.test.ts); the other one is the alarms'.
    const keys = resourcesOfType(baseT, 'AWS::KMS::Key').filter(([id]) => id !== logicalId(base.files.key));
    expect(keys).toHaveLength(1);
    const [keyId, key] = keys[0]!;
    expect(key.Properties.EnableKeyRotation).toBe(true);
    const [topicId, topic] = onlyResource(baseT, 'AWS::SNS::Topic');
    expect(topic.Properties.KmsMasterKeyId).toEqual(getAtt(keyId));
    baseT.hasResourceProperties('AWS::SNS::TopicPolicy', {
      Topics: [{ Ref: topicId }],
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Action: 'sns:Publish', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
    const keyStatements = key.Properties.KeyPolicy.Statement as Statement[];
    expect(keyStatements.some((s) => JSON.stringify(s).includes('cloudwatch.amazonaws.com'))).toBe(true);
  });
});

/** An encrypted, TLS-only queue kept 14 days, with an alarm on its first visible message. */
function expectAlarmedDeadLetterQueue(template: Template, queueId: string): void {
  const queue = template.toJSON().Resources[queueId];
  expect(queue.Properties).toMatchObject({ SqsManagedSseEnabled: true, MessageRetentionPeriod: 14 * 24 * 3600 });
  template.hasResourceProperties('AWS::SQS::QueuePolicy', {
    Queues: [{ Ref: queueId }],
    PolicyDocument: {
      Statement: Match.arrayWith([
        Match.objectLike({ Effect: 'Deny', Action: 'sqs:*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
      ]),
    },
  });
  const alarms = resourcesOfType(template, 'AWS::CloudWatch::Alarm').filter(
    ([, a]) => JSON.stringify(a.Properties.Dimensions ?? []) === JSON.stringify([{ Name: 'QueueName', Value: getAtt(queueId, 'QueueName') }]),
  );
  expect(alarms.map(([, a]) => a.Properties), queueId).toEqual([
    expect.objectContaining({
      Namespace: 'AWS/SQS',
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Statistic: 'Maximum',
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      AlarmActions: [{ Ref: onlyResource(template, 'AWS::SNS::Topic')[0] }],
    }),
  ]);
}

/** The schedule's role: assumable only by Scheduler for this account and group; invokes `fnId` and nothing else. */
function expectSchedulerRole(template: Template, schedule: { Properties: Record<string, any> }, fnId: string, groupId: string): void {
  const roleId = schedule.Properties.Target.RoleArn['Fn::GetAtt'][0] as string;
  const role = template.toJSON().Resources[roleId];
  expect(role.Properties.AssumeRolePolicyDocument.Statement).toEqual([
    {
      Effect: 'Allow',
      Action: 'sts:AssumeRole',
      Principal: { Service: 'scheduler.amazonaws.com' },
      Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' }, 'aws:SourceArn': getAtt(groupId) } },
    },
  ]);
  const statements = resourcesOfType(template, 'AWS::IAM::Policy')
    .filter(([, p]) => asArray(p.Properties.Roles).some((r: any) => r?.Ref === roleId))
    .flatMap(([, p]) => asArray(p.Properties.PolicyDocument.Statement) as Statement[]);
  const invoke = statements.filter((s) => asArray(s.Action).includes('lambda:InvokeFunction'));
  expect(invoke).toEqual([
    { Effect: 'Allow', Action: 'lambda:InvokeFunction', Resource: [getAtt(fnId), { 'Fn::Join': ['', [getAtt(fnId), ':*']] }] },
  ]);
  expect(statements.filter((s) => !invoke.includes(s))).toEqual([
    { Effect: 'Allow', Action: 'sqs:SendMessage', Resource: schedule.Properties.Target.DeadLetterConfig.Arn },
  ]);
}

describe('compliance schedules', () => {
  it('are absent when the province has none: only the e-office dispatch is scheduled', () => {
    expect(base.complianceSchedules).toBeUndefined();
    expect(resourcesOfType(baseT, 'AWS::Scheduler::Schedule').map(([, s]) => s.Properties.Name)).toEqual(['eoffice-dispatch']);
    expect(resourcesOfType(baseT, 'AWS::SQS::Queue').map(([id]) => id).sort()).toEqual(
      [logicalId(base.eoffice.failedDeliveries), logicalId(base.eoffice.failedRuns)].sort(),
    );
  });

  it('run each rule in Asia/Ho_Chi_Minh time with a bounded retry policy and a dead-letter queue', () => {
    const schedule = scheduledT.toJSON().Resources[logicalId(scheduled.complianceSchedules!.schedules[0]!)];
    const queueId = logicalId(scheduled.complianceSchedules!.deadLetterQueue);
    expect(scheduled.complianceSchedules!.schedules).toHaveLength(1);
    expect(schedule.Properties).toMatchObject({
      Name: 'f2-payroll',
      GroupName: 'quy-che-tracker-son-la',
      ScheduleExpression: 'cron(5 0 15 * ? *)',
      ScheduleExpressionTimezone: 'Asia/Ho_Chi_Minh',
      FlexibleTimeWindow: { Mode: 'OFF' },
      State: 'ENABLED',
      Target: {
        Arn: getAtt(functionsOf(scheduled).compliance),
        DeadLetterConfig: { Arn: getAtt(queueId) },
        RetryPolicy: { MaximumRetryAttempts: 5, MaximumEventAgeInSeconds: 3600 },
      },
    });
    expect(JSON.parse(schedule.Properties.Target.Input)).toEqual({ rule: 'F2' });
  });

  it('send failed runs, of Scheduler or of the function, to one encrypted TLS-only queue with an alarm', () => {
    const queueId = logicalId(scheduled.complianceSchedules!.deadLetterQueue);
    expectAlarmedDeadLetterQueue(scheduledT, queueId);
    scheduledT.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      FunctionName: { Ref: functionsOf(scheduled).compliance },
      MaximumRetryAttempts: 2,
      DestinationConfig: { OnFailure: { Destination: getAtt(queueId) } },
    });
  });

  it('invoke through a role only Scheduler of this account and group can assume, limited to the compliance function', () => {
    const schedule = scheduledT.toJSON().Resources[logicalId(scheduled.complianceSchedules!.schedules[0]!)];
    expectSchedulerRole(scheduledT, schedule, functionsOf(scheduled).compliance, logicalId(scheduled.complianceSchedules!.group));
  });

  it('are rejected at synth when a name or an expression is malformed', () => {
    expect(() => assertValidSchedules([F2, F2])).toThrow(/twice/);
    expect(() => assertValidSchedules([{ ...F2, name: 'f2 payroll' }])).toThrow(/name/);
    expect(() => assertValidSchedules([{ ...F2, cron: '5 0 15 * ? *' }])).toThrow(/cron/);
    expect(() => assertValidSchedules([{ ...F2, cron: 'cron(5 0 15 * ?)' }])).toThrow(/cron/);
    expect(() => assertValidSchedules([{ ...F2, rule: ' ' }])).toThrow(/rule/);
    expect(() => assertValidSchedules([F2, { ...F2, name: 'f2-payroll-reminder' }])).not.toThrow();
  });
});

describe('e-office integration', () => {
  it('has one empty secret per organisation, named quy-che-tracker/eoffice/<orgId>', () => {
    const secrets = (template: Template) =>
      resourcesOfType(template, 'AWS::SecretsManager::Secret')
        .map(([, s]) => s.Properties)
        .filter((p) => String(p.Name).startsWith('quy-che-tracker/eoffice/'));
    expect(secrets(scheduledT).map((s) => s.Name).sort()).toEqual([`quy-che-tracker/eoffice/${SECOND_ORG}`, `quy-che-tracker/eoffice/${ORG}`]);
    expect(secrets(baseT).map((s) => s.Name)).toEqual([`quy-che-tracker/eoffice/${ORG}`]);
    for (const secret of [...secrets(baseT), ...secrets(scheduledT)]) {
      // No value until an administrator puts one: the functions then answer "not configured".
      expect(secret.SecretString).toBeUndefined();
      expect(secret.GenerateSecretString).toBeUndefined();
    }
    scheduledT.resourceCountIs('AWS::SecretsManager::RotationSchedule', 0);
  });

  it('has one generated cursor key per province, {"current": 64 random characters}', () => {
    const resources = baseT.toJSON().Resources;
    const key = resources[logicalId(base.cursorKey.secret)];
    expect(key.Properties.Name).toBe('quy-che-tracker/son-la/cursor-key');
    expect(key.Properties.GenerateSecretString).toEqual({ SecretStringTemplate: '{}', GenerateStringKey: 'current', PasswordLength: 64, ExcludePunctuation: true });
    expect(key.Properties.SecretString).toBeUndefined();
  });

  it('runs the dispatcher every minute with a bounded retry policy and a dead-letter queue', () => {
    const schedule = baseT.toJSON().Resources[logicalId(base.eoffice.schedule)];
    expect(schedule.Properties).toEqual({
      Name: 'eoffice-dispatch',
      // A name, not a Ref: the role's trust policy names the group's ARN, so the group is created first.
      GroupName: 'quy-che-tracker-son-la-eoffice',
      Description: 'Sends the e-office outbox (son-la)',
      ScheduleExpression: 'rate(1 minute)',
      ScheduleExpressionTimezone: 'Etc/UTC',
      FlexibleTimeWindow: { Mode: 'OFF' },
      State: 'ENABLED',
      Target: {
        Arn: getAtt(functionsOf(base).dispatcher),
        RoleArn: expect.anything(),
        Input: '{}',
        RetryPolicy: { MaximumRetryAttempts: 2, MaximumEventAgeInSeconds: 120 },
        DeadLetterConfig: { Arn: getAtt(logicalId(base.eoffice.failedRuns)) },
      },
    });
    baseT.hasResourceProperties('AWS::Scheduler::ScheduleGroup', { Name: 'quy-che-tracker-son-la-eoffice' });
    expectSchedulerRole(baseT, schedule, functionsOf(base).dispatcher, logicalId(base.eoffice.group));
  });

  it('does not retry a failed run itself (the next minute does) and sends it to the failed-runs queue', () => {
    expect(
      resourcesOfType(baseT, 'AWS::Lambda::EventInvokeConfig')
        .filter(([, c]) => c.Properties.FunctionName.Ref === functionsOf(base).dispatcher)
        .map(([, c]) => c.Properties),
    ).toEqual([
      {
        FunctionName: { Ref: functionsOf(base).dispatcher },
        Qualifier: '$LATEST',
        MaximumRetryAttempts: 0,
        MaximumEventAgeInSeconds: 120,
        DestinationConfig: { OnFailure: { Destination: getAtt(logicalId(base.eoffice.failedRuns)) } },
      },
    ]);
  });

  it('keeps failed deliveries and failed runs in encrypted, TLS-only, alarmed queues', () => {
    expectAlarmedDeadLetterQueue(baseT, logicalId(base.eoffice.failedDeliveries));
    expectAlarmedDeadLetterQueue(baseT, logicalId(base.eoffice.failedRuns));
  });

  it('refuses an organisation id that cannot name a secret, and a province without organisations', () => {
    const app = appWithCdkJsonContext({}, { bundle: false });
    expect(() => new TrackerStack(app, 'NoOrg', { provinceId: 'son-la', organisationIds: [] })).toThrow(/no organisation/);
    expect(() => new TrackerStack(app, 'BadOrg', { provinceId: 'son-la', organisationIds: ['Sở TT&TT'] })).toThrow(/cannot name a secret: Sở TT&TT/);
  });
});

describe('e-mail', () => {
  it('refuses a sender that is not a bare e-mail address', () => {
    const app = appWithCdkJsonContext({}, { bundle: false });
    for (const [n, sender] of ['Sở TT&TT <thongbao@stttt.sonla.gov.vn>', 'thongbao', 'thongbao@localhost'].entries()) {
      expect(() => new TrackerStack(app, `Mail${n}`, { provinceId: 'son-la', organisationIds: [ORG], notifyEmailFrom: sender }), sender).toThrow(
        /NOTIFY_EMAIL_FROM must be a bare e-mail address/,
      );
    }
  });
});
