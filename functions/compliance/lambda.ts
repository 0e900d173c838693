import { Logger } from '@aws-lambda-powertools/logger';
import { systemClock } from '../../shared/domain/clock.js';
import { createComplianceHandler, type ComplianceRunner } from './handler.js';

const logger = new Logger({ serviceName: 'tracker-compliance' });

// The rules themselves arrive with the compliance engine; until then every rule id is unknown.
const runner: ComplianceRunner = {
  async run(rule) {
    throw new Error(`Unknown compliance rule ${rule}`);
  },
};

export const handler = createComplianceHandler(runner, logger, systemClock);
