/**
 * How a counter's figure is named in its stored item (issue #20, item 4). The figures are named
 * `asg_assigned@2026-W49` everywhere in the code; a month's item stores them under short names,
 * since a department's month partition is read by every dashboard view and its cost follows its
 * bytes (names of 20–30 bytes for values of 2 made a month 28 KB; short ones about a third of it):
 *
 * - a figure of a week: its code and the ISO week's number, `a49` (the year follows from the month:
 *   a January item's weeks 52 and 53 are of the year before, a December item's week 1 of the next);
 * - a finding rule's figure: `d` or `r` and the rule, `dA649`;
 * - the exact attributes: `t@<due instant>` (`rep_t@…`), `m@<last day>` (`msn_end@…`).
 *
 * A figure with no code, and every attribute of the earlier layout, is stored under its own name
 * and read as it is, so an item may hold a figure under both names (the earlier one written before
 * the change): a figure is the sum of the two, and `npm run counters:rebuild` moves it to the short one.
 */

/** The counter attribute prefixes the dashboard owns. */
export const COUNTER_PREFIXES = ['asg_', 'rep_', 'mtg_', 'fnd_', 'msn_'] as const;
export const isDashboardCounter = (attribute: string) => COUNTER_PREFIXES.some((p) => attribute.startsWith(p));

const WEEK_ID = /^\d{4}-W\d{2}$/;

/** The attribute of a figure for the days of a week (within the item's month). */
export const weekAttribute = (figure: string, weekId: string) => `${figure}@${weekId}`;

/** `asg_assigned@2026-W49` → the figure and its week; an attribute of the earlier layout → no week. */
export function splitWeekAttribute(attribute: string): { figure: string; weekId?: string } {
  const at = attribute.lastIndexOf('@');
  const weekId = at > 0 ? attribute.slice(at + 1) : '';
  return WEEK_ID.test(weekId) ? { figure: attribute.slice(0, at), weekId } : { figure: attribute };
}

const CODES: Readonly<Record<string, string>> = {
  asg_assigned: 'a',
  asg_open: 'o',
  asg_cancelled: 'x',
  asg_completedOnTime: 'c',
  asg_completedAfterExtension: 'e',
  asg_completedLate: 'l',
  rep_submitted: 's',
  rep_onTime: 'n',
  rep_late: 'u',
  mtg_held: 'h',
  mtg_withConclusions: 'w',
  mtg_conclusionsOnTime: 'k',
  mtg_conclusionsLate: 'j',
  fnd_detected: 'd',
  fnd_resolved: 'r',
};
const FIGURES: Readonly<Record<string, string>> = Object.fromEntries(Object.entries(CODES).map(([figure, code]) => [code, figure]));
const RULE_FIGURE = /^fnd_(detected|resolved)_([A-Z][0-9]{1,2})$/;
const EXACT: readonly (readonly [logical: string, stored: string])[] = [
  ['rep_t@', 't@'],
  ['msn_end@', 'm@'],
];
const SHORT_WEEKLY = /^([a-z][A-Z0-9]*)([0-9]{2})$/;

function codeOf(figure: string): string | undefined {
  const rule = RULE_FIGURE.exec(figure);
  return rule ? `${rule[1]![0]}${rule[2]}` : CODES[figure];
}

function figureOfCode(code: string): string | undefined {
  if (code.length === 1) return FIGURES[code];
  const kind = code[0] === 'd' ? 'detected' : code[0] === 'r' ? 'resolved' : undefined;
  const figure = kind && `fnd_${kind}_${code.slice(1)}`;
  return figure && RULE_FIGURE.test(figure) ? figure : undefined;
}

/** The ISO week a month's item means by a week number. */
function weekIdIn(monthId: string, week: string): string {
  const year = Number(monthId.slice(0, 4));
  const month = monthId.slice(5, 7);
  const weekYear = month === '01' && Number(week) >= 52 ? year - 1 : month === '12' && week === '01' ? year + 1 : year;
  return `${weekYear}-W${week}`;
}

/** The name a figure is stored under in the item of `monthId` (`YYYY-MM`). */
export function storedCounterName(figure: string, monthId: string): string {
  for (const [logical, stored] of EXACT) if (figure.startsWith(logical)) return stored + figure.slice(logical.length);
  const { figure: name, weekId } = splitWeekAttribute(figure);
  const code = codeOf(name);
  if (!weekId || !code || weekIdIn(monthId, weekId.slice(-2)) !== weekId) return figure;
  return code + weekId.slice(-2);
}

/** The figure a stored attribute of the item of `periodId` holds; undefined for an attribute that is not a counter (PK, SK, …). */
export function counterFigureOf(attribute: string, periodId: string): string | undefined {
  if (isDashboardCounter(attribute)) return attribute;
  for (const [logical, stored] of EXACT) if (attribute.startsWith(stored)) return logical + attribute.slice(stored.length);
  const short = /^\d{4}-\d{2}$/.test(periodId) ? SHORT_WEEKLY.exec(attribute) : null;
  const figure = short ? figureOfCode(short[1]!) : undefined;
  return figure && `${figure}@${weekIdIn(periodId, short![2]!)}`;
}

/** A stored item's counters by figure: both names of a figure summed; attributes that are not counters left out. */
export function countersByFigure(item: Readonly<Record<string, unknown>>, periodId: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [attribute, value] of Object.entries(item)) {
    const figure = counterFigureOf(attribute, periodId);
    if (figure && typeof value === 'number') out[figure] = (out[figure] ?? 0) + value;
  }
  return out;
}
