import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import { Schedule, ScheduleExpression, ScheduleGroup, ScheduleTargetInput } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import { Secret, type CfnSecret } from 'aws-cdk-lib/aws-secretsmanager';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { TrackerAlarms } from './alarms.js';
import { deadLetterQueue } from './dead-letter-queue.js';
import type { TrackerFunction } from './node-function.js';
import { schedulerInvokerRole } from './scheduler-invoker-role.js';

/** The Secrets Manager name of an organisation's e-office settings; the functions get it with `{orgId}` left in. */
export const EOFFICE_SECRET_ID = 'quy-che-tracker/eoffice/{orgId}';
export const eofficeSecretName = (orgId: string): string => EOFFICE_SECRET_ID.replace('{orgId}', orgId);

const ORG_ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;

export interface EofficeIntegrationProps {
  readonly provinceId: string;
  /** The organisations of the province (from its rulebooks): one secret each. */
  readonly organisationIds: readonly string[];
  /** Sends the outbox: functions/eoffice/lambda.ts. */
  readonly dispatcher: TrackerFunction;
  /** Verify signed calls with the secrets (the API function); the dispatcher reads them too. */
  readonly secretReaders: readonly TrackerFunction[];
  readonly alarms: TrackerAlarms;
}

/**
 * The e-office integration (issue #7): one secret per organisation, the dispatcher run every
 * minute, and two queues that each raise an alarm: deliveries that failed every attempt
 * (`FailedDeliveries`, sent by the dispatcher) and dispatcher runs that did not happen
 * (`FailedRuns`: Scheduler could not invoke, or the function threw).
 */
export class EofficeIntegration extends Construct {
  readonly secrets: ReadonlyMap<string, Secret>;
  readonly failedDeliveries: Queue;
  readonly failedRuns: Queue;
  readonly group: ScheduleGroup;
  readonly schedule: Schedule;

  constructor(scope: Construct, id: string, props: EofficeIntegrationProps) {
    super(scope, id);
    if (props.organisationIds.length === 0) throw new Error(`Province ${props.provinceId} has no organisation`);
    const badIds = props.organisationIds.filter((orgId) => !ORG_ID.test(orgId));
    if (badIds.length > 0) throw new Error(`Organisation ids cannot name a secret: ${badIds.join(', ')}`);

    const secrets = new Map<string, Secret>();
    for (const orgId of new Set(props.organisationIds)) {
      const secret = new Secret(this, `Secret-${orgId}`, {
        secretName: eofficeSecretName(orgId),
        description: `E-office webhook secret and callback URL of ${orgId}: {"current": "whsec_...", "previous"?: "whsec_...", "callbackUrl": "https://..."}`,
      });
      // The vendor holds the same secret: deleting the stack must not lose it (like the table, it is retained).
      secret.applyRemovalPolicy(RemovalPolicy.RETAIN);
      // Created empty: until an administrator puts a value, the functions find no value and the integration answers as not configured.
      (secret.node.defaultChild as CfnSecret).addPropertyDeletionOverride('GenerateSecretString');
      Validations.of(secret).acknowledge({
        id: 'AwsSolutions-SMG4',
        reason:
          'The webhook secret is shared with the e-office vendor, so it cannot rotate unattended: an administrator rotates it by hand with "current" and "previous" (both accepted during the switch), as the README describes.',
      });
      secrets.set(orgId, secret);
    }
    this.secrets = secrets;
    const secretArns = [...secrets.values()].map((s) => s.secretArn);
    for (const reader of new Set([...props.secretReaders, props.dispatcher])) {
      reader.allow(['secretsmanager:GetSecretValue'], secretArns);
      reader.addEnvironment('EOFFICE_SECRET_ID', EOFFICE_SECRET_ID);
    }

    this.failedDeliveries = deadLetterQueue(this, 'FailedDeliveries', {
      alarms: props.alarms,
      alarmId: 'EofficeFailedDeliveries',
      alarmDescription:
        'An e-office callback failed every attempt (see GET /v1/admin/eoffice/deliveries?state=failed and the FailedDeliveries queue)',
      whyNoDeadLetterQueue:
        'This queue is itself the dead-letter queue of e-office callbacks that failed every attempt; the deliveries stay in the table for an administrator to retry, and a DLQ behind it would only hide them from the alarm.',
    });
    props.dispatcher.allow(['sqs:SendMessage'], [this.failedDeliveries.queueArn]);
    props.dispatcher.addEnvironment('EOFFICE_DLQ_URL', this.failedDeliveries.queueUrl);

    this.failedRuns = deadLetterQueue(this, 'FailedRuns', {
      alarms: props.alarms,
      alarmId: 'EofficeDispatcherFailedRuns',
      alarmDescription: 'A run of the e-office dispatcher failed after its retries (see the e-office FailedRuns queue)',
      whyNoDeadLetterQueue:
        'This queue is itself the dead-letter queue of the dispatcher schedule and the on-failure destination of the dispatcher function; a DLQ behind it would only hide failures from the alarm on this queue.',
    });
    // No async retries: the next minute's run is the retry, and each run sends only what is due.
    props.dispatcher.fn.configureAsyncInvoke({
      retryAttempts: 0,
      maxEventAge: Duration.minutes(2),
      onFailure: new SqsDestination(this.failedRuns),
    });

    this.group = new ScheduleGroup(this, 'Group', { scheduleGroupName: `quy-che-tracker-${props.provinceId}-eoffice` });
    this.schedule = new Schedule(this, 'Dispatch', {
      scheduleName: 'eoffice-dispatch',
      scheduleGroup: this.group,
      description: `Sends the e-office outbox (${props.provinceId})`,
      schedule: ScheduleExpression.rate(Duration.minutes(1)),
      target: new LambdaInvoke(props.dispatcher.fn, {
        input: ScheduleTargetInput.fromObject({}),
        retryAttempts: 2,
        maxEventAge: Duration.minutes(2),
        deadLetterQueue: this.failedRuns,
        role: schedulerInvokerRole(this, 'InvokerRole', {
          group: this.group,
          target: props.dispatcher,
          description: `EventBridge Scheduler: runs the ${props.provinceId} e-office dispatcher`,
        }),
      }),
    });
  }
}
