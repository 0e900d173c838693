/**
 * Items read from the table, checked per entity at the repository boundary: the entity tag and the
 * type of each field the domain relies on. A malformed item is a clear error naming the item and
 * the field, never a wrong value passed on. A hand-written check, not a schema library: a few
 * `typeof` tests per item, nothing built at module load (cold starts).
 */
import type { AuditEvent } from '../domain/assignment.js';
import { stripKeys } from './item.js';

export type FieldKind = 'string' | 'number' | 'boolean' | 'array' | 'object' | 'string|null';

/** The fields to check and their kinds; the compiler keeps the names in step with the domain type. */
export type FieldSpec<T> = { readonly [K in keyof T]?: FieldKind };

export class MalformedItemError extends Error {
  override readonly name = 'MalformedItemError';
}

const kindOf = (v: unknown): string => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);

/** A parser of one entity's items: the record without its key attributes. */
export function itemParser<T>(entity: string, fields: FieldSpec<T>): (item: Record<string, unknown>) => T {
  const checks = Object.entries(fields) as [string, FieldKind][];
  return (item) => {
    const where = () => `${entity} item ${String(item.PK)} / ${String(item.SK)}`;
    if (item.entity !== entity) throw new MalformedItemError(`${where()}: entity is ${String(item.entity)}, expected ${entity}`);
    for (const [name, kind] of checks) {
      const actual = kindOf(item[name]);
      if (!kind.split('|').includes(actual)) throw new MalformedItemError(`${where()}: ${name} is ${actual}, expected ${kind}`);
    }
    return stripKeys<T>(item);
  };
}

/** Every entity's audit events (written by transact.ts auditEventPut). */
export const parseAuditEvent = itemParser<AuditEvent>('AuditEvent', {
  id: 'string', orgId: 'string', entityType: 'string', entityId: 'string', action: 'string', actorId: 'string', at: 'string', version: 'number', data: 'object',
});
