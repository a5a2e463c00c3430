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
