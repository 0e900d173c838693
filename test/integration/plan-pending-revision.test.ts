// P1 (Điều 10.1) against DynamoDB Local: a change to the approved weekly programme is read, until
// the director approves it, only by its author, the approver and the Office; everyone else keeps
// reading the approved revision, and reads the change from the instant it is approved.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { person } from '../support/people.js';

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
const officeSpecialist = person('specialist', chiefOfOffice.unitId);
const pressSpecialist = person('specialist', 'press');
const submit = (b: Record<string, unknown>, clock: string) =>
  t.as(chiefOfOffice.id, '/v1/plans', { method: 'POST', body: body({ period: '2026-W49', obligationId: 'p1-weekly-programme', ...b }), clock });
const read = async (as: string, id: string, clock: string) => json(await t.as(as, `/v1/plans/${id}`, { clock }));

describe('P1 (Điều 10.1): a pending change to an approved department plan', () => {
  it('P1 (Điều 10.1): until the director approves revision 2 at 10:00:00 on 30/11/2026, a specialist of another unit reads revision 1 only (at 09:59:59); from 10:00:00 revision 2; the author, the Office and the director read it pending', async () => {
    const plan = await json(await submit({ content: 'Chương trình tuần 49 — bản 1' }, '2026-11-27T15:00:00+07:00'));
    expect((await t.as(director.id, `/v1/plans/${plan.id}/approve`, { method: 'POST', body: body({}), clock: '2026-11-27T16:30:00+07:00' })).status).toBe(200);
    const changed = await submit({ content: 'Chương trình tuần 49 — bản 2 (đổi lịch họp)', reason: 'Đổi lịch họp giao ban' }, '2026-11-30T08:00:00+07:00');
    expect(changed.status).toBeLessThan(300);

    const outsider = await read(pressSpecialist.id, plan.id, '2026-11-30T09:59:59+07:00');
    expect(outsider).toMatchObject({ revision: 1, reviewStatus: 'approved' });
    expect(outsider.revisions.map((r: any) => r.content)).toEqual(['Chương trình tuần 49 — bản 1']);
    expect(JSON.stringify(outsider)).not.toContain('bản 2');
    expect((await t.as(pressSpecialist.id, `/v1/audit?entityId=${plan.id}`, { clock: '2026-11-30T09:59:59+07:00' })).status).toBe(404);
    for (const who of [chiefOfOffice.id, officeSpecialist.id, director.id]) {
      const r = await read(who, plan.id, '2026-11-30T09:59:59+07:00');
      expect(r.revision).toBe(2);
      expect(r.revisions.map((x: any) => x.content)).toContain('Chương trình tuần 49 — bản 2 (đổi lịch họp)');
    }

    expect((await t.as(director.id, `/v1/plans/${plan.id}/approve`, { method: 'POST', body: body({}), clock: '2026-11-30T10:00:00+07:00' })).status).toBe(200);
    const after = await read(pressSpecialist.id, plan.id, '2026-11-30T10:00:00+07:00');
    expect(after).toMatchObject({ revision: 2, reviewStatus: 'approved' });
    expect(after.revisions.map((r: any) => r.content)).toContain('Chương trình tuần 49 — bản 2 (đổi lịch họp)');
  });
});
