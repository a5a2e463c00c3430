import { mkdtempSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadConfig } from "./config.ts";
import { silentLogger } from "./lib/logger.ts";
import { systemClock } from "./lib/clock.ts";
import { startRuntime } from "./main.ts";

function demoConfig(dataDir: string) {
  const result = loadConfig({ LEDGERLINK_DATA_DIR: dataDir, PORT: "0" });
  if (!result.ok) throw new Error(result.problems.join());
  return result.config;
}

describe("the demo runtime (web + worker on the embedded database)", () => {
  it("serves the home page, keeps its data and its secret key across a restart", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "ll-demo-"));
    const config = demoConfig(dataDir);

    const first = await startRuntime(config, { web: true, worker: true }, silentLogger);
    const page = await fetch(`http://127.0.0.1:${first.port}/`).then((r) => r.text());
    const installed = /data-testid="installed-at">([^<]+)</.exec(page)?.[1];
    expect(installed).toBeTruthy();
    expect(page).toMatch(/Workers[\s\S]*pid \d+/); // the worker's heartbeat is on the page
    const sealed = first.secrets.seal("kept");
    await first.close();

    const keyFile = join(dataDir, "secret.key");
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);

    // Without the demo's clock (serve, worker): the system's, and no time travel (ADR 0025).
    expect(first.clock).toBe(systemClock);
    expect(first.timeJumps).toBeUndefined();
    expect(page).not.toContain("demo-banner");

    const second = await startRuntime(config, { web: true, worker: true }, silentLogger);
    const again = await fetch(`http://127.0.0.1:${second.port}/`).then((r) => r.text());
    expect(/data-testid="installed-at">([^<]+)</.exec(again)?.[1]).toBe(installed);
    expect(second.secrets.open(sealed)).toBe("kept");
    const ready = await fetch(`http://127.0.0.1:${second.port}/readyz`);
    expect(ready.status).toBe(200);
    // "Travel forward" exists only in the demo: a well-formed, CSRF-valid post finds nothing here.
    const home = await fetch(`http://127.0.0.1:${second.port}/`);
    const csrf = /ll_csrf=([^;]+)/.exec(home.headers.get("set-cookie") ?? "")?.[1] ?? "";
    const travel = await fetch(`http://127.0.0.1:${second.port}/demo/clock`, {
      method: "POST",
      redirect: "manual",
      headers: { cookie: `ll_csrf=${csrf}`, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ _csrf: csrf, days: "40" }).toString(),
    });
    expect(csrf).not.toBe("");
    expect(travel.status).toBe(404);
    await second.close();
  }, 120_000); // two starts of the embedded database: slow on a busy machine
});
