/**
 * The estimated monthly AWS bill of one department (issue #20.6): each operation a month brings,
 * measured through the real app or services on the bench's department (DynamoDB units as AWS
 * prices them, and the handler's milliseconds), times how often a month brings it, at the
 * on-demand list prices of scripts/bench/aws-prices.json. The workload and every assumption are
 * printed beside the figure; the arithmetic (`estimateMonthlyCost`, cost-model.ts) is pure and
 * unit-tested.
 */
import { performance } from 'node:perf_hooks';
import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import type { TableContext } from '../../shared/store/client.js';
import { addDays, formatInstant, toLocalDate } from '../../shared/domain/local-time.js';
import { dashboardScopeOf, periodicObligationsDueIn } from '../../shared/domain/dashboard.js';
import { expectedMeetings } from '../../shared/domain/meeting-schedule.js';
import { periodContaining, type Period } from '../../shared/domain/periods.js';
import { orgSnapshotOf } from '../../shared/domain/obligations.js';
import { calendarOf } from '../../shared/domain/working-calendar-of.js';
import { complianceSchedules } from '../../shared/services/compliance/schedules.js';
import { Authority } from '../../shared/domain/authority.js';
import type { BundleResult } from './bundles.js';
import type { BenchDepartment } from './department.js';
import { cast } from './operations.js';
import { actorOf } from './seed.js';
import { cronRunsPerMonth, estimateMonthlyCost, loadPrices, type CostAssumptions, type CostEstimate, type MonthlyOperation, type PriceList } from './cost-model.js';

export * from './cost-model.js';

// ---------------------------------------------------------------------------------------------
// The workload of one department

export interface Workload {
  readonly staff: number;
  /** The rulebook's own staff, scaled to `staff`. */
  readonly rulebookStaff: number;
  readonly assignmentsPerMonth: number;
  readonly workingDaysPerMonth: number;
  /** Managers: staff whose dashboard covers more than themselves (rulebook share, scaled to `staff`). */
  readonly managers: number;
  readonly reportsPerMonth: number;
  readonly meetingsPerMonth: number;
  /** "My work" opened per person per working day. */
  readonly myWorkPerPersonPerDay: number;
  /** Each assignment opened (with its history) this many times over its life. */
  readonly viewsPerAssignment: number;
  /** Progress updates per assignment. */
  readonly progressPerAssignment: number;
  readonly scheduledRunsPerMonth: number;
}

/** The department the issue names: 50 staff, 300 assignments a month, the rulebook's reports and meetings. */
export function departmentWorkload(d: BenchDepartment, month: Period): Workload {
  const rulebook = d.rulebook;
  const staff = 50;
  const scale = staff / rulebook.staff.length;
  const authority = new Authority({ units: rulebook.units, staff: rulebook.staff.map((s) => ({ ...s, active: true })), leaders: rulebook.leaders });
  const managersInRulebook = rulebook.staff.filter((s) => dashboardScopeOf(authority, s.id).kind !== 'person').length;
  const calendar = calendarOf(rulebook);
  let workingDays = 0;
  for (let day = month.start; day <= month.end; day = addDays(day, 1)) if (calendar.isWorkingDay(day)) workingDays++;
  // Every periodic obligation falling due in the month (as the dashboard counts them), scaled with the staff.
  const reports = periodicObligationsDueIn(month, { rulebookOn: () => rulebook, calendarOn: () => calendar }, orgSnapshotOf(rulebook), {}).length;
  const meetings = expectedMeetings({
    obligations: rulebook.meetingObligations,
    units: rulebook.units.map((u) => ({ id: u.id, name: u.name, kind: u.kind, overseenBy: u.overseenBy })),
    calendar,
    range: { start: month.start, end: month.end },
  }).length;
  const scheduledRunsPerMonth = complianceSchedules(rulebook).reduce((s, e) => s + cronRunsPerMonth(e.cron), 0);
  return {
    staff,
    rulebookStaff: rulebook.staff.length,
    assignmentsPerMonth: 300,
    workingDaysPerMonth: workingDays,
    managers: Math.round(managersInRulebook * scale),
    reportsPerMonth: Math.round(reports * scale),
    meetingsPerMonth: meetings,
    myWorkPerPersonPerDay: 2,
    viewsPerAssignment: 3,
    progressPerAssignment: 2,
    scheduledRunsPerMonth: Math.round(scheduledRunsPerMonth),
  };
}

// ---------------------------------------------------------------------------------------------
// Measuring one of each (through the real app, or the real services for scheduled runs)

export interface MeasuredSample {
  readonly name: string;
  readonly readUnits: number;
  readonly writeUnits: number;
  readonly lambdaMs: number;
  readonly runs: number;
}

const median = (xs: readonly number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

/**
 * Measures each operation `runs` times on the department: read units as DynamoDB reports them,
 * write units with every transaction priced item by item (DynamoDB Local's figures for
 * transactions are not AWS's), and the median wall time of the handler.
 */
export async function measureSamples(d: BenchDepartment, now: Date, runs = 5): Promise<MeasuredSample[]> {
  const tz = d.rulebook.organisation.timeZone;
  const clock = formatInstant(now, tz);
  const people = cast(d);
  // Local's own figure for each transaction, to swap for what AWS charges.
  let localTransactUnits = 0;
  d.table.client.middlewareStack.add(
    (next, context) => async (args) => {
      const out = await next(args);
      if (context.commandName === 'TransactWriteItemsCommand') {
        const consumed = (out.output as { ConsumedCapacity?: { CapacityUnits?: number }[] }).ConsumedCapacity ?? [];
        localTransactUnits += consumed.reduce((s, c) => s + (c.CapacityUnits ?? 0), 0);
      }
      return out;
    },
    { step: 'initialize', name: 'benchCostTransactUnits' },
  );
  const samples = new Map<string, { read: number[]; write: number[]; ms: number[] }>();
  const timed = async <T>(name: string, operation: () => Promise<T>): Promise<T> => {
    localTransactUnits = 0;
    const started = performance.now();
    const { result, units, transactions } = await d.measure(operation);
    const ms = performance.now() - started;
    const priced = transactions.flat().reduce((s, w) => s + w.units, 0);
    const s = samples.get(name) ?? { read: [], write: [], ms: [] };
    samples.set(name, s);
    s.read.push(units.read);
    s.write.push(units.write - localTransactUnits + priced);
    s.ms.push(ms);
    return result;
  };
  const request = (name: string, staffId: string, path: string, init: { method?: string; body?: unknown; headers?: Record<string, string> } = {}) =>
    timed(name, async () => {
      const headers = new Headers(init.headers);
      headers.set('authorization', `Bearer ${await d.token(staffId)}`);
      headers.set('x-clock', clock);
      if (init.body !== undefined) headers.set('content-type', 'application/json');
      const res = await d.app.request(path, { method: init.method ?? 'GET', headers, ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}) });
      const body = (await res.json()) as Record<string, unknown>;
      if (res.status >= 300) throw new Error(`cost: ${init.method ?? 'GET'} ${path} answered ${res.status}: ${JSON.stringify(body).slice(0, 300)}`);
      return body;
    });

  const month = periodContaining('month', toLocalDate(now, tz));
  // Warm, as a warm Lambda is.
  await request('warm-up', people.director, '/v1/org');
  const week = periodContaining('week', toLocalDate(now, tz));
  const obligations = (await request('warm-up', people.specialist, `/v1/reports/obligations?period=${week.id}`)).items as { obligationId: string; period: string; status: string }[];
  const pending = obligations.filter((o) => o.status === 'pending' || o.status === 'missing');
  for (let run = 0; run < runs; run++) {
    await request('my work (list)', people.specialist, '/v1/assignments');
    await request('department dashboard', people.director, `/v1/dashboard?period=${month.id}`);
    const created = await request('create an assignment', people.head, '/v1/assignments', {
      method: 'POST',
      headers: { 'idempotency-key': `bench-cost-${now.getTime()}-${run}` },
      body: { title: 'Tổng hợp số liệu chuyển đổi số', assigneeId: people.specialist, dueDate: addDays(toLocalDate(now, tz), 10) },
    });
    const id = String(created.id);
    await request('one assignment with history', people.specialist, `/v1/assignments/${id}`);
    await request('progress update', people.specialist, `/v1/assignments/${id}/progress`, {
      method: 'POST',
      headers: { 'if-match': `"${String(created.version)}"` },
      body: { percent: 50, note: 'Đã tổng hợp một nửa.' },
    });
    await request('complete an assignment', people.specialist, `/v1/assignments/${id}/complete`, {
      method: 'POST',
      headers: { 'if-match': `"${Number(created.version) + 1}"` },
      body: { note: 'Đã hoàn thành.' },
    });
    const owed = pending[run];
    if (owed) {
      await request('submit a report', people.specialist, '/v1/reports', {
        method: 'POST',
        headers: { 'idempotency-key': `bench-cost-report-${now.getTime()}-${run}` },
        body: { obligationId: owed.obligationId, period: owed.period, content: 'Báo cáo kết quả công tác trong tuần.' },
      });
    }
    // A meeting recorded and its conclusions issued (two items), through the service the route calls.
    const chair = actorOf(d.rulebook, people.head);
    const members = d.rulebook.staff.filter((s) => s.unitId === people.unitId).map((s) => s.id);
    const heldOn = addDays(toLocalDate(now, tz), -run - 1);
    const meeting = await timed('record a meeting', () =>
      d.services.meetings.record(chair, { kind: 'topical', heldOn, chairId: people.head, unitId: people.unitId, participantIds: members }, now),
    );
    await timed('issue meeting conclusions', () =>
      d.services.meetings.issueConclusions(
        chair,
        meeting.body.id,
        { items: [0, 1].map((i) => ({ text: `Kết luận ${i + 1}`, assigneeId: people.specialist, dueDate: addDays(heldOn, 10) })) },
        now,
      ),
    );
  }
  // One run of each scheduled rule, as the schedule runs it.
  for (const rule of d.services.compliance.rules) await timed(`compliance ${rule.id}`, () => d.services.compliance.run(d.orgId, rule.id, now));

  return [...samples]
    .filter(([name]) => name !== 'warm-up')
    .map(([name, s]) => ({
      name,
      readUnits: s.read.reduce((a, b) => a + b, 0) / s.read.length,
      writeUnits: s.write.reduce((a, b) => a + b, 0) / s.write.length,
      lambdaMs: Math.round(median(s.ms) * 10) / 10,
      runs: s.ms.length,
    }));
}

// ---------------------------------------------------------------------------------------------
// The whole estimate

export interface MonthlyCostReport {
  readonly prices: PriceList;
  readonly workload: Workload;
  readonly assumptions: CostAssumptions & { readonly notes: string[] };
  readonly operations: MonthlyOperation[];
  readonly estimate: CostEstimate;
}

export function monthlyCost(samples: readonly MeasuredSample[], workload: Workload, bundles: readonly BundleResult[], storedBytes: number, prices = loadPrices()): MonthlyCostReport {
  const sample = (name: string) => {
    const s = samples.find((x) => x.name === name);
    if (!s) throw new Error(`cost: ${name} was not measured`);
    return s;
  };
  const w = workload;
  const api = (name: string, perMonth: number): MonthlyOperation => ({ name, perMonth, via: 'api', ...pick(sample(name)) });
  const compliance = samples.filter((s) => s.name.startsWith('compliance '));
  const mean = (f: (s: MeasuredSample) => number) => compliance.reduce((a, s) => a + f(s), 0) / compliance.length;
  const operations: MonthlyOperation[] = [
    api('my work (list)', w.staff * w.myWorkPerPersonPerDay * w.workingDaysPerMonth),
    api('department dashboard', w.managers * w.workingDaysPerMonth),
    api('create an assignment', w.assignmentsPerMonth),
    api('one assignment with history', w.assignmentsPerMonth * w.viewsPerAssignment),
    api('progress update', w.assignmentsPerMonth * w.progressPerAssignment),
    api('complete an assignment', w.assignmentsPerMonth),
    api('submit a report', w.reportsPerMonth),
    api('record a meeting', w.meetingsPerMonth),
    api('issue meeting conclusions', w.meetingsPerMonth),
    {
      name: 'scheduled compliance runs (mean of every rule measured)',
      perMonth: w.scheduledRunsPerMonth,
      via: 'scheduler',
      readUnits: mean((s) => s.readUnits),
      writeUnits: mean((s) => s.writeUnits),
      lambdaMs: mean((s) => s.lambdaMs),
    },
  ];
  const api_ = bundles.find((b) => b.name.startsWith('api'));
  const compliance_ = bundles.find((b) => b.name.startsWith('compliance'));
  const coldStartMs = Math.max(api_?.coldImportMs ?? 0, compliance_?.coldImportMs ?? 0);
  const assumptions: CostAssumptions = {
    lambdaMemoryMb: 512,
    // A function left idle for some minutes is recycled: the API once an hour of an 8-hour working day, the three others once a day.
    coldStartsPerMonth: 8 * w.workingDaysPerMonth + 3 * 31,
    coldStartMs,
    logBytesPerInvocation: 1500,
    storedBytes,
  };
  const notes = [
    `${w.staff} staff (the rulebook's ${w.rulebookStaff} scaled), ${w.managers} of them managers (dashboard beyond themselves), ${w.workingDaysPerMonth} working days in the month measured.`,
    `${w.assignmentsPerMonth} assignments a month, each created, opened ${w.viewsPerAssignment} times, updated ${w.progressPerAssignment} times and completed; meeting conclusions are among them.`,
    `"My work" opened ${w.myWorkPerPersonPerDay} times a day by everyone; one department dashboard view per manager per working day.`,
    `${w.reportsPerMonth} reports and plans due a month (the rulebook's obligations falling due in the month, scaled from its staff to ${w.staff}); ${w.meetingsPerMonth} meetings (the rulebook's schedule).`,
    `${w.scheduledRunsPerMonth} scheduled runs a month (every EventBridge schedule the rulebook generates), each costed at the mean of the compliance rules measured.`,
    'Lambda bills the handler wall time measured here (DynamoDB Local on this machine; in AWS a DynamoDB call takes a few ms), at 512 MB Arm (infra/constructs/node-function.ts).',
    `Cold starts: one an hour of the working day for the API and one a day for each of the compliance, outbox and eoffice functions, each billing the largest measured cold import (${Math.round(coldStartMs)} ms).`,
    `Logs: ${assumptionsBytes(1500)} a Lambda invocation (START/END/REPORT and INFO lines).`,
    'Storage: the bench department at the smaller size (a year of history), table and index entries with 100 bytes overhead each.',
    'Free tiers left out; no data transfer, Cognito, SES, WAF, KMS or alarms (not per-department costs).',
  ];
  return { prices, workload, assumptions: { ...assumptions, notes }, operations, estimate: estimateMonthlyCost(operations, assumptions, prices) };
}

const assumptionsBytes = (b: number) => `${(b / 1024).toFixed(1)} KB`;
const pick = (s: MeasuredSample) => ({ readUnits: s.readUnits, writeUnits: s.writeUnits, lambdaMs: s.lambdaMs });

export function costTables(report: MonthlyCostReport): string {
  const usd = (x: number) => (x < 0.01 ? `$${x.toFixed(4)}` : `$${x.toFixed(2)}`);
  const n = (x: number) => (Number.isInteger(x) ? x.toLocaleString('en-US') : x.toFixed(2));
  return [
    `Estimated monthly AWS cost of one department, ${report.prices.region} on-demand list prices of ${report.prices.asOf} (scripts/bench/aws-prices.json)`,
    '',
    '| operation | a month | read units each | write units each | Lambda ms each |',
    '|---|---:|---:|---:|---:|',
    ...report.operations.map((o) => `| ${o.name} | ${n(o.perMonth)} | ${n(o.readUnits)} | ${n(o.writeUnits)} | ${n(o.lambdaMs)} |`),
    '',
    '| service | quantity | cost |',
    '|---|---:|---:|',
    ...report.estimate.lines.map((l) => `| ${l.service} | ${n(l.quantity)} ${l.unit} | ${usd(l.usd)} |`),
    `| **total** | | **${usd(report.estimate.totalUsd)}** |`,
    '',
    'Assumptions:',
    ...report.assumptions.notes.map((note) => `- ${note}`),
  ].join('\n');
}

/**
 * What a table stores as DynamoDB bills it: its items and each index's entries, with 100 bytes of
 * overhead per item and per entry (DescribeTable; DynamoDB Local reports the sizes at once).
 */
export async function storedBytes(table: TableContext): Promise<number> {
  const { Table } = await table.client.send(new DescribeTableCommand({ TableName: table.tableName }));
  if (!Table?.TableSizeBytes) throw new Error(`DescribeTable gave no size for ${table.tableName}`);
  const indexes = (Table.GlobalSecondaryIndexes ?? []).reduce((s, i) => s + (i.IndexSizeBytes ?? 0) + 100 * (i.ItemCount ?? 0), 0);
  return Table.TableSizeBytes + 100 * (Table.ItemCount ?? 0) + indexes;
}
