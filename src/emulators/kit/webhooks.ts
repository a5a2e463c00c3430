import type { EmulatorClock } from "./clock.ts";

export interface DeliveryAttempt {
  at: string;
  status?: number;
  error?: string;
}

export interface WebhookDelivery {
  id: number;
  url: string;
  body: string;
  /** Headers of the last attempt (signatures are computed per attempt: they carry a timestamp). */
  headers: Record<string, string>;
  state: "pending" | "delivered" | "failed" | "dropped";
  attempts: DeliveryAttempt[];
  nextAttemptAt?: string;
  createdAt: string;
  /** What the emulator needs to sign this delivery again after a restart (its app, its events). */
  meta?: unknown;
}

/** The signer and body renderer of a restored delivery, rebuilt by its emulator from `meta`. */
export interface DeliveryHooks {
  sign: Signer;
  render?: Render;
}

export interface DispatcherSnapshot {
  nextId: number;
  deliveries: WebhookDelivery[];
}

export interface WebhookDispatcherOptions {
  clock: EmulatorClock;
  fetch?: typeof fetch;
  /** Delay before each retry, in emulator milliseconds; its length is the number of retries. */
  retryScheduleMs: number[];
  /** Deliver on its own (the CLI); when false, only `flush()` delivers (tests). */
  autoDeliver?: boolean;
  /** How long one attempt may take before it counts as failed. */
  timeoutMs?: number;
}

export type Signer = (body: string, now: Date) => Record<string, string>;
/** Rebuilds the body for an attempt (0 for the first), for vendors whose payload counts retries. */
export type Render = (attempt: number) => string;

/**
 * Delivers signed notifications and retries them on the vendor's schedule, measured on the
 * emulator clock so that a test can advance time instead of waiting for a retry.
 */
export class WebhookDispatcher {
  #deliveries: WebhookDelivery[] = [];
  #signers = new Map<number, Signer>();
  #renders = new Map<number, Render>();
  #nextId = 1;
  #flushing: Promise<WebhookDelivery[]> | undefined;
  #timer: NodeJS.Timeout | undefined;
  enabled = true;

  constructor(private readonly opts: WebhookDispatcherOptions) {
    if (opts.autoDeliver) {
      opts.clock.onChange(() => this.#kick());
      // Real time passes on a running clock, so retries fall due without anyone calling flush.
      if (!opts.clock.frozen) this.#timer = setInterval(() => this.#kick(), 1000).unref();
    }
  }

  enqueue(
    url: string,
    body: string,
    sign: Signer,
    opts: { render?: Render; meta?: unknown } = {},
  ): WebhookDelivery {
    const { render, meta } = opts;
    const now = this.opts.clock.now().toISOString();
    const delivery: WebhookDelivery = {
      id: this.#nextId++,
      url,
      body,
      headers: {},
      state: this.enabled ? "pending" : "dropped",
      attempts: [],
      nextAttemptAt: this.enabled ? now : undefined,
      createdAt: now,
      ...(meta === undefined ? {} : { meta }),
    };
    this.#deliveries.push(delivery);
    if (this.enabled) this.#signers.set(delivery.id, sign);
    if (this.enabled && render) this.#renders.set(delivery.id, render);
    if (this.opts.autoDeliver) this.#kick();
    return delivery;
  }

  list(): WebhookDelivery[] {
    return this.#deliveries.map((d) => ({ ...d, attempts: [...d.attempts] }));
  }

  /** Every delivery (pending retries included) for an emulator's state file. */
  snapshot(): DispatcherSnapshot {
    return { nextId: this.#nextId, deliveries: this.list() };
  }

  /**
   * Takes deliveries back after a restart. Signers are functions and cannot be saved, so the
   * emulator rebuilds them from each delivery's `meta`; a pending delivery it cannot rebuild (its
   * app is gone) is dropped rather than sent unsigned.
   */
  restore(
    saved: DispatcherSnapshot,
    rebuild: (delivery: WebhookDelivery) => DeliveryHooks | undefined,
  ): void {
    this.clear();
    this.#nextId = saved.nextId;
    for (const delivery of structuredClone(saved.deliveries)) {
      this.#deliveries.push(delivery);
      if (delivery.state !== "pending") continue;
      const hooks = rebuild(delivery);
      if (!hooks) {
        delivery.state = "dropped";
        delivery.nextAttemptAt = undefined;
        continue;
      }
      this.#signers.set(delivery.id, hooks.sign);
      if (hooks.render) this.#renders.set(delivery.id, hooks.render);
    }
    if (this.opts.autoDeliver) this.#kick();
  }

  clear(): void {
    this.#deliveries = [];
    this.#signers.clear();
    this.#renders.clear();
  }

  /** Attempts every delivery that is due now; resolves with the ones attempted. */
  flush(): Promise<WebhookDelivery[]> {
    const run = (this.#flushing ?? Promise.resolve([])).then(() => this.#attemptDue());
    this.#flushing = run;
    return run;
  }

  close(): void {
    if (this.#timer) clearInterval(this.#timer);
  }

  #kick(): void {
    this.flush().catch(() => undefined);
  }

  async #attemptDue(): Promise<WebhookDelivery[]> {
    const now = this.opts.clock.now();
    const due = this.#deliveries.filter(
      (d) => d.state === "pending" && d.nextAttemptAt && d.nextAttemptAt <= now.toISOString(),
    );
    for (const delivery of due) await this.#attempt(delivery, now);
    return due;
  }

  async #attempt(delivery: WebhookDelivery, now: Date): Promise<void> {
    const sign = this.#signers.get(delivery.id);
    if (!sign) return;
    const render = this.#renders.get(delivery.id);
    if (render) delivery.body = render(delivery.attempts.length);
    delivery.headers = { "content-type": "application/json", ...sign(delivery.body, now) };
    const attempt: DeliveryAttempt = { at: now.toISOString() };
    try {
      const res = await (this.opts.fetch ?? fetch)(delivery.url, {
        method: "POST",
        headers: delivery.headers,
        body: delivery.body,
        signal: AbortSignal.timeout(this.opts.timeoutMs ?? 10_000),
      });
      attempt.status = res.status;
      await res.body?.cancel();
    } catch (error) {
      attempt.error = error instanceof Error ? error.message : String(error);
    }
    delivery.attempts.push(attempt);
    const success = attempt.status !== undefined && attempt.status >= 200 && attempt.status < 300;
    const retryIn = this.opts.retryScheduleMs[delivery.attempts.length - 1];
    if (success || retryIn === undefined) {
      delivery.state = success ? "delivered" : "failed";
      delivery.nextAttemptAt = undefined;
      this.#signers.delete(delivery.id);
      this.#renders.delete(delivery.id);
    } else {
      delivery.nextAttemptAt = new Date(now.getTime() + retryIn).toISOString();
    }
  }
}
