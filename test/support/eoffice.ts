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
