import { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildTrackerApp, complianceSchedulesForProvince } from '../../infra/tracker-app.js';
import type { TrackerStack } from '../../infra/tracker-stack.js';
import { complianceRules } from '../../shared/services/compliance/registry.js';
import { complianceSchedules } from '../../shared/services/compliance/schedules.js';
import { sonLa } from '../support/people.js';
import { appWithCdkJsonContext, getAtt, onlyResource, resourcesOfType } from './support.js';

// The province's stack as `cdk synth` builds it (infra/app.ts wires the same function), without bundling.
let stack: TrackerStack;
let template: Template;
beforeAll(() => {
  const app = appWithCdkJsonContext({}, { bundle: false });
  stack = buildTrackerApp(app, complianceSchedulesForProvince);
  template = Template.fromStack(stack);
});

const EXPECTED = [
  ['f1-check', 'F1', 'cron(5 0 1 * ? *)'],
  ['f2-check', 'F2', 'cron(5 0 15 * ? *)'],
  ['f2-reminder', 'F2', 'cron(0 8 * * ? *)'],
  ['f3-daily', 'F3', 'cron(5 0 * * ? *)'],
  ['f5-check', 'F5', 'cron(5 0 1 * ? *)'],
  ['a6-daily', 'A6', 'cron(5 0 * * ? *)'],
];

describe('the compliance schedules of the Sơn La stack', () => {
  it('are one EventBridge Scheduler schedule per rule schedule, with the expected cron, in Asia/Ho_Chi_Minh', () => {
    const schedules = resourcesOfType(template, 'AWS::Scheduler::Schedule').map(([, s]) => s.Properties);
    expect(schedules).toHaveLength(complianceSchedules(sonLa).length);
    expect(
      schedules
        .map((s) => [s.Name, JSON.parse(s.Target.Input).rule, s.ScheduleExpression])
        .sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
    ).toEqual([...EXPECTED].sort((a, b) => a[0]!.localeCompare(b[0]!)));
    for (const s of schedules) expect(s.ScheduleExpressionTimezone).toBe('Asia/Ho_Chi_Minh');
  });

  it('every rule of the registry is scheduled', () => {
    const scheduled = new Set(resourcesOfType(template, 'AWS::Scheduler::Schedule').map(([, s]) => JSON.parse(s.Properties.Target.Input).rule));
    expect([...scheduled].sort()).toEqual(complianceRules.map((r) => r.id).sort());
  });

  it('target the compliance function with {rule}, a bounded retry policy and the dead-letter queue', () => {
    const fnId = stack.getLogicalId(stack.complianceFunction.fn.node.defaultChild as never);
    const [queueId] = onlyResource(template, 'AWS::SQS::Queue');
    for (const [, s] of resourcesOfType(template, 'AWS::Scheduler::Schedule')) {
      expect(s.Properties.Target.Arn).toEqual(getAtt(fnId));
      expect(Object.keys(JSON.parse(s.Properties.Target.Input))).toEqual(['rule']);
      expect(s.Properties.Target.DeadLetterConfig).toEqual({ Arn: getAtt(queueId) });
      expect(s.Properties.Target.RetryPolicy.MaximumRetryAttempts).toBeGreaterThan(0);
      expect(s.Properties.Target.RetryPolicy.MaximumRetryAttempts).toBeLessThanOrEqual(10);
    }
    template.hasResourceProperties('AWS::CloudWatch::Alarm', { Namespace: 'AWS/SQS', MetricName: 'ApproximateNumberOfMessagesVisible' });
  });

  it('an unknown province fails synth', () => {
    expect(() => complianceSchedulesForProvince('khong-co')).toThrow(/No rulebook for province khong-co/);
  });
});
