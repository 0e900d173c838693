/**
 * The dashboard's reads beside its counters (shared/store/counter-repository.ts):
 * - open work due by the due-soon horizon, from the sparse keys-only index GSI4
 *   (`ORG#<org>#ASGDUE` / `<dueDate>#<originalDueDate>#<unitId>#<staffId>`, the id its table key): its cost follows
 *   the open items overdue or due soon (~140 bytes each), never the number of assignments;
 * - the records behind a figure, one page at a time: assignments whose original due date is in
 *   the period (by the due-date index from the period's first day; an extension only moves a due
 *   date later), findings detected in it (by their period's first day, up to the period's end).
 */
import { parseAssignment, parseFinding } from './parse-item.js';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Assignment } from '../domain/assignment.js';
import type { OpenDueItem } from '../domain/dashboard.js';
import type { Finding } from '../domain/finding.js';
import type { LocalDate } from '../domain/local-time.js';
import type { TableContext } from './client.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import type { BoundPattern } from './access-patterns/declare.js';
import { AssignmentItem, FindingItem, parseOpenWorkEntry } from './keys.js';
import { sharedInRequest, type RequestScope } from './org-version.js';
import { queryAll } from './query.js';

export type ReadScope = { kind: 'org' } | { kind: 'unit'; unitId: string } | { kind: 'staff'; staffId: string };


/** One index range read page by page, with a filter on what it returns. */
interface RangeQuery {
  readonly partition: BoundPattern<string>;
  readonly lower: string;
  readonly upper: string;
  readonly filter: string;
  readonly names?: Record<string, string>;
  readonly values: Record<string, unknown>;
  readonly newestFirst?: boolean;
}

export interface RecordPage<T> {
  readonly items: T[];
  readonly nextCursor?: string;
}

/** Items read from the index per request, whatever the filter keeps: the bound of one records page. */
export const RECORDS_READ_LIMIT = 200;

function assignmentPartition(orgId: string, scope: ReadScope, state: 'open' | 'closed'): BoundPattern<string> {
  switch (scope.kind) {
    case 'org':
      return AssignmentItem.patterns.byState.bind({ orgId, state });
    case 'unit':
      return AssignmentItem.patterns.byUnit.bind({ orgId, unitId: scope.unitId });
    case 'staff':
      return AssignmentItem.patterns.byResponsible.bind({ orgId, responsibleId: scope.staffId });
  }
}

export class DashboardRepository {
  constructor(private readonly table: TableContext) {}

  /**
   * Open assignments of the scope due on or before `horizon` (overdue and due soon), from the
   * sparse keys-only index GSI4: its keys carry the dates, unit and person the figures need, so
   * the read costs ~140 bytes per open item due, whatever the size of the records. Within one
   * request (`request`), a read under way is shared.
   */
  async openDueBy(orgId: string, scope: ReadScope, horizon: LocalDate, request?: RequestScope): Promise<OpenDueItem[]> {
    const due = AssignmentItem.patterns.openByDue;
    const items = await sharedInRequest(request, `open-due:${orgId}:${horizon}`, () =>
      queryAll(this.table, due.keyCondition({ orgId }, { between: [due.sk.start({ dueDate: '0000-00-00' }), due.sk.through({ dueDate: horizon })] })),
    );
    return items.flatMap((item) => {
      const key = parseOpenWorkEntry(item);
      if (!key) return [];
      if (scope.kind === 'unit' && key.unitId !== scope.unitId) return [];
      if (scope.kind === 'staff' && key.staffId !== scope.staffId) return [];
      const open: OpenDueItem = { id: key.id, unitId: key.unitId, responsibleId: key.staffId, dueDate: key.dueDate, originalDueDate: key.originalDueDate, status: 'assigned' };
      return [open];
    });
  }

  /** Assignments of the scope in one state whose ORIGINAL due date is in [start, end]: one page. */
  async assignmentsDueIn(
    orgId: string,
    scope: ReadScope,
    state: 'open' | 'closed',
    range: { start: LocalDate; end: LocalDate },
    cursor?: string,
  ): Promise<RecordPage<Assignment>> {
    const partition = assignmentPartition(orgId, scope, state);
    return this.page<Assignment>(
      {
        partition,
        lower: partition.sk.start({ state, dueDate: range.start }),
        upper: partition.sk.through({ state }),
        filter: 'originalDueDate BETWEEN :start AND :end',
        values: { ':start': range.start, ':end': range.end },
      },
      parseAssignment,
      cursor,
    );
  }

  /** Findings of a unit or a person detected within [from, to] (UTC ISO instants), newest period first: one page. */
  async findingsDetectedIn(
    orgId: string,
    scope: { kind: 'unit'; unitId: string } | { kind: 'staff'; staffId: string },
    range: { periodEnd: LocalDate; from: string; to: string },
    cursor?: string,
  ): Promise<RecordPage<Finding>> {
    const partition =
      scope.kind === 'unit'
        ? FindingItem.patterns.byUnit.bind({ orgId, unitId: scope.unitId })
        : FindingItem.patterns.bySubject.bind({ orgId, subjectId: scope.staffId });
    return this.page<Finding>(
      {
        partition,
        lower: partition.sk.start({ periodStart: '0000-00-00' }),
        upper: partition.sk.through({ periodStart: range.periodEnd }),
        filter: 'detectedAt BETWEEN :from AND :to',
        values: { ':from': range.from, ':to': range.to },
        newestFirst: true,
      },
      parseFinding,
      cursor,
    );
  }

  private async page<T>(q: RangeQuery, parse: (item: Record<string, unknown>) => T, cursor: string | undefined): Promise<RecordPage<T>> {
    const condition = q.partition.keyCondition({ between: [q.lower, q.upper] });
    const page = await this.table.doc.send(
      new QueryCommand({
        TableName: this.table.tableName,
        ...condition,
        FilterExpression: q.filter,
        ...(q.names ? { ExpressionAttributeNames: q.names } : {}),
        ExpressionAttributeValues: { ...condition.ExpressionAttributeValues, ...q.values },
        ScanIndexForward: !q.newestFirst,
        Limit: RECORDS_READ_LIMIT,
        ExclusiveStartKey: decodeCursor(cursor, q.partition.partition),
      }),
    );
    const items = (page.Items ?? []).map(parse);
    return page.LastEvaluatedKey ? { items, nextCursor: encodeCursor(page.LastEvaluatedKey) } : { items };
  }
}
