/**
 * M3 (Điều 3.4): every meeting's written conclusions by their deadline. Daily, just after the
 * rulebook's conclusions time: the sparse index of meetings still awaiting conclusions, up to now
 * (its cost follows the meetings waiting, not the table); the meetings held in the last weeks, for
 * conclusions issued late before a check saw them; and the meetings of open findings (GetItem).
 */
import { evaluateConclusions, type MeetingConclusionFacts } from '../../../domain/compliance/meeting-conclusions.js';
import { dailyCheckTimeAfter } from '../../../domain/compliance/periodic.js';
import { addDays, toLocalDate } from '../../../domain/local-time.js';
import type { Meeting } from '../../../domain/meeting.js';
import type { Rulebook } from '../../../rulebook/schema.js';
import { MeetingRepository } from '../../../store/meeting-repository.js';
import type { ComplianceRule } from '../rule.js';

/** Conclusions are due a few working days after the meeting: a run missed for days still finds a late issue. */
export const CONCLUSIONS_LOOKBACK_DAYS = 21;

const conclusionsTime = (rulebook: Rulebook) => rulebook.meetingConclusions?.time ?? rulebook.settings.assignmentDueTime;

export const m3Conclusions: ComplianceRule = {
  id: 'M3',
  article: 'Điều 3.4',
  title: "Every meeting's written conclusions, issued by the chair within the rulebook's working days",
  appliesTo: (rulebook) => rulebook.meetingObligations.length > 0,
  articleIn: (rulebook) => rulebook.meetingConclusions?.article ?? 'Điều 3.4',
  schedules: (rulebook) => [{ label: 'daily', schedule: { kind: 'daily', time: dailyCheckTimeAfter(conclusionsTime(rulebook)) } }],
  async run({ org, table, openFindings }, at) {
    const timeZone = org.rulebook.organisation.timeZone;
    const today = toLocalDate(at, timeZone);
    const repository = new MeetingRepository(table);
    const byId = new Map<string, Meeting>();
    let cursor: string | undefined;
    do {
      const page = await repository.awaiting({ orgId: org.orgId, dueBefore: at, limit: 100, ...(cursor ? { cursor } : {}) });
      for (const m of page.items) byId.set(m.id, m);
      cursor = page.nextCursor;
    } while (cursor);
    for (const m of await repository.heldBetween(org.orgId, addDays(today, -CONCLUSIONS_LOOKBACK_DAYS), today)) {
      if (m.conclusions && !m.conclusions.onTime) byId.set(m.id, m);
    }
    const reopened = openFindings.map((f) => f.ref).filter((id): id is string => id !== undefined && !byId.has(id));
    for (const m of await Promise.all([...new Set(reopened)].map((id) => repository.get(org.orgId, id, true)))) {
      if (m) byId.set(m.id, m);
    }

    const titleOf = (m: Meeting) =>
      org.rulebookOn(m.heldOn).meetingObligations.find((o) => o.id === m.obligationId)?.title ?? { vi: m.kind, en: m.kind };
    const meetings: MeetingConclusionFacts[] = [...byId.values()].map((m) => ({
      id: m.id,
      kind: m.kind,
      title: titleOf(m),
      heldOn: m.heldOn,
      chairId: m.chairId,
      dueAt: new Date(m.conclusionsDueAt),
      ...(m.conclusions ? { issuedAt: new Date(m.conclusions.issuedAt) } : {}),
    }));
    const unitOfMeeting = new Map([...byId.values()].map((m) => [m.id, m.unitId]));
    return evaluateConclusions(
      {
        meetings,
        subjectOf: (m) => ({ staffId: m.chairId, unitId: org.authority.staff(m.chairId)?.unitId ?? unitOfMeeting.get(m.id)! }),
        timeZone,
      },
      at,
    );
  },
};
