import { createRoute } from '@hono/zod-openapi';
import { ValidationError } from '../../../shared/domain/errors.js';
import { parseInstant } from '../../../shared/domain/local-time.js';
import type { AppDeps } from '../context.js';
import { createRouter } from '../router.js';
import { authenticatedProblems, bearerSecurity as security, jsonBody as json, jsonResponse as ok, problemResponses } from '../schemas/common.js';
import { RunCheckBody, RunResultSchema } from '../schemas/finding.js';

const run = createRoute({
  method: 'post',
  path: '/checks/run',
  tags: ['Compliance'],
  summary: 'Runs one compliance rule (or job) now, or at `at` (the code the schedules run); the director, the chief inspector and administrators',
  security,
  request: { body: json(RunCheckBody) },
  responses: {
    200: ok(RunResultSchema, 'What the run found (the findings the caller may see)'),
    ...authenticatedProblems,
    422: problemResponses.problem('The rule is not in this organisation’s rulebook'),
  },
});

export function checkRoutes(deps: AppDeps) {
  return createRouter().openapi(run, async (c) => {
    const body = c.req.valid('json');
    const at = body.at === undefined ? undefined : parseInstant(body.at);
    if (body.at !== undefined && !at) {
      throw new ValidationError('`at` must be an ISO 8601 timestamp with an offset.', [
        { path: 'body.at', message: 'expected e.g. 2026-11-15T00:05:00+07:00' },
      ]);
    }
    const result = await deps.services.compliance.runAs(c.get('actor'), { rule: body.rule, ...(at ? { at } : {}) }, c.get('now'));
    return c.json(result, 200);
  });
}
