/**
 * A3 (Điều 4.1.2): the daily check reads the delegations that ended within the rulebook's
 * `delegationReportBack.sweepDays` (60 in Sơn La, with its basis): at its boundary, one run finds
 * the delegation that ended 60 days before and not the one that ended 61 days before.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { deputyDirectors, person, sonLa } from '../support/people.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.dispose());

const director = person('director');
const [first, second] = deputyDirectors() as [ReturnType<typeof person>, ReturnType<typeof person>];
const body = (b: unknown) => JSON.stringify(b);

async function delegate(delegateId: string, from: string, to: string) {
  const res = await t.as(director.id, '/v1/delegations', { method: 'POST', body: body({ delegateId, from, to }), clock: '2026-12-01T09:00:00+07:00' });
  expect(res.status).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

describe('A3 (Điều 4.1.2): the report-back sweep’s window is the rulebook’s sweepDays', () => {
  it('A3 (Điều 4.1.2): on 08/02/2027 the run finds the delegation that ended 10/12/2026 (60 days before) and not the one that ended 09/12/2026 (61 days)', async () => {
    expect(sonLa.delegationReportBack).toMatchObject({ sweepDays: 60, sweepBasis: expect.stringContaining('60 days') });
    const ended61 = await delegate(first.id, '2026-12-07', '2026-12-09');
    const ended60 = await delegate(second.id, '2026-12-10', '2026-12-10');
    const res = await t.as(director.id, '/v1/checks/run', { method: 'POST', body: body({ rule: 'A3', at: '2027-02-08T00:05:00+07:00' }), clock: '2027-02-08T00:05:00+07:00' });
    expect(res.status).toBe(200);
    const refs = ((await res.json()) as { findings: { ref: string }[] }).findings.map((f) => f.ref);
    expect(refs).toContain(ended60);
    expect(refs).not.toContain(ended61);
  });
});
