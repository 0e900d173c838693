// Issue #18: local mode signs anyone's token at /dev/token, so `npm start` and its DynamoDB Local
// listen on this machine's loopback only; `--host` opens the API to a network, with a warning.
// Read from the kernel's own table of listening sockets (/proc/net/tcp and tcp6).
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { startDynamoLocal } from '../../scripts/lib/dynamo-local.js';
import { startTracker as start } from '../support/start-tracker.js';

const startTracker = (args: string[]) => start(['--in-memory', '--empty', ...args], { env: { ...process.env, TRACKER_DEMO: '0' } });

/** The /proc/net form of an address: 32-bit words, each in the machine's (little-endian) byte order. */
function decodeAddress(hex: string): string {
  const words = hex.match(/.{8}/g)!.map((w) => w.match(/../g)!.reverse().map((b) => parseInt(b, 16)));
  const bytes = words.flat();
  if (bytes.length === 4) return bytes.join('.');
  if (bytes.slice(0, 10).every((b) => b === 0) && bytes[10] === 255 && bytes[11] === 255) return `::ffff:${bytes.slice(12).join('.')}`;
  if (bytes.every((b) => b === 0)) return '::';
  return bytes.map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** Every address a socket listens on at this port. */
function listeningAddresses(port: number): string[] {
  const found: string[] = [];
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    for (const line of readFileSync(file, 'utf8').split('\n').slice(1)) {
      const [, local, , state] = line.trim().split(/\s+/);
      if (!local || state !== '0A') continue; // 0A: LISTEN
      const [address, portHex] = local.split(':');
      if (parseInt(portHex!, 16) === port) found.push(decodeAddress(address!));
    }
  }
  return found;
}

const LOOPBACK = ['127.0.0.1', '::ffff:127.0.0.1'];

describe('local mode stays on this machine', () => {
  it('DynamoDB Local listens on 127.0.0.1 only', async () => {
    const local = await startDynamoLocal();
    try {
      const addresses = listeningAddresses(local.port);
      expect(addresses.length).toBeGreaterThan(0);
      for (const a of addresses) expect(LOOPBACK).toContain(a);
    } finally {
      await local.stop();
    }
  }, 60_000);

  it('DynamoDB Local on a port another server holds fails to start, instead of taking that server for itself', async () => {
    const other = createServer((_req, res) => res.end('{}'));
    await new Promise<void>((r) => other.listen(0, '127.0.0.1', r));
    const port = (other.address() as AddressInfo).port;
    try {
      await expect(startDynamoLocal({ port })).rejects.toThrow(/DynamoDB Local did not start \(exit code 1\)/);
    } finally {
      other.close();
    }
  }, 60_000);

  it('DynamoDB Local with no port asked takes the one the kernel gives as it binds, and answers there', async () => {
    const [a, b] = await Promise.all([startDynamoLocal(), startDynamoLocal()]);
    try {
      expect(a.port).not.toBe(b.port);
      for (const local of [a, b]) {
        const addresses = listeningAddresses(local.port);
        expect(addresses.length).toBeGreaterThan(0);
        for (const address of addresses) expect(LOOPBACK).toContain(address);
      }
    } finally {
      await Promise.all([a.stop(), b.stop()]);
    }
  }, 60_000);

  it('npm start serves the API and its DynamoDB Local on 127.0.0.1 by default, and says nothing of a network', async () => {
    const run = await startTracker([]);
    try {
      for (const port of [run.port, run.dynamoPort]) {
        const addresses = listeningAddresses(port);
        expect(addresses.length, `port ${port}`).toBeGreaterThan(0);
        for (const a of addresses) expect(LOOPBACK).toContain(a);
      }
      expect((await fetch(`http://127.0.0.1:${run.port}/v1/openapi.json`)).status).toBe(200);
      expect(run.output()).not.toContain('WARNING');
    } finally {
      await run.stop();
    }
  }, 90_000);

  it('--host 0.0.0.0 opens the API (not DynamoDB Local) to the network, with a warning', async () => {
    const run = await startTracker(['--host', '0.0.0.0']);
    try {
      expect(listeningAddresses(run.port)).toContain('0.0.0.0');
      for (const a of listeningAddresses(run.dynamoPort)) expect(LOOPBACK).toContain(a);
      expect(run.output()).toMatch(/WARNING: listening on 0\.0\.0\.0: anyone who can reach this address can sign in as anyone/);
    } finally {
      await run.stop();
    }
  }, 90_000);
});
