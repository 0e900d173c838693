import { createServer, type Server } from 'node:http';
import { Webhook } from 'standardwebhooks';
import { ulid } from 'ulidx';
import type { TestApp } from './app.js';

export interface SignOptions {
  /** Secrets to sign with (each adds a signature); none: no signature header. */
  secrets: readonly string[];
  id?: string;
  /** Real time by default: the window is checked against the real clock. */
  timestamp?: Date;
  /** The business "now" of the request (X-Clock, local mode). */
  clock?: string;
  headers?: Record<string, string>;
}

/** POSTs a raw body to the app the way an e-office system does: Standard Webhooks headers, no bearer token. */
export async function signedPost(t: TestApp, path: string, body: string | object, options: SignOptions): Promise<Response> {
  const raw = typeof body === 'string' ? body : JSON.stringify(body);
  const id = options.id ?? `evt_${ulid()}`;
  const timestamp = options.timestamp ?? new Date();
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'webhook-id': id,
    'webhook-timestamp': String(Math.floor(timestamp.getTime() / 1000)),
    ...(options.secrets.length ? { 'webhook-signature': options.secrets.map((s) => new Webhook(s).sign(id, timestamp, raw)).join(' ') } : {}),
    ...(options.clock ? { 'x-clock': options.clock } : {}),
    ...options.headers,
  };
  return t.app.request(path, { method: 'POST', body: raw, headers });
}

export const json = async (res: Response) => (await res.json()) as any;

/** What a local e-office received: each callback, and whether its signature verified. */
export interface ReceivedCallback {
  headers: Record<string, string>;
  body: string;
  verified: boolean;
}

/**
 * A local e-office receiving the tracker's callbacks on 127.0.0.1: keeps each one in `received`,
 * verified against `secret`, and answers with `status()` (200 unless a test scripts otherwise).
 * `received` may be the caller's own array, for a suite that hands it out before the server starts.
 */
export async function startEofficeReceiver(secret: string, status: () => number = () => 200, received: ReceivedCallback[] = []) {
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)]));
      let verified = false;
      try {
        new Webhook(secret).verify(body, headers);
        verified = true;
      } catch {
        verified = false;
      }
      received.push({ headers, body, verified });
      res.statusCode = status();
      res.end(res.statusCode < 300 ? 'ok' : 'try later');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return {
    received,
    callbackUrl: `http://127.0.0.1:${(server.address() as { port: number }).port}/eoffice/callbacks`,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
