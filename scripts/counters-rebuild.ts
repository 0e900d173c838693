/**
 * `npm run counters:rebuild -- [--dry-run] [--org <id>] [--province <id>] [--json]`: recomputes
 * every dashboard counter of an organisation from its records (by Query, never Scan), prints
 * each counter that differs, and puts it right unless `--dry-run`. It talks to the table of the
 * running `npm start` like `npm run check` does: DYNAMODB_ENDPOINT, else the endpoint `npm start`
 * writes to `<data dir>/dynamodb-endpoint` (TRACKER_DATA_DIR, default `.data`); table TABLE_NAME
 * (default `quy-che-tracker`). In AWS, run it with the stack's TABLE_NAME and credentials, and
 * DYNAMODB_ENDPOINT unset. Exit code 0 when the counters agree (or were put right), 2 when a
 * dry run found differences or a counter changed while it ran, 1 on error.
 */
import { parseArgs } from 'node:util';
import { buildServices } from '../shared/services/index.js';
import type { RebuildReport } from '../shared/services/counter-rebuild-service.js';
import { fail, organisationsOf, runningTable } from './lib/running-table.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';


function print(report: RebuildReport): void {
  const { records } = report;
  console.log(
    `${report.orgId}: ${records.assignments} assignments, ${records.reports} reports and plans, ${records.meetings} meetings, ${records.findings} findings, ${records.missions} missions; ${report.partitionsCompared} counter partitions compared.`,
  );
  if (report.differences.length === 0) {
    console.log('Every counter agrees with the records.');
    return;
  }
  const moving = report.figures.filter((f) => f.stored === f.recomputed);
  console.log(
    `${report.figures.length} counter(s) differ from the records` +
      (moving.length > 0 ? `, of which ${moving.length} only move from an earlier name (their value is right):` : ':'),
  );
  for (const f of report.figures) {
    const earlier = f.storedUnder.filter((n) => n !== f.writtenUnder);
    const names = f.recomputed === 0 ? `${f.storedUnder.join(', ')} (removed)` : earlier.length > 0 ? `${earlier.join(', ')} → ${f.writtenUnder}` : f.writtenUnder;
    const what = f.stored === f.recomputed ? `moves, ${f.stored}` : `stored ${f.stored}, records ${f.recomputed}`;
    console.log(`  ${f.periodId.padEnd(9)} ${f.sk.padEnd(48)} ${f.figure.padEnd(32)} ${what.padEnd(24)} ${names}`);
  }
  if (report.dryRun) console.log('Dry run: nothing changed. Run without --dry-run to put them right.');
  else console.log(`Put right: ${report.corrected} counter item(s).`);
  for (const c of report.conflicts) console.log(`  changed while rebuilding, left as it was: ${c.periodId} ${c.sk} (run again)`);
}

async function main() {
  const { values } = parseArgs({
    options: {
      'dry-run': { type: 'boolean', default: false },
      org: { type: 'string' },
      province: { type: 'string' },
      json: { type: 'boolean', default: false },
    },
  });
  const orgIds = organisationsOf(values);
  const table = runningTable();
  const { counters } = buildServices(table, orgIds[0]!);
  let unsettled = false;
  const reports: RebuildReport[] = [];
  for (const orgId of orgIds) {
    const report = await counters.rebuild(orgId, { dryRun: values['dry-run'] });
    reports.push(report);
    if (!values.json) print(report);
    unsettled ||= report.conflicts.length > 0 || (report.dryRun && report.differences.length > 0);
  }
  if (values.json) console.log(JSON.stringify(reports, null, 2));
  table.client.destroy();
  process.exit(unsettled ? 2 : 0);
}

main().catch((error: unknown) => fail(error instanceof Error ? `${error.name}: ${error.message}` : String(error)));
