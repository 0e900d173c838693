/**
 * `npm run rulebook:compress -- [--org <id>] [--province <id>]`: rewrites, compressed, the rulebook
 * versions an earlier version of the tracker stored as a map (shared/store/rulebook-item.ts), so a
 * cold start reads about 19 KB per version (2.5 read units) instead of about 76 KB (9.5). The rulebook read
 * back is the same; each version is rewritten once, whatever runs at the same time. Run it once
 * after deploying this version, when no rollback to an earlier one is planned: earlier versions
 * cannot read a compressed rulebook. Table and endpoint as `npm run counters:rebuild` finds them.
 * Exit code 0 when done, 1 on error.
 */
import { parseArgs } from 'node:util';
import { OrganisationRepository } from '../shared/store/organisation-repository.js';
import { fail, organisationsOf, runningTable } from './lib/running-table.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

async function main() {
  const { values } = parseArgs({ options: { org: { type: 'string' }, province: { type: 'string' } } });
  const orgIds = organisationsOf(values);
  const table = runningTable();
  const organisations = new OrganisationRepository(table);
  for (const orgId of orgIds) {
    const { versions, compressed } = await organisations.compressRulebookVersions(orgId);
    console.log(`${orgId}: ${versions} rulebook version(s), ${compressed} rewritten compressed, ${versions - compressed} already compressed.`);
  }
  table.client.destroy();
}

main().catch((error: unknown) => fail(error instanceof Error ? `${error.name}: ${error.message}` : String(error)));
