/**
 * A scripted November 2026 in the Sơn La department, through the API with the business clock:
 * assignments given, extended, completed on time, late or after an extension, returned,
 * cancelled, left open; reports on time, late, ahead of time and missing; a mission whose report
 * is missing; weekly briefings and a unit meeting with conclusions on time, late or none; and
 * findings detected by the compliance rules, one resolved. The dashboard tests and the
 * end-to-end tests read it.
 */
import type { TestApp } from './app.js';
import { person } from './people.js';

/** The business "now" the dashboard is read at: Monday 30 November 2026, 09:00. */
export const MONTH_NOW = '2026-11-30T09:00:00+07:00';

export const cast = {
  director: person('director'),
  chiefOfOffice: person('chief-of-office'),
  itHead: person('head', 'it'),
  itSpecialist: person('specialist', 'it', 0),
  itSpecialist2: person('specialist', 'it', 1),
  pressHead: person('head', 'press'),
  pressSpecialist: person('specialist', 'press', 0),
  postsHead: person('head', 'posts-telecom'),
};

const at = (day: string, time = '09:00') => `${day}T${time}:00+07:00`;

async function call(t: TestApp, as: string, path: string, clock: string, body?: unknown, expected = [200, 201]): Promise<any> {
  const res = await t.as(as, path, body === undefined ? { clock } : { method: 'POST', body: JSON.stringify(body), clock });
  const text = await res.text();
  if (!expected.includes(res.status)) throw new Error(`${as} ${path} at ${clock}: ${res.status} ${text}`);
  return text ? JSON.parse(text) : undefined;
}

export interface ScriptedMonth {
  readonly now: string;
  readonly assignments: Record<string, string>;
  readonly meetings: Record<string, string>;
  /** The A6 finding the director resolved. */
  readonly resolvedFinding: string;
}

export async function scriptMonth(t: TestApp): Promise<ScriptedMonth> {
  const { director, chiefOfOffice, itHead, itSpecialist, itSpecialist2, pressHead, pressSpecialist } = cast;
  const assign = (as: string, body: Record<string, unknown>, day: string) =>
    call(t, as, '/v1/assignments', at(day), { title: `Nhiệm vụ ${String(body.dueDate)}`, ...body }).then((a) => a.id as string);
  const ids: Record<string, string> = {};

  // October: one assignment counted in October, not in November.
  ids.october = await assign(itHead.id, { assigneeId: itSpecialist.id, dueDate: '2026-10-28', title: 'Rà soát cổng thông tin tháng 10' }, '2026-10-20');
  await call(t, itSpecialist.id, `/v1/assignments/${ids.october}/complete`, at('2026-10-27'), { note: 'Đã xong' });

  ids.onTime = await assign(director.id, { assigneeId: itHead.id, dueDate: '2026-11-13', title: 'Triển khai chữ ký số' }, '2026-11-02');
  ids.late = await assign(itHead.id, { assigneeId: itSpecialist.id, dueDate: '2026-11-10', title: 'Cập nhật phần mềm một cửa' }, '2026-11-02');
  ids.extended = await assign(itHead.id, { assigneeId: itSpecialist2.id, dueDate: '2026-11-16', title: 'Kiểm tra an toàn thông tin' }, '2026-11-02');
  ids.overdue = await assign(pressHead.id, { assigneeId: pressSpecialist.id, dueDate: '2026-11-20', title: 'Tổng hợp báo chí tuần' }, '2026-11-02');
  ids.unitOverdue = await assign(director.id, { unitId: 'posts-telecom', dueDate: '2026-11-27', title: 'Kiểm tra điểm bưu điện văn hóa xã' }, '2026-11-02');
  ids.dueSoon = await assign(pressHead.id, { assigneeId: pressSpecialist.id, dueDate: '2026-11-30', title: 'Báo cáo xuất bản tháng 11' }, '2026-11-02');
  ids.cancelled = await assign(itHead.id, { assigneeId: itSpecialist2.id, dueDate: '2026-11-25', title: 'Nâng cấp máy chủ cũ' }, '2026-11-02');
  ids.confidential = await assign(
    director.id,
    { assigneeId: itSpecialist.id, dueDate: '2026-11-18', title: 'Rà soát hệ thống mật', confidentiality: 'confidential' },
    '2026-11-02',
  );
  ids.reworked = await assign(itHead.id, { assigneeId: itSpecialist.id, dueDate: '2026-11-06', title: 'Sao lưu dữ liệu' }, '2026-11-02');
  ids.within = await assign(itHead.id, { assigneeId: itSpecialist2.id, dueDate: '2026-11-24', title: 'Xây dựng kho dữ liệu dùng chung' }, '2026-11-02');
  ids.december = await assign(itHead.id, { assigneeId: itSpecialist.id, dueDate: '2026-12-02', title: 'Chuẩn bị báo cáo năm' }, '2026-11-02');

  const done = (as: string, id: string, day: string, time = '15:00') => call(t, as, `/v1/assignments/${id}/complete`, at(day, time), { note: 'Hoàn thành' });
  await done(itSpecialist.id, ids.reworked, '2026-11-05');
  await call(t, itHead.id, `/v1/assignments/${ids.reworked}/return`, at('2026-11-09'), { reason: 'Thiếu bản sao lưu máy chủ thư' });
  await done(itSpecialist.id, ids.reworked, '2026-11-10');
  await call(t, itHead.id, `/v1/assignments/${ids.cancelled}/cancel`, at('2026-11-05'), { reason: 'Máy chủ đã thanh lý' });
  for (const id of [ids.extended, ids.within]) {
    const extended = await call(t, itSpecialist2.id, `/v1/assignments/${id}/extension-requests`, at('2026-11-12'), {
      newDueDate: id === ids.extended ? '2026-11-20' : '2026-12-15',
      reason: 'Chờ nhà cung cấp',
    });
    const request = extended.extensionRequests.at(-1).id as string;
    await call(t, itHead.id, `/v1/assignments/${id}/extension-requests/${request}/decision`, at('2026-11-12', '14:00'), { approve: true });
  }
  await done(itHead.id, ids.onTime, '2026-11-12');
  await done(itSpecialist.id, ids.late, '2026-11-12');
  await done(itSpecialist2.id, ids.extended, '2026-11-19');
  await done(itSpecialist.id, ids.confidential, '2026-11-17');

  // Reports: on time, late, October's monthly report due in November, one ahead of its deadline.
  const report = (as: string, body: Record<string, unknown>, clock: string) => call(t, as, '/v1/reports', clock, { content: 'Kết quả công tác', ...body });
  await report(itSpecialist.id, { obligationId: 'r3-staff-report', period: '2026-W45' }, at('2026-11-05'));
  await report(itSpecialist.id, { obligationId: 'r3-staff-report', period: '2026-W46' }, at('2026-11-12', '15:00'));
  await report(itSpecialist2.id, { obligationId: 'r3-staff-report', period: '2026-W45' }, at('2026-11-05'));
  await report(itHead.id, { obligationId: 'r2-head-report', period: '2026-10' }, at('2026-11-03'));
  await report(itSpecialist.id, { obligationId: 'p3-personal-programme', period: '2026-W49' }, at('2026-11-30', '08:30'));

  // A mission ending Friday 20 November: its report (R5) was due by 25 November and never came.
  await call(t, director.id, '/v1/missions', at('2026-11-09'), { staffId: itSpecialist2.id, kind: 'mission', title: 'Công tác huyện Sốp Cộp', from: '2026-11-18', to: '2026-11-20' });

  // Weekly briefings (M1): conclusions on time, late, none; and the IT unit's monthly meeting (M4).
  const meetings: Record<string, string> = {};
  const briefing = (day: string) =>
    call(t, chiefOfOffice.id, '/v1/meetings', at(day, '16:00'), {
      kind: 'weekly-briefing',
      heldOn: day,
      chairId: director.id,
      participantIds: [director.id, itHead.id, pressHead.id],
    }).then((m) => m.id as string);
  meetings.onTime = await briefing('2026-11-06');
  meetings.late = await briefing('2026-11-13');
  meetings.none = await briefing('2026-11-20');
  const conclude = (as: string, id: string, clock: string, item: Record<string, unknown>) => call(t, as, `/v1/meetings/${id}/conclusions`, clock, { items: [item] });
  await conclude(director.id, meetings.onTime, at('2026-11-09', '10:00'), { text: 'Hoàn thiện kế hoạch chuyển đổi số', assigneeId: itHead.id, dueDate: '2026-12-11' });
  await conclude(director.id, meetings.late, at('2026-11-20', '10:00'), { text: 'Rà soát điểm bưu điện', unitId: 'posts-telecom', dueDate: '2026-12-18' });
  meetings.unit = await call(t, itHead.id, '/v1/meetings', at('2026-11-25', '15:00'), {
    kind: 'monthly-unit',
    heldOn: '2026-11-25',
    chairId: itHead.id,
    unitId: 'it',
    participantIds: [itSpecialist.id, itSpecialist2.id],
  }).then((m) => m.id as string);
  await conclude(itHead.id, meetings.unit, at('2026-11-26', '10:00'), { text: 'Cập nhật quy trình sao lưu', assigneeId: itSpecialist.id, dueDate: '2026-12-04' });

  // Findings: payroll not paid before the 15th (F2), overdue work (A6); the director resolves one.
  await call(t, director.id, '/v1/checks/run', at('2026-11-15', '00:05'), { rule: 'F2', at: at('2026-11-15', '00:05') });
  const a6 = await call(t, director.id, '/v1/checks/run', at('2026-11-25', '00:05'), { rule: 'A6', at: at('2026-11-25', '00:05') });
  const first = (a6.findings as { id: string; subjectId: string }[]).find((f) => f.subjectId === pressSpecialist.id);
  if (!first) throw new Error(`A6 found nothing about ${pressSpecialist.id}: ${JSON.stringify(a6)}`);
  await call(t, director.id, `/v1/findings/${first.id}/resolve`, at('2026-11-26'), { note: 'Đã nhắc nhở, cam kết hoàn thành' });
  return { now: MONTH_NOW, assignments: ids, meetings, resolvedFinding: first.id };
}
