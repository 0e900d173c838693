/**
 * The organisation's snapshot version (issue #20): one tiny item, `ORG#<org>` / `#VERSION`,
 * whose number every change to the organisation's partition (its meta item, units, staff:
 * what the org snapshot holds) moves in the same transaction. A warm process keeps the
 * snapshot it loaded with the number it read, and before using it in a request reads only
 * this item (strongly consistent): the same number means the snapshot is the records as they
 * are now; any other means reload.
 *
 * The bump is added by `transactWrite` itself to every transaction that writes an item of an
 * organisation partition, so no write path can forget it; the seed writes it with the meta item.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { TableContext } from './client.js';
import { orgPk } from './keys.js';

export const ORG_VERSION_SK = '#VERSION';

/** `ORG#<org>` exactly: the partition of the meta item, units and staff (not `ORG#<org>#…`). */
const ORG_PARTITION = /^ORG#([^#]+)$/;

/** The organisation whose snapshot an item of that key belongs to, if any. */
export function snapshotOrgOf(key: { PK?: unknown } | undefined): string | undefined {
  const pk = key?.PK;
  if (typeof pk !== 'string') return undefined;
  return ORG_PARTITION.exec(pk)?.[1];
}

/** The transaction item that moves an organisation's snapshot version. */
export function orgVersionBump(tableName: string, orgId: string) {
  return {
    label: 'org-version',
    item: {
      Update: {
        TableName: tableName,
        Key: { PK: orgPk(orgId), SK: ORG_VERSION_SK },
        UpdateExpression: 'ADD v :one SET entity = :entity',
        ExpressionAttributeValues: { ':one': 1, ':entity': 'OrgVersion' },
      },
    },
  };
}

/** The version now: 0 until the first change after the seed (tables written before the item existed). */
export async function readOrgVersion(table: TableContext, orgId: string): Promise<number> {
  const result = await table.doc.send(
    new GetCommand({ TableName: table.tableName, Key: { PK: orgPk(orgId), SK: ORG_VERSION_SK }, ConsistentRead: true, ProjectionExpression: 'v' }),
  );
  return (result.Item?.v as number | undefined) ?? 0;
}

// -------------------------------------------------------------------------------------------
// One revalidation per request

interface RequestScope {
  /** The version each organisation's snapshot was revalidated at, in this request. */
  readonly versions: Map<string, number>;
  /** Reads under way in this request, by key: a second use waits for the first instead of reading again. */
  readonly pending: Map<string, Promise<unknown>>;
}

const scope = new AsyncLocalStorage<RequestScope>();

/**
 * Runs one request: the first use of an organisation's snapshot in it reads the version item,
 * later uses in the same request trust that read (the API wraps each request in this). Outside
 * it (scheduled jobs, scripts) every use reads the version. Inside a request's scope already
 * (the API's dispatcher opens it before the route's app runs), it stays in that scope.
 */
export function withRequestScope<T>(run: () => Promise<T>): Promise<T> {
  return scope.getStore() ? run() : scope.run({ versions: new Map(), pending: new Map() }, run);
}

export const revalidatedInRequest = (orgId: string): number | undefined => scope.getStore()?.versions.get(orgId);

export function noteRevalidated(orgId: string, version: number): void {
  scope.getStore()?.versions.set(orgId, version);
}

/** After this request wrote the organisation: its next use reads the version again. */
export function forgetRevalidated(orgId: string): void {
  scope.getStore()?.versions.delete(orgId);
}

/**
 * `read()`, shared by the uses of `key` in the same request while it is under way (a cold
 * start's warm-up and the request's own authentication ask for the same snapshot); outside a
 * request, or once settled, each use reads.
 */
export function sharedInRequest<T>(key: string, read: () => Promise<T>): Promise<T> {
  const pending = scope.getStore()?.pending;
  if (!pending) return read();
  let p = pending.get(key) as Promise<T> | undefined;
  if (!p) {
    p = read();
    pending.set(key, p);
    const settled = () => void (pending.get(key) === p && pending.delete(key));
    p.then(settled, settled);
  }
  return p;
}
