import type { Clock } from "../lib/clock.ts";
import { metrics } from "../lib/metrics.ts";
import { err, ok, type Result } from "../lib/result.ts";
import type { AttemptInfo, HttpClientOptions, Sleep, VendorError } from "./http-client.ts";

/**
 * Rate budgets (ADR 0009, ADR 0041): we take a grant before every vendor call instead of finding the
 * limits through 429s (docs/vendors/hubspot.md §8, docs/vendors/quickbooks.md §10). The vendors
 * count requests in rolling windows, so a budget is a sliding window: a call may go when fewer than
 * `limit` calls were granted in the last `windowMs`. An idle account's calls all go at once (no
 * spacing between a job's few calls), and a busy one gets the whole limit. The windows live in the
 * database so every worker process spends the same budget; this module holds the policies and the
 * waiting, and `db/rate-budgets.ts` the atomic SQL behind `BucketStore`.
 */

export interface BucketSpec {
  key: string;
  /** Calls allowed in any `windowMs`. */
  limit: number;
  windowMs: number;
}

export type Grant = { granted: true } | { granted: false; waitMs: number };

/** Takes one grant from every window atomically (all or none) at `now`. */
export interface BucketStore {
  take(buckets: readonly BucketSpec[], now: Date): Promise<Grant>;
  /** Closes every window for `pauseMs`: all workers wait, not only the one that saw the 429. */
  pause(buckets: readonly BucketSpec[], pauseMs: number, now: Date): Promise<void>;
  /** Grants each window has left at `now` (negative while paused), taking none. */
  peek(buckets: readonly BucketSpec[], now: Date): Promise<Map<string, number>>;
}

/** A window of `limit` calls per `windowMs`; `limit` is what we plan, a little under the vendor's. */
export function windowBucket(key: string, limit: number, windowMs: number): BucketSpec {
  return { key, limit, windowMs };
}

/** A window's sustained rate, in calls per second: what planners divide work by. */
export const perSecond = (bucket: Pick<BucketSpec, "limit" | "windowMs">): number =>
  bucket.limit / (bucket.windowMs / 1000);

/**
 * HubSpot, public (OAuth) app: 110 requests per rolling 10 s per app and installing account, and
 * 5 per second for search (docs/vendors/hubspot.md §8;
 * https://developers.hubspot.com/docs/guides/apps/api-usage/usage-details). The docs say search is outside
 * the 10-second limit; we still charge search to it, which costs little and stays safe if a portal (or our
 * emulator) counts it.
 */
export const HUBSPOT_PLANNED_PER_10S = 106;

export function hubspotBuckets(
  portalId: string,
  appId: string,
  opts: { search?: boolean } = {},
): BucketSpec[] {
  const account = `hubspot:${appId}:${portalId}`;
  // Four short of 110, and at most 11 in any second: requests granted at once can reach HubSpot
  // a few hundred ms apart (a busy event loop, a database round trip), and a burst that arrives late
  // fills the next window early. At 11 a second the 10-second window still binds (10.6 a second).
  // Without the second's window, bursts, then HubSpot's 429 and a 10-second pause for every worker:
  // 100,000 contacts took 150 s; with it and two short, still three such pauses (128 s); so, 98 s.
  const buckets = [
    windowBucket(`${account}:burst`, HUBSPOT_PLANNED_PER_10S, 10_000),
    windowBucket(`${account}:second`, 11, 1_000),
  ];
  // 5 per 1.1 s: a second's five can arrive bunched (see qboBuckets) without a sixth in one second.
  if (opts.search) buckets.push(windowBucket(`${account}:search`, 5, 1_100));
  return buckets;
}

/**
 * QBO, per realm and app: 10 per second, 500 per minute, and 40 batch calls per minute
 * (docs/vendors/quickbooks.md §10;
 * https://developer.intuit.com/app/developer/qbo/docs/learn/limits-and-throttles). Each window is
 * planned a little under Intuit's: Intuit counts a request when it arrives, and a request waits
 * between our grant and the wire (a token read, a busy event loop), so requests granted at exactly
 * the limit can arrive 11 in a second and buy a 60-second pause (ADR 0032). 10 per 1.1 s tolerates
 * 100 ms of that, 495 a minute and 39 batches a minute one request each.
 */
export function qboBuckets(realmId: string, opts: { batch?: boolean } = {}): BucketSpec[] {
  const realm = `qbo:${realmId}`;
  const buckets = [windowBucket(`${realm}:second`, 10, 1_100), windowBucket(`${realm}:minute`, 495, 60_000)];
  if (opts.batch) buckets.push(windowBucket(`${realm}:batch`, 39, 60_000));
  return buckets;
}

/**
 * Time for one window to grant `calls` more when `left` are grantable now (negative while paused):
 * what is left goes at once, the rest at the window's sustained rate. A lower bound, good for ETAs.
 */
export function etaFor(bucket: BucketSpec, left: number, calls: number): number {
  const missing = calls - left;
  return missing <= 0 ? 0 : Math.ceil((missing / perSecond(bucket)) * 1000);
}

export interface OverBudget {
  /** How long the budget still needed when we stopped waiting. */
  waitMs: number;
}

export interface RateBudgetOptions {
  store: BucketStore;
  clock: Clock;
  sleep: Sleep;
  /** `take()` gives up after waiting this long, so a job can be rescheduled instead of holding a worker. */
  maxWaitMs?: number;
}

export class RateBudget {
  readonly #opts: RateBudgetOptions;
  /** This process's callers waiting on the same windows, in line: the last one's turn ending. */
  readonly #lines = new Map<string, Promise<void>>();

  constructor(opts: RateBudgetOptions) {
    this.#opts = opts;
  }

  /** One try: a grant from every window now, or how long until there would be. */
  acquire(buckets: readonly BucketSpec[]): Promise<Grant> {
    return this.#opts.store.take(buckets, this.#opts.clock.now());
  }

  /** After the vendor said 429 despite the budget (another app, a smaller real limit): everyone waits. */
  pause(buckets: readonly BucketSpec[], pauseMs: number): Promise<void> {
    return this.#opts.store.pause(buckets, pauseMs, this.#opts.clock.now());
  }

  /**
   * How long `calls` more calls will take at best, from what the buckets hold now: lets a backfill
   * be planned (and shown with an ETA) instead of pushed until the vendor says 429.
   */
  async etaMs(buckets: readonly BucketSpec[], calls: number): Promise<number> {
    const held = await this.#opts.store.peek(buckets, this.#opts.clock.now());
    return Math.max(0, ...buckets.map((b) => etaFor(b, held.get(b.key) ?? b.limit, calls)));
  }

  /**
   * Waits (injected sleep) until every window grants the call; gives up after `maxWaitMs`. Callers
   * of one process wanting the same windows wait in line, and only the first asks the store: when
   * sixteen calls wait for one grant, the other fifteen would each ask again at every grant, a
   * transaction each on the windows' rows for nothing. Other processes still meet this one's
   * callers in the store.
   */
  async take(
    buckets: readonly BucketSpec[],
    signal?: AbortSignal,
  ): Promise<Result<{ waitedMs: number }, OverBudget>> {
    const key = buckets.map((b) => b.key).join(" ");
    const ahead = this.#lines.get(key);
    let done!: () => void;
    const turn = new Promise<void>((resolve) => (done = resolve));
    const end = (ahead ?? Promise.resolve()).then(() => turn);
    this.#lines.set(key, end);
    const queuedAt = this.#opts.clock.now().getTime();
    try {
      await ahead;
      return await this.#takeInTurn(buckets, this.#opts.clock.now().getTime() - queuedAt, signal);
    } finally {
      done();
      if (this.#lines.get(key) === end) this.#lines.delete(key);
    }
  }

  async #takeInTurn(
    buckets: readonly BucketSpec[],
    queuedMs: number,
    signal?: AbortSignal,
  ): Promise<Result<{ waitedMs: number }, OverBudget>> {
    const maxWaitMs = this.#opts.maxWaitMs ?? 120_000;
    // Bucket keys start with the vendor ("qbo:…", "hubspot:…"): the label of the wait metrics.
    const vendor = buckets[0]?.key.split(":")[0] ?? "other";
    let waitedMs = queuedMs;
    if (queuedMs > 0) metrics.budgetWaitSeconds.inc({ vendor }, queuedMs / 1000);
    for (;;) {
      const grant = await this.acquire(buckets);
      if (grant.granted) return ok({ waitedMs });
      if (waitedMs + grant.waitMs > maxWaitMs || signal?.aborted) {
        metrics.budgetExhausted.inc({ vendor });
        return err({ waitMs: grant.waitMs });
      }
      await this.#opts.sleep(grant.waitMs, signal);
      waitedMs += grant.waitMs;
      metrics.budgetWaitSeconds.inc({ vendor }, grant.waitMs / 1000);
    }
  }
}

/**
 * Which vendor 429s pause every worker (ADR 0044). One whose answer shows the account's window spent
 * (`windowSpent`: HubSpot's limiter headers) pauses at once. One without that evidence (Intuit never
 * sends any; a gateway's 429) pauses only when it is the third 429 for the same account with no
 * other answer between them: a real throttle refuses every call in flight, while a lone 429 among
 * answered calls says only that this call must wait its `Retry-After`, which the HTTP client's retry
 * does. Pausing the whole account for every lone 429 stood the budget still about as long as it ran
 * under 10 % refusals; at two in a row, chance pairs (1 % of answers at 10 % refusals, with eight
 * calls in flight) still stood it still a second or two a minute. Counted per process: each process
 * sees a throttle within three answers, the few calls in flight meanwhile each waiting their own.
 */
const THROTTLE_STREAK = 3;

export class ThrottleStreaks {
  readonly #refusedInARow = new Map<string, number>();

  answered(account: string): void {
    this.#refusedInARow.delete(account);
  }

  /** Records a 429 for the account; true when the whole account should pause. */
  refused(account: string, error: Pick<VendorError, "windowSpent">): boolean {
    const inARow = (this.#refusedInARow.get(account) ?? 0) + 1;
    this.#refusedInARow.set(account, inARow);
    return error.windowSpent === true || inARow >= THROTTLE_STREAK;
  }
}

/**
 * The http-client hooks for one client: `beforeRequest` takes a grant for every attempt (retries
 * included) and fails as `rate_limited`, without calling the vendor, when the budget stays empty
 * past `maxWaitMs`; `onRateLimited` turns a vendor throttle into a pause every worker respects.
 */
export function budgetHooks(
  budget: RateBudget,
  bucketsFor: (info: AttemptInfo) => readonly BucketSpec[],
  streaks = new ThrottleStreaks(),
): Required<Pick<HttpClientOptions, "beforeRequest" | "onRateLimited" | "onAnswered">> {
  // The first bucket is the account's own window ("qbo:{realm}:second", "hubspot:{app}:{portal}:burst").
  const account = (info: AttemptInfo) => bucketsFor(info)[0]?.key ?? "";
  return {
    beforeRequest: async (info) => {
      const taken = await budget.take(bucketsFor(info));
      if (taken.ok) return taken;
      return err({
        kind: "rate_limited",
        retryable: true,
        retryAfterMs: taken.error.waitMs,
        code: "LOCAL_BUDGET",
        message: `rate budget exhausted; next call allowed in ${taken.error.waitMs} ms`,
      });
    },
    onRateLimited: async (info, error) => {
      if (!streaks.refused(account(info), error)) return;
      await budget.pause(bucketsFor(info), error.retryAfterMs ?? DEFAULT_PAUSE_MS);
    },
    onAnswered: (info) => streaks.answered(account(info)),
  };
}

/** A 429 without a hint: HubSpot's rolling window is 10 s (Intuit asks for 60 s, and says so in its classifier). */
const DEFAULT_PAUSE_MS = 10_000;
