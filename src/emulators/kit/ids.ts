/** Monotonic numeric ids per namespace, as both vendors hand out (serializable for --state). */
export class IdSequence {
  constructor(private counters: Record<string, number> = {}) {}

  next(namespace: string, start = 1): string {
    const value = this.counters[namespace] ?? start;
    this.counters[namespace] = value + 1;
    return String(value);
  }

  toJSON(): Record<string, number> {
    return { ...this.counters };
  }
}
