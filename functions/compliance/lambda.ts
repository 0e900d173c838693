import { Logger } from '@aws-lambda-powertools/logger';
import { systemClock } from '../../shared/domain/clock.js';
import { createComplianceHandler } from './handler.js';
import { deployedComplianceRunner } from './runner.js';

const logger = new Logger({ serviceName: 'tracker-compliance' });

// EventBridge Scheduler invokes with {"rule": "F2"}: the rule runs for every organisation of the
// province (TABLE_NAME, PROVINCE_ID), with the real registry; errors are rethrown so it retries.
export const handler = createComplianceHandler(deployedComplianceRunner(), logger, systemClock);
