import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Assignment, AuditEvent } from '../domain/assignment.js';
import { ValidationError } from '../domain/errors.js';
import type { ConclusionItemRecord, Meeting, MeetingCounts } from '../domain/meeting.js';
import { AssignmentRepository, counterPeriodsOf } from './assignment-repository.js';
import type { TableContext } from './client.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import {
  CONCLUSION_SK_PREFIX,
  conclusionItemSk,
  entityPk,
  EVENT_SK_PREFIX,
    MeetingConclusionItem,
  MeetingItem,
  meetingKeys,
  STATE_SK,
} from './keys.js';
import { parseAuditEvent, parseConclusionItem, parseMeeting } from './parse-item.js';
import { queryAll } from './query.js';
import { retryLostRaces } from './retry.js';
import { auditEventPut, counterUpdates, failureOf, transactWrite, statePut, type LabelledItem } from './transact.js';

export interface MeetingWrite {
  readonly next: Meeting;
  readonly event: AuditEvent;
  readonly delta: Partial<MeetingCounts>;
  /** The version the change was computed from; absent when creating. */
  readonly expectedVersion?: number;
  /** Conclusion items written with the change, each once. */
  readonly items?: readonly ConclusionItemRecord[];
  readonly alsoWrite?: readonly LabelledItem[];
}

/** Which partitions a list reads: the org-wide date index, or some (unit, kind) partitions merged by date. */
export type MeetingPartitions = { kind: 'org' } | { kind: 'unit-kind'; pairs: readonly { unitId: string; kind: string }[] };

export interface MeetingListQuery {
  readonly orgId: string;
  readonly partitions: MeetingPartitions;
  /** Inclusive heldOn bounds. */
  readonly from?: string;
  readonly to?: string;
  readonly limit: number;
  readonly cursor?: string;
}

export interface AwaitingQuery {
  readonly orgId: string;
  /** Meetings whose conclusions were due before this instant (second precision). */
  readonly dueBefore: Date;
  readonly kind?: string;
  readonly unitId?: string;
  readonly from?: string;
  readonly to?: string;
  readonly limit: number;
  readonly cursor?: string;
}

const POSITION_RE = /^\d{4}-\d{2}-\d{2}#[A-Za-z0-9._-]{1,100}$/;

/** The list cursor is the last sort key returned: every partition resumes after it. */
function decodePosition(cursor: string | undefined): string | undefined {
  if (cursor === undefined) return undefined;
  let after: unknown;
  try {
    after = (JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { after?: unknown }).after;
  } catch {
    after = undefined;
  }
  if (typeof after !== 'string' || !POSITION_RE.test(after)) {
    throw new ValidationError('The cursor is not one this list gave out.', [{ path: 'query.cursor', message: 'invalid cursor' }]);
  }
  return after;
}

const encodePosition = (after: string) => Buffer.from(JSON.stringify({ after }), 'utf8').toString('base64url');

export class MeetingRepository {
  constructor(private readonly table: TableContext) {}

  /** The state (conditional on version), its audit event, the counters and any conclusion items: one transaction. */
  writeItems(write: MeetingWrite): LabelledItem[] {
    const { next } = write;
    const tableName = this.table.tableName;
    // Put replaces the item, so once the conclusions are issued the sparse GSI3 keys are gone.
    const keys = meetingKeys({ ...next, ...(next.conclusions ? {} : { awaitingUntil: next.conclusionsDueAt }) });
    const state: LabelledItem = statePut(tableName, { ...keys, entity: 'Meeting', ...next }, write.expectedVersion);
    const items: LabelledItem[] = (write.items ?? []).map((record) => ({
      label: 'conclusion-item',
      item: {
        Put: {
          TableName: tableName,
          Item: { PK: entityPk(next.orgId, next.id), SK: conclusionItemSk(record.n), entity: 'ConclusionItem', ...record },
          ConditionExpression: 'attribute_not_exists(PK)',
        },
      },
    }));
    return [
      state,
      auditEventPut(tableName, { ...write.event }),
      ...counterUpdates(
        tableName,
        { orgId: next.orgId, unitId: next.unitId, staffId: next.chairId, periodIds: counterPeriodsOf(next.heldOn) },
        write.delta,
        'mtg',
      ),
      ...items,
      ...(write.alsoWrite ?? []),
    ];
  }

  async write(write: MeetingWrite): Promise<void> {
    await transactWrite(this.table, this.writeItems(write));
  }

  async get(orgId: string, id: string, consistent = false): Promise<Meeting | undefined> {
    const result = await this.table.doc.send(
      new GetCommand({ TableName: this.table.tableName, Key: { PK: entityPk(orgId, id), SK: STATE_SK }, ConsistentRead: consistent }),
    );
    return result.Item?.entity === 'Meeting' ? parseMeeting(result.Item) : undefined;
  }

  /** The meeting, its conclusion items and its history: one Query on its partition. */
  async getWithDetails(orgId: string, id: string): Promise<{ meeting: Meeting; items: ConclusionItemRecord[]; history: AuditEvent[] } | undefined> {
    const all = await queryAll(this.table, { ...MeetingItem.patterns.primary.keyCondition({ orgId, id }), ConsistentRead: true });
    let meeting: Meeting | undefined;
    const items: ConclusionItemRecord[] = [];
    const history: AuditEvent[] = [];
    for (const item of all) {
      const sk = String(item.SK);
      if (sk === STATE_SK && item.entity === 'Meeting') meeting = parseMeeting(item);
      else if (sk.startsWith(CONCLUSION_SK_PREFIX)) items.push(parseConclusionItem(item));
      else if (sk.startsWith(EVENT_SK_PREFIX)) history.push(parseAuditEvent(item));
    }
    return meeting ? { meeting, items: items.sort((a, b) => a.n - b.n), history } : undefined;
  }

  async conclusionItems(orgId: string, id: string): Promise<ConclusionItemRecord[]> {
    const all = await queryAll(this.table, {
      ...MeetingConclusionItem.patterns.primary.keyCondition({ orgId, meetingId: id }, { beginsWith: CONCLUSION_SK_PREFIX }),
      ConsistentRead: true,
    });
    return all.map(parseConclusionItem).sort((a, b) => a.n - b.n);
  }

  /**
   * Meetings by date, oldest first. One Query on the org-wide index, or one Query per (unit, kind)
   * partition merged by date; the cursor is the last position returned, so each page resumes
   * every partition after it.
   */
  async list(query: MeetingListQuery): Promise<{ items: Meeting[]; nextCursor?: string }> {
    const after = decodePosition(query.cursor);
    const { byDate, byUnitKind } = MeetingItem.patterns;
    const [pattern, partitions] =
      query.partitions.kind === 'org'
        ? [byDate, [byDate.bind({ orgId: query.orgId })]]
        : [byUnitKind, query.partitions.pairs.map((p) => byUnitKind.bind({ orgId: query.orgId, unitId: p.unitId, kind: p.kind }))];
    // ' ' sorts below every id character, so `<after> ` is the first key after `after`.
    const lower = after ? `${after} ` : pattern.sk.start({ heldOn: query.from ?? '0000-00-00' });
    const upper = pattern.sk.through({ heldOn: query.to ?? '9999-12-31' });
    if (lower > upper || partitions.length === 0) return { items: [] };
    const pages = await Promise.all(
      partitions.map((partition) =>
        this.table.doc.send(
          new QueryCommand({
            TableName: this.table.tableName,
            ...partition.keyCondition({ between: [lower, upper] }),
            // One more than a page, so the last page knows it is the last.
            Limit: query.limit + 1,
          }),
        ),
      ),
    );
    const sortKey = pattern.attributes.sk;
    const merged = pages
      .flatMap((p) => p.Items ?? [])
      .sort((a, b) => (String(a[sortKey]) < String(b[sortKey]) ? -1 : 1));
    const taken = merged.slice(0, query.limit);
    // A page cut short by DynamoDB's 1 MB limit may hold more beyond it.
    const more = merged.length > query.limit || pages.some((p) => p.LastEvaluatedKey && (p.Items?.length ?? 0) <= query.limit);
    const last = taken.at(-1);
    const items = taken.map(parseMeeting);
    return more && last ? { items, nextCursor: encodePosition(String(last[sortKey])) } : { items };
  }

  /** Meetings past their conclusions deadline with no conclusions: the sparse GSI3, oldest deadline first. */
  async awaiting(query: AwaitingQuery): Promise<{ items: Meeting[]; nextCursor?: string }> {
    const awaiting = MeetingItem.patterns.awaiting.bind({ orgId: query.orgId });
    // A deadline is met up to its last millisecond's second: compare at second precision.
    const before = new Date(Math.floor(query.dueBefore.getTime() / 1000) * 1000).toISOString();
    const filters: string[] = [];
    const names: Record<string, string> = {};
    const condition = awaiting.keyCondition({ lt: awaiting.sk.start({ awaitingUntil: before }) });
    const values: Record<string, unknown> = { ...condition.ExpressionAttributeValues };
    if (query.kind) (filters.push('#kind = :kind'), (names['#kind'] = 'kind'), (values[':kind'] = query.kind));
    if (query.unitId) (filters.push('unitId = :unitId'), (values[':unitId'] = query.unitId));
    if (query.from) (filters.push('heldOn >= :from'), (values[':from'] = query.from));
    if (query.to) (filters.push('heldOn <= :to'), (values[':to'] = query.to));
    const page = await this.table.doc.send(
      new QueryCommand({
        TableName: this.table.tableName,
                IndexName: condition.IndexName,
        KeyConditionExpression: condition.KeyConditionExpression,
        ...(filters.length ? { FilterExpression: filters.join(' AND ') } : {}),
        ...(Object.keys(names).length ? { ExpressionAttributeNames: names } : {}),
        ExpressionAttributeValues: values,
        Limit: query.limit,
                ExclusiveStartKey: decodeCursor(query.cursor, awaiting.partition),
      }),
    );
    const items = (page.Items ?? []).map(parseMeeting);
    return page.LastEvaluatedKey ? { items, nextCursor: encodeCursor(page.LastEvaluatedKey) } : { items };
  }

  /** Every meeting held in the inclusive range (for the expected schedule): one Query on the date index. */
  async heldBetween(orgId: string, from: string, to: string): Promise<Meeting[]> {
    const byDate = MeetingItem.patterns.byDate;
    const items = await queryAll(this.table, byDate.keyCondition({ orgId }, { between: [byDate.sk.start({ heldOn: from }), byDate.sk.through({ heldOn: to })] }));
    return items.map(parseMeeting);
  }

  /**
   * Writes the items that create one conclusion's assignment (conditional on its absence): true
   * when written, false when it exists already (`duplicate`: a retry, or another request
   * completing the same conclusions). A lost race on the same counters is tried again.
   */
  async createIfAbsent(items: readonly LabelledItem[]): Promise<boolean> {
    return retryLostRaces(async () => {
      try {
        await transactWrite(this.table, items);
        return true;
      } catch (error) {
        if (failureOf(error, [], ['state', 'audit'])?.outcome === 'duplicate') return false;
        throw error;
      }
    });
  }

  /**
   * Writes the prepared assignments (of a meeting's conclusions, a reception's cases, a visit's
   * preparations) that do not exist yet: after a crash between transactions, on a retry, or from
   * a sweep. Each only if absent, one at a time: they share counter items, and parallel
   * transactions on them would conflict. Returns how many it wrote.
   */
  async createMissing(orgId: string, prepared: readonly { readonly assignmentId: string; readonly items: () => readonly LabelledItem[] }[]): Promise<number> {
    if (prepared.length === 0) return 0;
    const existing = await this.assignments(orgId, prepared.map((p) => p.assignmentId));
    let written = 0;
    for (const p of prepared) {
      if (existing.has(p.assignmentId)) continue;
      if (await this.createIfAbsent(p.items())) written++;
    }
    return written;
  }

  /** The assignments that conclusions became, by id: BatchGetItem, consistent. */
  assignments(orgId: string, ids: readonly string[]): Promise<Map<string, Assignment>> {
    return new AssignmentRepository(this.table).getMany(orgId, [...new Set(ids)], true);
  }
}
