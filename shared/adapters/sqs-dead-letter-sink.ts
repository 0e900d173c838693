/**
 * The dead-letter sink of e-office callbacks in AWS: one SQS message per delivery that failed
 * every attempt. The queue is a signal for operators (it raises an alarm), not a copy of the
 * record: the body names the delivery and why it failed, the callback's content stays in the
 * table, and an administrator retries it with POST /v1/admin/eoffice/deliveries/{id}/retry.
 */
import type { SendMessageCommand } from '@aws-sdk/client-sqs';
import type { EofficeDelivery } from '../domain/eoffice-delivery.js';
import type { DeadLetterSink } from '../services/eoffice-dispatcher.js';

/** The one SQS call the sink makes; `SQSClient` is one. */
export interface SqsSender {
  send(command: SendMessageCommand): Promise<unknown>;
}

export interface DeadLetterMessage {
  readonly deliveryId: string;
  readonly orgId: string;
  readonly type: EofficeDelivery['type'];
  /** null for an outgoing document's step. */
  readonly assignmentId: string | null;
  readonly documentId: string;
  readonly attemptCount: number;
  readonly lastError: string | null;
  readonly failedAt: string | null;
  readonly createdAt: string;
  readonly version: number;
}

export function deadLetterMessage(d: EofficeDelivery): DeadLetterMessage {
  return {
    deliveryId: d.id,
    orgId: d.orgId,
    type: d.type,
    assignmentId: d.assignmentId ?? null,
    documentId: d.documentId,
    attemptCount: d.attemptCount,
    lastError: d.lastError ?? null,
    failedAt: d.failedAt ?? null,
    createdAt: d.createdAt,
    version: d.version,
  };
}

export class SqsDeadLetterSink implements DeadLetterSink {
  constructor(
    private readonly queueUrl: string,
    private client?: SqsSender,
  ) {}

  async send(delivery: EofficeDelivery): Promise<void> {
    // The SQS client is loaded with the first failed delivery, not at every cold start.
    const { SendMessageCommand, SQSClient } = await import('@aws-sdk/client-sqs');
    this.client ??= new SQSClient({});
    await this.client.send(
      new SendMessageCommand({
        QueueUrl: this.queueUrl,
        MessageBody: JSON.stringify(deadLetterMessage(delivery)),
        // Filterable without parsing the body, e.g. in the console.
        MessageAttributes: {
          orgId: { DataType: 'String', StringValue: delivery.orgId },
          type: { DataType: 'String', StringValue: delivery.type },
        },
      }),
    );
  }
}

/** EOFFICE_DLQ_URL set (the deployed dispatcher): the SQS sink; unset: none (failed deliveries are still listed). */
export function deadLetterSinkFromEnv(env: NodeJS.ProcessEnv = process.env, client?: SqsSender): DeadLetterSink | undefined {
  const queueUrl = env.EOFFICE_DLQ_URL?.trim();
  if (!queueUrl) return undefined;
  return new SqsDeadLetterSink(queueUrl, client);
}
