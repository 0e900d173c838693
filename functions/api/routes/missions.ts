import { createRoute } from '@hono/zod-openapi';
import type { AppDeps } from '../context.js';
import { paginate } from '../pagination.js';
import { createRouter } from '../router.js';
import {
  IdempotencyHeaders,
  authenticatedProblems,
  bearerSecurity as security,
  jsonBody as json,
  jsonResponse as ok,
  pageOf,
  problemResponses,
} from '../schemas/common.js';
import { ListMissionsQuery, MissionSchema, RecordMissionBody } from '../schemas/report.js';
import { MissionReturnBody } from '../schemas/calendar.js';
import { IdParam, IfMatchHeaders, parseIfMatch } from '../schemas/common.js';

const tags = ['Missions'];

const record = createRoute({
  method: 'post',
  path: '/missions',
  tags,
  summary: 'Records who was sent to training, a conference or a mission (Điều 16.1, 16.2); its end raises the mission report (R5)',
  security,
  request: { body: json(RecordMissionBody), headers: IdempotencyHeaders },
  responses: {
    201: ok(MissionSchema, 'The mission, with the R5 obligations it raises'),
    ...authenticatedProblems,
    422: problemResponses.problem('Idempotency-Key reused with another body'),
  },
});

const list = createRoute({
  method: 'get',
  path: '/missions',
  tags,
  summary: 'A person’s (the caller’s by default) or a unit’s missions, by end date',
  security,
  request: { query: ListMissionsQuery },
  responses: {
    200: ok(pageOf(MissionSchema), 'One page'),
    ...authenticatedProblems,
    404: problemResponses.problem('No such person or unit, or not visible to the caller'),
  },
});

const recordReturn = createRoute({
  method: 'post',
  path: '/missions/{id}/return',
  tags,
  summary: 'Records the day the person came back: the mission report (R5) is then due counted from it (issue #13)',
  security,
  request: { params: IdParam, body: json(MissionReturnBody), headers: IfMatchHeaders },
  responses: {
    200: ok(MissionSchema, 'The mission, its last day the day of return, with the R5 obligation it raises'),
    ...authenticatedProblems,
    404: problemResponses.problem('No such mission, or not visible to the caller'),
    409: problemResponses.problem('The return was already recorded'),
    412: problemResponses.problem('Stale If-Match'),
  },
});

const getMission = createRoute({
  method: 'get',
  path: '/missions/{id}',
  tags,
  summary: 'One mission with the R5 obligation it raises',
  security,
  request: { params: IdParam },
  responses: { 200: ok(MissionSchema, 'The mission'), ...authenticatedProblems, 404: problemResponses.problem('No such mission, or not visible to the caller') },
});

export function missionRoutes(deps: AppDeps) {
  const service = deps.services.missions;
  return createRouter()
    .openapi(record, async (c) => {
      const result = await service.create(c.get('actor'), c.req.valid('json'), c.get('now'), c.req.valid('header')['idempotency-key']);
      if (result.replayed) c.header('idempotent-replayed', 'true');
      return c.json(result.body, 201);
    })
    .openapi(recordReturn, async (c) =>
      c.json(
        (await service.recordReturn(c.get('actor'), c.req.valid('param').id, c.req.valid('json'), c.get('now'), parseIfMatch(c.req.valid('header')['if-match']))),
        200,
      ),
    )
    .openapi(getMission, async (c) => c.json((await service.get(c.get('actor'), c.req.valid('param').id)), 200))
    .openapi(list, async (c) => {
      const q = c.req.valid('query');
      const page = await paginate(deps, c, q, (cursor) =>
        service.list(c.get('actor'), {
          ...(q.staffId ? { staffId: q.staffId } : {}),
          ...(q.unitId ? { unitId: q.unitId } : {}),
          ...(q.endedFrom ? { endedFrom: q.endedFrom } : {}),
          ...(q.endedTo ? { endedTo: q.endedTo } : {}),
          limit: q.limit,
          ...(cursor ? { cursor } : {}),
        }),
      );
      return c.json(page, 200);
    });
}
