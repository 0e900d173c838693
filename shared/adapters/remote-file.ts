/**
 * Fetches a file the e-office names by URL (issue #22), guarded as a server-side request forgery
 * target: https only (http only where the local setting allows it), the host and port on the
 * integration's allow-list, no credentials in the URL, redirects only to the same host, every
 * address the name resolves to public (checked in the socket's own lookup, so a second DNS answer
 * cannot slip a private address in), the type on the allow-list and the size limit enforced while
 * the body streams.
 */
import { createHash } from 'node:crypto';
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { BlockList, isIP } from 'node:net';
import { BodyTooLarge, readBody } from './http-body.js';

export interface RemoteFilePolicy {
  /** `host` or `host:port` entries; a host without a port allows only the scheme's default port. */
  readonly hosts: readonly string[];
  /** Local runs and tests only: plain http. */
  readonly allowHttp?: boolean;
  /** Local runs and tests only: loopback and private addresses. */
  readonly allowPrivateAddresses?: boolean;
  readonly maxBytes: number;
  readonly allowedTypes: readonly string[];
  /** Whole fetch, redirects included (default 20 s). */
  readonly timeoutMs?: number;
}

/** Where URLs may point: the integration's configuration (size and types come from the rulebook and the allow-list). */
export type RemoteFileSettings = Omit<RemoteFilePolicy, 'maxBytes' | 'allowedTypes'>;

export interface FetchedFile {
  readonly body: Buffer;
  readonly contentType: string;
  readonly size: number;
  readonly sha256: string;
}

export type RemoteFileProblem = 'url' | 'type' | 'size' | 'unavailable';

/** Why a URL was not fetched, said so the e-office's operator can act on it; never the remote's answer body. */
export class RemoteFileRefused extends Error {
  constructor(
    message: string,
    readonly problem: RemoteFileProblem,
  ) {
    super(message);
    this.name = 'RemoteFileRefused';
  }
}

const MAX_REDIRECTS = 3;

/** Addresses a request from the API must never reach: loopback, private, link-local (cloud metadata), CGNAT, multicast, reserved. */
let blocked: BlockList | undefined;
function blockList(): BlockList {
  if (blocked) return blocked;
  const list = new BlockList();
  for (const [net, prefix] of [
    ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12],
    ['192.0.0.0', 24], ['192.0.2.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['198.51.100.0', 24], ['203.0.113.0', 24],
    ['224.0.0.0', 4], ['240.0.0.0', 4],
  ] as const) list.addSubnet(net, prefix, 'ipv4');
  for (const [net, prefix] of [['::', 128], ['::1', 128], ['fc00::', 7], ['fe80::', 10], ['ff00::', 8], ['64:ff9b::', 96], ['2001:db8::', 32]] as const) {
    list.addSubnet(net, prefix, 'ipv6');
  }
  blocked = list;
  return list;
}

export function isPublicAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return false;
  if (family === 6) {
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
    if (mapped) return isPublicAddress(mapped[1]!);
    return !blockList().check(address, 'ipv6');
  }
  return !blockList().check(address, 'ipv4');
}

const defaultPort = (protocol: string) => (protocol === 'https:' ? '443' : '80');

/** Checks a URL against the policy before any connection; answers the parsed URL. */
export function checkRemoteUrl(raw: string, policy: RemoteFilePolicy): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new RemoteFileRefused('not an absolute URL', 'url');
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && policy.allowHttp)) throw new RemoteFileRefused('only https URLs are fetched', 'url');
  if (url.username || url.password) throw new RemoteFileRefused('a URL with credentials in it is not fetched', 'url');
  const host = url.hostname.toLowerCase().replace(/^\[|\]$/g, '');
  const port = url.port || defaultPort(url.protocol);
  const allowed = policy.hosts.some((entry) => {
    let e: URL;
    try {
      e = new URL(`${url.protocol}//${entry.trim()}`);
    } catch {
      return false;
    }
    return e.hostname.toLowerCase().replace(/^\[|\]$/g, '') === host && (e.port || defaultPort(url.protocol)) === port;
  });
  if (!allowed) throw new RemoteFileRefused(`the host ${url.host} is not on the e-office's list of file hosts`, 'url');
  if (isIP(host) && !policy.allowPrivateAddresses && !isPublicAddress(host)) throw new RemoteFileRefused('a private or loopback address is not fetched', 'url');
  return url;
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/** The socket's DNS lookup: refuses when any address of the name is not public, so the address checked is the one connected to. */
function guardedLookup(allowPrivate: boolean) {
  return (hostname: string, options: { all?: boolean; family?: number } | number, callback: LookupCallback) => {
    const opts = typeof options === 'number' ? { family: options } : (options ?? {});
    dnsLookup(hostname, { all: true, ...(opts.family ? { family: opts.family } : {}) }, (error, addresses) => {
      if (error) return callback(error, '');
      const list = addresses as LookupAddress[];
      if (!allowPrivate && (list.length === 0 || list.some((a) => !isPublicAddress(a.address)))) {
        const refused = new Error(`${hostname} resolves to a private or loopback address`) as NodeJS.ErrnoException;
        refused.code = 'EPRIVATEADDRESS';
        return callback(refused, '');
      }
      if (opts.all) return callback(null, list);
      callback(null, list[0]!.address, list[0]!.family);
    });
  };
}

function get(url: URL, policy: RemoteFilePolicy, signal: AbortSignal): Promise<IncomingMessage> {
  const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'GET', lookup: guardedLookup(policy.allowPrivateAddresses === true) as never, signal, headers: { accept: policy.allowedTypes.join(', ') } }, resolve);
    req.on('error', reject);
    req.end();
  });
}

/** Fetches `raw` under `policy`: the bytes (at most maxBytes), their type and SHA-256; RemoteFileRefused otherwise. */
export async function fetchRemoteFile(raw: string, policy: RemoteFilePolicy): Promise<FetchedFile> {
  let url = checkRemoteUrl(raw, policy);
  const origin = url.host;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), policy.timeoutMs ?? 20_000);
  try {
    for (let redirects = 0; ; redirects++) {
      let res: IncomingMessage;
      try {
        res = await get(url, policy, controller.signal);
      } catch (error) {
        const e = error as NodeJS.ErrnoException;
        if (e.code === 'EPRIVATEADDRESS') throw new RemoteFileRefused('the host resolves to a private or loopback address', 'url');
        if (controller.signal.aborted) throw new RemoteFileRefused('the file host did not answer in time', 'unavailable');
        throw new RemoteFileRefused(`the file host could not be reached (${e.code ?? 'network error'})`, 'unavailable');
      }
      const status = res.statusCode ?? 0;
      if (status >= 300 && status < 400 && res.headers.location) {
        res.resume();
        const next = new URL(res.headers.location, url);
        if (next.host !== origin || redirects >= MAX_REDIRECTS) {
          throw new RemoteFileRefused(redirects >= MAX_REDIRECTS ? 'too many redirects' : 'the URL redirects to another host', 'url');
        }
        url = checkRemoteUrl(next.toString(), policy);
        continue;
      }
      if (status !== 200) {
        res.resume();
        throw new RemoteFileRefused(`the file host answered ${status}`, 'unavailable');
      }
      const contentType = (res.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
      if (!policy.allowedTypes.includes(contentType)) {
        res.resume();
        throw new RemoteFileRefused(`the file host serves ${contentType || 'no type'}, which is not accepted`, 'type');
      }
      const declared = Number(res.headers['content-length']);
      if (Number.isFinite(declared) && declared > policy.maxBytes) {
        res.destroy();
        throw new RemoteFileRefused(`the file is ${declared} bytes, more than the limit of ${policy.maxBytes}`, 'size');
      }
      let body: Buffer;
      try {
        body = await readBody(res, policy.maxBytes);
      } catch (error) {
        if (error instanceof BodyTooLarge) throw new RemoteFileRefused(`the file is more than the limit of ${policy.maxBytes} bytes`, 'size');
        throw new RemoteFileRefused(controller.signal.aborted ? 'the file host did not send the file in time' : 'the transfer was interrupted', 'unavailable');
      }
      if (body.length === 0) throw new RemoteFileRefused('the file is empty', 'size');
      return { body, contentType, size: body.length, sha256: createHash('sha256').update(body).digest('hex') };
    }
  } finally {
    clearTimeout(timer);
  }
}
