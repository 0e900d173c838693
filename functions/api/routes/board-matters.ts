import { createRoute, z } from '@hono/zod-openapi';
import type { AppDeps } from '../context.js';
import { createRouter } from '../router.js';
import {
  IdParam,
  IdempotencyHeaders,
  IfMatchHeaders,
  LocalDateSchema,
  authenticatedProblems,
  bearerSecurity as security,
  jsonBody as json,
  jsonResponse as ok,
  parseIfMatch,
  problemResponses,
} from '../schemas/common.js';
import { BoardMatterSchema, BoardMatterWithHistorySchema } from '../schemas/board-matter.js';

const tags = ['Board matters'];
const text = (max: number) => z.string().trim().min(1).max(max);
export const RaiseBody = z.object({ category: text(64), title: text(500), year: z.number().int().min(2000).max(2100).optional() }).strict();
export const MeetingBody = z.object({ meetingId: text(64) }).strict();
export const CirculateBody = z.object({ closesOn: LocalDateSchema, draft: text(20000).optional() }).strict();
export const OpinionBody = z.object({ opinion: text(5000) }).strict();
export const DecisionBody = z.object({ text: text(5000), decidedOn: LocalDateSchema.optional() }).strict();
const ListQuery = z.object({ year: z.coerce.number().int().min(2000).max(2100) });
const notVisible = { 404: problemResponses.problem('No such matter, or not visible to the caller') };
const changeProblems = {
  ...authenticatedProblems,
  ...notVisible,
  409: problemResponses.problem("Already decided, the opinion window closed, or the board's discussion is missing (named in the detail)"),
  412: problemResponses.problem('If-Match named a stale version'),
};

const post = <B extends z.ZodTypeAny>(path: string, summary: string, body: B) =>
  createRoute({ method: 'post', path, tags, summary, security, request: { params: IdParam, body: json(body), headers: IfMatchHeaders }, responses: { 200: ok(BoardMatterSchema, 'The matter'), ...changeProblems } });

const raise = createRoute({
  method: 'post',
  path: '/board-matters',
  tags,
  summary: 'The board or the Office records a matter that needs the board’s collective discussion, with its category (A5, Điều 3.2)',
  security,
  request: { body: json(RaiseBody), headers: IdempotencyHeaders },
  responses: { 201: ok(BoardMatterSchema, 'The matter'), ...authenticatedProblems, 422: problemResponses.problem('Idempotency-Key reused with another body') },
});
const list = createRoute({
  method: 'get',
  path: '/board-matters',
  tags,
  summary: 'The board’s matters of a year, with what each decision still lacks',
  security,
  request: { query: ListQuery },
  responses: { 200: ok(z.object({ items: z.array(BoardMatterSchema) }), 'The matters'), ...authenticatedProblems },
});
const get = createRoute({
  method: 'get',
  path: '/board-matters/{id}',
  tags,
  summary: 'A board matter with its evidence, opinions, decision and history',
  security,
  request: { params: IdParam },
  responses: { 200: ok(BoardMatterWithHistorySchema, 'The matter'), ...authenticatedProblems, ...notVisible },
});
const meeting = post('/board-matters/{id}/meeting', 'The board meeting at which the matter was discussed', MeetingBody);
const circulate = post('/board-matters/{id}/circulation', 'The director sends the draft to the board for written opinions until a day', CirculateBody);
// No If-Match: each member adds their own opinion, whatever others added meanwhile.
const opinion = createRoute({
  method: 'post',
  path: '/board-matters/{id}/opinions',
  tags,
  summary: 'A board member asked on the circulated draft gives an opinion before the window closes',
  security,
  request: { params: IdParam, body: json(OpinionBody) },
  responses: { 200: ok(BoardMatterSchema, 'The matter'), ...changeProblems },
});
const decide = post('/board-matters/{id}/decision', 'The director decides after the board’s discussion (refused without it); a decision taken earlier is recorded with decidedOn and flagged if it lacked the discussion', DecisionBody);

export function boardMatterRoutes(deps: AppDeps) {
  const service = deps.services.boardMatters;
  return createRouter()
    .openapi(raise, async (c) => {
      const result = await service.raise(c.get('actor'), c.req.valid('json'), c.get('now'), c.req.valid('header')['idempotency-key']);
      if (result.replayed) c.header('idempotent-replayed', 'true');
      return c.json(result.body, 201);
    })
    .openapi(list, async (c) => c.json((await service.list(c.get('actor'), c.req.valid('query'), c.get('now'))), 200))
    .openapi(get, async (c) => c.json((await service.get(c.get('actor'), c.req.valid('param').id, c.get('now'))), 200))
    .openapi(meeting, async (c) =>
      c.json((await service.linkMeeting(c.get('actor'), c.req.valid('param').id, c.req.valid('json'), c.get('now'), parseIfMatch(c.req.valid('header')['if-match']))), 200),
    )
    .openapi(circulate, async (c) =>
      c.json((await service.circulate(c.get('actor'), c.req.valid('param').id, c.req.valid('json'), c.get('now'), parseIfMatch(c.req.valid('header')['if-match']))), 200),
    )
    .openapi(opinion, async (c) => c.json((await service.giveOpinion(c.get('actor'), c.req.valid('param').id, c.req.valid('json'), c.get('now'))), 200))
    .openapi(decide, async (c) =>
      c.json((await service.decide(c.get('actor'), c.req.valid('param').id, c.req.valid('json'), c.get('now'), parseIfMatch(c.req.valid('header')['if-match']))), 200),
    );
}
