/**
 * `npm run check -- <rule> [--at <ISO timestamp>] [--org <id>] [--in-memory]`: runs one compliance
 * rule or job (the code the schedules run) and prints what it found, as JSON. It starts no server:
 * - by default it talks to the table of the running `npm start`: DYNAMODB_ENDPOINT, else the
 *   endpoint `npm start` writes to `<data dir>/dynamodb-endpoint` (TRACKER_DATA_DIR, default
 *   `.data`); table TABLE_NAME (default `quy-che-tracker`);
 * - with `--in-memory` it starts its own DynamoDB Local, seeded like `npm start` (an empty
 *   department: no records yet), runs the rule and stops it.
 * `--list` prints the rules, the jobs and their schedules. Exit code 1 on any error (an unknown rule too).
 */
import { existsSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { parseInstant } from '../shared/domain/local-time.js';
import { describeSchedule } from '../shared/domain/schedule-cron.js';
import { rulebookForProvince } from '../shared/rulebook/load.js';
import { buildServices } from '../shared/services/index.js';
import { checkById, scheduledChecks } from '../shared/services/compliance/registry.js';
import { complianceSchedules } from '../shared/services/compliance/schedules.js';
import { seedOrganisations } from '../shared/services/seed-service.js';
import { createTableContext } from '../shared/store/client.js';
import { ensureTable } from '../shared/store/create-table.js';
import { OrganisationRepository } from '../shared/store/organisation-repository.js';
import { startDynamoLocal, type DynamoLocal } from './lib/dynamo-local.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const USAGE = 'Usage: npm run check -- <rule> [--at 2026-11-15T00:05+07:00] [--org <id>] [--province <id>] [--in-memory] | --list';

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

function endpointOf(dataDir: string): string {
  const fromEnv = process.env.DYNAMODB_ENDPOINT;
  if (fromEnv) return fromEnv;
  const file = `${dataDir}/dynamodb-endpoint`;
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  fail(
    `No DynamoDB to talk to: start the tracker (npm start) first, set DYNAMODB_ENDPOINT to the endpoint it prints, or pass --in-memory.`,
  );
}

async function main() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      at: { type: 'string' },
      org: { type: 'string' },
      province: { type: 'string' },
      'in-memory': { type: 'boolean', default: false },
      list: { type: 'boolean', default: false },
    },
  });
  const provinceId = values.province ?? process.env.PROVINCE_ID ?? 'son-la';
  const rulebooks = rulebookForProvince(provinceId);
  if (rulebooks.length === 0) fail(`There is no rulebook for province "${provinceId}".`);

  if (values.list) {
    for (const entry of complianceSchedules(rulebooks)) {
      const check = checkById(entry.rule)!;
      console.log(`${entry.rule.padEnd(16)} ${entry.name.padEnd(24)} ${entry.cron.padEnd(22)} ${describeSchedule(entry.schedule)}  ${check.title}`);
    }
    return;
  }

  const [ruleId] = positionals;
  if (!ruleId || positionals.length > 1) fail(USAGE);
  if (!checkById(ruleId)) fail(`Unknown rule ${ruleId}; the rules are ${scheduledChecks.map((r) => r.id).join(', ')}.`);
  const at = values.at === undefined ? new Date() : parseInstant(values.at);
  if (!at) fail(`--at must be an ISO 8601 timestamp with an offset, e.g. 2026-11-15T00:05+07:00; got ${values.at}`);
  const orgIds = values.org ? [values.org] : rulebooks.map((r) => r.organisation.id);
  const tableName = process.env.TABLE_NAME ?? 'quy-che-tracker';

  let dynamo: DynamoLocal | undefined;
  try {
    const endpoint = values['in-memory'] ? (dynamo = await startDynamoLocal()).endpoint : endpointOf(process.env.TRACKER_DATA_DIR ?? '.data');
    const table = createTableContext({ tableName, endpoint, maxAttempts: 1 });
    if (dynamo) {
      await ensureTable(table.client, tableName);
      // A throwaway table to try a rule at any --at: counted from the regulation, not from today.
      await seedOrganisations(new OrganisationRepository(table), rulebooks, new Date(), { goLiveOn: (r) => r.effectiveFrom });
    }
    const results = await buildServices(table, orgIds[0]!).compliance.runForOrganisations(orgIds, ruleId, at);
    console.log(JSON.stringify({ rule: ruleId, at: at.toISOString(), results }, null, 2));
    table.client.destroy();
  } finally {
    await dynamo?.stop();
  }
}

main().catch((error: unknown) => fail(error instanceof Error ? `${error.name}: ${error.message}` : String(error)));
