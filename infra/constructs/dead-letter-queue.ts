import { Duration, Validations } from 'aws-cdk-lib';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import type { TrackerAlarms } from './alarms.js';

export interface DeadLetterQueueProps {
  readonly alarms: TrackerAlarms;
  /** Id of the alarm in the alarms construct, e.g. `ComplianceFailedRuns`. */
  readonly alarmId: string;
  readonly alarmDescription: string;
  /** Why this queue has no dead-letter queue of its own (the SQS3 acknowledgement). */
  readonly whyNoDeadLetterQueue: string;
}

/**
 * A queue where failures end: encrypted, TLS only, kept 14 days (the SQS maximum), with an
 * alarm as soon as one message is visible, so a failure that ends here is never silent.
 */
export function deadLetterQueue(scope: Construct, id: string, props: DeadLetterQueueProps): Queue {
  const queue = new Queue(scope, id, {
    encryption: QueueEncryption.SQS_MANAGED,
    enforceSSL: true,
    retentionPeriod: Duration.days(14),
  });
  Validations.of(queue).acknowledge({ id: 'AwsSolutions-SQS3', reason: props.whyNoDeadLetterQueue });
  props.alarms.alarm(
    props.alarmId,
    queue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5), statistic: 'Maximum' }),
    props.alarmDescription,
  );
  return queue;
}
