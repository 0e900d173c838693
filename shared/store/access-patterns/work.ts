/** Assignments, delegations, requests to delegate, leave and overtime. */
import { entity } from './declare.js';

export const AssignmentItem = entity('Assignment', 'a piece of assigned work', {
  primary: { index: 'table', pk: 'ORG#{orgId}#E#{id}', sk: '#STATE', note: 'with its history: one Query on the partition' },
  byResponsible: { index: 'GSI1', pk: 'ORG#{orgId}#RESP#{responsibleId}', sk: '{state}#{dueDate}#{id}', note: "my work: who answers for it, open or closed, by due date" },
  byUnit: { index: 'GSI2', pk: 'ORG#{orgId}#UNIT#{unitId}#ASG', sk: '{state}#{dueDate}#{id}', note: "a unit's work and its overdue items (`open#` … `open#<yesterday>`)" },
  byState: { index: 'GSI3', pk: 'ORG#{orgId}#ASG#{state}', sk: '{dueDate}#{id}', note: "the sweeps (overdue, due soon) read the open partition up to a date; the director's list" },
  openByDue: {
    index: 'GSI4',
    pk: 'ORG#{orgId}#ASGDUE',
    sk: '{dueDate}#{originalDueDate}#{unitId}#{staffId}',
    note: "open only (not completed work awaiting acceptance), keys only: the dashboard's overdue and due-soon figures and the A6 sweep, ~140 bytes per item (the id is the table key's, which every entry carries)",
    sparse: true,
  },
});

export const DelegationItem = entity('Delegation', "a delegation of authority (A2, A4)", {
  primary: { index: 'table', pk: 'ORG#{orgId}#E#{id}', sk: '#STATE' },
  byDelegate: { index: 'GSI1', pk: 'ORG#{orgId}#DELEGATE#{delegateId}', sk: '{to}#{id}', note: "a delegate's current delegations (SK >= today)" },
  byEnd: { index: 'GSI2', pk: 'ORG#{orgId}#DELEGATIONS', sk: '{to}#{id}', note: 'all delegations by end date: the A3 sweep' },
});

export const RequestToDelegateItem = entity('RequestToDelegate', 'the director asked to delegate while away (A2)', {
  primary: { index: 'table', pk: 'ORG#{orgId}#E#{id}', sk: '#STATE' },
  byDirector: { index: 'GSI1', pk: 'ORG#{orgId}#DELEGREQ#{directorId}', sk: '{from}#{id}', note: "the director's requests by first day" },
});

export const LeaveRequestItem = entity('LeaveRequest', 'a leave request (L1, L2)', {
  primary: { index: 'table', pk: 'ORG#{orgId}#E#{id}', sk: '#STATE' },
  byApplicant: { index: 'GSI1', pk: 'ORG#{orgId}#LEAVE#STAFF#{applicantId}', sk: '{startDate}#{id}', note: "a person's leave by first day; overlaps" },
  byUnit: { index: 'GSI2', pk: 'ORG#{orgId}#UNIT#{unitId}#LEAVE', sk: '{endDate}#{id}', note: "a unit's leave and absence calendar (SK >= the first day shown)" },
  byApprover: {
    index: 'GSI3',
    pk: 'ORG#{orgId}#LEAVE#APPROVER#{approverId}',
    sk: '{approvalState}#{startDate}#{id}',
    note: "routed requests only: an approver's inbox, `pending` or `closed`",
    sparse: true,
  },
});

export const OvertimeItem = entity('Overtime', 'an overtime notice (W1)', {
  primary: { index: 'table', pk: 'ORG#{orgId}#E#{id}', sk: '#STATE' },
  byStaff: { index: 'GSI1', pk: 'ORG#{orgId}#OT#STAFF#{staffId}', sk: '{date}#{id}', note: "a person's notices" },
  byUnit: { index: 'GSI2', pk: 'ORG#{orgId}#UNIT#{unitId}#OT', sk: '{date}#{id}', note: "a unit's notices" },
  byMonth: { index: 'GSI3', pk: 'ORG#{orgId}#OT#{month}', sk: '{date}#{id}', note: "the office's month (`yyyy-mm`)" },
});

export const EvaluationItem = entity('Evaluation', "a person's evaluation of a period (E1–E6; id `eval.<period>.<staffId>`)", {
  primary: { index: 'table', pk: 'ORG#{orgId}#E#{id}', sk: '#STATE', note: 'with its history: one Query on the partition' },
  byPeriod: { index: 'GSI1', pk: 'ORG#{orgId}#EVAL#{period}', sk: '{unitId}#{staffId}', note: "a period's evaluations: the department's, or one unit's by prefix" },
  byStaff: { index: 'GSI2', pk: 'ORG#{orgId}#EVAL#STAFF#{staffId}', sk: '{period}', note: "a person's periods" },
});
