/** A FIFO async mutex: `lock()` resolves with a release function once every earlier holder released. */
export class Mutex {
  #tail: Promise<void> = Promise.resolve();

  lock(): Promise<() => void> {
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const acquired = this.#tail.then(() => release);
    this.#tail = this.#tail.then(() => released);
    return acquired;
  }
}

/**
 * One `Mutex` per key, made when first asked for and dropped when its last user leaves, so a
 * process that meets millions of keys keeps only those in use.
 */
export class KeyedMutex {
  #locks = new Map<string, { mutex: Mutex; users: number }>();

  async run<T>(key: string, fn: () => Promise<T>): Promise<T> {
    const entry = this.#locks.get(key) ?? { mutex: new Mutex(), users: 0 };
    this.#locks.set(key, entry);
    entry.users += 1;
    const release = await entry.mutex.lock();
    try {
      return await fn();
    } finally {
      release();
      entry.users -= 1;
      if (entry.users === 0) this.#locks.delete(key);
    }
  }

  /** Keys held or waited for (tests check that none is left behind). */
  get size(): number {
    return this.#locks.size;
  }
}
