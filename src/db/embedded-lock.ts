import { readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";

/**
 * One owner per embedded database directory (docs/adr/0036-one-owner-of-the-embedded-database.md).
 * Two PGlite instances on one directory each believe they own its files, and one of them starting
 * pg-boss beside the other corrupts what both see. The process that opens the directory holds
 * `<dir>.lock` (beside it, not inside: PGlite's data directory is Postgres's own): created with
 * `wx` so exactly one of two racing openers gets it, it names the owner's PID, command and, once
 * the web listens, its address. A lock whose PID is no longer alive (a `kill -9`, a power cut) is
 * stale and taken over; a clean close or exit removes it.
 */
export interface EmbeddedOwner {
  pid: number;
  /** What the owner runs, e.g. "ledgerlink demo". */
  command: string;
  startedAt: string;
  /** Its web address once it listens, so the refusal can point at it. */
  url?: string;
}

export class EmbeddedDatabaseInUseError extends Error {
  constructor(
    readonly dataDir: string,
    readonly owner: EmbeddedOwner,
  ) {
    const what = [owner.command, owner.url].filter(Boolean).join(", ");
    super(
      `the embedded database at ${resolve(dataDir)} is in use by process ${owner.pid}${what ? ` (${what})` : ""}: ` +
        "stop that process first, or point LEDGERLINK_DATA_DIR at another directory",
    );
    this.name = "EmbeddedDatabaseInUseError";
  }
}

export function lockFileFor(dataDir: string): string {
  const full = resolve(dataDir);
  return join(dirname(full), `${basename(full)}.lock`);
}

/** What this process runs, for the lock: "ledgerlink <command>" from the CLI, the script otherwise. */
export function describeThisProcess(argv = process.argv): string {
  const script = argv[1] ?? "";
  if (/(src\/cli\/main\.ts|bin\/ledgerlink(\.js)?)$/.test(script)) {
    return ["ledgerlink", argv[2]].filter(Boolean).join(" ");
  }
  return basename(script) || "node";
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0); // signal 0: only asks whether the process exists
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else, so it is alive.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function readOwner(file: string): EmbeddedOwner | undefined {
  try {
    const parsed = JSON.parse(readFileSync(file, "utf8")) as Partial<EmbeddedOwner>;
    return typeof parsed.pid === "number" ? (parsed as EmbeddedOwner) : undefined;
  } catch {
    return undefined;
  }
}

/** The live owner of a directory, if any (a stale or unreadable lock has none). */
export function embeddedOwner(dataDir: string): EmbeddedOwner | undefined {
  const owner = readOwner(lockFileFor(dataDir));
  return owner && isAlive(owner.pid) ? owner : undefined;
}

export interface EmbeddedLock {
  file: string;
  /** Adds the owner's web address, so a refused command can name it. */
  announce(url: string): void;
  release(): void;
}

/** Locks of this process, by file, so `announce` can find the one of a directory. */
const held = new Map<string, EmbeddedLock>();

/**
 * Takes the directory's lock or throws EmbeddedDatabaseInUseError naming its owner. The same
 * process opening it twice is refused as well: two PGlite instances in one process are as unsafe.
 */
export function acquireEmbeddedLock(dataDir: string, command = describeThisProcess()): EmbeddedLock {
  const file = lockFileFor(dataDir);
  let owner: EmbeddedOwner = { pid: process.pid, command, startedAt: new Date().toISOString() };
  for (let attempt = 0; ; attempt++) {
    try {
      writeFileSync(file, JSON.stringify(owner), { flag: "wx" });
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const current = readOwner(file);
      if (current && isAlive(current.pid)) throw new EmbeddedDatabaseInUseError(dataDir, current);
      // Stale (its process died) or half-written by a racing opener that then died: take it over.
      // Only one remover wins the race; the loser's `wx` then fails and it reads the new owner.
      if (attempt >= 3) throw new EmbeddedDatabaseInUseError(dataDir, current ?? owner);
      rmSync(file, { force: true });
    }
  }
  const onExit = () => lock.release();
  const lock: EmbeddedLock = {
    file,
    announce(url) {
      owner = { ...owner, url };
      // Write then rename: a reader never sees half a file.
      const tmp = `${file}.${process.pid}.tmp`;
      writeFileSync(tmp, JSON.stringify(owner));
      renameSync(tmp, file);
    },
    release() {
      process.off("exit", onExit);
      held.delete(file);
      if (readOwner(file)?.pid === process.pid) rmSync(file, { force: true });
    },
  };
  // A process that ends without closing (process.exit after a command) still leaves no lock.
  process.on("exit", onExit);
  held.set(file, lock);
  return lock;
}

/** Names this process's web address in the lock it holds on `dataDir`; nothing when it holds none. */
export function announceEmbeddedOwner(dataDir: string, url: string): void {
  held.get(lockFileFor(dataDir))?.announce(url);
}
