import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { auditEventPut, ConditionFailed, transactWrite } from '../../shared/store/transact.js';
import { entityPk, eventSk } from '../../shared/store/keys.js';
import { createTestApp, type TestApp } from '../support/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.dispose();
});

describe('the audit store', () => {
  it('refuses to overwrite an audit event, even through the store itself', async () => {
    const event = { id: 'ev-1', orgId: t.orgId, entityType: 'assignment', entityId: 'a-1', action: 'created', actorId: 'x', at: '2026-11-26T02:00:00.000Z', version: 1, data: { n: 1 } };
    await transactWrite(t.table, [auditEventPut(t.table.tableName, event)]);
    const rewrite = transactWrite(t.table, [auditEventPut(t.table.tableName, { ...event, action: 'rewritten', data: { n: 2 } })]);
    await expect(rewrite).rejects.toBeInstanceOf(ConditionFailed);
    const stored = await t.table.doc.send(
      new GetCommand({ TableName: t.table.tableName, Key: { PK: entityPk(t.orgId, 'a-1'), SK: eventSk(1, 'ev-1') } }),
    );
    expect(stored.Item).toMatchObject({ action: 'created', data: { n: 1 } });
  });
});
