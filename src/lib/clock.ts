/** Everything that reads time takes a Clock, so tests can move time instead of waiting for it. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock that only moves when told to: the default in tests. */
export class ManualClock implements Clock {
  #ms: number;
  constructor(start: Date | string = "2026-01-15T12:00:00.000Z") {
    this.#ms = new Date(start).getTime();
  }
  now(): Date {
    return new Date(this.#ms);
  }
  set(now: Date | string): void {
    this.#ms = new Date(now).getTime();
  }
  advance(ms: number): void {
    this.#ms += ms;
  }
}

/**
 * A clock that can be moved and says when it jumps: only the demo hands Ledgerlink one (its
 * emulators' shared clock, docs/adr/0025-demo-time-travel.md); `serve` and `worker` use systemClock.
 */
export interface MovableClock extends Clock {
  advance(ms: number): void;
  /** Called after every jump; returns the unsubscribe. */
  onChange(listener: () => void): () => void;
}

export function isMovableClock(clock: Clock): clock is MovableClock {
  const c = clock as Partial<MovableClock>;
  return typeof c.advance === "function" && typeof c.onChange === "function";
}
