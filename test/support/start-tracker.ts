import { spawn, type ChildProcess } from 'node:child_process';

/** `npm start` itself, as a newcomer runs it: node with tsx. */
export const START = ['--import', 'tsx', 'scripts/start.ts'];

export interface LaunchedTracker {
  child: ChildProcess;
  /** stdout and stderr, as they came. */
  output: () => string;
  stderr: () => string;
  /** The exit code (null when ended by a signal). */
  exited: Promise<number | null>;
  /** The first match of `pattern` in the output; null if the process ends or the time runs out first. */
  waitFor: (pattern: RegExp, withinMs?: number) => Promise<RegExpExecArray | null>;
  stop: () => Promise<void>;
}

export interface RunningTracker extends LaunchedTracker {
  /** The API's port, read from what the start printed. */
  port: number;
  dynamoPort: number;
}

interface LaunchOptions {
  env?: NodeJS.ProcessEnv;
  node?: string;
}

/** Runs `npm start` with exactly these arguments, and returns at once. */
export function launchTracker(args: string[], options: LaunchOptions = {}): LaunchedTracker {
  const env = { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', ...(options.env ?? process.env) };
  const child = spawn(options.node ?? process.execPath, [...START, ...args], { env });
  let output = '';
  let stderr = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => {
    output += d;
    stderr += d;
  });
  const exited = new Promise<number | null>((r) => (child.exitCode !== null ? r(child.exitCode) : child.on('exit', (code) => r(code))));
  const waitFor = async (pattern: RegExp, withinMs = 45_000) => {
    const deadline = Date.now() + withinMs;
    while (!pattern.test(output) && child.exitCode === null && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    return pattern.exec(output);
  };
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  };
  return { child, output: () => output, stderr: () => stderr, exited, waitFor, stop };
}

/**
 * Starts the tracker on `--port 0` (the kernel's choice, taken at once: a port picked beforehand
 * can be taken by another test before the start claims it) and waits until it says it is running.
 */
export async function startTracker(args: string[], options: LaunchOptions & { readyWithinMs?: number } = {}): Promise<RunningTracker> {
  const run = launchTracker([...args, '--port', '0'], options);
  const ready = await run.waitFor(/Ctrl-C stops/, options.readyWithinMs);
  const port = Number(/API:\s+http:\/\/\S+:(\d+)\/v1/.exec(run.output())?.[1]);
  if (!ready || !port) {
    await run.stop();
    throw new Error(`npm start did not say it was running:\n${run.output()}`);
  }
  const dynamoPort = Number(/DynamoDB:\s+http:\/\/127\.0\.0\.1:(\d+)/.exec(run.output())?.[1]);
  return { ...run, port, dynamoPort };
}
