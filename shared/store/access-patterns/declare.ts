/**
 * How an item type declares its keys once (ElectroDB-style: name, index, key templates), so that
 * writes (the keys put on items) and queries (KeyConditionExpression values) come from the same
 * declaration. A module of our own rather than ElectroDB: the table's key strings are fixed by
 * data already stored, and this needs ~150 lines, not a query builder and its cold-start weight.
 *
 * A template is literal text with `{name}` parts (`{name:6}`: a number zero-padded to 6 digits):
 * `ORG#{orgId}#RESP#{responsibleId}`. Its parameter names are checked by the compiler.
 */

export type KeyValue = string | number;
export type IndexName = 'table' | 'GSI1' | 'GSI2' | 'GSI3' | 'GSI4';

type ParamName<P extends string> = P extends `${infer N}:${string}` ? N : P;
/** The parameter names of a template: `'A#{x}#{y:3}'` → `'x' | 'y'`. */
export type ParamsOf<T extends string> = T extends `${string}{${infer P}}${infer R}` ? ParamName<P> | ParamsOf<R> : never;
export type KeyValues<T extends string> = { readonly [K in ParamsOf<T>]: KeyValue };
export type PartialKeyValues<T extends string> = { readonly [K in ParamsOf<T>]?: KeyValue | undefined };

interface Segment {
  readonly literal: string;
  readonly param?: { readonly name: string; readonly pad?: number };
}

/** One key attribute's template: builds a whole key, a prefix of one, or reads one back. */
export class KeyTemplate<T extends string> {
  #segments?: Segment[];
  constructor(readonly template: T) {}

  /** Parsed on first use, so declaring costs nothing at cold start. */
  private get segments(): Segment[] {
    if (this.#segments) return this.#segments;
    const segments: Segment[] = [];
    const re = /\{([A-Za-z]+)(?::(\d+))?\}/g;
    let at = 0;
    for (let m = re.exec(this.template); m; m = re.exec(this.template)) {
      segments.push({ literal: this.template.slice(at, m.index), param: { name: m[1]!, ...(m[2] ? { pad: Number(m[2]) } : {}) } });
      at = m.index + m[0].length;
    }
    segments.push({ literal: this.template.slice(at) });
    return (this.#segments = segments);
  }

  get params(): string[] {
    return this.segments.flatMap((s) => (s.param ? [s.param.name] : []));
  }

  private static render(value: KeyValue, pad: number | undefined): string {
    return pad === undefined ? String(value) : String(value).padStart(pad, '0');
  }

  /** The whole key. A missing value is a bug in the caller, never a key with `undefined` in it. */
  build(values: KeyValues<T>): string {
    let out = '';
    for (const s of this.segments) {
      out += s.literal;
      if (!s.param) continue;
      const v = (values as Record<string, KeyValue | undefined | null>)[s.param.name];
      if (v === undefined || v === null) throw new TypeError(`Key ${this.template}: no value for ${s.param.name}`);
      out += KeyTemplate.render(v, s.param.pad);
    }
    return out;
  }

  /** The leading values given, up to and including the last one (a range's lower bound): `open#2026-12-01`. */
  start(values: PartialKeyValues<T>): string {
    return this.leading(values).text;
  }

  /** The leading values given and the literal after them (a begins_with prefix): `open#`. */
  prefix(values: PartialKeyValues<T>): string {
    const { text, next } = this.leading(values);
    return text + next;
  }

  /** Every key that begins with prefix(values) sorts at or before this (a range's inclusive upper bound). */
  through(values: PartialKeyValues<T>): string {
    return `${this.prefix(values)}~`;
  }

  private leading(values: PartialKeyValues<T>): { text: string; next: string } {
    const given = values as Record<string, KeyValue | undefined>;
    let text = '';
    for (const s of this.segments) {
      if (!s.param) return { text: text + s.literal, next: '' };
      const v = given[s.param.name];
      if (v === undefined) return { text, next: s.literal };
      text += s.literal + KeyTemplate.render(v, s.param.pad);
    }
    return { text, next: '' };
  }

  /** Reads a key back into its values (the last value takes the rest); undefined if it does not fit or a value is empty. */
  parse(key: string): { [K in ParamsOf<T>]: string } | undefined {
    const names = this.params;
    const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const pattern = this.segments.map((s, i) => escape(s.literal) + (s.param ? (i === names.length - 1 ? '(.*)' : '(.*?)') : '')).join('');
    const m = new RegExp(`^${pattern}$`).exec(key);
    if (!m || m.slice(1).some((v) => !v)) return undefined;
    return Object.fromEntries(names.map((n, i) => [n, m[i + 1]!])) as { [K in ParamsOf<T>]: string };
  }
}

/** A condition on the sort key: bounds come from the pattern's sk.start/prefix/through. */
export type SortCondition =
  | { readonly between: readonly [string, string] }
  | { readonly gte: string }
  | { readonly lte: string }
  | { readonly lt: string }
  | { readonly beginsWith: string };

export interface KeyCondition {
  readonly IndexName?: string;
  readonly KeyConditionExpression: string;
  readonly ExpressionAttributeValues: Record<string, string>;
}

/** One access pattern: an index (or the table) and the templates of its partition and sort keys. */
export class AccessPattern<PK extends string = string, SK extends string = string> {
  readonly pk: KeyTemplate<PK>;
  readonly sk: KeyTemplate<SK>;
  constructor(
    readonly entity: string,
    readonly name: string,
    readonly index: IndexName,
    pk: PK,
    sk: SK,
    /** What the pattern serves, and when an item is in a sparse index: for the generated table. */
    readonly note: string,
    readonly sparse: boolean,
  ) {
    this.pk = new KeyTemplate(pk);
    this.sk = new KeyTemplate(sk);
  }

  get attributes(): { pk: string; sk: string } {
    return this.index === 'table' ? { pk: 'PK', sk: 'SK' } : { pk: `${this.index}PK`, sk: `${this.index}SK` };
  }

  /** The key attributes of one item: `{ PK, SK }` or `{ GSI1PK, GSI1SK }`. */
  keys(values: KeyValues<PK> & KeyValues<SK>): Record<string, string> {
    const { pk, sk } = this.attributes;
    return { [pk]: this.pk.build(values), [sk]: this.sk.build(values) };
  }

  /** The partition a cursor must stay in (shared/store/cursor.ts). */
  partition(values: KeyValues<PK>): Record<string, string> {
    return { [this.attributes.pk]: this.pk.build(values) };
  }

  /** One partition of the pattern: its sort key template, its cursor scope and its key conditions. */
  bind(values: KeyValues<PK>): BoundPattern<SK> {
    return { sk: this.sk, partition: this.partition(values), keyCondition: (sort) => this.keyCondition(values, sort) };
  }

  /** IndexName, KeyConditionExpression and its values (`:pk`, `:sk`, `:sk2`) for a Query of one partition. */
  keyCondition(values: KeyValues<PK>, sort?: SortCondition): KeyCondition {
    const { pk, sk } = this.attributes;
    const index = this.index === 'table' ? {} : { IndexName: this.index };
    const pkValue = this.pk.build(values);
    if (!sort) return { ...index, KeyConditionExpression: `${pk} = :pk`, ExpressionAttributeValues: { ':pk': pkValue } };
    const [condition, extra]: [string, Record<string, string>] =
      'between' in sort
        ? [`${sk} BETWEEN :sk AND :sk2`, { ':sk': sort.between[0], ':sk2': sort.between[1] }]
        : 'gte' in sort
          ? [`${sk} >= :sk`, { ':sk': sort.gte }]
          : 'lte' in sort
            ? [`${sk} <= :sk`, { ':sk': sort.lte }]
            : 'lt' in sort
              ? [`${sk} < :sk`, { ':sk': sort.lt }]
              : [`begins_with(${sk}, :sk)`, { ':sk': sort.beginsWith }];
    return { ...index, KeyConditionExpression: `${pk} = :pk AND ${condition}`, ExpressionAttributeValues: { ':pk': pkValue, ...extra } };
  }
}

export interface BoundPattern<SK extends string> {
  readonly sk: KeyTemplate<SK>;
  readonly partition: Record<string, string>;
  keyCondition(sort?: SortCondition): KeyCondition;
}

interface PatternDecl {
  readonly index: IndexName;
  readonly pk: string;
  readonly sk: string;
  readonly note?: string;
  /** Present only on some items: their writer says which (Entity.keys' `sparse`). */
  readonly sparse?: boolean;
}

type PatternsOf<D extends Record<string, PatternDecl>> = { readonly [N in keyof D]: AccessPattern<D[N]['pk'], D[N]['sk']> };
type AllValues<D extends Record<string, PatternDecl>> = {
  readonly [K in { [N in keyof D]: ParamsOf<D[N]['pk']> | ParamsOf<D[N]['sk']> }[keyof D]]: KeyValue | undefined | null;
};
type SparseNames<D extends Record<string, PatternDecl>> = { [N in keyof D]: D[N]['sparse'] extends true ? N : never }[keyof D];

export interface Entity<D extends Record<string, PatternDecl>> {
  readonly name: string;
  readonly description: string;
  readonly patterns: PatternsOf<D>;
  /** Every key attribute of an item: the table's and each index's (a sparse one only when `sparse` says so). */
  keys(values: AllValues<D>, sparse?: { readonly [N in SparseNames<D>]: boolean }): Record<string, string>;
}

/** Declares an item type: its `primary` key on the table and its access patterns on the indexes. */
export function entity<const D extends { primary: PatternDecl & { index: 'table' } } & Record<string, PatternDecl>>(
  name: string,
  description: string,
  declarations: D,
): Entity<D> {
  const patterns = Object.fromEntries(
    Object.entries(declarations).map(([n, d]) => [n, new AccessPattern(name, n, d.index, d.pk, d.sk, d.note ?? '', d.sparse ?? false)]),
  ) as PatternsOf<D>;
  return {
    name,
    description,
    patterns,
    keys(values, sparse) {
      let out: Record<string, string> = {};
      for (const [n, p] of Object.entries(patterns) as [string, AccessPattern][]) {
        if (p.sparse && !(sparse as Record<string, boolean> | undefined)?.[n]) continue;
        out = { ...out, ...p.keys(values as never) };
      }
      return out;
    },
  };
}
