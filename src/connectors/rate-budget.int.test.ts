import { describe, expect, it } from "vitest";
import { describeEachBackend } from "../../test/support/db.ts";
import { openDatabase } from "../db/kysely.ts";
import { rateBudgetStore } from "../db/rate-budgets.ts";
import { ManualClock } from "../lib/clock.ts";
import { metrics } from "../lib/metrics.ts";
import {
  budgetHooks,
  hubspotBuckets,
  qboBuckets,
  RateBudget,
  perSecond,
  windowBucket,
  type BucketSpec,
} from "./rate-budget.ts";

/** The most grants that fall in any half-open window [t, t + windowMs). */
function maxInWindow(times: number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let most = 0;
  for (let i = 0, j = 0; i < sorted.length; i++) {
    while (sorted[j]! <= sorted[i]! - windowMs) j++;
    most = Math.max(most, i - j + 1);
  }
  return most;
}

describe("bucket policies", () => {
  it.each([
    ["hubspot burst", hubspotBuckets("p", "a")[0]!, 110, 10_000],
    // HubSpot's secondly figure (X-HubSpot-RateLimit-Secondly), which we plan to though it reports only.
    ["hubspot second", hubspotBuckets("p", "a")[1]!, 11, 1_000],
    ["hubspot search", hubspotBuckets("p", "a", { search: true })[2]!, 5, 1_000],
    ["qbo second", qboBuckets("r")[0]!, 10, 1_000],
    ["qbo minute", qboBuckets("r")[1]!, 500, 60_000],
    ["qbo batch", qboBuckets("r", { batch: true })[2]!, 40, 60_000],
  ])("%s never passes more than the vendor's limit in its window", (_name, bucket, limit, windowMs) => {
    // A window of at least the vendor's length holding at most its count: no vendor window can overflow.
    expect(bucket.windowMs).toBeGreaterThanOrEqual(windowMs);
    expect(bucket.limit).toBeLessThanOrEqual(limit);
    // A little under it (arrival jitter; ADR 0032), not far: full speed is the point.
    expect(perSecond(bucket)).toBeGreaterThanOrEqual((0.9 * limit) / (windowMs / 1000));
  });

  it("keys buckets per account, so portals and realms never share a budget", () => {
    expect(hubspotBuckets("1", "9").map((b) => b.key)).toEqual(["hubspot:9:1:burst", "hubspot:9:1:second"]);
    expect(hubspotBuckets("2", "9", { search: true }).map((b) => b.key)).toEqual([
      "hubspot:9:2:burst",
      "hubspot:9:2:second",
      "hubspot:9:2:search",
    ]);
    expect(qboBuckets("42", { batch: true }).map((b) => b.key)).toEqual([
      "qbo:42:second",
      "qbo:42:minute",
      "qbo:42:batch",
    ]);
  });
});

describeEachBackend("rate budget", (db, backend) => {
  const budgetAt = (clock: ManualClock) =>
    new RateBudget({ store: rateBudgetStore(db().db), clock, sleep: async (ms) => clock.advance(ms) });

  it("lets concurrent acquirers through at no more than QBO's limits, and at ≥ 90 % of them", async () => {
    const clock = new ManualClock();
    const budget = budgetAt(clock);
    const buckets = qboBuckets("concurrent");
    const start = clock.now().getTime();
    const grants: number[] = [];
    while (clock.now().getTime() - start < 60_000) {
      const round = await Promise.all(Array.from({ length: 6 }, () => budget.acquire(buckets)));
      const waits: number[] = [];
      for (const g of round) {
        if (g.granted) grants.push(clock.now().getTime());
        else waits.push(g.waitMs);
      }
      if (waits.length > 0) clock.advance(Math.max(1, Math.min(...waits)));
    }
    expect(maxInWindow(grants, 1_000)).toBeLessThanOrEqual(10);
    expect(maxInWindow(grants, 60_000)).toBeLessThanOrEqual(500);
    expect(grants.length).toBeGreaterThanOrEqual(450);
  });

  it.runIf(backend.databaseUrl)(
    "shares one budget between two connection pools (two worker processes)",
    async () => {
      const second = await openDatabase({ databaseUrl: backend.databaseUrl, schema: db().schema });
      try {
        const clock = new ManualClock();
        const stores = [rateBudgetStore(db().db), rateBudgetStore(second.db)];
        const bucket = windowBucket("two-pools", 20, 1_000);
        const grants: number[] = [];
        while (clock.now().getTime() < new Date("2026-01-15T12:00:05.000Z").getTime()) {
          const round = await Promise.all(
            Array.from({ length: 10 }, (_, i) => stores[i % 2]!.take([bucket], clock.now())),
          );
          for (const g of round) if (g.granted) grants.push(clock.now().getTime());
          const waits = round.flatMap((g) => (g.granted ? [] : [g.waitMs]));
          if (waits.length > 0) clock.advance(Math.max(1, Math.min(...waits)));
        }
        expect(maxInWindow(grants, 1_000)).toBeLessThanOrEqual(20);
        expect(grants.length).toBeGreaterThanOrEqual(80); // 20 a second for 5 s: 100 at most
      } finally {
        await second.close();
      }
    },
  );

  it("estimates how long a backfill takes from what the windows have left", async () => {
    const clock = new ManualClock();
    const budget = budgetAt(clock);
    const buckets = qboBuckets("eta");
    // Empty windows: 10 at once, then 10 per 1.1 s; 495 at once, then 495 a minute. The slower decides.
    const second = 10 / 1.1;
    const minute = 495 / 60;
    expect(await budget.etaMs(buckets, 10)).toBe(0);
    expect(await budget.etaMs(buckets, 1_000)).toBe(
      Math.max(Math.ceil(((1_000 - 10) / second) * 1000), Math.ceil(((1_000 - 495) / minute) * 1000)),
    );
    expect((await budget.acquire(buckets)).granted).toBe(true);
    expect(await budget.etaMs(buckets, 9)).toBe(0);
    expect(await budget.etaMs(buckets, 11)).toBe(Math.ceil((2 / second) * 1000));
  });

  it("lets an idle account's calls go at once, and holds the one past the limit until the oldest leaves", async () => {
    const clock = new ManualClock();
    const budget = budgetAt(clock);
    const buckets = qboBuckets("idle");
    for (let i = 0; i < 10; i++) {
      expect(await budget.acquire(buckets)).toEqual({ granted: true });
      clock.advance(10);
    }
    // 10 in the last 1.1 s: the 11th waits until the first (at 0 ms) is 1.1 s old.
    expect(await budget.acquire(buckets)).toEqual({ granted: false, waitMs: 1_100 - 100 });
    clock.advance(1_000);
    expect(await budget.acquire(buckets)).toEqual({ granted: true });
  });

  it("takes all tokens or none", async () => {
    const clock = new ManualClock();
    const budget = budgetAt(clock);
    const roomy: BucketSpec = { key: "all-or-none:roomy", limit: 5, windowMs: 1_000 };
    const tight: BucketSpec = { key: "all-or-none:tight", limit: 1, windowMs: 1_000 };
    expect(await budget.acquire([roomy, tight])).toEqual({ granted: true });
    expect(await budget.acquire([roomy, tight])).toEqual({ granted: false, waitMs: 1000 });
    const peek = await rateBudgetStore(db().db).peek([roomy], clock.now());
    expect(peek.get(roomy.key)).toBe(4);
  });

  it("counts grants stamped ahead of a worker whose clock lags behind", async () => {
    const ahead = new ManualClock("2026-01-15T12:00:10.000Z");
    const behind = new ManualClock("2026-01-15T12:00:00.000Z");
    const bucket = windowBucket("lagging", 2, 1_000);
    expect(await budgetAt(ahead).acquire([bucket])).toEqual({ granted: true });
    expect(await budgetAt(ahead).acquire([bucket])).toEqual({ granted: true });
    expect((await budgetAt(behind).acquire([bucket])).granted).toBe(false);
    expect((await budgetAt(ahead).acquire([bucket])).granted).toBe(false);
  });

  it("take() sleeps until granted, and gives up past maxWaitMs", async () => {
    const clock = new ManualClock();
    const slept: number[] = [];
    const store = rateBudgetStore(db().db);
    const sleep = async (ms: number) => (slept.push(ms), clock.advance(ms));
    const budget = new RateBudget({ store, clock, sleep, maxWaitMs: 1_500 });
    const bucket: BucketSpec = { key: "take", limit: 1, windowMs: 1_000 };
    expect(await budget.take([bucket])).toEqual({ ok: true, value: { waitedMs: 0 } });
    expect(await budget.take([bucket])).toEqual({ ok: true, value: { waitedMs: 1000 } });
    expect(slept).toEqual([1000]);
    const impatient = new RateBudget({ store, clock, sleep, maxWaitMs: 500 });
    expect(await impatient.take([bucket])).toEqual({ ok: false, error: { waitMs: 1000 } });
  });

  it("budgetHooks turn an exhausted budget into a retryable rate_limited error", async () => {
    const clock = new ManualClock();
    const store = rateBudgetStore(db().db);
    const budget = new RateBudget({ store, clock, sleep: async () => undefined, maxWaitMs: 0 });
    const { beforeRequest } = budgetHooks(budget, () => [{ key: "gate", limit: 1, windowMs: 2_000 }]);
    const info = { method: "GET", path: "/x", attempt: 1 };
    expect((await beforeRequest(info)).ok).toBe(true);
    expect(await beforeRequest(info)).toMatchObject({
      ok: false,
      error: { kind: "rate_limited", retryable: true, retryAfterMs: 2000, code: "LOCAL_BUDGET" },
    });
  });

  const throttled = {
    kind: "rate_limited",
    retryable: true,
    retryAfterMs: 60_000,
    message: "ThrottleExceeded",
  } as const;
  const call = { method: "GET", path: "/x", attempt: 1 };

  it("a vendor 429 that shows the window spent pauses the buckets for every worker", async () => {
    const clock = new ManualClock();
    const budget = budgetAt(clock);
    const buckets = qboBuckets("paused");
    const { onRateLimited } = budgetHooks(budget, () => buckets);
    expect((await budget.acquire(buckets)).granted).toBe(true);
    await onRateLimited(call, { ...throttled, windowSpent: true });
    const other = budgetAt(clock); // another worker, same database
    const denied = await other.acquire(buckets);
    expect(denied.granted).toBe(false);
    if (!denied.granted) expect(denied.waitMs).toBeGreaterThanOrEqual(60_000);
    clock.advance(60_200);
    expect((await other.acquire(buckets)).granted).toBe(true);
  });

  it("429s among answered calls pause no one; three in a row do (ADR 0044)", async () => {
    const clock = new ManualClock();
    const budget = budgetAt(clock);
    const buckets = qboBuckets("lone");
    const { onRateLimited, onAnswered } = budgetHooks(budget, () => buckets);
    await onRateLimited(call, throttled);
    await onRateLimited(call, throttled); // a chance pair
    expect((await budget.acquire(buckets)).granted).toBe(true);
    onAnswered(call);
    await onRateLimited(call, throttled);
    await onRateLimited(call, throttled);
    expect((await budget.acquire(buckets)).granted).toBe(true);
    await onRateLimited(call, throttled); // a third refusal with no answer between: a throttle
    expect((await budgetAt(clock).acquire(buckets)).granted).toBe(false);
  });
});

describe("rate budget metrics (ADR 0028)", () => {
  const value = async (counter: typeof metrics.budgetWaitSeconds, vendor: string) =>
    (await counter.get()).values.find((v) => v.labels.vendor === vendor)?.value ?? 0;

  it("adds the time waited for a token, and counts a wait given up, by vendor", async () => {
    const clock = new ManualClock();
    const grants = [{ granted: false, waitMs: 1500 } as const, { granted: true } as const];
    const store = {
      take: async () => grants.shift() ?? { granted: false as const, waitMs: 200_000 },
      pause: async () => undefined,
      peek: async () => new Map<string, number>(),
    };
    const budget = new RateBudget({
      store,
      clock,
      sleep: async (ms) => clock.advance(ms),
      maxWaitMs: 60_000,
    });
    const before = {
      waited: await value(metrics.budgetWaitSeconds, "qbo"),
      exhausted: await value(metrics.budgetExhausted, "qbo"),
    };
    expect((await budget.take(qboBuckets("metrics"))).ok).toBe(true);
    expect((await value(metrics.budgetWaitSeconds, "qbo")) - before.waited).toBeCloseTo(1.5, 9);
    expect((await budget.take(qboBuckets("metrics"))).ok).toBe(false);
    expect((await value(metrics.budgetExhausted, "qbo")) - before.exhausted).toBe(1);
  });
});

describe("callers of one process waiting on the same windows", () => {
  it("wait in line: one asks the store at a time, and they are granted in the order they came", async () => {
    const clock = new ManualClock();
    let asking = 0;
    let mostAsking = 0;
    let free = 0; // grants the line's window holds now; each sleep lets one more in
    const store = {
      take: async (buckets: readonly BucketSpec[]) => {
        const line = !buckets[0]!.key.startsWith("other");
        if (line) mostAsking = Math.max(mostAsking, ++asking);
        await new Promise((r) => setImmediate(r)); // a round trip, during which others could ask
        if (!line) return { granted: true as const };
        asking -= 1;
        if (free > 0) return (free--, { granted: true as const });
        return { granted: false as const, waitMs: 100 };
      },
      pause: async () => undefined,
      peek: async () => new Map<string, number>(),
    };
    const sleep = async (ms: number) => {
      clock.advance(ms);
      free += 1;
    };
    const budget = new RateBudget({ store, clock, sleep });
    const order: number[] = [];
    const granted = (i: number) => (taken: { ok: boolean }) => {
      expect(taken.ok).toBe(true);
      order.push(i);
    };
    const line = Array.from({ length: 6 }, (_, i) => budget.take(qboBuckets("line")).then(granted(i)));
    // Another account's caller is not held up behind that line.
    const other = budget.take([windowBucket("other:1", 1, 1_000)]).then(granted(-1));
    await Promise.all([...line, other]);
    expect(order).toEqual([-1, 0, 1, 2, 3, 4, 5]);
    expect(mostAsking).toBe(1);
  });
});
