import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { AuditEvent } from '../domain/assignment.js';
import type { Delegation } from '../domain/authority.js';
import type { ReportBack } from '../domain/delegation-report.js';
import type { TableContext } from './client.js';
import { parseDelegation, parseDirectorAuthority } from './parse-item.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import { sharedInRequest, type RequestScope } from './org-version.js';
import { queryAll } from './query.js';
import { DelegationItem, delegationKeys, directorAuthorityKey, entityPk, STATE_SK } from './keys.js';
import { auditEventPut, transactWrite, statePut, type LabelledItem } from './transact.js';

export interface StoredDelegation extends Delegation {
  readonly orgId: string;
  readonly note?: string;
  /** A3 (Điều 4.1.2): the delegate's report back to the director once it ended. */
  readonly reportBack?: ReportBack;
  readonly createdAt: string;
  readonly createdBy: string;
  readonly version: number;
}

/** One delegation of the director's authority (A2) that has not ended: the days it holds. */
export interface AuthorityHold {
  readonly delegationId: string;
  readonly delegatorId: string;
  readonly delegateId: string;
  readonly from: string;
  readonly to: string;
}

/**
 * The director's authority (A2, Điều 3.3.3 "01 Phó Giám đốc Sở"): one versioned item per
 * organisation listing the delegations that hold it. Every write of a department delegation
 * rewrites it under a condition on its version, so two overlapping delegations can never both
 * commit, however close together they arrive.
 */
export interface DirectorAuthority {
  readonly holds: readonly AuthorityHold[];
  readonly version: number;
}

export class DelegationRepository {
  constructor(private readonly table: TableContext) {}

  async save(delegation: StoredDelegation, event: AuditEvent, expectedVersion?: number, alsoWrite: readonly LabelledItem[] = []): Promise<void> {
    await transactWrite(this.table, [
      ...alsoWrite,
      statePut(this.table.tableName, { ...delegationKeys(delegation), entity: 'Delegation', ...delegation }, expectedVersion),
      auditEventPut(this.table.tableName, { ...event }),
    ]);
  }

  /** Read consistently: the holds are checked against the latest committed version. */
  async directorAuthority(orgId: string): Promise<DirectorAuthority | undefined> {
    const result = await this.table.doc.send(new GetCommand({ TableName: this.table.tableName, Key: directorAuthorityKey(orgId), ConsistentRead: true }));
    return result.Item ? parseDirectorAuthority(result.Item) : undefined;
  }

  /** The new holds, written only if the item is still at `expectedVersion` (absent: only if none exists). */
  directorAuthorityPut(orgId: string, holds: readonly AuthorityHold[], expectedVersion: number | undefined): LabelledItem {
    return statePut(this.table.tableName, { ...directorAuthorityKey(orgId), entity: 'DirectorAuthority', orgId, holds, version: (expectedVersion ?? 0) + 1 }, expectedVersion, 'director-authority');
  }

  async get(orgId: string, id: string): Promise<StoredDelegation | undefined> {
    const result = await this.table.doc.send(
      new GetCommand({ TableName: this.table.tableName, Key: { PK: entityPk(orgId, id), SK: STATE_SK }, ConsistentRead: true }),
    );
    return result.Item?.entity === 'Delegation' ? parseDelegation(result.Item) : undefined;
  }

  /**
   * A delegate's delegations that have not ended before `today`: one Query, bounded by their
   * count. The index lags its table, so each one that looks live is re-read consistently: a
   * revocation takes effect at once. Within one request (`request`), a read under way is shared.
   */
  async currentFor(orgId: string, delegateId: string, today: string, request?: RequestScope): Promise<StoredDelegation[]> {
    return sharedInRequest(request, `delegations-of:${orgId}:${delegateId}:${today}`, async () => {
      const result = await this.table.doc.send(
        new QueryCommand({
          TableName: this.table.tableName,
          ...DelegationItem.patterns.byDelegate.keyCondition({ orgId, delegateId }, { gte: DelegationItem.patterns.byDelegate.sk.start({ to: today }) }),
        }),
      );
      const candidates = (result.Items ?? []).map(parseDelegation);
      const fresh = await Promise.all(candidates.map((d) => (d.revokedAt ? d : this.get(orgId, d.id))));
      return fresh.filter((d): d is StoredDelegation => d !== undefined);
    });
  }

  /**
   * The department delegations not revoked that end on or after `endingFrom`, re-read
   * consistently: what held the director's authority before its item existed (tables written
   * before it), read once to build it.
   */
  async departmentDelegationsEndingFrom(orgId: string, endingFrom: string): Promise<StoredDelegation[]> {
    const candidates = (await this.endingFrom(orgId, endingFrom)).filter((d) => d.scope === 'department' && !d.revokedAt);
    const fresh = await Promise.all(candidates.map((d) => this.get(orgId, d.id)));
    return fresh.filter((d): d is StoredDelegation => d !== undefined && !d.revokedAt);
  }

  /** A delegate's delegations ending on or after `endingFrom` (GSI1), re-read consistently. */
  async ofDelegate(orgId: string, delegateId: string, endingFrom: string): Promise<StoredDelegation[]> {
    const byDelegate = DelegationItem.patterns.byDelegate;
    const items = await queryAll(this.table, byDelegate.keyCondition({ orgId, delegateId }, { gte: byDelegate.sk.start({ to: endingFrom }) }));
    const fresh = await Promise.all(items.map(parseDelegation).map((d) => this.get(orgId, d.id)));
    return fresh.filter((d): d is StoredDelegation => d !== undefined);
  }

  /** Every delegation ending on or after `endingFrom` (GSI2): the A3 sweep. */
  async endingFrom(orgId: string, endingFrom: string): Promise<StoredDelegation[]> {
    const byEnd = DelegationItem.patterns.byEnd;
    const items = await queryAll(this.table, byEnd.keyCondition({ orgId }, { gte: byEnd.sk.start({ to: endingFrom }) }));
    return items.map(parseDelegation);
  }

  /** All delegations ending on or after `endingFrom`, by end date, one page; within one request (`request`), a read under way is shared. */
  async list(orgId: string, endingFrom: string, limit: number, cursor?: string, request?: RequestScope): Promise<{ items: StoredDelegation[]; nextCursor?: string }> {
    return sharedInRequest(request, `delegations:${orgId}:${endingFrom}:${limit}:${cursor ?? ''}`, async () => {
      const byEnd = DelegationItem.patterns.byEnd.bind({ orgId });
      const page = await this.table.doc.send(
        new QueryCommand({
          TableName: this.table.tableName,
          ...byEnd.keyCondition({ gte: byEnd.sk.start({ to: endingFrom }) }),
          Limit: limit,
          ExclusiveStartKey: decodeCursor(cursor, byEnd.partition),
        }),
      );
      const items = (page.Items ?? []).map(parseDelegation);
      return page.LastEvaluatedKey ? { items, nextCursor: encodeCursor(page.LastEvaluatedKey) } : { items };
    });
  }
}
