/**
 * Evidence files in tests (issue #22): request an upload as someone and PUT the bytes to the
 * presigned URL of the local S3-compatible server, as a browser does.
 */
import { createHash } from 'node:crypto';
import { expect } from 'vitest';
import type { TestApp } from './app.js';

export const sha256Hex = (b: Buffer) => createHash('sha256').update(b).digest('hex');

export const SCAN_PDF = Buffer.from('%PDF-1.4\n% Hồ sơ thanh quyết toán — bản quét\n%%EOF\n');

/** A pending upload of `as`, its bytes stored: its id goes in a record's `files`. */
export async function uploadFile(t: TestApp, as: string, body: Buffer = SCAN_PDF, name = 'ho-so.pdf', type = 'application/pdf', clock?: string): Promise<{ id: string; sha256: string }> {
  const res = await t.as(as, '/v1/uploads', {
    method: 'POST',
    body: JSON.stringify({ name, type, size: body.length, sha256: sha256Hex(body) }),
    ...(clock ? { clock } : {}),
  });
  expect(res.status).toBe(201);
  const ticket = (await res.json()) as { id: string; sha256: string; upload: { url: string; headers: Record<string, string> } };
  const put = await fetch(ticket.upload.url, { method: 'PUT', body, headers: ticket.upload.headers });
  expect(put.status).toBe(200);
  return ticket;
}

/** Follows GET /v1/files/{id} as `as`: the status, and the bytes when it is a 303. */
export async function download(t: TestApp, as: string, fileId: string): Promise<{ status: number; body?: Buffer }> {
  const res = await t.as(as, `/v1/files/${fileId}`);
  if (res.status !== 303) return { status: res.status };
  const got = await fetch(res.headers.get('location')!);
  expect(got.status).toBe(200);
  return { status: 303, body: Buffer.from(await got.arrayBuffer()) };
}
