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

/** Rule ids that are not in the regulation but are checked like its rules, with their basis. */
export const extraRules: Readonly<Record<string, { readonly article: string; readonly title: string }>> = {};

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
    tests: [t('unit/authority.test.ts', 'A2 (Điều 3.3.3): a deputy director running the department for the director', 'a revoked delegation is not active, even within its dates')],
  },
  A3: {
    rulebook: ['/fields', '/leaders'],
    code: ['shared/domain/authority.ts', 'shared/services/assignment-service.ts'],
    tests: [t('unit/authority.test.ts', 'canAssign: deputy director $id', 'assigns outside with a field of their portfolio (A3, Điều 4.1.1)')],
  },
  A4: {
    rulebook: ['/roles'],
    code: ['shared/domain/authority.ts', 'shared/services/delegation-service.ts'],
    tests: [t('unit/authority.test.ts', 'A4 (Điều 5.2, 6.2, 7.2) in $id', 'an expired delegation does not count')],
  },
  A5: { rulebook: [], code: [], tests: [] },
  A6: {
    rulebook: ['/settings/overdueEscalation', '/settings/overdueDayCounting'],
    code: ['shared/services/compliance/rules/overdue-assignments.ts', 'shared/domain/compliance/overdue.ts'],
    tests: [t('unit/compliance-rules.test.ts', 'A6: overdue assignments, escalated by working days overdue', 'Monday: 1 working day, reminder (nhắc nhở); Friday 27: 5, criticism (phê bình); Friday 4 December: 10, review (kiểm điểm)')],
  },
  P1: { rulebook: [], code: [], tests: [] },
  P2: { rulebook: ['/reportObligations/5'], code: ['shared/domain/plan.ts', 'shared/services/plan-service.ts'], tests: [] },
  P3: { rulebook: ['/reportObligations/6'], code: ['shared/domain/obligations.ts'], tests: [] },
  M1: {
    rulebook: ['/meetingObligations/0'],
    code: ['shared/services/compliance/rules/expected-meetings.ts', 'shared/domain/compliance/expected-meetings.ts'],
    tests: [],
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
    code: ['shared/services/meeting-service.ts', 'shared/domain/compliance/meeting-conclusions.ts'],
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
  R4: { rulebook: [], code: [], tests: [] },
  R5: { rulebook: ['/reportObligations/3'], code: ['shared/services/mission-service.ts'], tests: [] },
  R6: {
    rulebook: ['/reportObligations/4'],
    code: ['shared/services/compliance/rules/periodic-reports.ts', 'shared/domain/compliance/periodic-reports.ts'],
    tests: [t('unit/obligations.test.ts', 'gives the chief inspector R6 beside R2 and P2 (Điều 6.1)')],
  },
  D1: {
    rulebook: ['/documents/distribution'],
    code: ['shared/services/compliance/rules/document-distribution.ts', 'shared/domain/compliance/document-distribution.ts', 'shared/services/document-service.ts'],
    tests: [t('unit/compliance-meetings-reports.test.ts', 'D1 (Điều 9.1.4, 12.1): incoming documents distributed by the start of the next working day', 'not distributed by then is a finding (at 09:00:01, not at 09:00:00)')],
  },
  D2: {
    rulebook: ['/documents/confidentialLevels'],
    code: ['shared/domain/document.ts', 'shared/services/document-service.ts'],
    tests: [t('integration/documents.test.ts', 'the confidential register (D2, Điều 9.1.2)', 'a top-secret document: only the director, the distributing deputy, the clerk and the assignee; everyone else 404, not 403')],
  },
  D3: {
    rulebook: ['/documents/complaint'],
    code: ['shared/domain/document.ts', 'shared/services/document-service.ts'],
    tests: [t('integration/eoffice-inbound.test.ts', 'D3 (Điều 9.1.6): a complaint or denunciation letter', 'is flagged to the director at once, in the register’s history; nobody else gets the flag')],
  },
  D4: { rulebook: [], code: [], tests: [] },
  D5: { rulebook: [], code: [], tests: [] },
  F1: {
    rulebook: ['/finance/incomeExpenseReport'],
    code: ['shared/services/compliance/rules/monthly-finance-reports.ts', 'shared/domain/compliance/monthly-reports.ts'],
    tests: [],
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
  F4: { rulebook: [], code: [], tests: [] },
  F5: {
    rulebook: ['/finance/cashReport'],
    code: ['shared/services/compliance/rules/monthly-finance-reports.ts', 'shared/domain/compliance/monthly-reports.ts'],
    tests: [],
  },
  C1: {
    rulebook: ['/citizenReception'],
    code: ['shared/services/compliance/rules/citizen-reception.ts', 'shared/services/citizen-reception-service.ts'],
    tests: [t('integration/citizen-reception.test.ts', 'a month without an approved reception schedule (C1, Điều 14)', 'before the deadline (the first working day, 17:00) there is nothing to find for the month')],
  },
  L1: {
    rulebook: ['/leave/approval'],
    code: ['shared/domain/leave-routing.ts', 'shared/services/leave-service.ts'],
    tests: [t('unit/leave-routing.test.ts', 'L1 (Điều 18.2): staff and deputy heads, by length, from the rulebook thresholds', 'one day: the deputy director overseeing the unit')],
  },
  L2: {
    rulebook: ['/leave/notice'],
    code: ['shared/domain/leave.ts', 'shared/services/leave-service.ts'],
    tests: [t('integration/leave.test.ts', 'notice (L2, Điều 18.3)', 'annual leave 2 days ahead without an emergency is refused, citing the rule; nothing is written')],
  },
  L3: {
    rulebook: ['/leave/carryOver'],
    code: ['shared/domain/leave.ts', 'shared/services/leave-service.ts'],
    tests: [t('unit/leave-routing.test.ts', 'L3 (Điều 18.3): balances and carry-over', 'combines over 2 or 3 years only, up to the unused days, never carrying carried days again')],
  },
  W1: {
    rulebook: ['/workingTime'],
    code: ['shared/domain/overtime.ts', 'shared/services/overtime-service.ts'],
    tests: [t('integration/overtime.test.ts', 'overtime and weekend work are notified to the chief of office (W1, Điều 19.1)', 'beyond the 8-hour day at most 16 hours (from the rulebook); bad input names each field; nothing is written')],
  },
  E1: {
    rulebook: ['/rules'],
    code: ['shared/services/evaluation-export.ts', 'shared/services/dashboard-service.ts'],
    tests: [t('integration/dashboard.test.ts', 'the export for the annual evaluation (E1, Điều 24)', 'writes the head’s unit as CSV with Vietnamese headers, one row per person, the same figures')],
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
