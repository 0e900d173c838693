import { connect, createServer, type Socket } from 'node:net';

export interface CutOffRelay {
  /** Where clients connect instead of the server. */
  readonly endpoint: string;
  /**
   * Resets every client connection, in flight or idle, and every new one until `restore`. What the
   * server has already received it still carries out, as DynamoDB does: only its answers are lost.
   */
  cut(): void;
  /** Resolves once the server has answered everything it received before the cut. */
  settled(): Promise<void>;
  restore(): void;
  close(): Promise<void>;
}

/**
 * A TCP relay to a server that a test can cut off, as an outage looks to a client: the server keeps
 * running and keeps what it has committed (stopping DynamoDB Local instead can lose a write it has
 * just acknowledged). Toxiproxy does this as a separate Go server; these lines of `node:net` need
 * nothing installed.
 */
export async function startCutOffRelay(target: URL | string): Promise<CutOffRelay> {
  const { hostname, port } = new URL(target);
  const pairs = new Set<{ client: Socket; upstream: Socket }>();
  const upstreamClosed = new Set<Promise<void>>();
  let down = false;
  const server = createServer((client) => {
    if (down) return void client.resetAndDestroy();
    const upstream = connect(Number(port), hostname);
    const pair = { client, upstream };
    pairs.add(pair);
    const closed = new Promise<void>((resolve) => upstream.once('close', () => resolve()));
    upstreamClosed.add(closed);
    void closed.then(() => upstreamClosed.delete(closed));
    client.once('close', () => pairs.delete(pair));
    client.on('error', () => upstream.destroy());
    upstream.on('error', () => client.destroy());
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('The relay has no port.');
  return {
    endpoint: `http://127.0.0.1:${address.port}`,
    cut() {
      down = true;
      for (const { client, upstream } of pairs) {
        client.unpipe(upstream);
        upstream.unpipe(client);
        upstream.resume(); // its answers go nowhere
        upstream.end(); // no more requests: the server answers those it has, then closes
        client.resetAndDestroy();
      }
      pairs.clear();
    },
    async settled() {
      await Promise.all([...upstreamClosed]);
    },
    restore() {
      down = false;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const { client, upstream } of pairs) {
          client.destroy();
          upstream.destroy();
        }
        server.close(() => resolve());
      }),
  };
}
