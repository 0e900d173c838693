import type { LabelledItem } from './transact.js';

const keyOf = (key: Record<string, unknown>) => JSON.stringify([key.PK, key.SK]);

/**
 * DynamoDB refuses a transaction that touches one item twice. When several assignments are
 * created together (a document distributed to two people of one unit), their counter updates
 * (`ADD #c0 :c0, …`, see counterUpdates) hit the same counter items: this folds them into one
 * update per item, summing the deltas. Identical unconditional Puts (the same access entry) are
 * kept once. Anything else that repeats a key is left as is, so DynamoDB still refuses it.
 */
export function mergeItems(items: readonly LabelledItem[]): LabelledItem[] {
  const out: LabelledItem[] = [];
  const counters = new Map<string, { index: number; key: Record<string, unknown>; tableName: string; sums: Map<string, number> }>();
  const puts = new Set<string>();
  for (const labelled of items) {
    const update = labelled.item.Update;
    if (labelled.label === 'counter' && update && /^ADD /.test(update.UpdateExpression ?? '') && !update.ConditionExpression) {
      const id = keyOf(update.Key as Record<string, unknown>);
      let entry = counters.get(id);
      if (!entry) {
        entry = { index: out.length, key: update.Key as Record<string, unknown>, tableName: update.TableName!, sums: new Map() };
        counters.set(id, entry);
        out.push(labelled);
      }
      const names = update.ExpressionAttributeNames ?? {};
      const values = (update.ExpressionAttributeValues ?? {}) as Record<string, number>;
      for (const [placeholder, attribute] of Object.entries(names)) {
        const value = values[placeholder.replace('#', ':')] ?? 0;
        entry.sums.set(attribute, (entry.sums.get(attribute) ?? 0) + value);
      }
      continue;
    }
    const put = labelled.item.Put;
    if (put && !put.ConditionExpression) {
      const id = keyOf(put.Item as Record<string, unknown>);
      if (puts.has(id)) continue;
      puts.add(id);
    }
    out.push(labelled);
  }
  const empty = new Set<number>();
  for (const entry of counters.values()) {
    const sums = [...entry.sums].filter(([, v]) => v !== 0);
    if (sums.length === 0) {
      empty.add(entry.index);
      continue;
    }
    out[entry.index] = {
      label: 'counter',
      item: {
        Update: {
          TableName: entry.tableName,
          Key: entry.key,
          UpdateExpression: `ADD ${sums.map((_, i) => `#c${i} :c${i}`).join(', ')}`,
          ExpressionAttributeNames: Object.fromEntries(sums.map(([name], i) => [`#c${i}`, name])),
          ExpressionAttributeValues: Object.fromEntries(sums.map(([, v], i) => [`:c${i}`, v])),
        },
      },
    };
  }
  return out.filter((_, i) => !empty.has(i));
}
