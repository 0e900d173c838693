import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateWebhookSecret } from '../../shared/adapters/webhook-signing.js';
import { counterFigures } from '../support/counters.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { json, signedPost } from '../support/eoffice.js';
import { deputyDirectors, person, sonLa, unitOverseenBy } from '../support/people.js';

// Documents from the e-office: distribution into assignments (D1) and the confidential register (D2).
const SECRET = generateWebhookSecret();
const DOCS = '/v1/integrations/eoffice/documents';
const CLOCK = '2026-11-26T15:30:00+07:00';

const director = person('director');
const distributor = sonLa.staff.find((s) => s.id === sonLa.documents.distribution!.distributorId)!;
const otherDeputy = deputyDirectors().find((d) => d.id !== distributor.id)!;
const clerk = person('clerk');
const chiefOfOffice = person('chief-of-office');
const chiefInspector = person('chief-inspector');
const itHead = person('head', 'it');
const itSpecialist = person('specialist', 'it');
const itSpecialist2 = person('specialist', 'it', 1);
const ictHead = person('head', 'ict-centre');
const pressSpecialist = person('specialist', 'press');

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ eoffice: { secrets: [SECRET] } });
});
afterAll(async () => {
  await t?.dispose();
});

let n = 0;
async function register(extra: Record<string, unknown> = {}, clock = CLOCK) {
  const res = await signedPost(
    t,
    DOCS,
    {
      externalId: `IOFFICE-${String(++n).padStart(5, '0')}`,
      number: `${300 + n}/STC-NS`,
      title: 'V/v phân bổ kinh phí chuyển đổi số năm 2027',
      issuer: 'Sở Tài chính tỉnh Sơn La',
      receivedAt: '2026-11-26T10:00:00+07:00',
      ...extra,
    },
    { secrets: [SECRET], clock },
  );
  expect(res.status).toBe(201);
  return json(res);
}

function distribute(externalId: string, body: Record<string, unknown>, options: { id?: string; clock?: string } = {}) {
  return signedPost(t, `${DOCS}/${encodeURIComponent(externalId)}/distribution`, { distributedAt: '2026-11-26T15:00:00+07:00', ...body }, {
    secrets: [SECRET],
    clock: options.clock ?? CLOCK,
    ...(options.id ? { id: options.id } : {}),
  });
}

describe('distribution (D1) creates assignments whose source is the document', () => {
  it('to a person and a unit, by the deputy in charge of distribution, the same day: on time', async () => {
    expect(unitOverseenBy(distributor.id)).toEqual(['it', 'ict-centre']);
    const doc = await register();
    const res = await distribute(doc.externalId, { assigneeIds: [itSpecialist.id, 'ict-centre'], dueDate: '2026-12-10' }, { id: 'evt_dist_1' });
    expect(res.status).toBe(201);
    const { document, assignments } = await json(res);
    expect(document).toMatchObject({
      id: doc.id,
      status: 'distributed',
      firstDistributedAt: '2026-11-26T15:00:00.000+07:00',
      distributedOnTime: true,
      distributionTimeliness: 'on-time',
      partyIds: [itSpecialist.id, ictHead.id],
      unitIds: ['it', 'ict-centre'],
      version: 2,
    });
    expect(document.distributions).toHaveLength(1);
    const distribution = document.distributions[0];
    expect(distribution).toMatchObject({
      distributorId: distributor.id,
      targets: [
        { id: itSpecialist.id, kind: 'staff' },
        { id: 'ict-centre', kind: 'unit' },
      ],
      dueDate: '2026-12-10',
      webhookId: 'evt_dist_1',
    });
    expect(assignments).toHaveLength(2);
    expect(distribution.assignmentIds).toEqual(assignments.map((a: any) => a.id));
    expect(assignments[0]).toMatchObject({
      title: `${doc.number} — ${doc.title}`,
      assigneeId: itSpecialist.id,
      responsibleId: itSpecialist.id,
      unitId: 'it',
      assignerId: distributor.id,
      source: { kind: 'document', ref: doc.id, itemId: distribution.id },
      confidentiality: 'normal',
      dueDate: '2026-12-10',
      status: 'assigned',
      createdAt: '2026-11-26T08:00:00.000Z',
      version: 1,
    });
    expect(assignments[1]).toMatchObject({ assigneeId: null, unitId: 'ict-centre', responsibleId: ictHead.id, assignerId: distributor.id });

    // The assignee finds it among their work; the history of the document shows both steps.
    const mine = await json(await t.as(itSpecialist.id, '/v1/assignments?sourceKind=document', { clock: CLOCK }));
    expect(mine.items.map((a: any) => a.id)).toEqual([assignments[0].id]);
    const full = await json(await t.as(director.id, `/v1/documents/${doc.id}`, { clock: CLOCK }));
    expect(full.history.map((e: any) => [e.action, e.actorId, e.version])).toEqual([
      ['registered', 'eoffice', 1],
      ['distributed', distributor.id, 2],
    ]);
    expect(full.history[1].data.d1).toEqual({ rule: 'D1', dueAt: '2026-11-27T02:00:00.000Z', firstDistribution: true, onTime: true });
  });

  it('two people of one unit in one distribution: one transaction, the unit’s counters added up', async () => {
    const doc = await register();
    const counter = async () => (await counterFigures(t.table, t.orgId, '2026-12', 'it')).asg_assigned ?? 0;
    const before = await counter();
    const res = await distribute(doc.externalId, { assigneeIds: [itSpecialist.id, itSpecialist2.id], dueDate: '2026-12-11' });
    expect(res.status).toBe(201);
    expect((await json(res)).assignments.map((a: any) => a.responsibleId)).toEqual([itSpecialist.id, itSpecialist2.id]);
    expect(await counter()).toBe(before + 2);
  });

  it('after the start of the next working day it is late; with no due date the work is due 10 working days later', async () => {
    const doc = await register({ receivedAt: '2026-11-27T16:00:00+07:00' }, '2026-11-27T16:05:00+07:00');
    expect(doc.distributionDueAt).toBe('2026-11-30T09:00:00.000+07:00');
    const res = await distribute(doc.externalId, { assigneeIds: [itSpecialist.id], distributedAt: '2026-11-30T09:00:01+07:00' }, { clock: '2026-11-30T09:05:00+07:00' });
    expect(res.status).toBe(201);
    const { document, assignments } = await json(res);
    expect(document).toMatchObject({ distributedOnTime: false, distributionTimeliness: 'late' });
    expect(assignments[0].dueDate).toBe('2026-12-14');
    // At 09:00:00 sharp it would have been on time.
    const other = await register({ receivedAt: '2026-11-27T16:00:00+07:00' }, '2026-11-27T16:05:00+07:00');
    const sharp = await json(await distribute(other.externalId, { assigneeIds: [itSpecialist.id], distributedAt: '2026-11-30T09:00:00+07:00' }));
    expect(sharp.document.distributionTimeliness).toBe('on-time');
  });

  it('outside the distributing deputy’s own units, the distribution is made on the director’s behalf (D1) and recorded so', async () => {
    const doc = await register();
    const res = await distribute(doc.externalId, { assigneeIds: [itSpecialist.id, pressSpecialist.id] });
    expect(res.status).toBe(201);
    const { assignments } = await json(res);
    const byAssignee = Object.fromEntries(assignments.map((a: any) => [a.assigneeId, a]));
    expect(byAssignee[itSpecialist.id].onBehalfOf).toBeUndefined();
    expect(byAssignee[pressSpecialist.id].onBehalfOf).toBe(director.id);
    const history = await json(await t.as(director.id, `/v1/assignments/${byAssignee[pressSpecialist.id].id}`, { clock: CLOCK }));
    expect(history.history[0]).toMatchObject({ action: 'created', onBehalfOf: director.id });
  });

  it('unknown people or units, a distribution before receipt, an unknown document: 400, 400, 404', async () => {
    const doc = await register();
    const before = await t.countItems();
    const unknown = await distribute(doc.externalId, { assigneeIds: [itSpecialist.id, 'nobody'] });
    expect(unknown.status).toBe(400);
    expect((await json(unknown)).errors).toEqual([{ path: 'body.assigneeIds.1', message: 'no current staff member or unit nobody' }]);
    const early = await distribute(doc.externalId, { assigneeIds: [itSpecialist.id], distributedAt: '2026-11-26T09:59:59+07:00' });
    expect(early.status).toBe(400);
    expect((await json(early)).errors[0].path).toBe('body.distributedAt');
    const repeated = await distribute(doc.externalId, { assigneeIds: [itSpecialist.id, itSpecialist.id] });
    expect(repeated.status).toBe(400);
    expect((await json(repeated)).errors[0].path).toBe('body.assigneeIds');
    expect((await distribute('IOFFICE-NO-SUCH', { assigneeIds: [itSpecialist.id] })).status).toBe(404);
    expect(await t.countItems()).toBe(before);
  });

  it('a replayed distribution returns the first answer and creates no second assignment', async () => {
    const doc = await register();
    const first = await json(await distribute(doc.externalId, { assigneeIds: [itSpecialist2.id], dueDate: '2026-12-09' }, { id: 'evt_dist_replay' }));
    const count = await t.countItems();
    const again = await distribute(doc.externalId, { assigneeIds: [itSpecialist2.id], dueDate: '2026-12-09' }, { id: 'evt_dist_replay' });
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect((await json(again)).assignments.map((a: any) => a.id)).toEqual(first.assignments.map((a: any) => a.id));
    expect(await t.countItems()).toBe(count);
  });
});

describe('the confidential register (D2, Điều 9.1.2)', () => {
  it('a top-secret document: only the director, the distributing deputy, the clerk and the assignee; everyone else 404, not 403', async () => {
    const doc = await register({ confidentiality: 'top-secret', title: 'Tài liệu tuyệt mật về an ninh mạng' });
    expect(doc.register).toBe('confidential');
    const res = await distribute(doc.externalId, { assigneeIds: [itSpecialist.id], dueDate: '2026-12-04' });
    expect(res.status).toBe(201);
    const assignment = (await json(res)).assignments[0];
    expect(assignment.confidentiality).toBe('top-secret');
    const missing = await t.as(itSpecialist2.id, '/v1/documents/01KZZZZZZZZZZZZZZZZZZZZZZZ', { clock: CLOCK });
    expect(missing.status).toBe(404);
    for (const [who, status] of [
      [director, 200],
      [distributor, 200],
      [clerk, 200],
      [itSpecialist, 200],
      [itSpecialist2, 404],
      [itHead, 404],
      [chiefOfOffice, 404],
      [otherDeputy, 404],
      [chiefInspector, 404],
      [pressSpecialist, 404],
    ] as const) {
      const got = await t.as(who.id, `/v1/documents/${doc.id}`, { clock: CLOCK });
      expect(got.status, who.id).toBe(status);
      if (status === 404) {
        // Exactly what a missing id answers: nothing says it exists.
        const body = await json(got);
        expect(body.detail).toBe(`There is no document ${doc.id}.`);
        expect((await t.as(who.id, `/v1/audit?entityId=${doc.id}`, { clock: CLOCK })).status, who.id).toBe(404);
      }
    }
    // Not in anyone else's lists either, in either register.
    for (const register of ['general', 'confidential']) {
      const theirs = await json(await t.as(itSpecialist2.id, `/v1/documents?register=${register}&limit=100`, { clock: CLOCK }));
      expect(theirs.items.map((d: any) => d.id)).not.toContain(doc.id);
      const head = await json(await t.as(itHead.id, `/v1/documents?register=${register}&limit=100`, { clock: CLOCK }));
      expect(head.items.map((d: any) => d.id)).not.toContain(doc.id);
    }
    const general = await json(await t.as(director.id, '/v1/documents?limit=100', { clock: CLOCK }));
    expect(general.items.map((d: any) => d.id)).not.toContain(doc.id);
    expect((await json(await t.as(director.id, '/v1/documents?register=confidential&limit=100', { clock: CLOCK }))).items.map((d: any) => d.id)).toContain(doc.id);
    expect((await json(await t.as(clerk.id, '/v1/documents?register=confidential&limit=100', { clock: CLOCK }))).items.map((d: any) => d.id)).toContain(doc.id);
    expect((await json(await t.as(itSpecialist.id, '/v1/documents?register=confidential', { clock: CLOCK }))).items.map((d: any) => d.id)).toEqual([doc.id]);
    // The assignment made from it is as hidden as the document.
    expect((await t.as(itSpecialist2.id, `/v1/assignments/${assignment.id}`, { clock: CLOCK })).status).toBe(404);
    expect((await t.as(itSpecialist.id, `/v1/assignments/${assignment.id}`, { clock: CLOCK })).status).toBe(200);
  });

  it('before distribution, an unassigned specialist cannot see a confidential document; the rulebook’s entitled roles for “mật” can', async () => {
    const doc = await register({ confidentiality: 'confidential' });
    expect((await t.as(itSpecialist.id, `/v1/documents/${doc.id}`, { clock: CLOCK })).status).toBe(404);
    expect((await t.as(chiefInspector.id, `/v1/documents/${doc.id}`, { clock: CLOCK })).status).toBe(404);
    // Rulebook documents.confidentialLevels: "mật" is open to the deputy directors and the chief of office too.
    expect((await t.as(chiefOfOffice.id, `/v1/documents/${doc.id}`, { clock: CLOCK })).status).toBe(200);
    expect((await t.as(otherDeputy.id, `/v1/documents/${doc.id}`, { clock: CLOCK })).status).toBe(200);
  });

  it('the general register: leaders see it all; a head what went to their unit; a specialist what they answer for', async () => {
    const own = await createTestApp({ eoffice: { secrets: [SECRET] } });
    try {
      const reg = async (externalId: string) =>
        json(await signedPost(own, DOCS, { externalId, title: 'Văn bản', issuer: 'UBND tỉnh', receivedAt: '2026-11-26T10:00:00+07:00' }, { secrets: [SECRET], clock: CLOCK }));
      const a = await reg('G-1');
      const b = await reg('G-2');
      await reg('G-3');
      await signedPost(own, `${DOCS}/G-1/distribution`, { assigneeIds: [itSpecialist.id], distributedAt: CLOCK }, { secrets: [SECRET], clock: CLOCK });
      await signedPost(own, `${DOCS}/G-2/distribution`, { assigneeIds: ['ict-centre'], distributedAt: CLOCK }, { secrets: [SECRET], clock: CLOCK });
      const ids = async (who: string, q = '') => (await json(await own.as(who, `/v1/documents?limit=100${q}`, { clock: CLOCK }))).items.map((d: any) => d.externalId).sort();
      expect(await ids(director.id)).toEqual(['G-1', 'G-2', 'G-3']);
      expect(await ids(clerk.id)).toEqual(['G-1', 'G-2', 'G-3']);
      expect(await ids(chiefInspector.id)).toEqual(['G-1', 'G-2', 'G-3']);
      expect(await ids(itHead.id)).toEqual(['G-1']);
      expect(await ids(ictHead.id)).toEqual(['G-2']);
      expect(await ids(itSpecialist.id)).toEqual(['G-1']);
      expect(await ids(itSpecialist2.id)).toEqual([]);
      expect((await own.as(itSpecialist2.id, `/v1/documents/${a.id}`, { clock: CLOCK })).status).toBe(404);
      expect((await own.as(ictHead.id, `/v1/documents/${b.id}`, { clock: CLOCK })).status).toBe(200);
      // Pages: every document once.
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await json(await own.as(director.id, `/v1/documents?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { clock: CLOCK }));
        seen.push(...page.items.map((d: any) => d.externalId));
        cursor = page.nextCursor;
      } while (cursor);
      expect(seen.sort()).toEqual(['G-1', 'G-2', 'G-3']);
      expect((await own.as(director.id, '/v1/documents?cursor=garbage', { clock: CLOCK })).status).toBe(400);
      expect((await own.app.request('/v1/documents')).status).toBe(401);
    } finally {
      await own.dispose();
    }
  });
});
