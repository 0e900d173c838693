/**
 * The one definition of the tracker's DynamoDB table. The CDK stack (infra/constructs/tracker-table.ts)
 * and the local/test setup (shared/store/create-table.ts) both build the table from this, so the
 * table that is tested is the table that is deployed.
 *
 * Single-table design: every key starts with `ORG#<orgId>` so one table can host several
 * organisations of a province. Access patterns are listed in shared/store/keys.ts.
 */
export interface KeyAttribute {
  readonly name: string;
  readonly type: 'S' | 'N';
}

export interface GlobalIndexDefinition {
  readonly indexName: string;
  readonly partitionKey: KeyAttribute;
  readonly sortKey: KeyAttribute;
  /** ALL: screens read items from the index; KEYS_ONLY: counting sweeps read only the keys. */
  readonly projection: 'ALL' | 'KEYS_ONLY';
}

export interface TableDefinition {
  readonly partitionKey: KeyAttribute;
  readonly sortKey: KeyAttribute;
  readonly globalIndexes: readonly GlobalIndexDefinition[];
  /** Items with this attribute (epoch seconds) are deleted by DynamoDB TTL: idempotency records. */
  readonly timeToLiveAttribute: string;
}

const stringKey = (name: string): KeyAttribute => ({ name, type: 'S' });

export const trackerTable: TableDefinition = {
  partitionKey: stringKey('PK'),
  sortKey: stringKey('SK'),
  globalIndexes: [
    ...[1, 2, 3].map((n) => ({
      indexName: `GSI${n}`,
      partitionKey: stringKey(`GSI${n}PK`),
      sortKey: stringKey(`GSI${n}SK`),
      projection: 'ALL' as const,
    })),
    // Open work by due date, keys only: the dashboard counts overdue and due-soon work from the
    // keys (which carry unit and person), so its cost is ~130 bytes per open item, not a whole item.
    { indexName: 'GSI4', partitionKey: stringKey('GSI4PK'), sortKey: stringKey('GSI4SK'), projection: 'KEYS_ONLY' as const },
  ],
  timeToLiveAttribute: 'expiresAt',
};

/** Every attribute that appears in a key of the table or an index, once each. */
export function keyAttributes(definition: TableDefinition = trackerTable): KeyAttribute[] {
  const all = [
    definition.partitionKey,
    definition.sortKey,
    ...definition.globalIndexes.flatMap((index) => [index.partitionKey, index.sortKey]),
  ];
  return all.filter((attr, i) => all.findIndex((other) => other.name === attr.name) === i);
}
