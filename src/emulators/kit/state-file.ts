import { mkdirSync, readFileSync, renameSync, writeFileSync, existsSync } from "node:fs";
import { dirname } from "node:path";

/**
 * Keeps an emulator's state in one JSON file (`--state FILE`). Writes go to a temporary file
 * that is renamed over the old one, so a crash mid-write leaves the previous state intact.
 */
export class StateFile<T> {
  #timer: NodeJS.Timeout | undefined;
  #pending: (() => T) | undefined;

  constructor(
    readonly path: string,
    private readonly debounceMs = 50,
  ) {}

  load(): T | undefined {
    if (!existsSync(this.path)) return undefined;
    return JSON.parse(readFileSync(this.path, "utf8")) as T;
  }

  saveNow(state: T): void {
    mkdirSync(dirname(this.path), { recursive: true });
    const tmp = `${this.path}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(state));
    renameSync(tmp, this.path);
  }

  /** Saves soon; many writes in a burst cost one file write. */
  scheduleSave(snapshot: () => T): void {
    this.#pending = snapshot;
    if (this.#timer) return;
    this.#timer = setTimeout(() => this.flush(), this.debounceMs);
  }

  flush(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = undefined;
    const pending = this.#pending;
    this.#pending = undefined;
    if (pending) this.saveNow(pending());
  }
}
