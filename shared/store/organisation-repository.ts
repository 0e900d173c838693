import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { AuditEvent } from '../domain/assignment.js';
import type { Organisation, StaffMember, Unit } from '../domain/organisation.js';
import type { Proposal } from '../domain/separation-of-duties.js';
import type { Rulebook } from '../rulebook/schema.js';
import type { TableContext } from './client.js';
import {
  ORG_META_SK,
  OrganisationItem,
  orgPk,
  ProposalItem,
  proposalKeys,
  proposalLockKey,
  RulebookItem,
  snapshotCacheKey,
  staffSk,
  unitSk,
} from './keys.js';
import { parseOrganisation, parseProposal, parseStaff, parseUnit } from './parse-item.js';
import { queryAll } from './query.js';
import { getAll, putAll } from './batch.js';
import { auditEventPut, failureOf, transactWrite, statePut, writeOne, type LabelledItem } from './transact.js';
import { ORG_VERSION_SK, readOrgVersion } from './org-version.js';
import { cachedSnapshotOf, snapshotCacheItem, type CachedSnapshot } from './org-snapshot-cache.js';
import { rulebookFromItem, rulebookItem, storedAsMap } from './rulebook-item.js';

export interface OrganisationSnapshot {
  readonly organisation: Organisation & { readonly rulebookVersion: number; readonly seededAt: string };
  readonly units: UnitRecord[];
  readonly staff: StaffRecord[];
}

export interface StoredRulebook {
  readonly effectiveFrom: string;
  readonly version: number;
  readonly rulebook: Rulebook;
  readonly recordedAt: string;
  readonly recordedBy?: string;
  readonly reason?: string;
}

/** A staff record as stored: the domain's StaffMember plus what administration keeps. */
export type StaffRecord = StaffMember & {
  readonly version: number;
  readonly endedOn?: string;
  readonly successorId?: string;
};
export type UnitRecord = Unit & { readonly version: number };


export class OrganisationRepository {
  constructor(private readonly table: TableContext) {}

  /**
   * Writes the organisation, its units, staff and rulebook from a rulebook, once. The
   * organisation item is written last and only if absent, so it marks a finished seed: a
   * restart (or a seed that crashed half-way and runs again) writes nothing twice.
   */
  async seed(rulebook: Rulebook, at: string, goLiveOn?: string): Promise<'seeded' | 'already-seeded'> {
    const orgId = rulebook.organisation.id;
    if (await this.getOrganisationMeta(orgId)) return 'already-seeded';
    const pk = orgPk(orgId);
    const items: Record<string, unknown>[] = [
      ...rulebook.units.map((u) => ({
        PK: pk,
        SK: unitSk(u.id),
        entity: 'Unit',
        id: u.id,
        name: u.name,
        kind: u.kind,
        overseenBy: u.overseenBy,
        version: 1,
      })),
      ...rulebook.staff.map((s) => ({
        PK: pk,
        SK: staffSk(s.id),
        entity: 'Staff',
        id: s.id,
        name: s.name,
        unitId: s.unitId,
        roles: s.roles,
        title: s.title,
        email: s.email,
        active: true,
        version: 1,
      })),
      rulebookItem(orgId, { effectiveFrom: rulebook.effectiveFrom, version: rulebook.version, rulebook, recordedAt: at, reason: 'Seeded from the rulebook file' }),
    ];
    await putAll(this.table, items);
    // A transaction, so the snapshot version moves with it (a table seeded again after a reset).
    try {
      await transactWrite(this.table, [
        {
          label: 'organisation',
          item: {
            Put: {
              TableName: this.table.tableName,
              Item: {
                PK: pk,
                SK: ORG_META_SK,
                entity: 'Organisation',
                ...rulebook.organisation,
                ...(goLiveOn === undefined ? {} : { goLiveOn }),
                rulebookVersion: rulebook.version,
                seededAt: at,
                version: 1,
              },
              ConditionExpression: 'attribute_not_exists(PK)',
            },
          },
        },
      ]);
    } catch (error) {
      // Another seed of the same organisation finished first.
      if (failureOf(error, [], ['organisation'])?.outcome === 'duplicate') return 'already-seeded';
      throw error;
    }
    return 'seeded';
  }

  async getOrganisationMeta(orgId: string): Promise<OrganisationSnapshot['organisation'] | undefined> {
    const result = await this.table.doc.send(
      new GetCommand({ TableName: this.table.tableName, Key: { PK: orgPk(orgId), SK: ORG_META_SK } }),
    );
    return result.Item ? parseOrganisation(result.Item) : undefined;
  }

  /**
   * The organisation with all its units and staff: one Query on the organisation's partition,
   * strongly consistent, so a snapshot read after its version item is at least that version.
   */
  async getOrganisation(orgId: string): Promise<OrganisationSnapshot | undefined> {
    const items = await queryAll(this.table, {
            ...OrganisationItem.patterns.primary.keyCondition({ orgId }),
      ConsistentRead: true,
    });
    let organisation: OrganisationSnapshot['organisation'] | undefined;
    const units: UnitRecord[] = [];
    const staff: StaffRecord[] = [];
    for (const item of items) {
      if (item.entity === 'Organisation') organisation = parseOrganisation(item);
      else if (item.entity === 'Unit') units.push(parseUnit(item));
      else if (item.entity === 'Staff') staff.push(parseStaff(item));
    }
    return organisation ? { organisation, units, staff } : undefined;
  }

  /** The snapshot version now (org-version.ts): one strongly consistent GetItem of a few bytes. */
  snapshotVersion(orgId: string): Promise<number> {
    return readOrgVersion(this.table, orgId);
  }

  /**
   * A cold process's first read (org-snapshot-cache.ts): the version item and the copy of the
   * snapshot and rulebook versions, both strongly consistent, in one BatchGetItem.
   */
  async snapshotVersionAndCache(orgId: string): Promise<{ version: number; cached: CachedSnapshot | undefined }> {
    const versionKey = { PK: orgPk(orgId), SK: ORG_VERSION_SK };
    const cacheKey = snapshotCacheKey(orgId);
    const items = await getAll(this.table, [versionKey, cacheKey], true);
    const found = (key: { PK: string; SK: string }) => items.find((i) => i.PK === key.PK && i.SK === key.SK);
    return { version: (found(versionKey)?.v as number | undefined) ?? 0, cached: cachedSnapshotOf(found(cacheKey)) };
  }

  /**
   * Stores the copy of the organisation as its records are now, read after the version item (the
   * seed: the first cold process then reads one item instead of the records).
   */
  async storeSnapshotCopy(orgId: string): Promise<boolean> {
    const version = await this.snapshotVersion(orgId);
    const [snapshot, versions] = await Promise.all([this.getOrganisation(orgId), this.listRulebookVersions(orgId)]);
    if (!snapshot || !versions.some((v) => v.version === snapshot.organisation.rulebookVersion)) return false;
    return this.putSnapshotCache(orgId, { version, snapshot, versions });
  }

  /** Writes the copy unless one of this version or a later one is there; false when not written (too large, or not newer). */
  async putSnapshotCache(orgId: string, cached: CachedSnapshot): Promise<boolean> {
    const item = snapshotCacheItem(orgId, cached);
    if (!item) return false;
    try {
      await writeOne(this.table, {
        label: 'snapshot-cache',
        item: { Put: { TableName: this.table.tableName, Item: item, ConditionExpression: 'attribute_not_exists(v) OR v < :v', ExpressionAttributeValues: { ':v': cached.version } } },
      });
      return true;
    } catch (error) {
      if (failureOf(error, [], ['snapshot-cache'])?.outcome === 'duplicate') return false;
      throw error;
    }
  }

  async getStaff(orgId: string, staffId: string): Promise<StaffRecord | undefined> {
    const result = await this.table.doc.send(
      new GetCommand({ TableName: this.table.tableName, Key: { PK: orgPk(orgId), SK: staffSk(staffId) } }),
    );
    return result.Item ? parseStaff(result.Item) : undefined;
  }

  /** Every rulebook version, oldest effective date first: few, immutable, cached by the caller. */
  async listRulebookVersions(orgId: string): Promise<StoredRulebook[]> {
    const items = await queryAll(this.table, {
            ...RulebookItem.patterns.primary.keyCondition({ orgId }),
    });
    return items.map(rulebookFromItem);
  }

  /**
   * Rewrites, compressed, each rulebook version still stored as a map (recorded before the
   * compression): the same version, read back the same. Each rewrite is conditional on the item
   * still being a map, so two runs at once rewrite each version once. Versions are immutable.
   */
  async compressRulebookVersions(orgId: string): Promise<{ versions: number; compressed: number }> {
    const items = await queryAll(this.table, RulebookItem.patterns.primary.keyCondition({ orgId }));
    let compressed = 0;
    for (const item of items.filter(storedAsMap)) {
      try {
        await writeOne(this.table, {
          label: 'rulebook',
          item: { Put: { TableName: this.table.tableName, Item: rulebookItem(orgId, rulebookFromItem(item)), ConditionExpression: 'attribute_exists(rulebook)' } },
        });
        compressed++;
      } catch (error) {
        if (failureOf(error, [], ['rulebook'])?.outcome !== 'duplicate') throw error;
      }
    }
    return { versions: items.length, compressed };
  }

  /**
   * Records a rulebook version and moves the organisation's latest-version number in one
   * transaction, conditional on the number the amendment was computed from.
   */
  async addRulebookVersion(orgId: string, stored: StoredRulebook, event: AuditEvent, previousVersion: number): Promise<void> {
    await transactWrite(this.table, [...this.rulebookVersionItems(orgId, stored, previousVersion), auditEventPut(this.table.tableName, { ...event })]);
  }

  /** The items that record a rulebook version, to join another transaction (an approved proposal). */
  rulebookVersionItems(orgId: string, stored: StoredRulebook, previousVersion: number): LabelledItem[] {
    return [
      {
        label: 'rulebook',
        item: {
          Put: {
            TableName: this.table.tableName,
            Item: rulebookItem(orgId, stored),
            ConditionExpression: 'attribute_not_exists(PK)',
          },
        },
      },
      {
        label: 'rulebook-version',
        item: {
          Update: {
            TableName: this.table.tableName,
            Key: { PK: orgPk(orgId), SK: ORG_META_SK },
            UpdateExpression: 'SET rulebookVersion = :next',
            ConditionExpression: 'rulebookVersion = :previous',
            ExpressionAttributeValues: { ':next': stored.version, ':previous': previousVersion },
          },
        },
      },
    ];
  }

  // -------------------------------------------------------------------------------------
  // Proposals of the Office, decided by the director

  /** Writes a proposal, conditional on its version (absent for a new one). */
  proposalPut(proposal: Proposal, expectedVersion?: number): LabelledItem {
    return statePut(this.table.tableName, { ...proposalKeys(proposal), entity: 'Proposal', ...proposal }, expectedVersion, 'proposal');
  }

  /** Takes the record's lock for an open proposal; fails (label 'lock') while another is open. */
  proposalLock(orgId: string, target: string, proposalId: string): LabelledItem {
    return {
      label: 'lock',
      item: {
        Update: {
          TableName: this.table.tableName,
          Key: proposalLockKey(orgId, target),
          UpdateExpression: 'SET openProposalId = :id, entity = :entity',
          ConditionExpression: 'attribute_not_exists(openProposalId)',
          ExpressionAttributeValues: { ':id': proposalId, ':entity': 'ProposalLock' },
        },
      },
    };
  }

  /** Releases the lock when the proposal is decided (an update, not a delete: the API may not delete items). */
  proposalUnlock(orgId: string, target: string, proposalId: string): LabelledItem {
    return {
      label: 'lock',
      item: {
        Update: {
          TableName: this.table.tableName,
          Key: proposalLockKey(orgId, target),
          UpdateExpression: 'REMOVE openProposalId',
          ConditionExpression: 'openProposalId = :id',
          ExpressionAttributeValues: { ':id': proposalId },
        },
      },
    };
  }

  async openProposalId(orgId: string, target: string): Promise<string | undefined> {
    const result = await this.table.doc.send(new GetCommand({ TableName: this.table.tableName, Key: proposalLockKey(orgId, target) }));
    return result.Item?.openProposalId as string | undefined;
  }

  async getProposal(orgId: string, id: string): Promise<Proposal | undefined> {
    const result = await this.table.doc.send(
      new GetCommand({ TableName: this.table.tableName, Key: ProposalItem.patterns.primary.keys({ orgId, id }) }),
    );
    return result.Item && result.Item.entity === 'Proposal' ? parseProposal(result.Item) : undefined;
  }

  /** The newest proposals first: one Query on GSI1. */
  async listProposals(orgId: string, limit: number): Promise<Proposal[]> {
    const page = await this.table.doc.send(
      new QueryCommand({
        TableName: this.table.tableName,
                ...ProposalItem.patterns.byTime.keyCondition({ orgId }),
        ScanIndexForward: false,
        Limit: limit,
      }),
    );
    return (page.Items ?? []).map(parseProposal);
  }

  /**
   * Moves the organisation's go-live date with its audit event in one transaction, conditional
   * on the version read (a concurrent change makes it fail rather than be lost).
   */
  async setGoLive(orgId: string, goLiveOn: string, event: AuditEvent, expectedVersion: number): Promise<void> {
    await transactWrite(this.table, [
      {
        label: 'state',
        item: {
          Update: {
            TableName: this.table.tableName,
            Key: { PK: orgPk(orgId), SK: ORG_META_SK },
            UpdateExpression: 'SET goLiveOn = :d, version = :next',
            ConditionExpression: 'version = :v',
            ExpressionAttributeValues: { ':d': goLiveOn, ':v': expectedVersion, ':next': expectedVersion + 1 },
          },
        },
      },
      auditEventPut(this.table.tableName, { ...event }),
    ]);
  }

  /** The item that writes a staff record, conditional on its version (absent for a new one). */
  staffPut(orgId: string, member: StaffRecord, expectedVersion?: number): LabelledItem {
    return this.recordPut(orgId, staffSk(member.id), 'Staff', member, expectedVersion);
  }

  unitPut(orgId: string, unit: UnitRecord, expectedVersion?: number): LabelledItem {
    return this.recordPut(orgId, unitSk(unit.id), 'Unit', unit, expectedVersion);
  }

  private recordPut(orgId: string, sk: string, entity: string, record: object, expectedVersion?: number): LabelledItem {
    return statePut(this.table.tableName, { PK: orgPk(orgId), SK: sk, entity, ...record }, expectedVersion);
  }

  /** Writes records with their audit events in one transaction. */
  async write(items: readonly LabelledItem[], events: readonly AuditEvent[]): Promise<void> {
    await transactWrite(this.table, [...items, ...events.map((e) => auditEventPut(this.table.tableName, { ...e }))]);
  }
}
