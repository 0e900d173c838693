// Long file: one matrix; the cases (who may do what to which record) and the checks over them are read together.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ulid } from 'ulidx';
import type { Role } from '../../shared/rulebook/schema.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { signedPost } from '../support/eoffice.js';
import { sonLa } from '../support/people.js';
import { liveCount } from './support/table.js';

// Every staff member of the rulebook against every family of endpoints: reads of records of their
// own and of other units, normal and confidential, and changes they have no authority for. The
// expected answer of each case comes from the table below, written from DOMAIN.md's lines of
// authority (A1–A6, D1–D2, L1, F1–F5) and API.md's "Who is calling", never from the code under test.
// What a caller may not see answers 404 exactly as a missing id does; what they see but may not
// change answers 403; either way nothing is written.

type Staff = (typeof sonLa.staff)[number];
const NOW = '2026-11-26T09:00:00+07:00';
const SECRET = `whsec_${Buffer.from('authorization-matrix-secret-32b!').toString('base64')}`;

const has = (s: Staff, ...roles: Role[]) => roles.some((r) => s.roles.includes(r));
const unitOf = (id: string) => sonLa.units.find((u) => u.id === id)!;
/** The role that heads a unit of each kind (Điều 5, 6, 7). */
const HEAD_ROLE = { board: 'director', office: 'chief-of-office', inspectorate: 'chief-inspector', division: 'head', 'affiliated-unit': 'head' } as const;
const byId = (id: string) => sonLa.staff.find((s) => s.id === id)!;
const headOf = (unitId: string) => sonLa.staff.find((s) => s.unitId === unitId && has(s, HEAD_ROLE[unitOf(unitId).kind]))!;
const director = sonLa.staff.find((s) => has(s, 'director'))!;

/** The lines of authority, as the regulation states them. */
const AUTHORITY = {
  /** API.md: the director and the chief inspector see the whole department. */
  wholeDepartment: (s: Staff) => has(s, 'director', 'chief-inspector'),
  /** A1, Điều 4: a deputy director answers for the units they oversee. */
  oversees: (s: Staff, unitId: string) => unitOf(unitId).overseenBy === s.id,
  /** A1, Điều 5–7: a head (chief of office, chief inspector, head of division) answers for their unit. */
  heads: (s: Staff, unitId: string) => s.unitId === unitId && has(s, HEAD_ROLE[unitOf(unitId).kind]),
  /** A1: the nearest superiors: the head of the unit, the leader overseeing it, the director. */
  superiors: (p: Staff) =>
    has(p, 'director') ? [] : has(p, 'deputy-director') ? [director.id] : [...new Set([headOf(p.unitId).id, unitOf(p.unitId).overseenBy, director.id].filter((id): id is string => !!id && id !== p.id))],
};
const lineOfAuthority = (s: Staff, unitId: string) => AUTHORITY.wholeDepartment(s) || AUTHORITY.oversees(s, unitId) || AUTHORITY.heads(s, unitId);

/** Who reads each kind of record. */
const READS = {
  /** A1; D2: a confidential assignment only its parties and the director (API.md). */
  assignment: (s: Staff, a: { parties: string[]; unitId: string; confidential: boolean }) =>
    a.parties.includes(s.id) || has(s, 'director') || (!a.confidential && lineOfAuthority(s, a.unitId)),
  /** R1–R3 (Điều 15): the author, the recipients, the board, and the lines of authority over the author. */
  report: (s: Staff, r: { authorId: string; recipients: string[]; unitId: string }) =>
    s.id === r.authorId || r.recipients.includes(s.id) || s.unitId === 'board' || lineOfAuthority(s, r.unitId),
  /** L1 (Điều 18): the applicant, the approver, the chief of office who keeps the register (Điều 18.3), the lines of authority. */
  leave: (s: Staff, l: { applicantId: string; approverId: string; unitId: string }) =>
    [l.applicantId, l.approverId].includes(s.id) || has(s, 'chief-of-office') || lineOfAuthority(s, l.unitId),
  /** A6, E1: the person concerned and the lines of authority over them. */
  finding: (s: Staff, f: { subjectId: string; unitId: string }) => s.id === f.subjectId || lineOfAuthority(s, f.unitId),
  /** D2 (Điều 9.1.2, 9.1.9): a confidential document: the director, the deputy distributing, the clerk, the assignees, the roles the rulebook entitles for its level. */
  confidentialDocument: (s: Staff, d: { assigneeIds: string[]; level: string }) =>
    has(s, 'director') ||
    s.id === sonLa.documents.distribution?.distributorId ||
    has(s, ...(sonLa.documents.distribution?.registeredBy.roles ?? [])) ||
    d.assigneeIds.includes(s.id) ||
    has(s, ...(sonLa.documents.confidentialLevels?.levels.find((l) => l.id === d.level)?.entitledRoles ?? [])),
  /** D1: the general register: the board, the Office's leaders, the chief inspector, the clerk; a head what went to their unit; the assignees. */
  generalDocument: (s: Staff, d: { assigneeIds: string[]; unitIds: string[] }) =>
    has(s, 'director', 'deputy-director', 'chief-of-office', 'deputy-chief-of-office', 'chief-inspector', ...(sonLa.documents.distribution?.registeredBy.roles ?? [])) ||
    d.assigneeIds.includes(s.id) ||
    d.unitIds.some((u) => AUTHORITY.heads(s, u)),
};

/** Who may act on each kind of record, and who may use the administrative routes. */
const ACTS = {
  /** A1: the person who answers for the work records its progress. */
  progress: (s: Staff, a: { assigneeId: string }) => s.id === a.assigneeId,
  /** A1: the assigner or their superiors cancel it. */
  cancel: (s: Staff, a: { assignerId: string }) => s.id === a.assignerId || AUTHORITY.superiors(byId(a.assignerId)).includes(s.id),
  /** R3: the recipients acknowledge a report. */
  acknowledge: (s: Staff, r: { recipients: string[] }) => r.recipients.includes(s.id),
  /** L1: the approver, or the approver's superiors (A1); never the applicant. */
  decideLeave: (s: Staff, l: { applicantId: string; approverId: string }) =>
    s.id !== l.applicantId && (s.id === l.approverId || AUTHORITY.superiors(byId(l.approverId)).includes(s.id)),
  /** A6: the director, the chief inspector or a superior of the person concerned; never that person. */
  resolveFinding: (s: Staff, f: { subjectId: string }) =>
    s.id !== f.subjectId && (has(s, 'director', 'chief-inspector') || AUTHORITY.superiors(byId(f.subjectId)).includes(s.id)),
  /** Điều 5: the Office administers personnel records, with the system administrators. */
  administer: (s: Staff) => has(s, 'chief-of-office', 'admin'),
  /** Điều 25.2: the Office (chief of office, administrators) proposes an amendment; the director decides it (separation-of-duties.test.ts). */
  amendRulebook: (s: Staff) => has(s, 'chief-of-office', 'admin'),
  /** E-office deliveries: the director, the chief of office (the Office runs the e-office), administrators. */
  eofficeDeliveries: (s: Staff) => has(s, 'director', 'chief-of-office', 'admin'),
  /** Compliance checks by hand: the director and the chief inspector (Điều 6), administrators. */
  runChecks: (s: Staff) => has(s, 'director', 'chief-inspector', 'admin'),
  /** F1–F5: the finance role the rulebook names for each record. */
  finance: (s: Staff, entry: 'payroll' | 'incomeExpenseReport' | 'cashReport' | 'settlement') => {
    const from = sonLa.finance[entry]!.from;
    return has(s, ...from.roles) && (!from.unitKinds || from.unitKinds.includes(unitOf(s.unitId).kind));
  },
  /** Finance records are read by the whole-department leaders, the chief of office (their recipient) and the finance staff. */
  readFinance: (s: Staff) =>
    AUTHORITY.wholeDepartment(s) || has(s, 'chief-of-office') || (['payroll', 'incomeExpenseReport', 'cashReport', 'settlement'] as const).some((e) => ACTS.finance(s, e)),
};

// ----- the records the matrix aims at --------------------------------------------------------

const UNITS = sonLa.units.filter((u) => u.kind !== 'board').map((u) => u.id);
/** Someone in the unit who is no leader of it. */
const memberOf = (unitId: string, nth = 0) =>
  sonLa.staff.filter((s) => s.unitId === unitId && !has(s, 'director', 'deputy-director', 'chief-of-office', 'chief-inspector', 'head', 'deputy-head', 'deputy-chief-of-office', 'deputy-chief-inspector'))[nth]!;

interface Seeded {
  assignments: Record<string, { normal: string; confidential: string; assigneeId: string }>;
  report: { id: string; authorId: string; recipients: string[]; unitId: string };
  leave: { id: string; applicantId: string; approverId: string; unitId: string };
  finding: { id: string; subjectId: string; unitId: string };
  documents: { confidential: string; general: string; assigneeIds: string[]; unitIds: string[] };
}

let t: TestApp;
let seeded: Seeded;
const json = async (res: Response) => (await res.json()) as any;

async function post(as: string, path: string, body: unknown, clock = NOW) {
  const res = await t.as(as, path, { method: 'POST', body: JSON.stringify(body), clock });
  if (res.status !== 201 && res.status !== 200) throw new Error(`${path} as ${as}: ${res.status} ${await res.text()}`);
  return json(res);
}

beforeAll(async () => {
  t = await createTestApp({ eoffice: { secrets: [SECRET] } });
  const assignments: Seeded['assignments'] = {};
  for (const unitId of UNITS) {
    const assignee = memberOf(unitId);
    const make = async (confidentiality: string) =>
      (await post(director.id, '/v1/assignments', { title: `Việc của ${unitId}`, assigneeId: assignee.id, dueDate: '2026-12-10', confidentiality })).id as string;
    assignments[unitId] = { normal: await make('normal'), confidential: await make('confidential'), assigneeId: assignee.id };
  }

  // R3: a press specialist's weekly report goes to the head of press.
  const author = memberOf('press');
  const report = await post(author.id, '/v1/reports', { obligationId: 'r3-staff-report', period: '2026-W48', content: 'Báo cáo tuần 48' });

  // L1: one day of a posts-telecom specialist's leave is for the deputy director overseeing the unit.
  const applicant = memberOf('posts-telecom');
  const oneDay = sonLa.leave.approval!.thresholds.find((th) => th.upToDays === null || th.upToDays >= 1)!;
  expect(oneDay.approver).toBe('overseeing-leader');
  const leave = await post(applicant.id, '/v1/leave-requests', { kind: 'annual', startDate: '2026-12-07', endDate: '2026-12-07', reason: 'Việc gia đình' });
  expect(leave.approverId).toBe(unitOf('posts-telecom').overseenBy);

  // A6: an overdue assignment of another press member gives a finding about them.
  const late = memberOf('press', 1);
  await post(director.id, '/v1/assignments', { title: 'Việc quá hạn', assigneeId: late.id, dueDate: '2026-11-16' }, '2026-11-10T09:00:00+07:00');
  const run = await post(director.id, '/v1/checks/run', { rule: 'A6', at: '2026-11-26T00:05:00+07:00' });
  const finding = run.findings.find((f: any) => f.subjectId === late.id);

  // D1, D2: a confidential and a general document, distributed to an IT specialist.
  const reader = memberOf('it', 1);
  const documents: Record<string, string> = {};
  for (const [name, confidentiality] of [['confidential', 'confidential'], ['general', 'normal']] as const) {
    const externalId = `VB-MATRIX-${name}`;
    const registered = await signedPost(t, '/v1/integrations/eoffice/documents', { externalId, title: `Văn bản ${name}`, issuer: 'UBND tỉnh Sơn La', receivedAt: '2026-11-26T08:00:00+07:00', confidentiality }, { secrets: [SECRET], clock: NOW });
    expect(registered.status).toBe(201);
    documents[name] = (await json(registered)).id;
    const distributed = await signedPost(t, `/v1/integrations/eoffice/documents/${externalId}/distribution`, { assigneeIds: [reader.id], distributedAt: '2026-11-26T08:30:00+07:00', dueDate: '2026-12-10' }, { secrets: [SECRET], clock: NOW });
    expect(distributed.status).toBe(201);
  }

  seeded = {
    assignments,
    report: { id: report.id, authorId: author.id, recipients: [headOf('press').id], unitId: 'press' },
    leave: { id: leave.id, applicantId: applicant.id, approverId: leave.approverId, unitId: 'posts-telecom' },
    finding: { id: finding.id, subjectId: late.id, unitId: 'press' },
    documents: { confidential: documents.confidential!, general: documents.general!, assigneeIds: [reader.id], unitIds: ['it'] },
  };
  expect(report.recipients).toEqual(seeded.report.recipients);
});

afterAll(async () => {
  await t?.dispose();
});

// ----- the cases ----------------------------------------------------------------------------

interface Case {
  family: string;
  actor: Staff;
  method: 'GET' | 'POST';
  path: () => string;
  body?: () => unknown;
  expected: () => number;
  /** The rule a 403 cites, where the use case names one. */
  rule?: string;
}

const read = (visible: boolean) => (visible ? 200 : 404);
/** A change: `allowed` → its success status; seen but not allowed → 403; not seen → 404. */
const change = (visible: boolean, allowed: boolean, ok = 200) => (allowed ? ok : visible ? 403 : 404);
const ownOrIt = (s: Staff) => (s.unitId === 'board' ? 'it' : s.unitId);
const otherUnit = (s: Staff) => (ownOrIt(s) === 'press' ? 'posts-telecom' : 'press');

const asg = (unitId: string, confidential: boolean) => ({
  parties: [director.id, seeded.assignments[unitId]!.assigneeId],
  unitId,
  confidential,
  assigneeId: seeded.assignments[unitId]!.assigneeId,
  assignerId: director.id,
});

const cases: Case[] = sonLa.staff.flatMap((actor): Case[] => [
  ...UNITS.flatMap((unitId) =>
    ([false, true] as const).map((confidential) => ({
      family: `assignment ${confidential ? 'confidential' : 'normal'} of ${unitId}`,
      actor,
      method: 'GET' as const,
      path: () => `/v1/assignments/${seeded.assignments[unitId]![confidential ? 'confidential' : 'normal']}`,
      expected: () => read(READS.assignment(actor, asg(unitId, confidential))),
    })),
  ),
  ...[ownOrIt(actor), otherUnit(actor)].flatMap((unitId): Case[] => [
    {
      family: `audit of the assignment of ${unitId}`,
      actor,
      method: 'GET',
      path: () => `/v1/audit?entityId=${seeded.assignments[unitId]!.normal}`,
      expected: () => read(READS.assignment(actor, asg(unitId, false))),
    },
    {
      family: `progress on the assignment of ${unitId}`,
      actor,
      method: 'POST',
      path: () => `/v1/assignments/${seeded.assignments[unitId]!.normal}/progress`,
      body: () => ({ percent: 10, note: 'Đang thực hiện' }),
      rule: 'A1',
      expected: () => change(READS.assignment(actor, asg(unitId, false)), ACTS.progress(actor, asg(unitId, false))),
    },
    // The director may cancel (they assigned it): checked once at the end, so the matrix keeps its records.
    ...(has(actor, 'director')
      ? []
      : [
          {
            family: `cancelling the assignment of ${unitId}`,
            actor,
            method: 'POST' as const,
            path: () => `/v1/assignments/${seeded.assignments[unitId]!.normal}/cancel`,
            body: () => ({ reason: 'Không còn cần thiết' }),
            rule: 'A1',
            expected: () => change(READS.assignment(actor, asg(unitId, false)), ACTS.cancel(actor, asg(unitId, false))),
          },
        ]),
  ]),
  { family: 'the R3 report', actor, method: 'GET', path: () => `/v1/reports/${seeded.report.id}`, expected: () => read(READS.report(actor, seeded.report)) },
  ...(changesWhatTheMatrixReads(actor, 'report')
    ? []
    : [
        {
          family: 'acknowledging the R3 report',
          actor,
          method: 'POST' as const,
          path: () => `/v1/reports/${seeded.report.id}/acknowledge`,
          body: () => ({ comment: 'Đã xem' }),
          rule: 'A1',
          expected: () => change(READS.report(actor, seeded.report), ACTS.acknowledge(actor, seeded.report)),
        },
      ]),
  { family: 'the L1 leave request', actor, method: 'GET', path: () => `/v1/leave-requests/${seeded.leave.id}`, expected: () => read(READS.leave(actor, seeded.leave)) },
  ...(changesWhatTheMatrixReads(actor, 'leave')
    ? []
    : [
        {
          family: 'deciding the L1 leave request',
          actor,
          method: 'POST' as const,
          path: () => `/v1/leave-requests/${seeded.leave.id}/decision`,
          body: () => ({ approve: true, note: 'Đồng ý' }),
          rule: 'L1',
          expected: () => change(READS.leave(actor, seeded.leave), ACTS.decideLeave(actor, seeded.leave)),
        },
      ]),
  { family: 'the A6 finding', actor, method: 'GET', path: () => `/v1/findings/${seeded.finding.id}`, expected: () => read(READS.finding(actor, seeded.finding)) },
  ...(changesWhatTheMatrixReads(actor, 'finding')
    ? []
    : [
        {
          family: 'resolving the A6 finding',
          actor,
          method: 'POST' as const,
          path: () => `/v1/findings/${seeded.finding.id}/resolve`,
          body: () => ({ note: 'Đã nhắc nhở' }),
          rule: 'A1',
          expected: () => change(READS.finding(actor, seeded.finding), ACTS.resolveFinding(actor, seeded.finding)),
        },
      ]),
  {
    family: 'the confidential document (D2)',
    actor,
    method: 'GET',
    path: () => `/v1/documents/${seeded.documents.confidential}`,
    expected: () => read(READS.confidentialDocument(actor, { assigneeIds: seeded.documents.assigneeIds, level: 'confidential' })),
  },
  {
    family: 'the general document (D1)',
    actor,
    method: 'GET',
    path: () => `/v1/documents/${seeded.documents.general}`,
    expected: () => read(READS.generalDocument(actor, seeded.documents)),
  },
  { family: 'the staff records', actor, method: 'GET', path: () => '/v1/admin/staff', expected: () => (ACTS.administer(actor) ? 200 : 403) },
  {
    family: 'adding a unit',
    actor,
    method: 'POST',
    path: () => '/v1/admin/units',
    body: () => ({ id: `to-${actor.id}`.slice(0, 60), name: { vi: 'Tổ công tác', en: 'Task force' }, kind: 'division', overseenBy: director.id }),
    expected: () => (ACTS.administer(actor) ? 201 : 403),
  },
  {
    family: 'amending the rulebook',
    actor,
    method: 'POST',
    path: () => '/v1/rulebook/amendments',
    body: () => ({ effectiveFrom: '2027-01-01', reason: 'Giữ nguyên', changes: { settings: { dueSoonWorkingDays: sonLa.settings.dueSoonWorkingDays } } }),
    expected: () => (ACTS.amendRulebook(actor) ? 201 : 403),
  },
  { family: 'e-office deliveries', actor, method: 'GET', path: () => '/v1/admin/eoffice/deliveries', expected: () => (ACTS.eofficeDeliveries(actor) ? 200 : 403) },
  { family: 'running F2 by hand', actor, method: 'POST', path: () => '/v1/checks/run', body: () => ({ rule: 'F2', at: '2026-11-26T08:00:00+07:00' }), expected: () => (ACTS.runChecks(actor) ? 200 : 403) },
  { family: 'recording payroll (F2)', actor, method: 'POST', path: () => '/v1/finance/payroll', body: () => ({ month: '2026-10', paidOn: '2026-10-10' }), rule: 'F2', expected: () => (ACTS.finance(actor, 'payroll') ? 201 : 403) },
  { family: 'the income-expense report (F1)', actor, method: 'POST', path: () => '/v1/finance/monthly-reports', body: () => ({ kind: 'income-expense', month: '2026-10', content: 'Thu chi tháng 10' }), rule: 'F1', expected: () => (ACTS.finance(actor, 'incomeExpenseReport') ? 201 : 403) },
  { family: 'the cash report (F5)', actor, method: 'POST', path: () => '/v1/finance/monthly-reports', body: () => ({ kind: 'cash', month: '2026-10', content: 'Quỹ tiền mặt tháng 10' }), rule: 'F5', expected: () => (ACTS.finance(actor, 'cashReport') ? 201 : 403) },
  { family: 'a settlement (F3)', actor, method: 'POST', path: () => '/v1/finance/settlements', body: () => ({ dossierRef: `HS-${actor.id}`, completeOn: '2026-11-20' }), rule: 'F3', expected: () => (ACTS.finance(actor, 'settlement') ? 201 : 403) },
]);

/** Acts that would change a record the matrix still reads are checked for the refused only; the allowed ones once, at the end. */
function changesWhatTheMatrixReads(actor: Staff, family: 'report' | 'leave' | 'finding'): boolean {
  const report = { recipients: [headOf('press').id] };
  const applicant = memberOf('posts-telecom');
  const leave = { applicantId: applicant.id, approverId: unitOf('posts-telecom').overseenBy! };
  if (family === 'report') return ACTS.acknowledge(actor, report);
  if (family === 'leave') return ACTS.decideLeave(actor, leave);
  return ACTS.resolveFinding(actor, { subjectId: memberOf('press', 1).id });
}

/** Reads that come after the finance records above exist. */
const financeReads: Case[] = sonLa.staff.map((actor) => ({
  family: 'the payroll record (F2)',
  actor,
  method: 'GET',
  path: () => '/v1/finance/payroll/2026-10',
  expected: () => read(ACTS.readFinance(actor)),
}));

const label = (c: Case) => `${c.actor.roles.join('+')} ${c.actor.id} (${c.actor.unitId}) → ${c.family}`;

describe('the authorization matrix, for every staff member of the rulebook', () => {
  it('covers every role of the rulebook, and both answers of every family', () => {
    const roles = new Set(sonLa.staff.flatMap((s) => s.roles));
    expect(new Set(cases.flatMap((c) => c.actor.roles))).toEqual(roles);
    expect(cases.length + financeReads.length).toBeGreaterThan(1000);
  });

  it('counts its answers (for the README)', () => {
    const all = [...cases, ...financeReads];
    const by = (status: number) => all.filter((c) => c.expected() === status).length;
    console.log(
      `authorization: ${all.length} cases, ${sonLa.staff.length} staff × ${new Set(all.map((c) => c.family)).size} families: ${by(200) + by(201)} allowed, ${by(404)} not visible (404), ${by(403)} refused (403)`,
    );
    expect(by(200) + by(201) + by(403) + by(404)).toBe(all.length);
  });

  it.each([...cases, ...financeReads].map((c) => [label(c), c] as const))('%s', async (_label, c) => {
    const before = await liveCount(t);
    const res = await t.as(c.actor.id, c.path(), { method: c.method, ...(c.body ? { body: JSON.stringify(c.body()) } : {}), clock: NOW });
    const expected = c.expected();
    const text = await res.text();
    expect(res.status, text).toBe(expected);
    if (expected >= 400) {
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(await liveCount(t)).toBe(before);
    }
    if (expected === 403 && c.rule) expect(JSON.parse(text).rule).toBe(c.rule);
  });

  it('every family has readers and non-readers, actors and refused', () => {
    const all = [...cases, ...financeReads];
    for (const family of ['assignment normal of press', 'assignment confidential of press', 'the R3 report', 'the L1 leave request', 'the A6 finding', 'the confidential document (D2)', 'the general document (D1)']) {
      const statuses = new Set(all.filter((c) => c.family === family).map((c) => c.expected()));
      expect(statuses, family).toEqual(new Set([200, 404]));
    }
    for (const family of ['progress on the assignment of press', 'cancelling the assignment of press', 'resolving the A6 finding', 'deciding the L1 leave request']) {
      const statuses = new Set(all.filter((c) => c.family === family).map((c) => c.expected()));
      expect(statuses.has(404) && (statuses.has(403) || family === 'progress on the assignment of press'), family).toBe(true);
    }
  });
});

describe('the acts the matrix left out, by those allowed', () => {
  it('the director cancels, the recipient acknowledges, the approver decides, the chief inspector resolves', async () => {
    expect((await t.as(director.id, `/v1/assignments/${seeded.assignments.press!.normal}/cancel`, { method: 'POST', body: JSON.stringify({ reason: 'Trùng việc' }), clock: NOW })).status).toBe(200);
    expect((await t.as(seeded.report.recipients[0]!, `/v1/reports/${seeded.report.id}/acknowledge`, { method: 'POST', body: JSON.stringify({ comment: 'Đã xem' }), clock: NOW })).status).toBe(200);
    expect((await t.as(seeded.leave.approverId, `/v1/leave-requests/${seeded.leave.id}/decision`, { method: 'POST', body: JSON.stringify({ approve: true, note: 'Đồng ý' }), clock: NOW })).status).toBe(200);
    const chiefInspector = sonLa.staff.find((s) => has(s, 'chief-inspector'))!;
    expect((await t.as(chiefInspector.id, `/v1/findings/${seeded.finding.id}/resolve`, { method: 'POST', body: JSON.stringify({ note: 'Đã nhắc nhở' }), clock: NOW })).status).toBe(200);
  });
});

describe('no IDOR: guessing or filtering for another unit’s records gives nothing', () => {
  const visibleAssignment = (s: Staff, a: any) =>
    READS.assignment(s, { parties: [a.assignerId, a.onBehalfOf, a.assigneeId, a.responsibleId, ...a.coordinatorIds].filter(Boolean), unitId: a.unitId, confidential: a.confidentiality !== 'normal' });

  it.each(sonLa.staff.map((s) => [`${s.id} (${s.roles.join('+')})`, s] as const))('%s lists only what they may see', async (_l, s) => {
    for (const path of ['/v1/assignments?limit=100', `/v1/assignments?unitId=${otherUnit(s)}&limit=100`, `/v1/assignments?assigneeId=${memberOf(otherUnit(s)).id}&limit=100`]) {
      const res = await t.as(s.id, path, { clock: NOW });
      expect(res.status).toBe(200);
      const page = await json(res);
      for (const a of page.items) expect(visibleAssignment(s, a), `${path}: ${a.id} of ${a.unitId}`).toBe(true);
    }
    for (const path of [`/v1/findings?unitId=press`, `/v1/leave-requests?unitId=posts-telecom`]) {
      const res = await t.as(s.id, path, { clock: NOW });
      expect([200, 404], path).toContain(res.status);
      if (res.status === 200) {
        for (const item of (await json(res)).items) {
          const ok = path.includes('findings') ? READS.finding(s, item) : READS.leave(s, { applicantId: item.applicantId, approverId: item.approverId, unitId: item.unitId });
          expect(ok, `${path}: ${item.id}`).toBe(true);
        }
      }
    }
  });

  it.each([
    ['assignment', (id: string) => `/v1/assignments/${id}`, () => seeded.assignments.press!.confidential],
    ['report', (id: string) => `/v1/reports/${id}`, () => seeded.report.id],
    ['leave request', (id: string) => `/v1/leave-requests/${id}`, () => seeded.leave.id],
    ['finding', (id: string) => `/v1/findings/${id}`, () => seeded.finding.id],
    ['document', (id: string) => `/v1/documents/${id}`, () => seeded.documents.confidential],
  ])('a %s of another unit answers exactly as an id that does not exist', async (_kind, path, realId) => {
    const outsider = memberOf('ict-centre', 1);
    const real = await t.as(outsider.id, path(realId()), { clock: NOW });
    const guessed = ulid();
    const missing = await t.as(outsider.id, path(guessed), { clock: NOW });
    expect(real.status).toBe(404);
    expect(missing.status).toBe(404);
    const [a, b] = [await json(real), await json(missing)];
    expect(a.detail.replace(realId(), '<id>')).toBe(b.detail.replace(guessed, '<id>'));
    expect(Object.keys(a).sort()).toEqual(Object.keys(b).sort());
  });
});
