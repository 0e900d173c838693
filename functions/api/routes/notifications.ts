import { createRoute } from '@hono/zod-openapi';
import type { AppDeps } from '../context.js';
import { paginate } from '../pagination.js';
import { createRouter } from '../router.js';
import {
  IdParam,
  IfMatchHeaders,
  authenticatedProblems,
  bearerSecurity as security,
  jsonResponse as ok,
  pageOf,
  parseIfMatch,
  problemResponses,
} from '../schemas/common.js';
import { ListNotificationsQuery, NotificationSchema } from '../schemas/report.js';

const tags = ['Notifications'];

const list = createRoute({
  method: 'get',
  path: '/notifications',
  tags,
  summary: 'The caller’s notifications (report reminders, returned reports, plan decisions), newest first',
  security,
  request: { query: ListNotificationsQuery },
  responses: { 200: ok(pageOf(NotificationSchema), 'One page'), ...authenticatedProblems },
});

const read = createRoute({
  method: 'post',
  path: '/notifications/{id}/read',
  tags,
  summary: 'Marks one of the caller’s notifications read',
  security,
  request: { params: IdParam, headers: IfMatchHeaders },
  responses: {
    200: ok(NotificationSchema, 'The notification'),
    ...authenticatedProblems,
    404: problemResponses.problem('No such notification of the caller'),
    412: problemResponses.problem('If-Match named a stale version'),
  },
});

export function notificationRoutes(deps: AppDeps) {
  const service = deps.services.notifications;
  return createRouter()
    .openapi(list, async (c) => {
      const q = c.req.valid('query');
      const page = await paginate(deps, c, q, (cursor) => service.list(c.get('actor'), { unread: q.unread === 'true', limit: q.limit, ...(cursor ? { cursor } : {}) }));
      return c.json(page, 200);
    })
    .openapi(read, async (c) =>
      c.json((await service.markRead(c.get('actor'), c.req.valid('param').id, c.get('now'), parseIfMatch(c.req.valid('header')['if-match']))), 200),
    );
}
