import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { closedPort, occupiedPort, recordingIO } from "../../test/support/cli.ts";
import { generateSecretKey } from "../lib/crypto.ts";
import { MISSING_SECRET_KEY } from "../main.ts";
import { runCli } from "./run.ts";

const key = generateSecretKey();
const tempDir = () => mkdtempSync(join(tmpdir(), "ll-start-"));

describe("serve and worker refuse the embedded database unless told --embedded", () => {
  it.each(["serve", "worker"])("%s without DATABASE_URL exits 2 saying what to do", async (name) => {
    const { io, out, err } = recordingIO({ LEDGERLINK_DATA_DIR: tempDir() });
    expect(await runCli([name], io)).toBe(2);
    expect(out).toEqual([]);
    expect(err).toEqual([
      `ledgerlink ${name}: DATABASE_URL is not set: set it to your PostgreSQL server, or pass --embedded ` +
        "to run on the embedded database in LEDGERLINK_DATA_DIR",
    ]);
  });
});

describe("a server is given its secret key", () => {
  it.each(["serve", "worker", "migrate"])(
    "%s with DATABASE_URL and no LEDGERLINK_SECRET_KEY exits 2 and writes no key",
    async (name) => {
      const dataDir = tempDir();
      const { io, err } = recordingIO({
        DATABASE_URL: `postgres://postgres@127.0.0.1:${await closedPort()}/ledgerlink`,
        LEDGERLINK_DATA_DIR: dataDir,
      });
      expect(await runCli([name], io)).toBe(2);
      expect(err).toEqual([`ledgerlink ${name}: ${MISSING_SECRET_KEY}`]);
      expect(MISSING_SECRET_KEY).toMatch(/^LEDGERLINK_SECRET_KEY is not set: with DATABASE_URL/);
    },
  );

  it("a malformed previous key exits 2 naming LEDGERLINK_PREVIOUS_SECRET_KEYS and which key", async () => {
    const { io, err } = recordingIO({
      LEDGERLINK_DATA_DIR: tempDir(),
      LEDGERLINK_SECRET_KEY: key,
      LEDGERLINK_PREVIOUS_SECRET_KEYS: `${generateSecretKey()},not-a-key`,
    });
    expect(await runCli(["worker", "--embedded"], io)).toBe(2);
    expect(err).toEqual([
      "ledgerlink worker: LEDGERLINK_PREVIOUS_SECRET_KEYS: key 2 is not 32 bytes, base64-encoded (keys are separated by commas)",
    ]);
  });
});

describe("every start error names its cause", () => {
  it.each(["serve", "worker", "migrate"])(
    "%s: an unreachable database, with the server's address and the real error",
    async (name) => {
      const port = await closedPort();
      const { io, err } = recordingIO({
        DATABASE_URL: `postgres://postgres@127.0.0.1:${port}/ledgerlink`,
        LEDGERLINK_SECRET_KEY: key,
      });
      expect(await runCli([name], io)).toBe(1);
      expect(err).toEqual([
        `ledgerlink ${name}: could not reach the PostgreSQL server 127.0.0.1:${port}, database "ledgerlink": ` +
          `connection refused at 127.0.0.1:${port} (check DATABASE_URL)`,
      ]);
    },
  );

  it("serve: the port in use, naming PORT", async () => {
    const busy = await occupiedPort();
    try {
      const { io, err } = recordingIO({
        LEDGERLINK_DATA_DIR: tempDir(),
        LEDGERLINK_SECRET_KEY: key,
        PORT: String(busy.port),
        LOG_LEVEL: "silent",
      });
      expect(await runCli(["serve", "--embedded"], io)).toBe(1);
      expect(err).toEqual([
        `ledgerlink serve: Port ${busy.port} is already in use; set PORT to another port`,
      ]);
    } finally {
      await busy.close();
    }
  }, 180_000);
});

describe("in production every line is JSON, start errors included", () => {
  const lines = (err: string[]) => err.map((l) => JSON.parse(l) as Record<string, unknown>);

  it("a refusal is one JSON line at level fatal", async () => {
    const { io, out, err } = recordingIO({ NODE_ENV: "production", LEDGERLINK_DATA_DIR: tempDir() });
    expect(await runCli(["serve"], io)).toBe(2);
    expect(out).toEqual([]);
    const [line] = lines(err);
    expect(line).toMatchObject({ level: 60, command: "serve" });
    expect(line!.msg).toMatch(/^DATABASE_URL is not set/);
  });

  it("an invalid configuration is one JSON line listing every problem (LOG_FORMAT=json)", async () => {
    const { io, err } = recordingIO({ LOG_FORMAT: "json", PORT: "eighty", DATABASE_URL: "mysql://x" });
    expect(await runCli(["worker"], io)).toBe(2);
    const [line] = lines(err);
    expect(line).toMatchObject({ level: 60, msg: "Invalid configuration" });
    expect((line!.problems as string[]).join()).toMatch(/DATABASE_URL.*PORT/);
  });
});
