import type { Clock } from "../../lib/clock.ts";

/**
 * The emulator's notion of "now". It runs in real time by default (offset by whatever
 * `/__emulator/clock` set), or stays frozen when created with `frozen: true`, which is what
 * tests want. Listeners hear every jump so that timers (webhook retries) can fire.
 */
export interface EmulatorClock extends Clock {
  set(now: Date): void;
  advance(ms: number): void;
  onChange(listener: () => void): () => void;
  /**
   * Back to where the clock started: the `start` it was created with (or, without one, the
   * moment of creation when frozen and the real time when running). `/__emulator/reset` calls it.
   */
  reset(): void;
  readonly frozen: boolean;
}

/** A move the clock will not make: a forward-only clock asked to go back. */
export class ClockMoveRefused extends Error {}

export interface EmulatorClockOptions {
  start?: Date | string;
  frozen?: boolean;
  /**
   * Refuse to go back (ClockMoveRefused) and keep the time on reset: the demo's clock, shared
   * with Ledgerlink, whose invoices turned overdue would not turn back (docs/adr/0025-demo-time-travel.md).
   */
  forwardOnly?: boolean;
}

export function createEmulatorClock(opts: EmulatorClockOptions = {}): EmulatorClock {
  const frozen = opts.frozen ?? false;
  const startMs = opts.start ? new Date(opts.start).getTime() : Date.now();
  let base = startMs;
  let realAtBase = Date.now();
  const listeners = new Set<() => void>();
  const nowMs = () => (frozen ? base : base + (Date.now() - realAtBase));
  // `current` is read once by the caller: a running clock ticks between two reads, and advance(0)
  // must not look like a move back.
  const jump = (ms: number, current = nowMs()) => {
    if (opts.forwardOnly && ms < current)
      throw new ClockMoveRefused(
        `This clock only moves forward: ${new Date(ms).toISOString()} is before its current time ${new Date(current).toISOString()}`,
      );
    base = ms;
    realAtBase = Date.now();
    for (const listener of listeners) listener();
  };
  return {
    frozen,
    now: () => new Date(nowMs()),
    set: (now) => jump(now.getTime()),
    advance: (ms) => {
      const current = nowMs();
      jump(current + ms, current);
    },
    // A running clock made without a start follows the real time; rewinding it drops the offset.
    reset: () => (opts.forwardOnly ? undefined : jump(opts.start || frozen ? startMs : Date.now())),
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** Accept either a full EmulatorClock or a plain Clock (wrapped as frozen at its current time). */
export function toEmulatorClock(clock: Clock | EmulatorClock | undefined): EmulatorClock {
  if (!clock) return createEmulatorClock();
  if ("advance" in clock && "onChange" in clock) return clock;
  return createEmulatorClock({ start: clock.now(), frozen: true });
}
