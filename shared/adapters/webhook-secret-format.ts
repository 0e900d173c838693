/** A Standard Webhooks secret's format: checked from the settings at every cold start, so kept apart from the `standardwebhooks` package. */
import { randomBytes } from 'node:crypto';

/** A secret as Standard Webhooks writes it: `whsec_` and the base64 of 24 to 64 random bytes. */
const SECRET_RE = /^whsec_([A-Za-z0-9+/]+={0,2})$/;

/** Checks a configured secret; the message names the setting, never the value. */
export function checkWebhookSecret(secret: string, name: string): string {
  const m = SECRET_RE.exec(secret.trim());
  const bytes = m?.[1] ? Buffer.from(m[1], 'base64').length : 0;
  if (!m || bytes < 24 || bytes > 64) {
    throw new Error(`${name} must be a Standard Webhooks secret: whsec_ followed by the base64 of 24 to 64 random bytes.`);
  }
  return secret.trim();
}

/** A new secret for an organisation: `whsec_` + base64 of 32 random bytes. */
export function generateWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`;
}
