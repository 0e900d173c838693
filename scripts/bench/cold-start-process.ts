/** The cold-start bench's child processes: the baseline's source, the timed child, the traced run. */
import { spawn } from 'node:child_process';
import { pathToFileURL } from 'node:url';

/** The baseline: Hono + DocumentClient answering GET /v1/assignments with one Query ("my work"'s index). */
export const BASELINE_SOURCE = `import { Hono } from 'hono';
import { handle } from 'hono/aws-lambda';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
const doc = DynamoDBDocumentClient.from(new DynamoDBClient({}));
const app = new Hono();
app.get('/v1/assignments', async (c) => {
  const { Items = [] } = await doc.send(new QueryCommand({
    TableName: process.env.TABLE_NAME,
    IndexName: 'GSI1',
    KeyConditionExpression: 'GSI1PK = :pk',
    ExpressionAttributeValues: { ':pk': process.env.BENCH_BASELINE_PK },
    Limit: 50,
  }));
  return c.json({ items: Items });
});
export const handler = handle(app);
`;

/** The child: import the bundle (timed), answer one event (timed), print the result on a marked line. */
const CHILD = `
const t0 = performance.now();
const { handler } = await import(process.env.BENCH_BUNDLE);
const t1 = performance.now();
const context = {
  awsRequestId: 'bench-request', functionName: process.env.AWS_LAMBDA_FUNCTION_NAME, functionVersion: '$LATEST',
  invokedFunctionArn: 'arn:aws:lambda:ap-southeast-1:000000000000:function:' + process.env.AWS_LAMBDA_FUNCTION_NAME,
  memoryLimitInMB: '512', logGroupName: '/aws/lambda/bench', logStreamName: 'bench', callbackWaitsForEmptyEventLoop: true,
  getRemainingTimeInMillis: () => 10000,
};
const result = await handler(JSON.parse(process.env.BENCH_EVENT), context);
const t2 = performance.now();
// Exit once the line is written: a pipe takes a large answer in parts, and exiting earlier cuts it.
process.stdout.write('\\nBENCH_RESULT ' + JSON.stringify({ importMs: t1 - t0, firstEventMs: t2 - t1, result }) + '\\n', () => process.exit(0));
`;

export interface Run {
  importMs: number;
  firstEventMs: number;
  result: unknown;
  /** What the function logged. */
  logs: string;
}

/** A module hook (in the untimed run alone) that appends every file URL loaded to BENCH_LOADED. */
const TRACE_HOOKS = `import { appendFileSync } from 'node:fs';
export async function load(url, context, next) {
  if (url.startsWith('file:')) appendFileSync(process.env.BENCH_LOADED, url + '\\n');
  return next(url, context);
}`;
const TRACE_IMPORT = `data:text/javascript,${encodeURIComponent(`import { register } from 'node:module'; register(${JSON.stringify(`data:text/javascript,${encodeURIComponent(TRACE_HOOKS)}`)});`)}`;

/** `tsx`: `file` is a TypeScript source, run through tsx (a test comparing a bundle with its sources). */
export function runChild(file: string, env: Record<string, string>, options: { profileDir?: string; traceFile?: string; tsx?: boolean } = {}): Promise<Run> {
  return new Promise((resolvePromise, reject) => {
    const profile = options.profileDir ? ['--cpu-prof', `--cpu-prof-dir=${options.profileDir}`] : [];
    const trace = options.traceFile ? ['--import', TRACE_IMPORT] : [];
    const tsx = options.tsx ? ['--import', 'tsx'] : [];
    const child = spawn(process.execPath, [...profile, ...trace, ...tsx, '--input-type=module', '-e', CHILD], {
      env: { PATH: process.env.PATH ?? '', ...env, BENCH_BUNDLE: pathToFileURL(file).href, ...(options.traceFile ? { BENCH_LOADED: options.traceFile } : {}) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    // As text decoded across chunks: a Vietnamese character may arrive split over two.
    child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      const line = out.split('\n').find((l) => l.startsWith('BENCH_RESULT '));
      if (code !== 0 || !line) return reject(new Error(`${file} exited ${code}: ${(err || out).slice(-1500)}`));
      try {
        resolvePromise({ ...(JSON.parse(line.slice('BENCH_RESULT '.length)) as Omit<Run, 'logs'>), logs: out + err });
      } catch (error) {
        reject(new Error(`${file}: its result line is not JSON (${(error as Error).message})`));
      }
    });
  });
}
