import { afterEach, describe, expect, it, vi } from 'vitest';
import { startRepeating } from '../../scripts/lib/repeating-task.js';

afterEach(() => {
  vi.useRealTimers();
});

describe('the e-office outbox loop of npm start', () => {
  it('runs every 30 s, never two runs at once; a failure is logged and the next run comes', async () => {
    vi.useFakeTimers();
    const lines: string[] = [];
    let calls = 0;
    let inFlight = 0;
    let overlapped = false;
    const task = startRepeating({
      name: 'e-office outbox',
      everyMs: 30_000,
      run: async () => {
        calls++;
        overlapped ||= inFlight > 0;
        inFlight++;
        await new Promise((r) => setTimeout(r, 45_000)); // slower than the interval
        inFlight--;
        if (calls === 1) throw new Error('callback URL unreachable');
      },
      log: (line) => lines.push(line),
    });
    await vi.advanceTimersByTimeAsync(29_999);
    expect(calls).toBe(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(calls).toBe(1);
    // The first run ends at 75 s; the next starts 30 s later, at 105 s.
    await vi.advanceTimersByTimeAsync(74_999);
    expect(calls).toBe(1);
    expect(lines).toEqual(['e-office outbox failed: callback URL unreachable']);
    await vi.advanceTimersByTimeAsync(1);
    expect(calls).toBe(2);
    expect(overlapped).toBe(false);
    const stopped = task.stop();
    await vi.advanceTimersByTimeAsync(45_000);
    await stopped;
    expect(lines).toHaveLength(1);
  });

  it('stop() waits for the run in progress and leaves no timer', async () => {
    vi.useFakeTimers();
    let finished = false;
    let calls = 0;
    const task = startRepeating({
      everyMs: 1_000,
      run: async () => {
        calls++;
        await new Promise((r) => setTimeout(r, 500));
        finished = true;
      },
    });
    await vi.advanceTimersByTimeAsync(1_100);
    expect(calls).toBe(1);
    const stopped = task.stop();
    await vi.advanceTimersByTimeAsync(500);
    await stopped;
    expect(finished).toBe(true);
    expect(vi.getTimerCount()).toBe(0);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(calls).toBe(1);
  });
});
