import { describe, expect, it } from "vitest";
import { loadConfig, type Config } from "../../config.ts";
import { PATHS } from "../../http/paths.ts";
import {
  NOT_IN_A_CONSOLE,
  consoleValues,
  hubspotAppCheck,
  intuitAppCheck,
  intuitEnvironmentCheck,
  publicUrlCheck,
} from "./doctor-vendors.ts";

const HUBSPOT = {
  HUBSPOT_CLIENT_ID: "1a2b3c4d-0000-4000-8000-00000000abcd",
  HUBSPOT_CLIENT_SECRET: "9f8e7d6c-0000-4000-8000-00000000dcba",
  HUBSPOT_APP_ID: "1234567",
};
const INTUIT = {
  INTUIT_CLIENT_ID: "ABcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLmn",
  INTUIT_CLIENT_SECRET: "abcdefghijklmnopqrstuvwxyz0123456789ABCD",
  INTUIT_WEBHOOK_VERIFIER_TOKEN: "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0",
};
const PUBLIC = { PUBLIC_URL: "https://ledgerlink.example.org" };

function config(env: Record<string, string>): Config {
  const result = loadConfig(env);
  if (!result.ok) throw new Error(result.problems.join("; "));
  return result.config;
}

describe("doctor: the vendor apps' values (setup guides)", () => {
  it("passes a complete production configuration and prints what to paste into each console", () => {
    const c = config({ ...HUBSPOT, ...INTUIT, ...PUBLIC });
    for (const check of [publicUrlCheck(c), hubspotAppCheck(c), intuitAppCheck(c)]) {
      expect(check, check.detail).toMatchObject({ status: "ok" });
    }
    expect(intuitEnvironmentCheck(c).detail).toContain("production: use the Production keys");
    expect(consoleValues(c)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /HubSpot redirect URL: +https:\/\/ledgerlink\.example\.org\/oauth\/hubspot\/callback$/,
        ),
        expect.stringMatching(
          /HubSpot webhook target URL: +https:\/\/ledgerlink\.example\.org\/webhooks\/hubspot$/,
        ),
        expect.stringMatching(
          /Intuit redirect URI: +https:\/\/ledgerlink\.example\.org\/oauth\/qbo\/callback$/,
        ),
        expect.stringMatching(
          /Intuit webhook endpoint URL: +https:\/\/ledgerlink\.example\.org\/webhooks\/qbo$/,
        ),
      ]),
    );
  });

  it("only warns when a vendor is not configured at all, naming every variable", () => {
    const c = config({});
    expect(hubspotAppCheck(c)).toMatchObject({ status: "warn" });
    expect(hubspotAppCheck(c).detail).toContain("HUBSPOT_CLIENT_ID, HUBSPOT_CLIENT_SECRET, HUBSPOT_APP_ID");
    expect(intuitAppCheck(c).detail).toContain("INTUIT_WEBHOOK_VERIFIER_TOKEN");
    expect(publicUrlCheck(c)).toMatchObject({
      status: "ok",
      detail: "http://localhost:3000 (emulators only)",
    });
  });

  it.each([
    ["HUBSPOT_CLIENT_SECRET", "the app's Auth tab, Client secret"],
    ["HUBSPOT_APP_ID", "the app's overview, App ID"],
  ])("fails a half-configured HubSpot app: %s missing, and says where to find it", (missing, where) => {
    const env: Record<string, string> = { ...HUBSPOT, ...PUBLIC };
    delete env[missing];
    const check = hubspotAppCheck(config(env));
    expect(check.status).toBe("fail");
    expect(check.detail).toContain(`missing ${missing} (${where})`);
    expect(check.detail).toContain("docs/setup-hubspot.md");
  });

  it("fails the Intuit verifier token when missing, with where Intuit shows it", () => {
    const { INTUIT_WEBHOOK_VERIFIER_TOKEN: _token, ...rest } = INTUIT;
    const check = intuitAppCheck(config({ ...rest, ...PUBLIC }));
    expect(check).toMatchObject({ status: "fail" });
    expect(check.detail).toContain("INTUIT_WEBHOOK_VERIFIER_TOKEN (Webhooks, Show verifier token)");
    expect(check.detail).toContain("docs/setup-quickbooks.md");
  });

  it.each([
    [
      { HUBSPOT_CLIENT_ID: "ledgerlink-dev" },
      "HUBSPOT_CLIENT_ID is not a HubSpot client ID or secret (a UUID)",
    ],
    [
      { HUBSPOT_CLIENT_SECRET: " 9f8e7d6c-0000-4000-8000-00000000dcba" },
      "HUBSPOT_CLIENT_SECRET has spaces around it",
    ],
    [
      { HUBSPOT_CLIENT_ID: '"1a2b3c4d-0000-4000-8000-00000000abcd"' },
      "HUBSPOT_CLIENT_ID is wrapped in quotes",
    ],
    [{ HUBSPOT_CLIENT_SECRET: "<client secret>" }, "HUBSPOT_CLIENT_SECRET is still a placeholder"],
  ])("fails a malformed HubSpot value %j", (over, says) => {
    const check = hubspotAppCheck(config({ ...HUBSPOT, ...PUBLIC, ...over }));
    expect(check).toMatchObject({ status: "fail" });
    expect(check.detail).toContain(says);
  });

  it("accepts any credentials against the emulators, but still catches copy mistakes", () => {
    const emulated = {
      HUBSPOT_API_BASE_URL: "http://127.0.0.1:3001",
      INTUIT_API_BASE_URL: "http://127.0.0.1:3002",
    };
    const c = config({
      ...emulated,
      HUBSPOT_CLIENT_ID: "dev",
      HUBSPOT_CLIENT_SECRET: "s",
      HUBSPOT_APP_ID: "1",
    });
    expect(hubspotAppCheck(c).status).toBe("ok");
    expect(publicUrlCheck(c).status).toBe("ok");
    expect(intuitEnvironmentCheck(c).detail).toContain("an emulator");
    const quoted = config({
      ...emulated,
      INTUIT_CLIENT_ID: "'abc'",
      INTUIT_CLIENT_SECRET: "s",
      INTUIT_WEBHOOK_VERIFIER_TOKEN: "v",
    });
    expect(intuitAppCheck(quoted).detail).toContain("INTUIT_CLIENT_ID is wrapped in quotes");
  });

  it("fails a short Intuit key against the real Intuit", () => {
    const check = intuitAppCheck(config({ ...INTUIT, INTUIT_CLIENT_SECRET: "abc123" }));
    expect(check.detail).toContain("INTUIT_CLIENT_SECRET is too short (Keys and credentials, Client Secret)");
  });

  it("says which Intuit keys a sandbox needs", () => {
    const c = config({ ...INTUIT, INTUIT_API_BASE_URL: "https://sandbox-quickbooks.api.intuit.com" });
    expect(intuitEnvironmentCheck(c).detail).toContain("sandbox: use the Development keys");
  });

  it.each([
    [{}, "fail", "is this machine only (is PUBLIC_URL set?)"],
    [{ PUBLIC_URL: "http://ledgerlink.example.org" }, "fail", "is not HTTPS"],
    [{ PUBLIC_URL: "https://ledgerlink.example.org/app" }, "fail", "has a path or query"],
  ])("fails a public URL the real vendors cannot use: %j", (env, status, says) => {
    const check = publicUrlCheck(config({ ...HUBSPOT, ...env }));
    expect(check.status).toBe(status);
    expect(check.detail).toContain(says);
    expect(check.detail).toContain("set PUBLIC_URL to the https:// address");
  });

  it("only warns about plain HTTP while no real vendor app is configured", () => {
    expect(publicUrlCheck(config({ PUBLIC_URL: "http://ledgerlink.lan" })).status).toBe("warn");
  });
});

describe("doctor: every URL the vendor consoles need (from http/paths.ts)", () => {
  const c = config(PUBLIC);

  it("prints each vendor-facing path of PATHS at PUBLIC_URL, and the host domain", () => {
    const lines = consoleValues(c);
    for (const [name, path] of Object.entries(PATHS)) {
      if (NOT_IN_A_CONSOLE.has(name)) continue;
      expect(
        lines.some((l) => l.endsWith(` https://ledgerlink.example.org${path}`)),
        name,
      ).toBe(true);
    }
    expect(lines).toContainEqual(
      expect.stringMatching(
        /HubSpot workflow action options URL: +https:\/\/ledgerlink\.example\.org\/hubspot\/workflow-actions\/create-invoice\/companies$/,
      ),
    );
    expect(lines).toContainEqual(expect.stringMatching(/Intuit host domain: +ledgerlink\.example\.org$/));
  });

  it("labels Intuit's Launch and Disconnect URLs, and a path nobody labelled yet by its name", () => {
    const lines = consoleValues(c, {
      intuitLaunch: "/intuit/launch",
      intuitDisconnect: "/intuit/disconnect",
      quickbooksEulaPage: "/legal/eula",
    });
    expect(lines).toContainEqual(
      expect.stringMatching(/Intuit Launch URL: +https:\/\/ledgerlink\.example\.org\/intuit\/launch$/),
    );
    expect(lines).toContainEqual(
      expect.stringMatching(
        /Intuit Disconnect URL: +https:\/\/ledgerlink\.example\.org\/intuit\/disconnect$/,
      ),
    );
    expect(lines).toContainEqual(
      expect.stringMatching(/Quickbooks eula page: +https:\/\/ledgerlink\.example\.org\/legal\/eula$/),
    );
  });

  it("leaves out the pages the app card opens itself, and paths with parameters", () => {
    const text = consoleValues(c).join("\n");
    expect(text).not.toContain(PATHS.embedNewInvoice);
    expect(text).not.toContain("/:key");
  });
});
