import type { Rulebook } from '../rulebook/schema.js';
import type { OrganisationRepository } from '../store/organisation-repository.js';

/** Seeds each organisation of a province from its rulebook, once: a restart seeds nothing twice. */
export async function seedOrganisations(
  repository: OrganisationRepository,
  rulebooks: readonly Rulebook[],
  now: Date,
): Promise<{ orgId: string; outcome: 'seeded' | 'already-seeded' }[]> {
  const results = [];
  for (const rulebook of rulebooks) {
    const outcome = await repository.seed(rulebook, now.toISOString());
    results.push({ orgId: rulebook.organisation.id, outcome });
  }
  return results;
}
