import type { FindingTextNames } from '../domain/finding-text.js';
import { findingNotifications } from '../domain/compliance/finding-notification.js';
import type { NotificationRepository } from './notification-repository.js';
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { AuditEvent } from '../domain/assignment.js';
import { findingCounterPeriods, findingReportedTo, isOpenFinding, type Finding } from '../domain/finding.js';
import type { TableContext } from './client.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import { entityPk, findingKeys, FindingItem, findingReportedKeys, FindingReportedToItem, noticeKeys, NoticeItem, STATE_SK } from './keys.js';
import { parseFinding, parseNotice } from './parse-item.js';
import { queryAll } from './query.js';
import { auditEventPut, counterUpdates, failureOf, transactWrite, statePut, type LabelledItem } from './transact.js';


export interface FindingWrite {
  readonly next: Finding;
  readonly event: AuditEvent;
  readonly delta: Readonly<Record<string, number>>;
  /** Absent: a new finding (written only if its id is not there yet). */
  readonly expectedVersion?: number;
  /** Local time zone of the organisation: counters are kept per local week, month and year. */
  readonly timeZone: string;
  /** The names a new finding's notifications mention (their sentence). */
  readonly names?: FindingTextNames;
}

export interface NoticeRecord {
  readonly id: string;
  readonly orgId: string;
  readonly rule: string;
  readonly key: string;
  readonly to: string;
  readonly subjectId: string;
  readonly message: string;
  readonly facts: Readonly<Record<string, unknown>>;
  /** The instant the check ran. */
  readonly at: string;
}

export type FindingIndex =
  | { kind: 'subject'; staffId: string }
  /** The findings reported to this person (D4): their copies, see findingReportedKeys. */
  | { kind: 'reported'; staffId: string }
  | { kind: 'unit'; unitId: string }
  | { kind: 'state'; state: 'open' | 'resolved' };

export interface FindingListQuery {
  readonly orgId: string;
  readonly index: FindingIndex;
  readonly rule?: string;
  /** Inclusive bounds on the first day of the finding's period. */
  readonly periodFrom?: string;
  readonly periodTo?: string;
  readonly limit: number;
  readonly cursor?: string;
}

export class FindingRepository {
  /**
   * `notifyDetections`: where a new finding's notifications are stored, in the transaction that
   * creates the finding (so a finding never exists without them, and a rerun, which creates no
   * finding, stores none); absent, a finding notifies no one (bulk seeding, fault tests).
   */
  constructor(
    private readonly table: TableContext,
    private readonly options: { readonly notifyDetections?: NotificationRepository } = {},
  ) {}

  /** The state (conditional: new, or at the expected version), its audit event, the counters, and a new finding's notifications. */
  writeItems(write: FindingWrite): LabelledItem[] {
    const { next } = write;
    const keys = findingKeys({ ...next, state: isOpenFinding(next) ? 'open' : 'resolved' });
    return [
      statePut(this.table.tableName, { ...keys, entity: 'Finding', ...next }, write.expectedVersion),
      // A copy per recipient it was reported to (D4), so their list is one Query; rewritten with its state.
      ...[...new Set(findingReportedTo(next))].map((staffId) => ({
        label: 'reported-to',
        item: { Put: { TableName: this.table.tableName, Item: { ...findingReportedKeys(next, staffId), entity: 'FindingReportedTo', ...next } } },
      })),
      auditEventPut(this.table.tableName, { ...write.event }),
      ...counterUpdates(
        this.table.tableName,
        { orgId: next.orgId, unitId: next.unitId, staffId: next.subjectId, periodIds: findingCounterPeriods(next.detectedAt, write.timeZone) },
        write.delta,
        'fnd',
      ),
      ...this.detectionNotifications(write),
    ];
  }

  private detectionNotifications(write: FindingWrite): LabelledItem[] {
    const notifications = this.options.notifyDetections;
    if (!notifications || write.expectedVersion !== undefined || write.event.action !== 'detected') return [];
    return findingNotifications(write.next, write.timeZone, write.names).map((n) => notifications.putItem(n, n.createdAt));
  }

  async write(write: FindingWrite): Promise<void> {
    await transactWrite(this.table, this.writeItems(write));
  }

  async get(orgId: string, id: string, consistent = true): Promise<Finding | undefined> {
    const result = await this.table.doc.send(
      new GetCommand({ TableName: this.table.tableName, Key: { PK: entityPk(orgId, id), SK: STATE_SK }, ConsistentRead: consistent }),
    );
    return result.Item?.entity === 'Finding' ? parseFinding(result.Item) : undefined;
  }

  /** Every open finding of a rule: one Query on the open partition, `<rule>#` prefix. */
  async listOpenOfRule(orgId: string, rule: string): Promise<Finding[]> {
    const byState = FindingItem.patterns.byState;
    const items = await queryAll(this.table, byState.keyCondition({ orgId, state: 'open' }, { beginsWith: byState.sk.prefix({ rule }) }));
    return items.map(parseFinding);
  }

  async list(query: FindingListQuery): Promise<{ items: Finding[]; nextCursor?: string }> {
    const { orgId, index } = query;
    const partition =
      index.kind === 'subject'
        ? FindingItem.patterns.bySubject.bind({ orgId, subjectId: index.staffId })
        : index.kind === 'reported'
          ? FindingReportedToItem.patterns.byRecipient.bind({ orgId, staffId: index.staffId })
          : index.kind === 'unit'
          ? FindingItem.patterns.byUnit.bind({ orgId, unitId: index.unitId })
          : FindingItem.patterns.byState.bind({ orgId, state: index.state });
    const from = query.periodFrom ?? '0000-00-00';
    const periodTo = query.periodTo ?? '9999-12-31';
    // By person or unit the key is `<periodStart>#<rule>#<id>`; by state `<rule>#<periodStart>#<id>`.
    const [lower, upper] =
      index.kind === 'state' && !query.rule
        ? ['!', '~']
        : index.kind === 'state'
          ? [partition.sk.start({ rule: query.rule, periodStart: from }), partition.sk.through({ rule: query.rule, periodStart: periodTo })]
          : [partition.sk.start({ periodStart: from }), partition.sk.through({ periodStart: periodTo })];
    const filterRule = query.rule && index.kind !== 'state';
    const filterPeriod = index.kind === 'state' && !query.rule && (query.periodFrom || query.periodTo);
    const condition = partition.keyCondition({ between: [lower, upper] });
    const page = await this.table.doc.send(
      new QueryCommand({
        TableName: this.table.tableName,
        IndexName: condition.IndexName,
        KeyConditionExpression: condition.KeyConditionExpression,
        ...(filterRule || filterPeriod
          ? {
              FilterExpression: filterRule ? '#rule = :rule' : 'periodStart BETWEEN :from AND :to',
              ...(filterRule ? { ExpressionAttributeNames: { '#rule': 'rule' } } : {}),
            }
          : {}),
        ExpressionAttributeValues: {
          ...condition.ExpressionAttributeValues,
          ...(filterRule ? { ':rule': query.rule } : {}),
          ...(filterPeriod ? { ':from': from, ':to': query.periodTo ?? '9999-12-31' } : {}),
        },
        Limit: query.limit,
        ExclusiveStartKey: decodeCursor(query.cursor, partition.partition),
      }),
    );
    const items = (page.Items ?? []).map(parseFinding);
    return page.LastEvaluatedKey ? { items, nextCursor: encodeCursor(page.LastEvaluatedKey) } : { items };
  }

  /**
   * Records a notice once per id: true when this call recorded it, false when a previous run
   * already had.
   */
  async recordNotice(notice: NoticeRecord): Promise<boolean> {
    try {
      await transactWrite(this.table, [
        {
          label: 'notice',
          item: {
            Put: {
              TableName: this.table.tableName,
              Item: { ...noticeKeys(notice), entity: 'Notice', ...notice },
              ConditionExpression: 'attribute_not_exists(PK)',
            },
          },
        },
      ]);
      return true;
    } catch (error) {
      if (failureOf(error, [], ['notice'])?.outcome === 'duplicate') return false;
      throw error;
    }
  }

  /** A person's notices, newest first. */
  async listNotices(orgId: string, staffId: string, limit = 50): Promise<NoticeRecord[]> {
    const page = await this.table.doc.send(
      new QueryCommand({
        TableName: this.table.tableName,
        ...NoticeItem.patterns.byRecipient.keyCondition({ orgId, to: staffId }),
        ScanIndexForward: false,
        Limit: limit,
      }),
    );
    return (page.Items ?? []).map(parseNotice);
  }
}
