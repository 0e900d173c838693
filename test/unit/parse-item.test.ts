import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import * as parsers from '../../shared/store/parse-item.js';
import { MalformedItemError, parseAuditEvent } from '../../shared/store/parse-item.js';

const event = { PK: 'ORG#so#E#a', SK: 'EV#00000001#e', entity: 'AuditEvent', id: 'e', orgId: 'so', entityType: 'assignment', entityId: 'a', action: 'created', actorId: 'p', at: '2026-12-03T01:00:00Z', version: 1, data: {} };

describe('items read from the table are parsed per entity', () => {
  it('returns the record without its key attributes', () => {
    expect(parseAuditEvent(event)).toEqual({ id: 'e', orgId: 'so', entityType: 'assignment', entityId: 'a', action: 'created', actorId: 'p', at: '2026-12-03T01:00:00Z', version: 1, data: {} });
  });

  it('names the item and the field of a malformed item', () => {
    expect(() => parseAuditEvent({ ...event, version: '1' })).toThrow(new MalformedItemError('AuditEvent item ORG#so#E#a / EV#00000001#e: version is string, expected number'));
    expect(() => parseAuditEvent({ ...event, entity: 'Assignment' })).toThrow(/entity is Assignment, expected AuditEvent/);
    const { data: _, ...noData } = event;
    expect(() => parseAuditEvent(noData)).toThrow(/data is undefined, expected object/);
  });
});

const keys = (entity: string) => ({ PK: `ORG#so#E#${entity}`, SK: 'STATE', GSI1PK: 'G1', GSI1SK: 'G1S', entity });
const text = { vi: 'Tiêu đề', en: 'Title' };

/** Each entity parsed in a repository: a well-formed item (its keys and bookkeeping attributes, then the record), and one field to spoil. */
const entities: { parser: keyof typeof parsers; entity: string; record: Record<string, unknown>; bookkeeping?: Record<string, unknown>; spoil: [string, unknown, string] }[] = [
  { parser: 'parseAssignment', entity: 'Assignment', record: { id: 'a', orgId: 'so', title: 'Báo cáo', assigneeId: null, unitId: 'u', responsibleId: 'p', coordinatorIds: [], assignerId: 'q', dueDate: '2026-12-10', originalDueDate: '2026-12-10', status: 'assigned', percent: 0, returnCount: 0, extensionRequests: [], createdAt: '2026-12-01T00:00:00Z', updatedAt: '2026-12-01T00:00:00Z', version: 1 }, spoil: ['percent', '0', 'string'] },
  { parser: 'parsePayroll', entity: 'Payroll', record: { id: 'pay.2026-11', orgId: 'so', month: '2026-11', paidOn: '2026-12-10', dueOn: '2026-12-14', onTime: true, version: 1 }, spoil: ['onTime', 'yes', 'string'] },
  { parser: 'parseMonthlyReport', entity: 'MonthlyReport', record: { id: 'mr', orgId: 'so', kind: 'cash', month: '2026-11', content: 'x', firstSubmittedAt: '2026-11-30T10:00:00Z', late: false, version: 2 }, spoil: ['content', 7, 'number'] },
  { parser: 'parseSettlement', entity: 'Settlement', record: { id: 'st', orgId: 'so', dossierRef: 'HS-1', dueOn: '2026-12-10', version: 1 }, spoil: ['dueOn', null, 'null'] },
  { parser: 'parseReport', entity: 'Report', record: { id: 'r', orgId: 'so', kind: 'report', key: 'k', staffId: 'p', unitId: 'u', recipients: ['q'], dueAt: '2026-12-01T00:00:00Z', revision: 1, version: 1 }, spoil: ['recipients', 'q', 'string'] },
  { parser: 'parseReportRevision', entity: 'ReportRevision', record: { revision: 1, content: 'x', attachments: [], submittedAt: '2026-12-01T00:00:00Z', late: false }, bookkeeping: { reportId: 'r', orgId: 'so' }, spoil: ['revision', '1', 'string'] },
  { parser: 'parseOrganisation', entity: 'Organisation', record: { id: 'so', name: text, timeZone: 'Asia/Ho_Chi_Minh', rulebookVersion: 1 }, spoil: ['timeZone', undefined, 'undefined'] },
  { parser: 'parseUnit', entity: 'Unit', record: { id: 'u', name: text, kind: 'division', overseenBy: null, version: 1 }, spoil: ['overseenBy', 3, 'number'] },
  { parser: 'parseStaff', entity: 'Staff', record: { id: 'p', name: 'Lê Văn A', unitId: 'u', roles: ['staff'], active: true, version: 1 }, spoil: ['roles', 'staff', 'string'] },
  { parser: 'parseRulebook', entity: 'Rulebook', record: { effectiveFrom: '2026-01-01', version: 1, rulebook: {}, recordedAt: '2026-01-01T00:00:00Z' }, spoil: ['rulebook', 'x', 'string'] },
  { parser: 'parseProposal', entity: 'Proposal', record: { id: 'pr', orgId: 'so', kind: 'unit', subject: {}, status: 'open', version: 1 }, spoil: ['status', false, 'boolean'] },
  { parser: 'parseMission', entity: 'Mission', record: { id: 'm', orgId: 'so', staffId: 'p', unitId: 'u', from: '2026-12-01', to: '2026-12-03', version: 1 }, spoil: ['to', undefined, 'undefined'] },
  { parser: 'parseDelivery', entity: 'EofficeDelivery', record: { id: 'd', orgId: 'so', type: 'completed', state: 'pending', payload: {}, attemptCount: 0, attempts: [], version: 1 }, bookkeeping: { expiresAt: 1 }, spoil: ['attempts', {}, 'object'] },
  { parser: 'parseNotification', entity: 'Notification', record: { id: 'n', orgId: 'so', recipientId: 'p', kind: 'k', subject: text, body: text, about: {}, version: 1 }, bookkeeping: { deliveryAttemptAt: 'x' }, spoil: ['recipientId', 1, 'number'] },
  { parser: 'parseFinding', entity: 'Finding', record: { id: 'f', orgId: 'so', rule: 'F2', key: '2026-11', subjectId: 'p', unitId: 'u', periodStart: '2026-11-01', facts: {}, version: 1 }, spoil: ['facts', [], 'array'] },
  { parser: 'parseFinding', entity: 'FindingReportedTo', record: { id: 'f', orgId: 'so', rule: 'F2', key: '2026-11', subjectId: 'p', unitId: 'u', periodStart: '2026-11-01', facts: {}, version: 1 }, spoil: ['version', '1', 'string'] },
  { parser: 'parseNotice', entity: 'Notice', record: { id: 'nt', orgId: 'so', rule: 'A6', to: 'p', message: 'x', at: '2026-12-01T00:00:00Z' }, spoil: ['message', undefined, 'undefined'] },
  { parser: 'parseSeedMarker', entity: 'SeedMarker', record: { name: 'demo-month', state: 'started', anchor: '2026-12-01', at: '2026-12-01T00:00:00Z' }, spoil: ['anchor', undefined, 'undefined'] },
  { parser: 'parseOutgoingDocument', entity: 'OutgoingDocument', record: { id: 'od', orgId: 'so', title: 'Tờ trình', kind: 'letter', scope: 'department', unitId: 'u', confidentiality: 'normal', register: 'general', drafterId: 'p', status: 'drafted', returns: [], partyIds: ['p'], createdAt: '2026-12-01T00:00:00Z', updatedAt: '2026-12-01T00:00:00Z', version: 1 }, spoil: ['returns', null, 'null'] },
  { parser: 'parseBoardMatter', entity: 'BoardMatter', record: { id: 'bm', orgId: 'so', category: 'budget', article: '2.1', title: 'x', year: 2026, raisedBy: 'p', raisedAt: '2026-12-01T00:00:00Z', opinions: [], version: 1 }, spoil: ['opinions', {}, 'object'] },
  { parser: 'parseVisit', entity: 'Visit', record: { id: 'v', orgId: 'so', delegation: 'Đoàn công tác', from: '2026-12-07', to: '2026-12-08', hostIds: ['p'], decidedBy: 'p', recordedBy: 'q', preparationCount: 0, createdAt: '2026-12-01T00:00:00Z', updatedAt: '2026-12-01T00:00:00Z', version: 1 }, spoil: ['preparationCount', '0', 'string'] },
  { parser: 'parseVisitPreparation', entity: 'VisitPreparation', record: { visitId: 'v', n: 1, assignmentId: 'v.1', prepared: { transition: {}, event: {} } }, spoil: ['prepared', undefined, 'undefined'] },
  { parser: 'parseReceptionSchedule', entity: 'ReceptionSchedule', record: { id: 'rs', orgId: 'so', month: '2026-12', status: 'proposed', sessions: [], proposedBy: 'p', proposedAt: '2026-12-01T00:00:00Z', createdAt: '2026-12-01T00:00:00Z', updatedAt: '2026-12-01T00:00:00Z', version: 1 }, spoil: ['sessions', 'x', 'string'] },
  { parser: 'parseReceptionCase', entity: 'ReceptionCase', record: { scheduleId: 'rs', n: 1, k: 1, kind: 'complaint', summary: 'x', receivedOn: '2026-12-01', dueDate: '2026-12-10', assignmentId: 'rs.1.1', prepared: { transition: {}, event: {} } }, spoil: ['k', null, 'null'] },
  { parser: 'parseDelegation', entity: 'Delegation', record: { id: 'dl', orgId: 'so', delegatorId: 'p', delegateId: 'q', scope: 'department', from: '2026-12-07', to: '2026-12-08', createdAt: '2026-12-01T00:00:00Z', createdBy: 'p', version: 1 }, spoil: ['delegateId', undefined, 'undefined'] },
  { parser: 'parseDirectorAuthority', entity: 'DirectorAuthority', record: { holds: [], version: 1 }, bookkeeping: { orgId: 'so' }, spoil: ['holds', undefined, 'undefined'] },
  { parser: 'parseCalendarFeed', entity: 'CalendarFeed', record: { staffId: 'p', tokenHash: 'h', createdAt: '2026-12-01T00:00:00Z', version: 1 }, spoil: ['staffId', 1, 'number'] },
  { parser: 'parseOvertimeNotice', entity: 'OvertimeNotice', record: { id: 'ot', orgId: 'so', staffId: 'p', unitId: 'u', date: '2026-12-05', hours: 3, reason: 'x', weekend: true, nonWorkingDay: true, notifiedInAdvance: true, notifiedRole: 'head', notifiedTo: ['q'], rule: 'O1', article: '9', status: 'notified', createdAt: '2026-12-01T00:00:00Z', updatedAt: '2026-12-01T00:00:00Z', version: 1 }, spoil: ['hours', '3', 'string'] },
  { parser: 'parseEvaluation', entity: 'Evaluation', record: { id: 'ev', orgId: 'so', staffId: 'p', unitId: 'u', period: '2026', manager: false, createdAt: '2026-12-01T00:00:00Z', updatedAt: '2026-12-01T00:00:00Z', version: 1 }, spoil: ['manager', 'no', 'string'] },
  { parser: 'parseMeetingPreparation', entity: 'MeetingPreparation', record: { id: 'mp', orgId: 'so', obligationId: 'o', kind: 'briefing', occurrence: '2026-12', documents: [], createdAt: '2026-12-01T00:00:00Z', updatedAt: '2026-12-01T00:00:00Z', version: 1 }, spoil: ['documents', undefined, 'undefined'] },
  { parser: 'parseFile', entity: 'File', record: { id: 'fi', orgId: 'so', status: 'pending', ownerId: 'p', name: 'a.pdf', type: 'application/pdf', size: 10, sha256: 'ab', createdAt: '2026-12-01T00:00:00Z', expiresAt: 1, version: 1 }, spoil: ['size', '10', 'string'] },
  { parser: 'parseMeeting', entity: 'Meeting', record: { id: 'mt', orgId: 'so', kind: 'briefing', obligationId: 'o', rule: 'M1', article: '3', level: 'department', unitId: 'u', heldOn: '2026-12-01', chairId: 'p', participantIds: ['q'], attachments: [], recordedBy: 'p', conclusionsDueAt: '2026-12-04T10:00:00Z', createdAt: '2026-12-01T00:00:00Z', updatedAt: '2026-12-01T00:00:00Z', version: 1 }, spoil: ['participantIds', 'q', 'string'] },
  { parser: 'parseConclusionItem', entity: 'ConclusionItem', record: { meetingId: 'mt', n: 1, assignmentId: 'mt.1', prepared: { transition: {}, event: {} } }, spoil: ['n', '1', 'string'] },
  { parser: 'parseIncomingDocument', entity: 'IncomingDocument', record: { id: 'doc', orgId: 'so', externalId: 'x', title: 'Công văn', issuer: 'UBND', receivedAt: '2026-12-01T00:00:00Z', confidentiality: 'normal', kind: 'letter', register: 'general', status: 'received', distributionDueAt: '2026-12-02T00:00:00Z', distributions: [], partyIds: [], unitIds: [], webhookId: 'w', registeredAt: '2026-12-01T00:00:00Z', updatedAt: '2026-12-01T00:00:00Z', version: 1 }, spoil: ['distributions', undefined, 'undefined'] },
  { parser: 'parseFlag', entity: 'Flag', record: { id: 'fl', orgId: 'so', recipientId: 'p', rule: 'D3', article: '5', kind: 'complaint-letter', documentId: 'doc', title: 'x', createdAt: '2026-12-01T00:00:00Z', dueAt: '2026-12-02T00:00:00Z' }, spoil: ['documentId', 1, 'number'] },
  { parser: 'parseLeaveRequest', entity: 'LeaveRequest', record: { id: 'l', orgId: 'so', applicantId: 'p', unitId: 'u', kind: 'annual', startDate: '2026-12-07', endDate: '2026-12-07', startHalf: 'morning', endHalf: 'afternoon', days: 1, daysByYear: { 2026: 1 }, reason: 'x', emergency: false, route: 'head', approverId: 'q', status: 'pending', applicationRequired: false, version: 1 }, spoil: ['approverId', undefined, 'undefined'] },
  { parser: 'parseLeaveBalance', entity: 'LeaveBalance', record: { orgId: 'so', staffId: 'p', year: 2026, carriedIn: [], carriedOut: [], version: 1 }, spoil: ['year', '2026', 'string'] },
  { parser: 'parseRequestToDelegate', entity: 'RequestToDelegate', record: { id: 'rd', orgId: 'so', directorId: 'p', leaveRequestId: 'l', from: '2026-12-07', to: '2026-12-07', status: 'open', rule: 'A2', article: '3.3.3', createdAt: '2026-12-01T00:00:00Z', updatedAt: '2026-12-01T00:00:00Z', version: 1 }, spoil: ['status', null, 'null'] },
];

describe.each(entities)('$entity items', ({ parser, entity, record, bookkeeping, spoil: [field, value, kind] }) => {
  const parse = parsers[parser] as (item: Record<string, unknown>) => unknown;
  const item = { ...keys(entity), ...bookkeeping, ...record };

  it('parse to the record alone', () => {
    expect(parse(item)).toEqual(record);
  });

  it('are refused when malformed, naming the item and the field', () => {
    const where = `item ORG#so#E#${entity} / STATE`;
    expect(() => parse({ ...item, [field]: value })).toThrow(MalformedItemError);
    expect(() => parse({ ...item, [field]: value })).toThrow(`${where}: ${field} is ${kind}, expected`);
    expect(() => parse({ ...item, entity: 'Something' })).toThrow(`${where}: entity is Something, expected`);
  });
});

describe('the store reads and writes one way', () => {
  const store = resolve(dirname(fileURLToPath(import.meta.url)), '../../shared/store');
  const files = readdirSync(store, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
  const code = (file: string) => readFileSync(join(store, file), 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
  const where = (pattern: RegExp, except: readonly string[] = []) => files.filter((f) => !except.includes(f) && pattern.test(code(f)));

  it('turns items into records by parsing, never by a double cast', () => {
    expect(where(/\bas unknown as\b/)).toEqual([]);
  });

  // Files that may still type their items unchecked: none is left, and none may join.
  const UNPARSED: string[] = [];

  it('types a record only through its entity parser, never the unchecked stripKeys', () => {
    expect(where(/\bstripKeys\b/, ['item.ts', 'parse-item.ts']).sort()).toEqual(UNPARSED);
  });

  it('sorts a failed write by its typed outcome (failureOf), never by the label of the part that failed', () => {
    expect(where(/\berror\.label\b|instanceof ConditionFailed|ConditionalCheckFailedException/, ['transact.ts'])).toEqual([]);
  });

  it('retries unprocessed batch items in one place', () => {
    expect(where(/Unprocessed(Keys|Items)/, ['batch.ts'])).toEqual([]);
  });
});
