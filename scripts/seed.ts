/**
 * `npm run seed -- --table <name> [--province son-la] [--endpoint http://127.0.0.1:8000]`:
 * loads each organisation of the province (its units, staff and rulebook) into a table that has
 * none yet: the first step after deploying a stack (AWS credentials and region from the usual
 * environment), or a DynamoDB Local given by --endpoint. Idempotent: a seeded organisation is
 * left as it is, so running it twice writes nothing twice.
 *
 * `--go-live YYYY-MM-DD` sets the organisation's go-live date (default: the day it is seeded, or
 * the rulebook's `organisation.goLiveOn`); on an organisation already seeded it moves the date,
 * with an audit event. Nothing is owed or counted for a period that ended before it.
 */
import { parseArgs } from 'node:util';
import { RulebookError, rulebookForProvince } from '../shared/rulebook/load.js';
import { createTableContext } from '../shared/store/client.js';
import { OrganisationRepository } from '../shared/store/organisation-repository.js';
import { seedOrganisations, setGoLive } from '../shared/services/seed-service.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const { values } = parseArgs({
  options: {
    table: { type: 'string' },
    province: { type: 'string', default: 'son-la' },
    endpoint: { type: 'string' },
    'go-live': { type: 'string' },
  },
});

async function main() {
  const tableName = values.table ?? process.env.TABLE_NAME;
  if (!tableName) throw new Error('Name the table: --table <name> (the stack output TableName) or TABLE_NAME.');
  const rulebooks = rulebookForProvince(values.province!);
  if (rulebooks.length === 0) throw new Error(`There is no rulebook for province "${values.province}".`);
  const table = createTableContext({ tableName, ...(values.endpoint ? { endpoint: values.endpoint } : {}) });
  const repository = new OrganisationRepository(table);
  const goLiveOn = values['go-live'];
  const results = await seedOrganisations(repository, rulebooks, new Date(), goLiveOn ? { goLiveOn } : {});
  for (const r of results) {
    if (goLiveOn && r.outcome === 'already-seeded' && r.goLiveOn !== goLiveOn) {
      const moved = await setGoLive(repository, r.orgId, goLiveOn, new Date(), process.env.USER ? `cli:${process.env.USER}` : 'cli');
      console.log(`${r.orgId}: already-seeded; go-live moved from ${moved.previous ?? '(none)'} to ${moved.goLiveOn}`);
    } else {
      console.log(`${r.orgId}: ${r.outcome}`);
    }
  }
  table.client.destroy();
}

main().catch((error) => {
  console.error(error instanceof RulebookError ? `The rulebook is invalid:\n${error.message}` : (error as Error).message);
  process.exit(1);
});
