/**
 * A task `npm start` runs in-process every few seconds (the e-office outbox dispatcher): the next
 * run is armed when the previous one ends, so runs never overlap; a failed run is logged and the
 * next comes anyway. `stop()` clears the timer and waits for the run in progress.
 */
export interface RepeatingTaskOptions {
  readonly everyMs: number;
  readonly run: () => Promise<unknown>;
  readonly log?: (line: string) => void;
  readonly name?: string;
}

export interface RepeatingTask {
  stop(): Promise<void>;
}

export function startRepeating(options: RepeatingTaskOptions): RepeatingTask {
  const log = options.log ?? (() => {});
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let stopped = false;

  const arm = () => {
    if (stopped) return;
    timer = setTimeout(tick, options.everyMs);
    timer.unref();
  };
  const tick = () => {
    running = options
      .run()
      .then(() => undefined)
      .catch((error: unknown) => log(`${options.name ?? 'task'} failed: ${error instanceof Error ? error.message : String(error)}`))
      .finally(() => {
        running = undefined;
        arm();
      });
  };
  arm();

  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
