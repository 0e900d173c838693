// P1 with A2 (Điều 3.3.3, 4.1.2) against DynamoDB Local: a deputy director holding the director's
// authority under an A2 delegation approves the department's weekly programme in the director's
// place, on the delegation's days only.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { deputyDirectors, person, sonLa } from '../support/people.js';

process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.dispose();
});

const body = (b: unknown) => JSON.stringify(b);
const json = async (res: Response) => (await res.json()) as any;
const director = person('director');
const chiefOfOffice = person('chief-of-office');
const office = sonLa.units.find((u) => u.id === chiefOfOffice.unitId)!;
// A deputy who does not oversee the Office: only the delegation lets them decide its plans.
const acting = deputyDirectors().find((d) => d.id !== office.overseenBy)!;
const submit = (period: string, clock: string) =>
  t.as(chiefOfOffice.id, '/v1/plans', { method: 'POST', body: body({ period, obligationId: 'p1-weekly-programme', content: `Chương trình ${period}` }), clock });
const approve = (as: string, id: string, clock: string) => t.as(as, `/v1/plans/${id}/approve`, { method: 'POST', body: body({}), clock });

describe('P1 (Điều 10) with A2 (Điều 3.3.3, 4.1.2): the acting director approves the department’s plans', () => {
  let w49: any;
  let w50: any;
  it('P1, A2 (Điều 3.3.3, 4.1.2): delegated 30/11–02/12/2026, the deputy approves on 30/11/2026 00:00:00 and is refused on 29/11/2026 23:59:59 and on 03/12/2026 00:00:00', async () => {
    w49 = await json(await submit('2026-W49', '2026-11-27T15:00:00+07:00'));
    w50 = await json(await submit('2026-W50', '2026-11-27T15:00:00+07:00'));
    const d = await t.as(director.id, '/v1/delegations', { method: 'POST', body: body({ delegateId: acting.id, from: '2026-11-30', to: '2026-12-02' }), clock: '2026-11-27T16:00:00+07:00' });
    expect(d.status).toBe(201);

    const before = await approve(acting.id, w49.id, '2026-11-29T23:59:59+07:00');
    expect(before.status).toBe(403);
    const onFirstDay = await approve(acting.id, w49.id, '2026-11-30T00:00:00+07:00');
    expect(onFirstDay.status).toBe(200);
    expect(await json(onFirstDay)).toMatchObject({ reviewStatus: 'approved' });

    const after = await approve(acting.id, w50.id, '2026-12-03T00:00:00+07:00');
    expect(after.status).toBe(403);
    const stillOpen = await json(await t.as(director.id, `/v1/plans/${w50.id}`, { clock: '2026-12-03T00:00:01+07:00' }));
    expect(stillOpen.reviewStatus).toBe('submitted');
    // The director, as ever, approves.
    expect((await approve(director.id, w50.id, '2026-12-03T08:00:00+07:00')).status).toBe(200);
  });
});
