import { afterEach, describe, expect, it, vi } from 'vitest';
import { startLocalScheduler } from '../../scripts/lib/local-scheduler.js';
import { complianceSchedules } from '../../shared/services/compliance/schedules.js';
import { sonLa } from '../support/people.js';

const TZ = 'Asia/Ho_Chi_Minh';

afterEach(() => {
  vi.useRealTimers();
});

describe('the in-process scheduler of npm start', () => {
  it('runs each rule at its next fire time in Hà Nội time, then the one after', async () => {
    vi.useFakeTimers({ now: new Date('2026-11-14T23:00:00+07:00') });
    const runs: string[] = [];
    const scheduler = startLocalScheduler({
      entries: complianceSchedules(sonLa),
      run: async (rule, at) => {
        runs.push(`${rule}@${at.toISOString()}`);
      },
    });
    expect(scheduler.next().find((n) => n.name === 'f2-check')?.at.toISOString()).toBe('2026-11-14T17:05:00.000Z');
    await vi.advanceTimersByTimeAsync(64 * 60_000); // to 00:04 on the 15th
    expect(runs).toEqual([]);
    await vi.advanceTimersByTimeAsync(60_000); // 00:05
    expect(runs.sort()).toEqual(['A3@2026-11-14T17:05:00.000Z', 'A6@2026-11-14T17:05:00.000Z', 'C1@2026-11-14T17:05:00.000Z', 'CAL@2026-11-14T17:05:00.000Z', 'F2@2026-11-14T17:05:00.000Z', 'F3@2026-11-14T17:05:00.000Z', 'P1@2026-11-14T17:05:00.000Z']);
    await vi.advanceTimersByTimeAsync(8 * 3600_000); // 08:05: the reminder
    expect(runs.filter((r) => r.startsWith('F2'))).toEqual(['F2@2026-11-14T17:05:00.000Z', 'F2@2026-11-15T01:00:00.000Z']);
    expect(scheduler.next().find((n) => n.name === 'f2-check')?.at.toISOString()).toBe('2026-12-14T17:05:00.000Z');
    expect(scheduler.next().find((n) => n.name === 'f1-check')?.at.toISOString()).toBe('2026-11-30T17:05:00.000Z');
    await scheduler.stop();
  });

  it('a failed run is logged and the schedule goes on; stop() clears every timer', async () => {
    vi.useFakeTimers({ now: new Date('2026-11-14T23:59:00+07:00') });
    const lines: string[] = [];
    let calls = 0;
    const scheduler = startLocalScheduler({
      entries: [{ name: 'a6-daily', rule: 'A6', schedule: { kind: 'daily', time: '00:05' }, timeZone: TZ }],
      run: async () => {
        calls++;
        throw new Error('DynamoDB Local is down');
      },
      log: (line) => lines.push(line),
    });
    await vi.advanceTimersByTimeAsync(6 * 60_000);
    expect(calls).toBe(1);
    expect(lines).toEqual(['compliance a6-daily: A6 failed: DynamoDB Local is down']);
    await scheduler.stop();
    await vi.advanceTimersByTimeAsync(2 * 86_400_000);
    expect(calls).toBe(1);
    expect(vi.getTimerCount()).toBe(0);
  });
});
