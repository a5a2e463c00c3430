import { describe, expect, it } from "vitest";
import type { HttpClient, HttpRequest, VendorError } from "../../../connectors/http-client.ts";
import { ManualClock } from "../../../lib/clock.ts";
import { err, ok } from "../../../lib/result.ts";
import { STALLED, StallGuard } from "./stall.ts";

const busy: VendorError = { kind: "server", retryable: true, status: 503, message: "503 busy" };
const throttled: VendorError = { kind: "rate_limited", retryable: true, retryAfterMs: 5_000, message: "429" };

/** A vendor that fails `failures` times with `error`, then answers; counts the calls. */
function vendor(failures: number, error: VendorError) {
  const calls = { n: 0 };
  const http: HttpClient = {
    request: async () =>
      ++calls.n <= failures ? err(error) : ok({ status: 200, headers: new Headers(), body: {} as never }),
  };
  return { http, calls };
}

describe("StallGuard (ADR 0032)", () => {
  const get: HttpRequest<unknown> = { method: "GET", path: "/x" };

  it("retries a retryable failure after the vendor's Retry-After, as long as the run is moving", async () => {
    const clock = new ManualClock();
    const waits: number[] = [];
    const guard = new StallGuard(
      clock,
      async (ms) => (waits.push(ms), clock.advance(ms)),
      60_000,
      undefined,
      () => 0,
    );
    const { http, calls } = vendor(3, throttled);
    const res = await guard.wrap(http).request(get);
    expect(res.ok).toBe(true);
    expect(calls.n).toBe(4);
    expect(waits).toEqual([5_000, 5_000, 5_000]);
  });

  it("gives up with STALLED once nothing was saved for the stall timeout, and not before", async () => {
    const clock = new ManualClock();
    const guard = new StallGuard(
      clock,
      async (ms) => clock.advance(ms),
      60_000,
      { baseMs: 1_000, capMs: 10_000 },
      () => 0.99,
    );
    const { http } = vendor(Infinity, busy);
    const started = clock.now().getTime();
    const res = await guard.wrap(http).request(get);
    expect(res.ok).toBe(false);
    if (res.ok) return;
    expect(res.error).toMatchObject({ code: STALLED, retryable: false, kind: "server" });
    expect(res.error.message).toMatch(/no progress for 1 min; last error: 503 busy/);
    expect(clock.now().getTime() - started).toBe(60_000);
  });

  it("counts the stall from the last saved batch: progress keeps a slow run alive", async () => {
    const clock = new ManualClock();
    // While this call waits, other chunks of the run are saved: 20 faults × 5 s, never 60 s idle.
    const guard: StallGuard = new StallGuard(
      clock,
      async (ms) => {
        clock.advance(ms);
        guard.progressed();
      },
      60_000,
      { baseMs: 10_000, capMs: 10_000 },
      () => 0.5,
    );
    const { http, calls } = vendor(20, busy);
    const res = await guard.wrap(http).request(get);
    expect(res.ok).toBe(true);
    expect(calls.n).toBe(21);
  });

  it("does not repeat a POST whose effect is unknown unless it is idempotent", async () => {
    const clock = new ManualClock();
    const guard = new StallGuard(clock, async (ms) => clock.advance(ms), 60_000);
    const plain = vendor(1, busy);
    const post = await guard.wrap(plain.http).request({ method: "POST", path: "/x" });
    expect(post.ok).toBe(false);
    expect(plain.calls.n).toBe(1);
    const keyed = vendor(1, busy);
    const idempotent = await guard.wrap(keyed.http).request({ method: "POST", path: "/x", idempotent: true });
    expect(idempotent.ok).toBe(true);
    expect(keyed.calls.n).toBe(2);
  });

  it("returns a failure that is not retryable at once", async () => {
    const clock = new ManualClock();
    const guard = new StallGuard(clock, async (ms) => clock.advance(ms), 60_000);
    const { http, calls } = vendor(1, { kind: "validation", retryable: false, message: "bad" });
    expect((await guard.wrap(http).request(get)).ok).toBe(false);
    expect(calls.n).toBe(1);
  });
});
