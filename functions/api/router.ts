import { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from './context.js';
import { validationProblem, zodIssues } from './problem.js';

/** Every router validates with zod and answers a failed validation with one problem listing every bad field. */
export function createRouter(): OpenAPIHono<AppEnv> {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result, c) => {
      if (!result.success) return validationProblem(c, zodIssues(result.error, result.target));
      return undefined;
    },
  });
}
