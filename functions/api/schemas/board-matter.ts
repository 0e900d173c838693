import { z } from '@hono/zod-openapi';
import { AuditEventSchema } from './assignment.js';
import { MeetingKindSchema } from './meeting.js';

/** Why a decision lacks the board's discussion: no evidence, or a circulated draft still awaiting opinions. */
const MissingEvidenceSchema = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('none') }),
    z.object({ kind: z.literal('circulation-open'), closesAt: z.string(), awaitingIds: z.array(z.string()) }),
  ])
  .openapi('BoardMissingEvidence');

/** A board matter (A5, Điều 3.2): its category, the evidence of the board's discussion, and the decision. */
export const BoardMatterSchema = z
  .object({
    id: z.string(),
    category: z.string(),
    article: z.string(),
    title: z.string(),
    year: z.number().int(),
    raisedBy: z.string(),
    raisedAt: z.string(),
    meeting: z
      .object({ kind: z.literal('meeting'), meetingId: z.string(), meetingKind: MeetingKindSchema, heldOn: z.string(), linkedBy: z.string(), linkedAt: z.string() })
      .optional()
      .openapi({ description: 'The board meeting at which it was discussed' }),
    circulation: z
      .object({
        kind: z.literal('circulation'),
        circulatedBy: z.string(),
        circulatedAt: z.string(),
        closesAt: z.string().openapi({ description: 'Opinions are given until this instant' }),
        askedIds: z.array(z.string()),
        draft: z.string().optional(),
      })
      .optional()
      .openapi({ description: 'The draft circulated for written opinions' }),
    opinions: z.array(z.object({ staffId: z.string(), opinion: z.string(), givenAt: z.string() })),
    decision: z
      .object({
        decidedBy: z.string(),
        decidedAt: z.string(),
        recordedBy: z.string(),
        recordedAt: z.string(),
        text: z.string(),
        afterTheFact: z.boolean(),
        missingEvidence: MissingEvidenceSchema.optional(),
      })
      .optional(),
    missingEvidence: MissingEvidenceSchema.optional().openapi({ description: 'Undecided: what a decision taken now would lack' }),
    awaitingOpinionIds: z.array(z.string()).openapi({ description: 'Board members asked on the draft who have not answered yet' }),
    version: z.number().int(),
  })
  .openapi('BoardMatter');

export const BoardMatterWithHistorySchema = BoardMatterSchema.extend({ history: z.array(AuditEventSchema()) }).openapi('BoardMatterWithHistory');
