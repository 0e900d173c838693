/**
 * Standard Webhooks (standardwebhooks.com) signing and verification, with the `standardwebhooks`
 * package: `webhook-id`, `webhook-timestamp` (Unix seconds) and `webhook-signature`
 * (`v1,<base64 HMAC-SHA256 of "<id>.<timestamp>.<raw body>">`, several space-separated during a
 * secret rotation). The timestamp window (5 minutes either way) is checked by the package against
 * the real clock, never the business time of a request.
 */
import { Webhook, WebhookVerificationError } from 'standardwebhooks';

// The secrets' format, without the package (a cold start checks the settings, verifies nothing).
export { checkWebhookSecret, generateWebhookSecret } from './webhook-secret-format.js';

export interface SignedHeaders {
  'webhook-id': string;
  'webhook-timestamp': string;
  'webhook-signature': string;
}

/** Signs `body` with each secret (the current one first); all signatures go in one header during a rotation. */
export function signWebhook(secrets: readonly string[], id: string, timestamp: Date, body: string): SignedHeaders {
  if (secrets.length === 0) throw new Error('No secret to sign with');
  return {
    'webhook-id': id,
    'webhook-timestamp': String(Math.floor(timestamp.getTime() / 1000)),
    'webhook-signature': secrets.map((s) => new Webhook(s).sign(id, timestamp, body)).join(' '),
  };
}

/** Why a delivery was refused: said to the sender, who can fix its clock or its secret. */
export class WebhookRejected extends Error {
  override name = 'WebhookRejected';
}

/**
 * Verifies a delivery against the organisation's secrets (the current one, and during a rotation
 * the previous one): any one of them matching any listed signature accepts it. Returns the
 * webhook id; throws WebhookRejected otherwise.
 */
export function verifyWebhook(
  secrets: readonly string[],
  rawBody: string,
  headers: { id?: string; timestamp?: string; signature?: string },
): { id: string; timestamp: Date } {
  const { id, timestamp, signature } = headers;
  const missing = [!id && 'webhook-id', !timestamp && 'webhook-timestamp', !signature && 'webhook-signature'].filter(Boolean);
  if (missing.length) throw new WebhookRejected(`Missing the Standard Webhooks header${missing.length > 1 ? 's' : ''} ${missing.join(', ')}.`);
  if (!/^\d{1,12}$/.test(timestamp!)) throw new WebhookRejected('webhook-timestamp must be Unix seconds.');
  if (secrets.length === 0) throw new WebhookRejected('The e-office integration has no secret configured for this organisation.');
  let last: unknown;
  for (const secret of secrets) {
    try {
      new Webhook(secret).verify(rawBody, { 'webhook-id': id!, 'webhook-timestamp': timestamp!, 'webhook-signature': signature! }, { jsonParse: false });
      return { id: id!, timestamp: new Date(Number(timestamp) * 1000) };
    } catch (error) {
      if (!(error instanceof WebhookVerificationError)) throw error;
      last = error;
      // A timestamp outside the window fails alike for every secret: say so.
      if (/timestamp/i.test((error as Error).message)) break;
    }
  }
  const message = (last as Error | undefined)?.message ?? '';
  if (/too old/i.test(message)) throw new WebhookRejected('webhook-timestamp is more than 5 minutes in the past; check the sender’s clock.');
  if (/too new/i.test(message)) throw new WebhookRejected('webhook-timestamp is more than 5 minutes in the future; check the sender’s clock.');
  throw new WebhookRejected('No webhook-signature matches this body with the organisation’s secret.');
}
