// The parts of the OpenAPI document the API reference (functions/api/views/docs.tsx) reads, and
// how it reads a schema: $refs resolved, a short type label, constraints, an example, and one row
// per field, nested fields included.
import type { Text } from './docs-text.js';

export interface Schema {
  $ref?: string;
  type?: string | string[];
  format?: string;
  description?: string;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  enum?: unknown[];
  const?: unknown;
  example?: unknown;
  default?: unknown;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  additionalProperties?: boolean | Schema;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minItems?: number;
  maxItems?: number;
  pattern?: string;
}

export interface Parameter {
  $ref?: string;
  name: string;
  in: string;
  required?: boolean;
  description?: string;
  schema?: Schema;
}

export interface Media {
  schema?: Schema;
  example?: unknown;
}

export interface Operation {
  summary?: string;
  description?: string;
  tags?: string[];
  security?: unknown[];
  parameters?: Parameter[];
  requestBody?: { required?: boolean; content?: Record<string, Media> };
  responses?: Record<string, { description?: string; content?: Record<string, Media> }>;
}

export interface OpenApiDocument {
  info: { title: string; version: string; description?: string };
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, Schema>; parameters?: Record<string, Parameter> };
}

export const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

export const refName = (ref: string) => ref.slice(ref.lastIndexOf('/') + 1);

/** The schema a `$ref` names; allOf merged into one object. */
export function resolve(schema: Schema | undefined, doc: OpenApiDocument): Schema {
  let s = schema ?? {};
  for (let i = 0; s.$ref && i < 10; i++) s = doc.components?.schemas?.[refName(s.$ref)] ?? {};
  if (s.allOf) {
    const parts = s.allOf.map((p) => resolve(p, doc));
    const { allOf: _allOf, ...rest } = s;
    return {
      ...Object.assign({}, ...parts),
      ...rest,
      properties: Object.assign({}, ...parts.map((p) => p.properties ?? {}), rest.properties ?? {}),
      required: [...new Set([...parts.flatMap((p) => p.required ?? []), ...(rest.required ?? [])])],
    };
  }
  return s;
}

const variantsOf = (s: Schema) => s.anyOf ?? s.oneOf;
const isNull = (s: Schema) => s.type === 'null';

/** A short type: `string (date)`, `integer`, `Assignment[]`, `string | null`. */
export function typeLabel(schema: Schema, doc: OpenApiDocument): string {
  if (schema.$ref) {
    const target = resolve(schema, doc);
    return target.type === 'object' || target.properties ? refName(schema.$ref) : typeLabel(target, doc);
  }
  const variants = variantsOf(schema);
  if (variants) return [...new Set(variants.map((v) => typeLabel(v, doc)))].join(' | ');
  if (schema.allOf) return typeLabel(resolve(schema, doc), doc);
  const types = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
  const one = (t: string) => {
    if (t === 'array') return `${schema.items ? typeLabel(schema.items, doc) : 'any'}[]`;
    if (t === 'string' && schema.format) return `string (${schema.format})`;
    return t;
  };
  if (types.length === 0) return schema.enum ? 'string' : schema.properties ? 'object' : 'any';
  return types.map(one).join(' | ');
}

export function constraintsOf(s: Schema, t: Text): string[] {
  const out: string[] = [];
  const span = (min?: number, max?: number) => (min !== undefined && max !== undefined ? `${min}–${max}` : min !== undefined ? `≥ ${min}` : `≤ ${max}`);
  if (s.minLength !== undefined || s.maxLength !== undefined) out.push(`${t.length} ${span(s.minLength, s.maxLength)}`);
  if (s.minItems !== undefined || s.maxItems !== undefined) out.push(`${t.items} ${span(s.minItems, s.maxItems)}`);
  const min = s.minimum ?? s.exclusiveMinimum;
  const max = s.maximum ?? s.exclusiveMaximum;
  if (min !== undefined || max !== undefined) out.push(`${t.range} ${span(min, max)}`);
  if (s.pattern) out.push(`${t.pattern} ${s.pattern}`);
  return out;
}

/** An example value for a schema: its own example, else one made from its type and format. */
export function exampleOf(schema: Schema | undefined, doc: OpenApiDocument, depth = 0, onlyRequired = false): unknown {
  const s = resolve(schema, doc);
  if (s.example !== undefined) return s.example;
  if (s.default !== undefined) return s.default;
  if (s.const !== undefined) return s.const;
  if (s.enum?.length) return s.enum[0];
  const variants = variantsOf(s);
  if (variants) return exampleOf(variants.find((v) => !isNull(v)) ?? variants[0], doc, depth, onlyRequired);
  const type = Array.isArray(s.type) ? s.type.find((t) => t !== 'null') : s.type;
  if (depth > 6) return type === 'array' ? [] : type === 'object' ? {} : null;
  switch (type ?? (s.properties ? 'object' : undefined)) {
    case 'object': {
      const required = new Set(s.required ?? []);
      const entries = Object.entries(s.properties ?? {}).filter(([k]) => !onlyRequired || required.has(k));
      return Object.fromEntries(entries.map(([k, v]) => [k, exampleOf(v, doc, depth + 1, onlyRequired)]));
    }
    case 'array':
      return [exampleOf(s.items, doc, depth + 1, onlyRequired)];
    case 'integer':
    case 'number':
      return s.minimum ?? s.exclusiveMinimum ?? 1;
    case 'boolean':
      return true;
    case 'string':
      switch (s.format) {
        case 'date':
          return '2026-12-03';
        case 'date-time':
          return '2026-12-03T10:00:00+07:00';
        case 'uri':
        case 'url':
          return 'https://example.org/van-ban/1';
        case 'email':
          return 'can.bo@example.org';
        default:
          return 'string';
      }
    default:
      return null;
  }
}

export interface Row {
  path: string;
  type: string;
  required: boolean;
  description?: string | undefined;
  values?: unknown[] | undefined;
  constraints: string[];
  example?: unknown;
  open: boolean;
}

/** The fields of a body, nested ones as `a.b` and `items[].c`, each with what a person needs to fill it. */
export function fieldRows(schema: Schema | undefined, doc: OpenApiDocument, t: Text, prefix = '', seen: string[] = []): Row[] {
  const s = resolve(schema, doc);
  const here = schema?.$ref ? [...seen, schema.$ref] : seen;
  if (here.length > 8) return [];
  const variants = variantsOf(s)?.filter((v) => !isNull(v));
  // A union of objects: every field of every variant, required only where all variants require it.
  if (variants && variants.length > 0) {
    const objects = variants.map((v) => resolve(v, doc)).filter((v) => v.properties);
    if (objects.length === 0) return [];
    const merged: Schema = {
      type: 'object',
      properties: Object.assign({}, ...objects.map((o) => o.properties)),
      required: (objects[0]!.required ?? []).filter((r) => objects.every((o) => o.required?.includes(r))),
    };
    return fieldRows(merged, doc, t, prefix, here);
  }
  const type = Array.isArray(s.type) ? s.type.find((x) => x !== 'null') : s.type;
  if (type === 'array' && s.items) return fieldRows(s.items, doc, t, `${prefix}[].`, here);
  const rows: Row[] = [];
  const required = new Set(s.required ?? []);
  for (const [key, prop] of Object.entries(s.properties ?? {})) {
    if (prop.$ref && here.includes(prop.$ref)) continue;
    const p = resolve(prop, doc);
    const path = `${prefix}${key}`;
    const items = p.items ? resolve(p.items, doc) : undefined;
    const values = p.enum ?? items?.enum ?? variantsOf(p)?.flatMap((v) => resolve(v, doc).enum ?? []);
    rows.push({
      path,
      type: typeLabel(prop, doc),
      required: required.has(key),
      description: prop.description ?? p.description,
      values: values && values.length > 0 ? values : undefined,
      constraints: constraintsOf(p, t),
      example: prop.example ?? p.example,
      open: p.additionalProperties !== undefined && p.additionalProperties !== false && !p.properties,
    });
    const nested = Array.isArray(p.type) ? p.type.find((x) => x !== 'null') : p.type;
    if (p.properties || variantsOf(p)?.some((v) => resolve(v, doc).properties)) rows.push(...fieldRows(prop, doc, t, `${path}.`, here));
    else if (nested === 'array' && p.items) rows.push(...fieldRows(p.items, doc, t, `${path}[].`, here));
  }
  return rows;
}
