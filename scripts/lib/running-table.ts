import { existsSync, readFileSync } from 'node:fs';
import { rulebookForProvince } from '../../shared/rulebook/load.js';
import { createTableContext, type TableContext } from '../../shared/store/client.js';

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

/** The table an operator script works on: TABLE_NAME (default `quy-che-tracker`) at runningTableEndpoint(). */
export function runningTable(): TableContext {
  const endpoint = runningTableEndpoint();
  return createTableContext({ tableName: process.env.TABLE_NAME ?? 'quy-che-tracker', ...(endpoint ? { endpoint } : {}) });
}

/** The organisations an operator script works on: `--org`, else every one of the province's (`--province`, PROVINCE_ID, `son-la`). */
export function organisationsOf(values: { org?: string | undefined; province?: string | undefined }): string[] {
  const province = values.province ?? process.env.PROVINCE_ID ?? 'son-la';
  const rulebooks = rulebookForProvince(province);
  if (rulebooks.length === 0) fail(`There is no rulebook for province "${province}".`);
  return values.org ? [values.org] : rulebooks.map((r) => r.organisation.id);
}
