import { Stack, Validations } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import type { ScheduleGroup } from 'aws-cdk-lib/aws-scheduler';
import type { Construct } from 'constructs';
import type { TrackerFunction } from './node-function.js';

/**
 * The role EventBridge Scheduler assumes to invoke `target`: only Scheduler, only for schedules
 * of `group` in this account. Our own role (not the one LambdaInvoke would make at stack level)
 * so its one cdk-nag finding is acknowledged here, next to its reason.
 */
export function schedulerInvokerRole(
  scope: Construct,
  id: string,
  props: { group: ScheduleGroup; target: TrackerFunction; description: string },
): Role {
  const stack = Stack.of(scope);
  const role = new Role(scope, id, {
    description: props.description,
    assumedBy: new ServicePrincipal('scheduler.amazonaws.com', {
      conditions: {
        StringEquals: { 'aws:SourceAccount': stack.account, 'aws:SourceArn': props.group.scheduleGroupArn },
      },
    }),
  });
  const functionLogicalId = stack.getLogicalId(props.target.fn.node.defaultChild as CfnFunction);
  Validations.of(role).acknowledge({
    id: `AwsSolutions-IAM5[Resource::<${functionLogicalId}.Arn>:*]`,
    reason:
      'lambda:InvokeFunction on "<function ARN>:*" only adds the versions and aliases of the one scheduled function; aws-scheduler-targets LambdaInvoke always grants both forms, and no other function is reachable.',
  });
  return role;
}
