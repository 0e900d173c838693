/**
 * `npm run seed -- --table <name> [--province son-la] [--endpoint http://127.0.0.1:8000]`:
 * loads each organisation of the province (its units, staff and rulebook) into a table that has
 * none yet: the first step after deploying a stack (AWS credentials and region from the usual
 * environment), or a DynamoDB Local given by --endpoint. Idempotent: a seeded organisation is
 * left as it is, so running it twice writes nothing twice.
 */
import { parseArgs } from 'node:util';
import { RulebookError, rulebookForProvince } from '../shared/rulebook/load.js';
import { createTableContext } from '../shared/store/client.js';
import { OrganisationRepository } from '../shared/store/organisation-repository.js';
import { seedOrganisations } from '../shared/services/seed-service.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const { values } = parseArgs({
  options: {
    table: { type: 'string' },
    province: { type: 'string', default: 'son-la' },
    endpoint: { type: 'string' },
  },
});

async function main() {
  const tableName = values.table ?? process.env.TABLE_NAME;
  if (!tableName) throw new Error('Name the table: --table <name> (the stack output TableName) or TABLE_NAME.');
  const rulebooks = rulebookForProvince(values.province!);
  if (rulebooks.length === 0) throw new Error(`There is no rulebook for province "${values.province}".`);
  const table = createTableContext({ tableName, ...(values.endpoint ? { endpoint: values.endpoint } : {}) });
  const results = await seedOrganisations(new OrganisationRepository(table), rulebooks, new Date());
  for (const r of results) console.log(`${r.orgId}: ${r.outcome}`);
  table.client.destroy();
}

main().catch((error) => {
  console.error(error instanceof RulebookError ? `The rulebook is invalid:\n${error.message}` : (error as Error).message);
  process.exit(1);
});
