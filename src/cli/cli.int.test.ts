import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { closedPort, occupiedPort, recordingIO } from "../../test/support/cli.ts";
import { openDatabase } from "../db/kysely.ts";
import { jobCatalogue } from "../features/catalogue.ts";
import { parseEmulateArgs } from "./commands/emulate.ts";
import { commands, runCli } from "./run.ts";

const tempDir = () => mkdtempSync(join(tmpdir(), "ll-cli-"));

describe("ledgerlink CLI", () => {
  it("lists every command and exits 2 without one", async () => {
    const { io, text } = recordingIO();
    expect(await runCli([], io)).toBe(2);
    for (const name of ["demo", "serve", "worker", "migrate", "emulate", "doctor", "status"]) {
      expect(text()).toContain(name);
    }
  });

  it.each(commands.map((c) => c.name))("prints help for %s", async (name) => {
    const { io, out } = recordingIO();
    expect(await runCli([name, "--help"], io)).toBe(0);
    expect(out.join("\n")).toContain(`ledgerlink ${name}`);
  });

  it("exits 2 with one readable message naming every bad variable", async () => {
    const { io, err, out } = recordingIO({ PORT: "eighty", DATABASE_URL: "mysql://db", PUBLIC_URL: "nope" });
    expect(await runCli(["serve"], io)).toBe(2);
    expect(out).toEqual([]);
    expect(err).toHaveLength(1);
    const message = err[0]!;
    expect(message).toMatch(/^Invalid configuration:/);
    for (const v of ["PORT", "DATABASE_URL", "PUBLIC_URL"]) expect(message).toContain(v);
    expect(message).not.toMatch(/at .*\.ts:\d+/); // no stack trace
  });

  it("refuses an unknown command", async () => {
    const { io, err } = recordingIO();
    expect(await runCli(["frobnicate"], io)).toBe(2);
    expect(err.join()).toContain('Unknown command "frobnicate"');
  });

  it("migrates the embedded database and reports it current on the second run", async () => {
    const env = { LEDGERLINK_DATA_DIR: tempDir() };
    const first = recordingIO(env);
    expect(await runCli(["migrate"], first.io)).toBe(0);
    expect(first.text()).toContain("Applied: 0001-instance");
    const second = recordingIO(env);
    expect(await runCli(["migrate"], second.io)).toBe(0);
    expect(second.text()).toContain("up to date");
  });

  it("creates every job queue before the web and the workers start, so they never race to", async () => {
    const dir = tempDir();
    const run = recordingIO({ LEDGERLINK_DATA_DIR: dir });
    expect(await runCli(["migrate"], run.io)).toBe(0);
    expect(run.text()).toContain(`Job queues ready (${jobCatalogue.length}).`);
    const database = await openDatabase({ dataDir: join(dir, "db") });
    try {
      const { rows } = await database.executeSql("SELECT name FROM pgboss.queue ORDER BY name");
      const names = (rows as Array<{ name: string }>).map((r) => r.name);
      expect(names).toEqual(jobCatalogue.map((j) => j.name).sort());
    } finally {
      await database.close();
    }
  });

  it("doctor says what to fix (pending migrations, missing credentials) and passes once migrated", async () => {
    const env = { LEDGERLINK_DATA_DIR: tempDir() };
    const fresh = recordingIO(env);
    expect(await runCli(["doctor"], fresh.io)).toBe(1); // migrations pending on a new directory
    expect(fresh.text()).toContain("run `ledgerlink migrate`");
    expect(fresh.text()).toContain("HUBSPOT_CLIENT_ID");
    expect(fresh.text()).toContain("automation e-mail: not configured (SMTP_URL, SMTP_FROM)");
    await runCli(["migrate"], recordingIO(env).io);
    const ready = recordingIO(env);
    expect(await runCli(["doctor"], ready.io)).toBe(0);
    expect(ready.text()).toContain("✓ migrations: all applied");
  });

  it("status reads the database and changes nothing", async () => {
    const env = { LEDGERLINK_DATA_DIR: tempDir() };
    await runCli(["migrate"], recordingIO(env).io);
    const status = recordingIO(env);
    expect(await runCli(["status"], status.io)).toBe(0);
    expect(status.text()).toContain("Migrations: up to date");
    expect(status.text()).toContain("Workers alive: 0");
    expect(status.text()).toContain("Queued jobs: 0");
    expect(status.text()).toContain("QuickBooks companies: 0");
    expect(status.text()).toContain("Last reconcile: never");
    expect(status.text()).toContain("Failures in the last 24 hours: 0");
  });
});

describe("ledgerlink emulate arguments", () => {
  it.each([
    [["qbo"], { vendor: "qbo", options: { port: 3002, stateFile: undefined, rateLimits: true } }],
    [
      ["hubspot", "--port", "0", "--state", "s.json", "--no-rate-limits"],
      { vendor: "hubspot", options: { port: 0, stateFile: "s.json", rateLimits: false } },
    ],
  ])("parses %j", (args, expected) => {
    expect(parseEmulateArgs(args)).toEqual(expected);
  });

  it.each([[["salesforce"]], [["qbo", "--port", "http"]], [["qbo", "--bogus"]], [[]]])(
    "refuses %j",
    (args) => {
      expect(typeof parseEmulateArgs(args)).toBe("string");
    },
  );
});

describe("ledgerlink emulate", () => {
  it("serves the QBO emulator and says where", async () => {
    const { io, out } = recordingIO();
    expect(await runCli(["emulate", "qbo", "--port", "0", "--no-rate-limits"], io)).toBe(0);
    expect(out.join("\n")).toMatch(/^QBO emulator listening on http:\/\/127\.0\.0\.1:\d+$/m);
  });

  it("serves the HubSpot emulator and says where", async () => {
    const { io, out } = recordingIO();
    expect(await runCli(["emulate", "hubspot", "--port", "0"], io)).toBe(0);
    expect(out.join("\n")).toMatch(/^HubSpot emulator listening on http:\/\/127\.0\.0\.1:\d+$/m);
  });
});

describe("ledgerlink flags", () => {
  it.each([
    ["worker", ["--concurrency", "4"], "unknown option --concurrency"],
    ["serve", ["--embeded"], "unknown option --embeded"],
    ["doctor", ["-x"], "unknown option -x"],
    ["status", ["extra"], 'unexpected argument "extra"'],
    ["emulate", ["qbo", "--port"], "option --port needs a value"],
    ["emulate", ["qbo", "--state", "--no-rate-limits"], "option --state needs a value"],
    ["emulate", ["qbo", "--no-rate-limits=yes"], "option --no-rate-limits takes no value"],
    ["emulate", ["qbo", "--bogus", "1"], "unknown option --bogus"],
  ])("%s %j exits 2 with one line naming it and the usage", async (name, args, reason) => {
    const { io, out, err } = recordingIO();
    expect(await runCli([name, ...args], io)).toBe(2);
    expect(out).toEqual([]);
    expect(err).toHaveLength(1);
    const usage = commands.find((c) => c.name === name)!.usage.split("\n")[0]!;
    expect(err[0]).toBe(`ledgerlink ${name}: ${reason}. Usage: ${usage} (see \`ledgerlink ${name} --help\`)`);
  });

  it("every flag a command's help names is one it declares, and every declared flag is in its help", () => {
    for (const command of commands) {
      const named = new Set([...command.usage.matchAll(/(?<![\w-])--([a-z][a-z-]*)/g)].map((m) => m[1]!));
      named.delete("help");
      expect([...named].sort(), command.name).toEqual(Object.keys(command.flags).sort());
    }
  });

  it("the README's command table shows exactly the commands and flags the CLI has", () => {
    const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");
    const rows = [...readme.matchAll(/^\| `ledgerlink ([a-z]+)([^`]*)` +\|/gm)];
    expect(rows.map((r) => r[1]).sort()).toEqual(commands.map((c) => c.name).sort());
    for (const [, name, rest] of rows) {
      const flags = [...rest!.matchAll(/--([a-z][a-z-]*)/g)].map((m) => m[1]).sort();
      expect(flags, name).toEqual(Object.keys(commands.find((c) => c.name === name)!.flags).sort());
    }
  });
});

describe("ledgerlink --version", () => {
  const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as {
    version: string;
  };

  it.each([["--version"], ["-v"]])("%s prints package.json's version and exits 0", async (flag) => {
    const { io, out, err } = recordingIO();
    expect(await runCli([flag], io)).toBe(0);
    expect(pkg.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(out).toEqual([`ledgerlink ${pkg.version}`]);
    expect(err).toEqual([]);
  });

  it.each([["help"], ["--help"]])("%s mentions it", async (arg) => {
    const { io, out } = recordingIO();
    expect(await runCli([arg], io)).toBe(0);
    expect(out.join("\n")).toContain("ledgerlink --version");
  });
});

describe("ledgerlink doctor names the real database error", () => {
  const key = Buffer.alloc(32, 7).toString("base64");
  const databaseLine = (text: string) => text.split("\n").find((l) => l.includes("database:"));

  it("a closed port: connection refused at that address", async () => {
    const port = await closedPort();
    const { io, text } = recordingIO({
      DATABASE_URL: `postgres://postgres@127.0.0.1:${port}/ledgerlink`,
      LEDGERLINK_SECRET_KEY: key,
    });
    expect(await runCli(["doctor"], io)).toBe(1);
    expect(databaseLine(text())).toBe(
      `✗ database: PostgreSQL server 127.0.0.1:${port}, database "ledgerlink": ` +
        `connection refused at 127.0.0.1:${port} (check DATABASE_URL)`,
    );
  });

  it.skipIf(!process.env.TEST_DATABASE_URL)("a database the server does not have: its name", async () => {
    const url = new URL(process.env.TEST_DATABASE_URL!);
    const name = `no_such_db_${Date.now().toString(36)}`;
    url.pathname = `/${name}`;
    const { io, text } = recordingIO({ DATABASE_URL: url.toString(), LEDGERLINK_SECRET_KEY: key });
    expect(await runCli(["doctor"], io)).toBe(1);
    expect(databaseLine(text())).toBe(
      `✗ database: PostgreSQL server ${url.host}, database "${name}": ` +
        `database "${name}" does not exist (check DATABASE_URL)`,
    );
  });
});

describe("ledgerlink demo names the port that stops it", () => {
  const demoEnv = (extra: Record<string, string>) => ({
    LEDGERLINK_DATA_DIR: tempDir(),
    LOG_LEVEL: "silent",
    ...extra,
  });

  it("a port fetch refuses exits 2 before anything starts, naming the variable", async () => {
    const { io, err } = recordingIO(demoEnv({ PORT: "6000", DEMO_HUBSPOT_PORT: "0", DEMO_QBO_PORT: "0" }));
    expect(await runCli(["demo"], io)).toBe(2);
    expect(err).toEqual([
      'ledgerlink demo: PORT=6000 is a port fetch refuses to connect to ("bad port"); choose another',
    ]);
  });

  it("PORT=0 without PUBLIC_URL exits 2 saying to set PORT", async () => {
    const { io, err } = recordingIO(demoEnv({ PORT: "0", DEMO_HUBSPOT_PORT: "0", DEMO_QBO_PORT: "0" }));
    expect(await runCli(["demo"], io)).toBe(2);
    expect(err.join("\n")).toContain("PORT=0 cannot be used by the demo");
  });

  it("an invalid PORT exits 2 naming it", async () => {
    const { io, err } = recordingIO(demoEnv({ PORT: "70000" }));
    expect(await runCli(["demo"], io)).toBe(2);
    expect(err.join("\n")).toMatch(/^Invalid configuration:.*PORT/s);
  });

  it("an emulator port in use: which variable, which port, what to do", async () => {
    const busy = await occupiedPort();
    try {
      const { io, err } = recordingIO(
        demoEnv({
          PORT: String(await closedPort()),
          DEMO_HUBSPOT_PORT: String(busy.port),
          DEMO_QBO_PORT: "0",
        }),
      );
      expect(await runCli(["demo"], io)).toBe(1);
      expect(err).toEqual([
        `ledgerlink demo: could not start the emulators: DEMO_HUBSPOT_PORT=${busy.port} is already in use ` +
          "(another `npm start` or `ledgerlink` still running?): stop that process or set DEMO_HUBSPOT_PORT to a free port",
      ]);
    } finally {
      await busy.close();
    }
  });

  it('the web port in use: names PORT, not "fetch failed"', async () => {
    const busy = await occupiedPort();
    try {
      const { io, err } = recordingIO(
        demoEnv({ PORT: String(busy.port), DEMO_HUBSPOT_PORT: "0", DEMO_QBO_PORT: "0" }),
      );
      expect(await runCli(["demo"], io)).toBe(1);
      expect(err).toEqual([
        `ledgerlink demo: PORT=${busy.port} is already in use ` +
          "(another `npm start` or `ledgerlink` still running?): stop that process or set PORT to a free port",
      ]);
    } finally {
      await busy.close();
    }
  });
});
