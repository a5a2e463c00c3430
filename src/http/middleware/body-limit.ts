import type { Context, MiddlewareHandler } from "hono";

/** No vendor request we serve comes near this: HubSpot batches 100 events, Intuit a few KiB. */
export const MAX_VENDOR_BODY_BYTES = 1024 * 1024;

/**
 * Refuses a request body over `maxBytes` with 413 before any handler runs, without holding more
 * than `maxBytes` of it: a declared Content-Length over the limit is refused unread, and a body
 * without one (chunked) is counted chunk by chunk and dropped as soon as it passes the limit.
 * A body within the limit is handed on, already buffered, as the request's body.
 * (docs/adr/0029-request-signatures-and-body-limits.md)
 */
export function bodyLimit(maxBytes: number, applies: (path: string) => boolean): MiddlewareHandler {
  return async (c, next) => {
    const raw = c.req.raw;
    if (!raw.body || !applies(c.req.path)) return next();
    const declared = raw.headers.get("content-length");
    if (declared !== null && Number(declared) > maxBytes) return tooLarge(c, maxBytes);
    const reader = raw.body.getReader();
    const chunks: Uint8Array[] = [];
    let total = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > maxBytes) {
        // Stop the sender's stream here; nothing more of it is read.
        await reader.cancel().catch(() => undefined);
        return tooLarge(c, maxBytes);
      }
      chunks.push(value);
    }
    c.req.raw = new Request(raw, { body: concat(chunks, total) });
    return next();
  };
}

function concat(chunks: Uint8Array[], total: number): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.byteLength;
  }
  return out;
}

function tooLarge(c: Context, maxBytes: number): Response {
  // A machine reads this (the vendor's delivery log), so it stays in English like other refusals.
  return c.text(`Request body exceeds ${maxBytes} bytes`, 413);
}
