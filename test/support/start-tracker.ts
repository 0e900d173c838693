import { spawn, type ChildProcess } from 'node:child_process';

/** `npm start` itself, as a newcomer runs it: node with tsx. */
export const START = ['--import', 'tsx', 'scripts/start.ts'];

export interface RunningTracker {
  child: ChildProcess;
  /** The API's port, read from what the start printed. */
  port: number;
  dynamoPort: number;
  output: () => string;
  stop: () => Promise<void>;
}

/**
 * Starts the tracker on `--port 0` (the kernel's choice, taken at once: a port picked beforehand
 * can be taken by another test before the start claims it) and waits until it says it is running.
 */
export async function startTracker(
  args: string[],
  options: { env?: NodeJS.ProcessEnv; node?: string; readyWithinMs?: number } = {},
): Promise<RunningTracker> {
  const env = { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', ...(options.env ?? process.env) };
  const child = spawn(options.node ?? process.execPath, [...START, ...args, '--port', '0'], { env });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const exited = new Promise<void>((r) => (child.exitCode !== null ? r() : child.on('exit', () => r())));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  };
  const deadline = Date.now() + (options.readyWithinMs ?? 45_000);
  while (!output.includes('Ctrl-C stops') && Date.now() < deadline && child.exitCode === null) await new Promise((r) => setTimeout(r, 200));
  const port = Number(/API:\s+http:\/\/\S+:(\d+)\/v1/.exec(output)?.[1]);
  if (!output.includes('Ctrl-C stops') || !port) {
    await stop();
    throw new Error(`npm start did not say it was running:\n${output}`);
  }
  const dynamoPort = Number(/DynamoDB:\s+http:\/\/127\.0\.0\.1:(\d+)/.exec(output)?.[1]);
  return { child, port, dynamoPort, output: () => output, stop };
}
