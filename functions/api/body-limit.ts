import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from './context.js';

/**
 * Caps the request body without reading it. A declared Content-Length over the cap is refused
 * at once; a body of unknown length (chunked) is wrapped in a stream that counts as the route
 * reads it and fails past the cap, answered as `tooLarge`. Unlike hono's bodyLimit, which
 * buffers such a body up front, nothing is read before authentication and the route's own
 * authorisation have run (issue 18: authorise before parsing).
 */
export function limitBody(maxBytes: number, tooLarge: (c: Parameters<MiddlewareHandler<AppEnv>>[0]) => Response | Promise<Response>): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const raw = c.req.raw;
    if (!raw.body) return next();
    const declared = raw.headers.get('content-length');
    if (declared !== null && !raw.headers.has('transfer-encoding')) {
      return Number(declared) > maxBytes ? tooLarge(c) : next();
    }
    const reader = raw.body.getReader();
    let read = 0;
    let exceeded = false;
    const counted = new ReadableStream<Uint8Array>(
      {
        async pull(controller) {
          const { done, value } = await reader.read();
          if (done) return controller.close();
          read += value.byteLength;
          if (read > maxBytes) {
            exceeded = true;
            await reader.cancel();
            return controller.error(new Error(`The request body is larger than ${maxBytes} bytes.`));
          }
          controller.enqueue(value);
        },
        cancel: (reason) => reader.cancel(reason),
      },
      // Pull only when the route reads.
      { highWaterMark: 0 },
    );
    c.req.raw = new Request(raw, { body: counted, duplex: 'half' } as RequestInit);
    await next();
    // Whatever the route made of the failed read (400 for JSON, an error), the answer is 413.
    if (exceeded) c.res = await tooLarge(c);
  };
}
