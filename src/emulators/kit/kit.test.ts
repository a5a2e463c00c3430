import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { createEmulatorClock } from "./clock.ts";
import { sharedControlRoutes } from "./control.ts";
import { FaultInjector, faultMiddleware, NO_FAULTS_HEADER } from "./faults.ts";
import { SlidingWindowLimiter } from "./rate-limit.ts";
import { RequestLog } from "./request-log.ts";
import { StateFile } from "./state-file.ts";
import { WebhookDispatcher } from "./webhooks.ts";

const start = "2026-02-01T00:00:00.000Z";

describe("emulator kit", () => {
  it("frozen clock moves only when told, and tells listeners", () => {
    const clock = createEmulatorClock({ start, frozen: true });
    let heard = 0;
    clock.onChange(() => (heard += 1));
    expect(clock.now().toISOString()).toBe(start);
    clock.advance(90_000);
    expect(clock.now().toISOString()).toBe("2026-02-01T00:01:30.000Z");
    clock.set(new Date("2027-01-01T00:00:00Z"));
    expect(heard).toBe(2);
  });

  it("sliding window allows the limit per window, then reports when to retry", () => {
    const clock = createEmulatorClock({ start, frozen: true });
    const limiter = new SlidingWindowLimiter(clock);
    for (let i = 0; i < 10; i++) expect(limiter.hit("realm", 10, 1000).allowed).toBe(true);
    const refused = limiter.hit("realm", 10, 1000);
    expect(refused).toMatchObject({ allowed: false, remaining: 0 });
    expect(refused.retryAfterMs).toBe(1000);
    clock.advance(1000);
    expect(limiter.hit("realm", 10, 1000).allowed).toBe(true);
    limiter.enabled = false;
    for (let i = 0; i < 50; i++) expect(limiter.hit("realm", 10, 1000).allowed).toBe(true);
  });

  it("injects a fault the given number of times, in the vendor's error format", async () => {
    const faults = new FaultInjector();
    const app = new Hono();
    app.use(faultMiddleware(faults, (status) => ({ vendorError: status })));
    app.get("/v3/x", (c) => c.text("fine"));
    faults.add({ method: "GET", path: "/v3/*", status: 503, times: 2 });
    expect((await app.request("/v3/x")).status).toBe(503);
    expect(await (await app.request("/v3/x")).json()).toEqual({ vendorError: 503 });
    expect(await (await app.request("/v3/x")).text()).toBe("fine");
  });

  it("leaves a request marked x-emulator-no-faults alone, without using up a rule", async () => {
    const faults = new FaultInjector();
    const app = new Hono();
    app.use(faultMiddleware(faults, (status) => ({ vendorError: status })));
    app.get("/v3/x", (c) => c.text("fine"));
    faults.add({ path: "/v3/*", status: 500, times: 1, skip: 1 });
    const marked = { headers: { [NO_FAULTS_HEADER]: "1" } };
    expect((await app.request("/v3/x", marked)).status).toBe(200);
    expect((await app.request("/v3/x", marked)).status).toBe(200);
    expect((await app.request("/v3/x")).status).toBe(200); // the one the rule lets pass
    expect((await app.request("/v3/x", { headers: { [NO_FAULTS_HEADER]: "0" } })).status).toBe(500);
  });

  it("retries a failed webhook on the emulator clock's schedule and records every attempt", async () => {
    const clock = createEmulatorClock({ start, frozen: true });
    const statuses = [500, 500, 200];
    const received: Array<{ body: string; sig: string | null }> = [];
    const fakeFetch = (async (_url: string, init: RequestInit) => {
      received.push({ body: String(init.body), sig: new Headers(init.headers).get("x-sig") });
      return new Response(null, { status: statuses.shift() ?? 200 });
    }) as typeof fetch;
    const dispatcher = new WebhookDispatcher({ clock, fetch: fakeFetch, retryScheduleMs: [60_000, 300_000] });
    dispatcher.enqueue("http://receiver/hook", '{"n":1}', (body, now) => ({
      "x-sig": `${body}@${now.toISOString()}`,
    }));
    await dispatcher.flush();
    expect(dispatcher.list()[0]).toMatchObject({ state: "pending", attempts: [{ status: 500 }] });
    await dispatcher.flush(); // not due yet
    expect(received).toHaveLength(1);
    clock.advance(60_000);
    await dispatcher.flush();
    clock.advance(300_000);
    await dispatcher.flush();
    expect(dispatcher.list()[0]).toMatchObject({ state: "delivered" });
    expect(received.map((r) => r.sig)).toEqual([
      `{"n":1}@${start}`,
      '{"n":1}@2026-02-01T00:01:00.000Z',
      '{"n":1}@2026-02-01T00:06:00.000Z',
    ]);
  });

  it("drops notifications while delivery is off (a lost webhook)", async () => {
    const clock = createEmulatorClock({ start, frozen: true });
    let calls = 0;
    const dispatcher = new WebhookDispatcher({
      clock,
      fetch: (async () => {
        calls += 1;
        return new Response(null, { status: 200 });
      }) as typeof fetch,
      retryScheduleMs: [],
    });
    dispatcher.enabled = false;
    dispatcher.enqueue("http://r/", "{}", () => ({}));
    await dispatcher.flush();
    expect(calls).toBe(0);
    expect(dispatcher.list()[0]?.state).toBe("dropped");
  });

  it("writes state atomically and reads it back", () => {
    const path = join(mkdtempSync(join(tmpdir(), "ll-state-")), "state.json");
    const file = new StateFile<{ n: number }>(path);
    expect(file.load()).toBeUndefined();
    file.scheduleSave(() => ({ n: 1 }));
    file.scheduleSave(() => ({ n: 2 }));
    file.flush();
    expect(JSON.parse(readFileSync(path, "utf8"))).toEqual({ n: 2 });
    expect(new StateFile<{ n: number }>(path).load()).toEqual({ n: 2 });
  });

  it("serves the shared control routes and refuses bad bodies clearly", async () => {
    const clock = createEmulatorClock({ start, frozen: true });
    const parts = {
      clock,
      faults: new FaultInjector(),
      limiter: new SlidingWindowLimiter(clock),
      requests: new RequestLog(),
      webhooks: new WebhookDispatcher({ clock, retryScheduleMs: [] }),
    };
    const app = new Hono().route("/__emulator", sharedControlRoutes(parts));
    const post = (path: string, body: unknown) =>
      app.request(`/__emulator${path}`, { method: "POST", body: JSON.stringify(body) });
    expect((await app.request("/__emulator/health")).status).toBe(200);
    expect(await (await post("/clock", { advanceSeconds: 60 })).json()).toEqual({
      now: "2026-02-01T00:01:00.000Z",
    });
    const bad = await post("/clock", { now: "yesterday" });
    expect(bad.status).toBe(400);
    expect((await post("/faults", { status: 503, times: 1 })).status).toBe(201);
    expect(parts.faults.list()).toHaveLength(1);
    expect((await app.request("/__emulator/faults", { method: "DELETE" })).status).toBe(200);
    expect(parts.faults.list()).toHaveLength(0);
    await post("/rate-limits", { enabled: false });
    expect(parts.limiter.enabled).toBe(false);
    await post("/webhooks/delivery", { enabled: false });
    expect(parts.webhooks.enabled).toBe(false);
    expect((await post("/faults", { status: 42 })).status).toBe(400);
  });

  it("a pending delivery survives a restart, re-signed and renumbered from its meta", async () => {
    const clock = createEmulatorClock({ start, frozen: true });
    const seen: Array<{ body: string; signature: string | null }> = [];
    let status = 500;
    const fetch = (async (_url: RequestInfo | URL, init?: RequestInit) => {
      seen.push({ body: String(init?.body), signature: new Headers(init?.headers).get("x-sig") });
      return new Response(null, { status });
    }) as typeof globalThis.fetch;
    const hooksFor = (meta: unknown) => ({
      sign: (body: string) => ({ "x-sig": `${String((meta as { key: string }).key)}:${body.length}` }),
      render: (attempt: number) => JSON.stringify({ attempt }),
    });
    const first = new WebhookDispatcher({ clock, fetch, retryScheduleMs: [60_000] });
    const meta = { key: "app-1" };
    const hooks = hooksFor(meta);
    first.enqueue("http://hook.test/", hooks.render(0), hooks.sign, { render: hooks.render, meta });
    await first.flush();
    const saved = JSON.parse(JSON.stringify(first.snapshot())) as ReturnType<typeof first.snapshot>;

    const second = new WebhookDispatcher({ clock, fetch, retryScheduleMs: [60_000] });
    second.restore(saved, (d) => hooksFor(d.meta));
    status = 200;
    clock.advance(60_000);
    await second.flush();
    expect(seen.map((s) => s.body)).toEqual(['{"attempt":0}', '{"attempt":1}']);
    expect(seen[1]!.signature).toBe("app-1:13");
    expect(second.list()[0]).toMatchObject({
      state: "delivered",
      attempts: [{ status: 500 }, { status: 200 }],
    });

    const orphan = new WebhookDispatcher({ clock, fetch, retryScheduleMs: [60_000] });
    orphan.restore(saved, () => undefined);
    expect(orphan.list()[0]!.state).toBe("dropped");
  });
});
