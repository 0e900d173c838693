// Long file: it is data, one entry per rule of the regulation, each checked by test/unit/rule-table.test.ts.
/**
 * Where each rule of the regulation is enforced: the rulebook data it reads, the code that
 * enforces it, and the test at its boundary. `npm run docs:rules` renders it, with each rule's
 * article (the rulebook) and schedule (the compliance registry), into docs/rules.md;
 * test/unit/rule-table.test.ts checks every path, file and test name here against the tree and
 * that docs/rules.md is what this renders, so the table cannot drift from the code.
 */
import { describeSchedule } from '../../shared/domain/schedule-cron.js';
import type { Rulebook } from '../../shared/rulebook/schema.js';
import { complianceSchedules } from '../../shared/services/compliance/schedules.js';

/** A test by its names: the `describe` blocks, then the `it`, each a string literal in `file`. */
export interface BoundaryTest {
  readonly file: string;
  readonly name: readonly string[];
}

export interface RuleEnforcement {
  /** JSON pointers into the organisation's rulebook (shared/rulebook/organisations/*.json). */
  readonly rulebook: readonly string[];
  /** Files, from the repository root, that enforce the rule; each names the rule id. */
  readonly code: readonly string[];
  /** Tests at the rule's boundary; the names cite the rule id and its article. */
  readonly tests: readonly BoundaryTest[];
}

/**
 * Rule ids that are not in the rulebook's `rules` list but are checked like its rules, with their
 * basis: the department's own settings beside the regulation, and the evaluation steps E2–E6, whose
 * rulebook data (rule id, article, title, deadlines) is each step of `/evaluation/steps`.
 */
export const extraRules: Readonly<Record<string, { readonly article: string; readonly title: string }>> = {
  P4: { article: 'Điều 6.1', title: "The Inspectorate's annual inspection plan, approved by the director" },
  CAL: { article: 'Bộ luật Lao động 2019, Điều 112', title: "Next year's working calendar announced by 1 December" },
  M6: { article: 'Điều 11.1', title: "The Office's preparation of the board's meetings: the programme (participants, time, documents) before, the minutes after" },
  E2: { article: 'Điều 24', title: 'Evaluation: each person rated assesses themselves and proposes a level by the deadline' },
  E3: { article: 'Điều 7.1', title: "Evaluation: the unit head's comment and proposed level by the deadline (for a head, the overseeing deputy director, else the director)" },
  E4: { article: 'Điều 3.2', title: "Evaluation: the board's collective review of heads and deputy heads by the deadline" },
  E5: { article: 'Điều 3.3.2', title: "Evaluation: the director's decision on the level by the deadline" },
  E6: { article: 'Điều 24', title: 'Evaluation: the level published to the person by the deadline' },
};

const t = (file: string, ...name: string[]): BoundaryTest => ({ file: `test/${file}`, name });

export const ruleEnforcement: Readonly<Record<string, RuleEnforcement>> = {
  A1: {
    rulebook: ['/units', '/leaders'],
    code: ['shared/domain/authority.ts', 'shared/services/assignment-service.ts'],
    tests: [t('unit/authority.test.ts', 'A1 (Điều 2.3): superiorsOf', 'a specialist: their head, the overseeing deputy director, the director')],
  },
  A2: {
    rulebook: ['/leaders'],
    code: ['shared/domain/authority.ts', 'shared/services/delegation-service.ts'],
    tests: [
      t('unit/authority.test.ts', 'A2 (Điều 3.3.3): a deputy director running the department for the director', 'a revoked delegation is not active, even within its dates'),
      t('integration/director-delegation.test.ts', 'A2 (Điều 3.3.3): a delegation starting on the end day 10/12/2026 of another is refused with 409 naming the field and the period; starting 11/12/2026 is accepted'),
      t('integration/director-delegation.test.ts', 'A2 (Điều 3.3.3): two concurrent overlapping requests: exactly one succeeds, the other is 409'),
    ],
  },
  A3: {
    rulebook: ['/fields', '/leaders', '/delegationReportBack', '/delegationReportBack/sweepDays'],
    code: [
      'shared/domain/authority.ts',
      'shared/services/assignments/creation.ts',
      'shared/services/compliance/rules/delegation-report-back.ts',
      'shared/domain/compliance/delegation-report-back.ts',
      'functions/api/routes/report-back-pages.tsx',
      'functions/api/views/workspace/report-back-section.tsx',
    ],
    tests: [
      t('unit/authority.test.ts', 'canAssign: deputy director $id', 'assigns outside with a field of their portfolio (A3, Điều 4.1.1)'),
      t('integration/delegation-report-back.test.ts', 'A3 (Điều 4.1.2): owed from the last day 09/12/2026, due 3 working days later (14/12/2026 23:59:59); a finding from 15/12/2026 00:00'),
      t('integration/delegation-report-back-window.test.ts', 'A3 (Điều 4.1.2): the report-back sweep’s window is the rulebook’s sweepDays', 'A3 (Điều 4.1.2): on 08/02/2027 the run finds the delegation that ended 10/12/2026 (60 days before) and not the one that ended 09/12/2026 (61 days)'),
      t(
        'integration/board-matter-pages.test.ts',
        'A3 (Điều 4.1.2): the report back on "Việc của tôi"',
        'A3 (Điều 4.1.2): the deputy sees the report back owed (period, deadline 14/12/2026 23:59) and sends it from "Việc của tôi"; the director sees it received',
      ),
    ],
  },
  A4: {
    rulebook: ['/roles'],
    code: ['shared/domain/authority.ts', 'shared/services/delegation-service.ts'],
    tests: [t('unit/authority.test.ts', 'A4 (Điều 5.2, 6.2, 7.2) in $id', 'an expired delegation does not count')],
  },
  A5: {
    rulebook: ['/collectiveDecisions', '/collectiveDecisions/approvals'],
    code: [
      'shared/services/board-matter-service.ts',
      'shared/domain/board-matter.ts',
      'shared/domain/compliance/collective-decisions.ts',
      'shared/services/compliance/rules/collective-decisions.ts',
      'shared/services/reports/submissions.ts',
      'shared/services/board-matter-inbox.ts',
      'functions/api/routes/board-matter-pages.tsx',
      'functions/api/routes/report-pages.tsx',
    ],
    tests: [
      t(
        'integration/plan-approval-page.test.ts',
        'A5 (Điều 3.2): approving the department’s plan from its page',
        'A5 (Điều 3.2): with no work-plan matter on record the page offers the link to /board-matters; approving is refused (409) in Vietnamese and English, the comment kept, nothing written',
      ),
      t(
        'integration/board-matter-basis.test.ts',
        'A5 (Điều 3.2): approving the department’s plan rests on the board’s discussion',
        'A5 (Điều 3.2): a plan resting on a draft circulated until Friday 05/02/2027 is refused at 23:59:59 with an opinion missing (vi and en detail), approved at 00:00:00 on 06/02 and names its matter',
      ),
      t(
        'integration/board-matter-pages.test.ts',
        'A5 (Điều 3.2): the board matter pages',
        'A5 (Điều 3.2): "Chờ quyết định": the director sees every undecided matter; a deputy only a draft awaiting his own opinion, until he gives it (closing Friday 12/03/2027 23:59:59)',
      ),
      t('integration/board-matters.test.ts', 'A5 (Điều 3.2): a decision without a board meeting or circulated draft is refused with 409; accepted once the board meeting is on record'),
      t('integration/board-matters.test.ts', 'A5 (Điều 3.2): a circulated draft closing Friday 04/12/2026 is refused at 23:59:59 with an opinion missing, accepted at 00:00:00 on 05/12; opinions refused after the window'),
      t('integration/board-matters.test.ts', 'A5 (Điều 3.2): the 2026 self-review is due by 31/12/2026: no finding at 23:59:59, a finding at 00:00:00 on 01/01/2027, resolved when decided late'),
    ],
  },
  A6: {
    rulebook: ['/settings/overdueEscalation', '/settings/overdueEscalationBasis', '/settings/overdueDayCounting'],
    code: ['shared/services/compliance/rules/overdue-assignments.ts', 'shared/domain/compliance/overdue.ts', 'shared/domain/compliance/finding-notification.ts'],
    tests: [
      t('integration/escalation-recipients.test.ts', 'A6 (Điều 5.1, 6.1, 7.1): 4 working days overdue (Thu 26/11/2026) reaches the person, the head and the overseeing deputy, not the director; 5 (Fri 27/11/2026) adds the director'),
      t('integration/escalation-recipients.test.ts', 'A6 (Điều 7.1): when the head is the late person, they are told once, and the overseeing deputy is told'),
    ],
  },
  P1: {
    rulebook: ['/reportObligations/5', '/reportObligations/6'],
    code: ['shared/services/compliance/rules/department-plans.ts', 'shared/domain/compliance/department-plans.ts', 'shared/domain/plan.ts', 'shared/services/reports/submissions.ts'],
    tests: [
      t('integration/plan-pending-revision.test.ts', 'P1 (Điều 10.1): a pending change to an approved department plan', 'P1 (Điều 10.1): until the director approves revision 2 at 10:00:00 on 30/11/2026, a specialist of another unit reads revision 1 only (at 09:59:59); from 10:00:00 revision 2; the author, the Office and the director read it pending'),
      t('integration/plan-acting-director.test.ts', 'P1 (Điều 10) with A2 (Điều 3.3.3, 4.1.2): the acting director approves the department’s plans', 'P1, A2 (Điều 3.3.3, 4.1.2): delegated 30/11–02/12/2026, the deputy approves on 30/11/2026 00:00:00 and is refused on 29/11/2026 23:59:59 and on 03/12/2026 00:00:00'),
      t('integration/department-plans.test.ts', 'P1 (Điều 10): a weekly programme submitted at its deadline instant (Friday 27/11/2026 16:00:00) is on time; one submitted at 16:00:01 on Friday 04/12/2026 is late and a finding, resolved as put right late'),
      t('integration/department-plans.test.ts', 'P1 (Điều 10): only the director approves a department plan: the deputy overseeing the Office and the chief of office are refused, others cannot see it; once approved every staff member reads it'),
    ],
  },
  P2: {
    rulebook: ['/reportObligations/7', '/reportObligations/11', '/plans/approval'],
    code: ['shared/services/compliance/rules/plans.ts', 'shared/domain/compliance/plan-approvals.ts', 'shared/domain/plan.ts'],
    tests: [
      t('integration/plan-report-findings.test.ts', 'P2 (Điều 10.1): a plan submitted at 17:00:00 on its due day is on time, at 17:00:01 late; none is a finding'),
      t('unit/plan-approvals.test.ts', 'P2 (Điều 10.1): approved at 17:00:00 on the due day clears; at 17:00:01 it is recorded, put right late'),
    ],
  },
  P3: {
    rulebook: ['/reportObligations/8', '/reportObligations/9', '/reportObligations/10'],
    code: ['shared/services/compliance/rules/periodic-reports.ts', 'shared/domain/compliance/periodic-reports.ts', 'shared/domain/obligations.ts'],
    tests: [
      t('integration/plan-report-findings.test.ts', 'P3 (Điều 10.2): the programme due Monday 23/11/2026 10:00 submitted at 10:00:00 is on time, at 10:00:01 late; none is a finding from 10:00:01'),
      t('integration/plan-report-findings.test.ts', 'P3 (Điều 10.2): every active staff member but the director owes it — the accountant, the driver, the guard, a deputy head, heads and deputy directors'),
    ],
  },
  M1: {
    rulebook: ['/meetingObligations/0'],
    code: ['shared/services/compliance/rules/expected-meetings.ts', 'shared/domain/compliance/expected-meetings.ts', 'shared/domain/meeting-schedule.ts'],
    tests: [
      t('unit/meeting-schedule.test.ts', 'M1 (Điều 11.1): a briefing held on Thursday 26/11/2026 is held off schedule'),
      t('unit/meeting-schedule.test.ts', 'M1 (Điều 11.1): Friday 01/01/2027 is a holiday: Thursday 31/12/2026 is the day, Friday itself is off schedule'),
      t('integration/compliance-meetings-reports.test.ts', 'M1 (Điều 11.1): a briefing held on Thursday 26/11/2026 is held off schedule: a finding of its own, recorded once, naming both days'),
    ],
  },
  M2: {
    rulebook: ['/meetingObligations/1', '/meetingObligations/2'],
    code: ['shared/services/compliance/rules/expected-meetings.ts', 'shared/domain/meeting-schedule.ts'],
    tests: [t('unit/compliance-meetings-reports.test.ts', 'M2 (Điều 3.4, 11.1): the reviews, judged when their window closes', 'the annual review not held by 31 January: a finding once the window has closed, none a millisecond before')],
  },
  M3: {
    rulebook: ['/meetingConclusions'],
    code: ['shared/services/compliance/rules/meeting-conclusions.ts', 'shared/domain/compliance/meeting-conclusions.ts'],
    tests: [t('unit/compliance-meetings-reports.test.ts', 'M3 (Điều 3.4): written conclusions by their deadline, to the second', 'issued at 16:59:59 is on time; at 17:00:01 late, put right when issued')],
  },
  M4: {
    rulebook: ['/meetingObligations/3'],
    code: ['shared/services/compliance/rules/expected-meetings.ts', 'shared/domain/compliance/expected-meetings.ts'],
    tests: [t('unit/compliance-meetings-reports.test.ts', 'M4 (Điều 11.4): each unit’s monthly meeting', 'every unit that did not meet in the month is a finding for its head; the unit that met is not')],
  },
  M5: {
    rulebook: ['/meetingObligations/4', '/meetingObligations/5'],
    code: ['shared/services/meetings/recording.ts', 'shared/domain/compliance/meeting-conclusions.ts'],
    tests: [t('integration/compliance-meetings-reports.test.ts', 'M3, M5 (Điều 3.4): written conclusions by their deadline, extraordinary meetings included', 'due two working days after the meeting at 17:00; on time at 16:59:59; a finding from 17:00:01, not at 17:00:00')],
  },
  R1: {
    rulebook: ['/reportObligations/0'],
    code: ['shared/services/compliance/rules/periodic-reports.ts', 'shared/domain/compliance/periodic-reports.ts'],
    tests: [t('unit/obligations.test.ts', 'gives a deputy director R1 (Điều 15.2) to the director, weekly only, and a personal programme (Điều 10.2)')],
  },
  R2: {
    rulebook: ['/reportObligations/1'],
    code: ['shared/services/compliance/rules/periodic-reports.ts', 'shared/domain/compliance/periodic-reports.ts'],
    tests: [t('unit/obligations.test.ts', 'gives a head R2 (Điều 15.3) to the director and the overseeing deputy, P2, the unit programme and a personal programme (Điều 10.2) to the overseer, and no R3')],
  },
  R3: {
    rulebook: ['/reportObligations/2'],
    code: ['shared/services/compliance/rules/periodic-reports.ts', 'shared/domain/compliance/periodic-reports.ts'],
    tests: [t('unit/compliance-meetings-reports.test.ts', 'R1-R3, R6 (Điều 15.2, 15.3, 15.4, 6.1): each period’s report by its deadline', 'missing one second after its deadline is a finding; not a moment before')],
  },
  R4: {
    rulebook: ['/reportObligations/12', '/reportObligations/13', '/reportObligations/14', '/reportObligations/15', '/reportObligations/16'],
    code: ['shared/services/compliance/rules/periodic-reports.ts'],
    tests: [
      t('integration/superior-finance-inspection-duties.test.ts', 'R4 (Điều 15.1): on "Việc của tôi" the chief of office sees the draft due 16/12/2026 17:00 once, naming the quarter, the half-year and the year, each with its own link'),
      t('integration/superior-finance-inspection-duties.test.ts', 'R4 (Điều 15.1): the Office’s draft handed to the director at 17:00:00 on 16/12/2026 is on time; one not handed in is a finding from 17:00:01'),
      t('integration/superior-finance-inspection-duties.test.ts', 'R4 (Điều 15.1): the director’s report recorded as sent to UBND tỉnh at 17:00:00 on 18/12/2026 is on time; the Ministry’s, unsent, is a finding from 17:00:01, put right when recorded late'),
    ],
  },
  R5: {
    rulebook: ['/reportObligations/3'],
    code: ['shared/services/compliance/rules/mission-reports.ts', 'shared/domain/compliance/periodic-reports.ts', 'shared/services/mission-service.ts'],
    tests: [t('integration/plan-report-findings.test.ts', 'R5 (Điều 16.4): a mission ending Friday 27/11/2026 is reported by Wednesday 02/12/2026 17:00: at 17:00:00 on time, none at 17:00:01 a finding')],
  },
  R6: {
    rulebook: ['/reportObligations/4'],
    code: ['shared/services/compliance/rules/periodic-reports.ts', 'shared/domain/compliance/periodic-reports.ts'],
    tests: [t('unit/obligations.test.ts', 'gives the chief inspector R6 beside R2 and P2 (Điều 6.1)')],
  },
  D1: {
    rulebook: ['/documents/distribution', '/calendar'],
    code: ['shared/services/compliance/rules/document-distribution.ts', 'shared/domain/compliance/document-distribution.ts', 'shared/services/documents/distribution.ts'],
    tests: [
      t('unit/compliance-meetings-reports.test.ts', 'D1 (Điều 9.1.4, 12.1): incoming documents distributed by the start of the next working day', 'not distributed by then is a finding (at 09:00:01, not at 09:00:00)'),
      t('integration/calendar-years.test.ts', 'D1 (Điều 12.1): a document received on Tuesday 25/01/2028 (Tết) is due at the start of Monday 31/01/2028, the first working day after the break'),
    ],
  },
  D2: {
    rulebook: ['/documents/confidentialLevels'],
    code: ['shared/domain/document.ts', 'shared/services/documents/reading.ts'],
    tests: [t('integration/documents.test.ts', 'the confidential register (D2, Điều 9.1.2)', 'a top-secret document: only the director, the distributing deputy, the clerk and the assignee; everyone else 404, not 403')],
  },
  D3: {
    rulebook: ['/documents/complaint'],
    code: ['shared/domain/document.ts', 'shared/services/documents/registration.ts'],
    tests: [t('integration/eoffice-inbound.test.ts', 'D3 (Điều 9.1.6): a complaint or denunciation letter', 'is flagged to the director at once, in the register’s history; nobody else gets the flag')],
  },
  D4: {
    rulebook: ['/documents/outgoing', '/leaders'],
    code: [
      'shared/domain/outgoing-document.ts',
      'shared/services/outgoing-documents/steps.ts',
      'shared/domain/finding.ts',
      'shared/domain/finding-text.ts',
      'shared/domain/compliance/finding-notification.ts',
      'shared/store/finding-repository.ts',
      'shared/services/compliance/finding-reads.ts',
      'functions/api/routes/integrations.ts',
    ],
    tests: [
      t('unit/outgoing-document.test.ts', 'D4 (Điều 9.1.8): the seal is refused when the signature is no longer within the signer’s fields'),
      t('integration/outgoing-documents.test.ts', 'D4 (Điều 9.1.8): a KT signature outside the deputy’s fields is refused with 403 naming why, writes no state, and is reported to the chief of office in the history'),
      t(
        'integration/eoffice-outgoing-signatures.test.ts',
        'D4 (Điều 9.1.8): a signature outside the signer’s authority',
        'D4 (Điều 9.1.8): a deputy signing outside his fields is refused (403), nothing of the document is written, and exactly one D4 finding is reported to the chief of office; a second identical attempt adds nothing',
      ),
      t(
        'integration/eoffice-outgoing-signatures.test.ts',
        'D4 (Điều 9.1.8): a signature outside the signer’s authority',
        'D4 (Điều 9.1.8): "TL. GIÁM ĐỐC" is not proposed for a decision (409), and the chief of office signing in the director’s stead is refused and reported, rendered from its facts',
      ),
      t('integration/outgoing-document-pages.test.ts', 'D4 (Điều 9.1.8): only the proposed signer is offered signing; a deputy outside his field who posts a signature is refused (403) and it is reported in the history'),
      t(
        'integration/eoffice-outgoing-signatures.test.ts',
        'D4 (Điều 9.1.8): a signature outside the signer’s authority',
        'D4 (Điều 9.1.8): a finding reported to the chief of office is in his GET /v1/findings, page by page and once each, and in nobody else’s beyond their scope; resolved, it shows resolved there',
      ),
    ],
  },
  D5: {
    rulebook: ['/documents/outgoing/stepDays'],
    code: [
      'shared/domain/outgoing-document.ts',
      'shared/services/outgoing-documents/steps.ts',
      'shared/domain/compliance/outgoing-steps.ts',
      'shared/services/compliance/rules/outgoing-steps.ts',
      'shared/domain/eoffice-delivery.ts',
      'functions/api/routes/integrations.ts',
      'functions/api/routes/outgoing-document-pages.tsx',
    ],
    tests: [
      t('integration/outgoing-documents.test.ts', 'D5 (Điều 13.1): vetting due Monday 07/12/2026 23:59:59 is no finding at that second; at 00:00 on 08/12 it is a finding for the head, put right when he vets'),
      t(
        'integration/eoffice-outgoing.test.ts',
        'D5 (Điều 13.1, 9.1.1, 9.1.3): steps pushed by the e-office take the same checks, and every step is reported back',
        'D5 (Điều 13.1, 9.1.1, 9.1.3): vet → submit → form check → KT signature → number 125/STTTT-VP → seal → send → file, each pushed step enqueues exactly one callback; a replayed push writes and enqueues nothing',
      ),
      t(
        'integration/eoffice-outgoing.test.ts',
        'D5 (Điều 13.1, 9.1.1, 9.1.3): steps pushed by the e-office take the same checks, and every step is reported back',
        'D5: a bad signature is 401 and writes nothing; an unknown external id is 404; a step out of order is 409 naming body.action; a step not the actor’s is 403 naming body.actorId; a step dated before the last is 409 naming body.at; each writes nothing',
      ),
      t(
        'integration/eoffice-outgoing.test.ts',
        'D5 (Điều 13.1): a document drafted in the e-office is registered by a signed push',
        'D5: a replay of the same webhook-id duplicates nothing; another body under it is 422 naming header.webhook-id; the same document under another id is 200, with other details 409 naming body.externalId',
      ),
      t('e2e/outgoing-documents.test.ts', 'D5 (Điều 13.1): the director returns a document for errors; it goes back to the head who proposed it, who corrects and proposes again'),
    ],
  },
  F1: {
    rulebook: ['/finance/incomeExpenseReport/deadline', '/finance/incomeExpenseReport/earliest'],
    code: ['shared/services/compliance/rules/monthly-finance-reports.ts', 'shared/domain/compliance/monthly-reports.ts', 'shared/domain/finance.ts'],
    tests: [
      t('unit/compliance-rules.test.ts', 'F1 (Điều 9.2.3): filed at 00:00:00 on Monday 30/11/2026, the last working day, is on time'),
      t('unit/compliance-rules.test.ts', 'F1 (Điều 9.2.3): filed at 23:59:59 on 29/11/2026, the day before, is filed too early; on 02/11/2026 too'),
      t('unit/compliance-rules.test.ts', 'F1 (Điều 9.2.3): at the deadline instant 23:59:59 it is on time; one second later, late; none, missing'),
    ],
  },
  F2: {
    rulebook: ['/finance/payroll'],
    code: ['shared/services/compliance/rules/payroll.ts', 'shared/domain/compliance/payroll.ts'],
    tests: [t('unit/compliance-rules.test.ts', 'F2 (Điều 9.2.4): payroll before the 15th', 'not recorded at the start of the 15th: an open finding; not judged a second earlier')],
  },
  F3: {
    rulebook: ['/finance/settlement'],
    code: ['shared/services/compliance/rules/settlements.ts', 'shared/domain/compliance/settlements.ts'],
    tests: [t('unit/compliance-rules.test.ts', 'F3 (Điều 9.2.4): settled within 10 days of the dossier being complete', 'unsettled on the 11th is not yet late; at the start of the 12th it is a finding')],
  },
  F4: {
    rulebook: ['/reportObligations/17', '/reportObligations/18', '/reportObligations/19'],
    code: ['shared/services/compliance/rules/periodic-reports.ts'],
    tests: [
      t('integration/superior-finance-inspection-duties.test.ts', 'F4 (Điều 9.2.4): a disclosure never filed: nothing at its deadline instant, a finding one second after'),
      t('integration/superior-finance-inspection-duties.test.ts', 'F4 (Điều 9.2.4): the annual financial statements filed one second late are a finding, put right late'),
    ],
  },
  F5: {
    rulebook: ['/finance/cashReport/deadline', '/finance/cashReport/earliest'],
    code: ['shared/services/compliance/rules/monthly-finance-reports.ts', 'shared/domain/compliance/monthly-reports.ts', 'shared/domain/finance.ts'],
    tests: [
      t('unit/compliance-rules.test.ts', 'F5 (Điều 9.3.2): May 2026 ends on a Sunday: the day starts on Friday 29/05/2026 and runs to Sunday 31/05 23:59:59'),
      t('integration/compliance-rules.test.ts', 'F5 (Điều 9.3.2): filed at the deadline instant, Sunday 28/02/2027 23:59:59, is on time; F1 (Điều 9.2.3): one second later is filed late'),
    ],
  },
  C1: {
    rulebook: ['/citizenReception'],
    code: ['shared/services/compliance/rules/citizen-reception.ts', 'shared/services/citizen-reception/schedules.ts'],
    tests: [t('integration/citizen-reception.test.ts', 'a month without an approved reception schedule (C1, Điều 14)', 'before the deadline (the first working day, 17:00) there is nothing to find for the month')],
  },
  L1: {
    rulebook: ['/leave/approval'],
    code: ['shared/domain/leave-routing.ts', 'shared/services/leave/requests.ts'],
    tests: [t('unit/leave-routing.test.ts', 'L1 (Điều 18.2): staff and deputy heads, by length, from the rulebook thresholds', 'one day: the deputy director overseeing the unit')],
  },
  L2: {
    rulebook: ['/leave/notice'],
    code: ['shared/domain/leave.ts', 'shared/services/leave/requests.ts'],
    tests: [t('integration/leave.test.ts', 'notice (L2, Điều 18.3)', 'annual leave 2 days ahead without an emergency is refused, citing the rule; nothing is written')],
  },
  L3: {
    rulebook: ['/leave/carryOver'],
    code: ['shared/domain/leave.ts', 'shared/services/leave/balances.ts'],
    tests: [t('unit/leave-routing.test.ts', 'L3 (Điều 18.3): balances and carry-over', 'combines over 2 or 3 years only, up to the unused days, never carrying carried days again')],
  },
  W1: {
    rulebook: ['/workingTime'],
    code: ['shared/domain/overtime.ts', 'shared/services/overtime-service.ts'],
    tests: [t('integration/overtime.test.ts', 'overtime and weekend work are notified to the chief of office (W1, Điều 19.1)', 'beyond the 8-hour day at most 16 hours (from the rulebook); bad input names each field; nothing is written')],
  },
  P4: {
    rulebook: ['/reportObligations/20'],
    code: ['shared/services/compliance/rules/periodic-reports.ts', 'shared/domain/plan.ts'],
    tests: [t('integration/superior-finance-inspection-duties.test.ts', 'P4 (Điều 6.1): not submitted by 15/12/2026 17:00:00 is a finding from 17:00:01; submitted late, it is put right and the director approves it')],
  },
  CAL: {
    rulebook: ['/calendar/check', '/calendar/years', '/calendar/useNationalHolidays'],
    code: ['shared/domain/compliance/calendar-announcement.ts', 'shared/services/compliance/rules/calendar-announcement.ts', 'shared/rulebook/schema-calendar.ts'],
    tests: [
      t('integration/calendar-years.test.ts', 'CAL (Điều 112): on 30/11/2026 at 23:59:59 nothing is found; from 00:00 on 01/12/2026 the provisional 2027 is a finding for the chief of office, once'),
      t('integration/calendar-years.test.ts', 'CAL (Điều 112): marking 2027 announced by a rulebook amendment the director approves resolves the finding'),
      t('unit/calendar-swap-years.test.ts', 'CAL (Điều 112): a swap across the new year names a real day off of the year it falls in', 'CAL (Điều 112): Saturday 09/01/2027 worked for Thursday 31/12/2026 is refused at calendar.years[1].workingWeekendDays[0].replaces until 2026’s data lists 31/12/2026 as a holiday'),
    ],
  },
  M6: {
    rulebook: ['/meetingPreparation', '/meetingObligations/0', '/meetingObligations/1', '/meetingObligations/2'],
    code: [
      'shared/domain/meeting-preparation.ts',
      'shared/domain/compliance/meeting-preparation.ts',
      'shared/services/compliance/rules/meeting-preparation.ts',
      'shared/services/meeting-preparation-service.ts',
    ],
    tests: [
      t('integration/meeting-preparation.test.ts', 'M6 (Điều 11.1.a): the programme of the weekly briefing', 'M6 (Điều 11.1.a): the programme of the briefing of Friday 04/12/2026 is due by Thursday 03/12/2026 16:30:00; nothing at 16:30:00, a finding to the chief of office from 16:30:01'),
      t('integration/meeting-preparation.test.ts', 'M6 (Điều 11.1.a): the programme of the weekly briefing', 'M6 (Điều 11.1.a): published by 16:30:00 on Thursday 10/12/2026, the next briefing’s programme is on time: no finding at 16:30:01'),
      t('integration/meeting-preparation.test.ts', 'M6 (Điều 11.1.a): the minutes of the weekly briefing', 'M6 (Điều 11.1.a): held Friday 04/12/2026 without minutes, they are due Monday 07/12/2026 17:00:00; nothing then, a finding from 17:00:01; recorded at 17:10 it is put right, late'),
    ],
  },
  E1: {
    rulebook: ['/rules'],
    code: ['shared/services/evaluation-export.ts', 'shared/services/dashboard-service.ts'],
    tests: [t('integration/dashboard.test.ts', 'the export for the annual evaluation (E1, Điều 24)', 'writes the head’s unit as CSV with Vietnamese headers, one row per person, the same figures')],
  },
  E2: {
    rulebook: ['/evaluation/steps/0', '/evaluation/steps/0/deadlines', '/evaluation/periods'],
    code: ['shared/services/compliance/rules/evaluation-steps.ts', 'shared/domain/compliance/evaluation-steps.ts'],
    tests: [
      t('integration/evaluation-steps-rule.test.ts', 'the evaluation steps by their deadlines (E2–E6)', 'E2 (Điều 24): the self-assessment of November 2026 is due Wednesday 02/12/2026 17:00; nothing at 17:00, a finding against each person who has not made it at 17:01, none for one made on time'),
    ],
  },
  E3: {
    rulebook: ['/evaluation/steps/1', '/evaluation/steps/1/deadlines', '/evaluation/periods'],
    code: ['shared/services/compliance/rules/evaluation-steps.ts', 'shared/domain/compliance/evaluation-steps.ts'],
    tests: [
      t('integration/evaluation-steps-rule.test.ts', 'the evaluation steps by their deadlines (E2–E6)', 'E3 (Điều 7.1): the head’s comment is due Friday 04/12/2026 17:00; at 17:01 a finding against the head for a specialist, against the overseeing deputy director for the head; none where the head commented without a self-assessment'),
    ],
  },
  E4: {
    rulebook: ['/evaluation/steps/2', '/evaluation/steps/2/deadlines', '/evaluation/periods'],
    code: ['shared/services/compliance/rules/evaluation-steps.ts', 'shared/domain/compliance/evaluation-steps.ts'],
    tests: [
      t('integration/evaluation-steps-rule.test.ts', 'the evaluation steps by their deadlines (E2–E6)', 'E4 (Điều 3.2): the board’s review is due Monday 07/12/2026 17:00; at 17:01 a finding against the director for a head and a deputy head, never for a specialist'),
    ],
  },
  E5: {
    rulebook: ['/evaluation/steps/3', '/evaluation/steps/3/deadlines', '/evaluation/periods'],
    code: ['shared/services/compliance/rules/evaluation-steps.ts', 'shared/domain/compliance/evaluation-steps.ts'],
    tests: [
      t('integration/evaluation-steps-rule.test.ts', 'the evaluation steps by their deadlines (E2–E6)', 'E5 (Điều 3.3.2): the decision is due Tuesday 08/12/2026 17:00; at 17:01 a finding against the director, naming the earlier steps not on record'),
    ],
  },
  E6: {
    rulebook: ['/evaluation/steps/4', '/evaluation/steps/4/deadlines', '/evaluation/periods'],
    code: ['shared/services/compliance/rules/evaluation-steps.ts', 'shared/domain/compliance/evaluation-steps.ts'],
    tests: [
      t('integration/evaluation-steps-rule.test.ts', 'the evaluation steps by their deadlines (E2–E6)', 'E6 (Điều 24): publication is due Wednesday 09/12/2026 17:00; at 17:01 a finding against the director; a level published on time is none'),
    ],
  },
};

const cell = (s: string) => s.replace(/\|/g, '\\|');
const codeList = (paths: readonly string[]) => paths.map((p) => `\`${p}\``).join('<br>') || '—';

/** docs/rules.md: one row per rule of the rulebook, then the rules checked beside the regulation. */
export function ruleTableMarkdown(rulebook: Rulebook): string {
  const schedules = complianceSchedules(rulebook);
  const rules = [
    ...(rulebook.rules ?? []).map((r) => ({ id: r.id, article: r.article, title: r.title.en })),
    ...Object.entries(extraRules).map(([id, r]) => ({ id, ...r })),
  ];
  const rows = rules.map(({ id, article, title }) => {
    const e = ruleEnforcement[id];
    const when = schedules.filter((s) => s.rule === id).map((s) => `\`${s.name}\`: ${describeSchedule(s.schedule)}`);
    const tests = (e?.tests ?? []).map((x) => `\`${x.file}\`: ${x.name.map(cell).join(' › ')}`);
    return `| ${id} | ${cell(article)} | ${cell(title)} | ${(e?.rulebook ?? []).map((p) => `\`${p}\``).join('<br>') || '—'} | ${codeList(e?.code ?? [])} | ${when.join('<br>') || 'when the action is taken'} | ${tests.join('<br>') || '—'} |`;
  });
  return [
    '# Rules and where they are enforced',
    '',
    `Generated by \`npm run docs:rules\` from \`scripts/lib/rule-table.ts\`, the rulebook of ${rulebook.organisation.name.en} and the compliance registry; \`test/unit/rule-table.test.ts\` fails when this file, a path, a file or a test name below no longer matches the code. Do not edit it by hand.`,
    '',
    'Rulebook paths are JSON pointers into `shared/rulebook/organisations/so-tttt-son-la.json`. Schedules are in local time (Asia/Ho_Chi_Minh) and run as EventBridge Scheduler schedules in AWS and in-process under `npm start`; a rule with no schedule is checked when the action is taken (the API refuses what the rule forbids). Each test is named by its `describe` blocks and its `it`, and cites the rule id and its article.',
    '',
    '| Rule | Article | What | Rulebook | Enforced in | Schedule | Boundary test |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...rows,
    '',
  ].join('\n');
}
