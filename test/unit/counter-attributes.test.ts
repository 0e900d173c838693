import { describe, expect, it } from 'vitest';
import { counterFigureOf, countersByFigure, storedCounterName } from '../../shared/domain/counter-attributes.js';
import { addDays, type LocalDate } from '../../shared/domain/local-time.js';
import { periodContaining } from '../../shared/domain/periods.js';

const FIGURES = [
  'asg_assigned',
  'asg_open',
  'asg_cancelled',
  'asg_completedOnTime',
  'asg_completedAfterExtension',
  'asg_completedLate',
  'rep_submitted',
  'rep_onTime',
  'rep_late',
  'mtg_held',
  'mtg_withConclusions',
  'mtg_conclusionsOnTime',
  'mtg_conclusionsLate',
  'fnd_detected',
  'fnd_resolved',
  'fnd_detected_A6',
  'fnd_resolved_F12',
];

describe('the stored names of the counters', () => {
  it('stores each figure of a week under a short name that reads back as the same figure, in every month of 2020–2032', () => {
    const figureOfName = new Map<string, string>();
    const monthWeeks = new Set<string>();
    for (let day = '2020-01-01' as LocalDate; day < '2033-01-01'; day = addDays(day, 1)) monthWeeks.add(`${day.slice(0, 7)} ${periodContaining('week', day).id}`);
    for (const monthWeek of monthWeeks) {
      const [monthId, weekId] = monthWeek.split(' ') as [string, string];
      for (const figure of FIGURES) {
        const stored = storedCounterName(`${figure}@${weekId}`, monthId);
        expect(stored.length, stored).toBeLessThanOrEqual(6);
        expect(counterFigureOf(stored, monthId)).toBe(`${figure}@${weekId}`);
        // No two figures of a month share a name.
        const key = `${monthId} ${stored}`;
        expect(figureOfName.get(key) ?? `${figure}@${weekId}`).toBe(`${figure}@${weekId}`);
        figureOfName.set(key, `${figure}@${weekId}`);
      }
    }
    expect(monthWeeks.size).toBeGreaterThan(13 * 12 * 4);
  });

  it('reads the weeks at the turn of a year from the month: a January’s 53 is the year before, a December’s 01 the next', () => {
    expect(storedCounterName('asg_assigned@2026-W53', '2027-01')).toBe('a53');
    expect(counterFigureOf('a53', '2027-01')).toBe('asg_assigned@2026-W53');
    expect(counterFigureOf('a53', '2026-12')).toBe('asg_assigned@2026-W53');
    expect(storedCounterName('rep_onTime@2026-W01', '2025-12')).toBe('n01');
    expect(counterFigureOf('n01', '2025-12')).toBe('rep_onTime@2026-W01');
    expect(counterFigureOf('n01', '2026-01')).toBe('rep_onTime@2026-W01');
    expect(storedCounterName('fnd_detected_A6@2026-W48', '2026-11')).toBe('dA648');
    expect(storedCounterName('fnd_resolved_F12@2026-W48', '2026-11')).toBe('rF1248');
  });

  it('keeps the exact attributes short, and anything it has no short name for under its own', () => {
    expect(storedCounterName('rep_t@to0uc0', '2026-11')).toBe('t@to0uc0');
    expect(counterFigureOf('t@to0uc0', '2026-11')).toBe('rep_t@to0uc0');
    expect(storedCounterName('msn_end@2026-11-20', '2027-01')).toBe('m@2026-11-20');
    expect(counterFigureOf('m@2026-11-20', '2027-01')).toBe('msn_end@2026-11-20');
    // A figure with no code, a week that is not the month's, an attribute of the earlier layout.
    expect(storedCounterName('asg_reopened@2026-W48', '2026-11')).toBe('asg_reopened@2026-W48');
    expect(storedCounterName('asg_assigned@2025-W48', '2026-11')).toBe('asg_assigned@2025-W48');
    expect(storedCounterName('asg_open', '2026-11')).toBe('asg_open');
    expect(counterFigureOf('asg_open', '2026-W46')).toBe('asg_open');
  });

  it('tells the counters from the other attributes of an item', () => {
    for (const attribute of ['PK', 'SK', 'leave_days', 'z48', 'a4', 'a480', 'q@1', 'dA', 'xA648', 'dAA48', 'dA12348']) {
      expect(counterFigureOf(attribute, '2026-11'), attribute).toBeUndefined();
    }
    // Short names are a month item's only.
    expect(counterFigureOf('a48', '2026-W48')).toBeUndefined();
  });

  it('sums a figure held under both names, as an item written before and after the change holds it', () => {
    expect(countersByFigure({ PK: 'ORG#o#CNT#2026-11', SK: 'UNIT#it#STAFF#khoi', a48: 2, 'asg_assigned@2026-W48': 3, o48: 0, 't@to0uc0': 1 }, '2026-11')).toEqual({
      'asg_assigned@2026-W48': 5,
      'asg_open@2026-W48': 0,
      'rep_t@to0uc0': 1,
    });
  });
});
