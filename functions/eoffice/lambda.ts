/**
 * The e-office dispatcher in AWS (issue #7): sends the outbox of every organisation of the
 * province. Invoked every minute by an EventBridge Scheduler schedule (each delivery's backoff
 * decides when it is due); the event's content does not matter, each invocation runs one pass.
 * Errors are logged and rethrown so the invocation is retried; a pass is idempotent (deliveries
 * are claimed by a conditional write and carry a fixed webhook-id).
 *
 * Environment: TABLE_NAME, PROVINCE_ID, EOFFICE_SECRET_ID (the Secrets Manager secret's name
 * with `{orgId}` in it), EOFFICE_DLQ_URL (the SQS queue of deliveries that failed every attempt).
 */
import middy from '@middy/core';
import { Logger } from '@aws-lambda-powertools/logger';
import { deadLetterSinkFromEnv } from '../../shared/adapters/sqs-dead-letter-sink.js';
import { eofficeSettingsForDeployment } from '../../shared/adapters/webhook-secrets.js';
import { systemClock } from '../../shared/domain/clock.js';
import { requireEnv } from '../../shared/env.js';
import { createServices } from '../../shared/features/container.js';
import { organisationIdsOfProvince } from '../../shared/rulebook/provinces.js';
import { createTableContext } from '../../shared/store/client.js';

const logger = new Logger({ serviceName: 'tracker-eoffice-dispatcher' });
const orgIds = organisationIdsOfProvince(requireEnv('PROVINCE_ID'));
const deadLetter = deadLetterSinkFromEnv();
// The e-office feature alone (the dispatcher), built on the first event.
const services = createServices(createTableContext({ tableName: requireEnv('TABLE_NAME') }), orgIds[0]!, {
  eoffice: { settings: eofficeSettingsForDeployment(), orgIds, ...(deadLetter ? { deadLetter } : {}) },
});

export const handler = middy(async () => {
  const now = systemClock();
  try {
    await services.load(['eoffice']);
    const summary = await services.eoffice.runOnce(now);
    logger.info('E-office outbox pass', { at: now.toISOString(), ...summary });
    if (summary.failed > 0) logger.warn('E-office deliveries set aside as failed', { failed: summary.failed });
    return summary;
  } catch (error) {
    logger.error('E-office outbox pass failed', { error: error as Error });
    throw error;
  }
});
