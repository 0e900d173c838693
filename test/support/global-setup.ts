import 'vitest';
import type { TestProject } from 'vitest/node';
import { startDynamoLocal, type DynamoLocal } from '../../scripts/lib/dynamo-local.js';
import { ensurePrerequisites, onPath } from '../../scripts/lib/prerequisites.js';
import { startS3Local, type S3Local } from '../../scripts/lib/s3-local.js';

/** The evidence files' bucket on the run's local S3 server (issue #22). */
export const TEST_FILES_BUCKET = 'tracker-files-test';

declare module 'vitest' {
  export interface ProvidedContext {
    dynamoEndpoint: string;
    /** The local S3-compatible server, with TEST_FILES_BUCKET. */
    s3Endpoint: string;
    /** Chromium as found on the PATH (Debian's `chromium`), for the browser tests. */
    chromiumPath: string;
  }
}

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

interface Services {
  dynamo: DynamoLocal;
  s3: S3Local;
  chromiumPath: string;
}

/** The run's servers, kept on globalThis: each project that lists this file calls setup, and all share one set. */
const shared = globalThis as typeof globalThis & { trackerTestServices?: { users: number; started: Promise<Services> } };

async function startServices(): Promise<Services> {
  // Java (DynamoDB Local) and Chromium (the browser tests), before anything starts: installed
  // here when root on Debian/Ubuntu, else one line with the command to run and the run ends.
  const prerequisites = ensurePrerequisites(['java', 'chromium'], (line) => console.log(line));
  if (!prerequisites.ok) {
    console.error(prerequisites.message);
    process.exit(1);
  }
  const dynamo = await startDynamoLocal();
  const s3 = await startS3Local({ buckets: [TEST_FILES_BUCKET] });
  return { dynamo, s3, chromiumPath: onPath('chromium') ?? '/usr/bin/chromium' };
}

/** One DynamoDB Local (in memory, on a free port) for the whole run; each test file makes its own table. */
export async function setup(project: TestProject): Promise<void> {
  shared.trackerTestServices ??= { users: 0, started: startServices() };
  shared.trackerTestServices.users += 1;
  const { dynamo, s3, chromiumPath } = await shared.trackerTestServices.started;
  project.provide('dynamoEndpoint', dynamo.endpoint);
  project.provide('s3Endpoint', s3.endpoint);
  project.provide('chromiumPath', chromiumPath);
}

export async function teardown(): Promise<void> {
  const services = shared.trackerTestServices;
  if (!services || --services.users > 0) return;
  shared.trackerTestServices = undefined;
  const { dynamo, s3 } = await services.started;
  await Promise.all([dynamo.stop(), s3.stop()]);
}
