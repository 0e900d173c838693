import { Aws, Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import { CfnMalwareProtectionPlan } from 'aws-cdk-lib/aws-guardduty';
import { Effect, Policy, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { BlockPublicAccess, Bucket, BucketEncryption, HttpMethods, ObjectLockRetention, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import type { TrackerFunction } from './node-function.js';

export interface EvidenceBucketProps {
  readonly provinceId: string;
  /** The API's own origin (its endpoint): the only origin whose pages may PUT and GET by presigned URL. */
  readonly apiOrigin: string;
  /** Object Lock in governance mode with this default retention, in days; none when absent. Only at bucket creation. */
  readonly objectLockDays?: number;
  /** GuardDuty Malware Protection for S3: each new object scanned and tagged; the API serves only clean ones. */
  readonly malwareScan?: boolean;
}

/** Pending uploads (pending/) are deleted after this many days, with their old versions. */
export const PENDING_UPLOAD_DAYS = 1;

/**
 * Evidence files (issue #22): one bucket per province stack. Private, KMS-encrypted, TLS only,
 * versioned, with access logs; pending uploads expire; nothing in the app deletes. Its name is
 * built from the province, account and region rather than referenced, so the API function can
 * name it while the bucket's CORS names the API's endpoint without a dependency cycle.
 */
export class EvidenceBucket extends Construct {
  readonly bucket: Bucket;
  readonly key: Key;
  readonly logs: Bucket;
  readonly bucketName: string;
  readonly malwareProtection?: CfnMalwareProtectionPlan;
  private readonly provinceId: string;

  constructor(scope: Construct, id: string, props: EvidenceBucketProps) {
    super(scope, id);
    this.provinceId = props.provinceId;
    this.bucketName = `quy-che-files-${props.provinceId}-${Aws.ACCOUNT_ID}-${Aws.REGION}`;
    this.key = new Key(this, 'Key', {
      description: `Quy che tracker evidence files (${props.provinceId})`,
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // Server access logs can only be written with S3-managed keys.
    this.logs = new Bucket(this, 'AccessLogs', {
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_PREFERRED,
      versioned: true,
      removalPolicy: RemovalPolicy.RETAIN,
      lifecycleRules: [{ id: 'expire-old-logs', expiration: Duration.days(400), noncurrentVersionExpiration: Duration.days(30) }],
    });
    Validations.of(this.logs).acknowledge({
      id: 'AwsSolutions-S1',
      reason: 'This is the access-log bucket of the evidence bucket; logging its own reads into another bucket would only repeat the same records one level down.',
    });
    this.bucket = new Bucket(this, 'Files', {
      bucketName: this.bucketName,
      encryption: BucketEncryption.KMS,
      encryptionKey: this.key,
      bucketKeyEnabled: true,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      versioned: true,
      serverAccessLogsBucket: this.logs,
      serverAccessLogsPrefix: 'files/',
      removalPolicy: RemovalPolicy.RETAIN,
      lifecycleRules: [
        {
          id: 'expire-pending-uploads',
          prefix: 'pending/',
          expiration: Duration.days(PENDING_UPLOAD_DAYS),
          noncurrentVersionExpiration: Duration.days(PENDING_UPLOAD_DAYS),
          abortIncompleteMultipartUploadAfter: Duration.days(PENDING_UPLOAD_DAYS),
        },
      ],
      cors: [
        {
          allowedOrigins: [props.apiOrigin],
          allowedMethods: [HttpMethods.PUT, HttpMethods.GET],
          allowedHeaders: ['content-type', 'content-disposition', 'x-amz-checksum-sha256'],
          exposedHeaders: ['ETag'],
          maxAge: 600,
        },
      ],
      ...(props.objectLockDays !== undefined
        ? { objectLockEnabled: true, objectLockDefaultRetention: ObjectLockRetention.governance(Duration.days(props.objectLockDays)) }
        : {}),
    });
    if (props.malwareScan) this.malwareProtection = this.protect(props.provinceId);
  }

  /** cdk-nag's id of a wildcard resource under this bucket, as its finding names it. */
  private wildcardFinding(path: string): string {
    return `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::quy-che-files-${this.provinceId}-<AWS::AccountId>-<AWS::Region>/${path}]`;
  }

  /** The API may sign uploads to pending/, read both prefixes, copy into files/ and read scan tags: never delete. */
  grantApi(fn: TrackerFunction, malwareScan: boolean): void {
    const arn = `arn:${Aws.PARTITION}:s3:::${this.bucketName}`;
    fn.addEnvironment('FILES_BUCKET', this.bucketName);
    // The pages' uploads PUT to this endpoint: the API's Content-Security-Policy names it (connect-src).
    fn.addEnvironment('FILES_UPLOAD_ORIGIN', `https://${this.bucketName}.s3.${Aws.REGION}.${Aws.URL_SUFFIX}`);
    if (malwareScan) fn.addEnvironment('FILES_MALWARE_SCAN', '1');
    // A separate policy: the function does not wait for it, so the bucket (whose CORS names the API) forms no cycle.
    const policy = new Policy(this, 'ApiAccess', {
      roles: [fn.role!],
      statements: [
        new PolicyStatement({ actions: ['s3:PutObject', 's3:GetObject'], resources: [`${arn}/pending/*`, `${arn}/files/*`] }),
        ...(malwareScan ? [new PolicyStatement({ actions: ['s3:GetObjectTagging'], resources: [`${arn}/files/*`] })] : []),
        new PolicyStatement({ actions: ['kms:GenerateDataKey', 'kms:Decrypt'], resources: [this.key.keyArn] }),
      ],
    });
    for (const prefix of ['pending/*', 'files/*']) {
      Validations.of(policy).acknowledge({
        id: this.wildcardFinding(prefix),
        reason: 'Each file has its own key under pending/ or files/ (a ULID per upload), so the API is granted those two prefixes; it has no delete, no listing and no other prefix.',
      });
    }
  }

  private protect(provinceId: string): CfnMalwareProtectionPlan {
    const arn = `arn:${Aws.PARTITION}:s3:::${this.bucketName}`;
    const role = new Role(this, 'MalwareScanRole', {
      assumedBy: new ServicePrincipal('malware-protection-plan.guardduty.amazonaws.com'),
      description: `GuardDuty Malware Protection for S3 on the evidence files (${provinceId})`,
    });
    const policy = new Policy(this, 'MalwareScanAccess', {
      roles: [role],
      statements: [
        new PolicyStatement({
          actions: ['events:PutRule', 'events:DeleteRule', 'events:PutTargets', 'events:RemoveTargets', 'events:DescribeRule', 'events:ListTargetsByRule'],
          resources: [`arn:${Aws.PARTITION}:events:${Aws.REGION}:${Aws.ACCOUNT_ID}:rule/DO-NOT-DELETE-AmazonGuardDutyMalwareProtectionS3*`],
          conditions: { StringLike: { 'events:ManagedBy': 'malware-protection-plan.guardduty.amazonaws.com' } },
        }),
        new PolicyStatement({ actions: ['s3:PutBucketNotification', 's3:GetBucketNotification', 's3:ListBucket'], resources: [arn] }),
        new PolicyStatement({
          actions: ['s3:GetObject', 's3:GetObjectVersion', 's3:GetObjectTagging', 's3:GetObjectVersionTagging', 's3:PutObjectTagging', 's3:PutObjectVersionTagging'],
          resources: [`${arn}/*`],
        }),
        new PolicyStatement({ actions: ['s3:PutObject'], resources: [`${arn}/malware-protection-resource-validation-object`] }),
        new PolicyStatement({
          effect: Effect.ALLOW,
          actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
          resources: [this.key.keyArn],
          conditions: { StringLike: { 'kms:ViaService': `s3.${Aws.REGION}.amazonaws.com` } },
        }),
      ],
    });
    for (const id of [
      this.wildcardFinding('*'),
      'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:events:<AWS::Region>:<AWS::AccountId>:rule/DO-NOT-DELETE-AmazonGuardDutyMalwareProtectionS3*]',
    ]) {
      Validations.of(policy).acknowledge({
        id,
        reason: 'GuardDuty Malware Protection for S3 must read and tag every object of the evidence bucket and manage its own EventBridge rules, named by AWS with a prefix; this is the policy AWS documents for the plan role.',
      });
    }
    const plan = new CfnMalwareProtectionPlan(this, 'MalwareProtection', {
      role: role.roleArn,
      protectedResource: { s3Bucket: { bucketName: this.bucketName } },
      actions: { tagging: { status: 'ENABLED' } },
    });
    plan.node.addDependency(this.bucket, policy);
    return plan;
  }
}
