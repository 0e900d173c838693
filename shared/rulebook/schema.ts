/**
 * The rulebook: one organisation's working regulation as data. Code reads the numbers,
 * names and deadlines from here, never from constants, so another department or province
 * is one more rulebook file. Every object carrying a `rule` cites DOMAIN.md's rule id and
 * the article (Điều) it comes from, so findings can name the clause they enforce.
 *
 * Objects are `.strict()`: a misspelt field is an error, not a silently ignored value.
 * Cross-field checks (`checkRulebook`) run even when the shape has errors, so one parse
 * lists every bad field at once.
 */
import { z } from 'zod';
import { collectiveDecisionsSchema, delegationReportBackSchema, delegationVisitsSchema } from './schema-board.js';
import { calendarSchema } from './schema-calendar.js';
import { checkRulebook } from './schema-checks.js';
import { meetingConclusionsSchema, meetingObligationSchema, meetingPreparationSchema, plansSchema, reportObligationSchema } from './schema-obligations.js';
import { evaluationSchema } from './schema-evaluation.js';
import { documentsSchema, financeSchema } from './schema-office.js';
import { districtSchema, fieldSchema, leaderSchema, roleSchema, ruleTextSchema, staffSchema, unitKindSchema, unitSchema, unitTitlesSchema } from './schema-organisation.js';
import { citizenReceptionSchema, leaveSchema, workingTimeSchema } from './schema-people.js';
import { ianaTimeZoneSchema, idSchema, isoDateSchema, localizedTextSchema } from './schema-scalars.js';
import { filesSchema, settingsSchema } from './schema-settings.js';

export * from './schema-scalars.js';
export * from './schema-organisation.js';
export * from './schema-calendar.js';
export * from './schema-deadlines.js';
export * from './schema-obligations.js';
export * from './schema-office.js';
export * from './schema-people.js';
export * from './schema-board.js';
export * from './schema-settings.js';
export * from './schema-evaluation.js';

// ---------------------------------------------------------------------------------------
// The rulebook
// ---------------------------------------------------------------------------------------

const rulebookShape = z
  .object({
    version: z.number().int().min(1),
    organisation: z
      .object({
        id: idSchema,
        name: localizedTextSchema,
        shortName: localizedTextSchema,
        province: z.object({ id: idSchema, name: localizedTextSchema }).strict(),
        timeZone: ianaTimeZoneSchema,
        /** The day the tracker starts counting (go-live): nothing is owed for a period that ended before it. Absent: the day the organisation is seeded. */
        goLiveOn: isoDateSchema.optional(),
      })
      .strict(),
    regulation: z
      .object({
        title: localizedTextSchema,
        issuedOn: isoDateSchema,
        /** The decision's number as printed. */
        reference: z.string().trim().min(1),
        /** Path of the original text, relative to the repository root. */
        source: z.string().trim().min(1),
        note: z.string().optional(),
      })
      .strict(),
    effectiveFrom: isoDateSchema,
    /** The organisation's own name for every role. */
    roles: z.record(roleSchema, localizedTextSchema),
    /** Titles of each unit kind's head and deputy; where absent, the role's name. */
    unitTitles: z.partialRecord(unitKindSchema, unitTitlesSchema).optional(),
    units: z.array(unitSchema).min(1),
    staff: z.array(staffSchema).min(1),
    fields: z.array(fieldSchema),
    districts: z.array(districtSchema),
    leaders: z.array(leaderSchema).min(1),
    /** The rules' titles and descriptions, shown wherever a finding or figure names a rule. */
    rules: z.array(ruleTextSchema).optional(),
    calendar: calendarSchema.prefault({}),
    reportObligations: z.array(reportObligationSchema),
    plans: plansSchema.optional(),
    meetingObligations: z.array(meetingObligationSchema),
    meetingConclusions: meetingConclusionsSchema.optional(),
    meetingPreparation: meetingPreparationSchema.optional(),
    finance: financeSchema,
    documents: documentsSchema,
    citizenReception: citizenReceptionSchema.optional(),
    delegationVisits: delegationVisitsSchema.optional(),
    delegationReportBack: delegationReportBackSchema.optional(),
    collectiveDecisions: collectiveDecisionsSchema.optional(),
    leave: leaveSchema,
    workingTime: workingTimeSchema.optional(),
    settings: settingsSchema.prefault({}),
    files: filesSchema.prefault({}),
    /** The evaluation cycle (issue #23, E1 Điều 24); absent: the department rates on paper. */
    evaluation: evaluationSchema.optional(),
  })
  .strict();

export const rulebookSchema = rulebookShape.superRefine((data, ctx) => checkRulebook(data, ctx), {
  // Run even when the shape has errors, so one parse reports every bad field.
  when: () => true,
});

export type Rulebook = z.output<typeof rulebookSchema>;
export type RulebookInput = z.input<typeof rulebookSchema>;
