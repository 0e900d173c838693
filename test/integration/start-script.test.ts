import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rulebookForProvince } from '../../shared/rulebook/load.js';
import { START, launchTracker, startTracker } from '../support/start-tracker.js';

// `npm start` itself, as a newcomer runs it: node with tsx, the real DynamoDB Local, signals.
const env = { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' };

function javaChildrenOf(pid: number): number[] {
  const out = spawnSync('pgrep', ['-P', String(pid), 'java'], { encoding: 'utf8' }).stdout.trim();
  return out ? out.split('\n').map(Number) : [];
}
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('npm start', () => {
  it('runs the seeded tracker, and SIGTERM leaves no DynamoDB Local behind', async () => {
    // --empty: the organisation alone (the demo month has its own test below).
    const run = await startTracker(['--in-memory', '--empty'], { env });
    const { child, port } = run;
    const output = run.output();
    expect(output).toContain(`http://localhost:${port}/v1`);
    expect(output).toContain('POST');
    expect(output).toContain('E-office:     outbox sent every 30 s');
    expect(output).not.toContain('Demo month');
    const java = javaChildrenOf(child.pid!);
    expect(java.length).toBe(1);

    const staff = (await (await fetch(`http://127.0.0.1:${port}/dev/staff`)).json()) as { id: string }[];
    const { token } = (await (
      await fetch(`http://127.0.0.1:${port}/dev/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ staffId: staff[0]!.id }),
      })
    ).json()) as { token: string };
    const org = (await (await fetch(`http://127.0.0.1:${port}/v1/org`, { headers: { authorization: `Bearer ${token}` } })).json()) as {
      units: unknown[];
    };
    expect(org.units).toHaveLength(7);

    await run.stop();
    await new Promise((r) => setTimeout(r, 300));
    expect(alive(java[0]!)).toBe(false);
  }, 60_000);

  it('a port in use stops the start at once, in one line, before DynamoDB Local is started', async () => {
    const taken = createServer();
    await new Promise<void>((r) => taken.listen(0, '127.0.0.1', r));
    const port = (taken.address() as AddressInfo).port;
    try {
      const run = launchTracker(['--in-memory', '--empty', '--port', String(port)], { env });
      // The Java check (java -version) may run; DynamoDB Local must not.
      const dynamo: string[] = [];
      const poll = setInterval(() => dynamo.push(spawnSync('pgrep', ['-P', String(run.child.pid), '-f', 'DynamoDBLocal'], { encoding: 'utf8' }).stdout.trim()), 50);
      const code = await run.exited;
      clearInterval(poll);
      expect(code).toBe(1);
      expect(run.stderr().trim()).toBe(`Port ${port} is in use: try --port <another>.`);
      expect(dynamo.length).toBeGreaterThan(0);
      expect(dynamo.filter(Boolean)).toEqual([]);
    } finally {
      taken.close();
    }
  }, 30_000);

  it('answers on its port from the first moment: 503 with Retry-After until the data is ready, then the API', async () => {
    const run = launchTracker(['--in-memory', '--empty', '--port', '0'], { env });
    try {
      const base = (await run.waitFor(/Starting on (\S+) /))![1]!.replace('localhost', '127.0.0.1');
      const [early, page] = await Promise.all([
        fetch(`${base}/v1/org`, { headers: { 'accept-language': 'vi' } }),
        fetch(`${base}/dashboard`, { headers: { accept: 'text/html' } }),
      ]);
      expect(run.output()).not.toContain('Ctrl-C stops');
      expect(early.status).toBe(503);
      expect(early.headers.get('retry-after')).toBe('5');
      expect(early.headers.get('content-type')).toBe('application/problem+json; charset=utf-8');
      expect(await early.json()).toMatchObject({ status: 503, title: 'Dịch vụ tạm thời không sẵn sàng', detail: 'Hệ thống đang khởi động; hãy thử lại sau vài giây.' });
      expect(page.status).toBe(503);
      expect(await page.text()).toContain('<meta http-equiv="refresh" content="5">');
      expect(page.headers.get('content-security-policy')).toBe("default-src 'none'; style-src 'unsafe-inline'");
      expect(await run.waitFor(/Ctrl-C stops/)).not.toBeNull();
      expect((await fetch(`${base}/v1/openapi.json`)).status).toBe(200);
    } finally {
      await run.stop();
    }
  }, 60_000);

  it('a bad rulebook stops the start and lists the path of every bad field', () => {
    const bad = structuredClone(rulebookForProvince('son-la')[0]!) as any;
    bad.staff[0].unitId = 'no-such-unit';
    bad.calendar.holidays.push({ date: '2026-02-30', name: { vi: 'x', en: 'x' } });
    const dir = mkdtempSync(join(tmpdir(), 'rulebook-'));
    const file = join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify(bad));
    const run = spawnSync(process.execPath, [...START, '--in-memory', '--rulebook', file], { env, encoding: 'utf8' });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('staff[0].unitId');
    expect(run.stderr).toMatch(/calendar\.holidays\[\d+\]\.date/);
    expect(run.stdout).not.toContain('running');
  });

  it('without Java it says so in one line, with the fix', () => {
    const bin = mkdtempSync(join(tmpdir(), 'nojava-'));
    symlinkSync(process.execPath, join(bin, 'node'));
    const run = spawnSync(join(bin, 'node'), [...START, '--in-memory'], {
      env: { ...env, PATH: bin },
      encoding: 'utf8',
    });
    expect(run.status).toBe(1);
    const lines = run.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/Java is not installed.*apt-get install/);
  });
});

describe('npm start with the demo month', () => {
  it('seeds the month through the API once (TRACKER_DEMO=0 seeds none): the dashboard shows work, no report missing before go-live', async () => {
    const run = await startTracker(['--in-memory'], { env, readyWithinMs: 400_000 });
    const { port } = run;
    const output = run.output();
    try {
      expect(output).toMatch(/Demo month: +seeded \(\d+ steps through the API\)/);
      // The hundreds of notifications the month raises are in the app, not printed at a newcomer.
      expect(output).not.toContain('"message":"notification"');
      expect(output.split('\n').length).toBeLessThan(40);
      const goLive = /live since (\d{4}-\d{2}-\d{2})/.exec(output)![1]!;
      const { token } = (await (
        await fetch(`http://127.0.0.1:${port}/dev/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ staffId: 'nguyen-van-hung' }) })
      ).json()) as { token: string };
      const get = async (path: string) => (await (await fetch(`http://127.0.0.1:${port}${path}`, { headers: { authorization: `Bearer ${token}` } })).json()) as any;
      const year = goLive.slice(0, 4);
      const dashboard = await get(`/v1/dashboard?period=${year}`);
      expect(dashboard.totals.assignments.assigned).toBeGreaterThan(10);
      expect(dashboard.totals.reports.onTime).toBeGreaterThan(50);
      // Missing reports are the demo's few, all due after go-live: nothing counted from before it.
      const missing = await get(`/v1/dashboard/records?period=${year}&figure=reports.missing`);
      expect(missing.items.length).toBeGreaterThan(0);
      for (const r of missing.items as { dueAt: string }[]) expect(r.dueAt.slice(0, 10) > goLive).toBe(true);
    } finally {
      await run.stop();
    }
  }, 480_000);

  it('TRACKER_DEMO=0 seeds only the organisation', async () => {
    const run = await startTracker(['--in-memory'], { env: { ...env, TRACKER_DEMO: '0' }, readyWithinMs: 90_000 });
    const { port } = run;
    const output = run.output();
    try {
      expect(output).not.toContain('Demo month');
      const { token } = (await (
        await fetch(`http://127.0.0.1:${port}/dev/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ staffId: 'nguyen-van-hung' }) })
      ).json()) as { token: string };
      const dashboard = (await (await fetch(`http://127.0.0.1:${port}/v1/dashboard`, { headers: { authorization: `Bearer ${token}` } })).json()) as any;
      expect(dashboard.totals.assignments.assigned).toBe(0);
      expect(dashboard.totals.reports.missing).toBe(0);
    } finally {
      await run.stop();
    }
  }, 120_000);
});

describe('npm run seed', () => {
  it('loads the organisation into an empty table once; a second run writes nothing', async () => {
    const { inject } = await import('vitest');
    const { ulid } = await import('ulidx');
    const { createTableContext } = await import('../../shared/store/client.js');
    const { ensureTable } = await import('../../shared/store/create-table.js');
    const { OrganisationRepository } = await import('../../shared/store/organisation-repository.js');
    const endpoint = inject('dynamoEndpoint');
    const tableName = `seed-${ulid()}`;
    const table = createTableContext({ tableName, endpoint });
    await ensureTable(table.client, tableName);
    const seed = () =>
      spawnSync(process.execPath, ['--import', 'tsx', 'scripts/seed.ts', '--table', tableName, '--endpoint', endpoint], { env, encoding: 'utf8' });
    const first = seed();
    expect(first.status).toBe(0);
    expect(first.stdout.trim()).toBe('so-tttt-son-la: seeded');
    const org = await new OrganisationRepository(table).getOrganisation('so-tttt-son-la');
    expect(org?.units).toHaveLength(7);
    expect(org?.staff).toHaveLength(rulebookForProvince('son-la')[0]!.staff.length);
    // It goes live the day it is seeded.
    expect(org?.organisation.goLiveOn).toBe(new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date()));
    const second = seed();
    expect(second.stdout.trim()).toBe('so-tttt-son-la: already-seeded');
    // A deployed province moves its go-live date with the same command.
    const moved = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/seed.ts', '--table', tableName, '--endpoint', endpoint, '--go-live', '2027-01-04'], { env, encoding: 'utf8' });
    expect(moved.stdout.trim()).toMatch(/^so-tttt-son-la: already-seeded; go-live moved from \d{4}-\d{2}-\d{2} to 2027-01-04$/);
    expect((await new OrganisationRepository(table).getOrganisationMeta('so-tttt-son-la'))?.goLiveOn).toBe('2027-01-04');
    const invalid = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/seed.ts', '--table', tableName, '--endpoint', endpoint, '--go-live', '2027-02-30'], { env, encoding: 'utf8' });
    expect(invalid.status).toBe(1);
    expect(invalid.stderr).toContain('go-live');
    const missing = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/seed.ts'], { env: { ...env, TABLE_NAME: '' }, encoding: 'utf8' });
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain('--table');
    table.client.destroy();
  }, 60_000);
});
