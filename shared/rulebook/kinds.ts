/**
 * The rulebook's fixed lists that requests read (the meeting kinds, the evaluation levels and
 * steps), without zod: the rulebook schema builds its enums from them, and a page or service that
 * only needs a list does not build the whole schema (about 30 ms) on its first request (issue #20).
 */
export const MEETING_KINDS = ['weekly-briefing', 'monthly-unit', 'semiannual-review', 'annual-review', 'extraordinary', 'topical'] as const;

/** The four levels of the decree, best first. */
export const EVALUATION_LEVEL_IDS = ['excellent', 'good', 'completed', 'not-completed'] as const;

/** The steps of the cycle, in order. `board-review` is for heads and deputies only (Điều 3.2). */
export const EVALUATION_STEP_IDS = ['self-assessment', 'head-comment', 'board-review', 'director-decision', 'publication'] as const;
