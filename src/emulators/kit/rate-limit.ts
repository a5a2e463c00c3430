import type { Clock } from "../../lib/clock.ts";

export interface LimitDecision {
  allowed: boolean;
  /** Requests left in the window after this one. */
  remaining: number;
  /** Milliseconds until the oldest request in the window leaves it. */
  retryAfterMs: number;
}

/**
 * Sliding-window counters keyed by (account, policy). Vendors count requests in rolling windows
 * (HubSpot's TEN_SECONDLY_ROLLING, Intuit's per-minute and per-second limits), so a fixed-window
 * counter would let a client burst twice the limit across a boundary.
 */
export class SlidingWindowLimiter {
  #hits = new Map<string, number[]>();
  enabled = true;

  constructor(private readonly clock: Clock) {}

  hit(key: string, limit: number, windowMs: number): LimitDecision {
    const now = this.clock.now().getTime();
    const recent = (this.#hits.get(key) ?? []).filter((t) => t > now - windowMs);
    if (!this.enabled) return { allowed: true, remaining: limit, retryAfterMs: 0 };
    if (recent.length >= limit) {
      this.#hits.set(key, recent);
      return { allowed: false, remaining: 0, retryAfterMs: Math.max(1, recent[0]! + windowMs - now) };
    }
    recent.push(now);
    this.#hits.set(key, recent);
    return { allowed: true, remaining: limit - recent.length, retryAfterMs: 0 };
  }

  reset(): void {
    this.#hits.clear();
  }
}
