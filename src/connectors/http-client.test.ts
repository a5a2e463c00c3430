import { describe, expect, it } from "vitest";
import { z } from "zod";
import { ManualClock } from "../lib/clock.ts";
import { metrics } from "../lib/metrics.ts";
import { err, ok } from "../lib/result.ts";
import {
  createHttpClient,
  parseRetryAfter,
  type Classify,
  type HttpClientOptions,
  type VendorCall,
} from "./http-client.ts";

type Reply = Response | Error | ((init: RequestInit) => Promise<Response>);

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", ...headers } });

/** A classifier good enough for the client's own tests; the vendor ones have their own. */
const classify: Classify = (status) =>
  status === 429
    ? { kind: "rate_limited", retryable: true, message: "slow down" }
    : status >= 500
      ? { kind: "server", retryable: true, message: "server" }
      : { kind: "validation", retryable: false, message: "bad", code: "X" };

function harness(replies: Reply[], extra: Partial<HttpClientOptions> = {}) {
  const clock = new ManualClock();
  const requests: { url: string; init: RequestInit }[] = [];
  const slept: number[] = [];
  const calls: VendorCall[] = [];
  const fetchFn = (async (url: string, init: RequestInit) => {
    requests.push({ url, init });
    const reply = replies.shift();
    if (!reply) throw new Error("no reply scripted");
    if (reply instanceof Error) throw reply;
    if (typeof reply === "function") return reply(init);
    clock.advance(25);
    return reply;
  }) as unknown as typeof fetch;
  const client = createHttpClient({
    fetch: fetchFn,
    baseUrl: "https://api.example.test/v3/",
    classify,
    clock,
    sleep: async (ms) => {
      slept.push(ms);
      clock.advance(ms);
    },
    random: () => 0.5,
    backoff: { baseMs: 100, capMs: 1_000 },
    onCall: (c) => void calls.push(c),
    ...extra,
  });
  return { client, requests, slept, calls, clock };
}

describe("http client", () => {
  it("joins baseUrl, path and query, sends JSON, parses the answer with the schema", async () => {
    const h = harness([json(200, { id: "7", extra: true })], {
      headers: async () => ok({ authorization: "Bearer t" }),
    });
    const res = await h.client.request({
      method: "POST",
      path: "/invoice?minorversion=75",
      query: { requestid: "abc", skipped: undefined },
      body: { a: 1 },
      schema: z.object({ id: z.string() }),
    });
    expect(res).toMatchObject({ ok: true, value: { status: 200, body: { id: "7" } } });
    expect(h.requests[0]!.url).toBe("https://api.example.test/v3/invoice?minorversion=75&requestid=abc");
    expect(h.requests[0]!.init.headers).toMatchObject({
      authorization: "Bearer t",
      "content-type": "application/json",
      accept: "application/json",
    });
    expect(h.requests[0]!.init.body).toBe('{"a":1}');
    expect(h.calls).toEqual([
      {
        method: "POST",
        path: "/invoice?minorversion=75",
        attempt: 1,
        at: expect.any(Date),
        status: 200,
        durationMs: 25,
      },
    ]);
  });

  it("retries a 5xx with full-jitter backoff and records every attempt", async () => {
    const h = harness([json(503, {}), json(502, {}), json(200, { ok: 1 })]);
    const res = await h.client.request({ method: "GET", path: "things" });
    expect(res.ok).toBe(true);
    // random 0.5 × min(cap 1000, 100 × 2^(n−1)): 50 then 100
    expect(h.slept).toEqual([50, 100]);
    expect(h.calls.map((c) => [c.attempt, c.status, c.errorKind])).toEqual([
      [1, 503, "server"],
      [2, 502, "server"],
      [3, 200, undefined],
    ]);
  });

  it("stops after maxAttempts and returns the last classified error with its status", async () => {
    const h = harness([json(500, {}), json(500, {}), json(500, {})], { maxAttempts: 3 });
    const res = await h.client.request({ method: "GET", path: "x" });
    expect(res).toEqual(err({ kind: "server", retryable: true, message: "server", status: 500 }));
    expect(h.requests).toHaveLength(3);
  });

  it("does not retry what classify() says is final", async () => {
    const h = harness([json(400, { bad: true })]);
    const res = await h.client.request({ method: "GET", path: "x" });
    expect(res).toEqual(
      err({ kind: "validation", retryable: false, message: "bad", code: "X", status: 400 }),
    );
    expect(h.slept).toEqual([]);
  });

  it("honours Retry-After (seconds) with a little jitter on top", async () => {
    const h = harness([json(429, {}, { "retry-after": "2" }), json(200, {})]);
    expect((await h.client.request({ method: "GET", path: "x" })).ok).toBe(true);
    expect(h.slept).toEqual([2_050]);
  });

  it("prefers the classifier's hint, and gives a hint longer than maxRetryAfterMs back instead of waiting", async () => {
    const hinted: Classify = () => ({
      kind: "rate_limited",
      retryable: true,
      retryAfterMs: 10_000,
      message: "m",
    });
    const h = harness([json(429, {}, { "retry-after": "1" }), json(200, {})], { classify: hinted });
    expect((await h.client.request({ method: "GET", path: "x" })).ok).toBe(true);
    expect(h.slept).toEqual([10_050]);
    const impatient = harness([json(429, {})], { classify: hinted, maxRetryAfterMs: 5_000 });
    const res = await impatient.client.request({ method: "GET", path: "x" });
    expect(res).toMatchObject({ ok: false, error: { kind: "rate_limited", retryAfterMs: 10_000 } });
    expect(impatient.slept).toEqual([]);
  });

  it("retries a plain POST only on 429, where the vendor did nothing", async () => {
    const h = harness([json(503, {})]);
    expect(await h.client.request({ method: "POST", path: "contacts", body: {} })).toMatchObject({
      ok: false,
      error: { kind: "server" },
    });
    expect(h.requests).toHaveLength(1);
    const limited = harness([json(429, {}), json(201, { id: 1 })]);
    expect((await limited.client.request({ method: "POST", path: "contacts", body: {} })).ok).toBe(true);
  });

  it("retries an idempotent POST (QBO requestid) after a dropped connection", async () => {
    const h = harness([new TypeError("fetch failed"), json(200, {})]);
    const res = await h.client.request({ method: "POST", path: "invoice", body: {}, idempotent: true });
    expect(res.ok).toBe(true);
    expect(h.calls.map((c) => c.errorKind)).toEqual(["network", undefined]);
  });

  it("turns a timed-out attempt into a retryable timeout", async () => {
    const timer = new AbortController();
    const hang = (init: RequestInit) =>
      new Promise<Response>((_resolve, reject) => {
        init.signal!.addEventListener("abort", () => reject(new DOMException("timed out", "TimeoutError")));
        timer.abort(new DOMException("timed out", "TimeoutError"));
      });
    const h = harness([hang], { timeoutSignal: () => timer.signal, maxAttempts: 1 });
    const res = await h.client.request({ method: "GET", path: "slow" });
    expect(res).toMatchObject({ ok: false, error: { kind: "timeout", retryable: true } });
  });

  it("stops when the caller aborts", async () => {
    const caller = new AbortController();
    caller.abort();
    const h = harness([new DOMException("aborted", "AbortError")]);
    const res = await h.client.request({ method: "GET", path: "x", signal: caller.signal });
    expect(res).toMatchObject({ ok: false, error: { kind: "aborted", retryable: false } });
  });

  it("awaits beforeRequest before every attempt, and a refusal calls nobody", async () => {
    const gated: number[] = [];
    const h = harness([json(503, {}), json(200, {})], {
      beforeRequest: async (info) => (gated.push(info.attempt), ok(undefined)),
    });
    expect((await h.client.request({ method: "GET", path: "x" })).ok).toBe(true);
    expect(gated).toEqual([1, 2]);
    const refused = harness([], {
      maxAttempts: 1,
      beforeRequest: async () =>
        err({ kind: "rate_limited", retryable: true, retryAfterMs: 9, message: "budget" }),
    });
    expect(await refused.client.request({ method: "GET", path: "x" })).toMatchObject({
      ok: false,
      error: { kind: "rate_limited", message: "budget" },
    });
    expect(refused.requests).toHaveLength(0);
    expect(refused.calls).toHaveLength(0);
  });

  it("ends the request without calling the vendor when the headers cannot be had", async () => {
    const h = harness([], {
      headers: async () => err({ kind: "auth", retryable: false, message: "needs reconnect" }),
    });
    expect(await h.client.request({ method: "GET", path: "x" })).toMatchObject({
      ok: false,
      error: { kind: "auth", message: "needs reconnect" },
    });
    expect(h.requests).toHaveLength(0);
  });

  it("tells onRateLimited about a vendor 429, not about its own budget refusals", async () => {
    const seen: string[] = [];
    const onRateLimited = async (_info: unknown, e: { message: string }) => void seen.push(e.message);
    const h = harness([json(429, {}), json(200, {})], { onRateLimited });
    expect((await h.client.request({ method: "GET", path: "x" })).ok).toBe(true);
    expect(seen).toEqual(["slow down"]);
    const local = harness([], {
      onRateLimited,
      maxAttempts: 1,
      beforeRequest: async () => err({ kind: "rate_limited", retryable: true, message: "budget" }),
    });
    await local.client.request({ method: "GET", path: "x" });
    expect(seen).toEqual(["slow down"]);
  });

  it("tells onAnswered about every answer but a 429", async () => {
    const answered: number[] = [];
    const h = harness([json(429, {}), json(500, {}), json(200, {})], {
      onAnswered: (info) => void answered.push(info.attempt),
    });
    expect((await h.client.request({ method: "GET", path: "x" })).ok).toBe(true);
    expect(answered).toEqual([2, 3]);
  });

  it("pauses the budget when a successful answer's headers say nothing is left", async () => {
    const paused: (number | boolean | undefined)[][] = [];
    const h = harness([json(200, {}, { "x-left": "0" }), json(200, {}, { "x-left": "3" })], {
      onRateLimited: async (_info, e) => void paused.push([e.retryAfterMs, e.windowSpent]),
      pauseHint: (_status, headers) => (headers.get("x-left") === "0" ? 10_000 : undefined),
    });
    expect((await h.client.request({ method: "GET", path: "x" })).ok).toBe(true);
    expect((await h.client.request({ method: "GET", path: "x" })).ok).toBe(true);
    expect(paused).toEqual([[10_000, true]]);
  });

  it("reports a 2xx that does not match the schema as malformed, and hands XML bodies to classify as text", async () => {
    const h = harness([json(200, { id: 7 })]);
    const res = await h.client.request({ method: "GET", path: "x", schema: z.object({ id: z.string() }) });
    expect(res).toMatchObject({ ok: false, error: { kind: "malformed", retryable: false, status: 200 } });
    const seen: unknown[] = [];
    const xml = harness([new Response("<Fault/>", { status: 400 })], {
      classify: (status, body) => (seen.push(body), classify(status, body, new Headers())),
    });
    await xml.client.request({ method: "GET", path: "x" });
    expect(seen).toEqual(["<Fault/>"]);
  });
});

describe("parseRetryAfter", () => {
  const now = new Date("2026-01-15T12:00:00.000Z");
  it.each([
    ["120", 120_000],
    ["0", 0],
    ["Thu, 15 Jan 2026 12:00:30 GMT", 30_000],
    ["Thu, 15 Jan 2026 11:00:00 GMT", 0],
    ["soon", undefined],
    [null, undefined],
  ])("%s → %s", (value, ms) => {
    expect(parseRetryAfter(value, now)).toBe(ms);
  });
});

describe("http client metrics (ADR 0028)", () => {
  const count = async (labels: Partial<Record<"vendor" | "route" | "status", string>>) => {
    const metric = await metrics.vendorCalls.get();
    const keys = Object.keys(labels) as Array<keyof typeof labels>;
    return metric.values
      .filter((v) => keys.every((k) => v.labels[k] === labels[k]))
      .reduce((sum, v) => sum + v.value, 0);
  };
  const limited = async () =>
    (await metrics.vendorRateLimited.get()).values.find((v) => v.labels.vendor === "qbo")?.value ?? 0;

  it("counts every attempt once by vendor, templated route and status, and 429s apart", async () => {
    const route = "GET /invoice/:id";
    const before = { ok: await count({ route, status: "200" }), busy: await count({ route, status: "429" }) };
    const limitedBefore = await limited();
    const h = harness([json(429, {}), json(200, { ok: true })], { vendor: "qbo" });
    const res = await h.client.request({ method: "GET", path: "/invoice/145?minorversion=75" });
    expect(res.ok).toBe(true);
    expect((await count({ vendor: "qbo", route, status: "200" })) - before.ok).toBe(1);
    expect((await count({ vendor: "qbo", route, status: "429" })) - before.busy).toBe(1);
    expect((await limited()) - limitedBefore).toBe(1);
  });

  it("labels a call without an answer by its transport error", async () => {
    const before = await count({ vendor: "other", route: "POST /batch", status: "network" });
    const h = harness([new Error("socket hang up")]);
    await h.client.request({ method: "POST", path: "/batch", body: {} });
    expect((await count({ vendor: "other", route: "POST /batch", status: "network" })) - before).toBe(1);
  });

  describe("a 401 on credentials believed valid (ADR 0033)", () => {
    const authClassify: Classify = (status) =>
      status === 401
        ? { kind: "auth", retryable: false, message: "expired" }
        : classify(status, undefined, new Headers());

    it("renews once, then retries the call with the new headers", async () => {
      let token = "old";
      const renewed: string[] = [];
      const h = harness([json(401, {}), json(200, { ok: true })], {
        classify: authClassify,
        headers: async () => ok({ authorization: `Bearer ${token}` }),
        onUnauthorized: async (_info, rejected) => {
          renewed.push(rejected.authorization ?? "");
          token = "new";
          return ok(undefined);
        },
      });
      const res = await h.client.request({ method: "POST", path: "/x", body: {} });
      expect(res.ok).toBe(true);
      expect(renewed).toEqual(["Bearer old"]);
      expect(h.requests.map((r) => (r.init.headers as Record<string, string>).authorization)).toEqual([
        "Bearer old",
        "Bearer new",
      ]);
    });

    it("a second 401 is the answer: no second renewal", async () => {
      let renewals = 0;
      const h = harness([json(401, {}), json(401, {})], {
        classify: authClassify,
        headers: async () => ok({ authorization: "Bearer t" }),
        onUnauthorized: async () => ((renewals += 1), ok(undefined)),
      });
      const res = await h.client.request({ method: "GET", path: "/x" });
      expect(res.ok ? undefined : res.error.status).toBe(401);
      expect(renewals).toBe(1);
      expect(h.requests).toHaveLength(2);
    });

    it("a renewal that fails ends the request with its error, without calling again", async () => {
      const h = harness([json(401, {})], {
        classify: authClassify,
        headers: async () => ok({ authorization: "Bearer t" }),
        onUnauthorized: async () =>
          err({ kind: "auth", retryable: false, message: "revoked", code: "needs_reconnect" }),
      });
      const res = await h.client.request({ method: "GET", path: "/x" });
      expect(res.ok ? undefined : res.error.code).toBe("needs_reconnect");
      expect(h.requests).toHaveLength(1);
    });
  });
});
