/**
 * Leave requests, annual-leave balances and the director's requests to delegate (keys in
 * keys.ts). Every list is a Query on an index partition; every change is one transaction with
 * its audit event.
 */
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { AuditEvent } from '../domain/assignment.js';
import {
  emptySettings,
  emptyUsage,
  LEAVE_KINDS,
  type LeaveBalanceSettings,
  type LeaveKind,
  type LeaveRequest,
  type LeaveUsage,
} from '../domain/leave.js';
import type { TableContext } from './client.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import type { BoundPattern } from './access-patterns/declare.js';
import {
  AuditEventItem,
  entityPk,
  EntityStateItem,
  EVENT_SK_PREFIX,
  LEAVE_BALANCE_ITEMS_PREFIX,
  LeaveRequestItem,
  RequestToDelegateItem,
  LEAVE_USAGE_SK,
  leaveBalanceEntityId,
  leaveRequestKeys,
  requestToDelegateKeys,
  STATE_SK,
} from './keys.js';
import { parseAuditEvent, parseLeaveBalance, parseLeaveRequest, parseRequestToDelegate } from './parse-item.js';
import { auditEventPut, transactWrite, versionCondition, type LabelledItem } from './transact.js';


/** The director asked to delegate while away (A2); resolved by a delegation covering the leave. */
export interface RequestToDelegate {
  readonly id: string;
  readonly orgId: string;
  readonly directorId: string;
  readonly leaveRequestId: string;
  readonly from: string;
  readonly to: string;
  /** cancelled: the leave was withdrawn. Whether a delegation covers it is judged when read. */
  readonly status: 'open' | 'cancelled';
  readonly rule: string;
  readonly article: string;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly version: number;
}

export interface Page<T> {
  items: T[];
  nextCursor?: string;
}

/** Version 0: not written yet. */
const versioned = (expectedVersion: number | undefined) => versionCondition(expectedVersion === 0 ? undefined : expectedVersion);

export class LeaveRepository {
  constructor(private readonly table: TableContext) {}

  private get name() {
    return this.table.tableName;
  }

  // -------------------------------------------------------------------------------------
  // Leave requests

  /** The state of a leave (conditional on its version, or absent when new) and its audit event. */
  leaveItems(next: LeaveRequest, event: AuditEvent, expectedVersion?: number): LabelledItem[] {
    return [
      {
        label: 'state',
        item: { Put: { TableName: this.name, Item: { ...leaveRequestKeys(next), entity: 'LeaveRequest', ...next }, ...versioned(expectedVersion) } },
      },
      auditEventPut(this.name, { ...event }),
    ];
  }

  auditPut(event: AuditEvent): LabelledItem {
    return auditEventPut(this.name, { ...event });
  }

  async getLeave(orgId: string, id: string): Promise<LeaveRequest | undefined> {
    const result = await this.table.doc.send(
      new GetCommand({ TableName: this.name, Key: { PK: entityPk(orgId, id), SK: STATE_SK }, ConsistentRead: true }),
    );
    return result.Item?.entity === 'LeaveRequest' ? parseLeaveRequest(result.Item) : undefined;
  }

  /** Any entity's history, oldest first: one Query on its partition. */
  async history(orgId: string, entityId: string): Promise<AuditEvent[]> {
    const events: AuditEvent[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.table.doc.send(
        new QueryCommand({
          TableName: this.name,
          ...AuditEventItem.patterns.primary.keyCondition({ orgId, entityId }, { beginsWith: EVENT_SK_PREFIX }),
          ExclusiveStartKey: startKey,
          ConsistentRead: true,
        }),
      );
      events.push(...(page.Items ?? []).map(parseAuditEvent));
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return events;
  }

    private async page<T>(
    partition: BoundPattern<string>,
    range: { from: string; to: string },
    limit: number,
    cursor: string | undefined,
    entity: string,
    parse: (item: Record<string, unknown>) => T,
  ): Promise<Page<T>> {
    const page = await this.table.doc.send(
      new QueryCommand({
        TableName: this.name,
                ...partition.keyCondition({ between: [range.from, range.to] }),
        Limit: limit,
        ExclusiveStartKey: decodeCursor(cursor, partition.partition),
      }),
    );
    const items = (page.Items ?? []).filter((i) => i.entity === entity).map(parse);
    return page.LastEvaluatedKey ? { items, nextCursor: encodeCursor(page.LastEvaluatedKey) } : { items };
  }

  /** A person's leave by first day (inclusive bounds). */
  byApplicant(orgId: string, staffId: string, startFrom: string | undefined, startTo: string | undefined, limit: number, cursor?: string) {
    const partition = LeaveRequestItem.patterns.byApplicant.bind({ orgId, applicantId: staffId });
    return this.page(
      partition,
      { from: partition.sk.start({ startDate: startFrom ?? '0000' }), to: partition.sk.through({ startDate: startTo ?? '9999-12-31' }) },
      limit,
      cursor,
      'LeaveRequest',
      parseLeaveRequest,
    );
  }

  /** A unit's leave by last day (inclusive bounds): everything still running on `endFrom` or later. */
  byUnit(orgId: string, unitId: string, endFrom: string | undefined, endTo: string | undefined, limit: number, cursor?: string) {
    const partition = LeaveRequestItem.patterns.byUnit.bind({ orgId, unitId });
    return this.page(
      partition,
      { from: partition.sk.start({ endDate: endFrom ?? '0000' }), to: partition.sk.through({ endDate: endTo ?? '9999-12-31' }) },
      limit,
      cursor,
      'LeaveRequest',
      parseLeaveRequest,
    );
  }

  /** An approver's requests: the pending ones, the decided ones, or both (pending last). */
  byApprover(orgId: string, approverId: string, state: 'pending' | 'closed' | undefined, limit: number, cursor?: string) {
    const partition = LeaveRequestItem.patterns.byApprover.bind({ orgId, approverId });
    return this.page(
      partition,
      state ? { from: partition.sk.prefix({ approvalState: state }), to: partition.sk.through({ approvalState: state }) } : { from: '0', to: '~' },
      limit,
      cursor,
      'LeaveRequest',
      parseLeaveRequest,
    );
  }

  /** Every page of a Query, for partitions bounded by a person's or a unit's leave in a window. */
  async all<T>(fetch: (cursor?: string) => Promise<Page<T>>, cap = 2000): Promise<T[]> {
    const out: T[] = [];
    let cursor: string | undefined;
    do {
      const page = await fetch(cursor);
      out.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor && out.length < cap);
    return out;
  }

  // -------------------------------------------------------------------------------------
  // Balances

  /** Settings and counters of one person's year: one Query on the balance partition. */
  async getBalance(orgId: string, staffId: string, year: number): Promise<{ settings: LeaveBalanceSettings; usage: LeaveUsage }> {
    const result = await this.table.doc.send(
      new QueryCommand({
        TableName: this.name,
        ...EntityStateItem.patterns.primary.keyCondition({ orgId, id: leaveBalanceEntityId(staffId, year) }, { beginsWith: LEAVE_BALANCE_ITEMS_PREFIX }),
        ConsistentRead: true,
      }),
    );
    let settings = emptySettings(orgId, staffId, year);
    let usage = emptyUsage();
    for (const item of result.Items ?? []) {
      if (item.SK === STATE_SK) settings = parseLeaveBalance(item);
      if (item.SK === LEAVE_USAGE_SK) {
        const n = (key: string) => (typeof item[key] === 'number' ? (item[key] as number) : 0);
        usage = {
          usedDays: n('usedDays'),
          leaves: n('leaves'),
          emergencyLeaves: n('emergencyLeaves'),
          daysByKind: Object.fromEntries(LEAVE_KINDS.map((k) => [k, n(`days_${k}`)])) as Record<LeaveKind, number>,
        };
      }
    }
    return { settings, usage };
  }

  /** The settings item, conditional on the version read (0: not yet written). */
  balancePut(next: LeaveBalanceSettings, expectedVersion: number): LabelledItem {
    return {
      label: 'balance',
      item: {
        Put: {
          TableName: this.name,
          Item: { PK: entityPk(next.orgId, leaveBalanceEntityId(next.staffId, next.year)), SK: STATE_SK, entity: 'LeaveBalance', ...next },
          ...versioned(expectedVersion),
        },
      },
    };
  }

  /** Fails the transaction if the settings changed since they were read. */
  balanceCheck(orgId: string, staffId: string, year: number, expectedVersion: number): LabelledItem {
    return {
      label: 'balance',
      item: {
        ConditionCheck: {
          TableName: this.name,
          Key: { PK: entityPk(orgId, leaveBalanceEntityId(staffId, year)), SK: STATE_SK },
          ...versioned(expectedVersion),
        },
      },
    };
  }

  /**
   * ADDs to a person's counters for a year. With `maxUsedBefore`, the update fails unless the
   * annual days already used are at most that, so two approvals can never overdraw a balance.
   * With `usedDaysIs`, it fails unless used days are exactly that (a carry-over read them).
   */
  usageUpdate(
    orgId: string,
    staffId: string,
    year: number,
    deltas: Readonly<Record<string, number>>,
    guard?: { maxUsedBefore?: number; usedDaysIs?: number },
  ): LabelledItem {
    const entries = Object.entries(deltas).filter(([, v]) => v !== 0);
    const names: Record<string, string> = Object.fromEntries(entries.map(([k], i) => [`#c${i}`, k]));
    const values: Record<string, unknown> = Object.fromEntries(entries.map(([, v], i) => [`:c${i}`, v]));
    let condition: string | undefined;
    if (guard?.maxUsedBefore !== undefined) {
      names['#used'] = 'usedDays';
      values[':max'] = guard.maxUsedBefore;
      condition = 'attribute_not_exists(#used) OR #used <= :max';
    }
    if (guard?.usedDaysIs !== undefined) {
      names['#used'] = 'usedDays';
      values[':is'] = guard.usedDaysIs;
      condition = guard.usedDaysIs === 0 ? 'attribute_not_exists(#used) OR #used = :is' : '#used = :is';
    }
    const Key = { PK: entityPk(orgId, leaveBalanceEntityId(staffId, year)), SK: LEAVE_USAGE_SK };
    if (entries.length === 0) {
      return {
        label: 'usage',
        item: {
          ConditionCheck: {
            TableName: this.name,
            Key,
            ConditionExpression: condition ?? 'attribute_exists(PK) OR attribute_not_exists(PK)',
            ...(Object.keys(names).length ? { ExpressionAttributeNames: names, ExpressionAttributeValues: values } : {}),
          },
        },
      };
    }
    return {
      label: 'usage',
      item: {
        Update: {
          TableName: this.name,
          Key,
          UpdateExpression: `SET #ent = :entity, #staff = :staff, #yr = :year ADD ${entries.map((_, i) => `#c${i} :c${i}`).join(', ')}`,
          ExpressionAttributeNames: { ...names, '#ent': 'entity', '#staff': 'staffId', '#yr': 'year' },
          ExpressionAttributeValues: { ...values, ':entity': 'LeaveUsage', ':staff': staffId, ':year': year },
          ...(condition ? { ConditionExpression: condition } : {}),
        },
      },
    };
  }

  async write(items: readonly LabelledItem[]): Promise<void> {
    await transactWrite(this.table, items);
  }

  // -------------------------------------------------------------------------------------
  // Requests to delegate (A2)

  requestToDelegatePut(next: RequestToDelegate, expectedVersion?: number): LabelledItem {
    return {
      label: 'request-to-delegate',
      item: {
        Put: {
          TableName: this.name,
          Item: { ...requestToDelegateKeys(next), entity: 'RequestToDelegate', ...next },
          ...versioned(expectedVersion),
        },
      },
    };
  }

  async getRequestToDelegate(orgId: string, id: string): Promise<RequestToDelegate | undefined> {
    const result = await this.table.doc.send(
      new GetCommand({ TableName: this.name, Key: { PK: entityPk(orgId, id), SK: STATE_SK }, ConsistentRead: true }),
    );
    return result.Item?.entity === 'RequestToDelegate' ? parseRequestToDelegate(result.Item) : undefined;
  }

  /** The director's requests whose leave starts on or after `from`. */
  requestsToDelegate(orgId: string, directorId: string, from: string | undefined, limit: number, cursor?: string) {
    const partition = RequestToDelegateItem.patterns.byDirector.bind({ orgId, directorId });
    return this.page(
      partition,
      { from: partition.sk.start({ from: from ?? '0000' }), to: partition.sk.through({ from: '9999-12-31' }) },
      limit,
      cursor,
      'RequestToDelegate',
      parseRequestToDelegate,
    );
  }
}
