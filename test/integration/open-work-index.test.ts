/**
 * The open-by-due index (GSI4) keys an entry `<dueDate>#<originalDueDate>#<unitId>#<staffId>`; an entry
 * written before the id left its key ends in `#<id>` until the assignment's next write (issue #20).
 */
import { paginateScan, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { AssignmentRepository } from '../../shared/store/assignment-repository.js';
import { AssignmentItem } from '../../shared/store/keys.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { cast, scriptMonth } from '../support/dashboard-month.js';

let t: TestApp;
const { director } = cast;
const NOW = '2026-11-30T09:00:00+07:00';

beforeAll(async () => {
  t = await createTestApp();
  await scriptMonth(t);
}, 120_000);
afterAll(async () => {
  await t?.dispose();
});

const get = async (as: string, path: string) => {
  const res = await t.as(as, path, { clock: NOW });
  const body = (await res.json()) as any;
  expect(res.status, JSON.stringify(body)).toBe(200);
  return body;
};

it('reads the open work the same from index entries written while their key still ended in the id', async () => {
  const view = async () => {
    const d = await get(director.id, '/v1/dashboard?period=2026-11');
    return { openNow: d.openNow, totals: d.totals, units: d.units, people: d.people };
  };
  const overdueBy = async () => (await new AssignmentRepository(t.table).openDueUpTo(t.orgId, '2026-11-29')).map((a) => a.id);
  const before = await view();
  const sweptBefore = await overdueBy();
  expect(before.openNow.overdue + before.openNow.dueSoon).toBeGreaterThan(0);
  expect(sweptBefore.length).toBeGreaterThan(0);

  const entries: Record<string, any>[] = [];
  for await (const page of paginateScan({ client: t.table.doc }, { TableName: t.table.tableName, FilterExpression: 'attribute_exists(GSI4SK)' })) entries.push(...(page.Items ?? []));
  expect(entries.length).toBeGreaterThanOrEqual(before.openNow.overdue + before.openNow.dueSoon);
  const rewrite = (suffix: (item: Record<string, any>) => string) =>
    Promise.all(
      entries.map((e) =>
        t.table.doc.send(
          new UpdateCommand({ TableName: t.table.tableName, Key: { PK: e.PK, SK: e.SK }, UpdateExpression: 'SET GSI4SK = :k', ExpressionAttributeValues: { ':k': `${e.GSI4SK}${suffix(e)}` } }),
        ),
      ),
    );
  await rewrite((e) => `#${AssignmentItem.patterns.primary.pk.parse(String(e.PK))!.id}`);
  try {
    expect(await view()).toEqual(before);
    expect(await overdueBy()).toEqual(sweptBefore);
  } finally {
    await rewrite(() => '');
  }
});
