import { Duration, TimeZone } from 'aws-cdk-lib';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import { Schedule, ScheduleExpression, ScheduleGroup, ScheduleTargetInput } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { TrackerAlarms } from './alarms.js';
import { deadLetterQueue } from './dead-letter-queue.js';
import type { TrackerFunction } from './node-function.js';
import { schedulerInvokerRole } from './scheduler-invoker-role.js';

/** One run of one compliance rule, in the department's local time. */
export interface ComplianceScheduleSpec {
  /** Schedule name, unique in the province: letters, digits, `-`, `_`, `.` (max 64). */
  readonly name: string;
  /** Rule id passed to the compliance function as `{"rule": "<rule>"}`. */
  readonly rule: string;
  /** EventBridge Scheduler cron expression in Asia/Ho_Chi_Minh time, e.g. `cron(5 0 15 * ? *)`. */
  readonly cron: string;
}

export const COMPLIANCE_TIME_ZONE = TimeZone.ASIA_HO_CHI_MINH;

const SCHEDULE_NAME = /^[0-9a-zA-Z\-_.]{1,64}$/;
const CRON = /^cron\(\S+( \S+){5}\)$/;

export function assertValidSchedules(schedules: readonly ComplianceScheduleSpec[]): void {
  const seen = new Set<string>();
  for (const { name, rule, cron } of schedules) {
    if (!SCHEDULE_NAME.test(name)) throw new Error(`Compliance schedule name "${name}" must match ${SCHEDULE_NAME}`);
    if (seen.has(name)) throw new Error(`Compliance schedule name "${name}" is used twice`);
    seen.add(name);
    if (rule.trim() === '') throw new Error(`Compliance schedule "${name}" has no rule`);
    if (!CRON.test(cron)) throw new Error(`Compliance schedule "${name}": "${cron}" is not a six-field cron(...) expression`);
  }
}

export interface ComplianceSchedulesProps {
  readonly provinceId: string;
  readonly target: TrackerFunction;
  readonly schedules: readonly ComplianceScheduleSpec[];
  readonly alarms: TrackerAlarms;
}

/**
 * EventBridge Scheduler schedules that invoke the compliance function with `{"rule": ...}`.
 * Scheduler invokes Lambda asynchronously, so a failed run can end in two places: Scheduler
 * could not deliver (its retry policy, then its DLQ) or the function threw on every attempt
 * (Lambda's async retries, then its on-failure destination). Both go to one queue with one alarm:
 * a compliance check that did not run is never silent.
 */
export class ComplianceSchedules extends Construct {
  readonly deadLetterQueue: Queue;
  readonly group: ScheduleGroup;
  readonly schedules: Schedule[];

  constructor(scope: Construct, id: string, props: ComplianceSchedulesProps) {
    super(scope, id);
    assertValidSchedules(props.schedules);

    this.deadLetterQueue = deadLetterQueue(this, 'FailedRuns', {
      alarms: props.alarms,
      alarmId: 'ComplianceFailedRuns',
      alarmDescription: 'A scheduled compliance check failed after all retries (see the FailedRuns queue)',
      whyNoDeadLetterQueue:
        'This queue is itself the dead-letter queue of the compliance schedules and the on-failure destination of the compliance function; a DLQ behind it would only hide failures from the alarm on this queue.',
    });

    props.target.fn.configureAsyncInvoke({
      retryAttempts: 2,
      maxEventAge: Duration.hours(6),
      onFailure: new SqsDestination(this.deadLetterQueue),
    });

    this.group = new ScheduleGroup(this, 'Group', {
      scheduleGroupName: `quy-che-tracker-${props.provinceId}`,
    });
    const invokerRole = schedulerInvokerRole(this, 'InvokerRole', {
      group: this.group,
      target: props.target,
      description: `EventBridge Scheduler: runs the ${props.provinceId} compliance checks`,
    });

    this.schedules = props.schedules.map(
      (spec) =>
        new Schedule(this, `Schedule-${spec.name}`, {
          scheduleName: spec.name,
          scheduleGroup: this.group,
          description: `Compliance rule ${spec.rule} (${props.provinceId})`,
          schedule: ScheduleExpression.expression(spec.cron, COMPLIANCE_TIME_ZONE),
          target: new LambdaInvoke(props.target.fn, {
            input: ScheduleTargetInput.fromObject({ rule: spec.rule }),
            retryAttempts: 5,
            maxEventAge: Duration.hours(1),
            deadLetterQueue: this.deadLetterQueue,
            role: invokerRole,
          }),
        }),
    );
  }
}
