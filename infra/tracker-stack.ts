import { CfnOutput, Duration, Stack, Tags, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { TrackerAlarms } from './constructs/alarms.js';
import { ComplianceSchedules, type ComplianceScheduleSpec } from './constructs/compliance-schedules.js';
import { TrackerHttpApi, type JwtIssuer } from './constructs/http-api.js';
import { TrackerFunction } from './constructs/node-function.js';
import { StaffUserPool } from './constructs/staff-user-pool.js';
import { TrackerTable } from './constructs/tracker-table.js';

export type TrackerAuth =
  | { kind: 'cognito' }
  | {
      kind: 'oidc';
      issuer: string;
      audience: string[];
      /** @default `${issuer}/.well-known/jwks.json` (check it against the issuer's discovery document) */
      jwksUrl?: string;
    };

export interface TrackerStackProps extends StackProps {
  readonly provinceId: string;
  /** @default { kind: 'cognito' }: a user pool created in this stack */
  readonly auth?: TrackerAuth;
  /** Usually generated from the province's rulebook; none means no schedules and no DLQ. */
  readonly complianceSchedules?: ComplianceScheduleSpec[];
}

export const stackNameFor = (provinceId: string): string => `QuyCheTracker-${provinceId}`;

/** One province: its table, its API, its compliance runs, its alarms. */
export class TrackerStack extends Stack {
  readonly table: TrackerTable;
  readonly apiFunction: TrackerFunction;
  readonly complianceFunction: TrackerFunction;
  readonly httpApi: TrackerHttpApi;
  readonly alarms: TrackerAlarms;
  readonly staffUserPool?: StaffUserPool;
  readonly complianceSchedules?: ComplianceSchedules;

  constructor(scope: Construct, id: string, props: TrackerStackProps) {
    super(scope, id, props);
    const { provinceId } = props;
    Tags.of(this).add('app', 'quy-che-tracker');
    Tags.of(this).add('province', provinceId);

    this.table = new TrackerTable(this, 'Data');

    this.apiFunction = new TrackerFunction(this, 'ApiFunction', {
      entry: 'functions/api/lambda.ts',
      provinceId,
      serviceName: 'tracker-api',
      description: `Quy che tracker HTTP API (${provinceId})`,
    });
    this.apiFunction.bindTable(this.table, 'readWrite');

    this.complianceFunction = new TrackerFunction(this, 'ComplianceFunction', {
      entry: 'functions/compliance/lambda.ts',
      provinceId,
      serviceName: 'tracker-compliance',
      description: `Quy che tracker scheduled compliance checks (${provinceId})`,
      timeout: Duration.minutes(5),
    });
    this.complianceFunction.bindTable(this.table, 'readWrite');

    let issuer: JwtIssuer;
    const auth = props.auth ?? { kind: 'cognito' };
    if (auth.kind === 'oidc') {
      const trimmed = auth.issuer.replace(/\/+$/, '');
      issuer = { issuer: auth.issuer, audience: auth.audience, jwksUrl: auth.jwksUrl ?? `${trimmed}/.well-known/jwks.json` };
    } else {
      this.staffUserPool = new StaffUserPool(this, 'Staff', { provinceId });
      issuer = this.staffUserPool.issuer;
    }
    this.httpApi = new TrackerHttpApi(this, 'Http', { provinceId, handler: this.apiFunction, auth: issuer });

    this.alarms = new TrackerAlarms(this, 'Alarms', { provinceId });
    this.alarms.watchFunction('Api', this.apiFunction);
    this.alarms.watchFunction('Compliance', this.complianceFunction);
    this.alarms.watchTable(this.table.table);

    if (props.complianceSchedules && props.complianceSchedules.length > 0) {
      this.complianceSchedules = new ComplianceSchedules(this, 'Compliance', {
        provinceId,
        target: this.complianceFunction,
        schedules: props.complianceSchedules,
        alarms: this.alarms,
      });
    }

    new CfnOutput(this, 'ApiUrl', { value: this.httpApi.url });
    new CfnOutput(this, 'TableName', { value: this.table.tableName });
    new CfnOutput(this, 'AlarmTopicArn', { value: this.alarms.topic.topicArn });
    if (this.staffUserPool) {
      new CfnOutput(this, 'UserPoolId', { value: this.staffUserPool.userPool.userPoolId });
      new CfnOutput(this, 'UserPoolClientId', { value: this.staffUserPool.client.userPoolClientId });
    }
  }
}
