import { Duration } from 'aws-cdk-lib';
import {
  Alarm,
  ComparisonOperator,
  TreatMissingData,
  type IMetric,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { Operation, type Table } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import type { TrackerFunction } from './node-function.js';

const FIVE_MINUTES = Duration.minutes(5);

// The operations the store uses; DynamoDB reports throttles and system errors per operation.
const TABLE_OPERATIONS = [
  Operation.GET_ITEM,
  Operation.BATCH_GET_ITEM,
  Operation.QUERY,
  Operation.PUT_ITEM,
  Operation.UPDATE_ITEM,
  Operation.DELETE_ITEM,
  Operation.BATCH_WRITE_ITEM,
  Operation.TRANSACT_WRITE_ITEMS,
  Operation.TRANSACT_GET_ITEMS,
];

/**
 * One encrypted SNS topic for every operational alarm of the province's stack. Subscribe the
 * on-call address to `topic` (e.g. an email subscription) after deployment.
 */
export class TrackerAlarms extends Construct {
  readonly topic: Topic;
  readonly key: Key;

  constructor(scope: Construct, id: string, props: { provinceId: string }) {
    super(scope, id);
    this.key = new Key(this, 'TopicKey', {
      description: `Encrypts the quy-che-tracker ${props.provinceId} alarm topic`,
      enableKeyRotation: true,
    });
    // CloudWatch publishes alarms to the encrypted topic, so it must be able to use the key.
    this.key.addToResourcePolicy(
      new PolicyStatement({
        principals: [new ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: ['*'],
      }),
    );
    this.topic = new Topic(this, 'Topic', {
      displayName: `Quy che tracker alarms (${props.provinceId})`,
      masterKey: this.key,
      enforceSSL: true,
    });
  }

  watchFunction(name: string, fn: TrackerFunction): void {
    this.alarm(`${name}Errors`, fn.fn.metricErrors({ period: FIVE_MINUTES, statistic: 'Sum' }), `${name} function errors`);
    this.alarm(`${name}Throttles`, fn.fn.metricThrottles({ period: FIVE_MINUTES, statistic: 'Sum' }), `${name} function throttles`);
  }

  watchTable(table: Table): void {
    this.alarm(
      'TableThrottledRequests',
      table.metricThrottledRequestsForOperations({ operations: TABLE_OPERATIONS, period: FIVE_MINUTES }),
      'DynamoDB throttled requests',
    );
    this.alarm(
      'TableSystemErrors',
      table.metricSystemErrorsForOperations({ operations: TABLE_OPERATIONS, period: FIVE_MINUTES }),
      'DynamoDB system errors',
    );
  }

  /** An alarm that fires as soon as `metric` reaches 1 in a five-minute period. */
  alarm(id: string, metric: IMetric, description: string): Alarm {
    const alarm = new Alarm(this, id, {
      metric,
      alarmDescription: description,
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    alarm.addAlarmAction(new SnsAction(this.topic));
    return alarm;
  }
}
