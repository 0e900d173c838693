import { existsSync, readFileSync } from 'node:fs';

/** One line on stderr, exit 1: how the operator scripts refuse. */
export function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

/**
 * The DynamoDB an operator script talks to: DYNAMODB_ENDPOINT, else the one the running `npm start`
 * wrote under its data dir, else AWS itself (undefined) when TABLE_NAME and AWS_REGION are set.
 */
export function runningTableEndpoint(): string | undefined {
  if (process.env.DYNAMODB_ENDPOINT) return process.env.DYNAMODB_ENDPOINT;
  const file = `${process.env.TRACKER_DATA_DIR ?? '.data'}/dynamodb-endpoint`;
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  if (process.env.TABLE_NAME && process.env.AWS_REGION) return undefined; // AWS
  fail('No DynamoDB to talk to: start the tracker (npm start) first, or set DYNAMODB_ENDPOINT (locally) or TABLE_NAME and AWS_REGION (in AWS).');
}
