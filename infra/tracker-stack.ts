import { CfnOutput, Duration, Lazy, Stack, Tags, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { TrackerAlarms } from './constructs/alarms.js';
import { ComplianceSchedules, type ComplianceScheduleSpec } from './constructs/compliance-schedules.js';
import { CursorKey } from './constructs/cursor-key.js';
import { allowEmailFrom } from './constructs/email-sender.js';
import { EofficeIntegration } from './constructs/eoffice-integration.js';
import { EvidenceBucket } from './constructs/evidence-bucket.js';
import { TrackerHttpApi, type JwtIssuer } from './constructs/http-api.js';
import { SignInFirewall } from './constructs/sign-in-firewall.js';
import { TrackerFunction } from './constructs/node-function.js';
import { defaultCognitoDomainPrefix, StaffUserPool } from './constructs/staff-user-pool.js';
import { TrackerTable, type TableAccess } from './constructs/tracker-table.js';

export type TrackerAuth =
  | { kind: 'cognito' }
  | {
      kind: 'oidc';
      issuer: string;
      audience: string[];
      /** @default `${issuer}/.well-known/jwks.json` (check it against the issuer's discovery document) */
      jwksUrl?: string;
      /** The provider's endpoints for the dashboard's sign-in; without them the pages cannot sign anyone in. */
      authorizeUrl?: string;
      tokenUrl?: string;
    };

export interface TrackerStackProps extends StackProps {
  readonly provinceId: string;
  /** The organisations of the province (from its rulebooks): one e-office secret each. */
  readonly organisationIds: readonly string[];
  /** @default { kind: 'cognito' }: a user pool created in this stack */
  readonly auth?: TrackerAuth;
  /** Cognito only: the hosted UI's domain prefix. @default the stack name in lower case */
  readonly cognitoDomainPrefix?: string;
  /** A verified SES identity (address, or an address of a verified domain); none: notifications go to the log only. */
  readonly notifyEmailFrom?: string;
  /** Usually generated from the province's rulebook; none means no schedules and no DLQ. */
  readonly complianceSchedules?: ComplianceScheduleSpec[];
  /**
   * Concurrent executions kept for the API function, which also caps it, so a flood of requests
   * cannot starve the compliance runs or the account's other functions; `'none'` where the
   * account's concurrency quota is too small to reserve any. @default 20
   */
  readonly apiReservedConcurrency?: number | 'none';
  /** Cognito only: an AWS WAF rate-based rule on the sign-in, in requests per address per 5 minutes. @default no WAF */
  readonly wafRateLimit?: number;
  /** Evidence files (issue #22): Object Lock (governance) default retention in days, and GuardDuty malware scanning. @default neither */
  readonly files?: { readonly objectLockDays?: number; readonly malwareScan?: boolean };
}

export const DEFAULT_API_RESERVED_CONCURRENCY = 20;

export const stackNameFor = (provinceId: string): string => `QuyCheTracker-${provinceId}`;

// Each function may send the item actions its code sends, and no more (no Scan; nothing deletes, TTL does).
/** Every use case: pages batch-read documents and meetings' assignments; leave approval checks a balance in a transaction. */
export const API_TABLE_ACCESS: TableAccess = {
  actions: ['GetItem', 'BatchGetItem', 'Query', 'ConditionCheckItem', 'PutItem', 'UpdateItem'],
};
/**
 * Rules, report reminders and the e-office overdue sweep: sparse-index queries, GetItem and the
 * shared repositories' batch reads (no more data than GetItem reaches); findings, notifications,
 * counters and outbox items written with Put/Update, in transactions with their audit events.
 */
export const COMPLIANCE_TABLE_ACCESS: TableAccess = { actions: ['GetItem', 'BatchGetItem', 'Query', 'PutItem', 'UpdateItem'] };
/** The outbox: pending deliveries due (GSI1), each one's document, then its new state (a conditional Put); the organisation as every function reads it (a cold start's BatchGetItem of its version and stored copy). */
export const DISPATCHER_TABLE_ACCESS: TableAccess = { actions: ['GetItem', 'BatchGetItem', 'Query', 'PutItem'], indexes: ['GSI1'] };

/** One province: its table, its API, its compliance runs, its e-office integration, its alarms. */
export class TrackerStack extends Stack {
  readonly table: TrackerTable;
  readonly apiFunction: TrackerFunction;
  readonly complianceFunction: TrackerFunction;
  readonly eofficeDispatcherFunction: TrackerFunction;
  readonly httpApi: TrackerHttpApi;
  readonly alarms: TrackerAlarms;
  readonly eoffice: EofficeIntegration;
  readonly cursorKey: CursorKey;
  readonly staffUserPool?: StaffUserPool;
  readonly complianceSchedules?: ComplianceSchedules;
  readonly files: EvidenceBucket;

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
      ...(props.apiReservedConcurrency === 'none'
        ? {}
        : { reservedConcurrentExecutions: props.apiReservedConcurrency ?? DEFAULT_API_RESERVED_CONCURRENCY }),
    });
    this.apiFunction.bindTable(this.table, API_TABLE_ACCESS);
    this.cursorKey = new CursorKey(this, 'CursorKey', { provinceId, readers: [this.apiFunction] });

    this.complianceFunction = new TrackerFunction(this, 'ComplianceFunction', {
      entry: 'functions/compliance/lambda.ts',
      provinceId,
      serviceName: 'tracker-compliance',
      description: `Quy che tracker scheduled compliance checks (${provinceId})`,
      timeout: Duration.minutes(5),
    });
    this.complianceFunction.bindTable(this.table, COMPLIANCE_TABLE_ACCESS);

    this.eofficeDispatcherFunction = new TrackerFunction(this, 'EofficeDispatcherFunction', {
      entry: 'functions/eoffice/lambda.ts',
      provinceId,
      serviceName: 'tracker-eoffice-dispatcher',
      description: `Quy che tracker e-office callbacks (${provinceId})`,
      // A batch of 25 callbacks per organisation, each given up after 10 s.
      timeout: Duration.minutes(5),
    });
    this.eofficeDispatcherFunction.bindTable(this.table, DISPATCHER_TABLE_ACCESS);

    if (props.notifyEmailFrom !== undefined) {
      allowEmailFrom(this.apiFunction, props.notifyEmailFrom);
      allowEmailFrom(this.complianceFunction, props.notifyEmailFrom);
    }

    let issuer: JwtIssuer;
    const auth = props.auth ?? { kind: 'cognito' };
    if (auth.kind === 'oidc') {
      if (props.wafRateLimit !== undefined) {
        throw new Error("-c wafRateLimit guards the Cognito user pool's sign-in; with -c oidcIssuer the province's provider guards its own sign-in");
      }
      const trimmed = auth.issuer.replace(/\/+$/, '');
      issuer = { issuer: auth.issuer, audience: auth.audience, jwksUrl: auth.jwksUrl ?? `${trimmed}/.well-known/jwks.json` };
      // The pages' sign-in at the province's provider (shared/adapters/hosted-ui.ts); without its endpoints, no sign-in.
      if (auth.authorizeUrl !== undefined && auth.tokenUrl !== undefined) {
        this.apiFunction.addEnvironment('AUTH_AUTHORIZE_URL', auth.authorizeUrl);
        this.apiFunction.addEnvironment('AUTH_TOKEN_URL', auth.tokenUrl);
        this.apiFunction.addEnvironment('AUTH_CLIENT_ID', auth.audience[0]!);
      }
    } else {
      this.staffUserPool = new StaffUserPool(this, 'Staff', {
        provinceId,
        domainPrefix: props.cognitoDomainPrefix ?? defaultCognitoDomainPrefix(this.stackName),
        // The API's URL exists only once deployed; the token resolves to it in the template.
        webBaseUrl: Lazy.string({ produce: () => this.httpApi.api.apiEndpoint }),
      });
      issuer = this.staffUserPool.issuer;
      this.staffUserPool.configureSignIn(this.apiFunction);
      this.staffUserPool.grantAccountAdministration(this.apiFunction);
      if (props.wafRateLimit !== undefined) {
        new SignInFirewall(this, 'SignInFirewall', { provinceId, userPool: this.staffUserPool.userPool, rateLimit: props.wafRateLimit });
      }
    }
    this.httpApi = new TrackerHttpApi(this, 'Http', { provinceId, handler: this.apiFunction, auth: issuer });

    // Evidence files (issue #22): uploads and downloads by presigned URL from the API's own pages.
    this.files = new EvidenceBucket(this, 'Files', {
      provinceId,
      apiOrigin: this.httpApi.api.apiEndpoint,
      ...(props.files?.objectLockDays !== undefined ? { objectLockDays: props.files.objectLockDays } : {}),
      ...(props.files?.malwareScan ? { malwareScan: true } : {}),
    });
    this.files.grantApi(this.apiFunction, props.files?.malwareScan === true);

    this.alarms = new TrackerAlarms(this, 'Alarms', { provinceId });
    this.alarms.watchFunction('Api', this.apiFunction);
    this.alarms.watchFunction('Compliance', this.complianceFunction);
    this.alarms.watchFunction('EofficeDispatcher', this.eofficeDispatcherFunction);
    this.alarms.watchTable(this.table.table);

    this.eoffice = new EofficeIntegration(this, 'Eoffice', {
      provinceId,
      organisationIds: props.organisationIds,
      dispatcher: this.eofficeDispatcherFunction,
      secretReaders: [this.apiFunction],
      alarms: this.alarms,
    });

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
    new CfnOutput(this, 'FilesBucketName', { value: this.files.bucketName });
    new CfnOutput(this, 'AlarmTopicArn', { value: this.alarms.topic.topicArn });
    new CfnOutput(this, 'EofficeFailedDeliveriesQueueUrl', { value: this.eoffice.failedDeliveries.queueUrl });
    if (this.staffUserPool) {
      new CfnOutput(this, 'UserPoolId', { value: this.staffUserPool.userPool.userPoolId });
      new CfnOutput(this, 'UserPoolClientId', { value: this.staffUserPool.client.userPoolClientId });
      new CfnOutput(this, 'HostedUiUrl', { value: this.staffUserPool.hostedUiUrl });
    }
  }
}
