/**
 * Generated requests for one OpenAPI operation: valid-looking ones and hostile ones (wrong types,
 * impossible dates, huge and unicode strings, deep nesting, prototype-pollution keys, malformed
 * JSON and encodings, bad headers). Each hostile case that is invalid for sure says which field
 * the 400 must name.
 */
import fc from 'fast-check';
import {
  HOSTILE_PATH_SEGMENTS,
  HOSTILE_QUERY_VALUES,
  MALFORMED_JSON,
  PROTOTYPE_KEYS,
  fieldPaths,
  hostileValue,
  replaceAt,
  schemaBreaking,
  validValue,
  withOwnKey,
  type FuzzCase,
  type Hints,
  type JsonSchema,
  type Operation,
} from './openapi-arbitraries.js';

/** Headers the test sets itself (signatures), never generated. */
const OWN_HEADERS = /^webhook-/;

interface Parts {
  pathParams: Record<string, string>;
  /** Decoded values; encoded when the case is built. */
  query: [string, string][];
  headers: Record<string, string>;
  body?: unknown;
}

const enc = (pairs: readonly [string, string][]) => pairs.map(([k, v]) => [encodeURIComponent(k), encodeURIComponent(v)] as [string, string]);

const REJECT_400 = [400] as const;

/** A query or path value (always a string) that breaks the parameter's schema for sure. */
function breakingString(s: JsonSchema): string[] {
  const out: string[] = [];
  const types = Array.isArray(s.type) ? s.type : [s.type];
  if (s.enum) out.push('KHONG-CO', `${String(s.enum[0])}x`);
  if (s.format === 'date') out.push('2026-02-30', '2026-13-01', '26-1-1');
  if (types.includes('integer') || types.includes('number')) {
    out.push('abc', '1e', '');
    if (s.maximum !== undefined) out.push(String(s.maximum + 1));
    if (s.minimum !== undefined) out.push(String(s.minimum - 1));
    if (types.includes('integer')) out.push('2.5');
  }
  if (s.pattern) {
    const re = new RegExp(s.pattern);
    out.push(...['', 'Nguyễn Văn', '<script>', 'x'.repeat(300), '-'].filter((v) => !re.test(v)));
  }
  if (s.maxLength !== undefined) out.push('y'.repeat(s.maxLength + 1));
  return [...new Set(out)];
}

export function fuzzCases(op: Operation, hints: Hints): fc.Arbitrary<FuzzCase> {
  const pathParams = op.params.filter((p) => p.in === 'path');
  const queryParams = op.params.filter((p) => p.in === 'query');
  const headerParams = op.params.filter((p) => p.in === 'header' && !OWN_HEADERS.test(p.name));
  const str = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));

  const validParts: fc.Arbitrary<Parts> = fc.record({
    pathParams: fc.record(Object.fromEntries(pathParams.map((p) => [p.name, validValue(p.schema ?? {}, hints, p.name).map(str)]))),
    query: fc
      .tuple(
        ...queryParams.map((p) =>
          (p.required ? validValue(p.schema ?? {}, hints, p.name).map((v) => [v]) : fc.option(validValue(p.schema ?? {}, hints, p.name), { freq: 2 }).map((v) => (v === null ? [] : [v]))).map(
            (vs) => vs.map((v) => [p.name, str(v)] as [string, string]),
          ),
        ),
      )
      .map((lists) => lists.flat()),
    headers: fc
      .tuple(
        ...headerParams.map((p) =>
          fc.option(p.name === 'if-match' ? fc.integer({ min: 1, max: 5 }).map((n) => `"${n}"`) : validValue(p.schema ?? {}, hints, p.name).map(str), { freq: 3 }).map((v) =>
            v === null ? [] : [[p.name, v] as [string, string]],
          ),
        ),
      )
      .map((lists) => Object.fromEntries(lists.flat())),
    body: op.body ? validValue(op.body, hints, 'body') : fc.constant(undefined),
  });

  const asCase = (label: string, p: Parts, extra: Partial<FuzzCase> = {}): FuzzCase => ({
    label,
    pathParams: Object.fromEntries(Object.entries(p.pathParams).map(([k, v]) => [k, encodeURIComponent(v)])),
    query: enc(p.query),
    headers: p.headers,
    ...(p.body !== undefined ? { body: JSON.stringify(p.body) } : {}),
    ...extra,
  });

  const cases: fc.WeightedArbitrary<FuzzCase>[] = [{ arbitrary: validParts.map((p) => asCase('valid-looking', p)), weight: 4 }];

  if (op.body) {
    const bodySchema = op.body;
    // One field of a valid-looking body replaced by a value its schema refuses.
    const breakingField = validParts.chain((p) => {
      const targets = fieldPaths(bodySchema, p.body).flatMap((f) => {
        const arb = schemaBreaking(f.schema);
        return arb ? [{ ...f, arb }] : [];
      });
      if (targets.length === 0) return fc.constant(asCase('valid-looking', p));
      return fc.constantFrom(...targets).chain((f) =>
        f.arb.map((bad) =>
          asCase(`body.${f.path.join('.')} = ${JSON.stringify(bad)?.slice(0, 60)}`, { ...p, body: replaceAt(p.body, f.path, bad) }, {
            mustReject: { field: ['body', ...f.path].join('.'), status: REJECT_400 },
          }),
        ),
      );
    });
    // One field replaced by something hostile that its schema may still accept.
    const hostileField = validParts.chain((p) => {
      const targets = fieldPaths(bodySchema, p.body);
      if (targets.length === 0) return fc.constant(asCase('valid-looking', p));
      return fc
        .tuple(fc.constantFrom(...targets), hostileValue)
        .map(([f, bad]) => asCase(`body.${f.path.join('.')} hostile`, { ...p, body: replaceAt(p.body, f.path, bad) }));
    });
    // A key the schema does not have: prototype pollution, or just unknown.
    const extraKey = fc
      .tuple(validParts, fc.constantFrom(...PROTOTYPE_KEYS, 'isAdmin', 'Tên trường lạ', 'version', 'orgId'), fc.constantFrom<unknown>({ polluted: 'yes' }, { isAdmin: true }, 'x', 1))
      .map(([p, key, value]) => {
        const strict = bodySchema.additionalProperties === false && !(key in (bodySchema.properties ?? {}));
        return asCase(`body with key ${key}`, p, {
          body: withOwnKey(JSON.stringify(p.body ?? {}), key, value),
          ...(strict ? { mustReject: { field: `body.${key}`, status: REJECT_400 } } : {}),
        });
      });
    // The whole body broken: not JSON, not an object, nested too deep, too large.
    const wholeBody = fc.tuple(validParts, fc.oneof(
      fc.constantFrom(...MALFORMED_JSON).map((text) => ({ text, status: REJECT_400 as readonly number[] })),
      fc.constantFrom('[]', '"text"', '42', 'null', '[{"title":"x"}]').map((text) => ({ text, status: REJECT_400 as readonly number[] })),
      fc.constantFrom('['.repeat(20_000) + ']'.repeat(20_000), '{"a":'.repeat(10_000) + '1' + '}'.repeat(10_000)).map((text) => ({ text, status: REJECT_400 as readonly number[] })),
      fc.constant({ text: JSON.stringify({ title: 'ệ'.repeat(200_000) }), status: [413] as readonly number[] }),
    )).map(([p, b]) => asCase(`whole body ${b.text.slice(0, 30)}`, p, { body: b.text, mustReject: { field: 'body', status: b.status } }));

    cases.push({ arbitrary: breakingField, weight: 4 }, { arbitrary: hostileField, weight: 3 }, { arbitrary: extraKey, weight: 1 }, { arbitrary: wholeBody, weight: 2 });
  } else if (op.bodyTypes.length > 0) {
    // A non-JSON upload (CSV, XLSX): garbage, hostile rows, or an empty file.
    const upload = fc
      .tuple(validParts, fc.oneof(fc.string({ unit: 'binary', maxLength: 300 }), hostileValue.map((v) => `Mã,Họ và tên,Đơn vị,Vai trò\n${String(v).slice(0, 5000)},${String(v).slice(0, 200)},it,specialist\n`)))
      .map(([p, text]) => asCase('upload', p, { body: text }));
    cases.push({ arbitrary: upload, weight: 3 });
  }

  if (queryParams.length) {
    const breakingQuery = validParts.chain((p) => {
      const targets = queryParams.flatMap((q) => breakingString(q.schema ?? {}).map((v) => ({ name: q.name, v })));
      if (targets.length === 0) return fc.constant(asCase('valid-looking', p));
      return fc.constantFrom(...targets).map(({ name, v }) =>
        asCase(`query.${name}=${v.slice(0, 30)}`, { ...p, query: [...p.query.filter(([k]) => k !== name), [name, v]] }, { mustReject: { field: `query.${name}`, status: REJECT_400 } }),
      );
    });
    const hostileQuery = fc
      .tuple(validParts, fc.constantFrom(...queryParams.map((q) => q.name), '__proto__', 'constructor[prototype][x]', 'limit[]', 'unknownParam'), fc.oneof(fc.constantFrom(...HOSTILE_QUERY_VALUES), hostileValue.map((v) => encodeURIComponent(String(v).slice(0, 3000)))), fc.boolean())
      .map(([p, name, raw, repeat]) => {
        const c = asCase(`query ${name} hostile`, p);
        const extra: [string, string] = [encodeURIComponent(name), raw];
        return { ...c, query: [...c.query, extra, ...(repeat ? [extra] : [])] };
      });
    cases.push({ arbitrary: breakingQuery, weight: 3 }, { arbitrary: hostileQuery, weight: 1 });
  }

  if (pathParams.length) {
    const hostilePath = fc
      .tuple(validParts, fc.constantFrom(...pathParams.map((p) => p.name)), fc.constantFrom(...HOSTILE_PATH_SEGMENTS))
      .map(([p, name, raw]) => {
        const c = asCase(`path.${name} hostile`, p);
        return { ...c, pathParams: { ...c.pathParams, [name]: raw } };
      });
    cases.push({ arbitrary: hostilePath, weight: 1 });
  }

  const has = (name: string) => headerParams.some((h) => h.name === name);
  const badHeaders: { name: string; values: string[]; must: boolean }[] = [
    { name: 'x-clock', values: ['2026-02-30T09:00:00+07:00', 'hom nay', 'NaN', '2026-11-26'], must: true },
    ...(has('if-match') ? [{ name: 'if-match', values: ['abc', '"1234567890"', 'W/"x"', '*'], must: true }] : []),
    ...(has('idempotency-key') ? [{ name: 'idempotency-key', values: ['x'.repeat(256), 'khóa'.replace('ó', '\u00f3'), 'a b'], must: true }] : []),
    ...(op.body ? [{ name: 'content-type', values: ['text/plain', 'application/xml', 'multipart/form-data; boundary=x', 'application/x-www-form-urlencoded'], must: false }] : []),
  ];
  const hostileHeader = fc
    .tuple(validParts, fc.constantFrom(...badHeaders).chain((h) => fc.constantFrom(...h.values).map((v) => ({ ...h, v }))))
    .map(([p, h]) =>
      asCase(`header ${h.name}: ${h.v.slice(0, 30)}`, { ...p, headers: { ...p.headers, [h.name]: h.v } }, h.must ? { mustReject: { field: `header.${h.name}`, status: REJECT_400 } } : {}),
    );
  cases.push({ arbitrary: hostileHeader, weight: 1 });

  return fc.oneof(...cases);
}
