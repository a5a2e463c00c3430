import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { recordingIO } from "../../test/support/cli.ts";
import { EmbeddedDatabaseInUseError, lockFileFor } from "../db/embedded-lock.ts";
import { openDatabase } from "../db/kysely.ts";
import { generateSecretKey } from "../lib/crypto.ts";
import { runCli } from "./run.ts";

const cli = fileURLToPath(new URL("./main.ts", import.meta.url));

/** The first stdout line of a child matching `test` (bounded by the test's timeout). */
function firstLine(child: ChildProcess, test: (line: string) => boolean): Promise<string> {
  return new Promise((resolve, reject) => {
    createInterface({ input: child.stdout! }).on("line", (line) => {
      if (test(line)) resolve(line);
    });
    child.once("exit", (code) => reject(new Error(`exited with ${code} before the line`)));
  });
}

/** A PID that is certainly dead: a process that ran and exited. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ["-e", ""], { stdio: "ignore" });
  await once(child, "exit");
  return child.pid!;
}

describe("one owner of an embedded database directory (ADR 0036)", () => {
  it("refuses a second opener, names the owner, and frees the directory on close", async () => {
    const dir = join(mkdtempSync(join(tmpdir(), "ll-lock-")), "db");
    const first = await openDatabase({ dataDir: dir });
    try {
      const refused = await openDatabase({ dataDir: dir }).then(
        () => undefined,
        (error: unknown) => error,
      );
      expect(refused).toBeInstanceOf(EmbeddedDatabaseInUseError);
      expect((refused as Error).message).toContain(`in use by process ${process.pid}`);
    } finally {
      await first.close();
    }
    expect(existsSync(lockFileFor(dir))).toBe(false);
    const again = await openDatabase({ dataDir: dir });
    await again.close();
  }, 180_000); // three PGlite starts: slow on two busy cores

  it("takes over the lock of a process that died without closing (kill -9)", async () => {
    const dir = join(mkdtempSync(join(tmpdir(), "ll-lock-")), "db");
    const pid = await deadPid();
    writeFileSync(lockFileFor(dir), JSON.stringify({ pid, command: "ledgerlink demo", startedAt: "" }));
    const handle = await openDatabase({ dataDir: dir });
    await handle.close();
    expect(existsSync(lockFileFor(dir))).toBe(false);
  }, 180_000);
});

describe("commands pointed at a directory a running `serve --embedded` holds", () => {
  const dataDir = mkdtempSync(join(tmpdir(), "ll-owner-"));
  const env = { LEDGERLINK_DATA_DIR: dataDir, PORT: "0", LOG_LEVEL: "warn" };
  let child: ChildProcess | undefined;
  afterAll(() => {
    if (child?.exitCode === null) child.kill("SIGKILL");
  });

  it("status, doctor, migrate, worker and demo say who holds it and exit non-zero; after a kill -9 it is free", async () => {
    child = spawn(process.execPath, ["--import", "tsx", cli, "serve", "--embedded"], {
      stdio: ["ignore", "pipe", "inherit"],
      env: {
        ...process.env,
        ...env,
        NODE_ENV: "development",
        DATABASE_URL: "",
        LEDGERLINK_SECRET_KEY: generateSecretKey(),
      },
    });
    const line = await firstLine(child, (l) => l.startsWith("Ledgerlink listening on "));
    const url = line.replace("Ledgerlink listening on ", "");
    expect(url).toMatch(/^http:\/\/localhost:[1-9]\d*$/); // the bound port, not 0
    const owner = `in use by process ${child.pid} (ledgerlink serve, ${url})`;

    for (const argv of [["status"], ["doctor"], ["migrate"], ["worker", "--embedded"], ["demo"]]) {
      const run = recordingIO({ ...env, DEMO_HUBSPOT_PORT: "0", DEMO_QBO_PORT: "0" });
      const code = await runCli(argv, run.io);
      expect({ argv, code }).toEqual({ argv, code: 1 });
      expect(run.text()).toContain(owner);
    }
    expect((await fetch(`${url}/healthz`)).status).toBe(200); // the owner never noticed

    child.kill("SIGKILL");
    await once(child, "exit");
    const after = recordingIO(env);
    expect(await runCli(["migrate"], after.io)).toBe(0);
    expect(existsSync(lockFileFor(join(dataDir, "db")))).toBe(false);
  }, 180_000);
});
