import { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildTrackerApp, complianceSchedulesForProvince } from '../../infra/tracker-app.js';
import type { TrackerStack } from '../../infra/tracker-stack.js';
import { scheduledChecks } from '../../shared/services/compliance/registry.js';
import { complianceSchedules } from '../../shared/services/compliance/schedules.js';
import { sonLa } from '../support/people.js';
import { appWithCdkJsonContext, getAtt, resourcesOfType } from './support.js';

// The province's stack as `cdk synth` builds it (infra/app.ts wires the same function), without bundling.
let stack: TrackerStack;
let template: Template;
beforeAll(() => {
  const app = appWithCdkJsonContext({}, { bundle: false });
  stack = buildTrackerApp(app, complianceSchedulesForProvince);
  template = Template.fromStack(stack);
});

// The compliance group only: the e-office dispatch has a schedule of its own (tracker-stack.test.ts).
const complianceScheduleResources = () =>
  resourcesOfType(template, 'AWS::Scheduler::Schedule').filter(
    ([, s]) => s.Properties.GroupName === stack.complianceSchedules!.group.scheduleGroupName,
  );

const EXPECTED = [
  ['f1-check', 'F1', 'cron(5 0 1 * ? *)'],
  ['f2-check', 'F2', 'cron(5 0 15 * ? *)'],
  ['f2-reminder', 'F2', 'cron(0 8 * * ? *)'],
  ['f3-daily', 'F3', 'cron(5 0 * * ? *)'],
  ['f5-check', 'F5', 'cron(5 0 1 * ? *)'],
  ['a3-daily', 'A3', 'cron(5 0 * * ? *)'],
  ['a5-check', 'A5', 'cron(0 7 * * ? *)'],
  ['a6-daily', 'A6', 'cron(5 0 * * ? *)'],
  ['c1-daily', 'C1', 'cron(5 0 * * ? *)'],
  ['m1-check', 'M1', 'cron(5 0 ? * MON *)'],
  ['m2-semiannual-review', 'M2', 'cron(5 0 1 8 ? *)'],
  ['m2-annual-review', 'M2', 'cron(5 0 1 2 ? *)'],
  ['m3-daily', 'M3', 'cron(5 17 * * ? *)'],
  ['m4-check', 'M4', 'cron(5 0 1 * ? *)'],
  ['m6-programme', 'M6', 'cron(35 16 * * ? *)'],
  ['m6-minutes', 'M6', 'cron(5 17 * * ? *)'],
  ['p1-check-0005', 'P1', 'cron(5 0 * * ? *)'],
  ['p1-check-1605', 'P1', 'cron(5 16 * * ? *)'],
  ['p1-check-1705', 'P1', 'cron(5 17 * * ? *)'],
  ['r1-check-1605', 'R1', 'cron(5 16 * * ? *)'],
  ['r2-check-1605', 'R2', 'cron(5 16 * * ? *)'],
  ['r2-check-1705', 'R2', 'cron(5 17 * * ? *)'],
  ['r3-check-1005', 'R3', 'cron(5 10 * * ? *)'],
  ['r3-check-1705', 'R3', 'cron(5 17 * * ? *)'],
  ['r4-check-1705', 'R4', 'cron(5 17 * * ? *)'],
  ['r6-check-1705', 'R6', 'cron(5 17 * * ? *)'],
  ['r5-check-1705', 'R5', 'cron(5 17 * * ? *)'],
  ['p2-check-1705', 'P2', 'cron(5 17 * * ? *)'],
  ['p3-check-1005', 'P3', 'cron(5 10 * * ? *)'],
  ['p3-check-1705', 'P3', 'cron(5 17 * * ? *)'],
  ['f4-check-1705', 'F4', 'cron(5 17 * * ? *)'],
  ['p4-check-1705', 'P4', 'cron(5 17 * * ? *)'],
  ['d1-daily', 'D1', 'cron(5 9 * * ? *)'],
  ['cal-yearly', 'CAL', 'cron(5 0 1 12 ? *)'],
  ['cal-daily', 'CAL', 'cron(5 0 * * ? *)'],
  ['d5-daily', 'D5', 'cron(15 0 * * ? *)'],
  ['e2-check-1705', 'E2', 'cron(5 17 * * ? *)'],
  ['e3-check-1705', 'E3', 'cron(5 17 * * ? *)'],
  ['e4-check-1705', 'E4', 'cron(5 17 * * ? *)'],
  ['e5-check-1705', 'E5', 'cron(5 17 * * ? *)'],
  ['e6-check-1705', 'E6', 'cron(5 17 * * ? *)'],
  ['report-reminders-daily', 'REPORT-REMINDERS', 'cron(30 7 * * ? *)'],
  ['eoffice-overdue-daily', 'EOFFICE-OVERDUE', 'cron(10 0 * * ? *)'],
];

describe('the compliance schedules of the Sơn La stack', () => {
  it('are one EventBridge Scheduler schedule per rule schedule, with the expected cron, in Asia/Ho_Chi_Minh', () => {
    const schedules = complianceScheduleResources().map(([, s]) => s.Properties);
    expect(schedules).toHaveLength(complianceSchedules(sonLa).length);
    expect(
      schedules
        .map((s) => [s.Name, JSON.parse(s.Target.Input).rule, s.ScheduleExpression])
        .sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
    ).toEqual([...EXPECTED].sort((a, b) => a[0]!.localeCompare(b[0]!)));
    for (const s of schedules) expect(s.ScheduleExpressionTimezone).toBe('Asia/Ho_Chi_Minh');
  });

  it('every rule and job of the registry is scheduled', () => {
    const scheduled = new Set(complianceScheduleResources().map(([, s]) => JSON.parse(s.Properties.Target.Input).rule));
    expect([...scheduled].sort()).toEqual(scheduledChecks.map((r) => r.id).sort());
  });

  it('target the compliance function with {rule}, a bounded retry policy and the dead-letter queue', () => {
    const fnId = stack.getLogicalId(stack.complianceFunction.fn.node.defaultChild as never);
    const queueId = stack.getLogicalId(stack.complianceSchedules!.deadLetterQueue.node.defaultChild as never);
    for (const [, s] of complianceScheduleResources()) {
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
