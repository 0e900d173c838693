import middy from '@middy/core';
import { Logger } from '@aws-lambda-powertools/logger';
import { z } from 'zod';
import { parseInstant } from '../../shared/domain/local-time.js';

/** The EventBridge Scheduler payload: which rule to run, and optionally the instant to judge at. */
export const complianceEventSchema = z
  .object({
    rule: z.string().regex(/^[A-Z][A-Z0-9-]{0,15}$/),
    at: z.string().refine((s) => parseInstant(s) !== undefined, 'an ISO 8601 timestamp with offset').optional(),
  })
  .strict();

export type ComplianceEvent = z.infer<typeof complianceEventSchema>;

export interface ComplianceRunner {
  run(rule: string, at: Date): Promise<{ findings: unknown[] }>;
}

/**
 * Scheduled handler: minimal middleware, every error logged and rethrown so EventBridge retries
 * (each rule is idempotent, so a retry or a double delivery creates nothing twice).
 */
export function createComplianceHandler(runner: ComplianceRunner, logger: Logger, clock: () => Date) {
  return middy(async (event: unknown) => {
    const parsed = complianceEventSchema.safeParse(event);
    if (!parsed.success) {
      logger.error('Invalid compliance event', { event, issues: parsed.error.issues });
      throw new Error(`Invalid compliance event: ${parsed.error.issues.map((i) => i.path.join('.') || 'event').join(', ')}`);
    }
    const at = parsed.data.at ? parseInstant(parsed.data.at)! : clock();
    try {
      const result = await runner.run(parsed.data.rule, at);
      logger.info('Compliance rule ran', { rule: parsed.data.rule, at: at.toISOString(), findings: result.findings.length });
      return { rule: parsed.data.rule, at: at.toISOString(), findings: result.findings.length };
    } catch (error) {
      logger.error('Compliance rule failed', { rule: parsed.data.rule, error: error as Error });
      throw error;
    }
  });
}
