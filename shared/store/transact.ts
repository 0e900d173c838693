import { DeleteCommand, PutCommand, TransactWriteCommand, UpdateCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { UnprocessableError } from '../domain/errors.js';
import type { TableContext } from './client.js';
import { storedCounterName, weekAttribute } from '../domain/counter-attributes.js';
import { isExactDelta } from '../domain/counter-rebuild.js';
import { counterPk, entityPk, eventSk, personCounterSk } from './keys.js';
import { noteVersionMoved, ORG_VERSION_SK, orgVersionBump, snapshotOrgOf } from './org-version.js';

export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/**
 * A part of a transaction, named so a failed condition can say which part failed: `state` is the
 * record's own version, `idempotency` the Idempotency-Key's record; the others are counters and
 * sequences (a lost race when the writer says so) or claims another record may hold (`file`…).
 */
export type Part = string;

/** One item of a transaction, named so a failed condition can say which part failed. */
export interface LabelledItem {
  readonly label: Part;
  readonly item: TransactItem;
}

/** A condition of the transaction failed: `label` names the item (e.g. 'state', 'idempotency'). */
export class ConditionFailed extends Error {
  constructor(readonly label: Part) {
    super(`Condition failed on ${label}`);
    this.name = 'ConditionFailed';
  }
}

/** Another transaction touched the same items at the same time; safe to retry. */
export class TransactionConflict extends Error {
  constructor() {
    super('Transaction conflict');
    this.name = 'TransactionConflict';
  }
}

/**
 * What a failed write means, typed (shared/services/commit.ts acts on it):
 * - `stale`: what the change was decided from moved (a `raced` part, or a transaction conflict);
 * - `duplicate`: the same write was made already: another delivery of the same Idempotency-Key,
 *   or a `once` part (a record whose id its cause determines: a notice, a queued callback);
 * - `conflict`: another record holds what this change claims (`part`: a file, an external id…).
 * Undefined: not a refusal of the store (DynamoDB down, a bug); let it through.
 */
export type WriteFailure = { readonly outcome: 'stale' } | { readonly outcome: 'duplicate' } | { readonly outcome: 'conflict'; readonly part: Part };

export function failureOf(error: unknown, raced: readonly Part[] = ['state'], once: readonly Part[] = []): WriteFailure | undefined {
  if (error instanceof TransactionConflict) return { outcome: 'stale' };
  if (!(error instanceof ConditionFailed)) return undefined;
  if (error.label === 'idempotency' || once.includes(error.label)) return { outcome: 'duplicate' };
  if (raced.includes(error.label)) return { outcome: 'stale' };
  return { outcome: 'conflict', part: error.label };
}

/**
 * One conditional write outside a transaction (its Put, Update or Delete), for a change of one
 * item: a failed condition is ConditionFailed(label) as in transactWrite, so failureOf sorts both.
 */
export async function writeOne(table: TableContext, { label, item }: LabelledItem): Promise<void> {
  const send = () =>
    item.Put
      ? table.doc.send(new PutCommand(item.Put))
      : item.Update
        ? table.doc.send(new UpdateCommand(item.Update))
        : item.Delete
          ? table.doc.send(new DeleteCommand(item.Delete))
          : Promise.reject(new Error(`writeOne takes a Put, Update or Delete (${label})`));
  try {
    await send();
  } catch (error) {
    if ((error as { name?: string }).name === 'ConditionalCheckFailedException') throw new ConditionFailed(label);
    throw error;
  }
}

/**
 * The organisations whose snapshot a transaction changes (it writes an item of `ORG#<org>`) and
 * whose version it does not already move: each gets its bump (see org-version.ts).
 */
function withOrgVersionBumps(tableName: string, items: readonly LabelledItem[]): readonly LabelledItem[] {
  const changed = new Set<string>();
  const bumped = new Set<string>();
  for (const { item } of items) {
    const key = item.Put?.Item ?? item.Update?.Key ?? item.Delete?.Key;
    const orgId = snapshotOrgOf(key);
    if (orgId === undefined) continue;
    if (key!.SK === ORG_VERSION_SK) bumped.add(orgId);
    else changed.add(orgId);
  }
  const missing = [...changed].filter((orgId) => !bumped.has(orgId));
  return missing.length === 0 ? items : [...items, ...missing.map((orgId) => orgVersionBump(tableName, orgId))];
}

export async function transactWrite(table: TableContext, given: readonly LabelledItem[]): Promise<void> {
  const items = withOrgVersionBumps(table.tableName, given);
  try {
    await table.doc.send(
      new TransactWriteCommand({ TransactItems: items.map((i) => i.item), ReturnConsumedCapacity: 'TOTAL' }),
    );
  } catch (error) {
    const e = error as { name?: string; CancellationReasons?: { Code?: string; Message?: string }[] };
    if (e.name === 'TransactionCanceledException') {
      const reasons = e.CancellationReasons ?? [];
      const failed = reasons.findIndex((r) => r.Code === 'ConditionalCheckFailed');
      if (failed >= 0) throw new ConditionFailed(items[failed]?.label ?? 'unknown');
      if (reasons.some((r) => r.Code === 'TransactionConflict')) throw new TransactionConflict();
    }
    if (e.name === 'TransactionConflictException') throw new TransactionConflict();
    // A record grown past DynamoDB's 400 KB item limit (many long extension requests…) is for the caller to shorten, not a 500.
    const tooLarge = (message: unknown) => /item size/i.test(String(message ?? ''));
    if (tooLarge((error as Error).message) || (e.CancellationReasons ?? []).some((r) => r.Code === 'ValidationError' && tooLarge(r.Message))) {
      throw new UnprocessableError('This change would make the record larger than the 400 KB the store keeps per record; shorten the text.', [
        { path: 'body', message: 'the record would exceed 400 KB' },
      ]);
    }
    throw error;
  } finally {
    // Committed or not, the process's requests read the version again before they trust their snapshot.
    for (const { item } of items) {
      const orgId = snapshotOrgOf(item.Update?.Key);
      if (orgId !== undefined && item.Update?.Key?.SK === ORG_VERSION_SK) noteVersionMoved(orgId);
    }
  }
}

/** A record's condition: absent (a creation), or still at the version the change was decided from. */
export function versionCondition(expectedVersion: number | undefined) {
  return expectedVersion === undefined
    ? { ConditionExpression: 'attribute_not_exists(PK)' }
    : { ConditionExpression: 'version = :expected', ExpressionAttributeValues: { ':expected': expectedVersion } };
}

/**
 * The Put of a record's state on versionCondition: every repository writes its records so. A
 * failed condition is the `state` part (`stale` to failureOf) unless it is named otherwise.
 */
export function statePut(tableName: string, item: Record<string, unknown>, expectedVersion: number | undefined, label: Part = 'state'): LabelledItem {
  return { label, item: { Put: { TableName: tableName, Item: item, ...versionCondition(expectedVersion) } } };
}

/** The audit event of a change. Written only if absent: nothing can overwrite history. */
export function auditEventPut(
  tableName: string,
  event: { orgId: string; entityId: string; version: number; id: string } & Record<string, unknown>,
): LabelledItem {
  return {
    label: 'audit',
    item: {
      Put: {
        TableName: tableName,
        Item: { PK: entityPk(event.orgId, event.entityId), SK: eventSk(event.version, event.id), entity: 'AuditEvent', ...event },
        ConditionExpression: 'attribute_not_exists(PK)',
      },
    },
  };
}

export interface CounterScope {
  readonly orgId: string;
  readonly unitId: string;
  readonly staffId: string;
  readonly periodIds: readonly string[];
}

/**
 * ADD the deltas to the person's counter item of the month, as the figures of the week
 * (counter-rebuild.ts describes the layout): one item, whatever the periods the change counts in.
 */
export function counterUpdates(
  tableName: string,
  scope: CounterScope,
  deltas: Readonly<Record<string, number | undefined>>,
  prefix: string,
): LabelledItem[] {
  return counterChanges(tableName, [{ scope, deltas }], prefix);
}

/**
 * Several counter changes in one transaction (e.g. work handed from one person to another):
 * changes to the same counter item are merged, since a transaction may touch an item only once.
 */
export function counterChanges(
  tableName: string,
  changes: readonly { scope: CounterScope; deltas: Readonly<Record<string, number | undefined>> }[],
  prefix: string,
): LabelledItem[] {
  const byItem = new Map<string, { PK: string; SK: string; deltas: Map<string, number> }>();
  for (const { scope, deltas } of changes) {
    // No periods: the change counts nowhere (a report's review, say).
    if (scope.periodIds.length === 0) continue;
    const monthId = scope.periodIds.find((id) => /^\d{4}-\d{2}$/.test(id));
    const weekId = scope.periodIds.find((id) => /^\d{4}-W\d{2}$/.test(id));
    // A figure needs its week; an exact attribute (`rep_t@…`, `msn_end@…`: counter-rebuild.ts) its month only.
    if (!monthId || (!weekId && Object.keys(deltas).some((name) => !isExactDelta(name)))) {
      throw new RangeError(`A counted change needs its week and month: ${scope.periodIds.join(', ')}`);
    }
    const PK = counterPk(scope.orgId, monthId);
    const SK = personCounterSk(scope.unitId, scope.staffId);
    const entry = byItem.get(`${PK}|${SK}`) ?? { PK, SK, deltas: new Map<string, number>() };
    byItem.set(`${PK}|${SK}`, entry);
    for (const [name, value] of Object.entries(deltas)) {
      const attribute = storedCounterName(isExactDelta(name) ? `${prefix}_${name}` : weekAttribute(`${prefix}_${name}`, weekId!), monthId);
      if (typeof value === 'number') entry.deltas.set(attribute, (entry.deltas.get(attribute) ?? 0) + value);
    }
  }
  return [...byItem.values()].flatMap(({ PK, SK, deltas }) => {
    const entries = [...deltas].filter(([, v]) => v !== 0);
    if (entries.length === 0) return [];
    return [
      {
        label: 'counter',
        item: {
          Update: {
            TableName: tableName,
            Key: { PK, SK },
            UpdateExpression: `ADD ${entries.map((_, i) => `#c${i} :c${i}`).join(', ')}`,
            ExpressionAttributeNames: Object.fromEntries(entries.map(([k], i) => [`#c${i}`, k])),
            ExpressionAttributeValues: Object.fromEntries(entries.map(([, v], i) => [`:c${i}`, v])),
          },
        },
      },
    ];
  });
}
