/**
 * fast-check arbitraries derived from the app's own OpenAPI document, so every route (including
 * routes added later) is fuzzed without a list kept by hand. Each generated request says what it
 * broke (`mustReject`, and which field), so the oracle can demand a 400 naming that field.
 */
import fc from 'fast-check';

export interface JsonSchema {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minItems?: number;
  maxItems?: number;
  nullable?: boolean;
}

interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: JsonSchema;
}

export interface Operation {
  method: string;
  /** OpenAPI path template, e.g. /v1/assignments/{id}/progress */
  path: string;
  params: Parameter[];
  /** The JSON body schema, resolved; undefined when the operation takes no JSON body. */
  body?: JsonSchema;
  /** Content types the body may be sent as (JSON, CSV, XLSX…). */
  bodyTypes: string[];
  bearer: boolean;
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, { parameters?: Parameter[]; requestBody?: { content?: Record<string, { schema?: JsonSchema }> }; security?: Record<string, unknown>[] }>>;
  components?: { schemas?: Record<string, JsonSchema> };
}

/** What one generated request is, and what the API must answer to it. */
export interface FuzzCase {
  label: string;
  /** Path parameters, already percent-encoded (hostile ones may be malformed on purpose). */
  pathParams: Record<string, string>;
  /** Query pairs, already percent-encoded. */
  query: [string, string][];
  headers: Record<string, string>;
  /** The raw body text (JSON or not); undefined: no body. */
  body?: string;
  /** The request is invalid: the answer must be a 4xx naming `field` (for a 400). */
  mustReject?: { field: string; status: readonly number[] };
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

export function operationsOf(doc: OpenApiDocument): Operation[] {
  const schemas = doc.components?.schemas ?? {};
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    METHODS.filter((m) => item[m]).map((method) => {
      const op = item[method]!;
      const content = op.requestBody?.content ?? {};
      const json = content['application/json']?.schema;
      return {
        method: method.toUpperCase(),
        path,
        params: (op.parameters ?? []).map((p) => ({ ...p, ...(p.schema ? { schema: resolve(p.schema, schemas) } : {}) })),
        ...(json ? { body: resolve(json, schemas) } : {}),
        bodyTypes: Object.keys(content),
        bearer: (op.security ?? []).some((s) => 'bearerAuth' in s),
      };
    }),
  );
}

/** Inlines every $ref (the documents have no recursive schemas). */
function resolve(schema: JsonSchema, components: Record<string, JsonSchema>): JsonSchema {
  if (schema.$ref) return resolve(components[schema.$ref.split('/').pop()!] ?? {}, components);
  const out: JsonSchema = { ...schema };
  if (schema.properties) out.properties = Object.fromEntries(Object.entries(schema.properties).map(([k, v]) => [k, resolve(v, components)]));
  if (schema.items) out.items = resolve(schema.items, components);
  if (typeof schema.additionalProperties === 'object') out.additionalProperties = resolve(schema.additionalProperties, components);
  for (const key of ['anyOf', 'oneOf', 'allOf'] as const) if (schema[key]) out[key] = schema[key]!.map((s) => resolve(s, components));
  if (out.allOf) {
    const merged = out.allOf.reduce<JsonSchema>(
      (acc, s) => ({ ...acc, ...s, properties: { ...acc.properties, ...s.properties }, required: [...(acc.required ?? []), ...(s.required ?? [])] }),
      {},
    );
    delete out.allOf;
    return { ...merged, ...out };
  }
  return out;
}

const typesOf = (s: JsonSchema): string[] => {
  if (s.enum) return [...new Set(s.enum.map((v) => (v === null ? 'null' : typeof v)))];
  if (Array.isArray(s.type)) return s.type;
  if (s.type) return [s.type];
  if (s.anyOf || s.oneOf) return [...new Set((s.anyOf ?? s.oneOf)!.flatMap(typesOf))];
  return [];
};

const jsonTypeOf = (v: unknown): string =>
  v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v === 'number' ? (Number.isInteger(v) ? 'integer' : 'number') : typeof v;

/** Would a value of this JSON type pass the schema's type check? (integer is a number; {} accepts anything.) */
const typeAccepted = (s: JsonSchema, value: unknown): boolean => {
  const types = typesOf(s);
  if (types.length === 0) return true;
  const t = jsonTypeOf(value);
  return types.includes(t) || (t === 'integer' && types.includes('number')) || (s.nullable === true && t === 'null');
};

// ----- valid-looking values ----------------------------------------------------------------

const VIETNAMESE = [
  'Rà soát hệ thống một cửa điện tử',
  'Báo cáo kết quả chuyển đổi số quý IV',
  'Nguyễn Văn Hùng',
  'Phòng Công nghệ thông tin',
  'Triển khai chữ ký số cho cán bộ, công chức',
  'Đôn đốc thực hiện kết luận giao ban tuần',
  'Tiếng Việt có dấu: ă â đ ê ô ơ ư — ả ã ạ ẻ ẽ ẹ',
];

const validDate = fc
  .record({ y: fc.integer({ min: 2024, max: 2028 }), m: fc.integer({ min: 1, max: 12 }), d: fc.integer({ min: 1, max: 31 }) })
  .map(({ y, m, d }) => {
    const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
    return `${y}-${String(m).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
  });
const validInstant = fc
  .tuple(validDate, fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }))
  .map(([d, h, m]) => `${d}T${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:00+07:00`);
const validPeriod = fc.oneof(
  fc.integer({ min: 1, max: 52 }).map((w) => `2026-W${String(w).padStart(2, '0')}`),
  fc.integer({ min: 1, max: 12 }).map((m) => `2026-${String(m).padStart(2, '0')}`),
  fc.constantFrom('2026-Q1', '2026-Q4', '2026-H1', '2026-H2', '2026', '2027'),
);

const freeText = (min: number, max: number) =>
  fc.oneof(
    fc.constantFrom(...VIETNAMESE),
    fc.string({ unit: 'grapheme', minLength: Math.max(min, 1), maxLength: Math.min(max, 60) }),
  ).filter((s) => s.length >= min && s.length <= max);

export interface Hints {
  /** Real ids by property name (assigneeId → staff ids…), so valid-looking requests reach the use cases. */
  byName: Record<string, readonly string[]>;
}

export function validValue(s: JsonSchema, hints: Hints, name = '', depth = 0): fc.Arbitrary<unknown> {
  if (s.const !== undefined) return fc.constant(s.const);
  if (s.enum) return fc.constantFrom(...s.enum);
  if (s.anyOf || s.oneOf) return fc.oneof(...(s.anyOf ?? s.oneOf)!.map((x) => validValue(x, hints, name, depth)));
  const hint = (key: string) => (Object.hasOwn(hints.byName, key) ? hints.byName[key] : undefined);
  const hinted = hint(name) ?? hint(name.replace(/s$/, ''));
  const types = typesOf(s);
  if (types.length > 1) return fc.oneof(...types.map((t) => validValue({ ...s, type: t }, hints, name, depth)));
  switch (types[0]) {
    case 'string': {
      if (hinted && hinted.length) {
        const ok = s.pattern ? hinted.filter((h) => new RegExp(s.pattern!).test(h)) : [...hinted];
        if (ok.length) return fc.constantFrom(...ok);
      }
      if (s.format === 'date') return validDate;
      if (s.format === 'date-time' || /At$|^at$/.test(name)) return validInstant;
      if (s.format === 'email') return fc.constantFrom('chuyenvien@sotttt.sonla.gov.vn', 'ha.nguyen@example.vn');
      if (s.format === 'uri' || name === 'url') return fc.constantFrom('https://sotttt.sonla.gov.vn/van-ban/123', 'https://example.vn/tai-lieu.pdf');
      // A period the schema narrows (an evaluation: a month or a year) is one it accepts.
      if (/period/i.test(name)) return s.pattern ? validPeriod.filter((v) => new RegExp(s.pattern!).test(v)) : validPeriod;
      if (s.pattern) {
        const max = s.maxLength ?? Infinity;
        return fc.stringMatching(new RegExp(s.pattern), { size: 'small' }).filter((v) => v.length <= max && v.length >= (s.minLength ?? 0));
      }
      return freeText(s.minLength ?? 0, s.maxLength ?? 2000);
    }
    case 'integer':
      return fc.integer({ min: s.minimum ?? 0, max: s.maximum ?? 1000 });
    case 'number': {
      const min = s.exclusiveMinimum ?? s.minimum ?? 0;
      return fc
        .double({ min, max: s.maximum ?? 1000, noNaN: true, noDefaultInfinity: true })
        .map((v) => Math.round(v * 2) / 2)
        .filter((v) => (s.exclusiveMinimum === undefined || v > s.exclusiveMinimum) && (s.maximum === undefined || v <= s.maximum));
    }
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array': {
      const items = s.items ? validValue(s.items, hints, name, depth + 1) : fc.jsonValue({ maxDepth: 1 });
      const hintedItems = hinted && s.items?.type === 'string' ? fc.constantFrom(...hinted) : items;
      return fc.array(hintedItems, { minLength: s.minItems ?? 0, maxLength: Math.max(s.minItems ?? 0, Math.min(s.maxItems ?? 3, 3)) });
    }
    case 'object':
      return validObject(s, hints, depth);
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

function validObject(s: JsonSchema, hints: Hints, depth: number): fc.Arbitrary<Record<string, unknown>> {
  const props = s.properties ?? {};
  if (Object.keys(props).length === 0) {
    if (typeof s.additionalProperties === 'object') {
      return fc.dictionary(fc.constantFrom('settings', 'calendar', 'note', 'x'), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 2 });
    }
    return fc.constant({});
  }
  const model = Object.fromEntries(Object.entries(props).map(([k, v]) => [k, validValue(v, hints, k, depth + 1)]));
  return fc.record(model, { requiredKeys: (s.required ?? []).filter((k) => k in props) }) as fc.Arbitrary<Record<string, unknown>>;
}

// ----- hostile values ----------------------------------------------------------------------

const IMPOSSIBLE_DATES = ['2026-02-30', '2026-02-29', '2025-13-01', '2026-00-10', '2026-04-31', '0000-00-00', '2026-2-1', ' 2026-02-01', '2026-02-01T00:00:00Z', '١٢٣٤-٠١-٠١', '2026/02/01'];
const IMPOSSIBLE_INSTANTS = ['2026-02-30T09:00:00+07:00', '2026-11-26T25:00:00+07:00', '2026-11-26T09:00:00+99:00', '2026-11-26 09:00', 'hôm qua', 'NaN', '9999999999999'];
const NASTY_STRINGS = [
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  "' OR '1'='1' --",
  '{"$gt": ""}',
  'ORG#so-tttt-son-la#E#x',
  '../../../../etc/passwd',
  'a\r\nSet-Cookie: pwned=1',
  '\u0000\u0001\u001f',
  '\u202eevil\u202c',
  '\u200b\u200c\u200d\ufeff',
  'Tie\u0302\u0301ng Vie\u0323\u0302t (NFD)',
  '\ud800',
  '\udfff\ud800',
  '👨‍👩‍👧‍👦🇻🇳',
  '__proto__',
  'constructor',
  '${7*7}{{7*7}}',
  '%00%2e%2e%2f',
  'null',
  'undefined',
  ' ',
];

const nested = (depth: number, leaf: unknown, kind: 'array' | 'object') => {
  let v: unknown = leaf;
  for (let i = 0; i < depth; i++) v = kind === 'array' ? [v] : { a: v };
  return v;
};

/** A value that breaks the schema of the field, for sure. */
export function schemaBreaking(s: JsonSchema): fc.Arbitrary<unknown> | undefined {
  const options: fc.Arbitrary<unknown>[] = [];
  const wrongTypes: unknown[] = [42, -1.5, true, null, [], ['x'], {}, { a: 1 }, '', 'x', nested(40, 1, 'object'), nested(40, 1, 'array'), 1e308, -0];
  const notAccepted = wrongTypes.filter((v) => !typeAccepted(s, v));
  if (notAccepted.length) options.push(fc.constantFrom(...notAccepted));
  const types = typesOf(s);
  if (types.length === 1 && types[0] === 'string') {
    if (s.enum) options.push(fc.constantFrom('KHONG-CO', String(s.enum[0]).toUpperCase() + 'X', `${String(s.enum[0])} `));
    if (s.format === 'date') options.push(fc.constantFrom(...IMPOSSIBLE_DATES));
    if (s.maxLength !== undefined && s.maxLength < 60_000) options.push(fc.constant('ư'.repeat(s.maxLength + 1)));
    if ((s.minLength ?? 0) >= 1) options.push(fc.constant(''));
    if (s.pattern) {
      const re = new RegExp(s.pattern);
      const failing = ['', ' ', 'Nguyễn Văn', '<script>', 'a/b', '-x', 'x'.repeat(300), '\u0000'].filter((v) => !re.test(v));
      if (failing.length) options.push(fc.constantFrom(...failing));
    }
  }
  if (types.length === 1 && (types[0] === 'integer' || types[0] === 'number')) {
    if (s.maximum !== undefined) options.push(fc.constant(s.maximum + 1));
    if (s.minimum !== undefined) options.push(fc.constant(s.minimum - 1));
    if (s.exclusiveMinimum !== undefined) options.push(fc.constant(s.exclusiveMinimum));
    if (types[0] === 'integer') options.push(fc.constant(2.5));
  }
  if (types.length === 1 && types[0] === 'array') {
    if (s.maxItems !== undefined) options.push(fc.constant(Array.from({ length: s.maxItems + 1 }, () => 'x')));
    if ((s.minItems ?? 0) >= 1) options.push(fc.constant([]));
  }
  return options.length ? fc.oneof(...options) : undefined;
}

/** Hostile but possibly acceptable: the API may take it or refuse it, never fail on it. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(...NASTY_STRINGS, ...IMPOSSIBLE_DATES, ...IMPOSSIBLE_INSTANTS),
  fc.constantFrom(...VIETNAMESE),
  fc.string({ unit: 'grapheme', maxLength: 80 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.integer({ min: 1, max: 120_000 }).map((n) => 'ệ'.repeat(n)),
  fc.constantFrom(nested(2000, 'x', 'array'), nested(2000, 'x', 'object'), nested(33, {}, 'object')),
  fc.jsonValue({ maxDepth: 3 }),
  fc.constantFrom(Number.MAX_SAFE_INTEGER + 2, -1, 0, 1e-300, 2 ** 31),
);

export const PROTOTYPE_KEYS = ['__proto__', 'constructor', 'prototype'] as const;

/** JSON text with a key that JSON.parse keeps as an own property (an object literal would set the prototype instead). */
export function withOwnKey(json: string, key: string, value: unknown): string {
  const member = `${JSON.stringify(key)}:${JSON.stringify(value)}`;
  return json === '{}' ? `{${member}}` : json.replace(/^\{/, `{${member},`);
}

/** Replaces the value at `path` (object keys and array indexes) in a JSON-able value. */
export function replaceAt(value: unknown, path: readonly (string | number)[], replacement: unknown): unknown {
  if (path.length === 0) return replacement;
  const [head, ...rest] = path;
  if (Array.isArray(value)) return value.map((v, i) => (i === head ? replaceAt(v, rest, replacement) : v));
  const obj = (value ?? {}) as Record<string, unknown>;
  return { ...obj, [head as string]: replaceAt(obj[head as string], rest, replacement) };
}

/** Every field path in a generated value, with its schema: where a mutation can land. */
export function fieldPaths(schema: JsonSchema, value: unknown, prefix: (string | number)[] = []): { path: (string | number)[]; schema: JsonSchema }[] {
  const here = prefix.length ? [{ path: prefix, schema }] : [];
  if (Array.isArray(value) && schema.items) {
    return [...here, ...value.flatMap((v, i) => fieldPaths(schema.items!, v, [...prefix, i]))];
  }
  if (value && typeof value === 'object' && schema.properties) {
    return [
      ...here,
      ...Object.entries(schema.properties).flatMap(([k, s]) =>
        k in (value as object) ? fieldPaths(s, (value as Record<string, unknown>)[k], [...prefix, k]) : [{ path: [...prefix, k], schema: s }],
      ),
    ];
  }
  return here;
}

export const MALFORMED_JSON = ['{"title": ', '{"a":1,}', "{'a': 1}", 'NaN', '{"a": 1e309}', '[1, 2', '{"a":"\\ud800"}', '', 'true', '"x"', '{"a":01}', '{"a" 1}'];
export const HOSTILE_PATH_SEGMENTS = ['%E0%A4%A', '..%2F..%2Fetc%2Fpasswd', 'Nguy%E1%BB%85n', 'x'.repeat(5000), '%00', '%20', '__proto__', 'constructor', '%3Cscript%3E', "x'%20OR%201=1", '-1', '00000000000000000000000000'];
export const HOSTILE_QUERY_VALUES = ['%E0%A4%A', '', '%00', 'x'.repeat(5000), '2026-02-30', '-1', '1e9', 'NaN', 'true,false', '[object Object]', '%3Cscript%3E', 'Vi%E1%BB%87t'];
