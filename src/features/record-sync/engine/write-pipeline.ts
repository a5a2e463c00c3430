/**
 * An initial sync's chunks in flight (ADR 0044): up to `sendsAtOnce` chunks' writes go side by side,
 * and their saves run one after the other in the order the chunks came, since the checkpoint moves
 * past each in turn. Up to `unsavedAtMost` chunks may be sent and not yet saved, more than the sends
 * in flight: a chunk whose call is retrying then holds up only the saves behind it, not the writes of
 * the chunks after it (they were all waiting for the oldest chunk, sixteen at a time, before).
 */
export class WritePipeline {
  #saved: Promise<void> = Promise.resolve();
  readonly #unsaved: Array<Promise<void>> = [];
  readonly #sending = new Set<Promise<void>>();

  constructor(
    private readonly sendsAtOnce: number,
    private readonly unsavedAtMost: number,
  ) {}

  /** Resolves once every chunk added so far is saved (or its save gave up). */
  get saved(): Promise<void> {
    return this.#saved;
  }

  /**
   * Adds a chunk whose writes are `sending`; `save` gets what they answered once every earlier
   * chunk's save is done. Resolves when there is room for the next chunk.
   */
  async add<T>(sending: Promise<T>, save: (sent: T) => Promise<void>): Promise<void> {
    // Settles either way: a send that throws surfaces in its save step.
    const gone = () => void this.#sending.delete(tracked);
    const tracked: Promise<void> = sending.then(gone, gone);
    this.#sending.add(tracked);
    const step = this.#saved.then(async () => save(await sending));
    // A failed save surfaces where `saved` or a later `add` awaits it. Until then the run may be
    // busy reading or deciding, and a rejection nobody holds yet would end the process.
    step.catch(() => undefined);
    this.#saved = step;
    this.#unsaved.push(step);
    while (this.#sending.size >= this.sendsAtOnce) await Promise.race(this.#sending);
    while (this.#unsaved.length >= this.unsavedAtMost) await this.#unsaved.shift();
  }
}
