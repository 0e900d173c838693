import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { TableContext } from './client.js';
import { stateKey } from './keys.js';
import { parseSeedMarker } from './parse-item.js';
import { failureOf, writeOne } from './transact.js';

export interface SeedMarker {
  readonly name: string;
  readonly state: 'started' | 'done';
  /** The local day the seed is laid out from: a restart after a crash replays the same days. */
  readonly anchor: string;
  readonly at: string;
}

/**
 * Markers of seeds run once per organisation (the demo month): `ORG#<org>#E#seed.<name>` / `#STATE`.
 * `started` fixes the anchor before any record is written; `done` makes a restart write nothing.
 */
export class SeedMarkerRepository {
  constructor(private readonly table: TableContext) {}

  private key(orgId: string, name: string) {
    return stateKey(orgId, `seed.${name}`);
  }

  async get(orgId: string, name: string): Promise<SeedMarker | undefined> {
    const result = await this.table.doc.send(new GetCommand({ TableName: this.table.tableName, Key: this.key(orgId, name), ConsistentRead: true }));
    return result.Item ? parseSeedMarker(result.Item) : undefined;
  }

  /** Records the start once (a concurrent start keeps the first); then `done`. */
  async put(orgId: string, marker: SeedMarker): Promise<void> {
    try {
      await writeOne(this.table, {
        label: 'seed-marker',
        item: {
          Put: {
            TableName: this.table.tableName,
            Item: { ...this.key(orgId, marker.name), entity: 'SeedMarker', ...marker },
            ...(marker.state === 'started' ? { ConditionExpression: 'attribute_not_exists(PK)' } : {}),
          },
        },
      });
    } catch (error) {
      if (failureOf(error, [], ['seed-marker'])?.outcome !== 'duplicate') throw error;
    }
  }
}
