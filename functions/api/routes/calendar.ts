import { createRoute, z } from '@hono/zod-openapi';
import { addDays } from '../../../shared/domain/local-time.js';
import { periodContaining } from '../../../shared/domain/periods.js';
import type { WorkCalendar } from '../../../shared/services/calendar-service.js';
import type { AppDeps } from '../context.js';
import { pageFrame } from '../forms/action.js';
import { authenticate } from '../middleware.js';
import { createRouter } from '../router.js';
import {
  CalendarQuery,
  FeedCreatedSchema,
  FeedParam,
  FeedStatusSchema,
  WorkCalendarSchema,
} from '../schemas/calendar.js';
import { IdSchema, authenticatedProblems, bearerSecurity as security, jsonResponse as ok, problemResponses } from '../schemas/common.js';
import { calendarIcs } from '../views/calendar-ics.js';
import { CalendarPage } from '../views/calendar-page.js';
import { pageLanguage, type Lang } from '../views/meeting-page.js';

const tags = ['Calendar'];
const ICS_TYPE = 'text/calendar; charset=utf-8';

const IcsQuery = z
  .object({
    week: CalendarQuery.shape.week,
    unitId: CalendarQuery.shape.unitId,
    lang: z.enum(['vi', 'en']).optional(),
  })
  .strict();

const icsResponse = (description: string) => ({ description, content: { 'text/calendar': { schema: z.string() } } });

const week = createRoute({
  method: 'get',
  path: '/calendar',
  tags,
  summary: 'The weekly work calendar (lịch công tác tuần) of the department or a unit: meetings, citizen reception, missions, delegation visits, leave',
  security,
  request: { query: CalendarQuery },
  responses: {
    200: ok(WorkCalendarSchema, 'The week, day by day, and its events'),
    ...authenticatedProblems,
    404: problemResponses.problem('No such unit'),
  },
});

const weekIcs = createRoute({
  method: 'get',
  path: '/calendar.ics',
  tags,
  summary: 'The same week as iCalendar (RFC 5545)',
  security,
  request: { query: IcsQuery },
  responses: { 200: icsResponse('text/calendar'), ...authenticatedProblems, 404: problemResponses.problem('No such unit') },
});

const feedStatus = createRoute({
  method: 'get',
  path: '/calendar/feed',
  tags,
  summary: 'Whether the caller has a calendar subscription (the token is never shown again)',
  security,
  responses: { 200: ok(FeedStatusSchema, 'The subscription’s state'), ...authenticatedProblems },
});

const createFeed = createRoute({
  method: 'post',
  path: '/calendar/feed',
  tags,
  summary: 'Creates the caller’s subscription URL for a calendar client, revoking any earlier one; the token is shown once and only its hash is kept',
  security,
  responses: { 201: ok(FeedCreatedSchema, 'The subscription URL'), ...authenticatedProblems },
});

const revokeFeed = createRoute({
  method: 'delete',
  path: '/calendar/feed',
  tags,
  summary: 'Revokes the caller’s subscription URL',
  security,
  responses: { 204: { description: 'Revoked' }, ...authenticatedProblems, 404: problemResponses.problem('No subscription to revoke') },
});

const feed = createRoute({
  method: 'get',
  path: '/calendar/feeds/{token}/calendar.ics',
  tags,
  summary: 'A person’s subscription feed: what concerns their unit, from last week to four weeks ahead. The token in the URL is the credential (calendar clients cannot send a bearer token).',
  security: [],
  request: { params: FeedParam, query: z.object({ lang: z.enum(['vi', 'en']).optional() }) },
  responses: { 200: icsResponse('text/calendar'), 404: problemResponses.problem('Unknown, rotated or revoked token') },
});

function calendarName(data: WorkCalendar, lang: Lang): string {
  const scope = data.unitId ? (data.units[data.unitId]?.[lang] ?? data.unitId) : data.organisation[lang];
  return `${lang === 'vi' ? 'Lịch công tác' : 'Work calendar'} — ${scope}`;
}

const feedUrl = (requestUrl: string, token: string) => `${new URL(requestUrl).origin}/v1/calendar/feeds/${encodeURIComponent(token)}/calendar.ics`;

export function calendarRoutes(deps: AppDeps) {
  const service = deps.services.calendar;
  return createRouter()
    .openapi(week, async (c) => {
      const q = c.req.valid('query');
      return c.json((await service.week(c.get('actor'), q, c.get('now'))), 200);
    })
    .openapi(weekIcs, async (c) => {
      const { lang, ...q } = c.req.valid('query');
      const data = await service.week(c.get('actor'), q, c.get('now'));
      const l = pageLanguage(lang);
      const ics = await calendarIcs(data, { lang: l, name: calendarName(data, l), now: c.get('now'), domain: `${c.get('actor').orgId}.quy-che-tracker` });
      return c.body(ics, 200, { 'content-type': ICS_TYPE, 'content-disposition': `attachment; filename="lich-cong-tac-${data.week}.ics"` });
    })
    .openapi(feedStatus, async (c) => c.json(await service.feedStatus(c.get('actor')), 200))
    .openapi(createFeed, async (c) => {
      const created = await service.createFeed(c.get('actor'), c.get('now'));
      c.header('cache-control', 'no-store');
      return c.json({ ...created, url: feedUrl(c.req.url, created.token) }, 201);
    })
    .openapi(revokeFeed, async (c) => {
      await service.revokeFeed(c.get('actor'), c.get('now'));
      return c.body(null, 204);
    })
    .openapi(feed, async (c) => {
      const { token } = c.req.valid('param');
      const l = pageLanguage(c.req.valid('query').lang);
      const data = await service.feed(token, c.get('now'));
      const ics = await calendarIcs(data, { lang: l, name: calendarName(data, l), now: c.get('now'), domain: `${token.slice(0, token.indexOf('.'))}.quy-che-tracker` });
      return c.body(ics, 200, { 'content-type': ICS_TYPE, 'cache-control': 'private, max-age=900' });
    });
}

/** GET /calendar: the printable week, Vietnamese first (`?lang=en`); the actor is read as the API routes do. */
export function calendarPageRoutes(deps: AppDeps) {
  const router = createRouter();
  router.use('/calendar', authenticate(deps));
  router.get('/calendar', async (c) => {
    const lang = pageLanguage(c.req.query('lang'));
    const parsed = CalendarQuery.safeParse({
      ...(c.req.query('week') ? { week: c.req.query('week') } : {}),
      ...(c.req.query('unitId') ? { unitId: c.req.query('unitId') } : {}),
    });
    const query = parsed.success ? parsed.data : {};
    const unitId = query.unitId && IdSchema.safeParse(query.unitId).success ? query.unitId : undefined;
    const actor = c.get('actor');
    const now = c.get('now');
    const [data, org, frame] = await Promise.all([
      deps.services.calendar.week(actor, { ...(query.week ? { week: query.week } : {}), ...(unitId ? { unitId } : {}) }, now),
      deps.organisations.getOrganisationView(actor, now),
      pageFrame(c, deps),
    ]);
    const links = {
      previousWeek: periodContaining('week', addDays(data.start, -7)).id,
      nextWeek: periodContaining('week', addDays(data.start, 7)).id,
      units: org.units.map((u) => ({ id: u.id, name: u.name[lang] })),
    };
    return c.html(CalendarPage({ data, lang, links, frame }));
  });
  return router;
}
