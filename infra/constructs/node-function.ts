import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { AssetHashType, DockerImage, Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import {
  ApplicationLogLevel,
  Architecture,
  Code,
  Function as LambdaFunction,
  LoggingFormat,
  Runtime,
  SystemLogLevel,
  type CfnFunction,
} from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { LAMBDA_BASE_ENVIRONMENT } from './lambda-bundling.js';
import type { TableAccess, TrackerTable } from './tracker-table.js';

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

/** Env vars that switch the code to local/dev behaviour; a deployed function must never carry them. */
export const FORBIDDEN_DEPLOYED_ENV = ['TRACKER_LOCAL_MODE'] as const;

export interface TrackerFunctionProps {
  /** Entry file, relative to the repository root, e.g. `functions/api/lambda.ts`. */
  readonly entry: string;
  readonly provinceId: string;
  /** Powertools service name, e.g. `tracker-api`. */
  readonly serviceName: string;
  readonly description?: string;
  readonly timeout?: Duration;
  readonly memorySize?: number;
  readonly environment?: Readonly<Record<string, string>>;
  /** Concurrency kept for this function alone, which is also its ceiling. @default none */
  readonly reservedConcurrentExecutions?: number;
}

/**
 * The code asset of `entry`: what `bundleLambda` writes, the function `npm run bench` measures
 * with. Bundled on this machine (CDK's `aws:cdk:bundling-stacks` context can skip it, as for
 * NodejsFunction); hashed by its output, so an unchanged bundle is not uploaded again.
 */
function lambdaCode(entry: string): Code {
  return Code.fromAsset(repoRoot, {
    assetHashType: AssetHashType.OUTPUT,
    bundling: {
      // Never pulled: local bundling always runs, and throws rather than fall back to Docker.
      image: DockerImage.fromRegistry('dummy'),
      // What runs, and (being part of the staging key) what keeps each entry's bundle apart from the others'.
      command: ['node', '--import', 'tsx', 'infra/bundle-lambda.ts', entry],
      local: {
        tryBundle(outputDir) {
          execFileSync(process.execPath, ['--import', 'tsx', 'infra/bundle-lambda.ts', entry, outputDir], { cwd: repoRoot, stdio: ['ignore', 'inherit', 'inherit'] });
          return true;
        },
      },
    },
  });
}

/**
 * A Node.js Lambda with the project's defaults: nodejs22.x on arm64, its code bundled by
 * `bundleLambda` (lambda-bundling.ts: minified ESM split into index.mjs and chunks, with source
 * maps), its own log group (retention set, no custom resource) and a role that can write only to
 * that log group (no AWS managed policy). Table access goes through `bindTable`.
 */
export class TrackerFunction extends Construct {
  readonly fn: LambdaFunction;
  readonly logGroup: LogGroup;
  readonly role: Role;

  constructor(scope: Construct, id: string, props: TrackerFunctionProps) {
    super(scope, id);

    this.logGroup = new LogGroup(this, 'Logs', {
      retention: RetentionDays.ONE_YEAR,
      // Logs are part of the accountability trail: they outlive the stack.
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `${props.serviceName} (${props.provinceId}) execution role`,
    });
    this.logGroup.grantWrite(this.role);

    this.fn = new LambdaFunction(this, 'Function', {
      code: lambdaCode(props.entry),
      handler: 'index.handler',
      description: props.description,
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize ?? 512,
      timeout: props.timeout ?? Duration.seconds(10),
      ...(props.reservedConcurrentExecutions !== undefined ? { reservedConcurrentExecutions: props.reservedConcurrentExecutions } : {}),
      role: this.role,
      logGroup: this.logGroup,
      loggingFormat: LoggingFormat.JSON,
      applicationLogLevelV2: ApplicationLogLevel.INFO,
      systemLogLevelV2: SystemLogLevel.WARN,
      environment: {
        ...LAMBDA_BASE_ENVIRONMENT,
        POWERTOOLS_SERVICE_NAME: props.serviceName,
        PROVINCE_ID: props.provinceId,
        ...props.environment,
      },
    });
    Validations.of(this.fn).acknowledge({
      id: 'AwsSolutions-L1',
      reason:
        'The runtime is pinned to nodejs22.x by DESIGN.md (a supported LTS runtime, the closest to the Node 20 dev and CI machines); moving to a newer runtime is a deliberate change made here, in the one place every function takes its runtime from.',
    });

    this.node.addValidation({ validate: () => this.forbiddenEnvironment() });
  }

  /** Sets TABLE_NAME and grants exactly `access` on the table and its indexes. */
  bindTable(table: TrackerTable, access: TableAccess): void {
    this.fn.addEnvironment('TABLE_NAME', table.tableName);
    table.grant(this.fn, access);
  }

  /** Exactly `actions` on exactly `resources`, in this function's own role. */
  allow(actions: string[], resources: string[], conditions?: Record<string, Record<string, unknown>>): void {
    this.role.addToPrincipalPolicy(new PolicyStatement({ actions, resources, ...(conditions ? { conditions } : {}) }));
  }

  addEnvironment(key: string, value: string): void {
    this.fn.addEnvironment(key, value);
  }

  private forbiddenEnvironment(): string[] {
    const cfn = this.fn.node.defaultChild as CfnFunction;
    const environment = Stack.of(this).resolve(cfn.environment) as { variables?: Record<string, unknown> } | undefined;
    const names = Object.keys(environment?.variables ?? {});
    return FORBIDDEN_DEPLOYED_ENV.filter((name) => names.includes(name)).map(
      (name) => `${name} switches on local mode and must not be set on a deployed function`,
    );
  }
}
