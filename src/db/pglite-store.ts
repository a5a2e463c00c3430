import { execFile } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import type { PGlite } from "@electric-sql/pglite";

/**
 * Opening the embedded database without paying for `initdb` in the long-running process (ADR 0039).
 *
 * Measured on PGlite 0.5.16: creating a cluster (initdb) grows a Node process to ~830 MB, and V8
 * never gives the WebAssembly memory and code of that first run back; opening a directory that
 * already holds a cluster costs ~310 MB, of which 128 MB is Postgres's default `shared_buffers`.
 * So a new cluster is made by a short-lived child process, and the long-running one only ever
 * opens an existing cluster with a smaller buffer pool (the operating system's page cache still
 * caches the files underneath). Throw-away `memory://` databases (tests) start from a gzipped
 * snapshot of such a cluster, made once per PGlite version and settings and kept in the temp
 * directory: loading it takes a quarter of the time of an initdb.
 */

export interface EmbeddedSettings {
  /** Postgres's `shared_buffers` for the embedded cluster, e.g. "32MB". */
  sharedBuffers: string;
}

export const defaultEmbeddedSettings: EmbeddedSettings = { sharedBuffers: "32MB" };

/** Our settings live in their own file, included by postgresql.conf, so each start can rewrite them. */
const settingsFile = "ledgerlink.conf";
const includeLine = `include_if_exists = '${settingsFile}'`;

export async function openPglite(dataDir: string, settings = defaultEmbeddedSettings): Promise<PGlite> {
  checkSettings(settings);
  const { PGlite } = await import("@electric-sql/pglite");
  if (dataDir.startsWith("memory://")) {
    const snapshot = await clusterSnapshot(settings);
    return PGlite.create({ loadDataDir: new Blob([new Uint8Array(snapshot)]) });
  }
  mkdirSync(dataDir, { recursive: true });
  if (!existsSync(join(dataDir, "PG_VERSION"))) await inChild("init", dataDir);
  writeSettings(dataDir, settings);
  return PGlite.create(dataDir);
}

function checkSettings(settings: EmbeddedSettings): void {
  if (!/^[1-9][0-9]{0,5}(kB|MB|GB)$/.test(settings.sharedBuffers)) {
    throw new Error(`Embedded shared_buffers must be a size such as "32MB", not "${settings.sharedBuffers}"`);
  }
}

/** Points postgresql.conf at our file once, then (re)writes our file: clusters made before this keep working. */
function writeSettings(dataDir: string, settings: EmbeddedSettings): void {
  const conf = join(dataDir, "postgresql.conf");
  const current = readFileSync(conf, "utf8");
  if (!current.includes(includeLine)) writeFileSync(conf, `${current.trimEnd()}\n${includeLine}\n`);
  writeFileSync(join(dataDir, settingsFile), `shared_buffers = '${settings.sharedBuffers}'\n`);
}

async function clusterSnapshot(settings: EmbeddedSettings): Promise<Buffer> {
  const file = join(tmpdir(), `ledgerlink-pglite-${pgliteVersion()}-${settings.sharedBuffers}.tar.gz`);
  if (!existsSync(file)) {
    // Each racing process writes its own file and renames it into place: the rename is atomic.
    const dir = join(tmpdir(), `ledgerlink-pglite-init-${process.pid}-${Date.now()}`);
    await inChild("init", dir);
    writeSettings(dir, settings);
    const partial = `${file}.${process.pid}.partial`;
    await inChild("snapshot", dir, partial);
    renameSync(partial, file);
    rmSync(dir, { recursive: true, force: true });
  }
  return readFileSync(file);
}

function pgliteVersion(): string {
  const entry = fileURLToPath(import.meta.resolve("@electric-sql/pglite"));
  const manifest = join(dirname(entry), "..", "package.json");
  return (JSON.parse(readFileSync(manifest, "utf8")) as { version: string }).version;
}

/**
 * The child is plain ESM run by this Node binary, importing PGlite by its resolved URL, so it needs
 * neither tsx nor a build step.
 */
const childScript = `
const [mode, dir, out] = process.argv.slice(1);
const { PGlite } = await import(process.env.PGLITE_URL);
const db = await PGlite.create(dir);
await db.query("select 1");
if (mode === "snapshot") {
  const { writeFileSync } = await import("node:fs");
  const blob = await db.dumpDataDir("gzip");
  writeFileSync(out, Buffer.from(await blob.arrayBuffer()));
}
await db.close();
`;

async function inChild(mode: "init" | "snapshot", dir: string, out = ""): Promise<void> {
  const pgliteUrl = import.meta.resolve("@electric-sql/pglite");
  await promisify(execFile)(process.execPath, ["--input-type=module", "-e", childScript, mode, dir, out], {
    env: { ...process.env, PGLITE_URL: pgliteUrl },
    maxBuffer: 1024 * 1024,
  });
}
