/** Meetings, reports and plans, missions, notifications, board matters and proposals. */
import { entity } from './declare.js';

export const MeetingItem = entity('Meeting', 'a meeting (M1–M5)', {
  primary: { index: 'table', pk: 'ORG#{orgId}#E#{id}', sk: '#STATE' },
  byUnitKind: { index: 'GSI1', pk: 'ORG#{orgId}#MTG#UNIT#{unitId}#{kind}', sk: '{heldOn}#{id}', note: 'by unit and kind (board meetings under the board unit)' },
  byDate: { index: 'GSI2', pk: 'ORG#{orgId}#MTG', sk: '{heldOn}#{id}', note: "organisation-wide by date: the week's calendar" },
  awaiting: {
    index: 'GSI3',
    pk: 'ORG#{orgId}#MTG#AWAITING',
    sk: '{awaitingUntil}#{id}',
    note: 'only until the conclusions are issued: meetings past their deadline without conclusions',
    sparse: true,
  },
});
export const MeetingConclusionItem = entity('MeetingConclusion', "one item of a meeting's conclusions (its partition)", {
  primary: { index: 'table', pk: 'ORG#{orgId}#E#{meetingId}', sk: 'CONCL#{n:3}' },
});

export const ReportItem = entity('Report', 'a report or plan: one per obligation instance (`REP` or `PLAN` family)', {
  primary: { index: 'table', pk: 'ORG#{orgId}#E#{id}', sk: '#STATE' },
  byStaff: { index: 'GSI1', pk: 'ORG#{orgId}#REP#STAFF#{staffId}', sk: '{dueAt}#{id}', note: "a person's reports and plans by due instant" },
  byUnit: { index: 'GSI2', pk: 'ORG#{orgId}#{family}#UNIT#{unitId}', sk: '{dueAt}#{id}', note: "a unit's, by due instant" },
  byFamily: { index: 'GSI3', pk: 'ORG#{orgId}#{family}', sk: '{dueAt}#{id}', note: "organisation-wide: the reminder sweep reads only its window" },
});
export const ReportRevisionItem = entity('ReportRevision', "each submission of a report (its partition)", {
  primary: { index: 'table', pk: 'ORG#{orgId}#E#{reportId}', sk: 'REV#{revision:4}' },
});

export const MissionItem = entity('Mission', 'a mission away (R5), by its last day', {
  primary: { index: 'table', pk: 'ORG#{orgId}#E#{id}', sk: '#STATE' },
  byStaff: { index: 'GSI1', pk: 'ORG#{orgId}#MISSION#STAFF#{staffId}', sk: '{to}#{id}', note: "a person's" },
  byUnit: { index: 'GSI2', pk: 'ORG#{orgId}#MISSION#UNIT#{unitId}', sk: '{to}#{id}', note: "a unit's" },
  byOrg: { index: 'GSI3', pk: 'ORG#{orgId}#MISSION', sk: '{to}#{id}', note: 'the R5 sweep and the calendar' },
});

export const NotificationItem = entity('Notification', 'a notification to a person', {
  primary: { index: 'table', pk: 'ORG#{orgId}#NOTIFY#{recipientId}', sk: 'N#{id}' },
  byTime: { index: 'GSI1', pk: 'ORG#{orgId}#NOTIFY#{recipientId}', sk: '{createdAt}#{id}', note: 'newest first' },
  unread: { index: 'GSI2', pk: 'ORG#{orgId}#NOTIFY#{recipientId}#UNREAD', sk: '{createdAt}#{id}', note: 'removed when read', sparse: true },
});

export const BoardMatterItem = entity('BoardMatter', 'a matter for the board (A5)', {
  primary: { index: 'table', pk: 'ORG#{orgId}#E#{id}', sk: '#STATE' },
  byYear: { index: 'GSI1', pk: 'ORG#{orgId}#BOARDMATTER', sk: '{year}#{raisedAt}#{id}', note: "a year's matters: the A5 rule, the decisions inbox" },
});

export const ProposalItem = entity('Proposal', "a proposal of the Office that the director decides (id `proposal.<id>`)", {
  primary: { index: 'table', pk: 'ORG#{orgId}#E#proposal.{id}', sk: '#STATE' },
  byTime: { index: 'GSI1', pk: 'ORG#{orgId}#PROPOSALS', sk: '{proposedAt}#{id}', note: 'newest first' },
});
