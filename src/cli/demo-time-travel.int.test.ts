import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../config.ts";
import { silentLogger } from "../lib/logger.ts";
import { startRuntime, type Runtime } from "../main.ts";
import { startDemoEmulators, type DemoEmulators } from "./demo-world.ts";

const DAY_S = 86_400;

/**
 * The demo's wiring (ADR 0025): one clock under both emulators and Ledgerlink. Moving it through
 * either emulator's public `POST /__emulator/clock` or Ledgerlink's banner moves all three, and each
 * jump enqueues the scheduled jobs at once. The web role only, so the enqueued jobs stay to be counted.
 */
describe("the demo's shared clock", () => {
  let dataDir: string;
  let emulators: DemoEmulators;
  let runtime: Runtime;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), "ll-demo-time-"));
    emulators = await startDemoEmulators(dataDir, { hubspot: 0, qbo: 0 });
    const config = loadConfig({ LEDGERLINK_DATA_DIR: dataDir, PORT: "0", ...emulators.env });
    if (!config.ok) throw new Error(config.problems.join());
    runtime = await startRuntime(config.config, { web: true, worker: false }, silentLogger, emulators.clock);
  });
  afterAll(async () => {
    await runtime?.close();
    await emulators?.close();
  });

  const clockOf = async (url: string) =>
    Date.parse(((await (await fetch(`${url}/__emulator/clock`)).json()) as { now: string }).now);
  const moveVia = (url: string, body: unknown) =>
    fetch(`${url}/__emulator/clock`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: typeof body === "string" ? body : JSON.stringify(body),
    });
  /** The three clocks, read together (the shared clock runs: a few ms pass between reads). */
  const clocks = async () => ({
    hubspot: await clockOf(emulators.hubspot.url),
    qbo: await clockOf(emulators.qbo.url),
    ledgerlink: runtime.clock.now().getTime(),
  });
  const expectTogether = (c: { hubspot: number; qbo: number; ledgerlink: number }, aheadS: number) => {
    for (const [who, ms] of Object.entries(c)) {
      expect(Math.abs(ms - c.hubspot), who).toBeLessThan(5_000);
      expect(Math.abs(ms - (Date.now() + aheadS * 1000)), who).toBeLessThan(30_000);
    }
  };
  const queued = async (name: string) =>
    (await runtime.queue.depth()).find((q) => q.name === name)?.queued ?? 0;

  it("is the same clock for both emulators and Ledgerlink, at the real time to begin with", async () => {
    expectTogether(await clocks(), 0);
    expect(runtime.timeJumps).toBeDefined();
  });

  it("moves all three through the QBO emulator's control route, and the scheduled jobs are enqueued at once", async () => {
    const before = { overdue: await queued("overdue-pass"), reconcile: await queued("reconcile-all") };
    const res = await moveVia(emulators.qbo.url, { advanceSeconds: 40 * DAY_S });
    expect(res.status).toBe(200);
    expectTogether(await clocks(), 40 * DAY_S);
    await runtime.timeJumps!.settled();
    expect(await queued("overdue-pass")).toBe(before.overdue + 1);
    expect(await queued("reconcile-all")).toBe(before.reconcile + 1);
    // A restarted demo is still this far ahead.
    const saved = JSON.parse(readFileSync(join(dataDir, "emulators", "clock.json"), "utf8")) as {
      aheadMs: number;
    };
    expect(Math.abs(saved.aheadMs - 40 * DAY_S * 1000)).toBeLessThan(30_000);
  });

  it("moves all three through the HubSpot emulator's control route, by a date", async () => {
    const target = new Date(Date.now() + 45 * DAY_S * 1000).toISOString();
    const res = await moveVia(emulators.hubspot.url, { now: target });
    expect(res.status).toBe(200);
    expectTogether(await clocks(), 45 * DAY_S);
  });

  it("refuses a move back through either emulator with 409, and nothing moves", async () => {
    const before = await clocks();
    const back = await moveVia(emulators.hubspot.url, { now: new Date().toISOString() });
    expect(back.status).toBe(409);
    expect(((await back.json()) as { error: string }).error).toMatch(/only moves forward/);
    expect((await moveVia(emulators.qbo.url, { advanceSeconds: -DAY_S })).status).toBe(409);
    const after = await clocks();
    expect(after.qbo - before.qbo).toBeLessThan(30_000);
    expect(after.ledgerlink - before.ledgerlink).toBeLessThan(30_000);
  });

  it.each([
    ["not JSON", "forty days"],
    ["an unknown field", { days: 40 }],
    ["a date without offset", { now: "2027-01-01" }],
  ])("refuses a body with %s (400), and nothing moves", async (_name, body) => {
    const before = await clocks();
    for (const url of [emulators.hubspot.url, emulators.qbo.url])
      expect((await moveVia(url, body)).status).toBe(400);
    expect((await clocks()).ledgerlink - before.ledgerlink).toBeLessThan(30_000);
  });

  it("moves all three from Ledgerlink's banner, and enqueues the scheduled jobs again", async () => {
    const ledgerlink = `http://127.0.0.1:${runtime.port}`;
    const home = await fetch(`${ledgerlink}/`);
    const page = await home.text();
    expect(page).toContain("Travel forward:");
    const csrf = /ll_csrf=([^;]+)/.exec(home.headers.get("set-cookie") ?? "")?.[1] ?? "";
    const before = { clocks: await clocks(), overdue: await queued("overdue-pass") };
    const res = await fetch(`${ledgerlink}/demo/clock`, {
      method: "POST",
      redirect: "manual",
      headers: { cookie: `ll_csrf=${csrf}`, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ _csrf: csrf, days: "7", back: "/reports" }).toString(),
    });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/reports");
    const after = await clocks();
    expect(Math.abs(after.qbo - before.clocks.qbo - 7 * DAY_S * 1000)).toBeLessThan(30_000);
    expect(Math.abs(after.hubspot - after.ledgerlink)).toBeLessThan(5_000);
    await runtime.timeJumps!.settled();
    expect(await queued("overdue-pass")).toBe(before.overdue + 1);
  });
});
