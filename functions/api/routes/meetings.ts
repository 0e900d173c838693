import { createRoute, z } from '@hono/zod-openapi';
import { NotFoundError } from '../../../shared/domain/errors.js';
import type { AppDeps } from '../context.js';
import { authenticate } from '../middleware.js';
import { paginate } from '../pagination.js';
import { createRouter } from '../router.js';
import {
  IdParam,
  IdempotencyHeaders,
  IfMatchHeaders,
  authenticatedProblems,
  bearerSecurity as security,
  jsonBody as json,
  jsonResponse as ok,
  pageOf,
  parseIfMatch,
  problemResponses,
} from '../schemas/common.js';
import {
  ExpectedMeetingSchema,
  ExpectedQuery,
  IssueConclusionsBody,
  ListMeetingsQuery,
  MeetingDetailSchema,
  MeetingSchema,
  MinutesBody,
  PreparationIdParam,
  PreparationSchema,
  ProgrammeBody,
  RecordMeetingBody,
  toPreparationResponse,
} from '../schemas/meeting.js';
import { MeetingPage, pageLanguage } from '../views/meeting-page.js';

const tags = ['Meetings'];

const record = createRoute({
  method: 'post',
  path: '/meetings',
  tags,
  summary: 'Record a meeting of a kind from the rulebook (M1, M2, M4, M5); 403 when the chair lacks the authority',
  security,
  request: { body: json(RecordMeetingBody), headers: IdempotencyHeaders },
  responses: {
    201: ok(MeetingSchema, 'The meeting as stored, with the deadline of its conclusions'),
    ...authenticatedProblems,
    422: problemResponses.problem('Idempotency-Key reused with another body'),
  },
});

const list = createRoute({
  method: 'get',
  path: '/meetings',
  tags,
  summary: 'Meetings the caller may read (participants, the units its conclusions went to, the board), by kind, unit and date (oldest first); withoutConclusions=true: past their deadline with none issued',
  security,
  request: { query: ListMeetingsQuery },
  responses: { 200: ok(pageOf(MeetingSchema), 'One page'), ...authenticatedProblems },
});

const expected = createRoute({
  method: 'get',
  path: '/meetings/expected',
  tags,
  summary: 'The meetings the rulebook expects in a range (at most 400 days), each with whether it was held',
  security,
  request: { query: ExpectedQuery },
  responses: { 200: ok(z.object({ items: z.array(ExpectedMeetingSchema) }), 'Expected meetings, by date'), ...authenticatedProblems },
});

const get = createRoute({
  method: 'get',
  path: '/meetings/{id}',
  tags,
  summary: 'The meeting with its conclusions and the live status of each resulting assignment; 404 to whoever may not read it; a confidential conclusion shows "Nội dung mật" to whoever may not see its assignment',
  security,
  request: { params: IdParam },
  responses: { 200: ok(MeetingDetailSchema, 'The meeting'), ...authenticatedProblems, 404: problemResponses.problem('No such meeting') },
});

const conclusions = createRoute({
  method: 'post',
  path: '/meetings/{id}/conclusions',
  tags,
  summary: 'The chair issues the written conclusions (M3): each item becomes an assignment whose source is the meeting',
  security,
  request: { params: IdParam, body: json(IssueConclusionsBody), headers: z.object({ ...IdempotencyHeaders.shape, ...IfMatchHeaders.shape }) },
  responses: {
    201: ok(MeetingDetailSchema, 'The meeting with its conclusions and their assignments'),
    ...authenticatedProblems,
    404: problemResponses.problem('No such meeting'),
    409: problemResponses.problem('Conclusions were already issued by another request'),
    412: problemResponses.problem('If-Match named a stale version'),
    422: problemResponses.problem('Idempotency-Key reused with another body, or a unit without a head'),
  },
});

const preparation = createRoute({
  method: 'get',
  path: '/meetings/preparations/{id}',
  tags,
  summary: "The Office's preparation of one board meeting (M6, Điều 11.1.a): programme, documents, minutes and their deadlines; 404 to whoever may not read the board's meetings",
  security,
  request: { params: PreparationIdParam },
  responses: { 200: ok(PreparationSchema, 'The preparation'), ...authenticatedProblems, 404: problemResponses.problem('No such meeting to prepare') },
});

const programme = createRoute({
  method: 'put',
  path: '/meetings/preparations/{id}/programme',
  tags,
  summary: 'The Office publishes or corrects the programme (participants, time, documents as links) (M6); the same body again writes nothing',
  security,
  request: { params: PreparationIdParam, body: json(ProgrammeBody), headers: IfMatchHeaders },
  responses: {
    200: ok(PreparationSchema, 'The preparation'),
    ...authenticatedProblems,
    404: problemResponses.problem('No such meeting to prepare'),
    409: problemResponses.problem('Changed by another request at the same time'),
    412: problemResponses.problem('If-Match named a stale version'),
  },
});

const minutes = createRoute({
  method: 'put',
  path: '/meetings/preparations/{id}/minutes',
  tags,
  summary: 'The Office records or corrects the minutes once the meeting has been held (M6); the same text again writes nothing',
  security,
  request: { params: PreparationIdParam, body: json(MinutesBody), headers: IfMatchHeaders },
  responses: {
    200: ok(PreparationSchema, 'The preparation'),
    ...authenticatedProblems,
    404: problemResponses.problem('No such meeting to prepare'),
    409: problemResponses.problem('Changed by another request at the same time'),
    412: problemResponses.problem('If-Match named a stale version'),
  },
});

export function meetingRoutes(deps: AppDeps) {
  const service = deps.services.meetings;
  return (
    createRouter()
      .openapi(record, async (c) => {
        const result = await service.record(c.get('actor'), c.req.valid('json'), c.get('now'), c.req.valid('header')['idempotency-key']);
        if (result.replayed) c.header('idempotent-replayed', 'true');
        return c.json(result.body, 201);
      })
      .openapi(list, async (c) => {
        const q = c.req.valid('query');
        const result = await paginate(deps, c, q, (cursor) =>
          service.list(
            c.get('actor'),
            {
              ...(q.kind ? { kind: q.kind } : {}),
              ...(q.unitId ? { unitId: q.unitId } : {}),
              ...(q.from ? { from: q.from } : {}),
              ...(q.to ? { to: q.to } : {}),
              ...(q.withoutConclusions === 'true' ? { withoutConclusions: true } : {}),
              limit: q.limit,
              ...(cursor ? { cursor } : {}),
            },
            c.get('now'),
          ),
        );
        return c.json(result, 200);
      })
      // Before /meetings/{id}, which would otherwise take "expected" for an id.
      .openapi(expected, async (c) => {
        const q = c.req.valid('query');
        const items = await service.expected(c.get('actor'), { start: q.from, end: q.to }, c.get('now'));
        return c.json({ items }, 200);
      })
      .openapi(preparation, async (c) => c.json(toPreparationResponse(await deps.services.meetingPreparations.get(c.get('actor'), c.req.valid('param').id, c.get('now'))), 200))
      .openapi(programme, async (c) =>
        c.json(
          toPreparationResponse(await deps.services.meetingPreparations.publishProgramme(
            c.get('actor'),
            c.req.valid('param').id,
            c.req.valid('json'),
            c.get('now'),
            parseIfMatch(c.req.valid('header')['if-match']),
          )),
          200,
        ),
      )
      .openapi(minutes, async (c) =>
        c.json(
          toPreparationResponse(await deps.services.meetingPreparations.recordMinutes(
            c.get('actor'),
            c.req.valid('param').id,
            c.req.valid('json').text,
            c.get('now'),
            parseIfMatch(c.req.valid('header')['if-match']),
            c.req.valid('json').files,
          )),
          200,
        ),
      )
      .openapi(get, async (c) => c.json((await service.get(c.get('actor'), c.req.valid('param').id, c.get('now'))), 200))
      .openapi(conclusions, async (c) => {
        const headers = c.req.valid('header');
        const result = await service.issueConclusions(
          c.get('actor'),
          c.req.valid('param').id,
          c.req.valid('json'),
          c.get('now'),
          headers['idempotency-key'],
          parseIfMatch(headers['if-match']),
        );
        if (result.replayed) c.header('idempotent-replayed', 'true');
        return c.json(result.body, 201);
      })
  );
}

/**
 * GET /meetings/{id}: the meeting page, server-rendered, Vietnamese first (`?lang=en` for English).
 * Signed in with the bearer token or, from a browser, the pages' session cookie (functions/api/session.ts).
 */
export function meetingPageRoutes(deps: AppDeps) {
  const router = createRouter();
  router.use('/meetings/*', authenticate(deps));
  router.get('/meetings/:id', async (c) => {
    const id = IdParam.safeParse({ id: c.req.param('id') });
    const lang = pageLanguage(c.req.query('lang'));
    if (!id.success) return c.notFound();
    const data = await deps.services.meetings.pageData(c.get('actor'), id.data.id, c.get('now'));
    const actor = c.get('actor');
    const awaiting = await deps.services.inbox.count(actor, c.get('now'));
    // M6: the Office's programme and minutes of this meeting's occurrence, when the Office prepares its kind and the reader may see them.
    const prepId = await deps.services.meetingPreparations.idForMeeting(actor, data.meeting);
    const preparation = prepId ? await deps.services.meetingPreparations.get(actor, prepId, c.get('now')).catch((e: unknown) => {
          if (e instanceof NotFoundError) return undefined;
          throw e;
        })
      : undefined;
    return c.html(MeetingPage({ data, lang, viewer: { staffId: actor.staffId, name: actor.name }, url: `${c.req.path}${new URL(c.req.url).search}`, awaiting, preparation }));
  });
  return router;
}
