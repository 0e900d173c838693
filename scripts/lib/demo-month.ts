// Long file: one scenario in date order (the demo month), each step using the ids the earlier ones made; split, the story would be read across files.
/**
 * The demo department's month of life (`npm start` in local mode): a recent month of the Sơn La
 * department laid out on its working-day calendar relative to today, written through the API
 * itself (the Hono app in-process, a dev token per person, `X-Clock` set to each event's business
 * time), so every record passes the same validation and authority checks as a real call and has
 * its audit history; then the compliance rules run on their own schedules over the month.
 *
 * Once: a `started` marker fixes the anchor day before anything is written, a `done` marker ends
 * it. Creations carry deterministic Idempotency-Keys and changes send `If-Match` with the version
 * they expect, so a run interrupted half-way and started again completes without duplicates.
 */
import { createHash } from 'node:crypto';
import type { WorkingCalendar } from '../../shared/domain/calendar.js';
import { addDays, formatInstant, isoWeekday, localDateTimeToInstant, startOfLocalDay, toLocalDate, type LocalDate } from '../../shared/domain/local-time.js';
import { orgSnapshotOf, periodicObligations, type ObligationInstance } from '../../shared/domain/obligations.js';
import { PERIOD_KINDS, periodsOverlapping } from '../../shared/domain/periods.js';
import { nextFireTime } from '../../shared/domain/schedule-cron.js';
import { calendarOf } from '../../shared/domain/working-calendar-of.js';
import type { Rulebook } from '../../shared/rulebook/schema.js';
import { complianceSchedules } from '../../shared/services/compliance/schedules.js';
import { isJob } from '../../shared/services/compliance/rule.js';
import { checkById } from '../../shared/services/compliance/registry.js';
import { demoEvaluationSteps } from './demo-evaluations.js';
import type { SeedMarkerRepository } from '../../shared/store/seed-marker-repository.js';

export const DEMO_MARKER = 'demo-month';
/** The demo acts as the people of this organisation's rulebook; another organisation starts empty. */
export const DEMO_ORGANISATION = 'so-tttt-son-la';
const CONCURRENCY = 6;

export interface DemoDeps {
  /** The app (`buildApp(deps)`): every record is written through its routes. */
  readonly app: { request(path: string, init?: RequestInit): Response | Promise<Response> };
  readonly token: (staffId: string) => Promise<string>;
  /** Runs one compliance rule for the organisation at an instant (the schedules' entry point). */
  readonly runRule: (rule: string, at: Date) => Promise<unknown>;
  readonly markers: SeedMarkerRepository;
  readonly rulebook: Rulebook;
  readonly now: Date;
  readonly log?: (line: string) => void;
  /** Tests: stop (throw) after this many steps, as a crash would. */
  readonly stopAfter?: number;
}

/** The demo's go-live: the Monday of the week 22 working days before the anchor day (about a month). */
export function demoGoLiveOn(rulebook: Rulebook, anchor: LocalDate): LocalDate {
  const day = calendarOf(rulebook).addWorkingDays(anchor, -22);
  return addDays(day, 1 - isoWeekday(day));
}

/** Whether the demo still has to run (or finish): its marker, and whether the organisation was seeded empty before. */
export async function demoState(markers: SeedMarkerRepository, orgId: string): Promise<'absent' | 'started' | 'done'> {
  return (await markers.get(orgId, DEMO_MARKER))?.state ?? 'absent';
}

/** Fixes the demo's anchor day before the organisation is seeded; a restart reuses the first anchor. */
export async function startDemo(markers: SeedMarkerRepository, orgId: string, now: Date, timeZone: string): Promise<LocalDate> {
  await markers.put(orgId, { name: DEMO_MARKER, state: 'started', anchor: toLocalDate(now, timeZone), at: now.toISOString() });
  return (await markers.get(orgId, DEMO_MARKER))!.anchor;
}

interface Step {
  readonly at: Date;
  readonly order: number;
  readonly label: string;
  readonly run: () => Promise<void>;
}

class DemoApiError extends Error {}

/** A deterministic number in [0, 1) from a string: which reports come late or not at all. */
const chance = (key: string) => parseInt(createHash('sha256').update(key).digest('hex').slice(0, 8), 16) / 0x1_0000_0000;

export async function seedDemoMonth(deps: DemoDeps): Promise<{ outcome: 'seeded' | 'already-seeded'; steps: number; goLiveOn: LocalDate }> {
  const { rulebook, markers, now } = deps;
  const orgId = rulebook.organisation.id;
  const timeZone = rulebook.organisation.timeZone;
  const marker = await markers.get(orgId, DEMO_MARKER);
  const anchor = marker?.anchor ?? (await startDemo(markers, orgId, now, timeZone));
  const goLiveOn = demoGoLiveOn(rulebook, anchor);
  if (marker?.state === 'done') return { outcome: 'already-seeded', steps: 0, goLiveOn };

  const calendar = calendarOf(rulebook);
  const month = new DemoMonth(deps, calendar, anchor, goLiveOn);
  const steps = month.plan();
  let done = 0;
  // Steps at the same instant are independent (many people's reports, several rules): a few at a time.
  for (let i = 0; i < steps.length; ) {
    if (deps.stopAfter !== undefined && done >= deps.stopAfter) throw new Error(`Demo interrupted after ${done} steps (test)`);
    let j = i + 1;
    while (j < steps.length && j - i < CONCURRENCY && steps[j]!.at.getTime() === steps[i]!.at.getTime()) j++;
    await Promise.all(
      steps.slice(i, j).map(async (step) => {
        try {
          await step.run();
        } catch (error) {
          throw new Error(`Demo step "${step.label}" at ${formatInstant(step.at, timeZone)} failed: ${(error as Error).message}`);
        }
      }),
    );
    done += j - i;
    i = j;
  }
  await markers.put(orgId, { name: DEMO_MARKER, state: 'done', anchor, at: new Date().toISOString() });
  deps.log?.(`  demo month: ${done} steps from ${goLiveOn} to ${anchor}`);
  return { outcome: 'seeded', steps: done, goLiveOn };
}

// The people of the Sơn La rulebook the demo acts as (ids from so-tttt-son-la.json).
const P = {
  director: 'nguyen-van-hung',
  deputyPosts: 'lo-van-thang',
  deputyIt: 'pham-minh-tuan',
  chiefOfOffice: 'dang-thi-hong-nhung',
  accountant: 'vu-thi-lan-anh',
  treasurer: 'hoang-thi-yen',
  chiefInspector: 'nguyen-thi-thanh-ha',
  inspector: 'mai-xuan-truong',
  pressHead: 'tran-van-long',
  pressA: 'le-thi-ngoc-anh',
  pressB: 'vi-van-khanh',
  postsHead: 'do-manh-cuong',
  postsA: 'nguyen-thi-hai-yen',
  postsB: 'lo-thi-ngan',
  clerk: 'luong-thi-thu',
  itHead: 'hoang-van-nam',
  itA: 'le-dinh-khoi',
  itB: 'cam-thi-duyen',
  ictHead: 'ta-quang-vinh',
  ictA: 'dao-minh-hieu',
} as const;

interface AssignmentPlan {
  key: string;
  by: string;
  to: string;
  title: string;
  description: string;
  created: number;
  due: number;
  /** Changes after creation, in order; each expects the version before it. */
  then: ({ at: number; time?: string } & (
    | { kind: 'progress'; percent: number; note: string }
    | { kind: 'complete'; note: string }
    | { kind: 'return'; reason: string }
    | { kind: 'cancel'; reason: string }
    | { kind: 'extension'; newDue: number; reason: string }
    | { kind: 'decision'; approve: boolean; note: string }
  ))[];
}

/** One assignment in each state the dashboard shows (working days relative to today: -3 is three working days ago). */
const ASSIGNMENTS: AssignmentPlan[] = [
  {
    key: 'within-deadline',
    by: P.itHead,
    to: P.itA,
    title: 'Rà soát, cập nhật danh mục hệ thống thông tin cấp độ 2, cấp độ 3 của các sở, ngành',
    description: 'Đối chiếu hồ sơ đề xuất cấp độ đã phê duyệt, cập nhật danh mục và đề xuất các hệ thống cần bổ sung phương án bảo đảm an toàn thông tin.',
    created: -3,
    due: 10,
    then: [{ at: -1, kind: 'progress', percent: 30, note: 'Đã rà soát xong hồ sơ của 8/21 sở, ngành.' }],
  },
  {
    key: 'due-soon',
    by: P.itHead,
    to: P.itB,
    title: 'Tổng hợp số liệu chỉ số chuyển đổi số (DTI) năm 2026 của tỉnh',
    description: 'Thu thập số liệu từ các sở, ngành và UBND các huyện, thành phố; tổng hợp theo bộ chỉ số của Bộ.',
    created: -9,
    due: 2,
    then: [{ at: -2, kind: 'progress', percent: 60, note: 'Đã nhận số liệu của 10/12 huyện, thành phố; còn thiếu Sốp Cộp, Bắc Yên.' }],
  },
  {
    key: 'overdue-reminder',
    by: P.postsHead,
    to: P.postsA,
    title: 'Báo cáo hiện trạng trạm BTS tại các bản vùng lõm sóng huyện Sốp Cộp',
    description: 'Làm việc với các doanh nghiệp viễn thông, lập danh sách bản chưa có sóng di động và kế hoạch phủ sóng.',
    created: -10,
    due: -2,
    then: [{ at: -5, kind: 'progress', percent: 50, note: 'Đã có số liệu của Viettel và VNPT, đang chờ MobiFone.' }],
  },
  {
    key: 'overdue-criticism',
    by: P.pressHead,
    to: P.pressB,
    title: 'Thẩm định hồ sơ cấp giấy phép xuất bản bản tin của Hội Nông dân tỉnh',
    description: 'Thẩm định hồ sơ theo Luật Báo chí, dự thảo văn bản trả lời trình Lãnh đạo Sở.',
    created: -14,
    due: -6,
    then: [],
  },
  {
    key: 'overdue-review',
    by: P.director,
    to: P.ictHead,
    title: 'Hoàn thiện phương án nâng cấp Trung tâm dữ liệu tỉnh',
    description: 'Hoàn thiện phương án kỹ thuật, dự toán kinh phí nâng cấp Trung tâm dữ liệu tỉnh, trình UBND tỉnh.',
    created: -20,
    due: -12,
    then: [{ at: -15, kind: 'progress', percent: 20, note: 'Đang khảo sát hiện trạng thiết bị.' }],
  },
  {
    key: 'completed-on-time',
    by: P.itHead,
    to: P.itA,
    title: 'Cấp chứng thư số cho cán bộ mới tuyển dụng của Sở',
    description: 'Lập hồ sơ đề nghị cấp chứng thư số, hướng dẫn cài đặt và ký số trên hệ thống quản lý văn bản.',
    created: -15,
    due: -8,
    then: [{ at: -9, kind: 'complete', note: 'Đã cấp và cài đặt chứng thư số cho 04 cán bộ.' }],
  },
  {
    key: 'completed-late',
    by: P.pressHead,
    to: P.pressA,
    title: 'Tổng hợp thông tin báo chí phản ánh, kiến nghị trong tháng',
    description: 'Tổng hợp các tin, bài phản ánh, kiến nghị liên quan đến tỉnh trên báo chí, đề xuất cơ quan xử lý.',
    created: -16,
    due: -10,
    then: [{ at: -7, kind: 'complete', note: 'Đã tổng hợp 23 tin, bài; gửi kèm danh sách đề xuất cơ quan xử lý.' }],
  },
  {
    key: 'on-time-after-extension',
    by: P.postsHead,
    to: P.postsB,
    title: 'Kiểm tra chất lượng dịch vụ bưu chính công ích tại các điểm Bưu điện văn hóa xã',
    description: 'Kiểm tra thực tế tại 15 điểm Bưu điện văn hóa xã, lập biên bản và báo cáo kết quả.',
    created: -18,
    due: -9,
    then: [
      { at: -11, kind: 'extension', newDue: -4, reason: 'Đường vào 5 xã vùng cao bị sạt lở sau mưa lớn, chưa thể kiểm tra đúng kế hoạch.' },
      { at: -10, kind: 'decision', approve: true, note: 'Đồng ý gia hạn.' },
      { at: -5, kind: 'complete', note: 'Đã kiểm tra đủ 15 điểm; biên bản kèm theo.' },
    ],
  },
  {
    key: 'extension-pending',
    by: P.ictHead,
    to: P.ictA,
    title: 'Triển khai giám sát an toàn thông tin (SOC) cho 12 sở, ngành',
    description: 'Cài đặt thiết bị và phần mềm giám sát, kết nối về Trung tâm giám sát an toàn thông tin của tỉnh.',
    created: -12,
    due: 3,
    then: [
      { at: -4, kind: 'progress', percent: 55, note: 'Đã kết nối 7/12 sở, ngành.' },
      { at: -1, kind: 'extension', newDue: 10, reason: 'Nhà cung cấp giao chậm 5 thiết bị cảm biến; đề nghị gia hạn để hoàn thành kết nối các đơn vị còn lại.' },
    ],
  },
  {
    key: 'returned',
    by: P.itHead,
    to: P.itB,
    title: 'Dự thảo Kế hoạch ứng dụng công nghệ thông tin, chuyển đổi số năm 2027',
    description: 'Xây dựng dự thảo kế hoạch theo hướng dẫn của Bộ, lấy ý kiến các phòng, đơn vị.',
    created: -13,
    due: 4,
    then: [
      { at: -4, kind: 'complete', note: 'Đã hoàn thành dự thảo, gửi kèm.' },
      { at: -3, kind: 'return', reason: 'Bổ sung dự toán kinh phí và phân công cụ thể cho từng đơn vị, gửi lại trước hạn.' },
    ],
  },
  {
    key: 'cancelled',
    by: P.pressHead,
    to: P.pressB,
    title: 'Chuẩn bị nội dung họp báo định kỳ quý IV',
    description: 'Chuẩn bị thông cáo báo chí và đề cương trả lời các câu hỏi dự kiến.',
    created: -11,
    due: 1,
    then: [{ at: -6, kind: 'cancel', reason: 'UBND tỉnh chủ trì họp báo chung, Sở không tổ chức riêng.' }],
  },
];

const REPORT_NOTES: Record<string, string[]> = {
  R1: ['Các lĩnh vực được phân công triển khai đúng kế hoạch; đề xuất Giám đốc chỉ đạo đẩy nhanh tiến độ các dự án hạ tầng số.'],
  R2: ['Kết quả thực hiện nhiệm vụ của phòng trong kỳ; các nhiệm vụ chậm tiến độ và nguyên nhân; kế hoạch kỳ tới.'],
  R3: ['Đã hoàn thành các nhiệm vụ được giao trong kỳ; nhiệm vụ đang thực hiện và đề xuất.', 'Kết quả công việc trong kỳ, khó khăn vướng mắc, kiến nghị với lãnh đạo phòng.'],
  R6: ['Kết quả công tác thanh tra, giải quyết khiếu nại, tố cáo và phòng, chống tham nhũng trong kỳ.'],
  P2: ['Chương trình công tác của phòng trong kỳ, đã thống nhất với các bộ phận.'],
  P3: ['Chương trình công tác cá nhân: các nhiệm vụ trọng tâm, thời hạn hoàn thành.'],
};

class DemoMonth {
  private readonly steps: Step[] = [];
  private order = 0;
  private readonly timeZone: string;
  private readonly versions = new Map<string, number>();
  private readonly ids = new Map<string, string>();

  constructor(
    private readonly deps: DemoDeps,
    private readonly calendar: WorkingCalendar,
    private readonly today: LocalDate,
    private readonly goLiveOn: LocalDate,
  ) {
    this.timeZone = deps.rulebook.organisation.timeZone;
  }

  /** The working day `n` working days from today (negative: before today). */
  private wd(n: number): LocalDate {
    return this.calendar.addWorkingDays(this.today, n);
  }
  private at(date: LocalDate, time: string): Date {
    return localDateTimeToInstant(date, time, this.timeZone);
  }
  private add(at: Date, label: string, run: () => Promise<void>) {
    if (at.getTime() > this.deps.now.getTime()) return; // nothing happens in the future
    this.steps.push({ at, order: this.order++, label, run });
  }

  /** One call through the app, as `staffId`, at business time `at`. 412 means a replay found it done. */
  private async call(staffId: string, method: string, path: string, at: Date, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: any }> {
    const res = await this.deps.app.request(path, {
      method,
      headers: {
        authorization: `Bearer ${await this.deps.token(staffId)}`,
        'x-clock': formatInstant(at, this.timeZone),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    const parsed = text ? JSON.parse(text) : undefined;
    if (res.status >= 300 && res.status !== 412) throw new DemoApiError(`${method} ${path} as ${staffId}: ${res.status} ${text.slice(0, 600)}`);
    return { status: res.status, body: parsed };
  }

  plan(): Step[] {
    this.assignments();
    this.reports();
    this.meetings();
    this.finance();
    this.leaveAndReception();
    this.outgoingDocuments();
    this.boardMatter();
    this.evaluations();
    this.checks();
    return this.steps.sort((a, b) => a.at.getTime() - b.at.getTime() || a.order - b.order);
  }

  private assignments() {
    for (const a of ASSIGNMENTS) {
      const created = this.at(this.wd(a.created), '08:30');
      this.add(created, `assignment ${a.key}`, async () => {
        const res = await this.call(a.by, 'POST', '/v1/assignments', created, {
          title: a.title,
          description: a.description,
          assigneeId: a.to,
          dueDate: this.wd(a.due),
          priority: a.key.startsWith('overdue-review') ? 'high' : 'normal',
          source: { kind: 'ad-hoc' },
        }, { 'idempotency-key': `demo-assignment-${a.key}` });
        this.ids.set(a.key, res.body.id);
      });
      a.then.forEach((change, i) => {
        const when = this.at(this.wd(change.at), change.time ?? (change.kind === 'decision' || change.kind === 'return' ? '15:00' : '10:00'));
        this.add(when, `assignment ${a.key}: ${change.kind}`, async () => {
          const id = this.ids.get(a.key)!;
          const ifMatch = { 'if-match': `"${i + 1}"` };
          const base = `/v1/assignments/${id}`;
          switch (change.kind) {
            case 'progress':
              await this.call(a.to, 'POST', `${base}/progress`, when, { percent: change.percent, note: change.note }, ifMatch);
              break;
            case 'complete':
              await this.call(a.to, 'POST', `${base}/complete`, when, { note: change.note }, ifMatch);
              break;
            case 'return':
              await this.call(a.by, 'POST', `${base}/return`, when, { reason: change.reason }, ifMatch);
              break;
            case 'cancel':
              await this.call(a.by, 'POST', `${base}/cancel`, when, { reason: change.reason }, ifMatch);
              break;
            case 'extension':
              await this.call(a.to, 'POST', `${base}/extension-requests`, when, { newDueDate: this.wd(change.newDue), reason: change.reason }, ifMatch);
              break;
            case 'decision': {
              const current = await this.call(a.by, 'GET', base, when);
              const request = (current.body.extensionRequests as { id: string; status: string }[]).at(-1)!;
              await this.call(a.by, 'POST', `${base}/extension-requests/${request.id}/decision`, when, { approve: change.approve, note: change.note }, ifMatch);
              break;
            }
          }
        });
      });
    }
  }

  /** Every report and programme owed since go-live: most on time, some late, a few missing (deterministically). */
  private reports() {
    const org = { ...orgSnapshotOf(this.deps.rulebook), goLiveOn: this.goLiveOn };
    const range = { start: this.goLiveOn, end: this.today };
    const owed: ObligationInstance[] = [];
    for (const kind of PERIOD_KINDS) {
      for (const p of periodsOverlapping(kind, range)) owed.push(...periodicObligations(this.deps.rulebook, org, this.calendar, { periodId: p.id }));
    }
    for (const o of owed) {
      if (o.obligationId.startsWith('finance.')) continue; // the finance section's own routes, below
      const roll = chance(o.key);
      const late = roll >= 0.82 && roll < 0.93;
      if (roll >= 0.93) continue; // missing
      const submitAt = late ? new Date(o.dueAt.getTime() + 26 * 3_600_000) : new Date(o.dueAt.getTime() - 2 * 3_600_000);
      const notes = REPORT_NOTES[o.rule] ?? REPORT_NOTES.R3!;
      this.add(submitAt, `report ${o.key}`, async () => {
        await this.call(o.staffId, 'POST', '/v1/reports', submitAt, {
          obligationId: o.obligationId,
          period: o.periodId,
          content: `${o.title.vi}. ${notes[Math.floor(roll * 100) % notes.length]}`,
        }, { 'idempotency-key': `demo-report-${o.key}` });
      });
    }
  }

  private meetings() {
    const board = [P.deputyPosts, P.deputyIt, P.chiefOfOffice, P.chiefInspector, P.pressHead, P.postsHead, P.itHead, P.ictHead];
    const weeks = periodsOverlapping('week', { start: this.goLiveOn, end: this.today });
    weeks.forEach((week, n) => {
      const heldOn = this.calendar.lastWorkingDayIn({ start: week.start, end: addDays(week.start, 4) });
      if (!heldOn || heldOn < this.goLiveOn || heldOn >= this.today) return;
      if (n === 1) return; // one week's briefing was not held: M1 finds it
      const held = this.at(heldOn, '11:30');
      const key = `briefing-${week.id}`;
      this.add(held, `meeting ${key}`, async () => {
        const res = await this.call(P.director, 'POST', '/v1/meetings', held, {
          kind: 'weekly-briefing',
          heldOn,
          chairId: P.director,
          subject: `Giao ban Lãnh đạo Sở tuần ${week.id.slice(-2)}/${week.id.slice(0, 4)}`,
          participantIds: board,
          minutes: 'Các phòng, đơn vị báo cáo kết quả công tác trong tuần; Giám đốc Sở kết luận, giao nhiệm vụ tuần tới.',
        }, { 'idempotency-key': `demo-meeting-${key}` });
        this.ids.set(key, res.body.id);
      });
      // Conclusions the next working day; one week's three working days late (M3 finds it).
      const late = n === 2;
      const issuedOn = this.calendar.addWorkingDays(heldOn, late ? 4 : 1);
      const issued = this.at(issuedOn, '16:00');
      this.add(issued, `conclusions ${key}`, async () => {
        await this.call(P.director, 'POST', `/v1/meetings/${this.ids.get(key)}/conclusions`, issued, {
          summary: 'Thông báo kết luận của Giám đốc Sở tại cuộc họp giao ban.',
          items: [
            { text: 'Đôn đốc các doanh nghiệp viễn thông hoàn thành phủ sóng các bản vùng lõm sóng', assigneeId: P.postsHead, dueDate: this.calendar.addWorkingDays(issuedOn, 10) },
            { text: 'Báo cáo tiến độ các nhiệm vụ chuyển đổi số trọng tâm của tỉnh', assigneeId: P.itHead, dueDate: this.calendar.addWorkingDays(issuedOn, 5) },
          ],
        }, { 'idempotency-key': `demo-conclusions-${key}` });
      });
    });

    // Each unit's monthly meeting (M4) in the months that have ended since go-live; the Press division skipped one.
    const units: [string, string, string[]][] = [
      ['office', P.chiefOfOffice, [P.accountant, P.treasurer]],
      ['inspectorate', P.chiefInspector, [P.inspector]],
      ['press', P.pressHead, [P.pressA, P.pressB]],
      ['posts-telecom', P.postsHead, [P.postsA, P.postsB]],
      ['it', P.itHead, [P.itA, P.itB]],
      ['ict-centre', P.ictHead, [P.ictA]],
    ];
    for (const month of periodsOverlapping('month', { start: this.goLiveOn, end: this.today })) {
      const heldOn = this.calendar.addWorkingDays(this.calendar.lastWorkingDayOfMonth(month.id), -2);
      if (heldOn < this.goLiveOn || heldOn >= this.today) continue;
      for (const [unitId, chairId, staff] of units) {
        if (unitId === 'press') continue;
        const held = this.at(heldOn, '15:00');
        const key = `unit-${unitId}-${month.id}`;
        this.add(held, `meeting ${key}`, async () => {
          const res = await this.call(chairId, 'POST', '/v1/meetings', held, {
            kind: 'monthly-unit',
            heldOn,
            chairId,
            unitId,
            subject: `Họp giao ban tháng ${month.id.slice(5)}/${month.id.slice(0, 4)}`,
            participantIds: staff,
            minutes: 'Kiểm điểm kết quả công tác trong tháng, triển khai nhiệm vụ tháng tới.',
          }, { 'idempotency-key': `demo-meeting-${key}` });
          this.ids.set(key, res.body.id);
        });
        const issued = this.at(this.calendar.addWorkingDays(heldOn, 1), '10:00');
        this.add(issued, `conclusions ${key}`, async () => {
          await this.call(chairId, 'POST', `/v1/meetings/${this.ids.get(key)}/conclusions`, issued, {
            items: [{ text: 'Hoàn thành các nhiệm vụ còn tồn đọng của tháng', assigneeId: staff[0]!, dueDate: this.calendar.addWorkingDays(heldOn, 8) }],
          }, { 'idempotency-key': `demo-conclusions-${key}` });
        });
      }
    }
  }

  /** Payroll before the 15th, the income-expense report on time, the cash report a day late (F5 finds it, then put right). */
  private finance() {
    for (const month of periodsOverlapping('month', { start: this.goLiveOn, end: this.today })) {
      const paidOn = this.calendar.onOrBefore(`${month.id}-10`);
      if (paidOn > this.goLiveOn) {
        const at = this.at(paidOn, '15:00');
        this.add(at, `payroll ${month.id}`, async () => {
          await this.call(P.accountant, 'POST', '/v1/finance/payroll', at, { month: month.id, paidOn }, { 'idempotency-key': `demo-payroll-${month.id}` });
        });
      }
      if (month.end < this.goLiveOn) continue;
      const onTime = this.at(month.end, '16:00');
      this.add(onTime, `income-expense ${month.id}`, async () => {
        await this.call(P.accountant, 'POST', '/v1/finance/monthly-reports', onTime, {
          kind: 'income-expense',
          month: month.id,
          content: `Báo cáo thu, chi tháng ${month.id.slice(5)}/${month.id.slice(0, 4)}: tổng thu, tổng chi theo từng nguồn kinh phí; số dư cuối tháng.`,
        }, { 'idempotency-key': `demo-income-expense-${month.id}` });
      });
      const late = this.at(this.calendar.nextWorkingDay(month.end), '09:00');
      this.add(late, `cash ${month.id}`, async () => {
        await this.call(P.treasurer, 'POST', '/v1/finance/monthly-reports', late, {
          kind: 'cash',
          month: month.id,
          content: `Báo cáo quỹ tiền mặt tháng ${month.id.slice(5)}/${month.id.slice(0, 4)}: tồn quỹ đầu kỳ, thu, chi theo phiếu chi, tồn quỹ cuối kỳ.`,
        }, { 'idempotency-key': `demo-cash-${month.id}` });
      });
    }
  }

  private leaveAndReception() {
    const asked = this.at(this.wd(-1), '09:00');
    this.add(asked, 'leave request', async () => {
      await this.call(P.pressA, 'POST', '/v1/leave-requests', asked, {
        kind: 'annual',
        startDate: this.wd(5),
        endDate: this.wd(6),
        reason: 'Xin nghỉ phép năm để về quê giải quyết việc gia đình.',
      }, { 'idempotency-key': 'demo-leave-1' });
    });
    // The month's citizen reception schedule (C1): proposed by the Inspectorate, approved by the director before the month.
    for (const month of periodsOverlapping('month', { start: this.goLiveOn, end: this.today })) {
      const first = this.calendar.firstWorkingDayOfMonth(month.id);
      const proposedOn = this.calendar.previousWorkingDay(first);
      if (proposedOn <= this.goLiveOn || proposedOn >= this.today) continue;
      const proposed = this.at(proposedOn, '09:00');
      const approved = this.at(proposedOn, '15:00');
      const sessions = [5, 15].map((n) => ({ date: this.calendar.addWorkingDays(first, n), start: '08:00', end: '11:00', hostId: P.director, location: 'Trụ sở tiếp công dân tỉnh' }));
      this.add(proposed, `reception ${month.id}`, async () => {
        await this.call(P.chiefInspector, 'POST', '/v1/reception-schedules', proposed, { month: month.id, sessions, note: 'Lịch tiếp công dân định kỳ của Lãnh đạo Sở.' }, {
          'idempotency-key': `demo-reception-${month.id}`,
        });
      });
      this.add(approved, `reception ${month.id}: approve`, async () => {
        await this.call(P.director, 'POST', `/v1/reception-schedules/${month.id}/approve`, approved, undefined, { 'if-match': '"1"' });
      });
      sessions.forEach((s, i) => {
        const recorded = this.at(s.date, '14:00');
        this.add(recorded, `reception ${month.id} session ${i + 1}`, async () => {
          await this.call(P.inspector, 'POST', `/v1/reception-schedules/${month.id}/sessions/${i + 1}/outcome`, recorded, {
            receivedBy: P.director,
            otherStaffIds: [P.chiefInspector],
            citizenCount: 2 + i,
            note: 'Công dân phản ánh về chất lượng sóng di động và tiến độ đền bù tuyến cáp quang.',
          }, { 'idempotency-key': `demo-reception-${month.id}-${i + 1}` });
        });
      });
    }
  }

  /**
   * Outgoing documents (D4, D5): one through every step to the archive, one awaiting the director's
   * signature, one awaiting its head's vetting. Each step carries the version it expects, so a replay is a 412.
   */
  private outgoingDocuments() {
    const docs: { key: string; by: string; title: string; fieldId: string; drafted: number; steps: { as: string; day: number; time: string; body: Record<string, unknown> }[] }[] = [
      {
        key: 'cybersecurity-tet',
        by: P.itA,
        title: 'Công văn hướng dẫn bảo đảm an toàn thông tin mạng trong dịp nghỉ Tết',
        fieldId: 'cybersecurity',
        drafted: -6,
        steps: [
          { as: P.itHead, day: -5, time: '09:00', body: { action: 'vet', note: 'Nội dung đã rà soát, đúng quy định.' } },
          { as: P.itHead, day: -5, time: '10:00', body: { action: 'submit', signerId: P.deputyIt, form: 'kt' } },
          { as: P.clerk, day: -5, time: '15:00', body: { action: 'check-form' } },
          { as: P.deputyIt, day: -4, time: '09:00', body: { action: 'sign' } },
          { as: P.clerk, day: -4, time: '10:00', body: { action: 'number' } },
          { as: P.clerk, day: -4, time: '10:05', body: { action: 'seal' } },
          { as: P.clerk, day: -4, time: '10:30', body: { action: 'send', recipients: ['UBND các huyện, thành phố', 'Các sở, ban, ngành tỉnh'] } },
          { as: P.clerk, day: -3, time: '09:00', body: { action: 'file', originalRef: 'Hộp lưu văn bản đi năm ' + this.today.slice(0, 4) } },
        ],
      },
      {
        key: 'press-report',
        by: P.pressA,
        title: 'Báo cáo tình hình hoạt động báo chí, xuất bản trên địa bàn tỉnh',
        fieldId: 'information-press-publishing',
        drafted: -3,
        steps: [
          { as: P.pressHead, day: -2, time: '09:00', body: { action: 'vet' } },
          { as: P.pressHead, day: -2, time: '10:00', body: { action: 'submit', signerId: P.director, form: 'director', note: 'Đề nghị Giám đốc Sở ký ban hành.' } },
          { as: P.clerk, day: -1, time: '09:00', body: { action: 'check-form' } },
        ],
      },
      {
        key: 'it-training',
        by: P.itB,
        title: 'Kế hoạch tập huấn kỹ năng sử dụng phần mềm quản lý văn bản và điều hành',
        fieldId: 'it-training-services',
        drafted: -1,
        steps: [],
      },
    ];
    for (const d of docs) {
      let id = '';
      const drafted = this.at(this.wd(d.drafted), '14:00');
      this.add(drafted, `outgoing ${d.key}`, async () => {
        const res = await this.call(d.by, 'POST', '/v1/outgoing-documents', drafted, { title: d.title, kind: 'official-letter', scope: 'department', fieldId: d.fieldId }, {
          'idempotency-key': `demo-outgoing-${d.key}`,
        });
        id = res.body.id;
      });
      d.steps.forEach((step, i) => {
        const at = this.at(this.wd(step.day), step.time);
        this.add(at, `outgoing ${d.key}: ${String(step.body.action)}`, async () => {
          await this.call(step.as, 'POST', `/v1/outgoing-documents/${id}/steps`, at, step.body, { 'if-match': `"${i + 1}"` });
        });
      });
    }
  }

  /** A5 (Điều 3.2): next year's work plan raised as a board matter, its draft circulated to the deputies for opinions. */
  private boardMatter() {
    let id = '';
    const raised = this.at(this.wd(-2), '08:30');
    const year = Number(this.today.slice(0, 4)) + 1;
    this.add(raised, 'board matter', async () => {
      const res = await this.call(P.director, 'POST', '/v1/board-matters', raised, { category: 'work-plan', title: `Kế hoạch công tác năm ${year} của Sở` }, {
        'idempotency-key': 'demo-board-matter-work-plan',
      });
      id = res.body.id;
    });
    const circulated = this.at(this.wd(-2), '09:00');
    this.add(circulated, 'board matter: circulate', async () => {
      await this.call(P.director, 'POST', `/v1/board-matters/${id}/circulation`, circulated, {
        closesOn: this.wd(3),
        draft: `Dự thảo Kế hoạch công tác năm ${year}: mục tiêu chuyển đổi số, hạ tầng thông tin, an toàn thông tin mạng; đề nghị các Phó Giám đốc cho ý kiến.`,
      }, { 'if-match': '"1"' });
    });
  }

  /**
   * The evaluation cycle (E2–E6) of each month ended since go-live, through the steps' route as
   * each person, at each step's time (`demo-evaluations.ts`: who, when, the gaps left on purpose).
   */
  private evaluations() {
    for (const month of periodsOverlapping('month', { start: this.goLiveOn, end: this.today })) {
      if (month.end >= this.today) continue;
      for (const s of demoEvaluationSteps(this.deps.rulebook, this.calendar, month)) {
        this.add(s.at, `evaluation ${month.id} ${s.staffId} ${s.step}`, async () => {
          await this.call(s.actor, 'POST', `/v1/evaluations/${s.staffId}/${month.id}/${s.step}`, s.at, s.body, {
            'idempotency-key': `demo-evaluation-${month.id}-${s.staffId}-${s.step}`,
          });
        });
      }
    }
  }

  /**
   * The compliance rules on their own schedules over the month (jobs send reminders: not replayed).
   * Daily runs on days off are left out: each rule looks back over the days since its last run.
   */
  private checks() {
    const from = startOfLocalDay(this.goLiveOn, this.timeZone);
    for (const entry of complianceSchedules(this.deps.rulebook)) {
      const check = checkById(entry.rule);
      if (!check || isJob(check)) continue;
      for (let at = nextFireTime(entry.schedule, from, this.timeZone); at.getTime() <= this.deps.now.getTime(); at = nextFireTime(entry.schedule, at, this.timeZone)) {
        const when = at;
        if (entry.schedule.kind === 'daily' && !this.calendar.isWorkingDay(toLocalDate(when, this.timeZone))) continue;
        this.add(when, `check ${entry.rule}`, () => this.deps.runRule(entry.rule, when).then(() => undefined));
      }
    }
  }
}
