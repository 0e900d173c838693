/** @jsxImportSource hono/jsx */
/**
 * Meeting forms (issue #16): `meeting.create` (POST /v1/meetings) and `meeting.conclusions`
 * (POST /v1/meetings/{id}/conclusions), the same service calls with the same authority (the chair,
 * the leader they chaired for, or the Office for the board's meetings).
 */
import type { Context } from 'hono';
import { ulid } from 'ulidx';
import { NotFoundError } from '../../../shared/domain/errors.js';
import { toLocalDate } from '../../../shared/domain/local-time.js';
import type { AppDeps, AppEnv } from '../context.js';
import { formHandler } from '../forms/action.js';
import { FILE_FIELD_SPEC } from '../forms/file-field.js';
import { emptyForm, type FormState } from '../forms/parse.js';
import { authenticate } from '../middleware.js';
import { createRouter } from '../router.js';
import { IdSchema } from '../schemas/common.js';
import { IssueConclusionsBody, MinutesBody, PreparationIdParam, ProgrammeBody, RecordMeetingBody } from '../schemas/meeting.js';
import { PreparationPage } from '../views/decisions/meeting-preparation-page.js';
import { ConclusionsPage, NewMeetingPage } from '../views/decisions/meeting-forms.js';
import { decisionContext, page } from './decision-pages.js';

/** Who records meetings (the service decides each case): leaders, heads and their deputies, and the Office. */
const RECORDERS = /^(director|deputy-director|head|deputy-head|chief-of-office|deputy-chief-of-office|chief-inspector|deputy-chief-inspector)$/;

export function meetingFormRoutes(deps: AppDeps) {
  const router = createRouter();
  const auth = authenticate(deps);
  router.use('/meetings', auth);
  router.use('/meetings/:id/conclusions', auth);
  const meetings = deps.services.meetings;

  const renderNew = async (c: Context<AppEnv>, form: FormState, status: 200 | 409 | 412 | 422 = 200) => {
    const actor = c.get('actor');
    const [ctx, maxFileBytes] = await Promise.all([decisionContext(c, deps), deps.services.files.maxBytes(actor, c.get('now'))]);
    const mayRecord = actor.roles.some((r) => RECORDERS.test(r)) || actor.unitId === 'office';
    return c.html(NewMeetingPage({ ctx, form, idem: ulid(), mayRecord, today: toLocalDate(c.get('now'), ctx.names.timeZone), maxFileBytes }), status);
  };
  router.get('/meetings', page(async (c) => renderNew(c, emptyForm)));
  router.post(
    '/meetings',
    formHandler({
      name: 'meeting.create',
      spec: { kind: 'text', heldOn: 'text', chairId: 'text', unitId: 'text', subject: 'text', participantIds: 'list', minutes: 'text', ...FILE_FIELD_SPEC },
      schema: RecordMeetingBody,
      run: async (c, body, form) => (await meetings.record(c.get('actor'), body, c.get('now'), form.idem)).body,
      done: (_c, m) => `/meetings/${encodeURIComponent(m.id)}/conclusions`,
      rerender: (c, state, status) => renderNew(c, state, status),
    }),
  );

  const idOf = (c: Context<AppEnv>) => {
    const id = IdSchema.safeParse(c.req.param('id'));
    if (!id.success) throw new NotFoundError('There is no such meeting.');
    return id.data;
  };
  const renderConclusions = async (c: Context<AppEnv>, form: FormState, status: 200 | 409 | 412 | 422 = 200) => {
    const [ctx, m, maxFileBytes] = await Promise.all([
      decisionContext(c, deps),
      meetings.get(c.get('actor'), idOf(c), c.get('now')),
      deps.services.files.maxBytes(c.get('actor'), c.get('now')),
    ]);
    const meeting = m;
    return c.html(ConclusionsPage({ ctx, meeting: { ...meeting, conclusionsIssued: meeting.conclusions !== undefined }, form, idem: ulid(), maxFileBytes }), status);
  };
  router.get('/meetings/:id/conclusions', page(async (c) => renderConclusions(c, emptyForm)));
  router.post(
    '/meetings/:id/conclusions',
    formHandler({
      name: 'meeting.conclusions',
      spec: { summary: 'text', 'items.*.text': 'text', 'items.*.assigneeId': 'text', 'items.*.unitId': 'text', 'items.*.dueDate': 'text', ...FILE_FIELD_SPEC },
      schema: IssueConclusionsBody,
      run: (c, body, form) => meetings.issueConclusions(c.get('actor'), idOf(c), body, c.get('now'), form.idem, form.version),
      done: (c) => `/meetings/${encodeURIComponent(idOf(c))}/conclusions`,
      rerender: (c, state, status) => renderConclusions(c, state, status),
    }),
  );

  // M6 (Điều 11.1.a): the Office's preparation of a board meeting, the same service as PUT /v1/meetings/preparations/{id}/….
  router.use('/meetings/preparations/*', auth);
  const preparations = deps.services.meetingPreparations;
  const prepIdOf = (c: Context<AppEnv>) => {
    const id = PreparationIdParam.safeParse({ id: c.req.param('id') });
    if (!id.success) throw new NotFoundError('There is no such meeting to prepare.');
    return id.data.id;
  };
  const renderPreparation = async (c: Context<AppEnv>, form: FormState, status: 200 | 409 | 412 | 422 = 200, formName?: string) => {
    const [ctx, prep, maxFileBytes] = await Promise.all([
      decisionContext(c, deps),
      preparations.get(c.get('actor'), prepIdOf(c), c.get('now')),
      deps.services.files.maxBytes(c.get('actor'), c.get('now')),
    ]);
    const ok = c.req.query('ok');
    return c.html(PreparationPage({ ctx, prep, form, maxFileBytes, ...(formName ? { formName } : {}), ...(ok ? { ok } : {}) }), status);
  };
  const back = (c: Context<AppEnv>) => `/meetings/preparations/${encodeURIComponent(prepIdOf(c))}`;
  router.get('/meetings/preparations/:id', page(async (c) => renderPreparation(c, emptyForm)));
  router.post(
    '/meetings/preparations/:id/programme',
    formHandler({
      name: 'meeting.programme',
      spec: {
        meetingOn: 'text',
        startTime: 'text',
        endTime: 'text',
        location: 'text',
        agenda: 'text',
        participantIds: 'list',
        'documents.*.url': 'text',
        'documents.*.title': 'text',
        ...FILE_FIELD_SPEC,
      },
      schema: ProgrammeBody,
      run: (c, body, form) => preparations.publishProgramme(c.get('actor'), prepIdOf(c), body, c.get('now'), form.version),
      done: back,
      rerender: (c, state, status) => renderPreparation(c, state, status, 'meeting.programme'),
    }),
  );
  router.post(
    '/meetings/preparations/:id/minutes',
    formHandler({
      name: 'meeting.minutes',
      spec: { text: 'text', ...FILE_FIELD_SPEC },
      schema: MinutesBody,
      run: (c, body, form) => preparations.recordMinutes(c.get('actor'), prepIdOf(c), body.text, c.get('now'), form.version, body.files),
      done: back,
      rerender: (c, state, status) => renderPreparation(c, state, status, 'meeting.minutes'),
    }),
  );
  return router;
}
