/**
 * The director is replaced only by the province's decision, recorded with the deployment's
 * credentials by `npm run director:replace` (scripts/director-replace.ts), never through the API.
 * Runs the real command against the test's table on DynamoDB Local.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { person, sonLa, unitOverseenBy } from '../support/people.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.dispose();
});

const NOW = '2026-11-26T09:00:00+07:00';
const json = async (res: Response) => (await res.json()) as any;
const director = person('director');
const deputy = person('deputy-director', undefined, 1);
const chiefOfOffice = person('chief-of-office');

async function replace(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'scripts/director-replace.ts', '--org', t.orgId, '--at', '2026-11-26T10:00:00+07:00', ...args], {
      env: { ...process.env, DYNAMODB_ENDPOINT: inject('dynamoEndpoint'), TABLE_NAME: t.table.tableName, USER: 'ops-son-la' },
      timeout: 60_000,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: e.code ?? -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

describe('npm run director:replace', () => {
  it('is in package.json, and no HTTP route can do it', async () => {
    const { default: pkg } = await import('../../package.json', { with: { type: 'json' } });
    expect(pkg.scripts['director:replace']).toBe('node --import tsx scripts/director-replace.ts');
    const openapi = await json(await t.app.request('/v1/openapi.json'));
    expect(Object.keys(openapi.paths).filter((p) => /director/i.test(p))).toEqual([]);
  });

  it('refuses without a decision, or for someone who is not current staff, writing nothing', async () => {
    const before = await t.countItems();
    const noDecision = await replace('--staff', deputy.id, '--decision', '  ');
    expect(noDecision.code).toBe(1);
    expect(noDecision.stderr).toContain('--decision');
    const nobody = await replace('--staff', 'khong-co-ai', '--decision', 'Quyết định số 1/QĐ-UBND');
    expect(nobody.code).toBe(1);
    expect(nobody.stderr).toContain('Refused, nothing written');
    expect(await t.countItems()).toBe(before);
  }, 120_000);

  it('in one transaction: the new director takes the role and the units, the former loses it, and the history names the decision', async () => {
    const decision = 'Quyết định số 2468/QĐ-UBND ngày 25/11/2026 của UBND tỉnh Sơn La';
    const run = await replace('--staff', deputy.id, '--decision', decision, '--former-roles', 'deputy-director', '--former-unit', 'board');
    expect(run.code, run.stderr).toBe(0);
    const out = JSON.parse(run.stdout);
    expect(out).toMatchObject({ director: deputy.id, previous: { id: director.id, roles: ['deputy-director'] }, units: unitOverseenBy(director.id) });

    const org = await json(await t.as(deputy.id, '/v1/org', { clock: NOW }));
    expect(org.staff.filter((s: any) => s.roles.includes('director')).map((s: any) => s.id)).toEqual([deputy.id]);
    expect(org.staff.find((s: any) => s.id === director.id)).toMatchObject({ roles: ['deputy-director'], unitId: 'board' });
    for (const unitId of unitOverseenBy(director.id)) expect(org.units.find((u: any) => u.id === unitId).overseenBy).toBe(deputy.id);

    // The organisation's history: one event naming the decision, who ran it, and both records before and after.
    const history = await json(await t.as(deputy.id, `/v1/audit?entityId=organisation.${t.orgId}`, { clock: NOW }));
    expect(history.items).toHaveLength(1);
    const event = history.items[0];
    expect(event).toMatchObject({
      action: 'director-replaced',
      actorId: 'provincial-decision',
      data: { decision, ranBy: 'ops-son-la', previous: director.id, director: deputy.id, after: { former: { roles: ['deputy-director'] }, director: { roles: ['director'] } } },
    });
    // The same transaction: the two people's events carry the same instant and the versions now stored.
    const former = await json(await t.as(deputy.id, `/v1/audit?entityId=staff.${director.id}`, { clock: NOW }));
    const appointed = await json(await t.as(deputy.id, `/v1/audit?entityId=staff.${deputy.id}`, { clock: NOW }));
    expect(former.items.map((e: any) => e.action)).toEqual(['director-replaced']);
    expect(appointed.items.map((e: any) => e.action)).toEqual(['director-appointed']);
    expect(new Set([event.at, former.items[0].at, appointed.items[0].at]).size).toBe(1);
    expect(former.items[0].data.before.roles).toEqual(['director']);
    expect(former.items[0].data.after.roles).toEqual(['deputy-director']);

    // The new director decides the Office's proposals now; the former director no longer does.
    const p = await json(await t.as(chiefOfOffice.id, '/v1/admin/proposals', { method: 'POST', body: JSON.stringify({ kind: 'staff-change', staffId: person('specialist', 'it').id, roles: ['deputy-head'], reason: 'x' }), clock: NOW }));
    expect((await t.as(director.id, `/v1/admin/proposals/${p.id}/decision`, { method: 'POST', body: JSON.stringify({ approve: true }), clock: NOW })).status).toBe(403);
    expect((await t.as(deputy.id, `/v1/admin/proposals/${p.id}/decision`, { method: 'POST', body: JSON.stringify({ approve: false }), clock: NOW })).status).toBe(200);

    // Running it again changes nothing.
    const before = await t.countItems();
    const again = await replace('--staff', deputy.id, '--decision', decision);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('already the director');
    expect(await t.countItems()).toBe(before);
  }, 120_000);

  it('a former director who leaves the department: their record ends, their sign-in stops, the new director succeeds them', async () => {
    const own = await createTestApp();
    const prev = t;
    t = own;
    try {
      const outsider = person('chief-inspector');
      const run = await replace('--staff', outsider.id, '--decision', 'Quyết định số 77/QĐ-UBND');
      expect(run.code, run.stderr).toBe(0);
      const org = await json(await own.as(outsider.id, '/v1/org', { clock: NOW }));
      expect(org.staff.find((s: any) => s.id === outsider.id)).toMatchObject({ roles: ['director'], unitId: 'board' });
      expect(org.staff.filter((s: any) => s.roles.includes('director'))).toHaveLength(1);
      expect((await own.as(director.id, '/v1/org', { clock: NOW })).status).toBe(401);
      const all = await json(await own.as(chiefOfOffice.id, '/v1/admin/staff?includeEnded=true', { clock: NOW }));
      expect(all.items.find((s: any) => s.id === director.id)).toMatchObject({ active: false, roles: [], successorId: outsider.id, endedOn: '2026-11-26' });
      expect(sonLa.staff.find((s) => s.id === outsider.id)!.roles).toEqual(['chief-inspector']);
    } finally {
      t = prev;
      await own.dispose();
    }
  }, 120_000);
});
