import { createRoute, z } from '@hono/zod-openapi';
import { NotFoundError } from '../../../shared/domain/errors.js';
import type { AppDeps } from '../context.js';
import { createRouter } from '../router.js';
import { startSession } from '../session.js';
import { problemResponses } from '../schemas/common.js';

const DevStaffSchema = z.object({ id: z.string(), name: z.string(), unitId: z.string(), roles: z.array(z.string()) });

const listStaff = createRoute({
  method: 'get',
  path: '/staff',
  tags: ['Local mode'],
  summary: 'Local mode only: the demo organisation’s staff, for the sign-in page',
  responses: {
    200: { description: 'Staff', content: { 'application/json': { schema: z.array(DevStaffSchema) } } },
  },
});

const issueToken = createRoute({
  method: 'post',
  path: '/token',
  tags: ['Local mode'],
  summary: 'Local mode only: a signed token for any staff member, also set as the pages’ session cookie',
  request: {
    body: {
      required: true,
      content: { 'application/json': { schema: z.object({ staffId: z.string().min(1).max(100) }).strict() } },
    },
  },
  responses: {
    200: { description: 'The token', content: { 'application/json': { schema: z.object({ token: z.string() }) } } },
    400: problemResponses.problem('Invalid body'),
    404: problemResponses.problem('No such staff member'),
  },
});

/** Mounted only when the app is built in local/test mode (see app.ts). */
export function devRoutes(deps: AppDeps & Required<Pick<AppDeps, 'local'>>) {
  const orgId = deps.organisations.defaultOrgId;
  return createRouter()
    .openapi(listStaff, async (c) => {
      const staff = await deps.organisations.listStaff(orgId);
      return c.json(
        staff.map((s) => ({ id: s.id, name: s.name, unitId: s.unitId, roles: [...s.roles] })),
        200,
      );
    })
    .openapi(issueToken, async (c) => {
      const { staffId } = c.req.valid('json');
      const staff = await deps.organisations.listStaff(orgId);
      if (!staff.some((s) => s.id === staffId)) throw new NotFoundError(`No current staff member ${staffId}.`);
      const token = await deps.local.devTokens.issue({ staffId, orgId });
      // The web pages read the same token from an HttpOnly session cookie (issue #8).
      startSession(c, deps, token);
      return c.json({ token }, 200);
    });
}
