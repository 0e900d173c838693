/**
 * `npm start`: DynamoDB Local (data under .data/, or in memory), a local S3-compatible server for
 * evidence files (under .data/s3/; scripts/lib/s3-local.ts), the table from the shared definition, the demo department seeded from its rulebook, and the API on http://localhost:8787.
 * Options: --in-memory (or TRACKER_IN_MEMORY=1), --port <n> (or PORT; 0: any free port), --host <address> (or
 * TRACKER_HOST; 127.0.0.1 unless set, with a warning for any other), --province <id>,
 * --rulebook <file.json> (run one organisation from a rulebook file instead of the province's),
 * --empty (or TRACKER_DEMO=0: the organisation only, no demo month; it goes live today).
 */
import { createAdaptorServer } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import { problemBody } from '../functions/api/problem.js';
import { langOfAcceptLanguage } from '../shared/domain/format.js';
import { buildApp } from '../functions/api/app.js';
import { localDeps } from '../functions/api/dependencies.js';
import { readFileSync } from 'node:fs';
import { parseRulebook, RulebookError, rulebookForProvince } from '../shared/rulebook/load.js';
import type { Rulebook } from '../shared/rulebook/schema.js';
import { ensureTable } from '../shared/store/create-table.js';
import { OrganisationRepository } from '../shared/store/organisation-repository.js';
import { seedOrganisations } from '../shared/services/seed-service.js';
import { SeedMarkerRepository } from '../shared/store/seed-marker-repository.js';
import { DEMO_ORGANISATION, demoGoLiveOn, demoState, seedDemoMonth, startDemo } from './lib/demo-month.js';
import { JavaMissingError, startDynamoLocal, stopOnExit } from './lib/dynamo-local.js';
import { ensurePrerequisites } from './lib/prerequisites.js';
import { rmSync, writeFileSync } from 'node:fs';
import { formatInstant } from '../shared/domain/local-time.js';
import { complianceSchedules } from '../shared/services/compliance/schedules.js';
import { startLocalScheduler, type LocalScheduler } from './lib/local-scheduler.js';
import { LOCAL_S3_CREDENTIALS, startS3Local, type S3Local } from './lib/s3-local.js';
import { startRepeating, type RepeatingTask } from './lib/repeating-task.js';

/** How often the e-office outbox is sent locally (in AWS a schedule runs the dispatcher). */
const OUTBOX_EVERY_MS = 30_000;

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
// Locally the notifications' channel is the log: hundreds of lines while the demo month is seeded.
// They are in the app (GET /v1/notifications); LOG_LEVEL=INFO prints them too.
process.env.POWERTOOLS_LOG_LEVEL ??= process.env.LOG_LEVEL ?? 'WARN';

const { values } = parseArgs({
  options: {
    'in-memory': { type: 'boolean', default: false },
    port: { type: 'string' },
    host: { type: 'string' },
    province: { type: 'string' },
    'data-dir': { type: 'string' },
    rulebook: { type: 'string' },
    empty: { type: 'boolean', default: false },
  },
});

const inMemory = values['in-memory'] || process.env.TRACKER_IN_MEMORY === '1';
const port = Number(values.port ?? process.env.PORT ?? 8787);
// Local mode signs anyone's token at /dev/token: only this machine may reach it unless told otherwise.
const host = values.host ?? process.env.TRACKER_HOST ?? '127.0.0.1';
const loopback = /^(127\.\d+\.\d+\.\d+|::1|localhost)$/.test(host);
const provinceId = values.province ?? process.env.PROVINCE_ID ?? 'son-la';
const dataDir = values['data-dir'] ?? process.env.TRACKER_DATA_DIR ?? '.data';
const tableName = process.env.TABLE_NAME ?? 'quy-che-tracker';
// Evidence files (issue #22): the local S3-compatible server's bucket, files under <data-dir>/s3.
const filesBucket = process.env.FILES_BUCKET ?? 'quy-che-tracker-files';
// The demo department's month of life (scripts/lib/demo-month.ts), unless asked for an empty organisation.
const withDemo = !values.empty && process.env.TRACKER_DEMO !== '0';

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

function readRulebookFile(file: string): Rulebook {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    fail(`Cannot read the rulebook ${file}: ${(error as Error).message}`);
  }
  return parseRulebook(json, file);
}

const STARTING_VI = 'Hệ thống đang khởi động; hãy thử lại sau vài giây.';
const STARTING_EN = 'The tracker is starting; try again in a few seconds.';

/** What the port answers until the app is ready: 503 with Retry-After, a page for a browser (it reloads itself). */
function starting(request: Request): Response {
  const headers = { 'retry-after': '5', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff', 'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'" };
  if (request.headers.get('accept')?.includes('text/html')) {
    const page = `<!doctype html><html lang="vi"><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta http-equiv="refresh" content="5"><title>Đang khởi động</title><body style="font:1rem/1.5 system-ui,sans-serif;margin:2rem"><p>Hệ thống đang khởi động; trang này tự tải lại sau 5 giây.</p><p lang="en">The tracker is starting; this page reloads itself every 5 seconds.</p></body></html>`;
    return new Response(page, { status: 503, headers: { ...headers, 'content-type': 'text/html; charset=utf-8' } });
  }
  const lang = langOfAcceptLanguage(request.headers.get('accept-language'));
  const body = problemBody(503, lang === 'vi' ? STARTING_VI : STARTING_EN, { instance: new URL(request.url).pathname }, lang);
  return new Response(JSON.stringify(body), { status: 503, headers: { ...headers, 'content-type': 'application/problem+json; charset=utf-8', 'content-language': lang } });
}

async function main() {
  // Before anything else: Java for DynamoDB Local, installed here when root on Debian/Ubuntu.
  const prerequisites = ensurePrerequisites(['java'], (line) => console.log(line));
  if (!prerequisites.ok) fail(prerequisites.message);
  if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`--port must be a port number (0 for any free one), got ${port}`);
  if (!loopback) {
    console.warn(
      `WARNING: listening on ${host}: anyone who can reach this address can sign in as anyone (/dev/token is open in local mode). Use it only on a network you trust.`,
    );
  }
  let rulebooks: Rulebook[];
  try {
    rulebooks = values.rulebook ? [readRulebookFile(values.rulebook)] : rulebookForProvince(provinceId);
  } catch (error) {
    if (error instanceof RulebookError) fail(`The rulebook is invalid; nothing was started.\n${error.message}`);
    throw error;
  }
  if (rulebooks.length === 0) fail(`There is no rulebook for province "${provinceId}".`);

  // The port is claimed before anything slow starts: a port in use stops the start at once, not after
  // the demo month; and --port 0 takes any free port with no window for another program to take it.
  let app: ReturnType<typeof buildApp> | undefined;
  const server = createAdaptorServer({ fetch: (request, env) => (app ? app.fetch(request, env) : starting(request)), hostname: host });
  await new Promise<void>((resolve) => {
    // Only a failure to bind ends the start here: later errors must not exit past the shutdown that stops DynamoDB Local.
    const refuse = (error: NodeJS.ErrnoException) => fail(error.code === 'EADDRINUSE' ? `Port ${port} is in use: try --port <another>.` : error.message);
    server.once('error', refuse);
    server.listen(port, host, () => {
      server.off('error', refuse);
      resolve();
    });
  });
  server.on('error', (error) => console.error(error.message));
  const boundPort = (server.address() as AddressInfo).port;
  const base = `http://${loopback ? 'localhost' : host.includes(':') ? `[${host}]` : host}:${boundPort}`;
  console.log(`Starting on ${base} (it answers 503 until DynamoDB Local, the S3 server and the data are ready)…`);

  let dynamo;
  try {
    dynamo = await startDynamoLocal(inMemory ? {} : { dataDir: `${dataDir}/dynamodb` });
  } catch (error) {
    if (error instanceof JavaMissingError) fail(error.message);
    throw error;
  }

  let scheduler: LocalScheduler | undefined;
  let outbox: RepeatingTask | undefined;
  let s3: S3Local | undefined;
  // `npm run check` finds this run's DynamoDB Local here (persistent mode only).
  const endpointFile = inMemory ? undefined : `${dataDir}/dynamodb-endpoint`;
  stopOnExit(dynamo, async () => {
    console.log('\nStopping the API, the local S3 server and DynamoDB Local…');
    await scheduler?.stop();
    await outbox?.stop();
    await s3?.stop();
    if (endpointFile) rmSync(endpointFile, { force: true });
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  // CORS for the pages' uploads: only the API's own origin, as the bucket in AWS.
  s3 = await startS3Local({
    buckets: [filesBucket],
    ...(inMemory ? {} : { dataDir: `${dataDir}/s3` }),
    allowedOrigins: loopback ? [base, `http://127.0.0.1:${boundPort}`] : [base],
  });

  const { deps, table } = await localDeps({
    files: { bucket: filesBucket, endpoint: s3.endpoint, credentials: LOCAL_S3_CREDENTIALS },
    tableName,
    endpoint: dynamo.endpoint,
    // As in AWS: each feature built when first used.
    features: 'on-first-use',
    orgId: rulebooks[0]!.organisation.id,
    ...(inMemory ? {} : { keyFile: `${dataDir}/dev-signing-key.json`, cursorKeyFile: `${dataDir}/dev-cursor-key.json` }),
    logLevel: (process.env.LOG_LEVEL as 'INFO' | undefined) ?? 'WARN',
    // A response that does not match the OpenAPI document is logged as an error, not refused (tests refuse it).
    responseValidation: 'log',
  });
  await ensureTable(table.client, tableName);
  const organisations = new OrganisationRepository(table);
  const markers = new SeedMarkerRepository(table);
  const demoBook = rulebooks[0]!;
  const demoOrg = demoBook.organisation.id;
  // The demo runs on a fresh organisation, or finishes one a crash interrupted; never on one seeded empty before.
  let demoAnchor: string | undefined;
  if (withDemo && demoOrg === DEMO_ORGANISATION && ((await demoState(markers, demoOrg)) !== 'absent' || !(await organisations.getOrganisationMeta(demoOrg)))) {
    demoAnchor = await startDemo(markers, demoOrg, new Date(), demoBook.organisation.timeZone);
  }
  const seeded = await seedOrganisations(organisations, rulebooks, new Date(), {
    goLiveOn: (r) => (demoAnchor && r.organisation.id === demoOrg ? demoGoLiveOn(r, demoAnchor) : undefined),
  });

  const built = buildApp(deps);
  // The in-process schedules below run the compliance engine and the e-office outbox, as their own Lambdas do.
  await deps.services.load(['compliance', 'eoffice']);
  const demoMonth = demoAnchor
    ? await seedDemoMonth({
        app: built,
        token: (staffId) => deps.local!.devTokens.issue({ staffId, orgId: demoOrg }),
        runRule: (rule, at) => deps.services.compliance.runForOrganisations([demoOrg], rule, at),
        markers,
        rulebook: demoBook,
        now: new Date(),
      })
    : undefined;
  app = built;
  if (endpointFile) writeFileSync(endpointFile, `${dynamo.endpoint}\n`);
  // The compliance schedules, in-process: the same list EventBridge Scheduler gets in AWS.
  const orgIds = rulebooks.map((r) => r.organisation.id);
  scheduler = startLocalScheduler({
    entries: complianceSchedules(rulebooks),
    run: (rule, at) => deps.services.compliance.runForOrganisations(orgIds, rule, at),
    log: (line) => console.log(line),
  });
  // The e-office outbox (callbacks on completed, returned and overdue work), sent in-process.
  outbox = startRepeating({
    name: 'e-office outbox',
    everyMs: OUTBOX_EVERY_MS,
    run: async () => {
      const sent = await deps.services.eoffice.runOnce(new Date(), orgIds);
      if (sent.attempted > 0) console.log(`e-office outbox: ${sent.delivered} delivered, ${sent.retrying} to retry, ${sent.failed} failed`);
    },
    log: (line) => console.log(line),
  });

  const demo = rulebooks[0]!.staff[0]!;
  console.log(
    [
      '',
      `Quy chế tracker is running (local mode, ${inMemory ? 'in memory' : `data in ${dataDir}/`}).`,
      ...seeded.map((s) => `  ${s.orgId}: ${s.outcome === 'seeded' ? 'seeded from its rulebook' : 'already seeded'}, live since ${s.goLiveOn ?? 'its regulation'}`),
      ...(demoMonth ? [`  Demo month:   ${demoMonth.outcome === 'seeded' ? `seeded (${demoMonth.steps} steps through the API)` : 'already seeded'}; npm start -- --empty for none`] : []),
      `  API:          ${base}/v1`,
      `  Dashboard:    ${base}/dashboard  (sign in as any demo staff member)`,
      `  API docs:     ${base}/docs  (OpenAPI: ${base}/v1/openapi.json)`,
      `  DynamoDB:     ${dynamo.endpoint} (table ${tableName})`,
      `  Files (S3):   ${s3.endpoint} (bucket ${filesBucket}${inMemory ? ', emptied on stop' : `, files in ${dataDir}/s3/`})`,
      `  Compliance:   ${scheduler.next().length} schedules in-process (next: ${scheduler
        .next()
        .sort((a, b) => a.at.getTime() - b.at.getTime())
        .slice(0, 1)
        .map((n) => `${n.rule} at ${formatInstant(n.at, rulebooks[0]!.organisation.timeZone)}`)
        .join('')}); run one with npm run check -- <rule>`,
      `  E-office:     outbox sent every ${OUTBOX_EVERY_MS / 1000} s`,
      '',
      'Get a dev token for any staff member (list them with GET /dev/staff):',
      `  curl -s ${base}/dev/staff`,
      `  TOKEN=$(curl -s -X POST ${base}/dev/token -H 'content-type: application/json' -d '{"staffId":"${demo.id}"}' | node -pe 'JSON.parse(require("fs").readFileSync(0)).token')`,
      `  curl -s ${base}/v1/org -H "authorization: Bearer $TOKEN"`,
      '',
      'Ctrl-C stops the API, the local S3 server and DynamoDB Local.',
    ].join('\n'),
  );
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
