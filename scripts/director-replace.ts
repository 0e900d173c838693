/**
 * `npm run director:replace -- --org <orgId> --staff <staffId> --decision "Quyết định số …/QĐ-UBND"
 *   [--former-roles deputy-director --former-unit board] [--province <id>] [--at <ISO time>]`
 *
 * The one way to change the director (docs/security/separation-of-duties.md): the provincial
 * People's Committee decides, and whoever holds the deployment's credentials records it. There is
 * no HTTP route for it. In one DynamoDB transaction the named person becomes the director (in the
 * board), the former director loses the role (keeping --former-roles in --former-unit, or leaving
 * the department, their open work then handed to the new director), the units the former director
 * oversaw pass to the new one, and an audit event `director-replaced` naming the decision is
 * written to `organisation.<orgId>` and to both people's histories.
 *
 * Talks to the table like `npm run check`: DYNAMODB_ENDPOINT, else the endpoint `npm start` writes
 * to `<data dir>/dynamodb-endpoint`; table TABLE_NAME (default `quy-che-tracker`). In AWS run it
 * with the stack's TABLE_NAME, AWS_REGION and the deploying credentials. Exit code 0 when recorded,
 * 1 when refused (nothing written).
 */
import { userInfo } from 'node:os';
import { parseArgs } from 'node:util';
import { DomainError, ValidationError } from '../shared/domain/errors.js';
import { rulebookForProvince } from '../shared/rulebook/load.js';
import { roleSchema } from '../shared/rulebook/schema.js';
import { buildServices } from '../shared/services/index.js';
import { fail, runningTable } from './lib/running-table.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';


async function main() {
  const { values } = parseArgs({
    options: {
      org: { type: 'string' },
      staff: { type: 'string' },
      decision: { type: 'string' },
      'former-roles': { type: 'string' },
      'former-unit': { type: 'string' },
      province: { type: 'string' },
      at: { type: 'string' },
    },
  });
  if (!values.staff) fail('--staff <id of the new director> is required.');
  if (!values.decision?.trim()) fail('--decision "Quyết định số …/QĐ-UBND" (the province’s decision) is required.');
  const rulebooks = rulebookForProvince(values.province ?? process.env.PROVINCE_ID ?? 'son-la');
  const orgId = values.org ?? rulebooks[0]?.organisation.id;
  if (!orgId) fail('--org <organisation id> is required.');
  const formerRoles = values['former-roles']?.split(',').map((r) => r.trim()).filter(Boolean);
  for (const role of formerRoles ?? []) if (!roleSchema.safeParse(role).success) fail(`--former-roles: unknown role "${role}".`);
  const now = values.at ? new Date(values.at) : new Date();
  if (Number.isNaN(now.getTime())) fail(`--at: not a time: ${values.at}`);
  const table = runningTable();
  const { organisationAdmin } = buildServices(table, orgId);
  try {
    const result = await organisationAdmin.replaceDirector(
      orgId,
      {
        staffId: values.staff,
        decision: values.decision,
        ranBy: process.env.USER ?? userInfo().username,
        ...(formerRoles ? { formerRoles: formerRoles as never } : {}),
        ...(values['former-unit'] ? { formerUnitId: values['former-unit'] } : {}),
      },
      now,
    );
    console.log(JSON.stringify({ orgId, decision: values.decision, director: result.director.id, previous: result.previous ?? null, units: result.units, handedOver: result.handedOver }, null, 2));
  } catch (error) {
    if (error instanceof ValidationError) fail(`Refused, nothing written: ${error.message} ${error.issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`);
    if (error instanceof DomainError) fail(`Refused, nothing written: ${error.message}`);
    throw error;
  } finally {
    table.client.destroy();
  }
}

main().catch((error: unknown) => fail(error instanceof Error ? `${error.name}: ${error.message}` : String(error)));
