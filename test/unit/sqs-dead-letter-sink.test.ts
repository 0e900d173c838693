import type { SendMessageCommand } from '@aws-sdk/client-sqs';
import { describe, expect, it } from 'vitest';
import { deadLetterSinkFromEnv, SqsDeadLetterSink, type SqsSender } from '../../shared/adapters/sqs-dead-letter-sink.js';
import type { EofficeDelivery } from '../../shared/domain/eoffice-delivery.js';

const QUEUE_URL = 'https://sqs.ap-southeast-1.amazonaws.com/123456789012/QuyCheTracker-son-la-EofficeFailedDeliveries';

const failed: EofficeDelivery = {
  id: '01JDZ8Q4S0Y3W5N7V9XKQ2M4TB.completed.2',
  orgId: 'so-tttt-son-la',
  type: 'assignment.completed',
  assignmentId: '01JDZ8Q4S0Y3W5N7V9XKQ2M4TB',
  documentId: '01JDZ8P0A1B2C3D4E5F6G7H8J9',
  payload: { type: 'assignment.completed', timestamp: '2026-11-26T15:00:00+07:00', data: { title: 'V/v triển khai chữ ký số (mật)' } },
  state: 'failed',
  attemptCount: 8,
  attempts: [{ at: '2026-11-27T04:00:00.000Z', ok: false, status: 503, error: 'The e-office answered HTTP 503.', durationMs: 120 }],
  lastError: 'The e-office answered HTTP 503.',
  failedAt: '2026-11-27T04:00:00.000Z',
  createdAt: '2026-11-26T08:00:00.000Z',
  updatedAt: '2026-11-27T04:00:00.000Z',
  version: 10,
};

/** Records the commands it is given instead of calling SQS. */
function recordingClient(): SqsSender & { sent: SendMessageCommand[] } {
  const sent: SendMessageCommand[] = [];
  return { sent, send: async (command) => void sent.push(command) };
}

describe('SqsDeadLetterSink', () => {
  it('sends one message naming the delivery and why it failed, with orgId and type as attributes', async () => {
    const client = recordingClient();
    await new SqsDeadLetterSink(QUEUE_URL, client).send(failed);
    expect(client.sent).toHaveLength(1);
    const input = client.sent[0]!.input;
    expect(input.QueueUrl).toBe(QUEUE_URL);
    expect(JSON.parse(input.MessageBody!)).toEqual({
      deliveryId: '01JDZ8Q4S0Y3W5N7V9XKQ2M4TB.completed.2',
      orgId: 'so-tttt-son-la',
      type: 'assignment.completed',
      assignmentId: '01JDZ8Q4S0Y3W5N7V9XKQ2M4TB',
      documentId: '01JDZ8P0A1B2C3D4E5F6G7H8J9',
      attemptCount: 8,
      lastError: 'The e-office answered HTTP 503.',
      failedAt: '2026-11-27T04:00:00.000Z',
      createdAt: '2026-11-26T08:00:00.000Z',
      version: 10,
    });
    expect(input.MessageAttributes).toEqual({
      orgId: { DataType: 'String', StringValue: 'so-tttt-son-la' },
      type: { DataType: 'String', StringValue: 'assignment.completed' },
    });
  });

  it("keeps the callback's content out of the queue: it stays in the table", async () => {
    const client = recordingClient();
    await new SqsDeadLetterSink(QUEUE_URL, client).send(failed);
    expect(client.sent[0]!.input.MessageBody).not.toContain('chữ ký số');
  });

  it('lets an SQS failure reach the dispatcher, so the run fails and is retried', async () => {
    const client: SqsSender = { send: async () => Promise.reject(Object.assign(new Error('Access denied'), { name: 'AccessDenied' })) };
    await expect(new SqsDeadLetterSink(QUEUE_URL, client).send(failed)).rejects.toThrow('Access denied');
  });
});

describe('deadLetterSinkFromEnv', () => {
  it('is the SQS sink of EOFFICE_DLQ_URL when set, and none otherwise', async () => {
    expect(deadLetterSinkFromEnv({})).toBeUndefined();
    expect(deadLetterSinkFromEnv({ EOFFICE_DLQ_URL: '  ' })).toBeUndefined();
    const client = recordingClient();
    const sink = deadLetterSinkFromEnv({ EOFFICE_DLQ_URL: ` ${QUEUE_URL} ` }, client);
    expect(sink).toBeInstanceOf(SqsDeadLetterSink);
    await sink!.send(failed);
    expect(client.sent.map((c) => c.input.QueueUrl)).toEqual([QUEUE_URL]);
  });
});
