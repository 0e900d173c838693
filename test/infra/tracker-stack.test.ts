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
const OIDC = { kind: 'oidc' as const, issuer: 'https://sso.sonla.gov.vn/realms/staff', audience: ['quy-che-tracker'] };

// Built once: the three stacks share one App, so each Lambda entry is bundled once.
let base: TrackerStack;
let scheduled: TrackerStack;
let oidc: TrackerStack;
let baseT: Template;
let scheduledT: Template;
let oidcT: Template;

beforeAll(() => {
  const app = appWithCdkJsonContext();
  base = new TrackerStack(app, 'Base', { provinceId: 'son-la' });
  scheduled = new TrackerStack(app, 'Scheduled', { provinceId: 'son-la', complianceSchedules: [F2] });
  oidc = new TrackerStack(app, 'Oidc', { provinceId: 'son-la', auth: OIDC });
  baseT = Template.fromStack(base);
  scheduledT = Template.fromStack(scheduled);
  oidcT = Template.fromStack(oidc);
});

const logicalId = (construct: { node: { defaultChild?: unknown } }): string => {
  const child = construct.node.defaultChild as CdkCfnResource;
  return Stack.of(child).getLogicalId(child);
};
const functionsOf = (stack: TrackerStack) => ({
  api: logicalId(stack.apiFunction.fn),
  compliance: logicalId(stack.complianceFunction.fn),
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
        Projection: { ProjectionType: 'ALL' },
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
  it('are exactly the API and the compliance function, both nodejs22.x on arm64', () => {
    for (const template of [baseT, scheduledT, oidcT]) {
      const functions = resourcesOfType(template, 'AWS::Lambda::Function');
      expect(functions).toHaveLength(2);
      for (const [, fn] of functions) {
        expect(fn.Properties.Runtime).toBe('nodejs22.x');
        expect(fn.Properties.Architectures).toEqual(['arm64']);
        expect(fn.Properties.Handler).toBe('index.handler');
      }
    }
  });

  it('know their province, table and service name', () => {
    const ids = functionsOf(base);
    const [tableId] = onlyResource(baseT, 'AWS::DynamoDB::Table');
    const env = (id: string) => baseT.toJSON().Resources[id].Properties.Environment.Variables;
    expect(env(ids.api)).toMatchObject({
      PROVINCE_ID: 'son-la',
      TABLE_NAME: { Ref: tableId },
      POWERTOOLS_SERVICE_NAME: 'tracker-api',
    });
    expect(env(ids.compliance)).toMatchObject({
      PROVINCE_ID: 'son-la',
      TABLE_NAME: { Ref: tableId },
      POWERTOOLS_SERVICE_NAME: 'tracker-compliance',
    });
  });

  it('never carry a local/dev mode switch', () => {
    for (const template of [baseT, scheduledT, oidcT]) {
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
  const tableArnAndIndexArns = (template: Template) => {
    const [tableId] = onlyResource(template, 'AWS::DynamoDB::Table');
    return [
      getAtt(tableId),
      ...trackerTable.globalIndexes.map((index) => ({ 'Fn::Join': ['', [getAtt(tableId), `/index/${index.indexName}`]] })),
    ];
  };

  it('gives DynamoDB rights only on the table and its named indexes, never Scan nor a wildcard', () => {
    for (const [stack, template] of [
      [base, baseT],
      [scheduled, scheduledT],
    ] as const) {
      const allowed = tableArnAndIndexArns(template);
      for (const fnId of Object.values(functionsOf(stack))) {
        const statements = statementsOfFunction(template, fnId);
        const dynamo = statements.filter((s) => asArray(s.Action).some((a) => a.startsWith('dynamodb:')));
        expect(dynamo.length, fnId).toBeGreaterThan(0);
        for (const statement of dynamo) {
          for (const resource of asArray(statement.Resource)) expect(allowed, fnId).toContainEqual(resource);
        }
        const actions = actionsOf(dynamo);
        expect(actions).not.toContain('dynamodb:Scan');
        expect(actions.filter((a) => a.includes('*'))).toEqual([]);
        expect(actions).toEqual(expect.arrayContaining(['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:PutItem', 'dynamodb:UpdateItem']));
      }
    }
  });

  it('has no statement on Resource "*" and no AWS managed policy on function roles', () => {
    for (const template of [baseT, scheduledT, oidcT]) {
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

  it('gives the API function nothing beyond its logs and the table', () => {
    for (const [stack, template] of [
      [base, baseT],
      [scheduled, scheduledT],
    ] as const) {
      const actions = actionsOf(statementsOfFunction(template, functionsOf(stack).api));
      expect(actions.filter((a) => !a.startsWith('dynamodb:') && !a.startsWith('logs:'))).toEqual([]);
      expect(actions.filter((a) => a.startsWith('logs:')).sort()).toEqual(['logs:CreateLogStream', 'logs:PutLogEvents']);
    }
  });

  it('lets the compliance function reach only its own failure queue besides logs and table', () => {
    const [queueId] = onlyResource(scheduledT, 'AWS::SQS::Queue');
    const statements = statementsOfFunction(scheduledT, functionsOf(scheduled).compliance);
    const other = statements.filter((s) => asArray(s.Action).some((a) => !a.startsWith('dynamodb:') && !a.startsWith('logs:')));
    for (const statement of other) {
      expect(asArray(statement.Action).every((a) => a.startsWith('sqs:'))).toBe(true);
      expect(asArray(statement.Resource)).toEqual([getAtt(queueId)]);
    }
    expect(actionsOf(other)).toContain('sqs:SendMessage');
    const baseActions = actionsOf(statementsOfFunction(baseT, functionsOf(base).compliance));
    expect(baseActions.filter((a) => !a.startsWith('dynamodb:') && !a.startsWith('logs:'))).toEqual([]);
  });

  it("grants no write action for bindTable(table, 'read')", () => {
    const app = appWithCdkJsonContext({}, { bundle: false });
    const stack = new Stack(app, 'ReadOnly');
    const table = new TrackerTable(stack, 'Data');
    const reader = new TrackerFunction(stack, 'Reader', {
      entry: 'functions/compliance/lambda.ts',
      provinceId: 'son-la',
      serviceName: 'reader',
    });
    reader.bindTable(table, 'read');
    const template = Template.fromStack(stack);
    const actions = actionsOf(statementsOfFunction(template, logicalId(reader.fn))).filter((a) => a.startsWith('dynamodb:'));
    expect(actions).toContain('dynamodb:Query');
    expect(actions.filter((a) => /Put|Update|Delete|Write/.test(a))).toEqual([]);
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

  it('leaves exactly GET /v1/openapi.json, GET /docs and POST /v1/integrations/{proxy+} without a token', () => {
    for (const template of [baseT, oidcT]) {
      const [authorizerId] = onlyResource(template, 'AWS::ApiGatewayV2::Authorizer');
      const open = routes(template).filter((r) => r.AuthorizationType === undefined || r.AuthorizationType === 'NONE');
      expect(open.map((r) => r.RouteKey).sort()).toEqual(['GET /docs', 'GET /v1/openapi.json', 'POST /v1/integrations/{proxy+}']);
      const closed = routes(template).filter((r) => !open.includes(r));
      expect(closed.map((r) => r.RouteKey)).toEqual(expect.arrayContaining(['ANY /{proxy+}', 'ANY /v1/{proxy+}', 'ANY /dashboard']));
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
    expect(client.Properties.AllowedOAuthFlows).toBeUndefined();
  });

  it('uses an external OIDC issuer when given, and creates no user pool', () => {
    oidcT.resourceCountIs('AWS::Cognito::UserPool', 0);
    oidcT.resourceCountIs('AWS::Cognito::UserPoolClient', 0);
    oidcT.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'JWT',
      JwtConfiguration: { Issuer: OIDC.issuer, Audience: OIDC.audience },
    });
    const env = oidcT.toJSON().Resources[functionsOf(oidc).api].Properties.Environment.Variables;
    expect(env).toMatchObject({
      AUTH_ISSUER: OIDC.issuer,
      AUTH_AUDIENCE: 'quy-che-tracker',
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
    const [keyId, key] = onlyResource(baseT, 'AWS::KMS::Key');
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

describe('compliance schedules', () => {
  it('are absent when the province has none', () => {
    baseT.resourceCountIs('AWS::Scheduler::Schedule', 0);
    baseT.resourceCountIs('AWS::SQS::Queue', 0);
  });

  it('run each rule in Asia/Ho_Chi_Minh time with a bounded retry policy and a dead-letter queue', () => {
    const [, schedule] = onlyResource(scheduledT, 'AWS::Scheduler::Schedule');
    const [queueId] = onlyResource(scheduledT, 'AWS::SQS::Queue');
    expect(schedule.Properties).toMatchObject({
      Name: 'f2-payroll',
      ScheduleExpression: 'cron(5 0 15 * ? *)',
      ScheduleExpressionTimezone: 'Asia/Ho_Chi_Minh',
      FlexibleTimeWindow: { Mode: 'OFF' },
      State: 'ENABLED',
      Target: {
        Arn: getAtt(functionsOf(scheduled).compliance),
        DeadLetterConfig: { Arn: getAtt(queueId) },
      },
    });
    expect(JSON.parse(schedule.Properties.Target.Input)).toEqual({ rule: 'F2' });
    const { MaximumRetryAttempts, MaximumEventAgeInSeconds } = schedule.Properties.Target.RetryPolicy;
    expect(MaximumRetryAttempts).toBeGreaterThan(0);
    expect(MaximumRetryAttempts).toBeLessThanOrEqual(10);
    expect(MaximumEventAgeInSeconds).toBeLessThanOrEqual(6 * 3600);
  });

  it('send failed runs, of Scheduler or of the function, to one encrypted TLS-only queue with an alarm', () => {
    const [queueId, queue] = onlyResource(scheduledT, 'AWS::SQS::Queue');
    expect(queue.Properties.SqsManagedSseEnabled === true || queue.Properties.KmsMasterKeyId !== undefined).toBe(true);
    scheduledT.hasResourceProperties('AWS::SQS::QueuePolicy', {
      Queues: [{ Ref: queueId }],
      PolicyDocument: {
        Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]),
      },
    });
    scheduledT.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'AWS/SQS',
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Dimensions: [{ Name: 'QueueName', Value: getAtt(queueId, 'QueueName') }],
      Threshold: 1,
      AlarmActions: [{ Ref: onlyResource(scheduledT, 'AWS::SNS::Topic')[0] }],
    });
    scheduledT.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      FunctionName: { Ref: functionsOf(scheduled).compliance },
      MaximumRetryAttempts: 2,
      DestinationConfig: { OnFailure: { Destination: getAtt(queueId) } },
    });
  });

  it('invoke through a role only Scheduler of this account and group can assume, limited to the compliance function', () => {
    const [, schedule] = onlyResource(scheduledT, 'AWS::Scheduler::Schedule');
    const roleId = schedule.Properties.Target.RoleArn['Fn::GetAtt'][0] as string;
    const role = scheduledT.toJSON().Resources[roleId];
    expect(JSON.stringify(role.Properties.AssumeRolePolicyDocument)).toContain('scheduler.amazonaws.com');
    expect(JSON.stringify(role.Properties.AssumeRolePolicyDocument)).toContain('aws:SourceAccount');
    const statements = resourcesOfType(scheduledT, 'AWS::IAM::Policy')
      .filter(([, p]) => asArray(p.Properties.Roles).some((r: any) => r?.Ref === roleId))
      .flatMap(([, p]) => asArray(p.Properties.PolicyDocument.Statement) as Statement[]);
    const fnId = functionsOf(scheduled).compliance;
    for (const statement of statements) {
      const text = JSON.stringify(statement.Resource);
      if (asArray(statement.Action).includes('lambda:InvokeFunction')) expect(text).toContain(`"${fnId}"`);
      expect(text).not.toContain(functionsOf(scheduled).api);
    }
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
