import { describe, expect, it } from 'vitest';
import { eventObligations, orgSnapshotOf, periodicObligations } from '../../shared/domain/obligations.js';
import { expectedMeetings } from '../../shared/domain/meeting-schedule.js';
import { countsFromGoLive, deadlineCountsFromGoLive } from '../../shared/domain/periods.js';
import { calendarOf } from '../../shared/domain/working-calendar-of.js';
import { rulebookForProvince } from '../../shared/rulebook/load.js';

// Go-live where obligations and the meeting schedule are generated (docs/go-live.md).
const rb = rulebookForProvince('son-la')[0]!;
const calendar = calendarOf(rb);
const org = (goLiveOn?: string) => ({ ...orgSnapshotOf(rb), ...(goLiveOn ? { goLiveOn } : {}) });
const rules = (periodId: string, goLiveOn?: string) => [...new Set(periodicObligations(rb, org(goLiveOn), calendar, { periodId }).map((i) => i.rule))].sort();
const specialist = rb.staff.find((s) => s.roles.includes('specialist'))!;

describe('go-live', () => {
  it('a period counts when it ends on or after the go-live day; a deadline only after that day', () => {
    expect(countsFromGoLive('2026-11-01', '2026-11-02')).toBe(false);
    expect(countsFromGoLive('2026-11-02', '2026-11-02')).toBe(true);
    expect(deadlineCountsFromGoLive('2026-11-02', '2026-11-02')).toBe(false);
    expect(deadlineCountsFromGoLive('2026-11-03', '2026-11-02')).toBe(true);
    expect(countsFromGoLive('1999-01-01', undefined)).toBe(true);
  });

  it('R1-R3: the week that ended the day before go-live owes nothing; the week containing it owes its Thursday reports', () => {
    expect(rules('2026-W44', '2026-11-02')).toEqual([]);
    expect(rules('2026-W44')).toEqual(['P1', 'P3', 'R1', 'R2', 'R3']);
    expect(rules('2026-W45', '2026-11-02')).toEqual(['R1', 'R2', 'R3']); // P3's Monday 10:00 programme fell on go-live day
    // Going live on the Thursday itself: that day's 10:00 and 16:00 deadlines are not owed.
    expect(rules('2026-W45', '2026-11-05')).toEqual([]);
  });

  it('a quarter containing go-live owes its later deadlines, not its plan due before go-live (P2)', () => {
    expect(rules('2026-Q4', '2026-11-02')).toEqual(['F4', 'R2', 'R3', 'R4', 'R6']);
    expect(rules('2026-Q4', '2026-10-01')).toEqual(['F4', 'P2', 'R2', 'R3', 'R4', 'R6']);
  });

  it('R5: a mission that ended before go-live raises no report', () => {
    const mission = (date: string) => eventObligations(rb, org('2026-11-02'), calendar, { kind: 'mission-ended', staffId: specialist.id, ref: 'm1', date });
    expect(mission('2026-11-01')).toEqual([]);
    expect(mission('2026-11-02').map((i) => i.rule)).toEqual(['R5']);
  });

  it('M1, M4: no meeting expected in a window that closed by go-live', () => {
    const units = org().units;
    const expected = (goLiveOn?: string) =>
      expectedMeetings({ obligations: rb.meetingObligations, units, calendar, range: { start: '2026-10-26', end: '2026-11-08' }, goLiveOn }).map((e) => `${e.rule}:${e.occurrence}`);
    expect(new Set(expected('2026-11-02'))).toEqual(new Set(['M1:2026-W45', ...Array(6).fill('M4:2026-11')]));
    expect(expected()).toContain('M1:2026-W44');
    expect(expected()).toContain('M4:2026-10');
  });
});
