import { z } from '@hono/zod-openapi';

export const LocalizedTextSchema = z
  .object({ vi: z.string(), en: z.string() })
  .openapi('LocalizedText', { example: { vi: 'Văn phòng', en: 'Office' } });

export const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    instance: z.string().optional(),
    requestId: z.string().optional(),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  })
  .openapi('Problem');

const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: ProblemSchema } },
});

/** The problem responses every authenticated route can give. */
export const authenticatedProblems = {
  400: problem('Invalid input; `errors` names each bad field'),
  401: problem('Missing, invalid or expired token'),
  403: problem('The caller lacks the authority'),
  500: problem('Unexpected error; quote the request id'),
  503: problem('The data store is unavailable; retry after the Retry-After seconds'),
} as const;

export const problemResponses = { problem };
