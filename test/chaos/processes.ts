import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { createWriteStream } from "node:fs";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { CHAOS_APP, type Host } from "./emulator-host.ts";

const root = fileURLToPath(new URL("../../", import.meta.url));
const cli = fileURLToPath(new URL("../../src/cli/main.ts", import.meta.url));
const hostScript = fileURLToPath(new URL("./emulator-host.ts", import.meta.url));

/** Resolves with the first stdout line that passes `test`; rejects if the child exits first. */
function lineOf(child: ChildProcess, test: (line: string) => boolean, what: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const rl = createInterface({ input: child.stdout! });
    rl.on("line", (line) => {
      if (test(line)) resolve(line);
    });
    child.once("exit", (code, signal) =>
      reject(new Error(`${what} exited (${code ?? signal}) before it was ready`)),
    );
  });
}

export interface Running {
  child: ChildProcess;
  kill(): Promise<void>;
}

function running(child: ChildProcess): Running {
  return {
    child,
    async kill() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, "exit");
      child.kill("SIGKILL"); // the chaos: no SIGTERM drain, no cleanup
      await exited;
    },
  };
}

export async function startEmulatorHost(seed: {
  customers: number;
  contacts: number;
  deals: number;
}): Promise<Running & { host: Host }> {
  const child = spawn(
    process.execPath,
    [
      "--import",
      "tsx",
      hostScript,
      "--customers",
      String(seed.customers),
      "--contacts",
      String(seed.contacts),
      "--deals",
      String(seed.deals),
    ],
    { cwd: root, stdio: ["ignore", "pipe", "inherit"] },
  );
  const line = await lineOf(child, (l) => l.startsWith("{"), "the emulator host");
  return { ...running(child), host: JSON.parse(line) as Host };
}

export interface Backend {
  kind: "postgres" | "pglite";
  /** postgres:// URL of this run's own database; absent for the embedded one. */
  databaseUrl?: string;
  dataDir: string;
  secretKey: string;
}

/** The environment `serve` and `worker` get: the emulators as the vendors, the run's database. */
export function roleEnv(backend: Backend, host: Host): NodeJS.ProcessEnv {
  return {
    ...process.env,
    NODE_ENV: "development",
    LOG_FORMAT: "json",
    PORT: "0",
    PUBLIC_URL: "",
    DATABASE_URL: backend.databaseUrl ?? "",
    LEDGERLINK_DATA_DIR: backend.dataDir,
    LEDGERLINK_SECRET_KEY: backend.secretKey,
    HUBSPOT_CLIENT_ID: CHAOS_APP.clientId,
    HUBSPOT_CLIENT_SECRET: CHAOS_APP.clientSecret,
    HUBSPOT_APP_ID: "1",
    HUBSPOT_API_BASE_URL: host.hubspotUrl,
    HUBSPOT_AUTH_BASE_URL: host.hubspotUrl,
    INTUIT_CLIENT_ID: CHAOS_APP.clientId,
    INTUIT_CLIENT_SECRET: CHAOS_APP.clientSecret,
    INTUIT_API_BASE_URL: host.qboUrl,
    INTUIT_AUTH_BASE_URL: host.qboUrl,
    INTUIT_OAUTH_BASE_URL: host.qboUrl,
    INTUIT_REVOKE_BASE_URL: host.qboUrl,
  };
}

/**
 * `ledgerlink worker` (or `serve`) as a real process from the sources. Ready when its start-up
 * (migrations, queues) is done: the worker logs "worker started", serve prints its bound address.
 */
export async function startRole(
  role: "serve" | "worker",
  backend: Backend,
  host: Host,
): Promise<Running & { url?: string }> {
  const args = ["--import", "tsx", cli, role, ...(backend.databaseUrl ? [] : ["--embedded"])];
  const env = roleEnv(backend, host);
  // The "ready" lines are info logs; stdout is read line by line, so their volume costs nothing.
  env.LOG_LEVEL = "info";
  const child = spawn(process.execPath, args, { cwd: root, env, stdio: ["ignore", "pipe", "inherit"] });
  // CHAOS_LOG_DIR keeps each process's JSON log (a row that misses a target can then be read).
  if (process.env.CHAOS_LOG_DIR)
    child.stdout!.pipe(
      createWriteStream(`${process.env.CHAOS_LOG_DIR}/${role}-${Date.now()}-${child.pid}.log`),
    );
  if (role === "serve") {
    // JSON logs: the "web listening" line carries the port the system picked.
    const line = await lineOf(child, (l) => l.includes("Ledgerlink web listening"), "serve");
    const { port } = JSON.parse(line) as { port: number };
    return { ...running(child), url: `http://127.0.0.1:${port}` };
  }
  await lineOf(child, (l) => l.includes('"worker started"'), "worker");
  return running(child);
}
