import 'vitest';
import type { TestProject } from 'vitest/node';
import { startDynamoLocal, type DynamoLocal } from '../../scripts/lib/dynamo-local.js';

declare module 'vitest' {
  export interface ProvidedContext {
    dynamoEndpoint: string;
  }
}

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

let local: DynamoLocal | undefined;

/** One DynamoDB Local (in memory, on a free port) for the whole run; each test file makes its own table. */
export async function setup(project: TestProject): Promise<void> {
  local = await startDynamoLocal();
  project.provide('dynamoEndpoint', local.endpoint);
}

export async function teardown(): Promise<void> {
  await local?.stop();
}
