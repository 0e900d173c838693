import type { CfnElement } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { buildTrackerApp } from '../../infra/tracker-app.js';
import { appWithCdkJsonContext } from './support.js';

const template = (context: Record<string, string> = {}) => {
  const app = appWithCdkJsonContext({ province: 'son-la', ...context }, { bundle: false });
  const stack = buildTrackerApp(app, () => [], () => ['so-tttt-son-la']);
  return { template: Template.fromStack(stack), stack };
};

describe('the evidence files bucket (issue #22)', () => {
  const { template: t, stack } = template();
  const files = () => Object.values(t.findResources('AWS::S3::Bucket', { Properties: { BucketName: Match.anyValue() } }))[0]!.Properties;

  it('is private, KMS-encrypted, versioned, logged, with pending uploads expiring after a day', () => {
    const p = files();
    expect(p.BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault.SSEAlgorithm).toBe('aws:kms');
    expect(p.VersioningConfiguration).toEqual({ Status: 'Enabled' });
    expect(p.PublicAccessBlockConfiguration).toEqual({ BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true });
    expect(p.LoggingConfiguration.DestinationBucketName).toBeDefined();
    expect(p.LifecycleConfiguration.Rules).toEqual([
      expect.objectContaining({ Prefix: 'pending/', ExpirationInDays: 1, NoncurrentVersionExpiration: { NoncurrentDays: 1 }, Status: 'Enabled' }),
    ]);
    expect(p.ObjectLockEnabled).toBeUndefined();
  });

  it('allows CORS from the API’s own origin only, for PUT and GET', () => {
    const rules = files().CorsConfiguration.CorsRules;
    expect(rules).toHaveLength(1);
    expect(rules[0].AllowedMethods.sort()).toEqual(['GET', 'PUT']);
    const api = stack.getLogicalId(stack.httpApi.api.node.defaultChild as CfnElement);
    expect(rules[0].AllowedOrigins).toEqual([{ 'Fn::GetAtt': [api, 'ApiEndpoint'] }]);
  });

  it('refuses any request without TLS', () => {
    t.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Action: 's3:*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]),
      },
    });
  });

  it('lets the API sign uploads, read and copy files, never delete; and names the bucket in its environment', () => {
    const policies = Object.entries(t.findResources('AWS::IAM::Policy')).filter(([id]) => id.startsWith('FilesApiAccess'));
    expect(policies).toHaveLength(1);
    const actions = JSON.stringify(policies[0]![1].Properties.PolicyDocument.Statement.map((s: { Action: unknown }) => s.Action));
    expect(actions).not.toMatch(/Delete/);
    expect(actions).toContain('s3:PutObject');
    t.hasResourceProperties('AWS::Lambda::Function', { Environment: { Variables: Match.objectLike({ FILES_BUCKET: Match.anyValue(), FILES_UPLOAD_ORIGIN: Match.anyValue() }) } });
    expect(Object.keys(t.findResources('AWS::GuardDuty::MalwareProtectionPlan'))).toHaveLength(0);
  });

  it('with -c filesObjectLockDays and -c filesMalwareScan: Object Lock in governance mode and a GuardDuty plan that tags objects', () => {
    const { template: flagged } = template({ filesObjectLockDays: '3650', filesMalwareScan: 'true' });
    flagged.hasResourceProperties('AWS::S3::Bucket', {
      ObjectLockEnabled: true,
      ObjectLockConfiguration: { ObjectLockEnabled: 'Enabled', Rule: { DefaultRetention: { Mode: 'GOVERNANCE', Days: 3650 } } },
    });
    flagged.hasResourceProperties('AWS::GuardDuty::MalwareProtectionPlan', { Actions: { Tagging: { Status: 'ENABLED' } } });
    flagged.hasResourceProperties('AWS::Lambda::Function', { Environment: { Variables: Match.objectLike({ FILES_MALWARE_SCAN: '1' }) } });
  });

  it('refuses a bad flag at synth', () => {
    expect(() => template({ filesObjectLockDays: 'ten' })).toThrow(/filesObjectLockDays/);
    expect(() => template({ filesMalwareScan: 'yes' })).toThrow(/filesMalwareScan/);
  });
});
