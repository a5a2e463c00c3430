import { describe, expect, it } from "vitest";
import { ClockMoveRefused, createEmulatorClock, type EmulatorClock } from "./clock.ts";
import { sharedControlRoutes } from "./control.ts";
import { FaultInjector } from "./faults.ts";
import { SlidingWindowLimiter } from "./rate-limit.ts";
import { RequestLog } from "./request-log.ts";
import { WebhookDispatcher } from "./webhooks.ts";

const start = "2026-02-01T00:00:00.000Z";

function controlOf(clock: EmulatorClock) {
  const routes = sharedControlRoutes({
    clock,
    faults: new FaultInjector(),
    limiter: new SlidingWindowLimiter(clock),
    requests: new RequestLog(),
    webhooks: new WebhookDispatcher({ clock, retryScheduleMs: [] }),
  });
  return async (body: string) => {
    const res = await routes.request("/clock", { method: "POST", body });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
}

describe("a forward-only emulator clock (the demo's, ADR 0025)", () => {
  it("moves forward and tells its listeners", () => {
    const clock = createEmulatorClock({ start, frozen: true, forwardOnly: true });
    let heard = 0;
    clock.onChange(() => (heard += 1));
    clock.advance(86_400_000);
    clock.set(new Date("2026-03-01T00:00:00Z"));
    clock.advance(0);
    expect(clock.now().toISOString()).toBe("2026-03-01T00:00:00.000Z");
    expect(heard).toBe(3);
  });

  it("refuses to go back, says why, and neither moves nor tells anyone", () => {
    const clock = createEmulatorClock({ start, frozen: true, forwardOnly: true });
    let heard = 0;
    clock.onChange(() => (heard += 1));
    expect(() => clock.set(new Date("2026-01-31T23:59:59Z"))).toThrow(ClockMoveRefused);
    expect(() => clock.advance(-1000)).toThrow(/only moves forward: 2026-01-31T23:59:59.000Z is before/);
    expect(clock.now().toISOString()).toBe(start);
    expect(heard).toBe(0);
  });

  it("keeps its time on reset (an emulator's reset must not rewind Ledgerlink's clock)", () => {
    const clock = createEmulatorClock({ start, frozen: true, forwardOnly: true });
    clock.advance(3_600_000);
    clock.reset();
    expect(clock.now().toISOString()).toBe("2026-02-01T01:00:00.000Z");
  });

  it("an ordinary clock still goes back and resets, as tests expect", () => {
    const clock = createEmulatorClock({ start, frozen: true });
    clock.advance(-1000);
    expect(clock.now().toISOString()).toBe("2026-01-31T23:59:59.000Z");
    clock.advance(5000);
    clock.reset();
    expect(clock.now().toISOString()).toBe(start);
  });
});

describe("POST /__emulator/clock on a forward-only clock", () => {
  it("answers 409 with the reason to a move back, and the clock stays put", async () => {
    const clock = createEmulatorClock({ start, frozen: true, forwardOnly: true });
    const post = controlOf(clock);
    const back = await post(JSON.stringify({ now: "2026-01-01T00:00:00Z" }));
    expect(back.status).toBe(409);
    expect(back.body.error).toMatch(/only moves forward/);
    const negative = await post(JSON.stringify({ advanceSeconds: -60 }));
    expect(negative.status).toBe(409);
    expect(clock.now().toISOString()).toBe(start);
  });

  it("moves forward by either body, as before", async () => {
    const clock = createEmulatorClock({ start, frozen: true, forwardOnly: true });
    const post = controlOf(clock);
    expect((await post(JSON.stringify({ advanceSeconds: 60 }))).body.now).toBe("2026-02-01T00:01:00.000Z");
    const later = await post(JSON.stringify({ now: "2026-03-12T09:00:00+09:00" }));
    expect(later).toEqual({ status: 200, body: { now: "2026-03-12T00:00:00.000Z" } });
  });

  it.each([
    ["not JSON", "{", /Body must be JSON/],
    ["both fields", JSON.stringify({ now: start, advanceSeconds: 1 }), /Invalid body/],
    ["a date without an offset", JSON.stringify({ now: "2026-03-01" }), /Invalid body/],
    ["a string of seconds", JSON.stringify({ advanceSeconds: "60" }), /Invalid body/],
    ["an unknown field", JSON.stringify({ days: 40 }), /Invalid body/],
  ])("refuses %s with 400 and changes nothing", async (_name, body, error) => {
    const clock = createEmulatorClock({ start, frozen: true, forwardOnly: true });
    const res = await controlOf(clock)(body);
    expect(res.status).toBe(400);
    expect(String(res.body.error)).toMatch(error);
    expect(clock.now().toISOString()).toBe(start);
  });
});
