import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { complianceService } from '../../shared/services/compliance/compliance-service.js';
import { OrgContextLoader } from '../../shared/services/org-context.js';
import { CapacityMeter } from '../../shared/store/capacity.js';
import { createTableContext, type TableContext } from '../../shared/store/client.js';
import { FindingRepository } from '../../shared/store/finding-repository.js';
import { OrganisationRepository } from '../../shared/store/organisation-repository.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { person } from '../support/people.js';

// Issue #20: the daily A6 sweep reads the open work past due, not the completed work that waits
// for acceptance (it stays in the open partition of GSI3 and grows with the department's history).
let t: TestApp;
let metered: TableContext;
const meter = new CapacityMeter();
beforeAll(async () => {
  t = await createTestApp();
  metered = createTableContext({ tableName: t.table.tableName, endpoint: inject('dynamoEndpoint'), capacity: meter.recorder });
});
afterAll(async () => {
  metered?.client.destroy();
  await t?.dispose();
});

const itHead = person('head', 'it');
const itSpecialist = person('specialist', 'it');
const AT = new Date('2026-11-23T00:05:00+07:00');

async function assign(title: string, dueDate: string, clock: string): Promise<string> {
  const res = await t.as(itHead.id, '/v1/assignments', { method: 'POST', body: JSON.stringify({ title, assigneeId: itSpecialist.id, dueDate }), clock });
  expect(res.status).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

describe('A6 reads what is overdue, whatever the completed work awaiting acceptance', () => {
  it('a run reads the same units with 30 more completed, unaccepted assignments in the open partition, and escalates the same work', async () => {
    const overdue = [await assign('Báo cáo quá hạn 1', '2026-11-18', '2026-11-16T09:00:00+07:00'), await assign('Báo cáo quá hạn 2', '2026-11-19', '2026-11-16T09:00:00+07:00')];
    const engine = complianceService(new OrgContextLoader(new OrganisationRepository(metered)), metered, new FindingRepository(metered));
    const first = await engine.run(t.orgId, 'A6', AT);
    expect(new Set(first.findings.map((f) => f.ref))).toEqual(new Set(overdue));
    const before = await meter.measure(() => engine.run(t.orgId, 'A6', AT));
    expect(before.result.created).toEqual([]);

    for (let n = 0; n < 30; n++) {
      const id = await assign(`Việc đã xong ${n}: rà soát hồ sơ chuyển đổi số của đơn vị`, '2026-11-10', '2026-11-05T09:00:00+07:00');
      const done = await t.as(itSpecialist.id, `/v1/assignments/${id}/complete`, { method: 'POST', body: JSON.stringify({ note: 'Đã xong' }), clock: '2026-11-12T15:00:00+07:00' });
      expect(done.status).toBe(200);
    }
    const open = await t.as(itHead.id, '/v1/assignments?unitId=it&limit=100');
    // They are still in the open partition: awaiting acceptance.
    expect(((await open.json()) as { items: { status: string }[] }).items.filter((a) => a.status === 'completed')).toHaveLength(30);

    const after = await meter.measure(() => engine.run(t.orgId, 'A6', AT));
    expect(after.result.findings).toEqual(before.result.findings);
    expect(after.units.read).toBe(before.units.read);
    expect(after.units.write).toBe(0);
  });
});
