import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { bodyLimit } from "./body-limit.ts";

const LIMIT = 1024;
const CHUNK = 256;

/** A chunked body of `chunks` chunks of 256 bytes, counting how many the receiver pulled. */
function streamed(chunks: number) {
  const seen = { pulled: 0, cancelled: false };
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (seen.pulled === chunks) return controller.close();
      seen.pulled++;
      controller.enqueue(new Uint8Array(CHUNK).fill(97));
    },
    cancel() {
      seen.cancelled = true;
    },
  });
  return { body, seen };
}

function app() {
  const handled: string[] = [];
  const hono = new Hono();
  hono.use(bodyLimit(LIMIT, (path) => path.startsWith("/limited")));
  hono.post("/*", async (c) => {
    const text = await c.req.text();
    handled.push(text);
    return c.text(`got ${text.length}`);
  });
  return { hono, handled };
}

const post = (hono: Hono, path: string, body: BodyInit, headers: Record<string, string> = {}) =>
  hono.request(path, { method: "POST", body, headers, duplex: "half" } as RequestInit);

describe("bodyLimit", () => {
  it("refuses a streamed body over the limit with 413 before the handler, without reading it whole", async () => {
    const { hono, handled } = app();
    const { body, seen } = streamed(10_000); // 2.5 MB on offer
    const res = await post(hono, "/limited", body);
    expect(res.status).toBe(413);
    expect(handled).toEqual([]);
    // The limit plus the chunk that crossed it (and what the stream buffered ahead), never the rest.
    expect(seen.pulled).toBeLessThan(LIMIT / CHUNK + 4);
    expect(seen.cancelled).toBe(true);
  });

  it("refuses a declared Content-Length over the limit unread", async () => {
    const { hono, handled } = app();
    const { body, seen } = streamed(10_000);
    const res = await post(hono, "/limited", body, { "content-length": String(LIMIT + 1) });
    expect(res.status).toBe(413);
    expect(handled).toEqual([]);
    expect(seen.pulled).toBeLessThanOrEqual(1);
  });

  it("hands a body within the limit to the handler, byte for byte, streamed or not", async () => {
    const { hono, handled } = app();
    const { body } = streamed(LIMIT / CHUNK);
    expect(await (await post(hono, "/limited", body)).text()).toBe(`got ${LIMIT}`);
    expect(await (await post(hono, "/limited", "x".repeat(LIMIT))).text()).toBe(`got ${LIMIT}`);
    expect(handled).toEqual(["a".repeat(LIMIT), "x".repeat(LIMIT)]);
  });

  it("leaves other paths alone", async () => {
    const { hono } = app();
    const res = await post(hono, "/other", "x".repeat(LIMIT * 2));
    expect(await res.text()).toBe(`got ${LIMIT * 2}`);
  });
});
