/** Findings, notices, settlements, the calendar's records and calendar feeds. */
import { entity } from './declare.js';

export const FindingItem = entity('Finding', 'a compliance finding', {
  primary: { index: 'table', pk: 'ORG#{orgId}#E#{id}', sk: '#STATE' },
  bySubject: { index: 'GSI1', pk: 'ORG#{orgId}#FND#STAFF#{subjectId}', sk: '{periodStart}#{rule}#{id}', note: "a person's" },
  byUnit: { index: 'GSI2', pk: 'ORG#{orgId}#FND#UNIT#{unitId}', sk: '{periodStart}#{rule}#{id}', note: "a unit's" },
  byState: { index: 'GSI3', pk: 'ORG#{orgId}#FND#{state}', sk: '{rule}#{periodStart}#{id}', note: "`open` or `resolved`: a rule's run reads its open findings (begins_with `<rule>#`)" },
});
export const FindingReportedToItem = entity('FindingReportedTo', "a copy of a finding per person it was reported to outside its unit's line (D4), rewritten with it", {
  primary: { index: 'table', pk: 'ORG#{orgId}#E#{id}', sk: '#TO#{staffId}' },
  byRecipient: { index: 'GSI1', pk: 'ORG#{orgId}#FND#TO#{staffId}', sk: '{periodStart}#{rule}#{id}', note: 'the findings reported to a person' },
});
export const NoticeItem = entity('Notice', 'a reminder before a deadline (once per id)', {
  primary: { index: 'table', pk: 'ORG#{orgId}#NOTICE#{id}', sk: '#' },
  byRecipient: { index: 'GSI1', pk: 'ORG#{orgId}#NOTICE#TO#{to}', sk: '{at}#{id}', note: "a person's, newest first" },
});

export const SettlementItem = entity('Settlement', 'a settlement dossier (F3)', {
  primary: { index: 'table', pk: 'ORG#{orgId}#E#{id}', sk: '#STATE' },
  byState: {
    index: 'GSI3',
    pk: 'ORG#{orgId}#STL#{state}',
    sk: '{day}#{id}',
    note: '`open` by due day (F3 reads up to yesterday), `settled` by the day it was recorded',
  },
});
export const SettlementRefItem = entity('SettlementRef', 'a dossier reference (sha256): one settlement per dossier', {
  primary: { index: 'table', pk: 'ORG#{orgId}#STLREF#{refHash}', sk: '#' },
});

export const ReceptionScheduleItem = entity('ReceptionSchedule', "a month's citizen reception schedule (C1), id `reception-schedule.<yyyy-mm>`", {
  primary: { index: 'table', pk: 'ORG#{orgId}#E#{id}', sk: '#STATE' },
  byMonth: { index: 'GSI1', pk: 'ORG#{orgId}#RECEPTION', sk: '{month}', note: 'schedules by month' },
});
export const ReceptionCaseItem = entity('ReceptionCase', 'a complaint or denunciation received (the schedule partition)', {
  primary: { index: 'table', pk: 'ORG#{orgId}#E#{id}', sk: 'CASE#{n:3}#{k:3}' },
});
export const VisitItem = entity('Visit', 'a delegation visit (Điều 17)', {
  primary: { index: 'table', pk: 'ORG#{orgId}#E#{id}', sk: '#STATE' },
  byFirstDay: { index: 'GSI1', pk: 'ORG#{orgId}#VISIT', sk: '{from}#{id}', note: 'visits by first day' },
});
export const VisitPreparationItem = entity('VisitPreparation', 'the content a unit prepares for a visit (its partition)', {
  primary: { index: 'table', pk: 'ORG#{orgId}#E#{id}', sk: 'PREP#{n:3}' },
});
export const CalendarFeedTokenItem = entity('CalendarFeedToken', "a calendar subscription URL's token (sha256)", {
  primary: { index: 'table', pk: 'ORG#{orgId}#CALFEED#{tokenHash}', sk: '#' },
});
