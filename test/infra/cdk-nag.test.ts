import { Stack, Validations, type App } from 'aws-cdk-lib';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import { AwsSolutionsChecks } from 'cdk-nag';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildTrackerApp } from '../../infra/tracker-app.js';
import type { TrackerStack } from '../../infra/tracker-stack.js';
import { appWithCdkJsonContext } from './support.js';

// cdk-nag 3 is a policy-validation plugin: findings are no longer Annotations (Annotations.findError
// would always be empty), so the checks are run directly and through app.synth(), which is what
// `cdk synth` does.
const unacknowledgedErrors = (app: App) =>
  new AwsSolutionsChecks()
    .validateScope(app)
    .violations.filter((v) => v.severity === 'error')
    .map((v) => `${v.ruleName}: ${v.violatingResources.map((r) => r.constructPath).join(', ')}`);

const acknowledgements = (app: App) =>
  app.node.findAll().flatMap((construct) =>
    construct.node.metadata
      .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((entry) =>
        Object.entries(entry.data as Record<string, string>).map(([id, reason]) => ({
          path: construct.node.path,
          id: id.replace(/^annotation::/i, ''),
          reason,
        })),
      ),
  );

const F2 = { name: 'f2-payroll', rule: 'F2', cron: 'cron(5 0 15 * ? *)' };
// The default province is synthesized exactly as `cdk synth` does, bundling included; the
// variants only change resources, so they skip esbuild.
const variants: Record<string, () => App> = {
  'default province (Cognito, no schedules)': () => {
    const app = appWithCdkJsonContext();
    buildTrackerApp(app);
    return app;
  },
  'with compliance schedules, two organisations and e-mail': () => {
    const app = appWithCdkJsonContext({ province: 'ha-giang', notifyEmailFrom: 'thongbao@stttt.hagiang.gov.vn' }, { bundle: false });
    buildTrackerApp(
      app,
      () => [F2, { name: 'annual-review', rule: 'ANNUAL', cron: 'cron(0 8 5 1 ? *)' }],
      () => ['so-tttt-ha-giang', 'so-noi-vu-ha-giang'],
    );
    return app;
  },
  'with an external OIDC issuer and its sign-in endpoints': () => {
    const app = appWithCdkJsonContext(
      {
        province: 'dien-bien',
        oidcIssuer: 'https://sso.example.gov.vn/realms/staff',
        oidcAudience: 'quy-che-tracker',
        oidcAuthorizeUrl: 'https://sso.example.gov.vn/realms/staff/protocol/openid-connect/auth',
        oidcTokenUrl: 'https://sso.example.gov.vn/realms/staff/protocol/openid-connect/token',
      },
      { bundle: false },
    );
    buildTrackerApp(app, () => [], () => ['so-tttt-dien-bien']);
    return app;
  },
  'with evidence files under Object Lock and GuardDuty malware scanning': () => {
    const app = appWithCdkJsonContext({ province: 'lai-chau', filesObjectLockDays: '3650', filesMalwareScan: 'true' }, { bundle: false });
    buildTrackerApp(app, () => [], () => ['so-tttt-lai-chau']);
    return app;
  },
};

// Every acknowledged public route, by its construct id: the pages and sign-out authenticate with a session cookie, the feeds with a feed token.
const PUBLIC_ROUTES = [
  'GET--docs',
  'GET--v1--openapi.json',
  'POST--v1--integrations--{proxy+}',
  'GET--',
  'GET--dashboard',
  'GET--dashboard--{proxy+}',
  'GET--meetings',
  'GET--meetings--{proxy+}',
  'GET--calendar',
  'GET--calendar--{proxy+}',
  'GET--my-work',
  'GET--my-work--{proxy+}',
  'GET--assignments',
  'GET--assignments--{proxy+}',
  'GET--decisions',
  'GET--decisions--{proxy+}',
  'GET--reports',
  'GET--reports--{proxy+}',
  'GET--leave',
  'GET--leave--{proxy+}',
  'GET--findings',
  'GET--findings--{proxy+}',
  'GET--finance',
  'GET--finance--{proxy+}',
  'GET--evaluations',
  'GET--evaluations--{proxy+}',
  'POST--evaluations',
  'POST--evaluations--{proxy+}',
  'POST--my-work',
  'POST--my-work--{proxy+}',
  'POST--assignments',
  'POST--assignments--{proxy+}',
  'POST--decisions',
  'POST--decisions--{proxy+}',
  'POST--reports',
  'POST--reports--{proxy+}',
  'POST--leave',
  'POST--leave--{proxy+}',
  'POST--findings',
  'POST--findings--{proxy+}',
  'POST--finance',
  'POST--finance--{proxy+}',
  'POST--meetings',
  'POST--meetings--{proxy+}',
  'GET--outgoing',
  'GET--outgoing--{proxy+}',
  'POST--outgoing',
  'POST--outgoing--{proxy+}',
  'GET--board-matters',
  'GET--board-matters--{proxy+}',
  'POST--board-matters',
  'POST--board-matters--{proxy+}',
  'GET--files',
  'GET--files--{proxy+}',
  'POST--files',
  'POST--files--{proxy+}',
  'GET--assets--{proxy+}',
  'GET--auth--{proxy+}',
  'POST--auth--sign-out',
  'GET--v1--calendar--feeds--{proxy+}',
];

describe.each(Object.entries(variants))('AwsSolutions checks, %s', (_name, build) => {
  let app: App;
  // The default province bundles every function with esbuild: tens of seconds on a loaded machine.
  beforeAll(() => {
    app = build();
  }, 180_000);

  it('leave no unacknowledged error', () => {
    expect(unacknowledgedErrors(app)).toEqual([]);
  });

  it('let the app synthesize with the checks registered, as `cdk synth` runs them', () => {
    expect(() => app.synth()).not.toThrow();
  });

  it('acknowledge only reviewed rules, each with a real reason', () => {
    const acks = acknowledgements(app);
    expect(acks.length).toBeGreaterThan(0);
    for (const ack of acks) {
      // The evidence files' policies (per-file keys under two prefixes; GuardDuty's documented role) and their access-log bucket.
      if (/\/Files\/(ApiAccess|MalwareScanAccess|AccessLogs)\//.test(`${ack.path}/`)) {
        expect(ack.id, ack.path).toMatch(/^AwsSolutions-(S1|IAM5\[Resource::arn:<AWS::Partition>:(s3:::quy-che-files-[a-z-]+-<AWS::AccountId>-<AWS::Region>\/(pending|files)?\/?\*|events:<AWS::Region>:<AWS::AccountId>:rule\/DO-NOT-DELETE-AmazonGuardDutyMalwareProtectionS3\*)\])$/);
        continue;
      }
      expect(ack.id, ack.path).toMatch(
        /^AwsSolutions-(L1|APIG4|SQS3|SMG4|IAM5\[Resource::<(ComplianceFunction|EofficeDispatcherFunction)[0-9A-F]{8}\.Arn>:\*\])$/,
      );
      expect(ack.reason.length, `${ack.path} ${ack.id}`).toBeGreaterThanOrEqual(60);
      expect(ack.reason.split(/\s+/).length, `${ack.path} ${ack.id}`).toBeGreaterThanOrEqual(10);
      expect(ack.reason, `${ack.path} ${ack.id}`).not.toMatch(/\b(todo|tbd|fixme|n\/a|not needed|not required)\b/i);
    }
    const publicRoutes = acks.filter((ack) => ack.id === 'AwsSolutions-APIG4').map((ack) => ack.path.split('/').at(-1));
    expect(publicRoutes.sort()).toEqual([...PUBLIC_ROUTES].sort());
    // Secret rotation is acknowledged on the e-office secrets, one per organisation, and the cursor key (rotated by hand), and nowhere else.
    const stack = app.node.children.find((c) => c instanceof Stack) as TrackerStack;
    expect(acks.filter((ack) => ack.id === 'AwsSolutions-SMG4').map((ack) => ack.path).sort()).toEqual(
      [...[...stack.eoffice.secrets.values()].map((secret) => secret.node.path), stack.cursorKey.secret.node.path].sort(),
    );
    // The dead-letter queues (compliance runs when scheduled, e-office runs and deliveries), and no other queue.
    const deadLetterQueues = ['Eoffice/FailedDeliveries', 'Eoffice/FailedRuns', ...(stack.complianceSchedules ? ['Compliance/FailedRuns'] : [])];
    expect(acks.filter((ack) => ack.id === 'AwsSolutions-SQS3').map((ack) => ack.path.split('/').slice(1).join('/')).sort()).toEqual(
      deadLetterQueues.sort(),
    );
  });
});

describe('the cdk-nag check itself', () => {
  it('does fail on a non-compliant resource, so an empty result means something', () => {
    const app = appWithCdkJsonContext({}, { bundle: false });
    const stack = new Stack(app, 'NonCompliant');
    new Queue(stack, 'PlainQueue');
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
    expect(unacknowledgedErrors(app)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^AwsSolutions-SQS3: NonCompliant\/PlainQueue/), expect.stringMatching(/^AwsSolutions-SQS4/)]),
    );
    expect(() => app.synth()).toThrow(/AwsSolutions-SQS4/);
  });
});
