import type { z } from 'zod';
import { rulebookSources, type RulebookSource } from './index.js';
import { rulebookSchema, type LocalizedText, type Rulebook } from './schema.js';

export interface RulebookIssue {
  /** Where the bad value is, e.g. 'staff[3].unitId'. */
  path: string;
  message: string;
}

/** A rulebook that does not satisfy the schema; `issues` lists every bad field at once. */
export class RulebookError extends Error {
  override readonly name = 'RulebookError';
  readonly issues: readonly RulebookIssue[];

  constructor(issues: readonly RulebookIssue[], source?: string) {
    const head = `Invalid rulebook${source ? ` ${source}` : ''} (${issues.length} issue${issues.length === 1 ? '' : 's'}):`;
    super([head, ...issues.map((i) => `  ${i.path || '(root)'}: ${i.message}`)].join('\n'));
    this.issues = issues;
  }
}

export class UnknownOrganisationError extends Error {
  override readonly name = 'UnknownOrganisationError';
  constructor(readonly orgId: string) {
    super(`No rulebook for organisation '${orgId}'`);
  }
}

/** 'staff[3].unitId', 'roles["deputy-director"].vi'. */
export function formatPath(path: readonly PropertyKey[]): string {
  return path
    .map((key, i) => {
      if (typeof key === 'number') return `[${key}]`;
      const name = String(key);
      if (/^[A-Za-z_$][\w$]*$/.test(name)) return i === 0 ? name : `.${name}`;
      return `[${JSON.stringify(name)}]`;
    })
    .join('');
}

/** One entry per bad field: an unknown-keys issue becomes one entry per unknown key. */
export function rulebookIssues(error: z.ZodError): RulebookIssue[] {
  return error.issues.flatMap((issue) => {
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ path: formatPath([...issue.path, key]), message: 'unknown field' }));
    }
    if (issue.code === 'invalid_type' && 'input' in issue && issue.input === undefined) {
      return [{ path: formatPath(issue.path), message: `missing (expected ${issue.expected})` }];
    }
    return [{ path: formatPath(issue.path), message: issue.message }];
  });
}

/** Checks a rulebook and fills its defaults; throws RulebookError listing every problem. */
export function parseRulebook(input: unknown, source?: string): Rulebook {
  const result = rulebookSchema.safeParse(input, { reportInput: true });
  if (!result.success) throw new RulebookError(rulebookIssues(result.error), source);
  return result.data;
}

// ---------------------------------------------------------------------------------------
// The registry. Checked on first use (not at import), so a caller such as the dev server
// can catch a RulebookError and print it; frozen, because every caller shares one copy.
// ---------------------------------------------------------------------------------------

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/** Builds a registry from sources; exported for tests of the registry itself. */
export function buildRegistry(sources: readonly RulebookSource[]): ReadonlyMap<string, Rulebook> {
  const registry = new Map<string, Rulebook>();
  for (const { file, data } of sources) {
    const rulebook = deepFreeze(parseRulebook(data, file));
    const id = rulebook.organisation.id;
    if (registry.has(id)) throw new Error(`Two rulebooks for organisation '${id}' (${file})`);
    registry.set(id, rulebook);
  }
  return registry;
}

let registry: ReadonlyMap<string, Rulebook> | undefined;
function getRegistry(): ReadonlyMap<string, Rulebook> {
  registry ??= buildRegistry(rulebookSources);
  return registry;
}

export function listRulebooks(): Rulebook[] {
  return [...getRegistry().values()];
}

export function rulebookById(orgId: string): Rulebook | undefined {
  return getRegistry().get(orgId);
}

/** Like rulebookById, for callers that cannot go on without it. */
export function requireRulebook(orgId: string): Rulebook {
  const rulebook = rulebookById(orgId);
  if (!rulebook) throw new UnknownOrganisationError(orgId);
  return rulebook;
}

/** The organisations of one province (one stack is deployed per province); [] if none. */
export function rulebookForProvince(provinceId: string): Rulebook[] {
  return listRulebooks().filter((r) => r.organisation.province.id === provinceId);
}

export { organisationIdsOfProvince } from './provinces.js';

export interface ProvinceSummary {
  id: string;
  name: LocalizedText;
  organisationIds: string[];
}

export function listProvinces(): ProvinceSummary[] {
  const provinces = new Map<string, ProvinceSummary>();
  for (const r of getRegistry().values()) {
    const { id, name } = r.organisation.province;
    const entry = provinces.get(id) ?? { id, name, organisationIds: [] };
    entry.organisationIds.push(r.organisation.id);
    provinces.set(id, entry);
  }
  return [...provinces.values()];
}
