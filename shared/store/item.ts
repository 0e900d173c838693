const KEY_ATTRIBUTE = /^(PK|SK|GSI\d+(PK|SK)|entity)$/;

/** An item without its table and index keys: the record as the domain knows it. */
export function stripKeys<T>(item: Record<string, unknown>): T {
  return Object.fromEntries(Object.entries(item).filter(([k]) => !KEY_ATTRIBUTE.test(k))) as T;
}
