import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoGoLiveOn, seedDemoMonth } from '../../scripts/lib/demo-month.js';
import { toLocalDate } from '../../shared/domain/local-time.js';
import { OrgContextLoader, type OrgContext } from '../../shared/services/org-context.js';
import type { Actor } from '../../shared/services/organisation-service.js';
import { OrganisationRepository } from '../../shared/store/organisation-repository.js';
import { SeedMarkerRepository } from '../../shared/store/seed-marker-repository.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { measureCapacity } from '../support/read-capacity.js';
import { person, sonLa } from '../support/people.js';

// Issue #21 item 4: a history is read with one Query and the one visibility check registered for
// its events' entityType. The answers are those of asking every check in turn, as before: compared
// here for each entity type of the demo month, for every one of the 33 people.
const now = new Date();
const goLiveOn = demoGoLiveOn(sonLa, toLocalDate(now, 'Asia/Ho_Chi_Minh'));

const director = person('director');
const chiefOfOffice = person('chief-of-office');
const itHead = person('head', 'it');
const MONDAY = '2026-12-07T08:00:00+07:00';

let t: TestApp;
let visitId: string;
/** entityType → up to two entity ids of that type, from the table's audit events. */
const byType = new Map<string, string[]>();

beforeAll(async () => {
  t = await createTestApp({ goLiveOn });
  await seedDemoMonth({
    app: t.app,
    token: t.token,
    runRule: (rule, at) => t.services.compliance.runForOrganisations([t.orgId], rule, at),
    markers: new SeedMarkerRepository(t.table),
    rulebook: sonLa,
    now,
  });
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await t.table.doc.send(
      new ScanCommand({ TableName: t.table.tableName, FilterExpression: 'begins_with(SK, :ev)', ExpressionAttributeValues: { ':ev': 'EV#' }, ExclusiveStartKey: startKey }),
    );
    for (const e of page.Items ?? []) {
      const ids = byType.get(e.entityType) ?? [];
      if (!ids.includes(e.entityId) && ids.length < 2) byType.set(e.entityType, [...ids, e.entityId]);
    }
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  // A delegation visit (Điều 17), which the demo month does not hold: the history counted below.
  const res = await t.as(chiefOfOffice.id, '/v1/visits', {
    method: 'POST',
    body: JSON.stringify({ delegation: 'Đoàn công tác Bộ TT&TT', from: '2026-12-11', to: '2026-12-11', hostIds: [director.id, itHead.id], preparations: [{ text: 'Chuẩn bị báo cáo', unitId: 'it', dueDate: '2026-12-10' }] }),
    clock: MONDAY,
  });
  expect(res.status).toBe(201);
  visitId = ((await res.json()) as { id: string }).id;
  byType.set('visit', [visitId]);
}, 600_000);
afterAll(async () => {
  await t?.dispose();
});

const staff = sonLa.staff;
const contextOf = () => new OrgContextLoader(new OrganisationRepository(t.table)).load(t.orgId);
const actorOf = (staffId: string) => t.services.organisations.resolveActor({ staffId, orgId: t.orgId });

/** The answer before issue #21: every registered check in registration order, the first that knows the id deciding. */
async function askingEveryCheck(ctx: OrgContext, actor: Actor, entityId: string): Promise<boolean> {
  for (const r of t.services.audit.registrations) {
    const visible = await r.check(ctx, actor, entityId);
    if (visible !== undefined) return visible;
  }
  return false;
}

/** The demo month's entity types, a visit, and ids with no history (a seeded person, an unknown id). */
const TYPES = ['assignment', 'meeting', 'report', 'plan', 'finding', 'reception-schedule', 'outgoing-document', 'leave-request', 'monthly-report', 'payroll', 'board-matter', 'visit'];

describe('the history of a record: one Query, one check for its entityType', () => {
  it('the demo month holds every one of these entity types, each with its check registered', () => {
    expect([...byType.keys()].sort()).toEqual(expect.arrayContaining(TYPES));
    const registered = t.services.audit.registrations.flatMap((r) => r.entityTypes);
    for (const type of byType.keys()) expect(registered, type).toContain(type);
  });

  it.each(TYPES)('%s: each of the 33 people sees or does not see it as before', async (type) => {
    const ctx = await contextOf();
    let seen = 0;
    for (const entityId of byType.get(type)!) {
      for (const member of staff) {
        const actor = await actorOf(member.id);
        const before = await askingEveryCheck(ctx, actor, entityId);
        const res = await t.as(member.id, `/v1/audit?entityId=${encodeURIComponent(entityId)}&limit=1`);
        expect(res.status, `${member.id} on ${type} ${entityId}`).toBe(before ? 200 : 404);
        expect(await t.services.audit.mayRead(ctx, actor, { id: entityId, kind: type })).toBe(before);
        if (before) seen++;
      }
    }
    // Both answers occur for most types; the count keeps a check that answers all-or-nothing in sight.
    expect(seen).toBeGreaterThan(0);
  }, 120_000);

  it.each([
    ['a seeded person, with no history yet', `staff.${itHead.id}`],
    ['an id that is nothing', 'no-such-record'],
  ])('%s: asked of every check, as before', async (_, entityId) => {
    const ctx = await contextOf();
    const answers = new Set<boolean>();
    for (const member of staff) {
      const before = await askingEveryCheck(ctx, await actorOf(member.id), entityId);
      answers.add(before);
      const res = await t.as(member.id, `/v1/audit?entityId=${encodeURIComponent(entityId)}`);
      expect(res.status, member.id).toBe(before ? 200 : 404);
    }
    expect([...answers].sort()).toEqual(entityId === 'no-such-record' ? [false] : [false, true]);
  }, 120_000);

  it("a visit's history is read with one Query and one GetItem", async () => {
    const read = () => t.as(director.id, `/v1/audit?entityId=${visitId}`);
    expect((await read()).status).toBe(200); // warm: the organisation's snapshot is loaded, as in a warm Lambda
    let status = 0;
    const consumed = await measureCapacity(t.table, async () => (status = (await read()).status));
    expect(status).toBe(200);
    // The organisation's version item (every authenticated request reads it once), the Query of the
    // events, and the GetItem of the visit; asking every check in turn made 16 (issue #21).
    expect(consumed.reads).toBe(3);
    expect(consumed.writes).toBe(0);
  });
});
