import { serve, type ServerType } from '@hono/node-server';

export interface LocalServer {
  readonly server: ServerType;
  readonly port: number;
  /** `http://127.0.0.1:<port>` */
  readonly base: string;
}

/** Serves `fetch` on 127.0.0.1 at a port the kernel chooses (port 0), taken at once so no other process can take it first. */
export function serveLocally(fetch: (request: Request) => Response | Promise<Response>): Promise<LocalServer> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch, port: 0, hostname: '127.0.0.1' }, (info) => resolve({ server, port: info.port, base: `http://127.0.0.1:${info.port}` }));
    server.once('error', reject);
  });
}
