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
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { UnavailableError } from '../domain/errors.js';
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

/**
 * One request's revalidations: the API makes one for each request, passes it to the cold start's
 * prefetch and to authentication, and the actor it resolves carries it (`scoped`), so that every
 * use of the organisation's snapshot with that actor trusts the request's one read of the version
 * item. Passed explicitly, not through AsyncLocalStorage, whose promise hooks slowed every
 * promise of a cold start (2 and 16 ms of the API's in two side-by-side runs, docs/benchmark.md).
 */
export class RequestScope {
  /** The version each organisation's snapshot was revalidated at in this request, and the process's count of its moves then. */
  readonly versions = new Map<string, { readonly version: number; readonly moves: number }>();
  /** Reads under way in this request, by key: a second use waits for the first instead of reading again. */
  readonly pending = new Map<string, Promise<unknown>>();
  /** The version reads this request answered ahead of, each true when the snapshot it used was the records as they are. */
  private readonly aheadOf: Promise<boolean>[] = [];
  /**
   * A request that changes nothing (GET, HEAD) keeps what it read until it ends, so a page whose
   * frame and body ask for the same thing one after the other reads it once; a request that writes
   * shares only reads under way, and so reads again after its own write.
   *
   * `answersAhead` (a GET or HEAD, by default): a warm process answers with the snapshot it holds
   * while the version item is read, one round trip instead of two; the answer is given only once
   * `heldWasCurrent()` says that snapshot was the records as they are, and otherwise made again
   * (functions/api/app.ts). A request that writes never answers ahead: its writes are decided from
   * the records as revalidated.
   */
  constructor(
    readonly keepsReads = false,
    readonly answersAhead = keepsReads,
  ) {}

  /** A snapshot was used before `current` (whether it is the records now) was known. */
  answeredAhead(current: Promise<boolean>): void {
    this.aheadOf.push(current.catch(() => false));
  }

  /** Whether every snapshot this request used ahead of its version read was current; a failed read is not. */
  async heldWasCurrent(): Promise<boolean> {
    return (await Promise.all(this.aheadOf)).every(Boolean);
  }

  /** The scope to answer again in: the versions this request has read count, and nothing is used ahead of a read. */
  again(): RequestScope {
    const scope = new RequestScope(this.keepsReads, false);
    for (const [orgId, seen] of this.versions) scope.versions.set(orgId, seen);
    return scope;
  }
}

const scopes = new WeakMap<object, RequestScope>();

/** `owner` (a request, the actor it resolves to) carries `scope`. */
export function scoped<T extends object>(owner: T, scope: RequestScope | undefined): T {
  if (scope) scopes.set(owner, scope);
  return owner;
}

/** The scope `owner` carries; none for an organisation id, a job's or a test's own object: every use reads the version. */
export const scopeOf = (owner: unknown): RequestScope | undefined => (typeof owner === 'object' && owner !== null ? scopes.get(owner) : undefined);

/**
 * Before a request that changes nothing writes anyway (a download's audit event): waits for the
 * version reads it answered ahead of, and refuses (503) if the snapshot it used was not current,
 * so nothing is written on a decision the records no longer support; the dispatcher then answers
 * the request again with the records as they are.
 */
export async function confirmBeforeWriting(owner: unknown): Promise<void> {
  const scope = scopeOf(owner);
  if (scope && !(await scope.heldWasCurrent())) throw new UnavailableError('The organisation changed while this request was answered; try again.', 1);
}

/** How many transactions of this process have moved each organisation's version. */
const moves = new Map<string, number>();

export const revalidatedInRequest = (scope: RequestScope | undefined, orgId: string): number | undefined => {
  const seen = scope?.versions.get(orgId);
  return seen && seen.moves === (moves.get(orgId) ?? 0) ? seen.version : undefined;
};

export function noteRevalidated(scope: RequestScope | undefined, orgId: string, version: number): void {
  scope?.versions.set(orgId, { version, moves: moves.get(orgId) ?? 0 });
}

/** After a transaction of this process moved the version (committed or not): every request's next use reads it again. */
export function noteVersionMoved(orgId: string): void {
  moves.set(orgId, (moves.get(orgId) ?? 0) + 1);
}

/**
 * `read()`, shared by the uses of `key` in the same request while it is under way (a cold
 * start's warm-up and the request's own authentication ask for the same snapshot), and after it,
 * once it succeeded, in a request that keeps its reads (`onlyUnderWay`: never, for a read whose
 * freshness is decided otherwise, as the snapshot's is by the version item); outside a request, or
 * once settled in one that writes, each use reads.
 */
export function sharedInRequest<T>(scope: RequestScope | undefined, key: string, read: () => Promise<T>, onlyUnderWay = false): Promise<T> {
  const pending = scope?.pending;
  if (!pending) return read();
  let p = pending.get(key) as Promise<T> | undefined;
  if (!p) {
    p = read();
    pending.set(key, p);
    const settled = () => void (pending.get(key) === p && pending.delete(key));
    p.then(scope.keepsReads && !onlyUnderWay ? undefined : settled, settled);
  }
  return p;
}
