import type { IncomingMessage } from 'node:http';

/** A response body over the limit its reader set: the response was destroyed, nothing more read. */
export class BodyTooLarge extends Error {
  override readonly name = 'BodyTooLarge';
  constructor(readonly limit: number) {
    super(`The response body is larger than ${limit} bytes.`);
  }
}

/** A response's body, at most `maxBytes`, counted as it streams: a missing or lying Content-Length changes nothing. */
export async function readBody(res: IncomingMessage, maxBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of res as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBytes) {
      res.destroy();
      throw new BodyTooLarge(maxBytes);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, size);
}
