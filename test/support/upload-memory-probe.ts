/**
 * Runs the real app in its own process and posts one file to the staff import as the chief of
 * office, so the test can measure what the request costs the server: the peak resident memory
 * (maxRSS) before and after each file, and the time. Env: PROBE_ENDPOINT, PROBE_TABLE, PROBE_ORG,
 * PROBE_STAFF, PROBE_FILES (paths, comma-separated), PROBE_TYPE. Prints one JSON line: the
 * warm-up's status and, per file, the status, problem, milliseconds and maxRSS growth in MB.
 */
import { readFileSync } from 'node:fs';
import { buildApp } from '../../functions/api/app.js';
import { localDeps } from '../../functions/api/dependencies.js';
import { writeXlsx } from '../../shared/adapters/spreadsheet-writer.js';

const env = (name: string) => process.env[name] ?? (() => { throw new Error(`${name} is not set`); })();
const { deps } = await localDeps({ tableName: env('PROBE_TABLE'), endpoint: env('PROBE_ENDPOINT'), logLevel: 'SILENT' });
const app = buildApp(deps);
const token = await deps.local!.devTokens.issue({ staffId: env('PROBE_STAFF'), orgId: env('PROBE_ORG') });
const post = (body: Uint8Array, type: string) =>
  app.request('/v1/admin/staff/import?dryRun=true', {
    method: 'POST',
    body: body as never,
    headers: { authorization: `Bearer ${token}`, 'content-type': type, 'x-clock': '2026-11-26T09:00:00+07:00' },
  });

// Warm up: load the readers and write a small workbook, so only the hostile file is measured.
const warm = await post(await writeXlsx([{ name: 'Cán bộ', headers: ['Họ và tên', 'Đơn vị', 'Vai trò'], rows: [['Lò Văn Warm', 'it', 'specialist']] }]), env('PROBE_TYPE'));
const startRss = process.resourceUsage().maxRSS;
const files = [];
for (const path of env('PROBE_FILES').split(',')) {
  const file = new Uint8Array(readFileSync(path));
  const before = process.resourceUsage().maxRSS;
  const started = performance.now();
  const res = await post(file, env('PROBE_TYPE'));
  const body = await res.text();
  const ms = performance.now() - started;
  files.push({ status: res.status, body, ms, fileBytes: file.byteLength, maxRssDeltaMB: (process.resourceUsage().maxRSS - before) / 1024 });
}
console.log(JSON.stringify({ warmStatus: warm.status, files, totalMaxRssDeltaMB: (process.resourceUsage().maxRSS - startRss) / 1024 }));
process.exit(0);
