import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { scheduledChecks } from '../../shared/services/compliance/registry.js';
import { complianceSchedules } from '../../shared/services/compliance/schedules.js';
import { person, sonLa } from '../support/people.js';

// The two ways a rule runs outside the API: the deployed compliance Lambda (EventBridge Scheduler
// sends {rule}) and `npm run check`, both against DynamoDB Local and the real registry.
let t: TestApp;
let handler: (event: unknown, context: unknown) => Promise<{ rule: string; at: string; findings: number }>;

beforeAll(async () => {
  t = await createTestApp();
  Object.assign(process.env, {
    TABLE_NAME: t.table.tableName,
    PROVINCE_ID: 'son-la',
    AWS_REGION: 'local',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    AWS_ENDPOINT_URL_DYNAMODB: inject('dynamoEndpoint'),
    POWERTOOLS_LOG_LEVEL: 'SILENT',
  });
  ({ handler } = (await import('../../functions/compliance/lambda.js')) as never);
});
afterAll(async () => {
  await t?.dispose();
});

const context = { getRemainingTimeInMillis: () => 60_000, awsRequestId: 'test' };

describe('the compliance Lambda', () => {
  it('runs the rule EventBridge names, for the province’s organisations, against the table', async () => {
    const result = await handler({ rule: 'F2', at: '2026-11-15T00:05:00+07:00' }, context);
    expect(result).toEqual({ rule: 'F2', at: '2026-11-14T17:05:00.000Z', findings: 1 });
    const findings = await (await t.as(person('director').id, '/v1/findings?rule=F2')).json();
    expect((findings as { items: { period: string }[] }).items.map((f) => f.period)).toEqual(['2026-11']);
  });

  it('a second delivery of the same event creates nothing', async () => {
    const before = await t.countItems();
    expect(await handler({ rule: 'F2', at: '2026-11-15T00:05:00+07:00' }, context)).toMatchObject({ findings: 1 });
    expect(await t.countItems()).toBe(before);
  });

  it('rethrows, so EventBridge retries: an unknown rule, an invalid event', async () => {
    await expect(handler({ rule: 'Z9' }, context)).rejects.toThrow(/no compliance rule Z9/);
    await expect(handler({ rule: 'F2', extra: true }, context)).rejects.toThrow(/Invalid compliance event/);
    await expect(handler({}, context)).rejects.toThrow(/Invalid compliance event/);
  });
});

function runCheck(args: string[], env: Record<string, string | undefined>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/check.ts', ...args], {
      env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('npm run check', () => {
  const env = () => ({ DYNAMODB_ENDPOINT: inject('dynamoEndpoint'), TABLE_NAME: t.table.tableName });

  it('runs one rule at --at against the table and prints the findings as JSON', async () => {
    const { code, stdout, stderr } = await runCheck(['F5', '--at', '2026-12-01T00:05+07:00'], env());
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const out = JSON.parse(stdout);
    expect(out).toMatchObject({ rule: 'F5', at: '2026-11-30T17:05:00.000Z' });
    expect(out.results).toHaveLength(1);
    expect(out.results[0].findings.map((f: { rule: string; period: string; subjectId: string }) => [f.rule, f.period, f.subjectId])).toEqual([
      ['F5', '2026-11', person('treasurer').id],
    ]);
  }, 60_000);

  it('an unknown rule, a bad --at or no DynamoDB to talk to: a one-line error and exit code 1', async () => {
    const unknown = await runCheck(['Z9'], env());
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain(`Unknown rule Z9; the rules are ${scheduledChecks.map((r) => r.id).join(', ')}.`);
    const badAt = await runCheck(['F2', '--at', 'tomorrow'], env());
    expect(badAt.code).toBe(1);
    expect(badAt.stderr).toMatch(/--at must be an ISO 8601 timestamp/);
    const nowhere = await runCheck(['F2'], { DYNAMODB_ENDPOINT: undefined, TRACKER_DATA_DIR: mkdtempSync(join(tmpdir(), 'check-')) });
    expect(nowhere.code).toBe(1);
    expect(nowhere.stderr).toMatch(/npm start/);
  }, 60_000);

  it('--list prints every schedule with its cron', async () => {
    const { code, stdout } = await runCheck(['--list'], {});
    expect(code).toBe(0);
    expect(stdout).toMatch(/F2\s+f2-check\s+cron\(5 0 15 \* \? \*\)\s+monthly on day 15 at 00:05/);
    expect(stdout.trim().split('\n')).toHaveLength(complianceSchedules(sonLa).length);
  }, 60_000);
});
