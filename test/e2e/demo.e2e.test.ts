import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { chromiumAvailable, launchBrowser } from "../support/browser.ts";

/** A free port, found by binding port 0 (the demo's own 3000–3002 may be in use). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port")),
      );
    });
  });
}

/** Starts `ledgerlink demo` and resolves with its printed Ledgerlink URL once it is ready. */
function startDemo(env: Record<string, string>): {
  child: ChildProcess;
  ready: Promise<string>;
  printed: () => string;
} {
  const child = spawn(process.execPath, ["--import", "tsx", "src/cli/main.ts", "demo"], {
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  const printed = () => out;
  const ready = new Promise<string>((resolve, reject) => {
    child.stdout!.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const url = /Ledgerlink demo running: (\S+)/.exec(out)?.[1];
      // Resolve once the whole banner is out (the deal URL is its last line but one).
      if (url && out.includes("Data directory:")) resolve(url);
    });
    let err = "";
    child.stderr!.on("data", (chunk: Buffer) => (err += chunk.toString()));
    child.on("exit", (code) => reject(new Error(`demo exited ${code}: ${err.slice(-2000)}`)));
  });
  return { child, ready, printed };
}

/**
 * The demo story: from a fresh data directory `npm start` brings up both emulators and
 * Ledgerlink, connected; a person signs in with HubSpot and sees the portal and both companies.
 */
describe.skipIf(!chromiumAvailable())("npm start, seen in Chromium (A1, A2)", () => {
  let browser: Browser;
  let demo: ReturnType<typeof startDemo>;
  let url: string;

  beforeAll(async () => {
    const [port, hubspot, qbo] = [await freePort(), await freePort(), await freePort()];
    demo = startDemo({
      PORT: String(port),
      DEMO_HUBSPOT_PORT: String(hubspot),
      DEMO_QBO_PORT: String(qbo),
      LEDGERLINK_DATA_DIR: mkdtempSync(join(tmpdir(), "ll-demo-")),
      LOG_LEVEL: "warn",
    });
    url = await demo.ready;
    browser = await launchBrowser();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    if (demo?.child.exitCode === null) {
      const exited = new Promise((resolve) => demo.child.once("exit", resolve));
      demo.child.kill("SIGTERM");
      await exited;
    }
  });

  it("signs in with HubSpot and shows HubSpot and both QuickBooks companies connected", async () => {
    const page = await (await browser.newContext({ locale: "en-US" })).newPage();
    await page.goto(`${url}/signin`);
    await page.click("a.button[href^='/auth/hubspot']");
    await page.waitForSelector("button[value=approve]");
    await page.click("button[value=approve]");
    await page.waitForURL((u) => u.toString().startsWith(url));
    await page.goto(`${url}/connections`);
    const text = await page.locator("main").innerText();
    expect(text).toContain("20000001");
    expect(text).toContain("Craig's Design and Landscaping");
    expect(text).toContain("Thames Garden Studio Ltd");
    // The portal set-up ran with the scopes Ledgerlink asks for: every property it needs was created.
    await expect
      .poll(
        async () => {
          await page.goto(`${url}/activity`);
          return page.locator("main").innerText();
        },
        { timeout: 30_000, interval: 500 },
      )
      .toMatch(/set up HubSpot properties \(\d+ created/);
  }, 60_000);

  it("shows the Integration invoices card on the printed demo deal", async () => {
    const dealUrl = /A demo deal in HubSpot: (\S+)/.exec(demo.printed())?.[1];
    expect(dealUrl).toBeDefined();
    const page = await (await browser.newContext({ locale: "en-US" })).newPage();
    await page.goto(dealUrl!);
    const card = page.locator("article.card");
    await expect.poll(() => card.locator("h3").first().textContent()).toContain("Integration invoices");
    expect(await card.getByRole("button", { name: "Create invoice" }).count()).toBe(1);
    expect(await card.getByRole("button", { name: "Add existing invoice" }).count()).toBe(1);
  }, 60_000);

  it("travels a week from the banner, moving both emulators and Ledgerlink together (ADR 0025)", async () => {
    const emulators = /HubSpot emulator: (\S+)\s+QuickBooks Online emulator: (\S+)/.exec(demo.printed());
    expect(emulators).not.toBeNull();
    const clockOf = async (emulator: string) =>
      Date.parse(((await (await fetch(`${emulator}/__emulator/clock`)).json()) as { now: string }).now);
    const page = await (
      await browser.newContext({ locale: "en-US", viewport: { width: 900, height: 700 } })
    ).newPage();
    await page.goto(`${url}/signin`);
    const shown = async () => Date.parse((await page.getByTestId("demo-now").getAttribute("datetime")) ?? "");
    const before = { ledgerlink: await shown(), hubspot: await clockOf(emulators![1]!) };
    expect(Math.abs(before.ledgerlink - Date.now())).toBeLessThan(60_000); // a fresh demo: real time
    await page.locator("aside.demo-banner").getByRole("button", { name: "1 week" }).click();
    await page.waitForLoadState();
    const week = 7 * 86_400_000;
    expect(Math.abs((await shown()) - before.ledgerlink - week)).toBeLessThan(60_000);
    for (const emulator of [emulators![1]!, emulators![2]!])
      expect(Math.abs((await clockOf(emulator)) - before.hubspot - week)).toBeLessThan(60_000);
    await page.screenshot({ path: "screenshots/demo-banner-week-on.png" });
  }, 60_000);
});
