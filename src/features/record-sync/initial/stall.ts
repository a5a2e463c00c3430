import type { HttpClient, Sleep, VendorError } from "../../../connectors/http-client.ts";
import type { Clock } from "../../../lib/clock.ts";
import { err } from "../../../lib/result.ts";

/** The code of the error a run gives up with: no batch saved for the whole stall timeout. */
export const STALLED = "STALLED";

/**
 * Keeps an initial sync going through vendor faults (ADR 0032): a retryable failure is retried,
 * as the same request (same QBO `requestid`, same HubSpot upsert key), after the vendor's
 * `Retry-After` (or a capped backoff), for as long as the run keeps saving batches. Only when no
 * batch has been saved for `stallMs` does the failure come back, as a non-retryable `STALLED`.
 * Not a fixed number of attempts: 30 % faults slow a run down, they do not end it.
 */
export class StallGuard {
  #lastProgress: number;
  #lastError: VendorError | undefined;

  constructor(
    private readonly clock: Clock,
    private readonly sleep: Sleep,
    readonly stallMs: number,
    private readonly backoff = { baseMs: 1_000, capMs: 60_000 },
    private readonly random: () => number = Math.random,
  ) {
    this.#lastProgress = clock.now().getTime();
  }

  /** A batch was saved: the run is moving. */
  progressed(): void {
    this.#lastProgress = this.clock.now().getTime();
  }

  /** The failure that is being retried now, if any (for the progress page). */
  get lastError(): VendorError | undefined {
    return this.#lastError;
  }

  /** Wraps a vendor client of the run. */
  wrap(http: HttpClient): HttpClient {
    return {
      request: async (req) => {
        for (let attempt = 1; ; attempt++) {
          const res = await http.request(req);
          if (res.ok) {
            this.#lastError = undefined;
            return res;
          }
          const error = res.error;
          // The same rule as the HTTP client's: a POST whose effect is unknown is repeated only
          // when it is idempotent; a 429 always (the vendor refused it, nothing happened).
          const repeatable = (req.idempotent ?? req.method !== "POST") || error.kind === "rate_limited";
          if (!error.retryable || !repeatable) return res;
          this.#lastError = error;
          const idleMs = this.clock.now().getTime() - this.#lastProgress;
          if (idleMs >= this.stallMs) return err(this.stalled(error));
          const jitter = Math.floor(
            this.random() * Math.min(this.backoff.capMs, this.backoff.baseMs * 2 ** (attempt - 1)),
          );
          // The vendor's hint is a floor; never sleep past the moment the run would give up.
          const waitMs = Math.min((error.retryAfterMs ?? 0) + jitter, this.stallMs - idleMs);
          await this.sleep(Math.max(1, waitMs), req.signal);
        }
      },
    };
  }

  stalled(error: VendorError): VendorError {
    const minutes = Math.round(this.stallMs / 60_000);
    return {
      ...error,
      retryable: false,
      code: STALLED,
      message: `no progress for ${minutes} min; last error: ${error.message}`,
    };
  }
}
