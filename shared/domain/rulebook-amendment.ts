/**
 * Amending a rulebook: a JSON Merge Patch (RFC 7396) over the version in force on the effective
 * date, checked by the schema. The algorithm is ten lines of the RFC, so it is written here rather
 * than taken from a package.
 */
import { parseRulebook, RulebookError } from '../rulebook/load.js';
import type { Rulebook } from '../rulebook/schema.js';
import { ValidationError } from './errors.js';
import type { LocalDate } from './local-time.js';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const isObject = (v: unknown): v is Record<string, Json> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function applyMergePatch(target: Json, patch: Json): Json {
  if (!isObject(patch)) return patch;
  const result: Record<string, Json> = isObject(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete result[key];
    else result[key] = applyMergePatch(result[key] ?? null, value);
  }
  return result;
}

/** People and units are records administered through the API once seeded, not rulebook amendments. */
export const NOT_AMENDABLE = ['organisation', 'units', 'staff', 'version', 'effectiveFrom'] as const;

export function amendRulebook(
  inForce: Rulebook,
  changes: Record<string, unknown>,
  next: { effectiveFrom: LocalDate; version: number },
): Rulebook {
  const forbidden = NOT_AMENDABLE.filter((key) => key in changes);
  if (forbidden.length) {
    throw new ValidationError('These parts of the rulebook are not changed by amendment.', [
      ...forbidden.map((key) => ({
        path: `body.changes.${key}`,
        message: key === 'units' || key === 'staff' ? 'administer people and units through /v1/admin' : 'cannot be amended',
      })),
    ]);
  }
  const patched = applyMergePatch(inForce as unknown as Json, changes as Json) as Record<string, unknown>;
  try {
    return parseRulebook({ ...patched, ...next });
  } catch (error) {
    if (error instanceof RulebookError) {
      throw new ValidationError(
        'The amended rulebook would not be valid.',
        error.issues.map((i) => ({ path: `body.changes.${i.path}`, message: i.message })),
      );
    }
    throw error;
  }
}
