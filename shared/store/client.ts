import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { UnavailableError } from '../domain/errors.js';
import { capacityOf, consumesCapacity, type CapacityRecorder } from './capacity.js';

export interface StoreConfig {
  readonly tableName: string;
  /** DynamoDB Local's URL; absent in AWS. */
  readonly endpoint?: string;
  readonly region?: string;
  readonly maxAttempts?: number;
  /** Asks every data-plane call for its ConsumedCapacity and reports it here (the bench, tests). */
  readonly capacity?: CapacityRecorder;
}

export interface TableContext {
  readonly client: DynamoDBClient;
  readonly doc: DynamoDBDocumentClient;
  readonly tableName: string;
}

const NETWORK_ERROR_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH']);
const UNAVAILABLE_NAMES = new Set([
  'TimeoutError',
  'RequestTimeout',
  'ServiceUnavailable',
  'InternalServerError',
  'ThrottlingException',
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
]);

/** A dropped connection or a throttle is the store being unavailable, not a bug: say so as 503. */
export function isUnavailable(error: unknown): boolean {
  const e = error as { code?: string; name?: string; cause?: unknown; $metadata?: { httpStatusCode?: number } };
  if (!e || typeof e !== 'object') return false;
  if (e.code && NETWORK_ERROR_CODES.has(e.code)) return true;
  if (e.name && UNAVAILABLE_NAMES.has(e.name)) return true;
  if ((e.$metadata?.httpStatusCode ?? 0) >= 500) return true;
  return e.cause !== undefined && e.cause !== error && isUnavailable(e.cause);
}

export function createTableContext(config: StoreConfig): TableContext {
  const local = config.endpoint !== undefined;
  const client = new DynamoDBClient({
    region: config.region ?? (local ? 'local' : process.env.AWS_REGION),
    ...(local
      ? { endpoint: config.endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }
      : {}),
    maxAttempts: config.maxAttempts ?? 3,
  });
  const doc = DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  });
  client.middlewareStack.add(
    (next) => async (args) => {
      try {
        return await next(args);
      } catch (error) {
        if (isUnavailable(error)) {
          throw new UnavailableError('The data store is unavailable; try again shortly.');
        }
        throw error;
      }
    },
    { step: 'initialize', name: 'mapUnavailableErrors' },
  );
  const recorder = config.capacity;
  if (recorder) {
    client.middlewareStack.add(
      (next, context) => async (args) => {
        const command = context.commandName ?? '';
        if (!consumesCapacity(command)) return next(args);
        const input = args.input as { ReturnConsumedCapacity?: string };
        const asked = input.ReturnConsumedCapacity === undefined || input.ReturnConsumedCapacity === 'NONE' ? { ...input, ReturnConsumedCapacity: 'TOTAL' } : input;
        const result = await next({ ...args, input: asked });
        recorder(capacityOf(command, (result.output as { ConsumedCapacity?: Parameters<typeof capacityOf>[1] }).ConsumedCapacity));
        return result;
      },
      { step: 'initialize', name: 'recordConsumedCapacity' },
    );
  }
  return { client, doc, tableName: config.tableName };
}
