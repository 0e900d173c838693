import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { putAll } from '../../shared/store/batch.js';
import type { TableContext } from '../../shared/store/client.js';
import type { LabelledItem } from '../../shared/store/transact.js';

type Item = Record<string, unknown>;
const keyOf = (item: Item) => `${String(item.PK)}|${String(item.SK)}`;

/**
 * Writes the items that the repositories would have written transaction by transaction, with
 * BatchWriteItem instead: Puts as they are; counter `ADD`s summed, then added once per counter
 * item at the end (still `ADD`, so the services' own counter updates are kept).
 * `absorb` takes the transactions of one entity's whole history, so a state Put replaced later in
 * that history is written once, in its final form (a batch cannot order two Puts of one key).
 */
export class BulkWriter {
  private readonly queue: Item[] = [];
  private readonly counters = new Map<string, Item>();
  private readonly inFlight = new Set<Promise<void>>();
  written = 0;

  constructor(
    private readonly table: TableContext,
    private readonly concurrency = 4,
  ) {}

  async absorb(transactions: readonly (readonly LabelledItem[])[]): Promise<void> {
    const puts = new Map<string, Item>();
    for (const { item } of transactions.flat()) {
      if (item.Put) {
        puts.set(keyOf(item.Put.Item as Item), item.Put.Item as Item);
      } else if (item.Update && /^ADD /.test(item.Update.UpdateExpression ?? '')) {
        this.add(item.Update.Key as Item, item.Update.ExpressionAttributeNames ?? {}, item.Update.ExpressionAttributeValues ?? {});
      } else {
        throw new Error(`The bench seed does not know how to batch ${JSON.stringify(item).slice(0, 200)}`);
      }
    }
    this.queue.push(...puts.values());
    while (this.queue.length >= 25) await this.send(this.queue.splice(0, 25));
  }

  private add(key: Item, names: Record<string, string>, values: Record<string, unknown>): void {
    const counter = this.counters.get(keyOf(key)) ?? { PK: key.PK, SK: key.SK };
    this.counters.set(keyOf(key), counter);
    for (const [placeholder, name] of Object.entries(names)) {
      const delta = values[placeholder.replace('#', ':')];
      if (typeof delta !== 'number') throw new Error(`No value for ${placeholder} in a counter update`);
      counter[name] = ((counter[name] as number | undefined) ?? 0) + delta;
    }
  }

  private async send(items: Item[]): Promise<void> {
    while (this.inFlight.size >= this.concurrency) await Promise.race(this.inFlight);
    const request = this.write(items).finally(() => this.inFlight.delete(request));
    this.inFlight.add(request);
  }

  private async write(items: Item[]): Promise<void> {
    await putAll(this.table, items, (count) => (this.written += count));
  }

  private async addCounter({ PK, SK, ...deltas }: Item): Promise<void> {
    const entries = Object.entries(deltas).filter(([, v]) => v !== 0);
    if (entries.length === 0) return;
    await this.table.doc.send(
      new UpdateCommand({
        TableName: this.table.tableName,
        Key: { PK, SK },
        UpdateExpression: `ADD ${entries.map((_, i) => `#c${i} :c${i}`).join(', ')}`,
        ExpressionAttributeNames: Object.fromEntries(entries.map(([k], i) => [`#c${i}`, k])),
        ExpressionAttributeValues: Object.fromEntries(entries.map(([, v], i) => [`:c${i}`, v])),
      }),
    );
    this.written += 1;
  }

  /** Writes what is queued, then the summed counters. */
  async flush(): Promise<void> {
    const rest = this.queue.splice(0);
    for (let i = 0; i < rest.length; i += 25) await this.send(rest.slice(i, i + 25));
    const counters = [...this.counters.values()];
    this.counters.clear();
    for (const counter of counters) {
      while (this.inFlight.size >= this.concurrency * 4) await Promise.race(this.inFlight);
      const request = this.addCounter(counter).finally(() => this.inFlight.delete(request));
      this.inFlight.add(request);
    }
    await Promise.all(this.inFlight);
  }
}
