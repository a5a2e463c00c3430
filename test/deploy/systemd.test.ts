import { execFile } from "node:child_process";
import { copyFileSync, existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { commands } from "../../src/cli/run.ts";
import { configSchema } from "../../src/config.ts";
import { parseUnit, read, root, type Unit } from "./deploy-files.ts";

/** The systemd units in deploy/: parsed here always, and verified by systemd itself where it exists. */
const units = {
  migrate: "deploy/ledgerlink-migrate.service",
  web: "deploy/ledgerlink-web.service",
  worker: "deploy/ledgerlink-worker@.service",
} as const;
const parsed = Object.fromEntries(
  Object.entries(units).map(([k, path]) => [k, parseUnit(read(path))]),
) as Record<keyof typeof units, Unit>;
const one = (unit: Unit, section: string, key: string) => unit[section]?.[key]?.at(-1);

/** What every unit must set so a compromised process can do as little as possible. */
const hardening: Record<string, string> = {
  NoNewPrivileges: "yes",
  ProtectSystem: "strict",
  ProtectHome: "yes",
  PrivateTmp: "yes",
  PrivateDevices: "yes",
  ProtectKernelTunables: "yes",
  ProtectKernelModules: "yes",
  ProtectControlGroups: "yes",
  RestrictSUIDSGID: "yes",
  LockPersonality: "yes",
  CapabilityBoundingSet: "",
  SystemCallArchitectures: "native",
};

describe("systemd units", () => {
  it.each(Object.keys(units))("%s runs a real CLI command of the installed copy, as production", (name) => {
    const unit = parsed[name as keyof typeof units];
    const exec = one(unit, "Service", "ExecStart")!.split(/\s+/);
    expect(exec.slice(0, 2)).toEqual(["/usr/bin/node", "/opt/ledgerlink/bin/ledgerlink.js"]);
    expect(existsSync(join(root, "bin/ledgerlink.js"))).toBe(true);
    expect(commands.map((c) => c.name)).toContain(exec[2]);
    expect(exec).toHaveLength(3);
    expect(one(unit, "Service", "EnvironmentFile")).toBe("/etc/ledgerlink/ledgerlink.env");
    const env = (unit.Service?.Environment ?? []).map((e) => e.split("=")[0]!);
    expect(env).toContain("NODE_ENV");
    expect(env.filter((n) => !(n in configSchema.shape))).toEqual([]);
    expect(one(unit, "Install", "WantedBy")).toBe("multi-user.target");
  });

  it.each(Object.keys(units))("%s is sandboxed and unprivileged", (name) => {
    const unit = parsed[name as keyof typeof units];
    for (const [key, value] of Object.entries(hardening))
      expect(one(unit, "Service", key), `${name}: ${key}`).toBe(value);
    const user = one(unit, "Service", "User");
    expect(one(unit, "Service", "DynamicUser") === "yes" || (user !== undefined && user !== "root")).toBe(
      true,
    );
    // V8's JIT writes executable memory: this setting would kill node at start.
    expect(one(unit, "Service", "MemoryDenyWriteExecute")).toBeUndefined();
  });

  it("runs the migration once, and the web and workers only after it succeeded", () => {
    expect(one(parsed.migrate, "Service", "Type")).toBe("oneshot");
    expect(one(parsed.migrate, "Service", "ExecStart")).toMatch(/ migrate$/);
    for (const unit of [parsed.web, parsed.worker]) {
      expect(unit.Unit?.Requires?.join(" ")).toContain("ledgerlink-migrate.service");
      expect(unit.Unit?.After?.join(" ")).toContain("ledgerlink-migrate.service");
      expect(one(unit, "Service", "Restart")).toBe("on-failure");
    }
    expect(one(parsed.web, "Service", "ExecStart")).toMatch(/ serve$/);
    expect(one(parsed.worker, "Service", "ExecStart")).toMatch(/ worker$/);
    expect(one(parsed.worker, "Unit", "Description")).toContain("%i");
  });

  it("refuses a line that is neither a section nor a setting", () => {
    expect(() => parseUnit("[Service]\nExecStart /bin/true\n")).toThrow(/line 2/);
  });

  const analyze = ["/usr/bin/systemd-analyze", "/bin/systemd-analyze"].find((p) => existsSync(p));
  it.skipIf(!analyze)("pass `systemd-analyze verify` with no warning", async () => {
    const dir = mkdtempSync(join(tmpdir(), "ledgerlink-units-"));
    try {
      const files = Object.values(units).map((path) => {
        const name = path.split("/").pop()!;
        // verify insists that ExecStart's program exists; stand in this machine's node if needed.
        const text = read(path);
        writeFileSync(
          join(dir, name),
          existsSync("/usr/bin/node") ? text : text.replaceAll("/usr/bin/node", process.execPath),
        );
        return join(dir, name);
      });
      // A template is verified through an instance of it.
      copyFileSync(join(dir, "ledgerlink-worker@.service"), join(dir, "ledgerlink-worker@1.service"));
      files.push(join(dir, "ledgerlink-worker@1.service"));
      const run = promisify(execFile);
      const result = await run(analyze!, ["verify", ...files], { cwd: dir }).catch(
        (error: { stderr?: string; message: string }) => ({
          stdout: "",
          stderr: error.stderr || error.message,
        }),
      );
      expect(result.stderr.trim(), "systemd-analyze verify output").toBe("");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
