/**
 * Where each organisation's e-office settings come from: the Standard Webhooks secret(s) that
 * sign calls both ways, and the e-office's callback URL. Locally: environment variables (see
 * .env.example). In AWS: one Secrets Manager secret per organisation, a JSON document
 * `{"current": "whsec_…", "previous": "whsec_…", "callbackUrl": "https://…"}`.
 */
import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { checkWebhookSecret } from './webhook-secret-format.js';
import type { RemoteFileSettings } from './remote-file.js';

export interface EofficeSettings {
  /** The current secret first; during a rotation the previous one second. */
  readonly secrets: readonly string[];
  /** Where the tracker reports back (completed, returned, overdue); absent: nothing can be sent yet. */
  readonly callbackUrl?: string;
  /**
   * Where the files the e-office names by URL may be fetched from (issue #22): `host` or
   * `host:port` entries. In AWS https and public addresses only; plain http and private
   * addresses only by the local settings. Absent or empty: URLs are refused (upload instead).
   */
  readonly files?: RemoteFileSettings;
}

export interface EofficeSettingsSource {
  /** undefined when the organisation has no e-office integration configured. */
  settingsFor(orgId: string): Promise<EofficeSettings | undefined>;
}

function checkUrl(url: string, name: string, httpsOnly: boolean): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(`${name} must be an absolute URL.`);
  }
  const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(parsed.hostname);
  if (parsed.protocol !== 'https:' && !(parsed.protocol === 'http:' && (!httpsOnly || loopback))) {
    throw new Error(`${name} must be an https URL${httpsOnly ? '' : ' (http is accepted locally)'}.`);
  }
  return parsed.toString();
}

/** A comma- or space-separated list of `host` / `host:port` entries. */
export function parseFileHosts(value: string | undefined, name: string): string[] {
  const hosts = (value ?? '').split(/[\s,]+/).filter(Boolean);
  for (const h of hosts) {
    let parsed: URL | undefined;
    try {
      parsed = new URL(`https://${h}`);
    } catch {
      parsed = undefined;
    }
    if (!parsed || parsed.pathname !== '/' || parsed.username || parsed.password || parsed.search || parsed.hash || h.includes('/')) {
      throw new Error(`${name}: ${h} is not a host or host:port.`);
    }
  }
  return hosts;
}

/** The same settings for every organisation (local runs and tests). */
export function staticEofficeSettings(input: {
  current?: string;
  previous?: string;
  callbackUrl?: string;
  /** Local runs and tests: file hosts, and whether http and private addresses are allowed for them. */
  files?: RemoteFileSettings;
}): EofficeSettingsSource {
  const secrets = [
    ...(input.current ? [checkWebhookSecret(input.current, 'EOFFICE_WEBHOOK_SECRET')] : []),
    ...(input.previous ? [checkWebhookSecret(input.previous, 'EOFFICE_WEBHOOK_SECRET_PREVIOUS')] : []),
  ];
  if (input.previous && !input.current) throw new Error('EOFFICE_WEBHOOK_SECRET_PREVIOUS is set without EOFFICE_WEBHOOK_SECRET.');
  const callbackUrl = input.callbackUrl ? checkUrl(input.callbackUrl, 'EOFFICE_CALLBACK_URL', false) : undefined;
  const settings: EofficeSettings | undefined =
    secrets.length > 0 ? { secrets, ...(callbackUrl ? { callbackUrl } : {}), ...(input.files?.hosts.length ? { files: input.files } : {}) } : undefined;
  return { settingsFor: async () => settings };
}

/**
 * Locally: EOFFICE_WEBHOOK_SECRET, EOFFICE_WEBHOOK_SECRET_PREVIOUS (during a rotation),
 * EOFFICE_CALLBACK_URL, and for file URLs EOFFICE_FILE_HOSTS with EOFFICE_FILE_ALLOW_HTTP=1 and
 * EOFFICE_FILE_ALLOW_PRIVATE=1 (a test e-office on this machine). The deployed stack reads none of these.
 */
export function eofficeSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): EofficeSettingsSource {
  const read = (name: string) => (env[name]?.trim() ? env[name]!.trim() : undefined);
  const current = read('EOFFICE_WEBHOOK_SECRET');
  const previous = read('EOFFICE_WEBHOOK_SECRET_PREVIOUS');
  const callbackUrl = read('EOFFICE_CALLBACK_URL');
  const hosts = parseFileHosts(read('EOFFICE_FILE_HOSTS'), 'EOFFICE_FILE_HOSTS');
  const files: RemoteFileSettings = { hosts, allowHttp: read('EOFFICE_FILE_ALLOW_HTTP') === '1', allowPrivateAddresses: read('EOFFICE_FILE_ALLOW_PRIVATE') === '1' };
  return staticEofficeSettings({ ...(current ? { current } : {}), ...(previous ? { previous } : {}), ...(callbackUrl ? { callbackUrl } : {}), files });
}

export interface SecretsManagerSettingsOptions {
  /** The secret's name or ARN for an organisation, e.g. from `quy-che-tracker/eoffice/{orgId}`. */
  readonly secretIdFor: (orgId: string) => string;
  readonly client?: SecretsManagerClient;
  /** How long a secret is kept in memory; rotate by setting `previous` for longer than this. */
  readonly cacheTtlMs?: number;
  readonly now?: () => number;
}

/**
 * In AWS: one Secrets Manager secret per organisation, read once per cache period per Lambda
 * instance. A missing secret means "not configured"; a malformed one is an error in the logs.
 */
export class SecretsManagerEofficeSettings implements EofficeSettingsSource {
  private client: SecretsManagerClient | undefined;
  private readonly cache = new Map<string, { at: number; value: EofficeSettings | undefined }>();

  constructor(private readonly options: SecretsManagerSettingsOptions) {
    this.client = options.client;
  }

  async settingsFor(orgId: string): Promise<EofficeSettings | undefined> {
    const now = (this.options.now ?? Date.now)();
    const cached = this.cache.get(orgId);
    if (cached && now - cached.at < (this.options.cacheTtlMs ?? 5 * 60_000)) return cached.value;
    const value = await this.load(orgId);
    this.cache.set(orgId, { at: now, value });
    return value;
  }

  private async load(orgId: string): Promise<EofficeSettings | undefined> {
    const secretId = this.options.secretIdFor(orgId);
    let text: string | undefined;
    // The Secrets Manager client is loaded with the first secret read, not at every cold start.
    const { GetSecretValueCommand, SecretsManagerClient } = await import('@aws-sdk/client-secrets-manager');
    this.client ??= new SecretsManagerClient({});
    try {
      text = (await this.client.send(new GetSecretValueCommand({ SecretId: secretId }))).SecretString;
    } catch (error) {
      if ((error as { name?: string }).name === 'ResourceNotFoundException') return undefined;
      throw error;
    }
    if (!text) return undefined;
    let parsed: { current?: unknown; previous?: unknown; callbackUrl?: unknown; fileHosts?: unknown };
    try {
      parsed = JSON.parse(text) as typeof parsed;
    } catch {
      throw new Error(`The e-office secret ${secretId} is not JSON {"current", "previous"?, "callbackUrl"?}.`);
    }
    const str = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : undefined);
    const current = str(parsed.current);
    if (!current) throw new Error(`The e-office secret ${secretId} has no "current" secret.`);
    const previous = str(parsed.previous);
    const callbackUrl = str(parsed.callbackUrl);
    return {
      secrets: [checkWebhookSecret(current, `${secretId}.current`), ...(previous ? [checkWebhookSecret(previous, `${secretId}.previous`)] : [])],
      ...(callbackUrl ? { callbackUrl: checkUrl(callbackUrl, `${secretId}.callbackUrl`, true) } : {}),
      // Deployed: https and public addresses only, whatever the secret says.
      ...(Array.isArray(parsed.fileHosts) && parsed.fileHosts.length
        ? { files: { hosts: parseFileHosts(parsed.fileHosts.filter((h): h is string => typeof h === 'string').join(','), `${secretId}.fileHosts`) } }
        : {}),
    };
  }
}

/** deployedDeps: EOFFICE_SECRET_ID is the secret's name with `{orgId}` in it, e.g. `quy-che-tracker/eoffice/{orgId}`. */
export function eofficeSettingsForDeployment(env: NodeJS.ProcessEnv = process.env): EofficeSettingsSource {
  const template = env.EOFFICE_SECRET_ID?.trim();
  if (!template) return { settingsFor: async () => undefined };
  return new SecretsManagerEofficeSettings({ secretIdFor: (orgId) => template.replaceAll('{orgId}', orgId) });
}
