/**
 * The organisations of each province, by id, in registry order (shared/rulebook/index.ts): all
 * a Lambda's cold start needs of the rulebooks, without reading or checking them (its requests
 * read the rulebook versions stored in the table). test/unit/rulebook.test.ts fails when this
 * disagrees with the rulebooks: add a line here with each new rulebook.
 */
const PROVINCE_ORGANISATIONS: Readonly<Record<string, readonly string[]>> = {
  'son-la': ['so-tttt-son-la'],
};

/** The ids of one province's organisations; [] if none. */
export function organisationIdsOfProvince(provinceId: string): string[] {
  return [...(PROVINCE_ORGANISATIONS[provinceId] ?? [])];
}
