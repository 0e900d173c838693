import { ulid } from 'ulidx';
import { ValidationError } from '../domain/errors.js';
import { isValidLocalDate, toLocalDate, type LocalDate } from '../domain/local-time.js';
import type { Rulebook } from '../rulebook/schema.js';
import type { OrganisationRepository } from '../store/organisation-repository.js';

export interface SeedOptions {
  /**
   * The go-live date to record (or a function of the rulebook, e.g. its `effectiveFrom` for a
   * department whose records go back to its regulation); else the rulebook's
   * `organisation.goLiveOn`; else the local day of `now`: the day it is seeded.
   */
  readonly goLiveOn?: LocalDate | ((rulebook: Rulebook) => LocalDate | undefined);
}

/** Seeds each organisation of a province from its rulebook, once: a restart seeds nothing twice. */
export async function seedOrganisations(
  repository: OrganisationRepository,
  rulebooks: readonly Rulebook[],
  now: Date,
  options: SeedOptions = {},
): Promise<{ orgId: string; outcome: 'seeded' | 'already-seeded'; goLiveOn: LocalDate | undefined }[]> {
  const results = [];
  for (const rulebook of rulebooks) {
    const orgId = rulebook.organisation.id;
    const given = typeof options.goLiveOn === 'function' ? options.goLiveOn(rulebook) : options.goLiveOn;
    const goLiveOn = given ?? rulebook.organisation.goLiveOn ?? toLocalDate(now, rulebook.organisation.timeZone);
    if (!isValidLocalDate(goLiveOn)) throw new ValidationError(`The go-live date must be a date YYYY-MM-DD, got '${goLiveOn}'.`, [{ path: 'goLiveOn', message: 'must be a date YYYY-MM-DD' }]);
    const outcome = await repository.seed(rulebook, now.toISOString(), goLiveOn);
    const recorded = outcome === 'seeded' ? goLiveOn : (await repository.getOrganisationMeta(orgId))?.goLiveOn;
    // What a cold process reads first (org-snapshot-cache.ts); a table seeded before it existed gets one here too.
    await repository.storeSnapshotCopy(orgId);
    results.push({ orgId, outcome, goLiveOn: recorded });
  }
  return results;
}

/**
 * Sets or moves an organisation's go-live date (`npm run seed -- --go-live YYYY-MM-DD`), with an
 * audit event by `actorId`. Nothing before the date is owed or counted; records kept from
 * before it stay as they are.
 */
export async function setGoLive(
  repository: OrganisationRepository,
  orgId: string,
  goLiveOn: LocalDate,
  now: Date,
  actorId: string,
): Promise<{ previous: LocalDate | undefined; goLiveOn: LocalDate; changed: boolean }> {
  if (!isValidLocalDate(goLiveOn)) {
    throw new ValidationError(`The go-live date must be a date YYYY-MM-DD, got '${goLiveOn}'.`, [{ path: 'goLiveOn', message: 'must be a date YYYY-MM-DD' }]);
  }
  const meta = await repository.getOrganisationMeta(orgId);
  if (!meta) throw new ValidationError(`Organisation ${orgId} has not been seeded.`, [{ path: 'orgId', message: 'not seeded' }]);
  if (meta.goLiveOn === goLiveOn) return { previous: meta.goLiveOn, goLiveOn, changed: false };
  const version = (meta as { version?: number }).version ?? 1;
  await repository.setGoLive(
    orgId,
    goLiveOn,
    {
      id: ulid(now.getTime()),
      orgId,
      entityType: 'organisation',
      entityId: `organisation.${orgId}`,
      action: 'go-live-set',
      actorId,
      at: now.toISOString(),
      version: version + 1,
      data: { goLiveOn, ...(meta.goLiveOn ? { previous: meta.goLiveOn } : {}) },
    },
    version,
  );
  return { previous: meta.goLiveOn, goLiveOn, changed: true };
}
