import { getAll, queryAll } from './query.js';
import { parseAssignment, parseAuditEvent } from './parse-item.js';
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { indexState, isOpen, type Assignment, type AuditEvent, type CounterDelta } from '../domain/assignment.js';
import { periodContaining } from '../domain/periods.js';
import type { TableContext } from './client.js';
import { AssignmentItem, assignmentKeys, entityPk, EVENT_SK_PREFIX, parseOpenWorkEntry, STATE_SK } from './keys.js';
import { auditEventPut, counterChanges, transactWrite, statePut, type LabelledItem } from './transact.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import { eofficeCallbackItems } from './outbox-repository.js';



/** The periods an assignment is counted in: those of its original due date. */
export const counterPeriodsOf = (dueDate: string) => (['week', 'month', 'year'] as const).map((k) => periodContaining(k, dueDate).id);

export interface AssignmentWrite {
  readonly next: Assignment;
  readonly event: AuditEvent;
  readonly delta: CounterDelta;
  /** The counters the work left, when it moved to another person or unit. */
  readonly left?: { readonly unitId: string; readonly staffId: string; readonly delta: CounterDelta };
  /** The version the change was computed from; the write succeeds only if it is still current. */
  readonly expectedVersion?: number;
  /** Extra items that must commit with the change (an idempotency record, a meeting's conclusion…). */
  readonly alsoWrite?: readonly LabelledItem[];
}

export type AssignmentIndex =
  | { kind: 'responsible'; staffId: string }
  | { kind: 'unit'; unitId: string }
  | { kind: 'org' };

export interface AssignmentListQuery {
  readonly orgId: string;
  readonly index: AssignmentIndex;
  readonly state: 'open' | 'closed';
  /** Inclusive due-date bounds (local dates). */
  readonly dueFrom?: string;
  readonly dueTo?: string;
  readonly limit: number;
  readonly cursor?: string;
}

export class AssignmentRepository {
  constructor(private readonly table: TableContext) {}

  /**
   * The transaction items of a change: the state (conditional on version), its audit event, the
   * counters, and, for an assignment from an e-office document that is completed or returned
   * for rework, its callback in the outbox (issue #7), so they commit or fail together.
   */
  writeItems(write: AssignmentWrite): LabelledItem[] {
    const { next } = write;
    // Completed work awaiting acceptance stays in the open partitions, but not in the due-date index (GSI4).
    const { GSI4PK: _pk, GSI4SK: _sk, ...notDue } = assignmentKeys({ ...next, state: indexState(next) });
    const keys = isOpen(next) ? { ...notDue, GSI4PK: _pk, GSI4SK: _sk } : notDue;
    const periodIds = counterPeriodsOf(next.originalDueDate);
    const state: LabelledItem = statePut(this.table.tableName, { ...keys, entity: 'Assignment', ...next }, write.expectedVersion);
    return [
      state,
      auditEventPut(this.table.tableName, { ...write.event }),
      ...counterChanges(
        this.table.tableName,
        [
          { scope: { orgId: next.orgId, unitId: next.unitId, staffId: next.responsibleId, periodIds }, deltas: write.delta },
          ...(write.left ? [{ scope: { orgId: next.orgId, ...write.left, periodIds }, deltas: write.left.delta }] : []),
        ],
        'asg',
      ),
      ...(write.alsoWrite ?? []),
      ...eofficeCallbackItems(this.table.tableName, write.next, write.event),
    ];
  }

  async write(write: AssignmentWrite): Promise<void> {
    await transactWrite(this.table, this.writeItems(write));
  }

  async get(orgId: string, id: string, consistent = false): Promise<Assignment | undefined> {
    const result = await this.table.doc.send(
      new GetCommand({ TableName: this.table.tableName, Key: { PK: entityPk(orgId, id), SK: STATE_SK }, ConsistentRead: consistent }),
    );
    return result.Item?.entity === 'Assignment' ? parseAssignment(result.Item) : undefined;
  }

  /** Several assignments by id (BatchGetItem, 100 a call); a missing id is absent from the map. */
  async getMany(orgId: string, ids: readonly string[], consistent = false): Promise<Map<string, Assignment>> {
    const items = await getAll(this.table, ids.map((id) => ({ PK: entityPk(orgId, id), SK: STATE_SK })), consistent);
    return new Map(items.filter((i) => i.entity === 'Assignment').map((i) => [String(i.id), parseAssignment(i)]));
  }

  /** The assignment and its whole history: one Query on its partition. */
  async getWithHistory(orgId: string, id: string): Promise<{ assignment: Assignment; history: AuditEvent[] } | undefined> {
    let assignment: Assignment | undefined;
    const history: AuditEvent[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.table.doc.send(
        new QueryCommand({
          TableName: this.table.tableName,
          KeyConditionExpression: 'PK = :pk',
          ExpressionAttributeValues: { ':pk': entityPk(orgId, id) },
          ExclusiveStartKey: startKey,
          ConsistentRead: true,
        }),
      );
      for (const item of page.Items ?? []) {
        if (item.SK === STATE_SK && item.entity === 'Assignment') assignment = parseAssignment(item);
        else if (typeof item.SK === 'string' && item.SK.startsWith(EVENT_SK_PREFIX)) history.push(parseAuditEvent(item));
      }
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return assignment ? { assignment, history } : undefined;
  }

  /**
   * Open work (and completed work awaiting acceptance) that `staffId` coordinates. No index is keyed by
   * coordinator, so this reads the organisation's open partition (GSI3) with a filter: its cost follows
   * the department's open work, never its history.
   */
  async openCoordinatedBy(orgId: string, staffId: string): Promise<Assignment[]> {
    const condition = AssignmentItem.patterns.byState.keyCondition({ orgId, state: 'open' });
    const items = await queryAll(this.table, {
      ...condition,
      FilterExpression: 'contains(coordinatorIds, :me)',
      ExpressionAttributeValues: { ...condition.ExpressionAttributeValues, ':me': staffId },
    });
    return items.map(parseAssignment);
  }

  /**
   * Open work (isOpen: not completed work awaiting acceptance) due on or before `dueTo`: the keys
   * from the sparse open-by-due index GSI4, then the records by BatchGetItem. Its cost follows the
   * open items due, never the completed work still in the open partitions (GSI3 `open`), which
   * grows with the department's history wherever work is not formally accepted.
   */
  async openDueUpTo(orgId: string, dueTo: string): Promise<Assignment[]> {
    const openByDue = AssignmentItem.patterns.openByDue;
    const entries = await queryAll(this.table, openByDue.keyCondition({ orgId }, { lte: openByDue.sk.through({ dueDate: dueTo }) }));
    const ids = entries.flatMap((e) => parseOpenWorkEntry(e)?.id ?? []);
    return [...(await this.getMany(orgId, ids)).values()].sort((a, b) => a.dueDate.localeCompare(b.dueDate) || a.id.localeCompare(b.id));
  }

  async list(query: AssignmentListQuery): Promise<{ items: Assignment[]; nextCursor?: string }> {
    const { orgId, index, state } = query;
    const pattern =
      index.kind === 'responsible'
        ? AssignmentItem.patterns.byResponsible.bind({ orgId, responsibleId: index.staffId })
        : index.kind === 'unit'
          ? AssignmentItem.patterns.byUnit.bind({ orgId, unitId: index.unitId })
          : AssignmentItem.patterns.byState.bind({ orgId, state });
    const from = pattern.sk.start({ state, dueDate: query.dueFrom ?? '0000-00-00' });
    const to = pattern.sk.through({ state, dueDate: query.dueTo ?? '9999-12-31' });
    // DynamoDB refuses a BETWEEN whose bounds are reversed (dueAfter later than dueBefore): nothing is due in it.
    if (from > to) return { items: [] };
    const startKey = decodeCursor(query.cursor, pattern.partition);
    const page = await this.table.doc.send(
      new QueryCommand({
        TableName: this.table.tableName,
        ...pattern.keyCondition({ between: [from, to] }),
        Limit: query.limit,
        ExclusiveStartKey: startKey,
      }),
    );
    const items = (page.Items ?? []).map(parseAssignment);
    return page.LastEvaluatedKey ? { items, nextCursor: encodeCursor(page.LastEvaluatedKey) } : { items };
  }
}

