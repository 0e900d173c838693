/**
 * Who an overdue-assignment escalation step notifies (A6), without zod: the assignments feature
 * reads it on a cold start, and importing it from `schema.ts` would build the whole rulebook
 * schema there (issue #20). `schema-settings.ts` builds its `escalationRecipientSchema` from this list.
 */
export const ESCALATION_RECIPIENTS = ['responsible', 'head', 'overseeing-leader', 'director'] as const;
export type EscalationRecipient = (typeof ESCALATION_RECIPIENTS)[number];

/** Absent `notify`: the first step reaches the person, their head and the overseeing leader; later steps the director too. */
export const defaultEscalationRecipients = (stepIndex: number): readonly EscalationRecipient[] =>
  stepIndex === 0 ? ['responsible', 'head', 'overseeing-leader'] : ['responsible', 'head', 'overseeing-leader', 'director'];
