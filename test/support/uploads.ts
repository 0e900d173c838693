/**
 * Evidence files in tests (issue #22): request an upload as a person and PUT its bytes to the
 * local S3-compatible server by the presigned URL, exactly as a browser does.
 */
import { createHash } from 'node:crypto';
import { expect } from 'vitest';
import type { TestApp } from './app.js';

export const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** A small stand-in for a scanned PDF. */
export const SCAN_PDF = Buffer.from('%PDF-1.4\n% Hồ sơ thanh quyết toán — bản quét\n%%EOF\n');

/** An upload of `body`, its bytes stored: the ticket (`id`, `sha256`, …) to name in a record's `files`. */
export async function uploaded(t: TestApp, as: string, body: Buffer = SCAN_PDF, name = 'ho-so.pdf', type = 'application/pdf', clock?: string): Promise<any> {
  const res = await t.as(as, '/v1/uploads', { method: 'POST', body: JSON.stringify({ name, type, size: body.length, sha256: sha256(body) }), ...(clock ? { clock } : {}) });
  expect(res.status).toBe(201);
  const ticket = (await res.json()) as any;
  const put = await fetch(ticket.upload.url, { method: 'PUT', body, headers: ticket.upload.headers });
  expect(put.status).toBe(200);
  return ticket;
}

/** Downloads a record's file as `as`: the status, and the bytes when it is served. */
export async function download(t: TestApp, as: string, fileId: string, clock?: string): Promise<{ status: number; bytes?: Buffer }> {
  const res = await t.as(as, `/v1/files/${fileId}`, clock ? { clock } : {});
  if (res.status !== 303) return { status: res.status };
  const got = await fetch(res.headers.get('location')!);
  expect(got.status).toBe(200);
  return { status: 303, bytes: Buffer.from(await got.arrayBuffer()) };
}
