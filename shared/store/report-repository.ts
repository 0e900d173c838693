import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { AuditEvent } from '../domain/assignment.js';
import type { Report, ReportCounts, ReportRevision, ReportTransition } from '../domain/report.js';
import type { TableContext } from './client.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import type { BoundPattern } from './access-patterns/declare.js';
import {
  ReportItem,
  entityPk,
  EVENT_SK_PREFIX,
  REVISION_SK_PREFIX,
  reportKeys,
  reportsOfOrgPk,
  reportsOfStaffPk,
  reportsOfUnitPk,
  revisionSk,
  STATE_SK,
  type ReportFamily,
} from './keys.js';
import { parseAuditEvent, parseReport, parseReportRevision } from './parse-item.js';
import { sharedInRequest, type RequestScope } from './org-version.js';
import { queryAll } from './query.js';
import { reportDueDelta } from '../domain/counter-rebuild.js';
import { auditEventPut, counterUpdates, transactWrite, statePut, type LabelledItem } from './transact.js';


const familyOf = (kind: Report['kind']): ReportFamily => (kind === 'plan' ? 'PLAN' : 'REP');

export interface ReportWrite {
  readonly transition: ReportTransition;
  readonly event: AuditEvent;
  /** The periods (week, month, year) of the obligation's due date, for the counters. */
  readonly counterPeriods: readonly string[];
  /** The version the change was computed from; absent for a first submission. */
  readonly expectedVersion?: number;
  /** Items that commit with the change: an idempotency record, a notification. */
  readonly alsoWrite?: readonly LabelledItem[];
}

export type ReportScope = { kind: 'staff'; staffId: string } | { kind: 'unit'; unitId: string } | { kind: 'org' };

export class ReportRepository {
  constructor(private readonly table: TableContext) {}

  /** State (conditional on its version), the new revision or the review, the audit event and the counters, in one transaction. */
  writeItems(write: ReportWrite): LabelledItem[] {
    const { next, newRevision, review, delta } = write.transition;
    const tableName = this.table.tableName;
    const pk = entityPk(next.orgId, next.id);
    const items: LabelledItem[] = [
      statePut(tableName, { ...reportKeys({ ...next, family: familyOf(next.kind) }), entity: 'Report', ...next }, write.expectedVersion),
      auditEventPut(tableName, { ...write.event }),
    ];
    if (newRevision) {
      items.push({
        label: 'revision',
        item: {
          Put: {
            TableName: tableName,
            Item: { PK: pk, SK: revisionSk(newRevision.revision), entity: 'ReportRevision', reportId: next.id, orgId: next.orgId, ...newRevision },
            ConditionExpression: 'attribute_not_exists(PK)',
          },
        },
      });
    }
    if (review) {
      items.push({
        label: 'review',
        item: {
          Update: {
            TableName: tableName,
            Key: { PK: pk, SK: revisionSk(review.revision) },
            UpdateExpression: 'SET review = :review',
            ConditionExpression: 'attribute_exists(PK) AND attribute_not_exists(review)',
            ExpressionAttributeValues: { ':review': review.review },
          },
        },
      });
    }
    items.push(
      ...counterUpdates(
        tableName,
        { orgId: next.orgId, unitId: next.unitId, staffId: next.staffId, periodIds: write.counterPeriods },
        // A first submission on time also counts under its due instant: a running period's view counts those submitted ahead (counter-rebuild.ts).
        { ...(delta as Readonly<Record<keyof ReportCounts, number | undefined>>), ...(delta.onTime ? { [reportDueDelta(next.dueAt)]: delta.onTime } : {}) },
        'rep',
      ),
      ...(write.alsoWrite ?? []),
    );
    return items;
  }

  async write(write: ReportWrite): Promise<void> {
    await transactWrite(this.table, this.writeItems(write));
  }

  async get(orgId: string, id: string): Promise<Report | undefined> {
    const result = await this.table.doc.send(
      new GetCommand({ TableName: this.table.tableName, Key: { PK: entityPk(orgId, id), SK: STATE_SK }, ConsistentRead: true }),
    );
    return result.Item?.entity === 'Report' ? parseReport(result.Item) : undefined;
  }

  /** The report, every revision and its history: one Query on its partition. */
  async getWithRevisions(orgId: string, id: string): Promise<{ report: Report; revisions: ReportRevision[]; history: AuditEvent[] } | undefined> {
    const items = await queryAll(this.table, { ...ReportItem.patterns.primary.keyCondition({ orgId, id }), ConsistentRead: true });
    const state = items.find((i) => i.SK === STATE_SK && i.entity === 'Report');
    if (!state) return undefined;
    const startsWith = (prefix: string) => items.filter((i) => typeof i.SK === 'string' && i.SK.startsWith(prefix));
    return {
      report: parseReport(state),
      revisions: startsWith(REVISION_SK_PREFIX).map(parseReportRevision),
            history: startsWith(EVENT_SK_PREFIX).map(parseAuditEvent),
    };
  }

  /**
   * Reports and plans of a person, a unit or the organisation whose obligation falls due in
   * [from, to]: one Query per family (a person's partition holds both), bounded by the reports due.
   * Within one request (`request`), a read under way is shared.
   */
  async listDue(orgId: string, scope: ReportScope, from: Date, to: Date, request?: RequestScope): Promise<Report[]> {
    const { byStaff, byUnit, byFamily } = ReportItem.patterns;
    const partitions: BoundPattern<string>[] =
      scope.kind === 'staff'
        ? [byStaff.bind({ orgId, staffId: scope.staffId })]
        : scope.kind === 'unit'
          ? (['REP', 'PLAN'] as const).map((family) => byUnit.bind({ orgId, family, unitId: scope.unitId }))
          : (['REP', 'PLAN'] as const).map((family) => byFamily.bind({ orgId, family }));
    return sharedInRequest(request, `reports-due:${orgId}:${JSON.stringify(scope)}:${from.toISOString()}:${to.toISOString()}`, async () => {
      const pages = await Promise.all(
        partitions.map((p) =>
          queryAll(this.table, p.keyCondition({ between: [p.sk.start({ dueAt: from.toISOString() }), p.sk.through({ dueAt: to.toISOString() })] })),
        ),
      );
      return pages.flat().map(parseReport);
    });
  }

  /** Every plan of the organisation whose obligation falls due in [from, to]: one Query (P2's approval check). */
  async listPlansDue(orgId: string, from: Date, to: Date): Promise<Report[]> {
    const plans = ReportItem.patterns.byFamily.bind({ orgId, family: 'PLAN' });
    const items = await queryAll(this.table, plans.keyCondition({ between: [plans.sk.start({ dueAt: from.toISOString() }), plans.sk.through({ dueAt: to.toISOString() })] }));
    return items.map(parseReport);
  }

  /** Plans of a unit, or of the organisation, by due instant: one page. */
  async listPlans(
    orgId: string,
    scope: { kind: 'unit'; unitId: string } | { kind: 'org' },
    range: { from?: Date; to?: Date },
    limit: number,
    cursor?: string,
  ): Promise<{ items: Report[]; nextCursor?: string }> {
    const partition =
      scope.kind === 'unit'
        ? ReportItem.patterns.byUnit.bind({ orgId, family: 'PLAN', unitId: scope.unitId })
        : ReportItem.patterns.byFamily.bind({ orgId, family: 'PLAN' });
    const page = await this.table.doc.send(
      new QueryCommand({
        TableName: this.table.tableName,
                ...partition.keyCondition({
          between: [partition.sk.start({ dueAt: range.from?.toISOString() ?? '0' }), partition.sk.through({ dueAt: range.to?.toISOString() ?? '9' })],
        }),
        Limit: limit,
        ExclusiveStartKey: decodeCursor(cursor, partition.partition),
      }),
    );
    const items = (page.Items ?? []).map(parseReport);
    return page.LastEvaluatedKey ? { items, nextCursor: encodeCursor(page.LastEvaluatedKey) } : { items };
  }
}
